"""The writer lock (one ingest run writes to a database at a time) and the readers' signal.

The writer lock is held for a whole run. It is an advisory `flock` on `<db>.lock`, which the
kernel releases when the holder exits, however it exits: a SIGKILLed run never leaves it behind,
and the next run to hold it knows that any run still marked 'running' was interrupted.

DuckDB's own file lock is held by the run's write connection, which stays open across batches
(closing it checkpoints, which made per-batch connections quadratic). So a reader signals: while
it waits to open the file it holds a shared `flock` on `<db>.read` (`reader_waiting`). After each
batch the writer tries that lock exclusively (`readers_waiting`, one system call); when a reader
holds it, the writer closes its connection, waits until every waiting reader is in
(`wait_for_readers`), and reopens it. A reader waits at most about one batch; the readers get
the database as of that batch's commit: whole articles only.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .waiting import WarehouseLocked, retry

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
    since = datetime.now(UTC).isoformat(timespec="seconds")
    me = f"PID {os.getpid()} ({' '.join(sys.argv)[:200]}), run {run_id or '?'}, since {since}"
    os.ftruncate(fd, 0)
    os.pwrite(fd, me.encode(), 0)
    return RunLock(path, fd)


def read_signal_path(db_path: str | Path) -> Path:
    """The readers' signal file beside the database: `news.duckdb` -> `news.duckdb.read`."""
    return Path(f"{db_path}.read")


@contextmanager
def reader_waiting(db_path: str | Path) -> Iterator[None]:
    """Tell a writer, for the duration of the block, that a reader waits to open `db_path`.

    A shared lock, so any number of readers can wait together; without the right to create the
    file (a read-only folder) the reader still waits, only unannounced.
    """
    try:
        fd = os.open(read_signal_path(db_path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_SH)  # (blocks only for the instant a writer holds it exclusively)
        yield
    finally:
        os.close(fd)


def readers_waiting(db_path: str | Path) -> bool:
    """Whether a reader holds the signal (`reader_waiting`); cheap enough to ask after every batch."""
    path = read_signal_path(db_path)
    if not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def wait_for_readers(db_path: str | Path, wait_seconds: float = 30.0) -> None:
    """With the write connection closed: wait until the waiting readers have opened the database
    (each drops the signal once in), for at most `wait_seconds` (a reader gives up on its own
    after its wait anyway)."""
    try:
        fd = os.open(read_signal_path(db_path), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return

    def attempt() -> bool | None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return None

    try:
        retry(attempt, wait_seconds)
    finally:
        os.close(fd)  # (releases the exclusive lock too)
