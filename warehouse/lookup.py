"""What is stored, indexed for a run's per-batch look-ups: compare and near-duplicates.

Every batch asks the database two questions: which of its ids and content hashes are stored
(`stored_versions`), and which stored originals share an LSH band key with it
(`candidate_signatures`). As scans of `articles`, `article_bands` and `article_signatures` they cost
in proportion to the database, once per batch: quadratic over a run (1M articles: compare 256 s,
near-duplicates 1,704 s). DuckDB's own indexes do not help here: an ART index is kept whole in
memory (9 band keys per article do not fit the 256 MB DuckDB is given) and a join with a batch's
keys does not use it.

`StoredIndex` answers both from sorted arrays, with a binary search per key (`np.searchsorted`):
the cost per batch grows with the log of what is stored. It is built from the database when a run
first asks (one scan of `articles` and of the originals' signatures, a chunk at a time: the state
lives in the database, so a run after a crash or on another machine starts from what was committed)
and is kept up to date by each load (`after_load`). What it holds in memory, per stored article:
16 bytes (a 64-bit hash of its id and one of its content hash: a hit only says where to look and is
confirmed in the database, so a hash collision costs a query, never a wrong answer); per original
with words (`duplicate_of` null, the only near-duplicate candidates) its band keys, each with a
32-bit slot, and its id: about 140 bytes (689 with the signature, before).

The originals' MinHash signatures (512 bytes each, 0.5 GB at a million originals) are not held in
memory: they are needed only to confirm the few originals that share a band key with a batch. They
go to a scratch file of the run's own (`SignatureFile`: unlinked from the start, beside the database,
rebuilt by every run from the database, so nothing to keep consistent after a crash), written once
and read back by slot (`os.pread`: the page cache holds them, not the process). Fetching them from
`article_signatures` instead costs a scan of its `article_id` column per batch (it has no index):
10-20 ms at 100k stored articles, growing with the database; reading a thousand candidates from the
file takes about 2 ms, whatever its size.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable

import duckdb
import numpy as np
import polars as pl

SIGNATURE_BYTES = 512  # 128 uint32 MinHash values (transforms/dedupe.py)
BandMatrix = Callable[[np.ndarray], np.ndarray]  # uint32 [n, 128] signatures -> int64 [n, bands] keys
BUILD_CHUNK_ROWS = 50_000  # rows a build reads from the database at a time (its transient memory)


def hash64(values: pl.Series) -> np.ndarray:
    """64-bit hashes of strings (Polars' hash: the same within a process, which is all the index needs:
    it is rebuilt in each process)."""
    return values.hash(seed=0).to_numpy().view(np.int64)


def _merge_sorted(
    a: np.ndarray, av: np.ndarray | None, b: np.ndarray, bv: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray | None]:
    """Two sorted runs (keys, optional values) as one, `a`'s before `b`'s among equal keys: O(n), with
    no n-sized index array as a sort of the concatenation needs."""
    at = np.searchsorted(a, b, "right") + np.arange(b.size)  # where each of b's keys lands
    from_b = np.zeros(a.size + b.size, dtype=bool)
    from_b[at] = True
    keys = np.empty(a.size + b.size, dtype=a.dtype)
    keys[at], keys[~from_b] = b, a
    if av is None or bv is None:
        return keys, None
    values = np.empty(keys.size, dtype=av.dtype)
    values[at], values[~from_b] = bv, av
    return keys, values


class SortedKeys:
    """A multiset of int64 keys, each with a value (or none), for batch look-ups by binary search.

    Added keys form sorted runs, merged while the newest is at least as large as the one before (as in
    a log-structured merge tree): O(log n) runs, each key moved O(log n) times in all, and a look-up
    is a `searchsorted` per run.
    """

    def __init__(self) -> None:
        self.runs: list[tuple[np.ndarray, np.ndarray | None]] = []

    def __len__(self) -> int:
        return sum(k.size for k, _ in self.runs)

    @property
    def nbytes(self) -> int:
        return sum(k.nbytes + (0 if v is None else v.nbytes) for k, v in self.runs)

    def add(self, keys: np.ndarray, values: np.ndarray | None = None) -> None:
        if keys.size == 0:
            return
        keys = np.asarray(keys, dtype=np.int64)
        if values is None:
            run: tuple[np.ndarray, np.ndarray | None] = (np.sort(keys), None)
        else:
            order = np.argsort(keys, kind="stable")
            run = (keys[order], values[order])
        while self.runs and self.runs[-1][0].size <= run[0].size:
            last = self.runs.pop()
            run = _merge_sorted(last[0], last[1], run[0], run[1])
        self.runs.append(run)

    def find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every (position in `keys`, value) with an equal stored key (keys added with values)."""
        at: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
        found: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
        for stored, values in self.runs:
            assert values is not None, "find needs keys added with values"
            lo, hi = np.searchsorted(stored, keys, "left"), np.searchsorted(stored, keys, "right")
            n = hi - lo
            if not n.any():
                continue
            which = np.repeat(np.arange(keys.size), n)
            # positions lo..hi-1 of each key, flattened
            pos = np.repeat(lo - np.cumsum(n) + n, n) + np.arange(n.sum())
            at.append(which)
            found.append(values[pos].astype(np.int64))
        return np.concatenate(at), np.concatenate(found)

    def contains(self, keys: np.ndarray) -> np.ndarray:
        """Whether each of `keys` is stored."""
        hit = np.zeros(keys.size, dtype=bool)
        for stored, _ in self.runs:
            pos = np.minimum(np.searchsorted(stored, keys), stored.size - 1)
            hit |= stored[pos] == keys
        return hit


