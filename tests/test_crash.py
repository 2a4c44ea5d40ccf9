"""Crash safety: real `newsdesk run` processes killed at several points of a run.

Each kill must leave every article complete or absent, and the next run must finish the work.
The runs talk to the session's Prefect test server; the kill comes from the process itself at a
named point (NEWSDESK_TEST_KILL_AT, see warehouse/faults.py), so it lands where the test says.
"""

import json
import signal

import pytest

from flows.ingest import ingest
from tests.processes import inconsistencies, newsdesk_env, query, run

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

STORIES = [
    (
        "bridge",
        "Leeds Opens New Bridge",
        (
            'Mayor Ann Lee opened the bridge in Leeds on Monday. "It joins two halves of the city," Lee said. '
            "Traffic was heavy."
        ),
    ),
    (
        "rates",
        "Bank Holds Rates",
        (
            'The Bank of England kept rates at 4%. "Inflation is falling," Governor Andrew Bailey said. Markets '
            "barely moved."
        ),
    ),
    (
        "storm",
        "Storm Hits York",
        "A storm hit York overnight. Trees fell on two roads. Police asked drivers to stay home.",
    ),
    (
        "strike",
        "Rail Strike Called Off",
        (
            'Unions called off the rail strike. "We have a deal," said Mick Lynch of the RMT. Trains run '
            "normally on Friday."
        ),
    ),
    (
        "match",
        "Leeds Win Derby",
        "Leeds United beat Sheffield Wednesday 2-0. Patrick Bamford scored twice. The crowd sang until the end.",
    ),
    (
        "school",
        "School Gets Funding",
        (
            'A school in Bradford won new funding. "The children deserve it," head teacher Priya Shah said. Work '
            "starts in May."
        ),
    ),
]


@pytest.fixture
def feed(tmp_path):
    """Six short articles in one JSON Lines file: three batches of two."""
    path = tmp_path / "in" / "wire.jsonl"
    path.parent.mkdir()
    path.write_text("".join(json.dumps({"id": i, "title": t, "body": b}) + "\n" for i, t, b in STORIES))
    return path


def loaded(db_path) -> list[str]:
    return sorted(r[0] for r in query(db_path, "SELECT external_id FROM articles"))


def snapshot(db_path) -> dict[str, list]:
    """Every table but runs and rejects, without the columns that name the run."""
    out = {}
    for table in ("articles", "sentences", "quotes", "mentions", "entities"):
        cols = "* EXCLUDE (ingested_at, run_id)" if table == "articles" else "*"
        out[table] = sorted(query(db_path, f"SELECT {cols} FROM {table}"), key=repr)
    return out


def runs(db_path) -> list[tuple]:
    return query(db_path, "SELECT status, message, finished_at IS NOT NULL FROM runs ORDER BY started_at")


def test_runs_killed_while_reading_transforming_and_loading_leave_whole_articles_and_the_next_run_finishes(
    feed, db_path
):
    from prefect.settings import PREFECT_API_URL

    # the local runner, whose steps hold the crash points (the default runner depends on the cores)
    args = ["run", str(feed), "--db", str(db_path), "--batch-size", "2", "--ner", "rules", "--no-progress"]
    args += ["--runner", "local"]

    def killed_at(point: str, sig: str = "SIGKILL"):
        res = run(
            args, newsdesk_env(PREFECT_API_URL.value(), NEWSDESK_TEST_KILL_AT=point, NEWSDESK_TEST_KILL_SIGNAL=sig)
        )
        assert res.returncode != 0, res.stdout + res.stderr
        assert not inconsistencies(db_path), inconsistencies(db_path)
        return res

    # reading the first batch: nothing loaded yet; the run row says 'running' (no one could say otherwise)
    assert killed_at("read").returncode == -signal.SIGKILL
    assert loaded(db_path) == []
    assert runs(db_path) == [("running", None, False)]

    # stopped with SIGTERM (systemctl stop) while transforming the first batch: that batch loads,
    # then the run stops, recorded as interrupted
    killed_at("transform:1", "SIGTERM")
    assert loaded(db_path) == ["bridge", "rates"]
    interrupted = ("failed", "interrupted: the process ended before the run finished", False)
    stopped = ("interrupted", "Interrupted: received SIGTERM: stopped between batches", True)
    assert runs(db_path) == [interrupted, stopped]  # the killed run marked by the run that came next

    # transforming the third batch (the second this run transforms): the second batch is in, whole
    killed_at("transform:2")
    assert loaded(db_path) == ["bridge", "rates", "storm", "strike"]
    assert runs(db_path) == [interrupted, stopped, ("running", None, False)]

    # inside the load transaction of the third batch (articles inserted, their sentences not yet)
    killed_at("load:1")
    assert loaded(db_path) == ["bridge", "rates", "storm", "strike"]

    # the next run finishes the work, and says what it did
    done = run(args, newsdesk_env(PREFECT_API_URL.value()))
    assert done.returncode == 0, done.stderr
    assert loaded(db_path) == sorted(i for i, _, _ in STORIES)
    assert not inconsistencies(db_path)
    assert runs(db_path) == [interrupted, stopped, interrupted, interrupted, ("completed", None, True)]
    assert query(db_path, "SELECT seen, new, unchanged FROM runs ORDER BY started_at DESC LIMIT 1") == [(6, 2, 4)]
    # and the result is what one uninterrupted run makes
    clean_db = db_path.with_name("clean.duckdb")
    ingest(sources=[str(feed)], db_path=str(clean_db), batch_size=2, ner="rules")
    assert snapshot(db_path) == snapshot(clean_db)
