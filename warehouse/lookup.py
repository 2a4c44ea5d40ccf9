"""What is stored, indexed in memory for a run's per-batch look-ups: compare and near-duplicates.

Every batch asks the database two questions: which of its ids and content hashes are stored
(`stored_versions`), and which stored originals share an LSH band key with it
(`candidate_signatures`). As scans of `articles`, `article_bands` and `article_signatures` they cost
in proportion to the database, once per batch: quadratic over a run (1M articles: compare 256 s,
near-duplicates 1,704 s). DuckDB's own indexes do not help here: an ART index is kept whole in
memory (9 band keys per article do not fit the 256 MB DuckDB is given) and a join with a batch's
keys does not use it.

`StoredIndex` answers both from sorted arrays, with a binary search per key (`np.searchsorted`):
the cost per batch grows with the log of what is stored. It is built from the database when a run
first asks (one scan of `articles` and of the originals' signatures: the state lives in the
database, so a run after a crash or on another machine starts from what was committed) and is kept
up to date by each load (`after_load`). What it holds, per stored article: 16 bytes (64-bit hashes
of its id and content hash, which only say where to look: a hit is confirmed in the database, so a
hash collision costs a query, never a wrong answer); per original with words (`duplicate_of` null,
the only near-duplicate candidates) its signature and band keys, about 0.6 KB.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import numpy as np
import polars as pl

SIGNATURE_BYTES = 512  # 128 uint32 MinHash values (transforms/dedupe.py)
BandMatrix = Callable[[np.ndarray], np.ndarray]  # uint32 [n, 128] signatures -> int64 [n, bands] keys


def hash64(values: pl.Series) -> np.ndarray:
    """64-bit hashes of strings (Polars' hash: the same within a process, which is all the index needs:
    it is rebuilt in each process)."""
    return values.hash(seed=0).to_numpy().view(np.int64)


class SortedKeys:
    """A multiset of int64 keys, each with an int64 value, for batch look-ups by binary search.

    Added keys form sorted runs, merged while the newest is at least as large as the one before (as in
    a log-structured merge tree): O(log n) runs, each key moved O(log n) times in all, and a look-up
    is a `searchsorted` per run.
    """

    def __init__(self) -> None:
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []

    def __len__(self) -> int:
        return sum(k.size for k, _ in self.runs)

    def add(self, keys: np.ndarray, values: np.ndarray) -> None:
        if keys.size == 0:
            return
        order = np.argsort(keys, kind="stable")
        run = (keys[order], values[order])
        while self.runs and self.runs[-1][0].size <= run[0].size:
            last = self.runs.pop()
            k, v = np.concatenate([last[0], run[0]]), np.concatenate([last[1], run[1]])
            order = np.argsort(k, kind="stable")
            run = (k[order], v[order])
        self.runs.append(run)

    def find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every (position in `keys`, value) with an equal stored key."""
        at: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
        found: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
        for stored, values in self.runs:
            lo, hi = np.searchsorted(stored, keys, "left"), np.searchsorted(stored, keys, "right")
            n = hi - lo
            if not n.any():
                continue
            which = np.repeat(np.arange(keys.size), n)
            # positions lo..hi-1 of each key, flattened
            pos = np.repeat(lo - np.cumsum(n) + n, n) + np.arange(n.sum())
            at.append(which)
            found.append(values[pos])
        return np.concatenate(at), np.concatenate(found)

    def contains(self, keys: np.ndarray) -> np.ndarray:
        """Whether each of `keys` is stored."""
        hit = np.zeros(keys.size, dtype=bool)
        for stored, _ in self.runs:
            pos = np.minimum(np.searchsorted(stored, keys), stored.size - 1)
            hit |= stored[pos] == keys
        return hit


