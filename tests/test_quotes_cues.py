"""Cues: which words report speech (verbs, stances), and quotes no reporting verb governs, which have no speaker."""

from __future__ import annotations

import pytest

from tests.quote_helpers import TRUMP, _one, _run, check_quote, quote_case
from transforms.speakers import CUE_WORDS

LESS_COMMON = "“Donald Trump is not a racist, guys,” LeVell assured the crowd.\n\n“We lost,” Verley remembered."
DOUBLED = "“I was a little nervous,” Tarar admitted. “We concede nothing,” Khan concurred."


@pytest.mark.parametrize(
    ("body", "text", "people", "labels", "want"),
    [
        quote_case(
            "what_they_call_links_a_partial_quote_to_its_subject",
            "Clinton’s aides are contrasting her plan with what they call Trump’s “self-centered message.”",
            "self-centered message.",
            TRUMP,
            speaker="they",
            cue="call",
        ),
        quote_case("less_common_reporting_verbs", LESS_COMMON, "Donald Trump is not a racist, guys,", cue="assured"),
        quote_case("less_common_reporting_verbs-2", LESS_COMMON, "We lost,", cue="remembered"),
        quote_case("doubled_consonant_reporting_verbs", DOUBLED, "I was a little nervous,", cue="admitted"),
        quote_case("doubled_consonant_reporting_verbs-2", DOUBLED, "We concede nothing,", cue="concurred"),
        quote_case(
            "stance_verb_links_the_sentence_subject_to_a_partial_quote",
            "The story spread.\n\nCampaign chair Paul Manafort dismissed the whole kerfuffle as “absurd.”",
            "absurd.",
            {"Paul Manafort": ["Paul Manafort"]},
            kind="partial",
            speaker="Paul Manafort",
            cue="dismissed",
            speaker_name="Paul Manafort",
        ),
        quote_case(
            "partial_quote_linked_by_a_stance_verb_takes_the_subject",
            "Donald Trump spoke in Ohio.\n\nHe implied the judge was biased and “hostile” to his case.",
            "hostile",
            TRUMP,
            kind="partial",
            speaker="He",
            speaker_name="Donald Trump",
        ),
        quote_case(
            "progressive_reporting_verb_is_finite_and_drops_the_contraction",
            "Trump spoke in Ohio.\n\nHe’s claiming that fraud is “a big, big problem in this country.”",
            "a big, big problem in this country.",
            TRUMP,
            speaker="He",
            cue="claiming",
            speaker_name="Donald Trump",
        ),
        quote_case(
            "noun_forms_of_reporting_verbs_are_not_cues",
            (
                "Fiorina spoke.\n\nThe former secretary of state will play the “woman card,” Fiorina said, adding that "
                "the way to beat it “is to attack her record.”"
            ),
            "is to attack her record.",
            {"Carly Fiorina": ["Fiorina"]},
            speaker="Fiorina",
            speaker_name="Carly Fiorina",
        ),
        quote_case(
            "labelled_in_british_spelling_is_a_reporting_verb",
            (
                "Casinos\n\nLabour backbencher Stephen Pound labelled casino-related regeneration schemes "
                '"a pile of pants".'
            ),
            "a pile of pants",
            {"Stephen Pound": ["Stephen Pound"]},
            speaker="Stephen Pound",
            cue="labelled",
            speaker_name="Stephen Pound",
        ),
        # with an object between the verb and the quote, `called` reports
        quote_case(
            "a_participle_naming_a_thing_is_not_its_speaker-2",
            'A spokesman called the remarks "outrageous" on Monday.',
            "outrageous",
            speaker="A spokesman",
            cue="called",
        ),
        quote_case(
            "a_subject_holding_the_quote_is_not_its_speaker_and_term_is_a_noun-2",
            (
                "Andy Martin sues\n\nAndy Martin filed a suit.\n\nMartin argues that since the term “natural born "
                "Citizen” is not defined in the document, the meaning of the term at the time of its writing should "
                "apply."
            ),
            "natural born Citizen",
            {"Andy Martin": ["Andy Martin", "Martin"]},
            speaker="Martin",
            cue="argues",
            speaker_name="Andy Martin",
        ),
    ],
)
def test_a_reporting_or_stance_verb_is_the_cue(body, text, people, labels, want):
    check_quote(body, text, people, labels, want)


