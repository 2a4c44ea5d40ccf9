"""Sentence segmentation: the frame contract, the hard cases of news text, exact offsets."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.paragraphs import paragraphs
from transforms.sentences import sentences, split_text, split_texts

# Unicode White_Space, as Polars and its regex engine see it (Python's str.strip also drops
# \x1c-\x1f, which are not whitespace there).
WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
)


def is_blank(text: str) -> bool:
    return not text.strip(WHITESPACE)


def cut(text: str) -> list[str]:
    return [text[start:end] for start, end in split_text(text)]


def article_sentences(*bodies: str) -> pl.DataFrame:
    articles = pl.LazyFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "body": list(bodies)})
    return sentences(paragraphs(articles)).collect()


BODY = (
    "Storm hits coast\n\n"
    "By Jane Doe\n\n"
    "The storm reached the coast at 5 a.m. on Monday. Gen. Ann Smith said 3.5 million people "
    "were without power.\n\n"
    "Damage\n\n"
    "Roads were closed. Repairs will take weeks."
)


def test_frame_has_the_contract_columns_and_types():
    out = article_sentences(BODY)
    assert out.schema == pl.Schema(
        {
            "article_id": pl.String,
            "sentence_id": pl.Int32,
            "paragraph_id": pl.Int32,
            "section": pl.String,
            "is_heading": pl.Boolean,
            "start_char": pl.Int64,
            "end_char": pl.Int64,
            "text": pl.String,
        }
    )


def test_rows_follow_paragraphs_headings_and_sections():
    out = article_sentences(BODY)
    assert out["text"].to_list() == [
        "Storm hits coast",
        "By Jane Doe",
        "The storm reached the coast at 5 a.m. on Monday.",
        "Gen. Ann Smith said 3.5 million people were without power.",
        "Damage",
        "Roads were closed.",
        "Repairs will take weeks.",
    ]
    assert out["sentence_id"].to_list() == list(range(7))
    assert out["paragraph_id"].to_list() == [0, 1, 2, 2, 3, 4, 4]
    assert out["is_heading"].to_list() == [True, True, False, False, True, False, False]
    assert out["section"].to_list()[-2:] == ["Damage", "Damage"]
    for start, end, text in out.select("start_char", "end_char", "text").iter_rows():
        assert BODY[start:end] == text


def test_sentence_ids_restart_per_article_and_offsets_point_into_each_body():
    first, second = "One here. Two here.", "Alpha.\n\nBeta gamma. Delta."
    out = article_sentences(first, second)
    assert out.filter(pl.col("article_id") == "a1")["sentence_id"].to_list() == [0, 1, 2]
    bodies = {"a0": first, "a1": second}
    for article, start, end, text in out.select("article_id", "start_char", "end_char", "text").iter_rows():
        assert bodies[article][start:end] == text


def test_a_heading_paragraph_is_one_sentence_even_with_an_abbreviation():
    out = article_sentences("Mr. Smith Goes to Washington\n\nHe went. He came back.")
    assert out["text"].to_list() == ["Mr. Smith Goes to Washington", "He went.", "He came back."]
    assert out["is_heading"].to_list() == [True, False, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # multi-sentence quotations split inside; a closing mark stays with its sentence
        (
            '"We will rebuild. It will take years," the mayor said. "Nobody is leaving."',
            ['"We will rebuild.', 'It will take years," the mayor said.', '"Nobody is leaving."'],
        ),
        ("He said “It is over.” Then he left.", ["He said “It is over.”", "Then he left."]),
        ("‘We won!’ she shouted. ‘Really?’ he asked.", ["‘We won!’ she shouted.", "‘Really?’ he asked."]),
        # titles and initials, also when one ends a sentence
        ("He moved to the U.S. He left.", ["He moved to the U.S.", "He left."]),
        (
            "Sen. Mary Jones and Rep. Tom Lee met Gen. Ray in Washington, D.C. on Friday.",
            ["Sen. Mary Jones and Rep. Tom Lee met Gen. Ray in Washington, D.C. on Friday."],
        ),
        (
            "The office is in Washington, D.C. The staff moved.",
            ["The office is in Washington, D.C.", "The staff moved."],
        ),
        ("Mr. J. R. Smith arrived. Mrs. Smith did not.", ["Mr. J. R. Smith arrived.", "Mrs. Smith did not."]),
        ("Shares in Acme Corp. rose 5%. Trading was thin.", ["Shares in Acme Corp. rose 5%.", "Trading was thin."]),
        (
            '"It is a waste," said Del. Stacey Plaskett. She left.',
            ['"It is a waste," said Del. Stacey Plaskett.', "She left."],
        ),
        ("The firm is in Wilmington, Del. The staff moved.", ["The firm is in Wilmington, Del.", "The staff moved."]),
        # decimals, money, percentages, times
        (
            "Inflation rose 2.5 per cent to $1.13bn. It was 3.1 last year.",
            ["Inflation rose 2.5 per cent to $1.13bn.", "It was 3.1 last year."],
        ),
        (
            "Polls open at 7 a.m. and close at 8 p.m. on Tuesday.",
            ["Polls open at 7 a.m. and close at 8 p.m. on Tuesday."],
        ),
        ("The fire started at 4 a.m. The roof fell in.", ["The fire started at 4 a.m.", "The roof fell in."]),
        # URLs and e-mail addresses
        (
            "See https://news.example.org/a/b.html?id=3. Then write.",
            ["See https://news.example.org/a/b.html?id=3.", "Then write."],
        ),
        ("Write to desk@news.example.com. We reply.", ["Write to desk@news.example.com.", "We reply."]),
        # ellipses
        ("He paused... and went on. Then it ended.", ["He paused... and went on.", "Then it ended."]),
        ("It is . . . I think . . . over.", ["It is . . . I think . . . over."]),
        ("It ended badly.... Nobody came.", ["It ended badly....", "Nobody came."]),
        # a quotation with its attribution dash stays one sentence
        ('"It is a long game." - Matthew Ingram', ['"It is a long game." - Matthew Ingram']),
        # numbered references are not ends
        ("Read p. 5 and No. 7 of Vol. 2 today.", ["Read p. 5 and No. 7 of Vol. 2 today."]),
        ("Use it, e.g. Paris or Rome. Then stop.", ["Use it, e.g. Paris or Rome.", "Then stop."]),
        ("What? No! Yes.", ["What?", "No!", "Yes."]),
        ("No final punctuation here", ["No final punctuation here"]),
    ],
)
def test_cuts_news_sentences(text, expected):
    assert cut(text) == expected


def test_headlines_datelines_bylines_and_captions_without_punctuation_are_their_own():
    text = (
        "Flood waters rise in the north\n\n"
        "Thursday, May 7, 2015\n\n"
        "By Sam Reed, Staff Reporter\n\n"
        "LONDON (Reuters) - Rivers burst their banks. Hundreds left home.\n\n"
        "The river at dawn. Photo: Sam Reed.\n\n"
        "Tuesday, July 23, 2019 On Monday the rain stopped."
    )
    assert cut(text) == [
        "Flood waters rise in the north",
        "Thursday, May 7, 2015",
        "By Sam Reed, Staff Reporter",
        "LONDON (Reuters) -",
        "Rivers burst their banks.",
        "Hundreds left home.",
        "The river at dawn.",
        "Photo: Sam Reed.",
        "Tuesday, July 23, 2019",
        "On Monday the rain stopped.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1) Raise taxes 2) Cut spending", ["1) Raise taxes", "2) Cut spending"]),
        ("1. Raise taxes. 2. Cut spending.", ["1. Raise taxes.", "2. Cut spending."]),
        ("• Raise taxes • Cut spending", ["• Raise taxes", "• Cut spending"]),
        (
            "The budget:\n - raised taxes\n - cut spending",
            ["The budget:", "- raised taxes", "- cut spending"],
        ),
        ("He finished 2. The race was over.", ["He finished 2.", "The race was over."]),
    ],
)
def test_cuts_lists_at_their_items(text, expected):
    assert cut(text) == expected


def test_a_short_unpunctuated_list_is_not_taken_for_a_heading():
    out = article_sentences("1) The first item 2) The second item")
    assert out["text"].to_list() == ["1) The first item", "2) The second item"]
    assert out["is_heading"].to_list() == [False, False]


def test_nul_characters_in_the_text_are_kept_and_do_not_cut():
    text = "A\x00B is here. Next\x00one."
    assert cut(text) == ["A\x00B is here.", "Next\x00one."]


def test_the_marker_characters_in_the_text_are_kept_and_do_not_cut():
    # NUL and STX are the splitter's own markers; one in the text is text.
    text = "Mr.\x02 Smith left.\x00 He\x02 came back. Then\x02\x00 it ended."
    assert cut(text) == ["Mr.\x02 Smith left.\x00 He\x02 came back.", "Then\x02\x00 it ended."]


def test_split_texts_matches_split_text_one_by_one():
    texts = ["One. Two.", "", "   ", "Solo", "A.\n\nB."]
    assert split_texts(texts) == [split_text(t) for t in texts]
    assert split_texts(texts)[1:3] == [[], []]


# Text built from the characters that matter to the rules, plus anything else.
_ALPHABET = st.sampled_from(
    list("aZ .!?…\"'“”‘’()[]•-\n\t\x00\x01\x02")
    + ["U.S.", "Mr.", " . . .", "\n\n", "e.g.", "1. ", "é", "😀", "\u2028", "\x1c", "[...]", "• 2. "]
)
_TEXT = st.one_of(st.text(), st.lists(st.one_of(_ALPHABET, st.text(max_size=3)), max_size=40).map("".join))


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=4))
def test_offsets_are_exact_ordered_and_cover_every_word(texts):
    for text, spans in zip(texts, split_texts(texts), strict=True):
        previous_end = 0
        for start, end in spans:
            piece = text[start:end]
            assert piece and piece == piece.strip(WHITESPACE)
            assert start >= previous_end
            assert is_blank(text[previous_end:start]), "text left out between sentences"
            previous_end = end
        assert is_blank(text[previous_end:]), "text left out after the last sentence"


@settings(max_examples=100, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=3))
def test_frame_text_equals_the_body_slice(bodies):
    out = article_sentences(*bodies)
    lookup = {f"a{i}": body for i, body in enumerate(bodies)}
    for article, start, end, text in out.select("article_id", "start_char", "end_char", "text").iter_rows():
        assert lookup[article][start:end] == text
