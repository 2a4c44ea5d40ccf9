"""Read-only queries for `newsdesk sql`."""

from __future__ import annotations

from pathlib import Path

from .db import connection, read_wait

FORMATS = ("table", "csv", "json", "parquet")
MAX_ROWS = 100  # rows printed by the table format; files get every row
MAX_WIDTH = 60  # characters per cell in the table format


def _cell(value: object) -> str:
    if value is None:
        return "NULL"
    text = value.isoformat(sep=" ") if hasattr(value, "isoformat") and not isinstance(value, str) else str(value)
    text = text.replace("\n", "⏎")
    return text if len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 1] + "…"


def format_table(names: list[str], types: list[str], rows: list[tuple], more: bool = False) -> str:
    """A plain-text table: column names, their DuckDB types under them, then the rows.

    Numbers are right-aligned; cells are cut at MAX_WIDTH characters; a footer gives the row
    count, or says that `more` rows were left out.
    """
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(n), len(t)] + [len(r[i]) for r in cells]) for i, (n, t) in enumerate(zip(names, types))]
    numeric = [any(k in t for k in ("INT", "DOUBLE", "FLOAT", "DECIMAL", "REAL")) for t in types]

    def line(values: list[str]) -> str:
        return "│ " + " │ ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)) + " │"

    rule = lambda a, b, c: a + b.join("─" * (w + 2) for w in widths) + c  # noqa: E731
    out = [rule("┌", "┬", "┐"), line(names), line(types), rule("├", "┼", "┤")]
    out += [line(r) for r in cells]
    out.append(rule("└", "┴", "┘"))
    n = len(rows)
    shown = f"first {n:,} rows shown (use --format csv --out FILE for all)" if more else f"{n:,} row{'s' if n != 1 else ''}"
    out.append(f"{shown}, {len(names)} column{'s' if len(names) != 1 else ''}")
    return "\n".join(out)


def run_query(db: str | Path, query: str, fmt: str = "table", out: Path | None = None) -> str:
    """Run `query` on a read-only connection; return the text to print (or write it to `out`).

    :param db: the DuckDB file.
    :param query: one SQL statement; writes fail (the connection is read-only).
    :param fmt: `table` (column names with their DuckDB types), `csv`, `json` (one object per
        line) or `parquet` (needs `out`).
    :param out: write the result here instead of returning it; the return value then says how
        many rows went where.
    """
    if fmt not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}")
    if fmt == "parquet" and out is None:
        raise ValueError("--format parquet needs --out FILE")
    with connection(db, read_only=True, wait_seconds=read_wait()) as con:
        rel = con.sql(query)
        if rel is None:
            raise ValueError("the statement returned no result: give a query (SELECT, FROM, SHOW, DESCRIBE, ...)")
        names, types = rel.columns, [str(t) for t in rel.types]
        if out is not None and fmt in ("parquet", "csv"):  # DuckDB writes the file, keeping its own types
            if fmt == "parquet":
                rel.write_parquet(str(out), compression="zstd")
            else:
                rel.write_csv(str(out), header=True)
            n = con.sql(f"SELECT count(*) FROM read_{fmt}(?)", params=[str(out)]).fetchall()[0][0]
            return f"{n:,} rows -> {out}"
        if fmt == "table":
            rows = rel.limit(MAX_ROWS + 1).fetchall()
            text = format_table(names, types, rows[:MAX_ROWS], more=len(rows) > MAX_ROWS)
        elif fmt == "csv":
            text = rel.pl().write_csv()
        else:
            text = rel.pl().write_ndjson()
    if out is not None:
        Path(out).write_text(text)
        return f"{len(text.splitlines()):,} lines -> {out}"
    return text.rstrip("\n")

