"""Reported speech: `indirect` rows of `quotes`, from the parse (spaCy mode) and the patterns (rules mode)."""

from __future__ import annotations

import polars as pl
import pytest

from tests.quote_helpers import _inputs
from transforms.quotes import quotes
from transforms.reported import candidate_sentences, pattern_statements
from transforms.reporting_verbs import cue_pattern, forms, lemmas
from transforms.speakers import CUE_WORDS

PEOPLE = {"Maria Lopez": ["Maria Lopez", "Lopez"], "Tom Park": ["Tom Park", "Park"]}


def _reported(body: str, mode: str = "parse", people: dict | None = None) -> pl.DataFrame:
    q = quotes(**_inputs(body, PEOPLE if people is None else people), reported=mode).collect()
    return q.filter(pl.col("kind") == "indirect")


@pytest.mark.parametrize("mode", ["parse", "patterns"])
@pytest.mark.parametrize(
    ("body", "content", "speaker", "name", "attribution"),
    [
        (
            "Maria Lopez said that the bridge would reopen in May.",
            "the bridge would reopen in May",
            "Maria Lopez",
            "Maria Lopez",
            "reported-cue-before-clause",
        ),
        (
            "Tom Park warned the council was running out of money.",
            "the council was running out of money",
            "Tom Park",
            "Tom Park",
            "reported-cue-before-clause",
        ),
        (
            "The council was running out of money, Tom Park said.",
            "The council was running out of money",
            "Tom Park",
            "Tom Park",
            "reported-clause-before-cue",
        ),
        (
            "According to the police, the man fled on foot.",
            "the man fled on foot",
            "the police",
            None,
            "reported-according-to",
        ),
    ],
)
def test_reported_statements_have_content_speaker_and_cue(mode, body, content, speaker, name, attribution):
    rows = _reported(body, mode)
    assert rows.height == 1, rows
    row = rows.row(0, named=True)
    assert (row["text"], row["speaker"], row["speaker_name"], row["attribution"]) == (
        content,
        speaker,
        name,
        attribution,
    )
    assert body[row["start_char"] : row["end_char"]] == row["text"]
    assert body[row["speaker_start"] : row["speaker_end"]] == row["speaker"]
    assert row["part_of_quote_id"] is None


def test_a_pronoun_reporting_resolves_to_the_person_before():
    body = "Maria Lopez opened the meeting. She told reporters that the budget was balanced."
    row = _reported(body).row(0, named=True)
    assert (row["text"], row["speaker"], row["cue"], row["speaker_name"]) == (
        "the budget was balanced",
        "She",
        "told",
        "Maria Lopez",
    )


def test_a_partial_quote_inside_a_statement_is_part_of_it_and_counted_once():
    body = "Tom Park said the plan was “a disaster for the city” and would be dropped."
    q = quotes(**_inputs(body, PEOPLE)).collect()
    statement = q.filter(pl.col("kind") == "indirect").row(0, named=True)
    partial = q.filter(pl.col("kind") == "partial").row(0, named=True)
    assert statement["text"] == "the plan was “a disaster for the city” and would be dropped"
    assert partial["part_of_quote_id"] == statement["quote_id"]
    assert q.filter(pl.col("part_of_quote_id").is_null()).height == 1


def test_a_quote_continuing_the_one_before_is_part_of_its_statement():
    body = "“We will rebuild the bridge,” Maria Lopez said. “It will take two years.”"
    q = quotes(**_inputs(body, PEOPLE)).collect().sort("start_char")
    first, second = q.rows(named=True)
    assert (first["part_of_quote_id"], second["part_of_quote_id"]) == (None, first["quote_id"])
    assert second["speaker_name"] == "Maria Lopez"


def test_direct_quotes_are_not_reported_again():
    body = "“The bridge will reopen in May,” Maria Lopez said."
    q = quotes(**_inputs(body, PEOPLE)).collect()
    assert q["kind"].to_list() == ["direct"]


def test_sentences_without_a_reporting_verb_are_not_read():
    body = "The bridge reopened in May. Traffic was light, and the council met on Monday."
    assert _reported(body).height == 0
    assert _reported(body, "patterns").height == 0


def test_no_reported_speech_when_switched_off():
    body = "Maria Lopez said that the bridge would reopen in May."
    q = quotes(**_inputs(body, PEOPLE), reported=None).collect()
    assert q.height == 0
    with pytest.raises(ValueError, match="reported speech mode"):
        quotes(**_inputs(body, PEOPLE), reported="maybe").collect()


def test_the_lexicon_is_the_data_file_inflected():
    assert {"say", "tell", "warn", "add"} <= set(lemmas())
    table = forms()
    assert {table[f] for f in ("said", "says", "saying", "told", "warned", "criticised")} == {
        "say",
        "tell",
        "warn",
        "criticize",
    }
    assert "agreing" not in table and "readed" not in table
    # the quote-mark patterns' verbs come from the same inflection tables
    assert {"agreeing", "read", "clarified", "slammed"} <= set(CUE_WORDS) and not {"agreing", "readed"} & set(CUE_WORDS)
    assert pl.Series(["He added that it was late."]).str.contains(cue_pattern()).item()


