"""Quote marks: which marked words are quotes, where their spans start and end, their kind, and the output."""

from __future__ import annotations

import pytest

from tests.quote_helpers import TRUMP, _inputs, _marked, _one, _run
from transforms.quotes import OUT_COLUMNS, misplaced_marks, quotes


@pytest.mark.parametrize(
    ("body", "people", "texts"),
    [
        pytest.param(
            "“He called it ‘a disaster’ on air,” Trump said.",
            TRUMP,
            ["He called it ‘a disaster’ on air,"],
            id="single_quotes_nested_in_double_are_not_separate_quotes",
        ),
        pytest.param(
            "Trump’s team said the ’90s were different and the players’ union agreed. It’s over.",
            TRUMP,
            [],
            id="apostrophes_are_not_quote_marks",
        ),
        pytest.param(
            # archive copy writes '' for a double mark, headlines use '…' for a fragment; neither is a
            # quotation in PolNeAR's annotation, and both collide with apostrophes and foot/inch signs
            (
                "Trump Calls Plan 'Terrifying' in Speech.\n\n"
                "''This isn't tax reform,'' said Douglas Holtz-Eakin. He is 6' 2'' tall.\n\n"
                "“We will win,” Trump said."
            ),
            {**TRUMP, "Douglas Holtz-Eakin": ["Douglas Holtz-Eakin"]},
            ["We will win,"],
            id="straight_apostrophes_never_open_a_quote",
        ),
        pytest.param(
            "“He called it ‘a disaster' on air,” Trump said. Critics called it ‘a farce' too.",
            TRUMP,
            ["He called it ‘a disaster' on air,", "a farce"],
            id="a_straight_apostrophe_still_closes_a_curly_single_quote",
        ),
        pytest.param(
            (
                "“We never said that, Trump insisted on Monday.\n\nThe next paragraph is the writer's own.\n\n"
                "And so is this."
            ),
            TRUMP,
            ["We never said that, Trump insisted on Monday."],
            id="unbalanced_mark_stays_in_its_paragraph",
        ),
        pytest.param(
            '"Their slogan was “never again” and they meant it," Obama said.',
            None,
            ["Their slogan was “never again” and they meant it,"],
            id="quotes_nested_in_the_other_kind_of_double_mark_stay_inside",
        ),
        pytest.param(
            # the other kind of mark, glued to a word, with the sentence running on in lower case: PolNeAR
            # reads the quote on to the clause's comma or stop (all 6 such pairs in its train and dev)
            (
                'The mayor said there was “no evidence" yet that it was an act of terrorism.\n\n'
                'Mills sorted Clinton’s "work-related” emails from her “personal messages.” '
                "Both sets went to the FBI.\n\n"
                'Voters would “definitely not support" him, the poll found. '
                'He was a “good corporate citizen," who gave.'
            ),
            None,
            [
                'no evidence" yet that it was an act of terrorism',
                "work-related” emails from her “personal messages.”",
                'definitely not support" him',
                # (a comma before the mark ends the quote there)
                'good corporate citizen,"',
            ],
            id="a_mixed_pair_inside_a_running_phrase_runs_to_the_clause_end",
        ),
    ],
)
def test_the_quotes_of_a_body_are_the_words_between_paired_marks(body, people, texts):
    assert _run(body, people)["text"].to_list() == texts


def test_quote_in_headline():
    body = "Trump Says NFL Has Gone ‘Soft’\n\nDonald Trump told a crowd in Reno the league had changed."
    df = _run(body, TRUMP)
    q = _one(df, "Soft")
    assert q["sentence_id"] == 0 and q["kind"] == "partial"


def test_output_contract_and_stable_ids():
    body = "“Yes,” Trump said.\n\n“No,” he said."
    a, b = _run(body, TRUMP), _run(body, TRUMP)
    assert a.columns == OUT_COLUMNS
    assert a["quote_id"].to_list() == b["quote_id"].to_list() and a["quote_id"].n_unique() == 2
    assert all(body[r["start_char"] : r["end_char"]] == r["text"] for r in a.to_dicts())


def test_no_quotes_and_empty_inputs_do_not_crash():
    assert _run("Nothing quoted here.").height == 0
    empty = _inputs("x", {})
    empty["articles"] = empty["articles"].clear()
    empty["sentences"] = empty["sentences"].clear()
    assert quotes(**empty).collect().height == 0


