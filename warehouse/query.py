"""Read-only queries for `newsdesk sql`: one statement that only reads, on a connection that can
touch no file but the database (the result goes to a file only through `out`)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path

import duckdb

from .db import connection, read_wait

FORMATS = ("table", "csv", "json", "parquet")
MAX_ROWS = 100  # rows printed by the table format; files get every row
MAX_WIDTH = 60  # characters per cell in the table format
# PRAGMAs that only report; the others change settings (or run a checkpoint)
READ_ONLY_PRAGMAS = frozenset({
    "collations", "database_list", "database_size", "functions", "metadata_info", "platform", "show", "show_databases",
    "show_tables", "show_tables_expanded", "storage_info", "table_info", "user_agent", "version",
})  # fmt: skip
_EXPLAIN = re.compile(r"\s*explain\s+(?:\([^)]*\)\s*)?(?:analy[sz]e\s+)?", re.IGNORECASE)
_PRAGMA = re.compile(r"\s*pragma\s+(\w+)", re.IGNORECASE)


class NotReadOnly(ValueError):
    """A query `newsdesk sql` refuses: not exactly one statement, or one that may write."""


def check_read_only(query: str) -> None:
    """Return when `query` is exactly one statement that only reads, else raise `NotReadOnly` saying why.

    DuckDB's parser counts and classifies the statements: SELECT (with WITH, FROM-first, VALUES,
    TABLE, DESCRIBE, SHOW, SUMMARIZE) passes; EXPLAIN when what it explains does (EXPLAIN ANALYZE
    runs it); PRAGMA only for the reporting ones in READ_ONLY_PRAGMAS; nothing else (COPY, ATTACH,
    EXPORT, SET, INSERT, CALL, LOAD, ...). Syntax errors propagate as DuckDB's ParserException.
    """
    statements = duckdb.extract_statements(query)
    if len(statements) != 1:
        raise NotReadOnly(f"newsdesk sql is read-only and runs exactly one statement, not {len(statements)}")
    st = statements[0]
    if st.type == duckdb.StatementType.SELECT:
        return
    if st.type == duckdb.StatementType.EXPLAIN:
        head = _EXPLAIN.match(st.query)
        inner = duckdb.extract_statements(st.query[head.end() :]) if head else []
        if len(inner) == 1 and inner[0].type == duckdb.StatementType.SELECT:
            return
        raise NotReadOnly("newsdesk sql is read-only: EXPLAIN only of a SELECT")
    if st.type == duckdb.StatementType.PRAGMA:
        name = _PRAGMA.match(st.query)
        if name and name.group(1).lower() in READ_ONLY_PRAGMAS:
            return
        raise NotReadOnly(
            f"newsdesk sql is read-only: PRAGMA {name.group(1) if name else '?'} changes settings or state"
        )
    raise NotReadOnly(
        f"newsdesk sql is read-only: {st.type.name} statements are refused (to write a result to a file, use --out)"
    )


def _write_file(result: duckdb.DuckDBPyRelation, fmt: str, out: Path) -> int:
    """Write `result` to `out` as parquet (zstd) or csv through a separate in-memory DuckDB (the
    reader may touch no file), keeping DuckDB's types; return the row count written."""
    with duckdb.connect() as writer:
        rel = writer.from_arrow(result.arrow())
        if fmt == "parquet":
            rel.write_parquet(str(out), compression="zstd")
        else:
            rel.write_csv(str(out), header=True)
        return writer.sql(f"SELECT count(*) FROM read_{fmt}(?)", params=[str(out)]).fetchall()[0][0]


def _cell(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    else:  # a date (a month in source_gender) has no time to separate; str() of the rest
        text = value.isoformat() if isinstance(value, date | time) else str(value)
    text = text.replace("\n", "⏎")
    return text if len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 1] + "…"


def format_table(names: list[str], types: list[str], rows: list[tuple], more: bool = False) -> str:
    """A plain-text table: column names, their DuckDB types under them, then the rows.

    Numbers are right-aligned; cells are cut at MAX_WIDTH characters; a footer gives the row
    count, or says that `more` rows were left out.
    """
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [
        max([len(n), len(t)] + [len(r[i]) for r in cells]) for i, (n, t) in enumerate(zip(names, types, strict=True))
    ]
    numeric = [any(k in t for k in ("INT", "DOUBLE", "FLOAT", "DECIMAL", "REAL")) for t in types]

    def line(values: list[str]) -> str:
        return (
            "│ "
            + " │ ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True))
            + " │"
        )

    def rule(a: str, b: str, c: str) -> str:
        return a + b.join("─" * (w + 2) for w in widths) + c

    out = [rule("┌", "┬", "┐"), line(names), line(types), rule("├", "┼", "┤")]
    out += [line(r) for r in cells]
    out.append(rule("└", "┴", "┘"))
    n = len(rows)
    shown = (
        f"first {n:,} rows shown (use --format csv --out FILE for all)" if more else f"{n:,} row{'s' if n != 1 else ''}"
    )
    out.append(f"{shown}, {len(names)} column{'s' if len(names) != 1 else ''}")
    return "\n".join(out)


def run_query(db: str | Path, query: str, fmt: str = "table", out: Path | None = None) -> str:
    """Run `query` on a read-only connection; return the text to print (or write it to `out`).

    :param db: the DuckDB file.
    :param query: one SQL statement that only reads (see `check_read_only`; else `NotReadOnly`).
    :param fmt: `table` (column names with their DuckDB types), `csv`, `json` (one object per
        line) or `parquet` (needs `out`).
    :param out: write the result here instead of returning it; the return value then says how
        many rows went where.
    """
    if fmt not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}")
    if fmt == "parquet" and out is None:
        raise ValueError("--format parquet needs --out FILE")
    check_read_only(query)
    with connection(db, read_only=True, wait_seconds=read_wait()) as con:
        # defence in depth: no file but the database (no COPY, ATTACH, read_csv, extensions), settings frozen
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        rel = con.sql(query)
        if rel is None:
            raise ValueError("the statement returned no result: give a query (SELECT, FROM, SHOW, DESCRIBE, ...)")
        names, types = rel.columns, [str(t) for t in rel.types]
        if out is not None and fmt in ("parquet", "csv"):
            return f"{_write_file(rel, fmt, Path(out)):,} rows -> {out}"
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
