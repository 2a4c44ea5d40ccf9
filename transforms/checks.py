"""Row checks that need two tables (the Pandera models check one table at a time)."""

from __future__ import annotations

import polars as pl


def offset_check(rows: pl.LazyFrame, articles: pl.LazyFrame) -> pl.LazyFrame:
    """`rows` with a boolean `offsets_ok`: True when `body[start_char:end_char] == text`.

    In: rows with `article_id`, `start_char`, `end_char`, `text`; articles with `article_id`, `body`.
    """
    return rows.join(articles.select("article_id", "body"), on="article_id", how="left").with_columns(
        offsets_ok=(
            pl.col("body").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char")) == pl.col("text")
        ).fill_null(False)
    ).drop("body")
