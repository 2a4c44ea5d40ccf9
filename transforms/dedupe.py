"""Near-duplicate articles (the same wire story on two sites): MinHash over word shingles, LSH banding.

Everything runs over a whole batch at once: shingles and their hashes in Polars, the MinHash
signatures as NumPy arithmetic over all the batch's shingle hashes (`_minhash_matrix`, the values of
datasketch's "affine32" MinHash, which it replaced: the same signatures, about 10x less CPU), and
the LSH lookup as a join on band keys. Bodies equal after lower-casing and whitespace folding are
always paired, even when too short to shingle. datasketch is still what fixes the permutations and
the banding (`lsh_params`).
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
SCHEME = "affine32"  # datasketch's default, whose values `_minhash_matrix` computes
# (a, b) of each permutation, uint32 [2, NUM_PERM]: datasketch's, so stored signatures stay comparable
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


@lru_cache(maxsize=4)
def lsh_params(threshold: float = THRESHOLD) -> tuple[int, int]:
    """(bands, rows per band) datasketch's LSH picks for `threshold`: found by numerical integration,
    which costs about 70 ms, so once per process rather than once per batch."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch's "affine32" scheme pre-mixes each input hash."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _words(articles: pl.DataFrame) -> pl.DataFrame:
    """One row per word of each article, in order: `_row` (the article's row), `pos`, `n_words`, `h`
    (the word's hash); an article without words has no row."""
    lists = (
        articles.select(pl.col("body").fill_null("").str.to_lowercase().str.extract_all(r"\w+").alias("word"))
        .with_row_index("_row")
        .with_columns(n_words=pl.col("word").list.len().cast(pl.Int64))
        .filter(pl.col("n_words") > 0)
    )
    # positions from each article's first word, not a window per article: after explode the words of
    # an article are contiguous
    lengths = lists["n_words"].to_numpy()
    first = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return lists.explode("word").with_columns(
        h=pl.col("word").hash(seed=SEED), pos=pl.Series(np.arange(first.size, dtype=np.int64) - first)
    )


def _shingles(articles: pl.DataFrame) -> pl.DataFrame:
    """`_row`, `s` (the 32-bit hash of one word shingle) for every shingle of every article, in article
    order; repeated shingles stay (MinHash takes a minimum: repeats change nothing). A body shorter
    than `SHINGLE_WORDS` words gives one shingle of all its words; one without words none."""
    words = _words(articles)
    n_words = pl.col("n_words")
    # words of one article are contiguous after explode, so a plain shift suffices: `starts` drops the
    # shingles that would run into the next article
    shingle = pl.struct([pl.col("h").shift(-i).alias(f"h{i}") for i in range(SHINGLE_WORDS)]).hash(SEED)
    starts = (pl.col("pos") <= n_words - SHINGLE_WORDS) | ((pl.col("pos") == 0) & (n_words < SHINGLE_WORDS))
    hashed = words.select("_row", (shingle & 0xFFFFFFFF).cast(pl.UInt32).alias("s"), starts.alias("_start"))
    return hashed.filter(pl.col("_start")).drop("_start")


def shingle_hashes(articles: pl.DataFrame) -> pl.DataFrame:
    """Distinct 32-bit hashes of each article's word shingles.

    In: `article_id`, `body`. Out: `article_id`, `hashes` (list[u32]; empty for an empty body).
    A body shorter than `SHINGLE_WORDS` words gives one shingle of all its words.
    """
    return (
        articles.select("article_id")
        .with_row_index("_row")
        .join(
            _shingles(articles).group_by("_row").agg(pl.col("s").unique().alias("hashes")),
            on="_row",
            how="left",
            maintain_order="left",
        )
        .select("article_id", pl.col("hashes").fill_null([]))
    )


