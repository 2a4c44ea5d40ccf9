"""Entities: places from the gazetteer, nationalities, and given names' genders."""

from __future__ import annotations

import polars as pl
import pytest

from tests.entity_helpers import raw_span, spans_frame
from transforms.entities import link_mentions
from transforms.ner_rules import refine_spans


def test_places_get_country_and_coordinates_from_the_gazetteer():
    spans = spans_frame(
        [
            ("a", 0, 5, "Paris", "GPE", None),
            ("a", 10, 17, "Germany", "GPE", None),
            ("a", 20, 27, "Glasgow", "PERSON", None),
            ("a", 30, 35, "Acme", "ORG", None),
        ]
    )
    sents = pl.DataFrame({"article_id": ["a"], "sentence_id": [0], "start_char": [0], "end_char": [40]})
    _, ents = link_mentions(spans, sents)
    rows = {r["name"]: r for r in ents.iter_rows(named=True)}
    assert rows["Paris"]["country_code"] == "FR"
    assert rows["Paris"]["lat"] == pytest.approx(48.85, abs=0.1) and rows["Paris"]["lon"] == pytest.approx(
        2.35, abs=0.1
    )
    assert rows["Germany"]["country_code"] == "DE" and rows["Germany"]["lat"] is None
    # Not a place by label, so no coordinates even though a city has the name.
    assert rows["Glasgow"]["lat"] is None and rows["Acme"]["country_code"] is None


def test_nationality_adjectives_are_norp_and_known_towns_places():
    text = (
        "Ukrainian and Chinese envoys, two Israelis and a French diplomat met in Ukraine near the "
        "Zaporizhzhia plant. Wright was born in Tarragona; Clinton spoke."
    )
    model_said = {
        "Ukrainian": "GPE",
        "Chinese": "PERSON",
        "Israelis": "GPE",
        "French": "ORG",
        "Ukraine": "GPE",
        "Zaporizhzhia": "PERSON",
        "Wright": "PERSON",
        "Tarragona": "PERSON",
        "Clinton": "PERSON",
    }
    raw = pl.DataFrame([raw_span(text, phrase, label) for phrase, label in model_said.items()])
    got = dict(refine_spans(raw).select("text", "label").iter_rows())
    assert got == {
        "Ukrainian": "NORP",
        "Chinese": "NORP",
        "Israelis": "NORP",
        "French": "NORP",
        "Ukraine": "GPE",
        # A variant spelling of a big city (the gazetteer writes "Zaporizhzhya").
        "Zaporizhzhia": "GPE",
        # A small town is a place after "in"; a surname that is also a town name stays a person.
        "Tarragona": "GPE",
        "Wright": "PERSON",
        "Clinton": "PERSON",
    }


def test_given_name_genders_keep_only_names_the_census_gives_mostly_to_one_sex():
    from transforms.gazetteer import given_name_genders

    g = dict(given_name_genders().iter_rows())
    assert (g["donald"], g["hillary"], g["jesse"], g["carol"]) == ("male", "female", "male", "female")
    # shared names (Lindsey Graham, Kim Jong-un, Chris Christie) are left out
    assert not {"lindsey", "kim", "chris", "bernie"} & g.keys()
