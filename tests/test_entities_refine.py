"""Entities: `refine_spans` trims what the model took in around a name and moves titles out of it.

One row per span: the sentence it is in, the span as found (phrase, label), and what it becomes
(text, label, title). Offsets must still point at the text.
"""

from __future__ import annotations

import polars as pl
import pytest

from tests.entity_helpers import raw_span
from transforms.ner_rules import refine_spans

FIRMS = (
    "the United States and Mr Smith's firm, General Motors, hired Prime Minister Jane Doe in Glasgow; "
    "Ramesses II ruled."
)
DASHES = "The album - by DJ Norman Cook - is out. Jay-Z and Kanye West - who sampled it - agree."
# a no-break space after the dash is no token boundary for the model: `―\xa0Jacklyn` is one token
MARKS = "“It is over.” ―\xa0Jacklyn Ashley.\n\n“Fine.” -Craig Fehrman, and @realDonaldTrump agreed."
# an ordinary word or a nationality before a given name and a surname is no part of the name (else
# "Comedian Ricky Gervais" and "Crooked Hillary Clinton" became the people's canonical names); a
# given name opening the span stays: `Mark`, `Rose` are names as well as words
ROLES = (
    "Comedian Ricky Gervais, Kenyan Paul Tergat and Crooked Hillary Clinton met Mark Anthony Neal and Rose Mary Woods."
)
# a place's region after a comma is a place (the model reads `Ont` as a person); a capitalised `He`
# before a name is the name's first word (the model tags `Jianxiong` alone)
PLACES = "Jane Smith of Kingston, Ont., met He Jianxiong and Ted Wu, Jr. on Monday."

CASES = [
    # determiners, possessives and titles go; places are relabelled
    (FIRMS, "the United States", "ORG", "United States", "GPE", None),
    (FIRMS, "Mr Smith's", "ORG", "Smith", "PERSON", "Mr"),
    (FIRMS, "General Motors", "ORG", "General Motors", "ORG", None),
    (FIRMS, "Prime Minister Jane Doe", "PERSON", "Jane Doe", "PERSON", "Prime Minister"),
    (FIRMS, "Glasgow", "PERSON", "Glasgow", "GPE", None),
    (FIRMS, "Ramesses", "PERSON", "Ramesses II", "PERSON", None),
    # a dash the model took in after a name goes, one inside it stays
    (DASHES, "DJ Norman Cook -", "PERSON", "DJ Norman Cook", "PERSON", None),
    (DASHES, "Jay-Z", "PERSON", "Jay-Z", "PERSON", None),
    (DASHES, "Kanye West -", "PERSON", "Kanye West", "PERSON", None),
    # so does a dash or mark before it
    (MARKS, "―\xa0Jacklyn Ashley", "PERSON", "Jacklyn Ashley", "PERSON", None),
    (MARKS, "-Craig Fehrman", "PERSON", "Craig Fehrman", "PERSON", None),
    (MARKS, "@realDonaldTrump", "PERSON", "@realDonaldTrump", "PERSON", None),
    # a role or epithet before a person's full name is its title
    (ROLES, "Comedian Ricky Gervais", "PERSON", "Ricky Gervais", "PERSON", "Comedian"),
    (ROLES, "Kenyan Paul Tergat", "PERSON", "Paul Tergat", "PERSON", "Kenyan"),
    (ROLES, "Crooked Hillary Clinton", "PERSON", "Hillary Clinton", "PERSON", "Crooked"),
    (ROLES, "Mark Anthony Neal", "PERSON", "Mark Anthony Neal", "PERSON", None),
    (ROLES, "Rose Mary Woods", "PERSON", "Rose Mary Woods", "PERSON", None),
    (PLACES, "Ont", "PERSON", "Ont", "GPE", None),
    (PLACES, "Jianxiong", "PERSON", "He Jianxiong", "PERSON", None),
    (PLACES, "Ted Wu", "PERSON", "Ted Wu", "PERSON", None),
    # only a person's: an organisation keeps its first word
    (ROLES, "Comedian Ricky Gervais", "ORG", "Comedian Ricky Gervais", "ORG", None),
]


@pytest.mark.parametrize(("text", "phrase", "label", "want_text", "want_label", "want_title"), CASES)
def test_refine_spans(text, phrase, label, want_text, want_label, want_title):
    out = refine_spans(pl.DataFrame([raw_span(text, phrase, label)]))
    assert out.select("text", "label", "title").rows() == [(want_text, want_label, want_title)]
    start, end = out.row(0, named=True)["start_char"], out.row(0, named=True)["end_char"]
    assert text[start - 100 : end - 100] == want_text  # raw_span puts the paragraph at offset 100


def test_refine_spans_of_one_sentence_together_as_one_by_one():
    spans = pl.DataFrame([raw_span(FIRMS, phrase, label) for text, phrase, label, *_ in CASES if text == FIRMS])
    assert refine_spans(spans)["text"].to_list() == [c[3] for c in CASES if c[0] == FIRMS]
