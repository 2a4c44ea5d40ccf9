"""Continuations: a quote with no attribution of its own takes the speaker of the quote or sentence before it."""

from __future__ import annotations

import pytest

from tests.quote_helpers import TRUMP, _one, _run, check_quote, quote_case

CHAFFETZ = {"Jason Chaffetz": ["Rep. Jason Chaffetz", "Chaffetz"]}
OBAMA_CLINTON = {"Barack Obama": ["Barack Obama", "Mr. Obama"], "Hillary Clinton": ["Hillary Clinton", "Mrs. Clinton"]}


@pytest.mark.parametrize(
    ("body", "text", "people", "labels", "want"),
    [
        quote_case(
            "quote_paragraph_takes_the_source_named_in_the_paragraph_before",
            "Barack Obama praised the jobs report on Friday.\n\n“Those running down the economy have no plan.”",
            "Those running down the economy have no plan.",
            {"Barack Obama": ["Barack Obama"]},
            speaker="Barack Obama",
            speaker_name="Barack Obama",
        ),
        quote_case(
            "quote_opening_its_sentence_takes_the_reporting_clause_before_it",
            (
                "Donald Trump spoke in Ohio.\n\n"
                "“The politics are just so blatant” in the legislature, Trump said in an interview. "
                "“This bill is the death throes of the old guard.”"
            ),
            "This bill is the death throes of the old guard.",
            TRUMP,
            speaker="Trump",
            cue="said",
            speaker_name="Donald Trump",
        ),
        quote_case(
            "second_half_of_an_interrupted_quote_keeps_its_speaker_when_it_starts_lower_case",
            "“He’s said a couple of things I was uncomfortable with,” she said, “but I could overlook it.”",
            "but I could overlook it.",
            speaker="she",
            cue="said",
        ),
        quote_case(
            "interrupted_quote_with_the_verb_before_its_speaker_keeps_one_speaker",
            (
                "Rubio spoke on abortion.\n\n“It is a difficult issue,” said the Florida senator, “because it puts two "
                "rights in conflict.”"
            ),
            "because it puts two rights in conflict.",
            {"Marco Rubio": ["Rubio"]},
            kind="partial",
            speaker="the Florida senator",
            cue="said",
        ),
        quote_case(
            "partial_quote_closing_its_sentence_does_not_take_the_next_sentences_subject",
            (
                "Trump spoke in Florida.\n\nTrump called Clinton an ISIS “co-founder.” Hewitt challenged Trump about "
                "this line of attack."
            ),
            "co-founder.",
            {"Donald Trump": ["Trump"], "Hugh Hewitt": ["Hewitt"]},
            speaker="Trump",
            cue="called",
            speaker_name="Donald Trump",
        ),
        quote_case(
            "sentence_after_a_quote_making_a_new_statement_does_not_attribute_it",
            (
                "The deal was signed.\n\nFilippo Grandi reacted to the deal, “I am concerned about any blanket "
                "return.” "
                "He demands legal safeguards for any mechanism transferring responsibility for asylum claims."
            ),
            "I am concerned about any blanket return.",
            {"Filippo Grandi": ["Filippo Grandi"]},
            speaker="Filippo Grandi",
            speaker_name="Filippo Grandi",
        ),
        quote_case(
            "sentence_after_a_quote_making_a_new_statement_does_not_attribute_it-2",
            "The deal was signed.\n\n“We are concerned,” the diplomat said. “It is a bad deal.” Grandi told reporters.",
            "It is a bad deal.",
            speaker="Grandi",
        ),
        quote_case(
            "transitive_stance_verb_after_a_quote_is_not_an_inverted_attribution",
            (
                "Delegates spoke.\n\n“Guns are a crisis,” said Adrian Mapp. “Guns have no place in our streets.” "
                "Martha Allen, a delegate from Vermont, criticized her state’s lax gun laws."
            ),
            "Guns have no place in our streets.",
            {"Adrian Mapp": ["Adrian Mapp"], "Martha Allen": ["Martha Allen"]},
            speaker="Adrian Mapp",
            cue="said",
        ),
        quote_case(
            "transitive_stance_verb_after_a_quote_is_not_an_inverted_attribution-2",
            "Trump spoke.\n\nTrump summed up Clinton as “terrible,” denounced her record and said she should quit.",
            "terrible,",
            TRUMP,
            speaker="Trump",
            speaker_name="Donald Trump",
        ),
        quote_case(
            "a_reporting_clause_with_its_own_that_clause_does_not_attribute_the_quote_before_it",
            (
                'Kerr Putney, the police chief, said that the video did not give "absolute evidence of a gun," '
                "but he said that "
                'other evidence "supports what we have heard" about the shooting.'
            ),
            "absolute evidence of a gun,",
            {"Kerr Putney": ["Kerr Putney"]},
            speaker="Kerr Putney",
            speaker_name="Kerr Putney",
        ),
        quote_case(
            "according_to_ending_the_next_sentence_does_not_source_a_quote_that_closed_its_own",
            (
                "Hillary Clinton chimed in on Twitter, saying that officials should release the videos "
                "“without delay.” "
                "Clinton plans to visit Charlotte on Sunday, according to a campaign aide."
            ),
            "without delay.",
            {"Hillary Clinton": ["Hillary Clinton", "Clinton"]},
            speaker="Hillary Clinton",
            cue="saying",
            speaker_name="Hillary Clinton",
        ),
        # an exclamation inside a sentence that runs on is still sourced by its end
        quote_case(
            "according_to_ending_the_next_sentence_does_not_source_a_quote_that_closed_its_own-2",
            "The governor was greeted with chants of “Bobby!” at a conference last month, according to Doris Mays.",
            "Bobby!",
            {"Doris Mays": ["Doris Mays"]},
            speaker="Doris Mays",
            cue="according to",
            speaker_name="Doris Mays",
        ),
        # the quote continues Chaffetz's, not `he was formally called to`
        quote_case(
            "a_passive_reporting_verb_ending_the_sentence_before_a_quote_names_no_speaker",
            (
                "“Subpoenas are not optional,” Rep. Jason Chaffetz said after the aide failed to show up at the second "
                "committee hearing he was formally called to in the past two weeks. “He is a crucial witness.”"
            ),
            "He is a crucial witness.",
            CHAFFETZ,
            speaker="Rep. Jason Chaffetz",
            cue="said",
            speaker_name="Jason Chaffetz",
        ),
        # an active verb there still introduces the quote
        quote_case(
            "a_passive_reporting_verb_ending_the_sentence_before_a_quote_names_no_speaker-2",
            "The aide spoke at length.\n\nChaffetz told reporters after the hearing. “He is a crucial witness.”",
            "He is a crucial witness.",
            CHAFFETZ,
            speaker="Chaffetz",
            cue="told",
            speaker_name="Jason Chaffetz",
        ),
        quote_case(
            "a_quote_after_a_lead_in_holding_a_quote_continues_that_quotes_speaker",
            (
                "Barack Obama and Hillary Clinton spoke on Saturday.\n\n“Our progress is on the ballot,” "
                "Mr. Obama said at the Congressional Black Caucus Foundation gala dinner in Washington, "
                "where Mrs. Clinton also spoke. "
                "“Tolerance is on the ballot.”"
            ),
            "Tolerance is on the ballot.",
            OBAMA_CLINTON,
            speaker="Mr. Obama",
            cue="said",
            speaker_name="Barack Obama",
        ),
        # a lead-in without a quote of its own still introduces the quote after it
        quote_case(
            "a_quote_after_a_lead_in_holding_a_quote_continues_that_quotes_speaker-2",
            (
                "Barack Obama and Hillary Clinton spoke on Saturday.\n\nAt the gala dinner in Washington, "
                "Mr. Obama spoke after Mrs. Clinton had left the room. “Tolerance is on the ballot.”"
            ),
            "Tolerance is on the ballot.",
            OBAMA_CLINTON,
            speaker="Mr. Obama",
            cue="spoke",
            speaker_name="Barack Obama",
        ),
        # BBC style: `X said: "…."` and then a new sentence whose `…, said he was …` reports something else
        quote_case(
            "a_reporting_verb_in_the_sentence_after_a_closed_quote_does_not_attribute_it",
            (
                'Mr Solana said: "It would be naive not to use this technological thing." Mr Solana\'s comments come '
                "the day after Sir Ian Blair, the police commissioner, said he was in favour of phone-tap evidence."
            ),
            "It would be naive not to use this technological thing.",
            {"Javier Solana": ["Javier Solana", "Mr Solana"], "Ian Blair": ["Sir Ian Blair"]},
            speaker="Mr Solana",
            cue="said",
            speaker_name="Javier Solana",
        ),
        # a sentence that runs on after the quote still ends on its attribution
        quote_case(
            "a_reporting_verb_in_the_sentence_after_a_closed_quote_does_not_attribute_it-2",
            "Sanders “has a right to stay in the race,” just as Clinton did in 2008, said Ed Rendell.",
            "has a right to stay in the race,",
            {"Ed Rendell": ["Ed Rendell"]},
            speaker="Ed Rendell",
            cue="said",
        ),
    ],
)
def test_a_quote_continues_the_statement_before_it(body, text, people, labels, want):
    check_quote(body, text, people, labels, want)