@pytest.mark.parametrize(
    ("body", "text", "people", "labels", "want"),
    [
        quote_case(
            "scare_quote_without_reporting_verb_has_no_speaker",
            "The so-called “peace plan” collapsed within a week.",
            "peace plan",
            kind="partial",
            speaker=None,
            speaker_name=None,
        ),
        quote_case(
            "scare_quote_after_a_name_without_reporting_verb_has_no_speaker",
            "In Kyiv, Donald Trump’s “peace plan” collapsed within a week.",
            "peace plan",
            TRUMP,
            kind="partial",
            speaker=None,
        ),
        quote_case(
            "scare_quote_in_a_descriptive_sentence_has_no_speaker",
            "The rally ended.\n\nThe crowd filled the “Trump Arena” until midnight.",
            "Trump Arena",
            speaker=None,
        ),
        quote_case(
            "partial_quote_with_a_named_subject_but_no_reporting_verb_has_no_speaker",
            "Donald Trump visited the “peace garden” on Monday.",
            "peace garden",
            TRUMP,
            kind="partial",
            speaker=None,
            speaker_name=None,
        ),
        # "so-called" holds no reporting verb
        quote_case(
            "partial_quote_with_a_named_subject_but_no_reporting_verb_has_no_speaker-2",
            "Donald Trump visited the so-called “peace garden” on Monday.",
            "peace garden",
            TRUMP,
            kind="partial",
            speaker=None,
            speaker_name=None,
        ),
        quote_case(
            "partial_quote_with_a_named_subject_but_no_reporting_verb_has_no_speaker-3",
            "Donald Trump joined the crowd in a chant of “lock her up” at the rally.",
            "lock her up",
            TRUMP,
            kind="partial",
            speaker=None,
            speaker_name=None,
        ),
        quote_case(
            "subject_of_a_passive_reporting_verb_is_not_the_speaker",
            "The budget came out.\n\nHer plan was widely ridiculed as “a fantasy.”",
            "a fantasy.",
            speaker=None,
        ),
        # `I’m always reminded of`: the subject is reminded, it reports no words (with `reminded` a
        # reporting verb and only `is`, `was` … as passive auxiliaries, the speaker was the fragment `I’m`)
        quote_case(
            "a_contracted_am_makes_the_verb_passive",
            'When I see such bigotry, I’m always reminded of "what if my family were in that situation?"',
            "what if my family were in that situation?",
            speaker=None,
        ),
        # a list of charges with the subject left out: the parser takes the object for the subject
        quote_case(
            "a_verb_opening_its_sentence_has_no_subject_after_it",
            'Why not Trump\n\nCalls men derogatory names, like "pigs," and operates male beauty pageants.',
            "pigs,",
            speaker=None,
            cue=None,
        ),
        quote_case(
            "a_participle_naming_a_thing_is_not_its_speaker",
            'The format bundles code, textures and sounds to form a thing called "mod" that users install.',
            "mod",
            speaker=None,
        ),
        quote_case(
            "a_subject_holding_the_quote_is_not_its_speaker_and_term_is_a_noun",
            (
                "WHO declares a pandemic\n\nAlthough the word “pandemic” only refers to how widely a disease has "
                "spread, the declaration caused alarm."
            ),
            "pandemic",
            speaker=None,
            cue=None,
        ),
    ],
)
def test_a_quote_no_reporting_verb_governs_has_no_speaker(body, text, people, labels, want):
    check_quote(body, text, people, labels, want)


def test_partial_quote_linked_by_reporting_verb():
    body = "In the UK, Foreign Secretary David Lammy demanded that Putin accept a “full and unconditional ceasefire.”"
    q = _one(_run(body, {"David Lammy": ["David Lammy"]}), "full and unconditional ceasefire.")
    assert q["kind"] == "partial" and q["cue"] == "demanded"
    assert "Lammy" in q["speaker"] and q["speaker_name"] == "David Lammy"


