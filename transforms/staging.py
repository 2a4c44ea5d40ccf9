"""Staging: raw reader records in, one clean candidate article per row out (before sentences & co)."""

from __future__ import annotations

import polars as pl

from .clean import clean_articles
from .ids import sha256_hex, stable_id
from .urls import canonical_url

RAW_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "rid": pl.Int64,
    "source": pl.String,
    "fmt": pl.String,
    "external_id": pl.String,
    "url": pl.String,
    "title": pl.String,
    "author": pl.String,
    "published_at": pl.Datetime("us", "UTC"),
    "language": pl.String,
    "body": pl.String,
}


def word_count(col: str = "body") -> pl.Expr:
    """Words (runs of non-space characters) in `col`."""
    return pl.col(col).str.count_matches(r"\S+").cast(pl.Int64).alias("n_words")


def stg_articles(raw: pl.LazyFrame) -> pl.LazyFrame:
    """Candidate articles from raw records.

    In: RAW_SCHEMA columns, one row per raw record (`rid` unique).
    Out: the cleaned columns plus `canonical_url`, `content_hash` (SHA-256 of title and body),
    `article_id` (from the canonical URL when known, else from the content hash) and `n_words`.
    Rows whose body is empty after cleaning are kept (the caller rejects them).
    """
    return (
        clean_articles(raw)
        .with_columns(canonical_url("url"))
        .with_columns(
            content_hash=sha256_hex(pl.concat_str([pl.col("title").fill_null(""), pl.col("body")], separator="\n"))
        )
        .with_columns(
            article_id=pl.when(pl.col("canonical_url").is_not_null())
            .then(stable_id(pl.lit("url"), "canonical_url"))
            .otherwise(stable_id(pl.lit("hash"), "content_hash")),
            n_words=word_count(),
        )
    )


def first_of_each(articles: pl.LazyFrame) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Split a batch into its first occurrence of each article and the repeats.

    An article repeats when its `article_id` or its `content_hash` was already seen earlier
    in the batch (ordered by `rid`). Returns (firsts, repeats); repeats keep all columns.
    """
    ordered = articles.sort("rid").with_columns(
        repeat=(pl.int_range(pl.len()).over("article_id") > 0) | (pl.int_range(pl.len()).over("content_hash") > 0)
    )
    return ordered.filter(~pl.col("repeat")).drop("repeat"), ordered.filter(pl.col("repeat")).drop("repeat")
