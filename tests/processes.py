"""Real `newsdesk` processes for the crash, locking and serve tests, each in its own process group
so that a test can stop everything it started."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

import duckdb
import psutil

# the entry point installed in the project's venv, beside the interpreter running the tests
NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))


def newsdesk_env(api_url: str | None = None, **extra: str) -> dict[str, str]:
    """The test's environment (its private PREFECT_HOME included), pointed at `api_url`."""
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING", "NEWSDESK_LOCK_WAIT_SECONDS": "3", **extra}
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def start(args: list[str], env: dict[str, str], log: Path | None = None) -> subprocess.Popen:
    """`newsdesk ARGS` in a new session (its own process group); output captured, or appended to `log`."""
    with contextlib.ExitStack() as stack:
        out: IO[str] | int = subprocess.PIPE
        err = subprocess.PIPE
        if log is not None:  # closed when Popen holds its own copy
            out, err = stack.enter_context(open(log, "a")), subprocess.STDOUT
        return subprocess.Popen(
            [NEWSDESK, *args],
            env=env,
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            text=True,
        )


def processes_with(key: str, value: str) -> list[psutil.Process]:
    """Live processes whose environment has `key=value` (e.g. a test's own PREFECT_HOME): whatever
    a test started, in any process group."""
    found = []
    for p in psutil.process_iter():
        try:
            if p.pid != os.getpid() and p.status() != psutil.STATUS_ZOMBIE and p.environ().get(key) == value:
                found.append(p)
        except psutil.Error:
            pass
    return found


def polars_pool_sizes(proc: subprocess.Popen) -> list[int]:
    """The size of Polars' thread pool (its threads are named `polars-<n>`) in `proc` and each of
    its descendants that has one."""
    sizes = []
    for p in [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]:
        with contextlib.suppress(OSError):
            names = [(task / "comm").read_text().strip() for task in Path(f"/proc/{p.pid}/task").iterdir()]
            if n := sum(name.removeprefix("polars-").isdigit() for name in names if name.startswith("polars-")):
                sizes.append(n)
    return sizes


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL whatever is left of the process group (works on stopped processes too)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def run(args: list[str], env: dict[str, str], timeout: float = 240) -> subprocess.CompletedProcess:
    """Run `newsdesk ARGS` to the end (or kill it after `timeout`); nothing of it outlives the call."""
    proc = start(args, env)
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        kill_group(proc)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def inconsistencies(db_path: Path) -> list[str]:
    """What breaks 'every article complete or absent' in the database (empty when consistent)."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        problems = [
            f"{aid}: n_sentences {n} but {rows} sentence rows"
            for aid, n, rows in con.sql(
                "SELECT a.article_id, a.n_sentences, count(s.article_id) FROM articles a "
                "LEFT JOIN sentences s USING (article_id) GROUP BY ALL HAVING a.n_sentences != count(s.article_id)"
            ).fetchall()
        ]
        for child in ("sentences", "quotes", "mentions"):
            n = con.sql(
                f"SELECT count(*) FROM {child} WHERE article_id NOT IN (SELECT article_id FROM articles)"
            ).fetchall()[0][0]
            if n:
                problems.append(f"{n} orphan {child} rows")
        n = con.sql("SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT entity_id FROM entities)").fetchall()[
            0
        ][0]
        if n:
            problems.append(f"{n} mentions of missing entities")
        return problems
    finally:
        con.close()


def query(db_path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()
