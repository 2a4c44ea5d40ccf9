"""Baseline quotes (placeholder until the quotes branch lands)."""

from __future__ import annotations

import polars as pl

from .ids import stable_id

QUOTE_COLUMNS = ["quote_id", "article_id", "sentence_id", "start_char", "end_char", "text", "kind", "speaker",
                 "speaker_start", "speaker_end", "cue", "speaker_entity_id", "speaker_name"]


def quotes(articles: pl.LazyFrame, sentences: pl.LazyFrame, mentions: pl.LazyFrame, entities: pl.LazyFrame) -> pl.LazyFrame:
    import re
    rows = [(a, m.start(1), m.end(1), m.group(1)) for a, body in articles.select("article_id", "body").collect().iter_rows()
            for m in re.finditer(r"[“\"]([^”\"\n]+)[”\"]", body)]
    q = pl.LazyFrame(rows, schema={"article_id": pl.String, "start_char": pl.Int64, "end_char": pl.Int64, "text": pl.String}, orient="row")
    q = q.sort("article_id", "start_char").join_asof(
        sentences.select("article_id", "sentence_id", pl.col("start_char").alias("s")).sort("article_id", "s"),
        left_on="start_char", right_on="s", by="article_id").drop("s")
    return q.with_columns(
        quote_id=stable_id("article_id", "start_char", "end_char"), kind=pl.lit("direct"),
        speaker=pl.lit(None, pl.String), speaker_start=pl.lit(None, pl.Int64), speaker_end=pl.lit(None, pl.Int64),
        cue=pl.lit(None, pl.String), speaker_entity_id=pl.lit(None, pl.String), speaker_name=pl.lit(None, pl.String),
    ).select(QUOTE_COLUMNS)
