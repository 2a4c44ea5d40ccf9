"""Stopping a run between batches on SIGTERM: the batch being loaded commits, then the run stops."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Interrupted(Exception):
    """The run was asked to stop (SIGTERM) and stopped between batches."""


# Set by SIGTERM during a run (see `stop_on_sigterm`); checked between batches.
_STOP = threading.Event()


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """While the block runs, SIGTERM asks the run to stop at the next batch boundary: the batch
    being loaded commits, the one being read or transformed is dropped, and `check_stop` raises
    Interrupted. A second SIGTERM goes to the handler that was there before (Prefect's: the run
    stops at once, its open transaction rolled back). Polars and DuckDB do not return to Python
    inside one operation, so stopping at once could not happen sooner anyway."""
    _STOP.clear()
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)

    def handler(signum, frame):
        if not _STOP.is_set():
            _STOP.set()
            return
        signal.signal(signal.SIGTERM, previous)
        if callable(previous):
            previous(signum, frame)
        else:
            os.kill(os.getpid(), signum)

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def stop_requested() -> bool:
    """Whether SIGTERM asked the run to stop (see `stop_on_sigterm`)."""
    return _STOP.is_set()


def check_stop() -> None:
    """Raise Interrupted when SIGTERM asked the run to stop (call between batches)."""
    if _STOP.is_set():
        raise Interrupted("received SIGTERM: stopped between batches")
