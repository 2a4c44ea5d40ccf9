"""DuckDB DDL and the data dictionary, both generated from the Pandera models."""

from __future__ import annotations

import inspect

import pandera.polars as pa
import polars as pl

_DUCKDB_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "VARCHAR",
    pl.Int32: "INTEGER",
    pl.Int64: "BIGINT",
    pl.Float64: "DOUBLE",
    pl.Boolean: "BOOLEAN",
    pl.Datetime: "TIMESTAMPTZ",
    pl.Binary: "BLOB",
    pl.Date: "DATE",
}


def duckdb_type(dtype: pl.DataType | type[pl.DataType]) -> str:
    """The DuckDB column type for a Polars dtype from a model."""
    base: type[pl.DataType] = dtype if isinstance(dtype, type) else type(dtype)
    return _DUCKDB_TYPES[base]


def primary_key(model: type[pa.DataFrameModel]) -> list[str]:
    """The key columns: the model's `Config.unique` list, else its single `unique=True` field."""
    schema = model.to_schema()
    if schema.unique:
        return list(schema.unique)
    return [name for name, col in schema.columns.items() if col.unique]


def key_indexed(model: type[pa.DataFrameModel]) -> bool:
    """Whether the database holds the model's key as a PRIMARY KEY (an index).

    False when the model's `Config.metadata` has `"key_index": False`: its rows are replaced per
    article by the loader and their key checked per batch, so an index would only cost memory
    (DuckDB keeps every index in memory and rewrites it at each checkpoint).
    """
    metadata = model.__config__.metadata if model.__config__ is not None else None
    return bool((metadata or {}).get("key_index", True))


def create_table_sql(model: type[pa.DataFrameModel], table: str) -> str:
    """`CREATE TABLE IF NOT EXISTS` for DuckDB, derived from the model's columns and key."""
    cols = [
        f'"{name}" {duckdb_type(col.dtype.type)}' + ("" if col.nullable else " NOT NULL")
        for name, col in model.to_schema().columns.items()
    ]
    key = primary_key(model)
    if key and key_indexed(model):
        cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in key) + ")")
    return f"CREATE TABLE IF NOT EXISTS {table} (\n    " + ",\n    ".join(cols) + "\n)"


def polars_schema(model: type[pa.DataFrameModel]) -> dict[str, pl.DataType]:
    """Column name -> Polars dtype, to build empty frames and cast results."""
    out = {}
    for name, col in model.to_schema().columns.items():
        t = col.dtype.type
        out[name] = t() if isinstance(t, type) else t
    return out


def describe_check(check: pa.Check) -> str:
    """A column or table check as a reader would write it: `≥ 0`, `length 1 to 64`, `one of: a, b`."""
    st = {k: v for k, v in (check.statistics or {}).items() if v is not None}
    name = check.name
    if name == "str_length":
        lo, hi = st.get("min_value"), st.get("max_value")
        if "exact_value" in st or (lo is not None and lo == hi):
            return f"length {st.get('exact_value', lo)}"
        return (
            f"length {lo} to {hi}"
            if lo is not None and hi is not None
            else f"length ≥ {lo}"
            if lo is not None
            else f"length ≤ {hi}"
        )
    if name == "isin":
        return "one of: " + ", ".join(f"`{v}`" for v in st["allowed_values"])
    if name == "notin":
        return "not: " + ", ".join(f"`{v}`" for v in st["forbidden_values"])
    symbols = {
        "greater_than_or_equal_to": "≥",
        "greater_than": ">",
        "less_than_or_equal_to": "≤",
        "less_than": "<",
        "equal_to": "=",
        "not_equal_to": "≠",
    }
    if name in symbols and len(st) == 1:
        return f"{symbols[name]} {next(iter(st.values()))}"
    if name == "in_range":
        return f"{st.get('min_value')} to {st.get('max_value')}"
    if name == "str_matches":
        return f"matches `{st.get('pattern')}`"
    return check.description or name or "custom check"


def _paragraphs(model: type[pa.DataFrameModel]) -> list[str]:
    """The paragraphs of a model's docstring (blank-line separated), each as it is written."""
    return [p for p in inspect.cleandoc(model.__doc__ or "").split("\n\n") if p.strip()]


def _summary(model: type[pa.DataFrameModel]) -> str:
    """A model's first docstring paragraph on one line: its grain, for the data dictionary's index."""
    paragraphs = _paragraphs(model)
    return " ".join(paragraphs[0].split()) if paragraphs else ""


def data_dictionary(models: dict[str, type[pa.DataFrameModel]]) -> str:
    """Markdown describing every table: grain, key, table-wide checks, then a row per column with
    type, nullability, checks and description."""
    lines = [
        "# Data dictionary",
        "",
        "Generated from the Pandera models in `schemas/` by `newsdesk docs`; do not edit by hand.",
        "Views built on these tables, with example queries, are in [queries.md](queries.md).",
        "",
    ]
    lines += ["| table | grain |", "|---|---|"]
    lines += [f"| [`{t}`](#{t}) | {_summary(m)} |" for t, m in models.items()]
    lines.append("")
    for table, model in models.items():
        schema = model.to_schema()
        lines += [f"## `{table}`", "", inspect.cleandoc(model.__doc__ or ""), ""]
        key = primary_key(model)
        if key:
            how = (
                ""
                if key_indexed(model)
                else " (unique in every loaded batch, whose articles' rows it replaces; no database index)"
            )
            lines += [f"Key: {', '.join(f'`{k}`' for k in key)}{how}", ""]
        if schema.checks:
            lines += ["Checks: " + "; ".join(describe_check(c) for c in schema.checks), ""]
        lines += ["| column | type | null | checks | description |", "|---|---|---|---|---|"]
        for name, col in schema.columns.items():
            checks = ", ".join(describe_check(c) for c in col.checks)
            lines.append(
                f"| `{name}` | {duckdb_type(col.dtype.type)} | {'yes' if col.nullable else 'no'} | "
                f"{checks.replace('|', '/')} | {(col.description or '').replace('|', '/')} |"
            )
        lines.append("")
    return "\n".join(lines)
