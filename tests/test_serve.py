"""`newsdesk serve`: schedules, the deployment, and a real Prefect server running it end to end."""

import signal
import time

import duckdb
import httpx
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.serve import ServeError, api_healthy, deployment, free_port, schedule
from tests.processes import kill_group, newsdesk_env, processes_with, start


def test_the_deployment_carries_cron_timezone_parameters_and_a_limit_of_one():
    dep = deployment(
        schedule(cron="0 6 * * 1-5", timezone="Europe/London"),
        {"sources": ["/in"], "db_path": "/w/news.duckdb", "ner": "rules"},
    )
    (sched,) = dep.schedules
    assert (sched.schedule.cron, sched.schedule.timezone, sched.active) == ("0 6 * * 1-5", "Europe/London", True)
    assert dep.concurrency_limit == 1 and dep.concurrency_options.collision_strategy == "ENQUEUE"
    assert dep.parameters == {"sources": ["/in"], "db_path": "/w/news.duckdb", "ner": "rules"}
    assert (dep.flow_name, dep.name, dep.entrypoint) == ("newsdesk-ingest", "newsdesk-scheduled", "flows.ingest.ingest")


def test_an_interval_schedule_keeps_its_timezone():
    sched = schedule(interval=90, timezone="America/New_York")
    assert sched.interval.total_seconds() == 90 and sched.timezone == "America/New_York"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"cron": "every monday"}, "Invalid cron string"),
        ({"cron": "0 6 * * *", "timezone": "Mars/Olympus"}, "Invalid timezone"),
        ({}, "exactly one of --cron or --interval"),
        ({"cron": "0 6 * * *", "interval": 60}, "exactly one of --cron or --interval"),
        ({"interval": 0}, "positive"),
    ],
)
def test_bad_schedules_are_refused_with_a_reason(kwargs, message):
    with pytest.raises(ServeError, match=message):
        schedule(**kwargs)


def test_serve_refuses_a_bad_cron_before_starting_anything(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--cron", "61 * * * *", "--port", str(free_port()), str(tmp_path)])
    assert result.exit_code == 1 and "error:" in result.output and "cron" in result.output.lower()
    assert isinstance(result.exception, SystemExit)


def test_serve_says_so_when_the_remote_server_does_not_answer(tmp_path, monkeypatch):
    dead = f"http://127.0.0.1:{free_port()}/api"
    monkeypatch.setenv("PREFECT_API_URL", dead)
    result = CliRunner().invoke(app, ["serve", "--cron", "*/15 * * * *", str(tmp_path)])
    assert result.exit_code == 1 and f"no Prefect server answers at PREFECT_API_URL={dead}" in result.output


def articles_in(db_path) -> list[str]:
    """Titles in the database; [] while it is missing or a run holds it."""
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return []
    try:
        return sorted(r[0] for r in con.sql("SELECT title FROM articles").fetchall())
    except duckdb.Error:
        return []
    finally:
        con.close()


def wait_for(check, what: str, proc, log, timeout: float = 180.0):
    deadline = time.monotonic() + timeout
    while not (value := check()):
        assert proc.poll() is None, f"serve exited ({proc.returncode}) before {what}:\n{log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}:\n{log.read_text()[-3000:]}"
        time.sleep(1)
    return value


@pytest.mark.slow
def test_serve_starts_a_loopback_server_runs_on_schedule_picks_up_a_new_file_and_stops_everything(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "first.txt").write_text("Rain Falls in Leeds\n\nIt rained in Leeds on Monday. Streets flooded.\n")
    db, log, port = tmp_path / "news.duckdb", tmp_path / "serve.log", free_port()
    api = f"http://127.0.0.1:{port}/api"
    home = str(tmp_path / "prefect-home")  # its own: the server's database, the runs, the logs
    env = newsdesk_env(PREFECT_HOME=home, PREFECT_RUNNER_POLL_FREQUENCY="2")
    env.pop("PREFECT_API_URL", None)
    serve = start(
        [
            "serve",
            "--interval",
            "5",
            "--ner",
            "rules",
            "--port",
            str(port),
            "--db",
            str(db),
            "--name",
            "test-serve",
            str(inbox),
        ],
        env,
        log,
    )
    try:
        wait_for(lambda: articles_in(db) == ["Rain Falls in Leeds"], "the first scheduled run", serve, log)
        (inbox / "second.txt").write_text(
            'Council Approves Budget\n\nThe council approved the budget. "It is fair," Mayor Ann Lee said.\n'
        )
        wait_for(lambda: "Council Approves Budget" in articles_in(db), "the new file to land", serve, log)

        # what the UI shows: the deployment with its schedule and limit, named runs, task states, logs
        dep = httpx.get(f"{api}/deployments/name/newsdesk-ingest/test-serve").json()
        assert dep["schedules"][0]["schedule"]["interval"] == 5.0 and dep["global_concurrency_limit"]["limit"] == 1
        runs = httpx.post(
            f"{api}/flow_runs/filter",
            json={
                "deployments": {"id": {"any_": [dep["id"]]}},
                "flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}},
                "sort": "START_TIME_ASC",
            },
        ).json()
        assert len(runs) >= 2 and {r["name"] for r in runs} == {"ingest in -> news.duckdb"}
        tasks = httpx.post(f"{api}/task_runs/filter", json={"flow_runs": {"id": {"any_": [runs[0]["id"]]}}}).json()
        # one task run a batch, its load; the stages around it are plain functions
        assert {"read", "load", "record run"} <= {t["name"].rsplit("-", 1)[0] for t in tasks}
        assert all(t["state"]["type"] == "COMPLETED" for t in tasks)
        logs = httpx.post(f"{api}/logs/filter", json={"logs": {"flow_run_id": {"any_": [runs[0]["id"]]}}}).json()
        assert any(rec["message"].startswith("Reading 1 file(s)/URL(s) from") for rec in logs)

        # SIGTERM (what systemd sends) stops the runner and the server it started
        serve.send_signal(signal.SIGTERM)
        serve.wait(90)
        assert serve.returncode == 0, log.read_text()[-3000:]
        assert "Stopping the Prefect server" in log.read_text()
        assert processes_with("PREFECT_HOME", home) == [] and not api_healthy(api)  # server and runs gone too
    finally:
        kill_group(serve)
        for leftover in processes_with("PREFECT_HOME", home):
            leftover.kill()
