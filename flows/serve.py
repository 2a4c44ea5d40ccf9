"""Serve the ingest flow on a schedule through a Prefect server.

`serve` connects to the server at PREFECT_API_URL, or else to one already answering on
127.0.0.1:<port>, or else starts `prefect server start` there (loopback only) and stops it on the
way out. It registers the flow as a deployment with its schedule (cron + timezone, or an interval)
and a concurrency limit of one, then runs the scheduled runs until SIGINT or SIGTERM.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 4200
DEFAULT_NAME = "newsdesk-scheduled"


class ServeError(RuntimeError):
    """The server could not be reached or started, or the schedule is invalid."""


def api_healthy(api_url: str, timeout: float = 2.0) -> bool:
    """True when a Prefect API answers its health check at `api_url` (".../api")."""
    try:
        return httpx.get(api_url.rstrip("/") + "/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen, grace: float = 20.0) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds; waits for the process to be gone."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class LocalServer:
    """A `prefect server start` this process started (and must stop)."""

    process: subprocess.Popen
    api_url: str
    log_path: Path

    def stop(self) -> None:
        stop_process(self.process)


def start_server(port: int = DEFAULT_PORT, log_path: Path | None = None, wait_seconds: float = 180.0) -> LocalServer:
    """Start `prefect server start` on 127.0.0.1:`port` and wait until it answers.

    :param port: the port for the API and the UI.
    :param log_path: where the server's output goes; default `$PREFECT_HOME/newsdesk-server.log`.
    :param wait_seconds: how long to wait for its health check (a first start migrates its database).
    The server keeps its state (runs, logs) in $PREFECT_HOME. Raises ServeError when it does not come up.
    """
    from prefect.settings import PREFECT_HOME

    api_url = f"http://{LOOPBACK}:{port}/api"
    log_path = log_path or Path(PREFECT_HOME.value()) / "newsdesk-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", LOOPBACK, "--port", str(port)]
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    server = LocalServer(proc, api_url, log_path)
    deadline = time.monotonic() + wait_seconds
    while not api_healthy(api_url):
        if proc.poll() is not None:
            raise ServeError(f"prefect server exited with code {proc.returncode}; see {log_path}")
        if time.monotonic() > deadline:
            server.stop()
            raise ServeError(f"prefect server did not answer at {api_url} within {wait_seconds:.0f} s; see {log_path}")
        time.sleep(0.5)
    return server


def connect_or_start(port: int = DEFAULT_PORT) -> tuple[str, LocalServer | None]:
    """The API URL to use, and the server started for it (None when one was already there).

    PREFECT_API_URL wins (a remote server); it must answer. Otherwise 127.0.0.1:`port` is used,
    starting a server there when nothing answers.
    """
    url = os.environ.get("PREFECT_API_URL")
    if url:
        if not api_healthy(url, timeout=10):
            raise ServeError(f"no Prefect server answers at PREFECT_API_URL={url}")
        return url, None
    url = f"http://{LOOPBACK}:{port}/api"
    if api_healthy(url):
        return url, None
    server = start_server(port)
    return server.api_url, server


def schedule(cron: str | None = None, interval: float | None = None, timezone: str = "UTC"):
    """A Prefect schedule from exactly one of `cron` and `interval` (seconds), in `timezone`.

    Raises ServeError for a malformed cron expression, an unknown timezone or a bad interval.
    """
    from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule
    from prefect.schedules import Cron, Interval
    from pydantic import ValidationError

    if (cron is None) == (interval is None):
        raise ServeError("give exactly one of --cron or --interval")
    try:
        if cron is not None:
            CronSchedule(cron=cron, timezone=timezone)  # validates here, not at the server
            return Cron(cron, timezone=timezone)
        assert interval is not None  # exactly one of the two was given
        if interval <= 0:
            raise ServeError("--interval must be a positive number of seconds")
        IntervalSchedule(interval=timedelta(seconds=interval), timezone=timezone)
        return Interval(interval, timezone=timezone)
    except ValidationError as exc:
        raise ServeError("; ".join(e["msg"] for e in exc.errors())) from None


def deployment(sched, parameters: dict, name: str = DEFAULT_NAME):
    """The ingest flow as a deployment: `sched`, these flow parameters, and at most one run at a time.

    The concurrency limit is global (held by the server): a run due while another is running waits
    for it (ENQUEUE) rather than starting a second writer.
    """
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.deployments.runner import EntrypointType

    from flows.ingest import ingest

    return ingest.to_deployment(
        name=name,
        schedules=[sched],
        parameters=parameters,
        concurrency_limit=ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE),
        # a module path, so the runs do not depend on the working directory
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="Ingest the sources into the DuckDB warehouse (newsdesk serve).",
        tags=["newsdesk"],
    )


def absolute(source: str) -> str:
    """A local path made absolute (runs happen in other processes); URLs as given."""
    return source if "://" in source else str(Path(source).resolve())


def serve(
    sources: list[str],
    db_path: str | Path,
    *,
    cron: str | None = None,
    interval: float | None = None,
    timezone: str = "UTC",
    ner: str = "spacy",
    name: str = DEFAULT_NAME,
    port: int = DEFAULT_PORT,
    echo: Callable[[str], None] = print,
) -> None:
    """Register the ingest flow with its schedule and run what is scheduled, until SIGINT/SIGTERM.

    :param sources: files, folders and URLs to ingest on each run.
    :param db_path: the DuckDB file the runs write to.
    :param cron: cron expression (e.g. "*/15 * * * *"); or
    :param interval: seconds between runs.
    :param timezone: IANA timezone of the schedule (e.g. "Europe/London").
    :param ner: "spacy" or "rules", passed to the flow.
    :param name: the deployment's name in the Prefect UI.
    :param port: where a local server is found or started when PREFECT_API_URL is unset.
    :param echo: where to print what is happening.
    """
    import prefect
    from prefect.settings import PREFECT_API_URL, temporary_settings

    sched = schedule(cron, interval, timezone)
    params = {"sources": [absolute(s) for s in sources], "db_path": str(Path(db_path).resolve()), "ner": ner}
    api_url, server = connect_or_start(port)
    if server:
        echo(f"Started a Prefect server (PID {server.process.pid}) at {api_url}; log: {server.log_path}")
    ui = api_url.removesuffix("/api")
    what = f"cron '{cron}'" if cron else f"every {interval:g} s"
    echo(f"Serving deployment 'newsdesk-ingest/{name}' ({what}, {timezone}) -> {params['db_path']}; UI: {ui}")
    # SIGTERM (systemd stop, kill) ends the runner like Ctrl-C, so the finally below runs
    previous = signal.signal(signal.SIGTERM, _interrupt)
    os.environ["PREFECT_API_URL"] = api_url  # for the flow-run processes the runner starts
    try:
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            prefect.serve(deployment(sched, params, name), limit=1, print_starting_message=False)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server:
            echo(f"Stopping the Prefect server (PID {server.process.pid})")
            server.stop()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
