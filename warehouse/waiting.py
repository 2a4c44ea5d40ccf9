"""Waiting for the database file: retries with backoff, and the error when the wait runs out."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class WarehouseLocked(RuntimeError):
    """Another process holds the database file."""


def retry(attempt: Callable[[], T | None], wait_seconds: float, max_delay: float = 1.0) -> T | None:
    """`attempt()` until it returns something (not None), backing off from 50 ms to `max_delay`
    between tries, for at most `wait_seconds`; None when the time ran out."""
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while (result := attempt()) is None and time.monotonic() < deadline:
        time.sleep(delay)
        delay = min(delay * 2, max_delay)
    return result
