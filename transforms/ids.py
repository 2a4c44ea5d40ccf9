"""Stable ids: short hex digests of the values that define a row, the same in every run."""

from __future__ import annotations

import hashlib

import polars as pl


def _digest(values: pl.Series, size: int) -> pl.Series:
    return pl.Series(
        [None if v is None else hashlib.blake2b(v.encode(), digest_size=size).hexdigest() for v in values.to_list()],
        dtype=pl.String,
    )


def _digest_distinct(values: pl.Series, size: int) -> pl.Series:
    """`_digest` hashing each distinct value once: Python's per-value cost is paid per distinct value."""
    distinct = values.drop_nulls().unique()
    return values.replace_strict(distinct, _digest(distinct, size), default=None, return_dtype=pl.String)


def stable_id(*parts: pl.Expr | str, size: int = 8, distinct: bool = False) -> pl.Expr:
    """Hex digest (2*size characters) of the parts joined by a separator; null when any part is null.

    Polars' own `hash` is not stable across versions, so ids go through blake2b, once per batch.
    `distinct=True` hashes each distinct value once: the same ids, cheaper where values repeat
    (an entity's id on each of its mentions).
    """
    exprs = [pl.col(p) if isinstance(p, str) else p for p in parts]
    joined = pl.concat_str([e.cast(pl.String) for e in exprs], separator="\x1f")
    digest = _digest_distinct if distinct else _digest
    return joined.map_batches(lambda s: digest(s, size), return_dtype=pl.String)


def sha256_hex(expr: pl.Expr) -> pl.Expr:
    """SHA-256 hex digest of a string column (content hashes)."""
    return expr.map_batches(
        lambda s: pl.Series(
            [None if v is None else hashlib.sha256(v.encode()).hexdigest() for v in s.to_list()], dtype=pl.String
        ),
        return_dtype=pl.String,
    )
