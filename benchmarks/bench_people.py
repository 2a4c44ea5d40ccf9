"""People bench: one identity per person on the 2,520-article corpus.

Loads the corpus into a temporary database (the batch stages as plain functions, no Prefect
server), runs the people step, and prints: its time (first run, and a second run with nothing new,
which must read no article), the aliases by method, the 20 most quoted speakers by the article's own
link (before the step) and by the corpus's identity (after), and the bare surnames still split
from a full name, with their articles. `--db FILE` reads a database `newsdesk run` already built
instead (its people tables are rebuilt).

    uv run python benchmarks/bench_people.py [rules|spacy] [--db FILE]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import polars as pl

import warehouse
from benchmarks.gender_eval import CORPUS
from flows.batch import compute_tables
from flows.people import refresh_people
from flows.readers import RawArticle, read_source
from flows.stages import clean, find_near_duplicates, raw_frame

BATCH = 500
TOP = 20

BEFORE = """
SELECT coalesce(e.name, q.speaker_name) AS speaker, count(*) AS quotes
FROM quote_attributions AS q LEFT JOIN entities AS e ON e.entity_id = q.written_speaker_entity_id
WHERE q.speaker_name IS NOT NULL AND q.part_of_quote_id IS NULL
GROUP BY ALL ORDER BY quotes DESC, speaker LIMIT ?
"""
AFTER = "SELECT speaker_name AS speaker, quotes FROM top_speakers LIMIT ?"
SPLIT = """
WITH bare AS (
    SELECT m.article_id, e.name AS surname_as_written, lower(e.name) AS surname
    FROM canonical_mentions AS m JOIN entities AS e ON e.entity_id = m.written_entity_id
    WHERE e.label = 'PERSON' AND e.name NOT LIKE '% %' AND m.entity_id = m.written_entity_id
), full_names AS (
    SELECT lower(regexp_extract(e.name, '(\\S+)$', 1)) AS surname, e.name, count(DISTINCT m.article_id) AS n
    FROM canonical_mentions AS m JOIN entities AS e USING (entity_id)
    WHERE e.label = 'PERSON' AND e.name LIKE '% %'
    GROUP BY ALL
)
SELECT b.surname_as_written AS surname, count(DISTINCT b.article_id) AS bare_articles,
    (SELECT string_agg(f.name || ' (' || f.n || ')', ', ' ORDER BY f.n DESC, f.name)
     FROM full_names AS f WHERE f.surname = b.surname) AS full_names
FROM bare AS b
WHERE b.surname IN (SELECT surname FROM full_names)
GROUP BY ALL ORDER BY bare_articles DESC, surname
"""


def build(db: Path, ner: str) -> None:
    records = [r for r in read_source(str(CORPUS)) if isinstance(r, RawArticle)]
    with warehouse.connection(db) as con:
        warehouse.ensure_schema(con)
    for i in range(0, len(records), BATCH):
        candidates, _, _ = clean(raw_frame(records[i : i + BATCH]))
        with warehouse.connection(db) as con:
            stored = warehouse.stored_versions(con, [], candidates["content_hash"].to_list())
        candidates = candidates.join(stored.select("content_hash"), on="content_hash", how="anti")
        candidates = candidates.unique("content_hash", keep="first", maintain_order=True)
        to_load = find_near_duplicates(candidates, str(db))
        tables = compute_tables(to_load, "bench", ner, 1, as_tasks=False)
        with warehouse.connection(db) as con:
            warehouse.load_batch(con, tables)


def main() -> int:
    args = sys.argv[1:]
    ner = next((a for a in args if a in ("rules", "spacy")), "rules")
    given = Path(args[args.index("--db") + 1]) if "--db" in args else None
    if given is None and not CORPUS.exists():
        print(f"skipped: benchmark data not found at {CORPUS}")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="bench-people-"))
    db = tmp / "news.duckdb"
    try:
        if given is not None:
            shutil.copy(given, db)
        else:
            t0 = time.perf_counter()
            build(db, ner)
            print(f"corpus loaded with --ner {ner} in {time.perf_counter() - t0:.0f} s")
        t0 = time.perf_counter()
        first = refresh_people(str(db), rebuild=True)
        t1 = time.perf_counter()
        again = refresh_people(str(db))
        t2 = time.perf_counter()
        print(
            f"people step: {first.articles:,} articles, {first.names:,} names, {first.aliases:,} aliases, "
            f"{first.gendered:,} persons with a gender in {t1 - t0:.1f} s; a second run read {again.articles} "
            f"articles in {t2 - t1:.1f} s"
        )
        pl.Config.set_tbl_rows(60)
        pl.Config.set_fmt_str_lengths(90)
        pl.Config.set_tbl_width_chars(200)
        with duckdb.connect(str(db), read_only=True) as con:
            print(
                con.sql(
                    "SELECT method, count(*) AS aliases, count(DISTINCT alias) AS names FROM aliases "
                    "GROUP BY ALL ORDER BY 2 DESC"
                ).pl()
            )
            before = con.sql(BEFORE, params=[TOP]).pl().rename({"speaker": "before", "quotes": "quotes_before"})
            after = con.sql(AFTER, params=[TOP]).pl().rename({"speaker": "after", "quotes": "quotes_after"})
            print(pl.concat([before, after], how="horizontal"))
            split = con.sql(SPLIT).pl()
            print(
                f"bare surnames still split from a full name: {split.height} names, "
                f"{split['bare_articles'].sum()} articles"
            )
            print(split.head(40))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