def _minhash_matrix(rows: np.ndarray, values: np.ndarray, n: int, chunk: int = 65_536) -> np.ndarray:
    """MinHash values of `n` sets given as (row, 32-bit hash) pairs sorted by row: uint32 [n, NUM_PERM].

    datasketch's "affine32" scheme, for every set of a batch at once: each hash pre-mixed by `_fmix32`,
    then permutation k maps it to a_k * h + b_k (mod 2^32, uint32 wraparound) and each set keeps its
    minimum. The same values as `MinHash(..., scheme="affine32").update_batch`, so signatures stored
    before compare unchanged. Rows without a pair keep 2^32 - 1 (datasketch's empty value).
    One permutation at a time over `chunk` hashes (in cache), the minimum per set by `reduceat`: about
    8x less CPU than a [hashes, NUM_PERM] product per chunk.
    """
    sig = np.full((NUM_PERM, n), np.iinfo(np.uint32).max, dtype=np.uint32)
    a, b = _PERMUTATIONS
    mixed = _fmix32(values.astype(np.uint32, copy=False))
    buf = np.empty(min(chunk, mixed.size), dtype=np.uint32)
    for lo in range(0, mixed.size, chunk):
        hv, r = mixed[lo : lo + chunk], rows[lo : lo + chunk]
        starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
        ids = r[starts]  # distinct within a chunk; a set cut by a chunk boundary takes the smaller of both
        out = buf[: hv.size]
        for k in range(NUM_PERM):
            np.multiply(hv, a[k], out=out)
            np.add(out, b[k], out=out)
            sig[k, ids] = np.minimum(sig[k, ids], np.minimum.reduceat(out, starts))
    return np.ascontiguousarray(sig.T)


def minhash_signatures(articles: pl.DataFrame) -> pl.DataFrame:
    """Signatures to store beside articles, so later batches can be checked against them.

    In: `article_id`, `body`. Out: `article_id`, `signature` (binary: NUM_PERM little-endian uint32;
    null when the body has no words). Computed for the whole batch at once (`_minhash_matrix`).
    """
    sh = _shingles(articles)
    rows = sh["_row"].cast(pl.Int64).to_numpy()
    matrix = _minhash_matrix(rows, sh["s"].to_numpy(), articles.height).astype("<u4", copy=False)
    has = np.zeros(articles.height, dtype=bool)
    has[rows] = True
    raw = matrix.tobytes()
    width = NUM_PERM * 4
    sigs = [raw[i * width : (i + 1) * width] if h else None for i, h in enumerate(has.tolist())]
    return articles.select("article_id").with_columns(signature=pl.Series(sigs, dtype=pl.Binary))


def signature_matrix(signatures: pl.Series) -> np.ndarray:
    """Stored signatures (binary, none null) as a uint32 [n, NUM_PERM] matrix."""
    if len(signatures) == 0:
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    return np.frombuffer(b"".join(signatures.to_list()), dtype="<u4").reshape(len(signatures), NUM_PERM)


# FNV-1a's 64-bit prime and offset: a band's values are folded into one 64-bit key with them
_FNV_PRIME = np.uint64(0x100000001B3)
_FNV_OFFSET = np.uint64(0xCBF29CE484222325)


def band_matrix(values: np.ndarray, threshold: float = THRESHOLD) -> np.ndarray:
    """LSH band keys of a uint32 [n, NUM_PERM] signature matrix: int64 [n, b] (see `band_keys`)."""
    b, r = lsh_params(threshold)
    n = values.shape[0]
    bands = values[:, : b * r].reshape(n, b, r).astype(np.uint64)
    keys = np.broadcast_to(_FNV_OFFSET ^ np.arange(b, dtype=np.uint64), (n, b)).copy()
    for j in range(r):  # uint64 arithmetic wraps, as the hash wants
        keys = (keys ^ bands[:, :, j]) * _FNV_PRIME
    return keys.view(np.int64)


def band_keys(signatures: pl.DataFrame, threshold: float = THRESHOLD) -> pl.DataFrame:
    """LSH band keys of signatures, to find stored candidates with a lookup, not a comparison with each.

    In: `article_id`, `signature` (from `minhash_signatures`). Out: `article_id`, `band_key` (Int64:
    the band's number and its `r` signature values hashed together, FNV-1a over 32-bit words; one
    row per band). Two articles sharing any band key are candidate near-duplicates: the banding
    datasketch's LSH uses for `threshold`; a 64-bit key (not the values' hex) keeps the stored keys
    and their scans 5x smaller. Articles without a signature have no keys.
    """
    b, _ = lsh_params(threshold)
    sigs = signatures.filter(pl.col("signature").is_not_null())
    keys = band_matrix(signature_matrix(sigs["signature"]), threshold)
    return pl.DataFrame(
        {
            "article_id": np.repeat(sigs["article_id"].cast(pl.String).to_numpy(), b) if sigs.height else [],
            "band_key": keys.reshape(-1),
        },
        schema={"article_id": pl.String, "band_key": pl.Int64},
    )