class SignatureFile:
    """Fixed-size signatures by slot in a scratch file of the run's own, read back by slot.

    The file is unlinked from the start (`tempfile.TemporaryFile`): it has no name, nothing else can
    open it, and it goes when it is closed or the process ends, however it ends. Plain `pwrite` and
    `pread`, not a memory map: the pages stay in the page cache (reclaimable, and not in the
    process's resident memory), and only the few read back per batch pass through the process.
    """

    def __init__(self, directory: str | None = None, width: int = SIGNATURE_BYTES) -> None:
        self.file = tempfile.TemporaryFile(dir=directory, prefix="newsdesk-signatures-")  # noqa: SIM115 (closed by close())
        self.width = width

    def write(self, first_slot: int, matrix: np.ndarray) -> None:
        data = np.ascontiguousarray(matrix, dtype="<u4").tobytes()
        assert len(data) == matrix.shape[0] * self.width
        offset, view = first_slot * self.width, memoryview(data)
        while view:  # (pwrite may write less than asked)
            n = os.pwrite(self.file.fileno(), view, offset)
            view, offset = view[n:], offset + n

    def read(self, slots: np.ndarray) -> list[bytes]:
        """The signatures at `slots` (sorted, distinct), in that order; a run of consecutive slots is
        one read."""
        if slots.size == 0:
            return []
        breaks = np.flatnonzero(np.diff(slots) != 1) + 1
        starts = np.split(slots, breaks)
        out: list[bytes] = []
        fd, w = self.file.fileno(), self.width
        for run in starts:
            first, n = int(run[0]), run.size
            data = os.pread(fd, n * w, first * w)
            if len(data) != n * w:
                raise OSError(f"signature file: read {len(data)} bytes of {n * w} at slot {first}")
            out.extend(data[i * w : (i + 1) * w] for i in range(n))
        return out

    def close(self) -> None:
        self.file.close()