def test_candidates_skip_headings_and_sentences_that_are_a_direct_quote():
    sents = pl.LazyFrame(
        {
            "article_id": ["a"] * 3,
            "sentence_id": [0, 1, 2],
            "start_char": [0, 20, 60],
            "end_char": [19, 59, 90],
            "text": ["Lopez Says No Deal", "“We will not sign,” Maria Lopez said.", "Park said talks would go on."],
            "is_heading": [True, False, False],
        }
    )
    quoted = pl.LazyFrame({"article_id": ["a"], "start_char": [21], "end_char": [38]})
    assert candidate_sentences(sents, quoted).collect()["sentence_id"].to_list() == [2]
    found = pattern_statements(candidate_sentences(sents, quoted).collect())
    assert found.select("speaker", "cue").rows() == [("Park", "said")]


def test_a_statement_that_is_one_quotes_words_is_that_quote():
    """`said “…”` parses as a report of the quoted words: one row, the quote's (ids stay unique)."""
    body = "Park said the plan was “dead in the water.” Lopez said “the plan is dead.”"
    q = quotes(**_inputs(body, PEOPLE)).collect()
    assert q["quote_id"].is_unique().all()
    statements = q.filter(pl.col("part_of_quote_id").is_null()).sort("start_char")
    assert statements.select("kind", "text", "speaker").rows() == [
        ("indirect", "the plan was “dead in the water.”", "Park"),
        ("partial", "the plan is dead.", "Lopez"),
    ]


def test_a_plural_possessive_before_a_quote_is_no_closing_mark():
    """`The Democrats’ “Medicare for All” plan`: the words sit inside the writer's sentence (partial)."""
    body = "Maria Lopez attacked the Democrats’ “Medicare for All” plan on Monday."
    q = quotes(**_inputs(body, PEOPLE)).collect().filter(pl.col("kind") != "indirect")
    assert q.select("text", "kind").rows() == [("Medicare for All", "partial")]


@pytest.mark.parametrize(
    ("body", "content", "speaker", "attribution"),
    [
        # a parenthetical attribution reports the clause around it
        (
            "The bridge, Maria Lopez said, would reopen in May.",
            "The bridge, Maria Lopez said, would reopen in May",
            "Maria Lopez",
            "reported-cue-inside-clause",
        ),
        # a participle's speaker is the subject of the verb it hangs from
        (
            "Tom Park left the meeting early, saying the vote had been rigged.",
            "the vote had been rigged",
            "Tom Park",
            "reported-cue-before-clause",
        ),
        # a verb whose learned frame takes an object reports it, with what is said of it
        (
            "Maria Lopez criticized the council's handling of the flood.",
            "the council's handling of the flood",
            "Maria Lopez",
            "reported-cue-before-object",
        ),
        (
            "Tom Park called for a new inquiry into the collapse.",
            "a new inquiry into the collapse",
            "Tom Park",
            "reported-cue-before-object",
        ),
        # what a colon introduces runs to the end of the paragraph
        (
            "Maria Lopez added: the bridge is safe. Nobody was hurt.\n\nThe council met later.",
            "the bridge is safe. Nobody was hurt",
            "Maria Lopez",
            "reported-cue-before-colon",
        ),
    ],
)
def test_parse_reports_beyond_the_plain_clause(body, content, speaker, attribution):
    rows = _reported(body)
    assert (content, speaker, attribution) in rows.select("text", "speaker", "attribution").rows(), rows


def test_a_partial_quotes_sentence_is_reported_where_no_statement_holds_it():
    """`calling it “dangerous” that …`: the rest of the sentence after the cue is the statement."""
    body = "Tom Park released a radio ad calling it “dangerous” that the council “has no plan” for floods."
    q = quotes(**_inputs(body, PEOPLE)).collect()
    statement = q.filter(pl.col("attribution") == "reported-rest-of-sentence").row(0, named=True)
    assert statement["text"] == "it “dangerous” that the council “has no plan” for floods"
    assert statement["speaker_name"] == "Tom Park"
    parts = q.filter(pl.col("kind") == "partial")["part_of_quote_id"].to_list()
    assert parts == [statement["quote_id"]] * 2


def test_the_same_input_gives_the_same_rows_in_the_same_order():
    """Statements, their parts and the output order do not depend on how a join happened to run."""
    body = (
        "Tom Park said the plan was “dead in the water” and that the council “has no money.” "
        "“We will rebuild,” Maria Lopez said. “It will take two years.” She added: the bridge is safe."
    )
    runs = [quotes(**_inputs(body, PEOPLE)).collect() for _ in range(3)]
    assert all(run.equals(runs[0]) for run in runs[1:])
    assert runs[0]["quote_id"].is_unique().all()
