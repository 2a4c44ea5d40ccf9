"""A run over a few hundred articles, in real processes: analysts' queries get in between
batches, and SIGTERM stops the run between batches with whole articles loaded."""

import json
import signal
import time

import pytest

import warehouse
from flows.cores import available_cores, polars_threads
from tests.processes import inconsistencies, kill_group, newsdesk_env, polars_pool_sizes, query, run, start

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

N = 400
PEOPLE = ["Ann Lee", "Raj Patel", "Maria Lopez", "Tom Hart", "Priya Shah"]
PLACES = ["Leeds", "York", "Bradford", "Hull", "Sheffield"]


@pytest.fixture
def wire(tmp_path):
    """N short, distinct articles in one JSON Lines file."""
    path = tmp_path / "in" / "wire.jsonl"
    path.parent.mkdir()
    lines = []
    for i in range(N):
        who, where = PEOPLE[i % 5], PLACES[i // 5 % 5]
        body = (
            f"The council in {where} approved plan number {i} on Monday. "
            f'"This is a good day for {where}," {who} said. Work on site {i} starts in May.'
        )
        lines.append(json.dumps({"id": f"a{i}", "title": f"Plan {i} approved in {where}", "body": body}))
    path.write_text("\n".join(lines) + "\n")
    return path


def run_args(wire, db_path, *more):
    return ["run", str(wire), "--db", str(db_path), "--batch-size", "10", "--ner", "rules", "--no-progress", *more]


def loaded_now(db_path) -> int | None:
    """Articles loaded, read as an analyst would mid-run (None before the file exists)."""
    if not db_path.exists():
        return None
    try:
        with warehouse.connection(db_path, read_only=True, wait_seconds=60) as con:
            return con.sql("SELECT count(*) FROM articles").fetchall()[0][0]
    except Exception:  # the schema is not there yet
        return None


def test_an_analyst_query_gets_an_answer_while_the_run_goes_on(wire, db_path):
    from prefect.settings import PREFECT_API_URL

    env = newsdesk_env(PREFECT_API_URL.value())
    writer = start(run_args(wire, db_path), env)
    answers: list = []
    try:
        while writer.poll() is None and not any(0 < n < N for n, _ in answers):
            if db_path.exists():
                res = run(
                    ["sql", "select count(*) as n from articles", "--db", str(db_path), "--format", "csv"],
                    env,
                    timeout=120,
                )
                if res.returncode == 0:  # (before the run made its tables: a catalog error)
                    answers.append((int(res.stdout.split()[-1]), writer.poll() is None))
            time.sleep(0.2)
        out, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err
    finally:
        kill_group(writer)
    # a reader got the database mid-run: some batches in, not all, and the run still going
    assert any(0 < n < N and alive for n, alive in answers), answers
    assert query(db_path, "SELECT count(*) FROM articles") == [(N,)]
    assert not inconsistencies(db_path)


@pytest.mark.parametrize("runner", ["local", "pipeline"])
def test_sigterm_stops_the_run_between_batches_and_a_rerun_finishes(wire, db_path, runner):
    from prefect.settings import PREFECT_API_URL

    env = newsdesk_env(PREFECT_API_URL.value())
    writer = start(run_args(wire, db_path, "--runner", runner), env)
    try:
        deadline = time.monotonic() + 180
        while not (loaded_now(db_path) or 0) > 0:
            assert writer.poll() is None, writer.communicate()
            assert time.monotonic() < deadline, "no batch was ever loaded"
            time.sleep(0.2)
        if runner == "pipeline":
            # the flow process and its two transform processes, each with its own share of the cores
            assert polars_pool_sizes(writer) == [polars_threads("pipeline", available_cores())] * 3
        writer.send_signal(signal.SIGTERM)
        out, err = writer.communicate(timeout=120)
    finally:
        kill_group(writer)
    assert writer.returncode == 3, err
    assert err.strip().splitlines()[-1].startswith("stopped: received SIGTERM: stopped between batches")
    assert "Traceback" not in err
    loaded = query(db_path, "SELECT count(*) FROM articles")[0][0]
    assert 0 < loaded < N
    assert loaded % 10 == 0  # whole batches
    assert not inconsistencies(db_path)
    status, message, finished, seen = query(db_path, "SELECT status, message, finished_at IS NOT NULL, seen FROM runs")[
        0
    ]
    assert (status, finished, seen) == ("interrupted", True, loaded)
    assert message == "Interrupted: received SIGTERM: stopped between batches"
    warehouse.acquire_run_lock(db_path, wait_seconds=0).release()  # the writer lock is free

    done = run(run_args(wire, db_path, "--runner", runner), env)
    assert done.returncode == 0, done.stderr
    assert query(db_path, "SELECT count(*) FROM articles") == [(N,)]
    assert not inconsistencies(db_path)
    assert query(db_path, "SELECT status, seen, new, unchanged FROM runs ORDER BY started_at") == [
        ("interrupted", loaded, loaded, 0),
        ("completed", N, N - loaded, loaded),
    ]
