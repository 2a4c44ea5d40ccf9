"""Near-duplicates: the batch-vectorised MinHash and LSH join against datasketch's per-document ones.

    uv run python benchmarks/bench_dedupe.py            # the 2,520 articles and 2 replicas of each (7,560)
    BENCH_DEDUPE_N=25200 uv run python benchmarks/bench_dedupe.py

Over articles replicated from ../shared/benchmarks/corpora/news_text.jsonl by `make_corpus.replicas`
(a replica differs by an "Updated <date>." line, so it is a near-duplicate of its original), in
batches of 1,000 as the flow sees them (each batch checked against the earlier batches' originals, as
`candidate_signatures` gives them), both implementations are timed (wall and CPU seconds) on the same
articles, and the results compared: signatures that differ, and articles whose `duplicate_of` differs.
The reference is the code this replaced: one datasketch `MinHash` per article, a `MinHashLSH` per
batch, a Python loop over the articles.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable

import numpy as np
import polars as pl
from datasketch import MinHash, MinHashLSH

from benchmarks.make_corpus import SOURCE, replicas
from transforms.dedupe import (
    NUM_PERM,
    SCHEME,
    SEED,
    THRESHOLD,
    lsh_params,
    minhash_signatures,
    near_duplicates,
    shingle_hashes,
)

BATCH = 1000


def _identity(x: int) -> int:
    return x


_PERMS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def _sketch(sig: bytes) -> MinHash:
    values = np.frombuffer(sig, dtype="<u4")
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, permutations=_PERMS, scheme=SCHEME)


def datasketch_signatures(articles: pl.DataFrame) -> pl.DataFrame:
    """The replaced `minhash_signatures`: one datasketch MinHash per article over its shingle hashes."""
    sh = shingle_hashes(articles)
    sigs: list[bytes | None] = []
    for hashes in sh["hashes"].to_list():
        if not hashes:
            sigs.append(None)
            continue
        m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity, permutations=_PERMS, scheme=SCHEME)
        m.update_batch(hashes)
        sigs.append(m.hashvalues.astype("<u4").tobytes())
    return sh.select("article_id").with_columns(signature=pl.Series(sigs, dtype=pl.Binary))


def datasketch_near_duplicates(
    articles: pl.DataFrame, stored: pl.DataFrame, signatures: pl.DataFrame, threshold: float = THRESHOLD
) -> pl.DataFrame:
    """The replaced `near_duplicates`: a datasketch MinHashLSH, one article at a time."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, params=lsh_params(threshold))
    order: dict[str, int] = {}
    sketches: dict[str, MinHash] = {}
    for aid, sig in stored.filter(pl.col("signature").is_not_null()).iter_rows():
        if aid not in order:
            order[aid] = len(order)
            sketches[aid] = _sketch(sig)
            lsh.insert(aid, sketches[aid])
    first_of_text: dict[str, str] = {}
    rows = articles.select(
        "article_id",
        pl.col("body").fill_null("").str.to_lowercase().str.extract_all(r"\w+").list.join(" ").alias("k"),
    ).join(signatures.unique("article_id", keep="first"), on="article_id", how="left", maintain_order="left")
    pairs: list[tuple[str, str]] = []
    for aid, key, sig in rows.iter_rows():
        if aid in order:
            continue
        same = first_of_text.get(key) if key else None
        m = _sketch(sig) if sig is not None else None
        if same is None and m is not None:
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


def timed(fn: Callable, *args, **kwargs) -> tuple[pl.DataFrame, float, float]:
    """(result, wall seconds, CPU seconds of this process)."""
    w, c = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - w, time.process_time() - c


def run(articles: pl.DataFrame, signatures_fn: Callable, dups_fn: Callable) -> tuple[pl.DataFrame, pl.DataFrame, dict]:
    """Every batch through `signatures_fn` and `dups_fn`, checked against the earlier batches'
    originals as the flow does; (signatures, duplicates, seconds)."""
    secs = {"signatures": [0.0, 0.0], "near-duplicates": [0.0, 0.0]}
    originals = pl.DataFrame(schema={"article_id": pl.String, "signature": pl.Binary})
    all_sigs, all_dups = [], []
    for lo in range(0, articles.height, BATCH):
        batch = articles.slice(lo, BATCH)
        sigs, w, c = timed(signatures_fn, batch)
        secs["signatures"][0] += w
        secs["signatures"][1] += c
        dups, w, c = timed(dups_fn, batch, stored=originals.sort("article_id"), signatures=sigs)
        secs["near-duplicates"][0] += w
        secs["near-duplicates"][1] += c
        originals = pl.concat([originals, sigs.join(dups, on="article_id", how="anti")])
        all_sigs.append(sigs)
        all_dups.append(dups)
    return pl.concat(all_sigs), pl.concat(all_dups), secs


def main() -> None:
    if not SOURCE.exists():
        sys.exit(f"benchmark corpus not found at {SOURCE} (read from ../shared, never copied)")
    records = [json.loads(line) for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    n = int(os.environ.get("BENCH_DEDUPE_N", 3 * len(records)))
    rows = list(replicas(records, n))
    articles = pl.DataFrame({"article_id": [r["id"] for r in rows], "body": [r["body"] for r in rows]})
    print(
        f"near-duplicates of {n:,} articles replicated from {SOURCE.name}, batches of {BATCH:,}; load average "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
    )
    old_sigs, old_dups, old_s = run(articles, datasketch_signatures, datasketch_near_duplicates)
    new_sigs, new_dups, new_s = run(articles, minhash_signatures, near_duplicates)
    print(f"{'':<18} {'datasketch wall':>16} {'CPU':>7} {'vectorised wall':>16} {'CPU':>7} {'CPU speed-up':>13}")
    for stage in ("signatures", "near-duplicates"):
        (ow, oc), (nw, nc) = old_s[stage], new_s[stage]
        print(f"{stage:<18} {ow:16.2f} {oc:7.2f} {nw:16.2f} {nc:7.2f} {oc / max(nc, 1e-9):12.1f}x")
    ow, oc = (sum(v[i] for v in old_s.values()) for i in (0, 1))
    nw, nc = (sum(v[i] for v in new_s.values()) for i in (0, 1))
    print(f"{'both':<18} {ow:16.2f} {oc:7.2f} {nw:16.2f} {nc:7.2f} {oc / max(nc, 1e-9):12.1f}x")
    differ = old_sigs.join(new_sigs, on="article_id", suffix="_new").filter(
        pl.col("signature").ne_missing(pl.col("signature_new"))
    )
    both = (
        articles.select("article_id")
        .join(old_dups, on="article_id", how="left")
        .join(new_dups, on="article_id", how="left", suffix="_new")
    )
    flips = both.filter(pl.col("duplicate_of").ne_missing(pl.col("duplicate_of_new")))
    print(f"signatures that differ: {differ.height:,} of {n:,}")
    print(
        f"duplicates found: datasketch {old_dups.height:,}, vectorised {new_dups.height:,}; articles whose "
        f"duplicate_of differs: {flips.height:,}"
    )
    if flips.height:
        print(flips.head(10))


if __name__ == "__main__":
    main()
