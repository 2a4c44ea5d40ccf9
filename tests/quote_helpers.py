"""Inputs and checks the quote tests share: an article's frames for `quotes`, one quote by its text, a case row."""

from __future__ import annotations

import re
from typing import Any

import polars as pl
import pytest

from transforms.paragraphs import paragraphs
from transforms.quote_parse import parsed_speakers
from transforms.quotes import quotes

_SENT_BREAK = re.compile(r"(?<=[.!?])[”\"’]?\s+(?=[A-Z“\"‘])")
_ABBREV = re.compile(r"\b(?:Sen|Rep|Gov|Mr|Mrs|Ms|Dr|Gen|St)\.$")


def _inputs(
    body: str, people: dict[str, list[str]], article_id: str = "a1", labels: dict[str, str] | None = None
) -> dict[str, Any]:
    """Frames the quote stage expects, for one article. `people` maps a canonical name to the
    forms the article writes it in; every whole-word occurrence becomes a mention, labelled PERSON
    unless `labels` gives the name another label (GPE, NORP, ORG)."""
    label_of = [(labels or {}).get(name, "PERSON") for name in people]
    arts = pl.LazyFrame({"article_id": [article_id], "body": [body]})
    sents = []
    for p in paragraphs(arts).collect().iter_rows(named=True):
        pos = 0
        breaks = [b for b in _SENT_BREAK.finditer(p["text"]) if not _ABBREV.search(p["text"][: b.start()])]
        for piece in [*breaks, None]:
            end = piece.start() if piece else len(p["text"])
            # keep a closing mark with its sentence
            while end < len(p["text"]) and p["text"][end] in '”"’':
                end += 1
            sents.append(
                (
                    p["paragraph_id"],
                    p["section"],
                    p["is_heading"],
                    p["start_char"] + pos,
                    p["start_char"] + end,
                    p["text"][pos:end],
                )
            )
            pos = piece.end() if piece else pos
    sentences = pl.DataFrame(
        sents, schema=["paragraph_id", "section", "is_heading", "start_char", "end_char", "text"], orient="row"
    ).with_columns(article_id=pl.lit(article_id), sentence_id=pl.int_range(pl.len()).cast(pl.Int32))
    ments: list[tuple] = []
    for i, forms in enumerate(people.values()):
        for form in forms:
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", body):
                if not any(s <= m.start() < e for s, e, *_ in ments):
                    ments.append((m.start(), m.end(), form, f"e{i}", label_of[i]))
    mentions = pl.DataFrame(
        ments,
        schema={
            "start_char": pl.Int64,
            "end_char": pl.Int64,
            "text": pl.String,
            "entity_id": pl.String,
            "label": pl.String,
        },
        orient="row",
    ).with_columns(article_id=pl.lit(article_id))
    mentions = mentions.sort("start_char").join_asof(
        sentences.select("sentence_id", "start_char").sort("start_char"), on="start_char", strategy="backward"
    )
    entities = pl.DataFrame(
        {"entity_id": [f"e{i}" for i in range(len(people))], "name": list(people), "label": label_of},
        schema={"entity_id": pl.String, "name": pl.String, "label": pl.String},
    )
    return {"articles": arts, "sentences": sentences.lazy(), "mentions": mentions.lazy(), "entities": entities.lazy()}


def _run(body: str, people: dict[str, list[str]] | None = None, labels: dict[str, str] | None = None) -> pl.DataFrame:
    return _marked(quotes(**_inputs(body, people or {}, labels=labels)).collect())


def _marked(df: pl.DataFrame) -> pl.DataFrame:
    """The rows of words in quote marks (reported speech has its own tests: test_reported.py)."""
    return df.filter(pl.col("kind") != "indirect")


def _one(df: pl.DataFrame, text: str) -> dict:
    rows = df.filter(pl.col("text") == text).to_dicts()
    assert len(rows) == 1, (text, df.select("text").to_series().to_list())
    return rows[0]


TRUMP = {"Donald Trump": ["Donald Trump", "President Trump", "Trump"]}


def _parse_one(window: str, quote: str) -> tuple | None:
    """The parse's (speaker, its start, cue) for `quote` in a window set at body offset 100."""
    start = window.index(quote)
    found = parsed_speakers(
        pl.DataFrame(
            {
                "article_id": ["a1"],
                "open_char": [99 + start],
                "w_start": [100],
                "window": [window],
                "start_char": [100 + start],
                "end_char": [100 + start + len(quote)],
            }
        )
    )
    return found.select("p_speaker", "p_start", "p_cue").row(0) if found.height else None


def quote_case(
    case_id: str,
    body: str,
    text: str,
    people: dict[str, list[str]] | None = None,
    labels: dict[str, str] | None = None,
    **want: Any,
) -> Any:
    """One row of a case table: the quote `text` in `body`, and the values `want` of its columns
    (any of speaker, cue, speaker_name, kind)."""
    return pytest.param(body, text, people, labels, want, id=case_id)


def check_quote(
    body: str, text: str, people: dict[str, list[str]] | None, labels: dict[str, str] | None, want: dict[str, Any]
) -> None:
    """The quote `text` is found once and has the values `want`; a speaker found is the text at its offsets."""
    q = _one(_run(body, people, labels), text)
    assert {column: q[column] for column in want} == want, q
    if q["speaker"] is not None:
        assert body[q["speaker_start"] : q["speaker_end"]] == q["speaker"]
