"""Speakers written next to a quote: after or before it, inverted, on a colon, a label, a byline or `according to`."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.quote_helpers import TRUMP, _one, _run, check_quote, quote_case

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_7383691cf617a204.txt"


KELLY = {"Ruth Kelly": ["Education Secretary Ruth Kelly", "Ms Kelly"]}


@pytest.mark.parametrize(
    ("body", "text", "people", "labels", "want"),
    [
        quote_case(
            "verb_before_name_after_quote",
            "“We will win,” said Sen. Ted Cruz, a Republican from Texas.",
            "We will win,",
            {"Ted Cruz": ["Ted Cruz"]},
            speaker="Sen. Ted Cruz",
            cue="said",
            speaker_name="Ted Cruz",
        ),
        quote_case(
            "according_to",
            "According to the newspaper, “gun laws empower dealers.”",
            "gun laws empower dealers.",
            speaker="the newspaper",
            cue="according to",
            speaker_name=None,
        ),
        quote_case(
            "according_to_opening_the_sentence_names_the_source_of_a_partial_quote",
            "According to radio host Rush Limbaugh, the move reeks of “fear” and desperation.",
            "fear",
            {"Rush Limbaugh": ["Rush Limbaugh"]},
            speaker="radio host Rush Limbaugh",
            cue="according to",
            speaker_name="Rush Limbaugh",
        ),
        # "Pe(pper) called…" once read as "per called…", an "according to" source
        quote_case(
            "per_inside_a_word_is_not_according_to",
            "Party Chairman David Pepper called the decision a “huge win for Ohio voters.”",
            "huge win for Ohio voters.",
            {"David Pepper": ["David Pepper"]},
            speaker_name="David Pepper",
            cue="called",
        ),
        quote_case(
            "according_to_right_after_the_quote",
            "The FBI spoke to aides.\n\n“Officials now expect to complete the probe soon,” according to CNN.",
            "Officials now expect to complete the probe soon,",
            speaker="CNN",
            cue="according to",
        ),
        quote_case(
            "reporting_verb_before_its_subject",
            "Said Dorothy Poynter, who grew up with Ali in the neighborhood, “We were all so proud of him.”",
            "We were all so proud of him.",
            {"Dorothy Poynter": ["Dorothy Poynter"]},
            speaker="Dorothy Poynter",
            cue="Said",
            speaker_name="Dorothy Poynter",
        ),
        quote_case(
            "speaker_described_in_lower_case_before_the_name",
            "“Cruz and Rubio are moving up,” former presidential candidate Herman Cain said.",
            "Cruz and Rubio are moving up,",
            {"Herman Cain": ["Herman Cain"]},
            speaker="former presidential candidate Herman Cain",
            speaker_name="Herman Cain",
        ),
        quote_case(
            "passive_reporting_verb_takes_its_agent_after_the_quote",
            "The group’s approach has been called “strategic ambiguity” by Joshua Hendrick, a professor.",
            "strategic ambiguity",
            {"Joshua Hendrick": ["Joshua Hendrick"]},
            speaker="Joshua Hendrick",
            cue="called",
            speaker_name="Joshua Hendrick",
        ),
        quote_case(
            "any_past_tense_verb_after_a_quote_ending_on_a_comma_attributes_it",
            "Trump spoke in Normandy.\n\n“France will always be France,” an angry Hollande retaliated.",
            "France will always be France,",
            {"François Hollande": ["Hollande"]},
            speaker="an angry Hollande",
            cue="retaliated",
            speaker_name="François Hollande",
        ),
        quote_case(
            "partial_quote_in_a_sentence_ending_on_its_attribution",
            (
                "The primary went on.\n\nSanders “has a right to contest every primary,” just as Clinton did in 2008, "
                "Rendell added."
            ),
            "has a right to contest every primary,",
            {"Ed Rendell": ["Rendell"], "Bernie Sanders": ["Sanders"]},
            kind="partial",
            speaker="Rendell",
            cue="added",
            speaker_name="Ed Rendell",
        ),
        quote_case(
            "possessive_speaker_after_the_quote_and_noun_forms_of_point",
            (
                "The bunkers never came.\n\nThe paranoia remained but found other points of focus. "
                "“We live in Satan’s kingdom,” my father often said."
            ),
            "We live in Satan’s kingdom,",
            speaker="my father",
            cue="said",
        ),
        quote_case(
            "as_x_put_it_after_a_quote_names_x",
            'Most applicants must show a "lawful source of investment income," as a Homeland Security memo put it.',
            "lawful source of investment income,",
            speaker="a Homeland Security memo",
            cue="put it",
        ),
        # not `spoke` with speaker "on"
        quote_case(
            "an_inverted_verb_needs_a_speaker_after_it",
            "Ivana Trump's lawyers, who dismissed the reports as “old allegations,” spoke on Friday.",
            "old allegations,",
            speaker="who",
            cue="dismissed",
        ),
        # PolNeAR dev: the appositive next to the verb was taken for the speaker, resolved to "Oklahoma"
        quote_case(
            "a_name_with_two_appositives_speaks_not_the_second_one",
            (
                "“It is an invasion of the state regulatory domain,” Scott Pruitt, the Republican attorney general of "
                "Oklahoma, one of the states suing the EPA, said at a Washington event this month."
            ),
            "It is an invasion of the state regulatory domain,",
            {"Scott Pruitt": ["Scott Pruitt"], "Oklahoma": ["Oklahoma"]},
            {"Oklahoma": "GPE"},
            speaker="Scott Pruitt",
            cue="said",
            speaker_name="Scott Pruitt",
        ),
        quote_case(
            "a_name_with_two_appositives_speaks_not_the_second_one-2",
            (
                "Jean-Marc Ayrault, the foreign minister of France, a permanent member of the Security Council, said "
                "North Korea's latest “provocation cannot be left without consequences.”"
            ),
            "provocation cannot be left without consequences.",
            {"Jean-Marc Ayrault": ["Jean-Marc Ayrault"], "France": ["France"]},
            {"France": "GPE"},
            speaker="Jean-Marc Ayrault",
            cue="said",
            speaker_name="Jean-Marc Ayrault",
        ),
        # BBC bodies have no title line: their first paragraph is body text, where the words before a
        # colon may be a whole clause whose verb's subject speaks
        quote_case(
            "a_first_paragraph_clause_before_a_colon_is_not_a_headline_label",
            'Mourinho had his say on that game, complaining: "Five-four is a hockey score."',
            "Five-four is a hockey score.",
            {"Jose Mourinho": ["Mourinho"]},
            speaker="Mourinho",
            cue="complaining",
            speaker_name="Jose Mourinho",
        ),
        quote_case(
            "colon_introduces_the_sentence_subjects_words_whatever_the_verb",
            "Ohio debated the law.\n\nAfter Obama left, Kasich resisted: “Ohio governors do not have that power.”",
            "Ohio governors do not have that power.",
            {"John Kasich": ["Kasich"], "Barack Obama": ["Obama"]},
            speaker="Kasich",
            speaker_name="John Kasich",
        ),
        # BBC match previews list each manager's words so; the quotes went to the clubs
        quote_case(
            "a_body_and_a_role_before_a_name_and_colon_introduce_a_quote",
            'Blackburn face Burnley on Tuesday.\n\n- Blackburn boss Mark Hughes: "Burnley are resolute."',
            "Burnley are resolute.",
            {"Mark Hughes": ["Mark Hughes"], "Blackburn": ["Blackburn"]},
            {"Blackburn": "ORG"},
            speaker="Blackburn boss Mark Hughes",
            speaker_name="Mark Hughes",
        ),
        # `X on Y: ‘…’` is X speaking about Y (the whole label was the speaker, resolved to `Hillary Releasing`)
        quote_case(
            "a_headline_labels_topic_is_not_part_of_its_speaker",
            (
                "Gillibrand on Hillary Releasing Her Goldman Sachs Speech Transcripts: ‘I Think She Will.’\n\n"
                "Sen. Kirsten Gillibrand spoke about Hillary Clinton on Thursday."
            ),
            "I Think She Will.",
            {
                "Kirsten Gillibrand": ["Kirsten Gillibrand", "Gillibrand"],
                "Hillary Clinton": ["Hillary Clinton"],
                "Hillary Releasing": ["Hillary Releasing"],
            },
            speaker="Gillibrand",
            speaker_name="Kirsten Gillibrand",
        ),
        quote_case(
            "attribution_on_a_dash_line_after_the_quotes_paragraph",
            "Our fact check.\n\n“Boeing and GE pay zero taxes.”\n\n- Bernie Sanders.\n\nThis is a complex issue.",
            "Boeing and GE pay zero taxes.",
            {"Bernie Sanders": ["Bernie Sanders"]},
            speaker="Bernie Sanders",
            speaker_name="Bernie Sanders",
        ),
        quote_case(
            "a_surname_ending_in_ly_is_not_an_adverb",
            (
                "Kelly on Opus Dei\n\nEducation Secretary Ruth Kelly spoke on Monday.\n\n"
                'Asked if she was a member of the group, Ms Kelly said: "I do have spiritual support from Opus Dei."'
            ),
            "I do have spiritual support from Opus Dei.",
            KELLY,
            speaker="Ms Kelly",
            speaker_name="Ruth Kelly",
        ),
        quote_case(
            "a_surname_ending_in_ly_is_not_an_adverb-2",
            'Kelly on Opus Dei\n\n"It is a private matter," Education Secretary Ruth Kelly said.',
            "It is a private matter,",
            KELLY,
            speaker="Education Secretary Ruth Kelly",
            speaker_name="Ruth Kelly",
        ),
        # a lower-case adverb there is still one
        quote_case(
            "a_surname_ending_in_ly_is_not_an_adverb-3",
            'Kelly on Opus Dei\n\n"It is private," Ms Kelly firmly said.',
            "It is private,",
            KELLY,
            speaker="Ms Kelly",
        ),
    ],
)
def test_the_speaker_written_next_to_a_quote(body, text, people, labels, want):
    check_quote(body, text, people, labels, want)


def test_speaker_before_quote_with_comma_and_colon():
    body = (
        "Donald Trump met reporters.\n\nWhen asked about concessions, Trump stated, “We will discuss land.”"
        "\n\nLater Trump said: “It is going well.”"
    )
    df = _run(body, TRUMP)
    for text in ["We will discuss land.", "It is going well."]:
        q = _one(df, text)
        assert q["speaker"] == "Trump" and q["speaker_name"] == "Donald Trump" and q["kind"] == "direct"
    assert _one(df, "It is going well.")["cue"] == "said"


def test_appositive_speaker():
    body = "“The talks failed,” Marco Rubio, the secretary of state, said on Tuesday."
    q = _one(_run(body, {"Marco Rubio": ["Marco Rubio"]}), "The talks failed,")
    assert q["speaker_name"] == "Marco Rubio" and q["cue"] == "said"
    assert q["speaker"].startswith("Marco Rubio")


@pytest.mark.skipif(not SEED.exists(), reason="sample seed article missing")
def test_sample_article_speakers():
    body = SEED.read_text(encoding="utf-8")
    people = {
        "Donald Trump": ["Donald Trump", "President Trump", "Trump"],
        "Volodymyr Zelensky": ["Volodymyr Zelensky", "Zelensky"],
        "Emmanuel Macron": ["Emmanuel Macron", "Macron"],
        "David Lammy": ["David Lammy", "Lammy"],
        "Karoline Leavitt": ["Karoline Leavitt", "Leavitt"],
        "Vladimir Putin": ["Vladimir Putin", "President Putin", "Putin"],
    }
    df = _run(body, people)
    by_text = {r["text"][:25]: r for r in df.to_dicts()}
    want = {
        "We know that every week, ": ("Trump", "Donald Trump", "direct"),
        "We are going to try to ne": ("Trump", "Donald Trump", "direct"),
        "Every day this war contin": ("Zelensky", "Volodymyr Zelensky", "direct"),
        "Enough deaths. Enough des": ("Macron", "Emmanuel Macron", "direct"),
        "full and unconditional ce": ("Lammy", "David Lammy", "partial"),
        "We will discuss land, pow": ("Trump", "Donald Trump", "direct"),
        "options": ("He", "David Lammy", "partial"),
        "clear commitments": ("Macron", "Emmanuel Macron", "partial"),
    }
    for key, (speaker, name, kind) in want.items():
        q = by_text[key]
        assert speaker in q["speaker"] and q["speaker_name"] == name and q["kind"] == kind, q


def test_name_and_colon_introduce_a_quote():
    body = "The surge does not surprise Republican pollster Daron Shaw: “Outsiders often rise early.”"
    q = _one(_run(body, {"Daron Shaw": ["Daron Shaw"]}), "Outsiders often rise early.")
    assert q["speaker"].endswith("Daron Shaw") and q["speaker_name"] == "Daron Shaw"
    assert body[q["speaker_start"] : q["speaker_end"]] == q["speaker"]


def test_uncued_quote_goes_to_the_person_named_in_its_sentence_not_a_possessor():
    people = {"Bernie Sanders": ["Bernie Sanders"], "Jane Sanders": ["Jane Sanders"]}
    body = (
        "Sanders held a rally in Iowa.\n\n"
        "At the rally, Bernie Sanders turned to the crowd: “We can win this.”\n\n"
        "Later Bernie Sanders’s wife turned to the crowd: “Go and vote.”"
    )
    df = _run(body, people)
    q = _one(df, "We can win this.")
    assert (q["speaker"], q["speaker_name"]) == ("Bernie Sanders", "Bernie Sanders")
    assert _one(df, "Go and vote.")["speaker"] is None


def test_writers_clause_after_a_quote_is_not_a_speaker():
    body = "Donald Trump called it “a disgrace,” when Trump said it again on Friday."
    q = _one(_run(body, TRUMP), "a disgrace,")
    assert q["speaker"] is None or not q["speaker"].startswith("when")


def test_sentence_running_on_after_the_quote_ends_on_its_attribution():
    body = (
        "Clinton leads in the polls.\n\n"
        "“We’re extremely happy” about the decision, said RoseAnn DeMoro, the union’s director.\n\n"
        "“There’s a sense of stability now,” and donations began to pick up again, Gilbert said."
    )
    df = _run(body, {"RoseAnn DeMoro": ["RoseAnn DeMoro"]})
    q = _one(df, "We’re extremely happy")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("RoseAnn DeMoro", "said", "RoseAnn DeMoro")
    q = _one(df, "There’s a sense of stability now,")
    assert (q["speaker"], q["cue"]) == ("Gilbert", "said")
    assert body[q["speaker_start"] : q["speaker_end"]] == "Gilbert"


def test_headline_in_title_case_and_headline_label_give_the_speaker():
    people = {"Chris Christie": ["Chris Christie", "Christie"], "Joe Scarborough": ["Joe Scarborough"]}
    df = _run("Chris Christie Calls Hillary Clinton ‘A Disgrace’ Over Comments\n\nChristie spoke on Monday.", people)
    q = _one(df, "A Disgrace")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Chris Christie", "Calls", "Chris Christie")
    df = _run("Joe Scarborough: Trump Playing Dumb Is ‘Disqualifying.’\n\nThe host spoke on Monday.", people)
    assert _one(df, "Disqualifying.")["speaker_name"] == "Joe Scarborough"


def test_headline_label_that_names_nobody_is_not_a_speaker():
    df = _run("Exclusive: The Plan Is ‘A Disaster’\n\nVoters spoke on Monday.")
    assert _one(df, "A Disaster")["speaker"] is None
    # the headline's own reporting verb still names its subject (found by the parse)
    df = _run("Exclusive: Voters Call The Plan ‘A Disaster’\n\nVoters spoke on Monday.")
    assert _one(df, "A Disaster")["speaker"] == "Voters"


def test_transcript_label_inside_the_marks_is_the_speaker():
    people = {"Mike Pence": ["Mike Pence", "Pence"], "Chris Wallace": ["Chris Wallace", "Wallace"]}
    body = (
        "Mike Pence spoke to Chris Wallace on Sunday. Partial transcript as follows:\n\n"
        '"WALLACE: Will she be there tomorrow night?\n\n'
        '"PENCE: Well, look, she will not be attending the debate.\n\n'
        '"VIDEO: A clip of the rally plays.'
    )
    df = _run(body, people)
    q = _one(df, "PENCE: Well, look, she will not be attending the debate.")
    assert (q["speaker"], q["speaker_name"]) == ("PENCE", "Mike Pence")
    assert _one(df, "WALLACE: Will she be there tomorrow night?")["speaker_name"] == "Chris Wallace"
    assert _one(df, "VIDEO: A clip of the rally plays.")["speaker"] != "VIDEO"


def test_colon_after_a_reporting_clause_is_not_a_name_label():
    body = "Ted Cruz spoke on Friday.\n\nHe was critical of the plan, telling Breitbart London: “The plan is typical.”"
    q = _one(_run(body, {"Ted Cruz": ["Ted Cruz"]}), "The plan is typical.")
    assert q["speaker"] != "telling Breitbart London"


def test_name_before_a_colon_is_a_label_only_when_it_stands_alone():
    body = (
        "Trump attacked his rivals.\n\nSenate Majority Leader Mitch McConnell delivered a blunt message to Trump: "
        "“It is time to quit attacking people.”\n\nPOLLS DIFFER - Republican pollster Daron Shaw: “Polls were off.”"
    )
    df = _run(body, {"Mitch McConnell": ["Mitch McConnell"], "Donald Trump": ["Trump"], "Daron Shaw": ["Daron Shaw"]})
    assert _one(df, "It is time to quit attacking people.")["speaker_name"] == "Mitch McConnell"
    assert _one(df, "Polls were off.")["speaker_name"] == "Daron Shaw"


def test_a_generic_you_inside_a_quote_is_not_its_speaker():
    body = (
        "“The problem is that when you start calling these groups ‘Islamic terrorists,’ the way it is heard "
        "abroad changes,” he said."
    )
    df = _run(body)
    assert df["speaker"].to_list() == ["he"]


def test_according_to_at_the_end_of_a_sentence_sources_its_quotes():
    body = (
        "As a reality TV boss on “The Apprentice,” Donald Trump repeatedly demeaned women with sexist language, "
        "according to show insiders.\n\nVoting is allowed by proxy, but not “to fill a vacancy on the ticket,” per the "
        "party’s bylaws."
    )
    q = _one(_run(body, {"Donald Trump": ["Donald Trump"]}), "The Apprentice,")
    assert (q["speaker"], q["cue"]) == ("show insiders", "according to")
    assert body[q["speaker_start"] : q["speaker_end"]] == "show insiders"
    q = _one(_run(body), "to fill a vacancy on the ticket,")
    assert (q["speaker"], q["cue"]) == ("the party’s bylaws", "according to")
    # a reporting verb of the sentence's own still wins
    body = "Trump called the plan “a disaster” on Monday, according to CNN."
    assert _one(_run(body, TRUMP), "a disaster")["speaker"] == "Trump"


def test_a_byline_dash_after_a_quote_names_its_speaker_without_the_full_stop():
    people = {"Carla Sanchez": ["Carla Sanchez"], "Martin Luther King Jr.": ["Martin Luther King Jr."]}
    body = (
        "Voices\n\n“Trump must stop portraying Latinos as gangsters.” ― Carla Sanchez.\n\n"
        "“The time is always right to do what is right.” ― Martin Luther King Jr."
    )
    df = _run(body, people)
    q = _one(df, "Trump must stop portraying Latinos as gangsters.")
    assert (q["speaker"], q["speaker_name"]) == ("Carla Sanchez", "Carla Sanchez")
    assert body[q["speaker_start"] : q["speaker_end"]] == "Carla Sanchez"
    assert _one(df, "The time is always right to do what is right.")["speaker"] == "Martin Luther King Jr."


def test_a_headline_subject_before_a_stance_verb_speaks_though_it_names_no_one():
    body = (
        "Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’\n\n"
        "WASHINGTON ― Members of the Congressional Black Caucus spoke on Friday."
    )
    q = _one(_run(body, TRUMP), "Disgusting Fraud.")
    assert (q["speaker"], q["cue"]) == ("Black Lawmakers", "Rip")
    # a first paragraph in sentence case is no headline: `But` is no speaker
    body = (
        "A UKIP MEP suggested Germany saw the EU as an empire. But challenged on the remark, he denied "
        'accusing Germany of using the EU as cover for a "4th German Reich". He says he was not bashing.'
    )
    assert _one(_run(body), "4th German Reich")["speaker"] != "But"


def test_a_time_adverb_after_an_inverted_speaker_is_not_part_of_it():
    body = (
        "Rafael Nadal beat Roger Federer in Miami.\n\n“I played my best tennis,” said Nadal afterwards.\n\n"
        "“He was too good today,” said Federer yesterday."
    )
    df = _run(body, {"Rafael Nadal": ["Rafael Nadal", "Nadal"], "Roger Federer": ["Roger Federer", "Federer"]})
    for text, written, name in [
        ("I played my best tennis,", "Nadal", "Rafael Nadal"),
        ("He was too good today,", "Federer", "Roger Federer"),
    ]:
        q = _one(df, text)
        assert (q["speaker"], q["cue"], q["speaker_name"]) == (written, "said", name)
        assert body[q["speaker_start"] : q["speaker_end"]] == written


def test_accented_and_decomposed_names_are_speakers():
    # the patterns read letters as Latin-script classes (transforms/latin.py): Latin-1, Extended-A,
    # Extended Additional and combining accents are all letters of a name. No mentions are given,
    # so the patterns alone find these speakers.
    body = (
        "The talks went on.\n\n“We were the better side,” Ólafur Arnalds said.\n\n"
        "Šefčovič told reporters: “The deal is close.”\n\n“Trade will grow,” said Đặng Thị Ngọc Thịnh.\n\n"
        "“I sang it twice,” Rene\u0301e Fleming said.\n\n“Not yet,” Łukasz Piszczek added."
    )
    df = _run(body)
    for text, written in [
        ("We were the better side,", "Ólafur Arnalds"),
        ("The deal is close.", "Šefčovič"),
        ("Trade will grow,", "Đặng Thị Ngọc Thịnh"),
        ("I sang it twice,", "Rene\u0301e Fleming"),
        ("Not yet,", "Łukasz Piszczek"),
    ]:
        q = _one(df, text)
        assert q["speaker"] == written and body[q["speaker_start"] : q["speaker_end"]] == written


def test_latin_classes_agree_with_unicode_ones_on_latin_letters():
    from transforms.latin import latin

    chars = pl.Series([chr(c) for c in [*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00)]])
    for cls in (r"\w", r"\W", r"\p{L}", r"\p{Ll}"):
        unicode_, narrowed = chars.str.contains(f"^{cls}$"), chars.str.contains(latin(f"^{cls}$"))
        if cls == r"\p{Ll}":  # the extended blocks count both cases as lower (and as upper)
            assert (narrowed | ~unicode_).all()
            unicode_, narrowed = unicode_.head(0x100 - 0x20), narrowed.head(0x100 - 0x20)
        assert (unicode_ == narrowed).all(), chars.filter(unicode_ != narrowed).to_list()
    upper = chars.str.contains(latin(r"^\p{Lu}$"))
    assert (upper | ~chars.str.contains(r"^\p{Lu}$")).all()
    assert (upper.head(0x100 - 0x20) == chars.head(0x100 - 0x20).str.contains(r"^\p{Lu}$")).all()
    # a class inside a class, and an escaped backslash left alone
    assert pl.Series(["Ž’x", r"\w"]).str.contains(latin(r"^[\w’]+$")).to_list() == [True, False]
    assert latin(r"\\w") == r"\\w"