def test_mixed_curly_and_straight_marks_pair_up():
    body = '“I prefer Kasich," he said, noting he had backed Rubio.\n\nShe wanted "no more excuses”. Nobody did.'
    df = _run(body)
    # the stray closer stays in the span, as in PolNeAR's gold; the attribution after it is found
    assert set(df["text"]) == {'I prefer Kasich,"', "no more excuses”"}
    assert _one(df, 'I prefer Kasich,"')["speaker"] == "he"


def test_a_closing_mark_never_opens_a_quote_and_the_passage_is_reported():
    body = (
        "Latinos Share Their Thoughts.\n\n"
        "”Mr. Trump embodies the legacy of racism. He represents our greatest shame.” ― Sonya Herridge\n\n"
        "“He is ignorant of our culture.” ― Pamela Padilla"
    )
    inputs = _inputs(body, {})
    assert _marked(quotes(**inputs).collect())["text"].to_list() == ["He is ignorant of our culture."]
    left_out = misplaced_marks(inputs["articles"], inputs["sentences"]).collect()
    start = body.index("”Mr.")
    assert left_out.rows() == [("a1", start, body[start : body.index(" ― Sonya") + len(" ― Sonya Herridge")])]


def test_a_quote_closed_by_its_own_opening_glyph_keeps_that_mark():
    body = "Sanders said: “The real rate is 51 percent.“\n\nThe fact-checkers rated it “Mostly False.“ on Friday."
    df = _run(body)
    assert set(df["text"]) == {"The real rate is 51 percent.“", "Mostly False.“"}
    assert _one(df, "The real rate is 51 percent.“")["speaker"] == "Sanders"


def test_a_bracketed_note_in_quote_marks_is_no_quote():
    body = (
        'Chris Wallace interviewed Mike Pence. Partial transcript as follows:\n\n"PENCE: Well, look, that is not '
        'true.\n\n"(CROSSTALK.)\n\n"WALLACE: If I may, sir."'
    )
    df = _run(body, {"Chris Wallace": ["Chris Wallace"], "Mike Pence": ["Mike Pence"]})
    assert "(CROSSTALK.)" not in df["text"].to_list()
    # the transcript's lines stay quotes of their speakers
    assert _one(df, "WALLACE: If I may, sir.")["speaker_name"] == "Chris Wallace"


def test_an_attribution_between_mixed_marks_inside_one_span_names_its_speaker():
    # `“…," Trump said. "…”`: the curly pair holds the whole passage (PolNeAR spans it whole), and
    # the attribution set off by the straight marks inside it is its speaker, not the name before
    people = {"Donald Trump": ["Donald Trump", "Trump"], "Bernie Sanders": ["Bernie Sanders", "Sanders"]}
    body = (
        "Trump wins\n\nBernie Sanders had given his own speech just before Donald Trump.\n\n"
        '“I heard parts of Bernie’s speech," Trump said. "He wants to give away our country, folks.”'
    )
    df = _run(body, people)
    q = _one(df, 'I heard parts of Bernie’s speech," Trump said. "He wants to give away our country, folks.')
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Trump", "said", "Donald Trump")
    assert body[q["speaker_start"] : q["speaker_end"]] == "Trump"
    people = {"Barack Obama": ["Barack Obama", "Obama"], "Marco Rubio": ["Marco Rubio", "Rubio"]}
    body = (
        "Obama speaks\n\nMarco Rubio spoke on Monday. Barack Obama spoke on Tuesday.\n\n"
        '"The economy is growing,” he added. “Wages are up."'
    )
    q = _one(_run(body, people), "The economy is growing,” he added. “Wages are up.")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("he", "added", "Barack Obama")
    # a long attribution, and one running to the end of the span
    people = {"Mick Bednarek": ["Mick Bednarek"], "Don Guardian": ["Don Guardian"]}
    body = (
        'Experts differ\n\n“I fundamentally disagree," said retired Army Lt. Gen. Mick Bednarek, who served '
        'as the chief U.S. military adviser in Iraq from 2013 to 2015. "Bombing has no bearing on this.”\n\n'
        '“I don’t think there is bad publicity," said Atlantic City Mayor Don Guardian.”'
    )
    df = _run(body, people)
    q = _one(df, body[body.index("I fund") : body.index(" this.") + 6])
    assert (q["speaker"], q["cue"], q["speaker_name"]) == (
        "retired Army Lt. Gen. Mick Bednarek",
        "said",
        "Mick Bednarek",
    )
    q = _one(df, 'I don’t think there is bad publicity," said Atlantic City Mayor Don Guardian.')
    assert (q["speaker"], q["speaker_name"]) == ("Atlantic City Mayor Don Guardian", "Don Guardian")
    # marks that close and reopen with no attribution between them are not an attribution
    q = _one(
        _run('Obama speaks\n\n“We are here," she writes, "and we stay.”', {}), 'We are here," she writes, "and we stay.'
    )
    assert (q["speaker"], q["cue"]) == ("she", "writes")