def test_interrupted_quote_has_one_speaker():
    body = "Hillary Clinton was in Iowa.\n\n“We are ready,” she said, “and we will not stop.”"
    df = _run(body, {"Hillary Clinton": ["Hillary Clinton", "Clinton"]})
    first, second = _one(df, "We are ready,"), _one(df, "and we will not stop.")
    assert first["speaker"] == second["speaker"] == "she"
    assert first["speaker_name"] == second["speaker_name"] == "Hillary Clinton"


def test_multi_paragraph_quote_is_bounded_per_paragraph_and_attributed():
    body = (
        "Macron spoke in Paris.\n\n"
        "“Enough deaths. Enough destruction.\n\n"
        "“The fighting must stop,” Macron declared.\n\nThe war went on."
    )
    df = _run(body, {"Emmanuel Macron": ["Macron"]})
    assert df["text"].to_list() == ["Enough deaths. Enough destruction.", "The fighting must stop,"]
    assert df["speaker_name"].to_list() == ["Emmanuel Macron", "Emmanuel Macron"]
    assert df["cue"].to_list() == ["declared", "declared"]


def test_attribution_after_a_full_stop_only_when_it_is_all_the_sentence_says():
    body = (
        "“Is this a priority for them?” O’Malley said at a press conference in Las Vegas on Sunday afternoon.\n\n"
        "“We will win the state.” Trump said on Monday that he would visit Ohio and Michigan next week."
    )
    df = _run(body)
    assert _one(df, "Is this a priority for them?")["speaker"] == "O’Malley"
    assert _one(df, "We will win the state.")["speaker"] != "Trump"


