"""A corpus of N articles for scale runs, replicated from ../shared/benchmarks/corpora/news_text.jsonl.

Replica r of an article gets a new `id` (`<id>~r<r>`), a new URL (`https://replica.example/r<r>/<id>`)
and a last paragraph "Updated <date>." that differs per replica: the pipeline deduplicates on the
title and body, so exact copies would be skipped as unchanged and measure nothing. Replica 0 is the
original record with only the new id and URL. The source's own duplicate bodies stay duplicates, so
the dedup path is exercised at its natural rate (~5 %).

Output is streamed as JSON Lines shards of `--shard-size` articles into a git-ignored folder
(default `benchmarks/data/news_<N>/part-00000.jsonl` ...), never held in memory. A folder that
already holds a complete corpus of the same size is reused.

    uv run python benchmarks/make_corpus.py 100000
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "benchmarks" / "corpora" / "news_text.jsonl"
DATA = ROOT / "benchmarks" / "data"
DONE = "_COMPLETE"  # written last: a folder without it is an interrupted run and is rebuilt
FIRST_UPDATE = date(2021, 1, 1)


def replicas(records: list[dict], n: int) -> Iterator[dict]:
    """`n` articles: every source record once, then again with the next replica number, and so on."""
    for i in range(n):
        r, k = divmod(i, len(records))
        rec = records[k]
        out = dict(rec, id=f"{rec['id']}~r{r}", url=f"https://replica.example/r{r}/{rec['id']}")
        if r:
            out["body"] = f"{rec['body'].rstrip()}\n\nUpdated {FIRST_UPDATE + timedelta(days=r):%d %B %Y}."
        yield out


def make_corpus(n: int, out: Path | None = None, shard_size: int = 10_000, source: Path = SOURCE) -> Path:
    """Write `n` replicated articles as JSONL shards into `out` (default `benchmarks/data/news_<n>`).

    Returns the folder.
    """
    out = out or DATA / f"news_{n}"
    if (out / DONE).exists() and (out / DONE).read_text().strip() == str(n):
        return out
    if not source.exists():
        raise FileNotFoundError(f"source corpus not found at {source} (../shared/benchmarks is read, never copied)")
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.jsonl"):
        old.unlink()
    (out / DONE).unlink(missing_ok=True)
    shard: TextIO | None = None
    for i, rec in enumerate(replicas(records, n)):
        if shard is None or i % shard_size == 0:
            if shard:
                shard.close()
            shard = (out / f"part-{i // shard_size:05d}.jsonl").open("w", encoding="utf-8")
        shard.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if shard:
        shard.close()
    (out / DONE).write_text(f"{n}\n")
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", type=int, help="number of articles")
    p.add_argument("--out", type=Path, default=None, help="folder for the shards (default benchmarks/data/news_<n>)")
    p.add_argument("--shard-size", type=int, default=10_000, help="articles per .jsonl file")
    args = p.parse_args()
    print(make_corpus(args.n, args.out, args.shard_size))


if __name__ == "__main__":
    main()
