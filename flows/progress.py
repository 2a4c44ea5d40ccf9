"""A progress bar over articles that is silent when not wanted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@contextmanager
def progress_bar(enabled: bool, what: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """Yields `advance(n)`; draws a bar on stderr when `enabled`."""
    if not enabled:
        yield lambda n: None
        return
    columns = [SpinnerColumn(), TextColumn(f"[bold]{what}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task(what, total=total)
        yield lambda n: bar.advance(task, n)