class StoredIndex:
    """The stored articles' ids and content hashes, and the originals' signatures by band key."""

    def __init__(self, band_matrix: BandMatrix) -> None:
        self.band_matrix = band_matrix
        self.ids = SortedKeys()  # hash64(article_id) of every stored article
        self.hashes = SortedKeys()  # hash64(content_hash)
        self.bands = SortedKeys()  # band key -> slot, for originals
        self.slot_ids = SortedKeys()  # hash64(article_id) -> slot, to retire an original that is replaced
        self.article_ids = pl.Series("article_id", [], dtype=pl.String)  # by slot
        self.signatures = np.zeros((0, SIGNATURE_BYTES // 4), dtype=np.uint32)  # by slot (capacity >= slots)
        self.alive = np.zeros(0, dtype=bool)  # by slot: false once its article was replaced
        self.slots = 0

    @classmethod
    def build(cls, con: duckdb.DuckDBPyConnection, band_matrix: BandMatrix) -> StoredIndex:
        """The index of what `con`'s database holds (one scan of `articles` and of the originals' signatures)."""
        index = cls(band_matrix)
        stored = con.sql("SELECT article_id, content_hash FROM articles").pl()
        index.ids.add(hash64(stored["article_id"]), np.zeros(stored.height, dtype=np.int64))
        index.hashes.add(hash64(stored["content_hash"]), np.zeros(stored.height, dtype=np.int64))
        originals = con.sql(
            "SELECT s.article_id, s.signature FROM article_signatures AS s JOIN articles AS a USING (article_id) "
            "WHERE a.duplicate_of IS NULL AND s.signature IS NOT NULL"
        ).pl()
        index._add_originals(originals)
        return index

    def _add_originals(self, signatures: pl.DataFrame) -> None:
        sigs = signatures.filter(pl.col("signature").is_not_null())
        n = sigs.height
        if n == 0:
            return
        matrix = np.frombuffer(b"".join(sigs["signature"].to_list()), dtype="<u4").reshape(n, -1)
        if self.slots + n > len(self.signatures):  # grow by half: amortised O(1) per signature
            grown = np.zeros((max(self.slots + n, len(self.signatures) * 3 // 2), matrix.shape[1]), dtype=np.uint32)
            grown[: self.slots] = self.signatures[: self.slots]
            self.signatures = grown
            alive = np.zeros(len(grown), dtype=bool)
            alive[: self.slots] = self.alive[: self.slots]
            self.alive = alive
        slots = np.arange(self.slots, self.slots + n, dtype=np.int64)
        self.signatures[slots] = matrix
        self.alive[slots] = True
        keys = self.band_matrix(matrix)
        self.bands.add(keys.reshape(-1), np.repeat(slots, keys.shape[1]))
        self.slot_ids.add(hash64(sigs["article_id"]), slots)
        self.article_ids.append(sigs["article_id"].cast(pl.String))
        if self.article_ids.n_chunks() > 64:
            self.article_ids = self.article_ids.rechunk()
        self.slots += n

    def possibly_stored(self, article_ids: list[str], content_hashes: list[str]) -> tuple[list[str], list[str]]:
        """The ids and content hashes that may be stored (the rest are not): the ones to look up."""
        ids, hashes = pl.Series(article_ids, dtype=pl.String), pl.Series(content_hashes, dtype=pl.String)
        return (
            ids.filter(pl.Series(self.ids.contains(hash64(ids)))).to_list(),
            hashes.filter(pl.Series(self.hashes.contains(hash64(hashes)))).to_list(),
        )

    def candidates(self, band_keys: np.ndarray, exclude_ids: list[str]) -> pl.DataFrame:
        """`article_id`, `signature` of the stored originals sharing a band key with `band_keys`, not in
        `exclude_ids`, sorted by id (as `db.candidate_signatures` returns them)."""
        _, slots = self.bands.find(np.unique(band_keys))
        slots = np.unique(slots)
        slots = slots[self.alive[slots]]
        found = pl.DataFrame(
            {
                "article_id": self.article_ids.gather(slots) if slots.size else pl.Series([], dtype=pl.String),
                "signature": pl.Series(
                    [row.astype("<u4").tobytes() for row in self.signatures[slots]], dtype=pl.Binary
                ),
            }
        )
        return found.filter(~pl.col("article_id").is_in(pl.Series(exclude_ids, dtype=pl.String).implode())).sort(
            "article_id"
        )

    def after_load(self, articles: pl.DataFrame, signatures: pl.DataFrame | None) -> None:
        """Count a committed batch: `articles` (`article_id`, `content_hash`, `duplicate_of`) as loaded,
        with their `signatures` (`article_id`, `signature`). A loaded article replaces any stored one
        of its id, so that one's signature stops being a candidate."""
        if articles.height == 0:
            return
        ids = hash64(articles["article_id"])
        replaced = articles.filter(pl.Series(self.ids.contains(ids)))["article_id"]
        if replaced.len():
            _, slots = self.slot_ids.find(hash64(replaced))
            if slots.size:  # (a 64-bit hash says where to look; the id itself decides)
                self.alive[slots[self.article_ids.gather(slots).is_in(replaced.implode()).to_numpy()]] = False
        self.ids.add(ids, np.zeros(ids.size, dtype=np.int64))
        self.hashes.add(hash64(articles["content_hash"]), np.zeros(articles.height, dtype=np.int64))
        if signatures is not None:
            originals = articles.filter(pl.col("duplicate_of").is_null()).select("article_id")
            self._add_originals(signatures.join(originals, on="article_id", how="semi"))
