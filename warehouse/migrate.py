"""Upgrades of a database written by an older newsdesk, run when a run opens it.

(Columns a model gained are added by `ensure_schema`; what needs more than an ALTER lives here.)
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import polars as pl

from .db import column_type, replace_table


def upgrade_band_keys(con: duckdb.DuckDBPyConnection, band_keys: Callable[[pl.DataFrame], pl.DataFrame]) -> None:
    """A database written when band keys were hex strings gets them recomputed, as 64-bit keys, from
    its stored signatures (once: afterwards `article_bands.band_key` is BIGINT).

    :param band_keys: the LSH band keys of (`article_id`, `signature`) rows, as `transforms.dedupe`
        computes them (passed in: the warehouse does not import transforms).
    """
    if column_type(con, "article_bands", "band_key") in (None, "BIGINT"):
        return
    signatures = con.sql("SELECT article_id, signature FROM article_signatures").pl()
    replace_table(con, "article_bands", band_keys(signatures))
