"""Split a frame into the rows its model accepts and the rows it does not, with the reasons."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl
from pandera.errors import SchemaError, SchemaErrors


def split_valid(model: type[pa.DataFrameModel], df: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(valid rows, failed rows) of `df` checked against `model`.

    Failed rows keep their columns plus `reason` (every failed check, e.g.
    "kind: isin(['direct', 'partial']) failed for 'quoted'"). A failure that names no row
    (a missing column, a wrong type that cannot be coerced) fails every row: nothing passes
    unchecked and nothing is lost. Never uses `drop_invalid_rows`, which loses rows silently.
    """
    missing = [c for c in model.to_schema().columns if c not in df.columns]
    if missing:
        return df.head(0), df.with_columns(reason=pl.lit(f"missing column(s): {', '.join(missing)}"))
    indexed = df.with_row_index("_row")
    try:
        valid = model.validate(df, lazy=True)
        return valid, indexed.head(0).drop("_row").with_columns(reason=pl.lit(None, pl.String))
    except (SchemaErrors, SchemaError) as exc:
        cases = exc.failure_cases if isinstance(exc, SchemaErrors) else None
    if cases is None or cases.height == 0 or cases["index"].null_count() > 0:
        why = (
            "schema check failed"
            if cases is None
            else "; ".join(
                sorted(
                    {
                        f"{c}: {k}"
                        for c, k in cases.filter(pl.col("index").is_null()).select("column", "check").iter_rows()
                    }
                )
            )
        )
        return df.head(0), df.with_columns(reason=pl.lit(why or "schema check failed"))
    reasons = (
        cases.with_columns(
            pl.col("index").cast(pl.UInt32).alias("_row"),
            why=pl.format(
                "{}: {} failed for {}",
                pl.col("column").fill_null("row"),
                pl.col("check"),
                pl.col("failure_case").cast(pl.String).str.slice(0, 80),
            ),
        )
        .group_by("_row")
        .agg(reason=pl.col("why").unique(maintain_order=True).str.join("; "))
    )
    failed = indexed.join(reasons, on="_row", how="inner").sort("_row").drop("_row")
    passed = indexed.join(reasons, on="_row", how="anti").drop("_row")
    return model.validate(passed), failed
