"""Inputs the entity tests share: a sample article, paragraphs and sentences of bodies, span frames."""

from __future__ import annotations

import polars as pl

from transforms.paragraphs import paragraphs

ARTICLE = """Trump meets Merkel in Berlin

President Trump arrived in Berlin on Monday for talks with Angela Merkel.

Donald Trump's aides said the United States wanted a trade deal. Merkel said Germany was open to it.

Later Trump flew to Paris, where the BBC filmed him."""


def paras_of(*bodies: str) -> pl.DataFrame:
    arts = pl.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "body": list(bodies)})
    return paragraphs(arts.lazy()).collect()


def whole_article_sentences(*bodies: str) -> pl.DataFrame:
    """One sentence per paragraph is enough for these tests: the linker only needs the starts."""
    p = paras_of(*bodies)
    return p.select("article_id", sentence_id="paragraph_id", start_char="start_char", end_char="end_char")


def spans_frame(rows: list[tuple[str, int, int, str, str, str | None]]) -> pl.DataFrame:
    schema = {
        "article_id": pl.String,
        "start_char": pl.Int64,
        "end_char": pl.Int64,
        "text": pl.String,
        "label": pl.String,
        "title": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def assert_offsets_exact(spans: pl.DataFrame, bodies: dict[str, str]) -> None:
    for aid, start, end, text in spans.select("article_id", "start_char", "end_char", "text").iter_rows():
        assert bodies[aid][start:end] == text


def raw_span(text: str, phrase: str, label: str) -> dict:
    start = text.index(phrase)
    return {
        "article_id": "a",
        "para_start": 100,
        "para_text": text,
        "start": start,
        "end": start + len(phrase),
        "label": label,
    }
