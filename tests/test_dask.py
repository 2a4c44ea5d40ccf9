"""The Dask runner: per-batch transforms on a local 2-worker cluster, one loader into DuckDB."""

import json

import duckdb
import polars as pl
import pytest

import flows.dask_runner as dask_runner
from flows.batch import compute_tables, load_tables, prepare_batch
from flows.dask_runner import batch_url, read_tables, write_tables
from flows.ingest import ingest
from flows.readers import RawArticle
from tests.test_flow import snapshot

distributed = pytest.importorskip("distributed", reason="the `dask` dependency group is not installed")

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]

ARTICLES = [
    {
        "id": "a1",
        "url": "https://news.example/a1",
        "title": "Council Votes",
        "body": 'The council in Leeds voted on Monday. "We did it," Mayor Ann Lee said.',
    },
    {
        "id": "a2",
        "url": "https://news.example/a2",
        "title": "Storm",
        "body": "A storm hit York on Friday. Trees fell. Roads closed near the river.",
    },
    {
        "id": "a3",
        "url": "https://news.example/a3",
        "title": "Talks",
        "body": 'Angela Merkel met Emmanuel Macron in Paris. "Europe must act," she told reporters.',
    },
    {
        "id": "a1-again",
        "url": "https://news.example/a1?utm_source=feed",
        "title": "Council Votes",
        "body": 'The council in Leeds voted on Monday. "We did it," Mayor Ann Lee said.',
    },
    {
        "id": "a4",
        "title": "Markets",
        "body": "Shares in Acme Corp rose 4% in London. Analysts at Barclays were surprised.",
    },
    {
        "id": "a2-copy",
        "url": "https://mirror.example/storm",
        "title": "Storm",
        "body": "A storm hit York on Friday. Trees fell. Roads closed near the river.",
    },
    {
        "id": "a5",
        "url": "https://news.example/a5",
        "title": "Cup Final",
        "body": "Leeds United beat Chelsea 2-1 at Wembley. The manager praised his defence.",
    },
]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


@pytest.fixture
def feed(tmp_path):
    """Seven articles, two of them repeats that land in later batches, and one broken line."""
    path = tmp_path / "in" / "wire.jsonl"
    path.parent.mkdir()
    lines = [json.dumps(a) for a in ARTICLES]
    lines.insert(2, '{"id": "broken", "title": "Half a line')
    path.write_text("\n".join(lines) + "\n")
    return path


def counts(db_path) -> dict[str, int]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return {
            t: con.sql(f"select count(*) from {t}").fetchall()[0][0]
            for t in ("articles", "sentences", "quotes", "mentions", "entities", "rejects")
        }
    finally:
        con.close()


def test_dask_runner_loads_the_same_tables_as_the_local_runner(cluster, feed, tmp_path):
    local = ingest(sources=[str(feed)], db_path=str(tmp_path / "local.duckdb"), batch_size=2, ner="rules")
    staging = tmp_path / "staging"
    with distributed.Client(cluster) as client, distributed.get_task_stream(client) as stream:
        on_dask = ingest(
            sources=[str(feed)],
            db_path=str(tmp_path / "dask.duckdb"),
            batch_size=2,
            ner="rules",
            runner="dask",
            dask_address=cluster.scheduler_address,
            staging=str(staging),
        )
    # four batches (2 + 2 + 2 + 1 articles), each with something new, each transformed on a worker
    assert len(stream.data) == 4 and {t["worker"] for t in stream.data} <= set(cluster.scheduler_info["workers"])
    assert on_dask.status == "completed"
    assert (
        (on_dask.seen, on_dask.new, on_dask.unchanged, on_dask.rejected)
        == (local.seen, local.new, local.unchanged, local.rejected)
        == (7, 5, 2, 1)
    )
    assert on_dask.loaded == local.loaded
    assert snapshot(tmp_path / "dask.duckdb") == snapshot(tmp_path / "local.duckdb")
    assert counts(tmp_path / "dask.duckdb")["sentences"] > 10
    assert not list(staging.rglob("*.parquet")), "staged files are removed once loaded"


def test_rerunning_after_a_failed_load_never_duplicates_rows(cluster, feed, tmp_path, monkeypatch):
    expected = tmp_path / "once.duckdb"
    ingest(sources=[str(feed)], db_path=str(expected), batch_size=2, ner="rules")

    calls = []
    real = dask_runner.load_tables

    def fail_on_third_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(dask_runner, "load_tables", fail_on_third_batch)
    db = tmp_path / "dask.duckdb"
    args = dict(
        sources=[str(feed)],
        db_path=str(db),
        batch_size=2,
        ner="rules",
        runner="dask",
        dask_address=cluster.scheduler_address,
        staging=str(tmp_path / "staging"),
    )
    with pytest.raises(OSError, match="disk full"):
        ingest(**args)
    partial = counts(db)
    assert 0 < partial["articles"] < counts(expected)["articles"]

    monkeypatch.setattr(dask_runner, "load_tables", real)
    again = ingest(**args)
    assert again.status == "completed"
    assert snapshot(db) == snapshot(expected)
    again = ingest(**args)
    assert (again.new, again.updated) == (0, 0)
    assert counts(db) == counts(expected)
    # reprocessing reloads the stored articles through the cluster, to the same rows
    redone = ingest(**args, reprocess=True)
    assert (redone.new, redone.updated, redone.unchanged) == (0, 5, 2)
    assert snapshot(db) == snapshot(expected)


def test_loading_the_same_staged_batch_twice_adds_nothing(tmp_path):
    db = str(tmp_path / "news.duckdb")
    records = [
        RawArticle(source="wire", body=a["body"], title=a["title"], url=a.get("url"), external_id=a["id"])
        for a in ARTICLES[:3]
    ]
    to_load, rejects, batch_counts = prepare_batch(records, [], db, "run-1")
    url = batch_url(str(tmp_path / "staging"), "run-1", 0)
    paths = write_tables(compute_tables(to_load, "run-1", "rules", 1), url)
    assert sorted(paths) == [
        "article_bands",
        "article_signatures",
        "articles",
        "entities",
        "mentions",
        "person_evidence",
        "quotes",
        "rejects",
        "sentences",
    ]
    load_tables(db, read_tables(paths), rejects, dict(batch_counts), {})
    once = counts(db)
    load_tables(db, read_tables(paths), rejects, dict(batch_counts), {})
    assert counts(db) == once and once["articles"] == 3
    # rewriting the batch (a retried worker) replaces its files rather than adding to them
    write_tables(compute_tables(to_load, "run-1", "rules", 1), url)
    assert sorted(p.name for p in (tmp_path / "staging" / "run-1" / "batch-000000").iterdir()) == [
        f"{t}.parquet" for t in sorted(paths)
    ]
    assert read_tables(paths)["articles"].height == 3 and isinstance(read_tables(paths)["articles"], pl.DataFrame)
