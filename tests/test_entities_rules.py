"""Entities without a model (--ner rules): capitalised sequences, acronyms, names tagged again."""

from __future__ import annotations

import polars as pl

from tests.entity_helpers import ARTICLE, assert_offsets_exact, paras_of, spans_frame
from transforms.entities import load_ner, ner_spans
from transforms.ner_rules import acronym_spans, propagate_names


def test_rules_mode_needs_no_model():
    ner = load_ner("rules")
    body = ARTICLE + "\n\nThe Bank of England and Chancellor Olaf Scholz agreed."
    spans = ner_spans(paras_of(body), ner)
    assert_offsets_exact(spans, {"a0": body})
    got = {(t, lab) for t, lab in spans.select("text", "label").iter_rows()}
    assert {
        ("Angela Merkel", "PERSON"),
        ("Berlin", "GPE"),
        ("Germany", "GPE"),
        ("BBC", "ORG"),
        ("Bank of England", "ORG"),
        ("United States", "GPE"),
        ("Olaf Scholz", "PERSON"),
    } <= got
    assert spans.filter(pl.col("text") == "Olaf Scholz")["title"].to_list() == ["Chancellor"]
    assert not {"The", "Later", "President"} & set(spans["text"])


def test_acronyms_are_organisations_but_not_common_abbreviations():
    text = "GCHQ and the CEO of NATO met in the USA, said Henry VIII."
    out = acronym_spans(pl.DataFrame({"article_id": ["a"], "para_start": [0], "para_text": [text]}))
    assert out.select("text", "label").rows() == [("GCHQ", "ORG"), ("NATO", "ORG"), ("USA", "GPE")]


def test_names_found_once_are_tagged_again_in_the_article():
    text = "Andy Leive runs the lab. Leive said the samples were lost."
    spans = spans_frame([("a", 0, 10, "Andy Leive", "PERSON", None)])
    out = propagate_names(spans, pl.DataFrame({"article_id": ["a"], "para_start": [0], "para_text": [text]}))
    assert out.sort("start_char").select("start_char", "text", "label").rows() == [
        (0, "Andy Leive", "PERSON"),
        (25, "Leive", "PERSON"),
    ]


def test_names_are_tagged_again_after_and_before_accented_letters():
    # offsets are characters; the name is matched by bytes: `é`, `’` and `😀` take 2-4 bytes each
    text = "José Leive’s café 😀 Leive. Leiveé met Leiveß and “Leive”, Leive😀 and Leive2."
    spans = spans_frame([("a", 0, 10, "José Leive", "PERSON", None)])
    out = propagate_names(spans, pl.DataFrame({"article_id": ["a"], "para_start": [0], "para_text": [text]}))
    found = out.sort("start_char").select("start_char", "end_char", "text").rows()
    assert found == [(s, s + len(t), t) for s, t in [(0, "José Leive"), (20, "Leive"), (50, "Leive"), (58, "Leive")]]
    assert all(text[s:e] == t for s, e, t in found)
