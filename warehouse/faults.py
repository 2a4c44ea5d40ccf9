"""Fault injection for the crash tests: kill (or stop) this process at a named point of a run.

`NEWSDESK_TEST_KILL_AT=point[:n]` makes the process signal itself the n-th time (default: the
first) it reaches `point`; the signal is SIGKILL unless `NEWSDESK_TEST_KILL_SIGNAL` names another
(SIGSTOP freezes a run mid-transaction for the locking tests). Unset, a point costs one lookup.

Points: `read` (a batch read, nothing staged), `transform` (a batch's sentences, entities and
quotes staged, not validated or loaded), `load` (inside the load transaction, articles inserted
but not their sentences, quotes and mentions).
"""

from __future__ import annotations

import os
import signal
from collections import Counter

KILL_AT_ENV = "NEWSDESK_TEST_KILL_AT"
SIGNAL_ENV = "NEWSDESK_TEST_KILL_SIGNAL"
_reached: Counter[str] = Counter()


def crash_point(name: str) -> None:
    """Signal this process here if $NEWSDESK_TEST_KILL_AT names this point and occurrence."""
    spec = os.environ.get(KILL_AT_ENV)
    if not spec:
        return
    point, _, nth = spec.partition(":")
    if point != name:
        return
    _reached[name] += 1
    if _reached[name] == int(nth or 1):
        os.kill(os.getpid(), getattr(signal, os.environ.get(SIGNAL_ENV, "SIGKILL")))
