"""Near-duplicate articles (the same wire story on two sites): MinHash over word shingles, datasketch LSH.

Shingles and their hashes are computed in Polars; the signatures and the LSH index (datasketch) need
one Python step per article, over the whole batch. Bodies equal after lower-casing and whitespace
folding are always paired, even when too short to shingle.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import polars as pl
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5  # words per shingle: long enough that shared phrases alone do not pair stories
NUM_PERM = 128  # permutations per signature; the error of the Jaccard estimate is about 1/sqrt(NUM_PERM)
THRESHOLD = 0.8  # estimated Jaccard similarity of shingle sets above which two articles are near-duplicates
SEED = 1
SCHEME = "affine32"  # datasketch's default; named so stored signatures are read back with the same one
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations  # made once: costly per MinHash


@lru_cache(maxsize=4)
def lsh_params(threshold: float = THRESHOLD) -> tuple[int, int]:
    """(bands, rows per band) datasketch's LSH picks for `threshold`: found by numerical integration,
    which costs about 70 ms, so once per process rather than once per batch."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _identity(x: int) -> int:
    return x


def shingle_hashes(articles: pl.DataFrame) -> pl.DataFrame:
    """Distinct 32-bit hashes of each article's word shingles.

    In: `article_id`, `body`. Out: `article_id`, `hashes` (list[u32]; empty for an empty body).
    A body shorter than `SHINGLE_WORDS` words gives one shingle of all its words.
    """
    words = (
        articles.select(
            "article_id",
            pl.col("body").fill_null("").str.to_lowercase().str.extract_all(r"\w+").alias("word"),
        )
        .with_row_index("_row")
        .explode("word")
        .with_columns(pl.col("word").hash(seed=SEED).alias("h"), pl.int_range(pl.len()).over("_row").alias("pos"))
    )
    n_words = pl.col("pos").max().over("_row") + 1
    # words of one article are contiguous after explode, so a plain shift suffices: `starts` drops the
    # shingles that would run into the next article
    shingle = pl.struct([pl.col("h").shift(-i).alias(f"h{i}") for i in range(SHINGLE_WORDS)]).hash(SEED)
    starts = (pl.col("pos") <= n_words - SHINGLE_WORDS) | ((pl.col("pos") == 0) & (n_words < SHINGLE_WORDS))
    hashed = words.with_columns((shingle & 0xFFFFFFFF).cast(pl.UInt32).alias("s")).filter(
        pl.col("word").is_not_null() & starts
    )
    return (
        articles.select("article_id")
        .with_row_index("_row")
        .join(
            hashed.group_by("_row").agg(pl.col("s").unique().alias("hashes")),
            on="_row",
            how="left",
            maintain_order="left",
        )
        .select("article_id", pl.col("hashes").fill_null([]))
    )


def _minhash(hashes: list[int]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity, permutations=_PERMUTATIONS, scheme=SCHEME)
    m.update_batch(hashes)
    return m


def minhash_signatures(articles: pl.DataFrame) -> pl.DataFrame:
    """Signatures to store beside articles, so later batches can be checked against them.

    In: `article_id`, `body`. Out: `article_id`, `signature` (binary: NUM_PERM little-endian uint32;
    null when the body has no words).
    """
    sh = shingle_hashes(articles)
    sigs = [_minhash(h).hashvalues.astype("<u4").tobytes() if h else None for h in sh["hashes"].to_list()]
    return sh.select("article_id").with_columns(signature=pl.Series(sigs, dtype=pl.Binary))


def _from_signature(sig: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        hashvalues=np.frombuffer(sig, dtype="<u4"),
        permutations=_PERMUTATIONS,
        scheme=SCHEME,
    )


# FNV-1a's 64-bit prime and offset: a band's values are folded into one 64-bit key with them
_FNV_PRIME = np.uint64(0x100000001B3)
_FNV_OFFSET = np.uint64(0xCBF29CE484222325)


