"""Entities: mentions linked to one entity per real-world name, its canonical name and its label."""

from __future__ import annotations

import polars as pl

from tests.entity_helpers import ARTICLE, assert_offsets_exact, paras_of, raw_span, spans_frame, whole_article_sentences
from transforms.entities import link_mentions, ner_spans
from transforms.ner_rules import refine_spans


def test_canonical_name_is_the_fullest_form_within_an_article(nlp):
    mentions, ents = link_mentions(ner_spans(paras_of(ARTICLE), nlp), whole_article_sentences(ARTICLE))
    trump = mentions.filter(pl.col("text").is_in(["Trump", "Donald Trump"]))
    assert trump.height >= 4
    assert trump["entity_id"].n_unique() == 1 and set(trump["label"]) == {"PERSON"}
    assert ents.filter(pl.col("entity_id") == trump["entity_id"][0])["name"].to_list() == ["Donald Trump"]
    merkel = mentions.filter(pl.col("text").str.contains("Merkel"))
    assert merkel["entity_id"].n_unique() == 1
    assert ents.filter(pl.col("entity_id") == merkel["entity_id"][0])["name"].to_list() == ["Angela Merkel"]


def test_short_form_shared_by_two_people_stays_unresolved():
    spans = spans_frame(
        [
            ("a", 0, 12, "Donald Trump", "PERSON", None),
            ("a", 20, 32, "Ivanka Trump", "PERSON", None),
            ("a", 40, 45, "Trump", "PERSON", None),
        ]
    )
    mentions, ents = link_mentions(
        spans, pl.DataFrame({"article_id": ["a"], "sentence_id": [0], "start_char": [0], "end_char": [50]})
    )
    assert mentions["entity_id"].n_unique() == 3
    assert sorted(ents["name"]) == ["Donald Trump", "Ivanka Trump", "Trump"]


def test_same_name_and_label_share_an_id_across_articles_and_runs():
    spans = spans_frame(
        [
            ("a", 0, 13, "Angela Merkel", "PERSON", None),
            ("b", 30, 36, "Merkel", "PERSON", "Chancellor"),
            ("b", 50, 63, "Angela Merkel", "PERSON", None),
            ("b", 70, 76, "Merkel", "ORG", None),
        ]
    )
    sents = pl.DataFrame(
        {"article_id": ["a", "b", "b"], "sentence_id": [0, 0, 1], "start_char": [0, 0, 45], "end_char": [40, 45, 90]}
    )
    mentions, ents = link_mentions(spans, sents)
    assert mentions["entity_id"].n_unique() == 1
    assert ents.height == 1 and ents.row(0, named=True)["name"] == "Angela Merkel"
    assert mentions["sentence_id"].to_list() == [0, 0, 1, 1]
    again, _ = link_mentions(spans.reverse(), sents)
    assert set(again["entity_id"]) == set(mentions["entity_id"])
    # A different label is a different entity.
    _, other = link_mentions(spans.with_columns(label=pl.lit("ORG")), sents)
    assert other["entity_id"][0] != ents["entity_id"][0]


def test_one_label_per_name_in_an_article_by_majority():
    spans = spans_frame(
        [
            ("a", 0, 6, "Sulley", "ORG", None),
            ("a", 20, 26, "Sulley", "PERSON", None),
            ("a", 40, 46, "Sulley", "PERSON", None),
            ("b", 0, 6, "Sulley", "ORG", None),
        ]
    )
    sents = pl.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 0], "start_char": [0, 0], "end_char": [50, 10]})
    mentions, ents = link_mentions(spans, sents)
    assert mentions.filter(pl.col("article_id") == "a")["label"].to_list() == ["PERSON"] * 3
    # Another article decides for itself.
    assert mentions.filter(pl.col("article_id") == "b")["label"].to_list() == ["ORG"]
    assert ents.height == 2


def test_a_lone_surname_tagged_person_makes_a_person_of_the_full_name_tagged_otherwise():
    # the small model reads "Vincent Cable" as an organisation and the later "Cable" as a person
    spans = spans_frame(
        [
            ("a", 0, 13, "Vincent Cable", "ORG", None),
            ("a", 30, 35, "Cable", "PERSON", None),
            ("a", 40, 54, "Cruz and Rubio", "ORG", None),
            ("a", 60, 65, "Rubio", "PERSON", None),
            ("a", 70, 93, "Actress Amandla Stenberg", "ORG", None),
            ("a", 100, 108, "Stenberg", "PERSON", None),
        ]
    )
    sents = pl.DataFrame({"article_id": ["a"], "sentence_id": [0], "start_char": [0], "end_char": [110]})
    mentions, ents = link_mentions(spans, sents)
    label = dict(zip(mentions["text"], mentions["label"], strict=True))
    entity = dict(zip(mentions["text"], mentions["entity_id"], strict=True))
    assert label["Vincent Cable"] == label["Cable"] == "PERSON" and entity["Vincent Cable"] == entity["Cable"]
    assert ents.filter(pl.col("entity_id") == entity["Cable"])["name"].to_list() == ["Vincent Cable"]
    # not a list of names, nor a role before a name
    assert label["Cruz and Rubio"] == "ORG" and label["Actress Amandla Stenberg"] == "ORG"
    assert entity["Rubio"] != entity["Cruz and Rubio"] and entity["Stenberg"] != entity["Actress Amandla Stenberg"]


