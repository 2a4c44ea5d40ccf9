"""Paragraphs: an article body cut at blank lines, with exact character offsets.

A paragraph is a maximal run of non-blank lines. Headings (short lines without final
punctuation) are paragraphs of their own and name the `section` of what follows them.
"""

from __future__ import annotations

import polars as pl

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
        ).fill_null(False)
    ).alias("is_heading")


def paragraphs(articles: pl.LazyFrame) -> pl.LazyFrame:
    """Paragraphs of every article.

    In: `article_id`, `body` (one row per article).
    Out: one row per paragraph: `article_id`, `paragraph_id` (0-based order), `start_char`,
    `end_char` (0-based, end exclusive, so `body[start_char:end_char] == text`), `text`,
    `is_heading`, `section` (text of the nearest heading at or before this paragraph, else null).
    """
    line, row, article = pl.col("line"), pl.col("row"), pl.col("article")
    body_size = pl.col("body").str.len_chars().cast(pl.Int64) + 1  # the body and one more newline
    size = line.str.len_chars().cast(pl.Int64) + 1  # the line and its newline
    lead = (line.str.len_chars() - line.str.strip_chars_start().str.len_chars()).cast(pl.Int64)
    # A paragraph opens at a non-blank line after a blank one or at the article's first, and
    # closes at a non-blank line before a blank one or at the article's last.
    article_opens = (article != article.shift(1)).fill_null(True)
    opens = ((row - row.shift(1)) != 1).fill_null(True) | article_opens
    closes = pl.col("opens").shift(-1).fill_null(True)
    paragraph = pl.col("paragraph")
    start, end = pl.col("start_char"), pl.col("end_char")
    # Most paragraphs are one line; the others are sliced from the body (an empty string
    # elsewhere, so that the slice reads only those).
    multi_line = ~pl.col("single")
    text = (
        pl.when(pl.col("single"))
        .then(line.str.strip_chars())
        .otherwise(pl.when(multi_line).then(pl.col("body")).otherwise(pl.lit("")).str.slice(start, end - start))
    )
    # Bodies are cut at a literal newline (far cheaper than a paragraph regex); offsets and ids
    # come from global running totals less a per-article base, and sections from a global
    # forward fill guarded by article: no group-by or per-article window on the hot path.
    heading_article = pl.when(pl.col("is_heading")).then(pl.col("article_id")).forward_fill()
    return (
        articles.select(
            "article_id",
            "body",
            article=pl.int_range(pl.len()),
            # Where the article starts when all bodies, each with a newline, are laid end to end.
            base=body_size.cum_sum() - body_size,
            line=pl.col("body").str.split("\n"),
        )
        .explode("line")
        .filter(line.is_not_null())
        .with_columns(row=pl.int_range(pl.len()), line_start=size.cum_sum() - size - pl.col("base"))
        .filter(line.str.contains(r"\S"))
        .with_columns(opens=opens)
        .with_columns(
            paragraph=pl.col("opens").cum_sum(),
            single=pl.col("opens") & closes,
            start_char=pl.col("line_start") + lead,
            # the paragraph's end: the end of its closing line, stripped, carried back to its opening line
            end_char=pl.when(closes)
            .then(pl.col("line_start") + line.str.strip_chars_end().str.len_chars().cast(pl.Int64))
            .backward_fill(),
        )
        .filter(pl.col("opens"))
        .with_columns(
            paragraph_id=(paragraph - pl.when(article_opens).then(paragraph).forward_fill()).cast(pl.Int32),
            text=text,
        )
        .with_columns(is_heading_expr())
        .with_columns(
            section=pl.when(heading_article == pl.col("article_id")).then(
                pl.when(pl.col("is_heading")).then(pl.col("text")).forward_fill()
            )
        )
        .select("article_id", "paragraph_id", "start_char", "end_char", "text", "is_heading", "section")
    )
