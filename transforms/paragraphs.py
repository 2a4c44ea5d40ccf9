"""Paragraphs: an article body cut at blank lines, with exact character offsets.

A paragraph is a maximal run of non-blank lines. Headings (short lines without final
punctuation) are paragraphs of their own and name the `section` of what follows them.
"""

from __future__ import annotations

import polars as pl

# Leading whitespace, then a run of lines that each hold something other than whitespace.
# Successive matches tile the body (up to trailing whitespace), so cumulative match lengths
# give exact offsets without a Python loop.
_PARAGRAPH = r"\s*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*"

# Characters that end a sentence or clause; a heading ends in none of them.
_FINAL_PUNCT = r"[.!?:;,\"'”’»…)\]]$"
# "1) First item", "a. Point", "• 2. Step": list items, not headings.
_LIST_ITEM = r"^(?:[•⁃▪◦‣●■□➢►✓✔-]\s*)?(?:\d{1,3}|[A-Za-z])(?:\.\)|[.)])\s"
HEADING_MAX_CHARS = 120
HEADING_MAX_WORDS = 14


def is_heading_expr(text: str = "text") -> pl.Expr:
    """True for a one-line paragraph short enough to be a heading and without final punctuation."""
    t = pl.col(text)
    # The regexes run only on short one-line paragraphs (null elsewhere): most are long.
    short = pl.when(~t.str.contains("\n", literal=True) & (t.str.len_chars() <= HEADING_MAX_CHARS)).then(t)
    return (
        (
            (short.str.count_matches(r"\S+") <= HEADING_MAX_WORDS)
            & ~short.str.contains(_FINAL_PUNCT)
            & short.str.contains(r"^[\p{Lu}\p{N}\"“‘']")
            & ~short.str.contains(_LIST_ITEM)
        )
        .fill_null(False)
    ).alias("is_heading")


def paragraphs(articles: pl.LazyFrame) -> pl.LazyFrame:
    """Paragraphs of every article.

    In: `article_id`, `body` (one row per article).
    Out: one row per paragraph: `article_id`, `paragraph_id` (0-based order), `start_char`,
    `end_char` (0-based, end exclusive, so `body[start_char:end_char] == text`), `text`,
    `is_heading`, `section` (text of the nearest heading at or before this paragraph, else null).
    """
    chunk = pl.col("chunk")
    lead = chunk.str.len_chars() - chunk.str.strip_chars_start().str.len_chars()
    # Offsets and ids are computed inside each article's list before exploding, and sections by a
    # global forward fill guarded by article: no per-article window functions on the hot path.
    heading_article = pl.when(pl.col("is_heading")).then(pl.col("article_id")).forward_fill()
    return (
        articles.select("article_id", pl.col("body").str.extract_all(_PARAGRAPH).alias("chunk"))
        .with_columns(
            paragraph_id=pl.int_ranges(0, chunk.list.len(), dtype=pl.Int32),
            chunk_end=chunk.list.eval(pl.element().str.len_chars().cast(pl.Int64).cum_sum()),
        )
        .explode("chunk", "paragraph_id", "chunk_end")
        .filter(chunk.is_not_null())
        .with_columns(
            chunk_len=chunk.str.len_chars().cast(pl.Int64),
            lead=lead.cast(pl.Int64),
            text=chunk.str.strip_chars(),
        )
        .with_columns(start_char=pl.col("chunk_end") - pl.col("chunk_len") + pl.col("lead"))
        .with_columns(end_char=pl.col("start_char") + pl.col("text").str.len_chars().cast(pl.Int64))
        .with_columns(is_heading_expr())
        .with_columns(
            section=pl.when(heading_article == pl.col("article_id")).then(
                pl.when(pl.col("is_heading")).then(pl.col("text")).forward_fill()
            )
        )
        .select("article_id", "paragraph_id", "start_char", "end_char", "text", "is_heading", "section")
    )