def test_a_line_break_ends_a_quote_and_its_attribution_windows():
    # some sources set paragraphs apart by a single newline: a quote and the words read for its
    # speaker stop at the line's end, as at a paragraph's
    body = (
        'Debate\n\n"You have not been involved in a consequential decision," he said. "You just simply haven\'t."\n'
        "Rubio fired back at Christie over New Jersey's credit rating."
    )
    q = _one(_run(body), "You just simply haven't.")
    assert q["speaker"] != "Rubio"
    # a line ending on a colon introduces the quote on the next line, whose words run on over its lines
    body = (
        'Ballot\n\nAt Ballot Access News, vice chairman Mark Seidenberg commented:\n"She is ineligible to serve. '
        'At her birth her parents were from foreign\ncountries."\n\nNext.'
    )
    q = _one(
        _run(body, {"Mark Seidenberg": ["Mark Seidenberg"]}),
        "She is ineligible to serve. At her birth her parents were from foreign\ncountries.",
    )
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Mark Seidenberg", "commented", "Mark Seidenberg")
    # a speaker read across a line break does not carry the newline
    body = "Polls\n\nThe race is tight, said Nate Silver\n“It is close.”"
    q = _one(_run(body, {"Nate Silver": ["Nate Silver"]}), "It is close.")
    assert (q["speaker"], q["speaker_name"]) == ("Nate Silver", "Nate Silver")
    assert body[q["speaker_start"] : q["speaker_end"]] == "Nate Silver"


def test_a_straight_mark_after_a_single_one_and_before_a_comma_closes():
    people = {"David Wilson": ["David Wilson"]}
    body = (
        "Attack\n\n\"In the US there is a phenomenon 'suicide by cop'\", professor David Wilson told the press. "
        '"Increasingly attackers wear pretend vests."'
    )
    df = _run(body, people)
    assert df["text"].to_list() == [
        "In the US there is a phenomenon 'suicide by cop'",
        "Increasingly attackers wear pretend vests.",
    ]
    assert set(df["speaker_name"]) == {"David Wilson"}
    # before a full stop it still opens: `". . . I just want`
    df = _run('Rally\n\nShe said at the rally ". . . I just want somebody who speaks like we do."')
    assert df["text"].to_list() == [". . . I just want somebody who speaks like we do."]


def test_a_quoted_title_of_a_show_a_film_or_an_ad_is_not_a_quote():
    people = {"Bernie Sanders": ["Bernie Sanders", "Sanders"]}
    body = (
        'Debate\n\nBernie Sanders told MSNBC\'s "Morning Joe" that nobody would question her "intelligence." '
        "On Tuesday's episode of “The Steve Harvey Morning Show,” Sanders said “we will win.”\n\n"
        "The 30-second spot, titled “Arrogant,” features a report. DuVernay’s documentary, “13th,” debuts Friday. "
        'Callers to his "Keepin\' It Real" radio program agreed.'
    )
    df = _run(body, people)
    assert df["text"].to_list() == ["intelligence.", "we will win."]
    assert set(df["speaker_name"]) == {"Bernie Sanders"}
    # words of a person keep their marks: a title written in lower case, or title case with no work named
    body = (
        'Letters\n\nOuisa Davis\' commentary, "Melania, tell your immigrant story," is very thoughtful. '
        "Donald Trump called her “Crooked Hillary” again."
    )
    df = _run(body, {"Donald Trump": ["Donald Trump", "Trump"], "Ouisa Davis": ["Ouisa Davis"]})
    assert df["text"].to_list() == ["Melania, tell your immigrant story,", "Crooked Hillary"]
    assert _one(df, "Crooked Hillary")["speaker_name"] == "Donald Trump"


def test_a_nickname_inside_a_name_is_not_a_quote():
    people = {"Robert Scott": ["Robert Scott", "Scott"]}
    body = (
        'Picnic\n\nRep. Robert "Bobby" Scott threw open his back yard. Governor Clement "Butch" Otter (R-Idaho) came. '
        'Scott said it was "Great" fun.\n\nPopular Website Shows Bias When It Comes To ‘Fact-Checking’ Republicans.'
    )
    df = _run(body, people)
    # (a headline capitalises every word: its quoted word stays)
    assert df["text"].to_list() == ["Great", "Fact-Checking"]
    assert _one(df, "Great")["speaker_name"] == "Robert Scott"
