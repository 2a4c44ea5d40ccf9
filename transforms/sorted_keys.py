"""Membership in a large fixed word list without hashing the list on every call.

`expr.is_in(words)` hashes all of `words` each time it runs: for the 213,000 role words of
`ner_rules._role_before_name` that was 10-25 ms a call, whatever the number of values looked up.
A list sorted once per process is searched instead (`search_sorted`, a binary search per value),
which costs nothing up front. For lists of a few tens of thousands a hash join stays cheaper at a
thousand articles a call.
"""

from __future__ import annotations

import polars as pl


def sorted_unique(keys: pl.Series) -> pl.Series:
    """`keys` without nulls or repeats, sorted: the form `in_sorted` takes."""
    return keys.drop_nulls().unique().sort()


def in_sorted(expr: pl.Expr, keys: pl.Series) -> pl.Expr:
    """`expr.is_in(keys)` (null where `expr` is null) for `keys` from `sorted_unique`."""
    if keys.is_empty():
        return pl.when(expr.is_not_null()).then(pl.lit(False))
    found = pl.lit(keys).gather(pl.lit(keys).search_sorted(expr).clip(0, len(keys) - 1))
    return found == expr
