"""One writer at a time: the run lock, a second writer, and a reader during a run."""

import json
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest
from typer.testing import CliRunner

import warehouse
from flows.cli import app
from tests.processes import kill_group, newsdesk_env, query, run, start


def test_a_second_lock_waits_then_names_the_holder_and_is_free_after_release(db_path):
    held = warehouse.acquire_run_lock(db_path, run_id="run-1")
    try:
        t0 = time.monotonic()
        with pytest.raises(warehouse.WarehouseLocked) as err:
            warehouse.acquire_run_lock(db_path, wait_seconds=0.5)
        assert time.monotonic() - t0 >= 0.5
        assert f"PID {os.getpid()}" in str(err.value) and "run run-1" in str(err.value) and "Waited" in str(err.value)
    finally:
        held.release()
    warehouse.acquire_run_lock(db_path, wait_seconds=0).release()


def test_a_killed_holder_leaves_no_lock_behind(db_path):
    code = (
        f"import sys, time, warehouse; warehouse.acquire_run_lock({str(db_path)!r}); print('held', flush=True); "
        f"time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(warehouse.WarehouseLocked, match=f"PID {holder.pid}"):
            warehouse.acquire_run_lock(db_path, wait_seconds=0.2)
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        warehouse.acquire_run_lock(db_path, wait_seconds=1).release()
    finally:
        holder.kill()
        holder.wait()


def wait_until_stopped(proc: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while psutil.Process(proc.pid).status() != psutil.STATUS_STOPPED:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the first run never reached its load"
        time.sleep(0.2)


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_during_a_run_a_second_writer_fails_naming_it_and_a_reader_gets_a_clear_message(tmp_path, db_path, monkeypatch):
    from prefect.settings import PREFECT_API_URL

    monkeypatch.setenv("NEWSDESK_READ_WAIT_SECONDS", "3")  # the run is frozen mid-load: it never lets the reader in

    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "wire.jsonl").write_text(
            json.dumps(
                {"id": name, "title": "Rain in Leeds", "body": f"It rained in Leeds. The {name} report said so."}
            )
            + "\n"
        )
    args = ["--db", str(db_path), "--ner", "rules", "--no-progress"]
    # the first run freezes itself inside its load transaction: it holds the run lock and DuckDB's
    first = start(
        ["run", str(tmp_path / "first"), *args],
        newsdesk_env(PREFECT_API_URL.value(), NEWSDESK_TEST_KILL_AT="load", NEWSDESK_TEST_KILL_SIGNAL="SIGSTOP"),
    )
    try:
        wait_until_stopped(first)

        t0 = time.monotonic()
        second = run(
            ["run", str(tmp_path / "second"), *args],
            newsdesk_env(PREFECT_API_URL.value(), NEWSDESK_LOCK_WAIT_SECONDS="3"),
        )
        assert time.monotonic() - t0 >= 3
        assert second.returncode == 1
        last = second.stderr.strip().splitlines()[-1]  # Prefect logs the flow's failure above it
        assert (
            last.startswith(f"error: {db_path} is being written by another run: PID {first.pid} (")
            and "Waited 3 s" in last
        )

        reader = CliRunner().invoke(app, ["sql", "select count(*) from articles", "--db", str(db_path)])
        assert reader.exit_code == 1
        assert f"is locked by PID {first.pid}" in reader.output and "a run is writing to it" in reader.output
        assert isinstance(reader.exception, SystemExit)  # a message, not a stack trace

        first.send_signal(signal.SIGCONT)
        out, err = first.communicate(timeout=120)
        assert first.returncode == 0, err
    finally:
        kill_group(first)
    # the first run finished; the second never started, so it left no row and no article
    assert query(db_path, "SELECT external_id FROM articles") == [("first",)]
    assert query(db_path, "SELECT status, seen, new FROM runs") == [("completed", 1, 1)]
