"""Read-only queries for `newsdesk sql`."""

from __future__ import annotations

from pathlib import Path

from .db import connection

FORMATS = ("table", "csv", "json", "parquet")


def run_query(db: str | Path, query: str, fmt: str = "table", out: Path | None = None) -> str:
    """Run `query` on a read-only connection; return the text to print (or write it to `out`).

    `table` shows column names with their types; `parquet` needs `out`.
    """
    if fmt not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}")
    if fmt == "parquet" and out is None:
        raise ValueError("--format parquet needs --out FILE")
    with connection(db, read_only=True, wait_seconds=10) as con:
        df = con.sql(query).pl()
    if fmt == "parquet":
        df.write_parquet(out, compression="zstd")
        return f"{df.height:,} rows -> {out}"
    if fmt == "csv":
        text = df.write_csv()
    elif fmt == "json":
        text = df.write_ndjson()
    else:
        import polars as pl

        with pl.Config(tbl_rows=100, tbl_cols=50, fmt_str_lengths=80, tbl_width_chars=200, tbl_hide_dataframe_shape=False):
            text = str(df)
    if out is not None:
        Path(out).write_text(text)
        return f"{df.height:,} rows -> {out}"
    return text.rstrip("\n")