def test_a_full_name_tagged_otherwise_is_a_person_when_the_text_calls_its_surname_mr():
    # the model missed "Mr Cable" altogether; the title says a person bears the surname
    text = "Vincent Cable spoke. Mr Cable said the Davis Cup was over. General Motors grew."
    spans = spans_frame(
        [
            ("a", 0, 13, "Vincent Cable", "ORG", None),
            ("a", 39, 48, "Davis Cup", "EVENT", None),
            ("a", 59, 73, "General Motors", "ORG", None),
        ]
    )
    sents = pl.DataFrame(
        {"article_id": ["a"], "sentence_id": [0], "start_char": [0], "end_char": [len(text)], "text": [text]}
    )
    label = dict(zip(*link_mentions(spans, sents)[0].select("text", "label"), strict=True))
    assert label == {"Vincent Cable": "PERSON", "Davis Cup": "EVENT", "General Motors": "ORG"}
    # without the sentences' text the label stays the model's
    label = dict(zip(*link_mentions(spans, sents.drop("text"))[0].select("text", "label"), strict=True))
    assert label["Vincent Cable"] == "ORG"


def test_a_name_the_model_once_read_as_a_titled_person_is_a_person():
    # "Beverly" is also a town: two of three mentions read as a place, but `Founder` before the
    # third, read as a person, says who this is
    spans = spans_frame(
        [
            ("a", 0, 12, "Beverly Bond", "GPE", None),
            ("a", 20, 32, "Beverly Bond", "GPE", None),
            ("a", 48, 60, "Beverly Bond", "PERSON", "Founder"),
            ("a", 70, 82, "Beverly Hills", "GPE", None),
        ]
    )
    sents = pl.DataFrame({"article_id": ["a"], "sentence_id": [0], "start_char": [0], "end_char": [90]})
    mentions, _ = link_mentions(spans, sents)
    assert mentions["label"].to_list() == ["PERSON", "PERSON", "PERSON", "GPE"]
    # without the title the vote stands
    mentions, _ = link_mentions(spans.with_columns(title=pl.lit(None, pl.String)), sents)
    assert mentions["label"].to_list() == ["GPE", "GPE", "GPE", "GPE"]


def test_known_personal_names_the_model_called_organisations_are_people():
    text = (
        "Spielberg's films and Susan Lindqvist were praised, while Apple, Slack and Jackson "
        "Administrations and Acme Holdings, NASA and Mary Jones Holdings were not."
    )
    raw = pl.DataFrame(
        [
            raw_span(text, p, "ORG")
            for p in (
                "Spielberg",
                "Susan Lindqvist",
                "Apple",
                "Slack",
                "Jackson Administrations",
                "Acme Holdings",
                "NASA",
                "Mary Jones Holdings",
            )
        ]
    )
    got = dict(refine_spans(raw).select("text", "label").iter_rows())
    assert got == {
        "Spielberg": "PERSON",
        "Susan Lindqvist": "PERSON",
        # Census names that are also ordinary words, organisation words and acronyms stay organisations.
        "Apple": "ORG",
        "Slack": "ORG",
        "Jackson Administrations": "ORG",
        "Acme Holdings": "ORG",
        "NASA": "ORG",
        "Mary Jones Holdings": "ORG",
    }


HEADED = """Talks Resume

Trump Confirms Peace Agreement Progress

Donald Trump said on Monday that talks with Moscow were going well.

White House Optimism Ahead of Call

White House officials said Trump would call the Kremlin on Tuesday. A White House spokeswoman said more.

Kremlin’s Conditions for Peace

The Kremlin set out its terms, and Ukrainian officials answered."""


def test_headings_keep_only_names_the_body_established(nlp):
    paras = paras_of(HEADED)
    assert paras["is_heading"].sum() == 4
    spans = ner_spans(paras, nlp)
    assert_offsets_exact(spans, {"a0": HEADED})
    heads = spans.filter(pl.col("in_heading")).sort("start_char")
    assert heads.select("text").to_series().to_list() == ["Trump", "White House", "Kremlin"]
    assert heads.filter(pl.col("text") == "White House")["start_char"].to_list() == [HEADED.index("White House")]
    mentions, ents = link_mentions(spans, whole_article_sentences(HEADED))
    # Every "White House" is one entity named as the body writes it, not after the heading.
    wh = mentions.filter(pl.col("text") == "White House")
    assert wh.height == 3 and wh["entity_id"].n_unique() == 1
    assert ents.filter(pl.col("entity_id") == wh["entity_id"][0])["name"].to_list() == ["White House"]
    assert not ents["name"].str.contains("Optimism|Conditions|Confirms").any()
    trump = mentions.filter(pl.col("text").str.contains("Trump"))
    assert trump.height == 3 and trump["entity_id"].n_unique() == 1
    assert mentions.filter(pl.col("text") == "Ukrainian")["label"].to_list() == ["NORP"]


def test_a_heading_only_name_never_becomes_the_canonical_name():
    spans = spans_frame(
        [
            ("a", 0, 34, "White House Optimism Ahead of Call", "ORG", None),
            ("a", 40, 51, "White House", "ORG", None),
            ("a", 60, 71, "White House", "ORG", None),
        ]
    ).with_columns(in_heading=pl.Series([True, False, False]))
    sents = pl.DataFrame({"article_id": ["a"], "sentence_id": [0], "start_char": [0], "end_char": [80]})
    mentions, ents = link_mentions(spans, sents)
    body = mentions.filter(pl.col("start_char") >= 40)
    assert ents.filter(pl.col("entity_id") == body["entity_id"][0])["name"].to_list() == ["White House"]
    # Without the heading flag the longer form would win, as for a fuller name in the body.
    _, as_body = link_mentions(spans.drop("in_heading"), sents)
    assert as_body["name"].to_list() == ["White House Optimism Ahead of Call"]