def test_quote_running_over_three_paragraphs_keeps_one_speaker():
    body = (
        "Dr. Kelli Ward stated:\n\n“The department has lost its way.\n\n“The latest example is Loretta Lynch suing "
        "the state.\n\n“Let owners decide. Period.”\n\nThe race goes on."
    )
    df = _run(body, {"Kelli Ward": ["Dr. Kelli Ward", "Ward"], "Loretta Lynch": ["Loretta Lynch"]})
    assert df.height == 3
    assert df["speaker_name"].to_list() == ["Kelli Ward"] * 3


def test_a_direct_quote_continues_a_quote_the_parse_attributed():
    df = _run("Jane Roe’s lawyer is calling the verdict “a travesty of justice.” “We will appeal.”")
    assert _one(df, "a travesty of justice.")["speaker"] == "Jane Roe’s lawyer"
    assert (_one(df, "We will appeal.")["speaker"], _one(df, "We will appeal.")["kind"]) == (
        "Jane Roe’s lawyer",
        "direct",
    )


def test_a_quoted_sentence_left_open_is_not_the_attribution_of_the_next():
    # BBC style: each quoted sentence opens a mark, only the last one closes
    people = {"Roy Hodgson": ["Roy Hodgson", "Hodgson"]}
    body = (
        'Hodgson backs breaks\n\nRoy Hodgson believes a winter break carries many advantages, explaining: "It '
        'is the perfect chance to recharge batteries.\n\n"And certainly if I was still a manager in England I '
        'would be supporting any calls for its introduction. "In pre-season you get a lot of enthusiasm."'
    )
    df = _run(body, people)
    assert set(df["speaker_name"]) == {"Roy Hodgson"}
    # a lead-in left inside a quote its writer forgot to close still attributes the next
    people = {"Arsene Wenger": ["Arsene Wenger", "Wenger"], "Ashley Cole": ["Ashley Cole", "Cole"]}
    body = (
        'Arsenal\n\nAshley Cole said: "Of course he will learn. Freddie Ljungberg is likely to start. Gunners boss '
        'Arsene Wenger said: "Freddie is an option. "I have to decide who will start."'
    )
    df = _run(body, people)
    assert _one(df, "I have to decide who will start.")["speaker_name"] == "Arsene Wenger"