class StoredIndex:
    """The stored articles' ids and content hashes, and the originals by band key (their signatures
    in a `SignatureFile`)."""

    def __init__(self, band_matrix: BandMatrix, scratch_dir: str | None = None) -> None:
        """:param scratch_dir: where the signature file goes (the database's folder, in a run: the
        system's temporary folder may be in memory); None: the system's temporary folder."""
        self.band_matrix = band_matrix
        self.ids = SortedKeys()  # hash64(article_id) of every stored article
        self.hashes = SortedKeys()  # hash64(content_hash)
        self.bands = SortedKeys()  # band key -> slot (int32), for originals
        self.slot_ids = SortedKeys()  # hash64(article_id) -> slot, to retire an original that is replaced
        self.article_ids = pl.Series("article_id", [], dtype=pl.String)  # by slot
        self.signatures = SignatureFile(scratch_dir)  # by slot
        self.alive = np.zeros(0, dtype=bool)  # by slot (capacity >= slots): false once its article was replaced
        self.slots = 0

    @classmethod
    def build(
        cls, con: duckdb.DuckDBPyConnection, band_matrix: BandMatrix, scratch_dir: str | None = None
    ) -> StoredIndex:
        """The index of what `con`'s database holds: one scan of `articles` and one of the originals'
        signatures, read `BUILD_CHUNK_ROWS` rows at a time."""
        index = cls(band_matrix, scratch_dir)
        ids: list[np.ndarray] = []
        hashes: list[np.ndarray] = []
        for batch in con.sql("SELECT article_id, content_hash FROM articles").to_arrow_reader(BUILD_CHUNK_ROWS):
            chunk = pl.from_arrow(batch)
            assert isinstance(chunk, pl.DataFrame)
            ids.append(hash64(chunk["article_id"]))
            hashes.append(hash64(chunk["content_hash"]))
        index.ids.add(np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64))
        index.hashes.add(np.concatenate(hashes) if hashes else np.zeros(0, dtype=np.int64))
        del ids, hashes
        originals = con.sql(
            "SELECT s.article_id, s.signature FROM article_signatures AS s JOIN articles AS a USING (article_id) "
            "WHERE a.duplicate_of IS NULL AND s.signature IS NOT NULL"
        )
        for batch in originals.to_arrow_reader(BUILD_CHUNK_ROWS):
            chunk = pl.from_arrow(batch)
            assert isinstance(chunk, pl.DataFrame)
            index._add_originals(chunk)
        return index

    def close(self) -> None:
        """Drop the signature file (the index answers no more look-ups)."""
        self.signatures.close()

    @property
    def nbytes(self) -> int:
        """The bytes the index holds in memory (its arrays; not the signature file)."""
        return (
            self.ids.nbytes
            + self.hashes.nbytes
            + self.bands.nbytes
            + self.slot_ids.nbytes
            + int(self.article_ids.estimated_size())
            + self.alive.nbytes
        )

    def _add_originals(self, signatures: pl.DataFrame) -> None:
        sigs = signatures.filter(pl.col("signature").is_not_null())
        n = sigs.height
        if n == 0:
            return
        matrix = np.frombuffer(b"".join(sigs["signature"].to_list()), dtype="<u4").reshape(n, -1)
        if self.slots + n > len(self.alive):  # grow by half: amortised O(1) per slot
            alive = np.zeros(max(self.slots + n, len(self.alive) * 3 // 2), dtype=bool)
            alive[: self.slots] = self.alive[: self.slots]
            self.alive = alive
        self.signatures.write(self.slots, matrix)
        slots = np.arange(self.slots, self.slots + n, dtype=np.int32)
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
        `exclude_ids`, sorted by id (as `db.candidate_signatures` returns them). The signatures are
        read from the signature file, only for the originals that are not excluded."""
        _, slots = self.bands.find(np.unique(band_keys))
        slots = np.unique(slots)
        slots = slots[self.alive[slots]]
        ids = self.article_ids.gather(slots) if slots.size else pl.Series("article_id", [], dtype=pl.String)
        keep = ~ids.is_in(pl.Series(exclude_ids, dtype=pl.String).implode())
        slots, ids = slots[keep.to_numpy()], ids.filter(keep)
        found = pl.DataFrame({"article_id": ids, "signature": pl.Series(self.signatures.read(slots), dtype=pl.Binary)})
        return found.sort("article_id")

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
        self.ids.add(ids)
        self.hashes.add(hash64(articles["content_hash"]))
        if signatures is not None:
            originals = articles.filter(pl.col("duplicate_of").is_null()).select("article_id")
            self._add_originals(signatures.join(originals, on="article_id", how="semi"))