def band_keys(signatures: pl.DataFrame, threshold: float = THRESHOLD) -> pl.DataFrame:
    """LSH band keys of signatures, to find stored candidates with a lookup, not a comparison with each.

    In: `article_id`, `signature` (from `minhash_signatures`). Out: `article_id`, `band_key` (Int64:
    the band's number and its `r` signature values hashed together, FNV-1a over 32-bit words; one
    row per band). Two articles sharing any band key are candidate near-duplicates: the banding
    datasketch's LSH uses for `threshold`; a 64-bit key (not the values' hex) keeps the stored keys
    and their scans 5x smaller. Articles without a signature have no keys.
    """
    b, r = lsh_params(threshold)
    sigs = signatures.filter(pl.col("signature").is_not_null())
    values = np.frombuffer(b"".join(sigs["signature"].to_list()), dtype="<u4").reshape(sigs.height, NUM_PERM)
    bands = values[:, : b * r].reshape(sigs.height, b, r).astype(np.uint64)
    keys = np.broadcast_to(_FNV_OFFSET ^ np.arange(b, dtype=np.uint64), (sigs.height, b)).copy()
    for j in range(r):  # uint64 arithmetic wraps, as the hash wants
        keys = (keys ^ bands[:, :, j]) * _FNV_PRIME
    return pl.DataFrame(
        {
            "article_id": np.repeat(sigs["article_id"].cast(pl.String).to_numpy(), b) if sigs.height else [],
            "band_key": keys.view(np.int64).reshape(-1),
        },
        schema={"article_id": pl.String, "band_key": pl.Int64},
    )


def near_duplicates(
    articles: pl.DataFrame,
    threshold: float = THRESHOLD,
    stored: pl.DataFrame | None = None,
    signatures: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """For each article that repeats an earlier one, the id of the earliest it repeats.

    In: `articles` with `article_id`, `body`, in arrival order (earlier rows count as earlier
    articles); optionally `stored` (`article_id`, `signature` from `minhash_signatures`) for articles
    already in the warehouse, which count as earlier than the whole batch; optionally `signatures`
    (the batch's own `minhash_signatures`, when the caller already has them: not computed twice).
    Out: `article_id`, `duplicate_of` (one row per duplicate article; articles without an earlier
    near-duplicate are absent). Exact duplicates (same words, any spacing or case) are included.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, params=lsh_params(threshold))
    order: dict[str, int] = {}
    sketches: dict[str, MinHash] = {}
    if stored is not None:
        for aid, sig in stored.filter(pl.col("signature").is_not_null()).iter_rows():
            if aid not in order:
                order[aid] = len(order)
                sketches[aid] = _from_signature(sig)
                lsh.insert(aid, sketches[aid])
    first_of_text: dict[str, str] = {}
    if signatures is None:
        signatures = minhash_signatures(articles)
    rows = articles.select(
        "article_id",
        pl.col("body").fill_null("").str.to_lowercase().str.extract_all(r"\w+").list.join(" ").alias("k"),
    ).join(signatures.unique("article_id", keep="first"), on="article_id", how="left", maintain_order="left")
    pairs: list[tuple[str, str]] = []
    for aid, key, sig in rows.iter_rows():
        if aid in order:  # an id seen before (already stored, or repeated in the batch) is not its own duplicate
            continue
        same = first_of_text.get(key) if key else None
        m = _from_signature(sig) if sig is not None else None
        if same is None and m is not None:
            # LSH returns candidates; keep those whose estimated similarity really reaches the threshold
            hits = [h for h in lsh.query(m) if h in order and m.jaccard(sketches[h]) >= threshold]
            same = min(hits, key=order.__getitem__) if hits else None
        if same is not None:
            pairs.append((aid, same))
        order[aid] = len(order)
        if key:
            first_of_text.setdefault(key, aid)
        if m is not None:
            sketches[aid] = m
            lsh.insert(aid, m)
    return pl.DataFrame(pairs, schema={"article_id": pl.String, "duplicate_of": pl.String}, orient="row")
