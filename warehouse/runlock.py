"""The writer lock: one ingest run writes to a database at a time.

DuckDB's own file lock is held only for each short transaction (so readers get in between
batches); this lock is held for a whole run. It is an advisory `flock` on `<db>.lock`, which the
kernel releases when the holder exits, however it exits: a SIGKILLed run never leaves it behind,
and the next run to hold it knows that any run still marked 'running' was interrupted.
"""

from __future__ import annotations

import fcntl
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from .db import WarehouseLocked, retry

# How long a second run waits for the first before failing; the environment can change it.
WAIT_ENV = "NEWSDESK_LOCK_WAIT_SECONDS"
DEFAULT_WAIT = 30.0


def lock_path(db_path: str | Path) -> Path:
    """The lock file beside the database: `news.duckdb` -> `news.duckdb.lock`."""
    return Path(f"{db_path}.lock")


class RunLock:
    """A held writer lock; `release()` (or process exit) lets the next run in."""

    def __init__(self, path: Path, fd: int):
        self.path = path
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> RunLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _holder(fd: int) -> str:
    """What the holder wrote into the lock file: its PID, command line and start time."""
    text = os.pread(fd, 1000, 0).decode("utf-8", "replace").strip()
    return text or "another process"


def acquire_run_lock(db_path: str | Path, wait_seconds: float | None = None, run_id: str = "") -> RunLock:
    """Take the writer lock for `db_path`, waiting up to `wait_seconds` for a running writer.

    :param db_path: the DuckDB file the run writes to.
    :param wait_seconds: how long to wait; default $NEWSDESK_LOCK_WAIT_SECONDS, else 30.
    :param run_id: written into the lock file, so a waiting run can name the holder.
    Raises WarehouseLocked naming the holder (PID, command line, run, start time) when it stays taken.
    """
    if wait_seconds is None:
        wait_seconds = float(os.environ.get(WAIT_ENV, DEFAULT_WAIT))
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)

    def attempt() -> bool | None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return None

    if not retry(attempt, wait_seconds):
        holder = _holder(fd)
        os.close(fd)
        raise WarehouseLocked(
            f"{db_path} is being written by another run: {holder}. "
            f"Waited {wait_seconds:.0f} s; try again when it has finished."
        )
    since = datetime.now(timezone.utc).isoformat(timespec="seconds")
    me = f"PID {os.getpid()} ({' '.join(sys.argv)[:200]}), run {run_id or '?'}, since {since}"
    os.ftruncate(fd, 0)
    os.pwrite(fd, me.encode(), 0)
    return RunLock(path, fd)