def test_partial_quote_runs_on_without_speaker_after_it():
    body = "Donald Trump went on to promote “Celebrity Apprentice” Trump said was a hit."
    q = _one(_run(body, TRUMP), "Celebrity Apprentice")
    assert q["kind"] == "partial" and q["speaker"] != "Trump said was a hit"


def test_cue_is_a_reporting_verb_not_the_word_after_the_sentence_subject():
    body = (
        "Leaders condemn the launch\n\n"
        "Other leaders used blunt language to denounce what Prime Minister Malcolm Turnbull called North "
        "Korea’s “reckless, provocative” actions.\n\n"
        "The Clinton campaign, in a Q&A on the controversy, worded it carefully: “Clinton’s practice was to "
        "email officials.”\n\n"
        "Kasich resisted: “I will not go negative.”"
    )
    df = _run(
        body, {"Malcolm Turnbull": ["Malcolm Turnbull"], "Hillary Clinton": ["Clinton"], "John Kasich": ["Kasich"]}
    )
    q = _one(df, "reckless, provocative")
    # (the sentence's first words, `Other leaders`, read as a subject and its verb)
    assert q["speaker_name"] == "Malcolm Turnbull" and q["cue"] in CUE_WORDS
    # no reporting verb in `The Clinton campaign … worded it carefully:` : no cue rather than `campaign`
    assert _one(df, "Clinton’s practice was to email officials.")["cue"] is None
    # a colon makes the sentence's own verb the cue, whatever it is
    assert (_one(df, "I will not go negative.")["speaker_name"], _one(df, "I will not go negative.")["cue"]) == (
        "John Kasich",
        "resisted",
    )


def test_reporting_verb_after_a_determiner_is_a_noun_not_the_speakers_verb():
    body = (
        "Sanders raises money\n\n"
        "Vermont Sen. Bernie Sanders also sent out a fundraising call after the remarks, asking supporters "
        "to “donate $3 to our campaign.”\n\n"
        "During the debate, Cruz made an unprompted call for an end to sugar subsidies, calling them "
        "“corporate welfare.”\n\n"
        # a catenative verb keeps the bare form a verb
        "The email goes on to say: “Trump wants to divide us.”"
    )
    df = _run(body, {"Bernie Sanders": ["Bernie Sanders"], "Ted Cruz": ["Cruz"]})
    q = _one(df, "donate $3 to our campaign.")
    assert (q["speaker_name"], q["cue"]) == ("Bernie Sanders", "asking")
    q = _one(df, "corporate welfare.")
    assert (q["speaker_name"], q["cue"]) == ("Ted Cruz", "calling")
    q = _one(df, "Trump wants to divide us.")
    assert (q["speaker"], q["cue"]) == ("The email", "say")


def test_admiring_or_pounding_someone_as_the_quoted_words_is_a_stance():
    body = (
        "Trump openly admires Russian President Vladimir Putin as a “strong leader,” comparing him favorably to "
        "President Obama.\n\nSenate Minority Leader Harry Reid, in particular, has been steadily pounding Trump "
        "as a “con artist” for months."
    )
    people = {**TRUMP, "Vladimir Putin": ["Vladimir Putin"], "Harry Reid": ["Harry Reid"], "Barack Obama": ["Obama"]}
    df = _run(body, people)
    q = _one(df, "strong leader,")
    assert (q["kind"], q["speaker"], q["cue"], q["speaker_name"]) == ("partial", "Trump", "admires", "Donald Trump")
    q = _one(df, "con artist")
    assert (q["cue"], q["speaker_name"]) == ("pounding", "Harry Reid")


