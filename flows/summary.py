"""The readable summary printed at the end of a run."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

import warehouse


def print_summary(summary) -> None:
    """Counts of this run beside the database totals, and where to look next."""
    with warehouse.connection(summary.db_path, read_only=True) as con:
        totals = warehouse.table_counts(con)
    table = Table(
        title=f"newsdesk run {summary.run_id[:8]} — {summary.status} in {summary.seconds:.1f} s", title_justify="left"
    )
    table.add_column("table")
    table.add_column("this run", justify="right")
    table.add_column("in database", justify="right")
    for t in ("articles", "sentences", "quotes", "mentions", "entities"):
        table.add_row(t, f"{summary.loaded.get(t, 0):,}", f"{totals[t]:,}")
    table.add_row("rejects", f"{summary.rejected:,}", f"{totals['rejects']:,}")
    console = Console()
    console.print(table)
    console.print(
        f"articles: {summary.seen:,} read, {summary.new:,} new, {summary.updated:,} updated, "
        f"{summary.unchanged:,} unchanged; {summary.rejected:,} rejected"
        + (' (see: newsdesk sql "select * from rejects")' if summary.rejected else "")
    )
    console.print(f"database: {summary.db_path}")
