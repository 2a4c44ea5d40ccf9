"""Baseline sentence splitter (placeholder until the sentences branch lands)."""

from __future__ import annotations

import re

import polars as pl

_SENT = re.compile(r"\S.*?(?:[.!?]+[\"'”’)]*(?=\s+[\"“‘(]?[A-Z0-9])|$)", re.S)


def _split(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(m.group().rstrip())) for m in _SENT.finditer(text)]


def sentences(paragraphs: pl.LazyFrame) -> pl.LazyFrame:
    """Sentences of paragraphs: article_id, sentence_id, paragraph_id, section, is_heading, start_char, end_char, text."""
    df = paragraphs.collect()
    rows = []
    for r in df.iter_rows(named=True):
        spans = [(0, len(r["text"]))] if r["is_heading"] else _split(r["text"])
        for s, e in spans:
            rows.append((r["article_id"], r["paragraph_id"], r["section"], r["is_heading"], r["start_char"] + s, r["start_char"] + e, r["text"][s:e]))
    out = pl.DataFrame(rows, schema={"article_id": pl.String, "paragraph_id": pl.Int32, "section": pl.String, "is_heading": pl.Boolean, "start_char": pl.Int64, "end_char": pl.Int64, "text": pl.String}, orient="row")
    return out.lazy().with_columns(sentence_id=pl.int_range(pl.len()).over("article_id").cast(pl.Int32)).select(
        "article_id", "sentence_id", "paragraph_id", "section", "is_heading", "start_char", "end_char", "text")