def test_catenative_verb_before_the_reporting_verb_keeps_its_subject():
    body = (
        "The author met the agent.\n\nHe went on to say, “She threw a Bible at an agent.” Later he began by "
        "saying, “I am sorry.”"
    )
    df = _run(body)
    q1 = _one(df, "She threw a Bible at an agent.")
    assert (q1["speaker"], q1["cue"]) == ("He", "say")
    assert (_one(df, "I am sorry.")["speaker"], _one(df, "I am sorry.")["cue"]) == ("he", "saying")
    body2 = "The ruling came down.\n\nHusted continued by saying, “We will appeal this decision.”"
    q = _one(_run(body2, {"Jon Husted": ["Husted"]}), "We will appeal this decision.")
    assert (q["speaker"], q["speaker_name"]) == ("Husted", "Jon Husted")


def test_stance_verbs_rated_and_used_the_phrase_and_compared_to_is_no_speaker():
    df = _run(
        "PolitiFact rated 32% of Republican claims as “false” or “pants on fire,” compared to 11% of Democratic claims."
    )
    assert {(r["text"], r["speaker"], r["cue"]) for r in df.to_dicts()} == {
        ("false", "PolitiFact", "rated"),
        ("pants on fire,", "PolitiFact", "rated"),
    }
    q = _one(_run("Trump has used the phrase “Islamic terrorism” often in his campaign.", TRUMP), "Islamic terrorism")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Trump", "used the phrase", "Donald Trump")


def test_so_called_is_not_a_reporting_verb():
    for mark in ("so called", "so- called"):
        body = f"UK\n\nU.S. companies are the biggest investors in Britain and the {mark} “special relationship” holds."
        q = _one(_run(body), "special relationship")
        assert (q["speaker"], q["cue"]) == (None, None), mark
    q = _one(_run("UK\n\nHe also called the so called “special relationship” a sham."), "special relationship")
    assert (q["speaker"], q["cue"]) == ("He", "called")


def test_verbs_ending_in_y_or_a_hiss_inflect_as_english_does():
    # `decry` is decried (not `decryed`), `stress` stresses (not `stresss`)
    body = 'Clinton decried the GOP for "turning its back" on working families.'
    q = _one(_run(body, {"Hillary Clinton": ["Clinton"]}), "turning its back")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Clinton", "decried", "Hillary Clinton")
    body = 'The mayor stresses that the plan is "only a first step" for the city.'
    q = _one(_run(body), "only a first step")
    assert (q["speaker"], q["cue"]) == ("The mayor", "stresses")
    assert {"clarified", "clarifies", "echoes", "dismisses"} <= set(CUE_WORDS)
    assert not {"decryed", "clarifyed", "stresss", "echos", "slaming"} & set(CUE_WORDS)


def test_complaining_and_boasting_verbs_report():
    body = 'On Monday, Trump groused to a crowd in Georgia that CNN "doesn\'t treat me properly" and left.'
    q = _one(_run(body, {"Donald Trump": ["Trump"]}), "doesn't treat me properly")
    assert (q["speaker"], q["cue"]) == ("Trump", "groused")
    body = 'The chairman bragged that sales were "better than ever" this year.'
    q = _one(_run(body), "better than ever")
    assert (q["speaker"], q["cue"]) == ("The chairman", "bragged")
    # a noun more often than a verb in the present: only the past reports (`his rants`, `a mention`)
    assert {"ranted", "mentioned", "griped"} <= set(CUE_WORDS) and not {"rants", "mention", "gripes"} & set(CUE_WORDS)


def test_a_singer_sings_the_words_quoted():
    # (with no `sings` among the reporting verbs the speaker was `Blige sings to Clinton before`, the
    # cue `asking`, and the words resolved to Hillary Clinton)
    body = (
        "Mary J. Blige Sings to Hillary Clinton\n\nIn a preview clip, Mary J. Blige sings to Hillary Clinton.\n\n"
        "“Promise mama you’ll keep your hands in sight,” Blige sings to Clinton before asking her, "
        "“I just want to know, where do we go from here?”"
    )
    df = _run(body, {"Mary J. Blige": ["Mary J. Blige", "Blige"], "Hillary Clinton": ["Hillary Clinton", "Clinton"]})
    for text in ["Promise mama you’ll keep your hands in sight,", "I just want to know, where do we go from here?"]:
        q = _one(df, text)
        assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Blige", "sings", "Mary J. Blige")
