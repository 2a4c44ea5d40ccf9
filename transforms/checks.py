"""Row checks that need two tables (the Pandera models check one table at a time)."""

from __future__ import annotations

import polars as pl

# Characters per body piece in `offset_check`: a row meets only the pieces its span covers.
PIECE_CHARS = 256


def offset_check(rows: pl.LazyFrame, articles: pl.LazyFrame) -> pl.LazyFrame:
    """`rows` with a boolean `offsets_ok`: True when `body[start_char:end_char] == text`.

    In: rows with `article_id`, `start_char`, `end_char`, `text`; articles with `article_id`, `body`.

    The body is never joined onto the rows: cut once into pieces of PIECE_CHARS characters, it
    lends each row only the pieces its span overlaps, so memory and time grow with the rows' own
    text, not with rows x body length (joining the body onto every sentence and mention made one
    1 MB article peak at 20 GB, and a character slice deep into a long body rescans it).
    """
    c = PIECE_CHARS
    start, end = pl.col("start_char"), pl.col("end_char")
    pieces = (
        articles.select("article_id", piece=pl.col("body").str.extract_all(rf"(?s).{{1,{c}}}"))
        .with_columns(k=pl.int_ranges(pl.col("piece").list.len(), dtype=pl.Int64))
        .explode("piece", "k")
        .filter(pl.col("k").is_not_null())
    )
    numbered = rows.with_row_index("_row")
    valid_span = (start >= 0) & (end >= start)
    spans = (
        numbered.filter(valid_span)
        .select(
            "_row",
            "article_id",
            "start_char",
            "end_char",
            k=pl.int_ranges(start // c, (end + c - 1) // c, dtype=pl.Int64),
        )
        .explode("k")
        .filter(pl.col("k").is_not_null())
        .join(pieces, on=["article_id", "k"], how="inner")
        .with_columns(lo=(start - pl.col("k") * c).clip(0, None))
        .select(
            "_row",
            "k",
            part=pl.col("piece").str.slice(pl.col("lo"), (end - pl.col("k") * c).clip(None, c) - pl.col("lo")),
        )
        .sort("_row", "k")
        .group_by("_row", maintain_order=True)
        .agg(found=pl.col("part").str.join(""))
    )
    return (
        numbered.join(spans, on="_row", how="left", maintain_order="left")
        .join(
            articles.select("article_id", _has_body=pl.col("body").is_not_null()),
            on="article_id",
            how="left",
            maintain_order="left",
        )
        .with_columns(
            offsets_ok=(pl.col("_has_body") & valid_span & (pl.col("found").fill_null("") == pl.col("text"))).fill_null(
                False
            )
        )
        .drop("_row", "found", "_has_body")
    )