def similar_enough(
    left: np.ndarray, right: np.ndarray, threshold: float = THRESHOLD, chunk: int = 65_536
) -> np.ndarray:
    """Whether each pair of signatures (rows of two uint32 [n, NUM_PERM] matrices) estimates a Jaccard
    similarity of at least `threshold`: the share of equal values, as datasketch's `MinHash.jaccard`."""
    equal = np.concatenate(
        [np.count_nonzero(left[i : i + chunk] == right[i : i + chunk], axis=1) for i in range(0, len(left), chunk)]
        or [np.zeros(0, dtype=np.int64)]
    )
    return equal.astype(np.float64) / np.float64(NUM_PERM) >= threshold


def near_duplicates(
    articles: pl.DataFrame,
    threshold: float = THRESHOLD,
    stored: pl.DataFrame | None = None,
    signatures: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """For each article that repeats an earlier one, the id of the earliest it repeats.

    In: `articles` with `article_id`, `body`, in arrival order (earlier rows count as earlier
    articles); optionally `stored` (`article_id`, `signature` from `minhash_signatures`) for articles
    already in the warehouse, which count as earlier than the whole batch, in their order; optionally
    `signatures` (the batch's own `minhash_signatures`, when the caller already has them: not computed
    twice). Out: `article_id`, `duplicate_of` (one row per duplicate article, in arrival order; articles
    without an earlier near-duplicate are absent). Exact duplicates (same words, any spacing or case)
    are included and win over near ones; an id already stored, or repeated in the batch, is skipped.

    The whole batch at once: candidates are the pairs sharing an LSH band key (a join), kept when
    `similar_enough`; each article takes its earliest. Earlier rows of the batch count whether or
    not they are duplicates themselves, as datasketch's LSH did one article at a time.
    """
    if signatures is None:
        signatures = minhash_signatures(articles)
    sig_schema = {"article_id": pl.String, "signature": pl.Binary}
    st = (stored if stored is not None else pl.DataFrame(schema=sig_schema)).select("article_id", "signature")
    st = st.filter(pl.col("signature").is_not_null()).unique("article_id", keep="first", maintain_order=True)
    rows = (
        articles.select(
            "article_id",
            pl.col("body").fill_null("").str.to_lowercase().str.extract_all(r"\w+").list.join(" ").alias("k"),
        )
        .join(signatures.unique("article_id", keep="first"), on="article_id", how="left", maintain_order="left")
        .with_row_index("_i")
        # an id seen before (stored, or earlier in the batch) is not its own duplicate, nor a candidate
        .filter(pl.col("article_id").is_first_distinct() & ~pl.col("article_id").is_in(st["article_id"].implode()))
    )
    # exact: the first article of the batch with the same words
    by_text = (
        rows.filter(pl.col("k") != "")
        .with_columns(pl.col("article_id").first().over("k").alias("same_text"))
        .filter(pl.col("article_id") != pl.col("same_text"))
        .select("_i", "same_text")
    )
    # near: pairs sharing a band key with an earlier candidate (stored ones first, in their order)
    signed = rows.filter(pl.col("signature").is_not_null())
    matrix = np.concatenate([signature_matrix(st["signature"]), signature_matrix(signed["signature"])])
    b, _ = lsh_params(threshold)
    keys = band_matrix(matrix, threshold)
    ids = pl.concat([st["article_id"], signed["article_id"]])
    cand = pl.DataFrame({"c": np.repeat(np.arange(len(ids)), b), "band_key": keys.reshape(-1)})
    query = cand.filter(pl.col("c") >= st.height).rename({"c": "q"})
    pairs = query.join(cand, on="band_key").filter(pl.col("c") < pl.col("q")).select("q", "c").unique()
    q, c = pairs["q"].to_numpy(), pairs["c"].to_numpy()
    earliest = (
        pairs.filter(pl.Series(similar_enough(matrix[q], matrix[c], threshold))).group_by("q").agg(pl.col("c").min())
    )
    near = pl.DataFrame(
        {
            "_i": signed["_i"].gather(earliest["q"] - st.height),
            "same_near": ids.gather(earliest["c"]),
        }
    )
    return (
        rows.select("_i", "article_id")
        .join(by_text, on="_i", how="left", maintain_order="left")
        .join(near, on="_i", how="left", maintain_order="left")
        .select("article_id", duplicate_of=pl.coalesce("same_text", "same_near"))
        .filter(pl.col("duplicate_of").is_not_null())
    )
