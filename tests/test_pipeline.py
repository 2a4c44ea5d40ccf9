"""The pipeline runner: transforms in a second process give the tables the one-process runner gives."""

import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import duckdb
import polars as pl
import pytest

from flows.cores import polars_threads
from flows.ingest import ingest
from flows.pipeline import spawned_with
from tests.test_flow import WIRE, snapshot

pytestmark = pytest.mark.usefixtures("prefect_harness")

STORIES = [
    (
        "Council approves the new bridge",
        "The city council in Leeds voted on Tuesday to approve a new bridge over the river. "
        '"It will cut journeys by ten minutes," said the mayor, Jane Hall. Work starts in May.',
    ),
    ("Harbour reopens", "The harbour in Whitby reopened on Friday after a month of repairs, the port authority said."),
    ("Rates rise", WIRE),
    (
        "Library hours extended",
        "Libraries in York will open until 9pm from next week, the council announced on Monday.",
    ),
    ("Bank lifts rates", WIRE + " Reporting by Staff."),  # a near-duplicate of a story in the batch before it
    (
        "Council approves the new bridge",
        "The city council in Leeds voted on Tuesday to approve a new bridge over the river. "
        '"It will cut journeys by ten minutes," said the mayor, Jane Hall. Work starts in May.',
    ),  # an exact repeat, new URL
    (
        "Storm warning",
        "Forecasters warned of gales along the east coast on Sunday, with gusts of up to 70 mph expected.",
    ),
]


def write_corpus(path):
    path.write_text(
        "".join(
            json.dumps({"id": str(i), "url": f"https://site{i % 3}.example/story-{i}", "title": t, "body": b}) + "\n"
            for i, (t, b) in enumerate(STORIES)
        )
        + "{ not json\n"
    )
    return path


def test_pipeline_runner_loads_the_tables_the_local_runner_loads(tmp_path):
    corpus = write_corpus(tmp_path / "news.jsonl")
    local, piped = tmp_path / "local.duckdb", tmp_path / "piped.duckdb"
    # batches of 2: the near-duplicate and the repeat arrive while the batches holding their originals are
    # still out (two are out at a time)
    a = ingest(sources=[str(corpus)], db_path=str(local), batch_size=2, ner="rules")
    b = ingest(sources=[str(corpus)], db_path=str(piped), batch_size=2, ner="rules", runner="pipeline")
    assert (b.seen, b.new, b.unchanged, b.rejected, b.loaded) == (a.seen, a.new, a.unchanged, a.rejected, a.loaded)
    assert snapshot(piped) == snapshot(local)
    con = duckdb.connect(str(piped), read_only=True)
    dups = con.sql("select title, duplicate_of is not null from articles order by title").fetchall()
    assert ("Bank lifts rates", True) in dups and ("Rates rise", False) in dups
    assert b.unchanged == 1 and b.rejected == 1


def test_pipeline_runner_rerun_adds_nothing(tmp_path):
    corpus = write_corpus(tmp_path / "news.jsonl")
    db = tmp_path / "piped.duckdb"
    ingest(sources=[str(corpus)], db_path=str(db), batch_size=3, ner="rules", runner="pipeline")
    before = snapshot(db)
    again = ingest(sources=[str(corpus)], db_path=str(db), batch_size=3, ner="rules", runner="pipeline")
    assert again.new == 0 and again.updated == 0
    assert snapshot(db) == before
    # reprocessing reloads every stored article (the exact repeat under a new id stays a repeat)
    redone = ingest(
        sources=[str(corpus)], db_path=str(db), batch_size=3, ner="rules", runner="pipeline", reprocess=True
    )
    assert (redone.new, redone.updated, redone.unchanged) == (0, 6, 1)
    assert snapshot(db) == before


def test_transform_processes_start_with_their_own_polars_threads(monkeypatch):
    # three busy processes on the cores: one Polars thread each on 2 cores, more on more
    assert [polars_threads("pipeline", c) for c in (1, 2, 3, 6, 8)] == [1, 1, 1, 2, 2]
    assert polars_threads("local", 2) is None and polars_threads("dask", 8) is None
    monkeypatch.delenv("POLARS_MAX_THREADS", raising=False)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        with spawned_with({"POLARS_MAX_THREADS": "1"}):
            assert pool.submit(pl.thread_pool_size).result() == 1
        # this process keeps its environment, and the process started in the block its threads
        assert "POLARS_MAX_THREADS" not in os.environ
        assert pool.submit(pl.thread_pool_size).result() == 1
