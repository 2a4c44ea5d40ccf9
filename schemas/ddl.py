"""DuckDB DDL and the data dictionary, both generated from the Pandera models."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

_DUCKDB_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "VARCHAR",
    pl.Int32: "INTEGER",
    pl.Int64: "BIGINT",
    pl.Float64: "DOUBLE",
    pl.Boolean: "BOOLEAN",
    pl.Datetime: "TIMESTAMPTZ",
}


def duckdb_type(dtype: pl.DataType) -> str:
    """The DuckDB column type for a Polars dtype from a model."""
    base = dtype if isinstance(dtype, type) else type(dtype)
    return _DUCKDB_TYPES[base]


def primary_key(model: type[pa.DataFrameModel]) -> list[str]:
    """The key columns: the model's `Config.unique` list, else its single `unique=True` field."""
    schema = model.to_schema()
    if schema.unique:
        return list(schema.unique)
    return [name for name, col in schema.columns.items() if col.unique]


def create_table_sql(model: type[pa.DataFrameModel], table: str) -> str:
    """`CREATE TABLE IF NOT EXISTS` for DuckDB, derived from the model's columns and key."""
    cols = [
        f'"{name}" {duckdb_type(col.dtype.type)}' + ("" if col.nullable else " NOT NULL")
        for name, col in model.to_schema().columns.items()
    ]
    key = primary_key(model)
    if key:
        cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in key) + ")")
    return f"CREATE TABLE IF NOT EXISTS {table} (\n    " + ",\n    ".join(cols) + "\n)"


def polars_schema(model: type[pa.DataFrameModel]) -> dict[str, pl.DataType]:
    """Column name -> Polars dtype, to build empty frames and cast results."""
    out = {}
    for name, col in model.to_schema().columns.items():
        t = col.dtype.type
        out[name] = t() if isinstance(t, type) else t
    return out


def data_dictionary(models: dict[str, type[pa.DataFrameModel]]) -> str:
    """Markdown describing every table: grain, then a row per column with type, nullability, checks."""
    lines = ["# Data dictionary", "", "Generated from the Pandera models in `schemas/` by `newsdesk docs`; do not edit by hand.", ""]
    for table, model in models.items():
        schema = model.to_schema()
        lines += [f"## `{table}`", "", (model.__doc__ or "").strip(), ""]
        key = primary_key(model)
        if key:
            lines += [f"Key: {', '.join(f'`{k}`' for k in key)}", ""]
        lines += ["| column | type | null | checks | description |", "|---|---|---|---|---|"]
        for name, col in schema.columns.items():
            checks = ", ".join(str(c) for c in col.checks) or ""
            lines.append(
                f"| `{name}` | {duckdb_type(col.dtype.type)} | {'yes' if col.nullable else 'no'} | "
                f"{checks.replace('|', '/')} | {col.description or ''} |"
            )
        lines.append("")
    return "\n".join(lines)
