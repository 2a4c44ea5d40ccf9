"""The dependency-parse fallback (transforms/quote_parse.py): reporting verbs the patterns cannot reach."""

from __future__ import annotations

import pytest

from tests.quote_helpers import TRUMP, _inputs, _marked, _one, _parse_one, _run, check_quote, quote_case
from transforms.quotes import quotes


@pytest.mark.parametrize(
    ("body", "text", "people", "labels", "want"),
    [
        quote_case(
            "a_reporting_verb_away_from_the_quote_names_its_subject",
            "Senator Ann Lee’s physician is calling the senator “remarkably healthy.”",
            "remarkably healthy.",
            speaker="Senator Ann Lee’s physician",
            cue="calling",
            kind="partial",
        ),
        quote_case(
            "a_reporting_verb_away_from_the_quote_names_its_subject-2",
            "When he was asked about the plan on Friday, the governor laughed and said, “It will never pass.”",
            "It will never pass.",
            speaker="the governor",
            cue="said",
        ),
        quote_case(
            "the_parse_links_a_verb_across_a_long_coordination",
            (
                "Trump did not say how he would pay for it.\n\nThe Republican nominee also outlined his cybersecurity "
                "plan and vowed to harshly punish “those who break the rules.”"
            ),
            "those who break the rules.",
            TRUMP,
            speaker="The Republican nominee",
            cue="vowed",
        ),
        quote_case(
            "the_parse_reads_a_headline_verb_and_keeps_the_issue_rule",
            "Retired Admiral Reveals ‘Chilling’ Details Of The Crash\n\nThe admiral spoke on Monday.",
            "Chilling",
            speaker="Retired Admiral",
            cue="Reveals",
        ),
        # no reporting verb governs a scare quote: still no speaker, parse or not
        quote_case(
            "the_parse_reads_a_headline_verb_and_keeps_the_issue_rule-2",
            "Trump visited the so-called “peace garden” on Monday.",
            "peace garden",
            TRUMP,
            speaker=None,
        ),
        quote_case(
            "the_parse_reads_a_verb_whose_as_phrase_holds_the_quote",
            "In recent weeks, Reid has gone after Trump as a “human leech who will bleed the country.”",
            "human leech who will bleed the country.",
            {"Harry Reid": ["Reid"], "Donald Trump": ["Trump"]},
            speaker="Reid",
            cue="gone",
            speaker_name="Harry Reid",
        ),
        # a passive or a participle names no one (`an event billed as “…”`), nor a verb above the `as`
        quote_case(
            "the_parse_reads_a_verb_whose_as_phrase_holds_the_quote-2",
            "Supporters gathered at an event billed as “Women for Trump.”",
            "Women for Trump.",
            speaker=None,
        ),
    ],
)
def test_the_parse_finds_the_speaker_of_a_verb_away_from_the_quote(body, text, people, labels, want):
    check_quote(body, text, people, labels, want)


def test_without_the_parse_the_rules_alone_leave_those_quotes_unattributed():
    body = "Senator Ann Lee’s physician is calling the senator “remarkably healthy.”"
    df = _marked(quotes(**_inputs(body, {}), parse=False).collect())
    assert df["speaker"].to_list() == [None]


def test_the_parse_reads_verbal_attacks_the_patterns_leave_alone():
    body = "In an August speech, Trump attacked “the hateful ideology of radical Islam.”"
    q = _one(_run(body, TRUMP), "the hateful ideology of radical Islam.")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Trump", "attacked", "Donald Trump")
    # the patterns alone do not take `attacked` for a reporting verb
    assert _marked(quotes(**_inputs(body, TRUMP), parse=False).collect())["cue"].to_list() != ["attacked"]


def test_a_parsed_speaker_stops_before_a_clause_set_off_by_commas():
    window = (
        "Christie, who has campaigned heavily for Donald Trump since he suspended his own presidential "
        "campaign in February, blasted her remarks as “a disgrace to the office.”"
    )
    # the subject's noun phrase, not its relative clause (whose last name used to resolve the speaker)
    assert _parse_one(window, "a disgrace to the office.") == ("Christie", 100, "blasted")
    # a name in apposition to a title stays: it is who the title is
    window = "Yet the bureau’s director, James Comey, described the emails as “extremely careless.”"
    assert _parse_one(window, "extremely careless.") == (
        "the bureau’s director, James Comey",
        100 + window.index("the"),
        "described",
    )


def test_a_participle_the_parser_gave_the_object_for_subject_takes_the_sentence_subject():
    # the parser reads `her reasoning` as the subject of `saying`: a bare participle shares its head's subject
    window = 'The governor tweeted her reasoning saying, "Today, I signed into law the act."'
    assert _parse_one(window, "Today, I signed into law the act.") == ("The governor", 100, "saying")
    # a clause with a conjunction keeps its own subject (the parser's verb there is a noun: `warning`)
    window = 'It suspended flights in 2003 after a government warning about a "threat to UK aviation".'
    assert _parse_one(window, "threat to UK aviation")[:1] == ("a government",)


def test_a_name_after_a_preposition_is_not_the_sentence_subject():
    # The sentence's opening words (`Small groups`) name no one; the first name in the sentence was
    # taken instead, though it is the object of `of` (then of `around`, then `played the`). The
    # parse reads the subject.
    people = {
        "Keith Lamont Scott": ["Keith Lamont Scott"],
        "Bank of America Stadium": ["Bank of America Stadium"],
        "Charlotte Panthers": ["Charlotte Panthers"],
    }
    body = (
        "Charlotte\n\nSmall groups of protesters continued to call for more information about the fatal shooting "
        "of Keith Lamont Scott, looping the streets around Bank of America Stadium - where the Charlotte "
        'Panthers played the Vikings - while chanting, "Hands up, don\'t shoot."'
    )
    labels = {"Bank of America Stadium": "ORG", "Charlotte Panthers": "ORG"}
    q = _one(_run(body, people, labels=labels), "Hands up, don't shoot.")
    assert q["speaker"] == "Small groups of protesters" and q["speaker_name"] is None
    # a capitalised word before the preposition makes it part of a title, and `with` opens an
    # absolute clause whose subject speaks
    body = (
        'Panetta\n\nComments from former Secretary of Defense Leon Panetta: "We have to be careful."\n\n'
        'It was a rough show, with Maria Hutchings marching up to him, saying "Tony, that\'s rubbish".'
    )
    df = _run(body, {"Leon Panetta": ["Leon Panetta"], "Maria Hutchings": ["Maria Hutchings"]})
    assert _one(df, "We have to be careful.")["speaker_name"] == "Leon Panetta"
    assert _one(df, "Tony, that's rubbish")["speaker_name"] == "Maria Hutchings"
