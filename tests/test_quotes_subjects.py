"""The sentence subject of a reporting verb away from the quote: opening phrases, appositives, participles."""

from __future__ import annotations

import pytest

from tests.quote_helpers import TRUMP, _one, _run, check_quote, quote_case


@pytest.mark.parametrize(
    ("body", "text", "people", "labels", "want"),
    [
        quote_case(
            "participle_cue_goes_to_sentence_subject",
            "Donald Trump attacked Clinton in Ohio on Monday, saying, “She is trigger-happy.”",
            "She is trigger-happy.",
            {**TRUMP, "Hillary Clinton": ["Clinton"]},
            speaker_name="Donald Trump",
            cue="saying",
        ),
        quote_case(
            "possessor_before_a_noun_like_cue_is_not_the_speaker",
            "Last year, Ryan played down Trump's comments as “just part of the primary campaign” in a memo.",
            "just part of the primary campaign",
            {"Paul Ryan": ["Ryan"], "Donald Trump": ["Trump"]},
            speaker="Ryan",
            speaker_name="Paul Ryan",
        ),
        quote_case(
            "possessor_of_a_claim_that_introduces_the_quote_is_the_speaker",
            "Politifact checked Trump’s claim that there have been “thousands of shootings” in Chicago.",
            "thousands of shootings",
            {"Donald Trump": ["Trump"]},
            speaker_name="Donald Trump",
        ),
        quote_case(
            "opening_subordinate_clause_does_not_give_the_partial_quotes_speaker",
            "While not everything Trump says is true, Jamieson said Trump is “telling his supporters what they want.”",
            "telling his supporters what they want.",
            {"Kathleen Hall Jamieson": ["Jamieson"], "Donald Trump": ["Trump"]},
            speaker="Jamieson",
            cue="said",
            speaker_name="Kathleen Hall Jamieson",
        ),
        quote_case(
            "coordinated_reporting_verb_shares_the_sentences_subject",
            (
                "Eight years ago, Sharpton supported Barack Obama over Clinton and said, "
                "“Clinton has never done a thing for us.”"
            ),
            "Clinton has never done a thing for us.",
            {"Al Sharpton": ["Sharpton"], "Barack Obama": ["Barack Obama"]},
            speaker="Sharpton",
            cue="said",
            speaker_name="Al Sharpton",
        ),
        quote_case(
            "sentence_opening_that_names_no_one_gives_way_to_the_named_person",
            "Trump attacked Carson.\n\nWhat do you make of Carson privately saying “pray for him” after the debate?",
            "pray for him",
            {"Ben Carson": ["Carson"], "Donald Trump": ["Trump"]},
            speaker="Carson",
            speaker_name="Ben Carson",
        ),
        quote_case(
            "time_or_place_phrase_between_subject_and_verb_is_skipped",
            "Trump at the time said he had asked his staff to “look into” paying the fees.",
            "look into",
            TRUMP,
            speaker="Trump",
            cue="said",
            speaker_name="Donald Trump",
        ),
        quote_case(
            "bare_it_before_a_reporting_verb_is_the_speaker",
            "The company released a statement on Friday. It added, “We want no part in the listing.”",
            "We want no part in the listing.",
            speaker="It",
            cue="added",
        ),
        quote_case(
            "a_long_opening_phrase_does_not_hide_the_subject_before_a_colon",
            (
                "With Democratic leaders increasingly worried about a lack of passion for Hillary Clinton among young "
                "black voters, President Obama is rolling out a new and more personal campaign message: "
                '"It\'s about me."'
            ),
            "It's about me.",
            {"Barack Obama": ["President Obama"], "Hillary Clinton": ["Hillary Clinton"]},
            speaker="President Obama",
            speaker_name="Barack Obama",
        ),
        quote_case(
            "sentence_subject_with_an_appositive_before_its_verb",
            (
                "The rules were debated.\n\nAnother critic, Laurence Tribe, a law professor, likened the rules to "
                "“burning the Constitution.”"
            ),
            "burning the Constitution.",
            {"Laurence Tribe": ["Laurence Tribe"]},
            speaker="Laurence Tribe",
            cue="likened",
            speaker_name="Laurence Tribe",
        ),
        quote_case(
            "participle_after_an_opening_adverb_takes_the_subject",
            "Trump attacked Romney.\n\nThen he cut into Bush, calling him a “stiff” at the rally.",
            "stiff",
            TRUMP,
            speaker="he",
            cue="calling",
            speaker_name="Donald Trump",
        ),
        quote_case(
            "adverb_between_a_coordinated_verb_and_its_subject",
            (
                "The video is hard to watch.\n\nShe then urges her husband to come out of the car and repeatedly says, "
                "“Don’t you do it,” until shots are heard."
            ),
            "Don’t you do it,",
            speaker="She",
            cue="says",
        ),
        quote_case(
            "an_opening_prepositional_phrase_is_not_the_subject",
            'In a Facebook message posted Friday, Cruz said he has had "areas of significant disagreement" with Trump.',
            "areas of significant disagreement",
            {"Ted Cruz": ["Ted Cruz", "Cruz"]},
            speaker="Cruz",
            cue="said",
            speaker_name="Ted Cruz",
        ),
        quote_case(
            "a_conjunction_before_the_subject_is_not_part_of_the_speaker",
            (
                'By-election\n\nAnalyst Kevin Bonham called it "Australia\'s most boring by-election", however Bonham '
                "noted the size of the swing."
            ),
            "Australia's most boring by-election",
            {"Kevin Bonham": ["Kevin Bonham", "Bonham"]},
            speaker="Bonham",
            cue="noted",
            speaker_name="Kevin Bonham",
        ),
        quote_case(
            "a_time_after_the_subject_is_not_part_of_the_speaker",
            (
                "Clinton and Sanders\n\nThe potential inflection point has Clinton and Sanders agitated.\n\n"
                "After spending the past week bickering over whether the other is “qualified” to be president, "
                "Clinton on Monday ripped into Sanders for a range of policy positions."
            ),
            "qualified",
            {"Hillary Clinton": ["Clinton"], "Bernie Sanders": ["Sanders"]},
            speaker="Clinton",
            cue="ripped",
            speaker_name="Hillary Clinton",
        ),
        quote_case(
            "meanwhile_and_afterwards_between_subject_and_verb_are_not_the_speaker",
            'Rafael Nadal won in four sets.\n\n"I think it will help," Nadal afterwards said.',
            "I think it will help,",
            {"Rafael Nadal": ["Rafael Nadal", "Nadal"]},
            speaker="Nadal",
            speaker_name="Rafael Nadal",
        ),
        quote_case(
            "meanwhile_and_afterwards_between_subject_and_verb_are_not_the_speaker-2",
            (
                "Foreign Secretary Jack Straw spoke in Brussels on Monday.\n\n"
                'The foreign secretary meanwhile said the "justice" of the rebate remained.'
            ),
            "justice",
            {"Jack Straw": ["Foreign Secretary Jack Straw", "Mr Straw"]},
            speaker="The foreign secretary",
            cue="said",
            speaker_name="Jack Straw",
        ),
        # `it has been claimed`: an impersonal passive names no speaker
        quote_case(
            "a_passive_or_perfect_auxiliary_is_not_part_of_the_speaker",
            (
                'The minister\'s remark that it was fine to get drunk "once in a while" has diverted attention, '
                "it has been claimed."
            ),
            "once in a while",
            speaker=None,
        ),
        # `The Tories have already accused`: the auxiliary is cut off the subject
        quote_case(
            "a_passive_or_perfect_auxiliary_is_not_part_of_the_speaker-2",
            (
                "The Tories have already accused the prime minister and his chancellor of behaving like "
                '"schoolboys squabbling in a playground".'
            ),
            "schoolboys squabbling in a playground",
            {"Tories": ["Tories"]},
            {"Tories": "ORG"},
            speaker="The Tories",
            cue="accused",
        ),
        # `according to X is “…”`: the verb after the source is not part of it
        quote_case(
            "a_passive_or_perfect_auxiliary_is_not_part_of_the_speaker-3",
            'The market for such devices, according to Gartner analyst Carolina Milanesi is "seldom strong".',
            "seldom strong",
            {"Carolina Milanesi": ["Carolina Milanesi"]},
            speaker="Gartner analyst Carolina Milanesi",
            cue="according to",
            speaker_name="Carolina Milanesi",
        ),
    ],
)
def test_the_subject_of_the_reporting_verb_speaks(body, text, people, labels, want):
    check_quote(body, text, people, labels, want)


def test_a_participle_with_a_name_of_its_own_is_that_name_s():
    # an absolute `with` clause or a recording names who speaks; the sentence's subject does not
    people = {
        "Charles Kennedy": ["Charles Kennedy", "Mr Kennedy"],
        "Donald Trump": ["Donald Trump", "Trump"],
        "Lib Dems": ["Lib Dems"],
    }
    body = (
        "Charles Kennedy spoke on Monday. The Lib Dems set out their plans on immigration, with Mr Kennedy "
        'stressing politicians should not "foment an artificial debate". The ad ends with footage of Trump '
        "saying during the debate last week, “That makes me smart,” as the music swells."
    )
    df = _run(body, people, labels={"Lib Dems": "ORG"})
    q = _one(df, "foment an artificial debate")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Mr Kennedy", "stressing", "Charles Kennedy")
    q = _one(df, "That makes me smart,")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Trump", "saying", "Donald Trump")
    # a bare participle still shares the sentence's subject
    df = _run("Charles Kennedy spoke in Bath on Monday, saying: “We will win.”", people)
    assert _one(df, "We will win.")["speaker_name"] == "Charles Kennedy"


def test_partial_quote_after_other_quotes_keeps_the_sentences_reporting_verb():
    body = (
        "Secretary of State John Kerry said that although the vote was an “important step,” it was “far from perfect.”"
    )
    q = _one(_run(body, {"John Kerry": ["John Kerry"]}), "far from perfect.")
    assert (q["cue"], q["speaker_name"]) == ("said", "John Kerry") and q["speaker"].endswith("John Kerry")


def test_title_with_of_before_the_name_is_one_subject():
    body = "Former Secretary of State Madeleine Albright urged women to vote, saying, “There is a special place.”"
    q = _one(_run(body, {"Madeleine Albright": ["Madeleine Albright"]}), "There is a special place.")
    assert q["speaker_name"] == "Madeleine Albright" and q["speaker"].startswith("Former Secretary of State")


def test_subject_with_age_hometown_and_state_before_its_verb():
    body = (
        "Protesters marched.\n\nCory James, 22, of Flint, Mich., said Sanders could still pull a “surprise.” "
        "In a statement to the Observer, her adviser, Jake Sullivan, said: “We are united.”"
    )
    df = _run(body, {"Cory James": ["Cory James"], "Jake Sullivan": ["Jake Sullivan"]})
    assert (_one(df, "surprise.")["speaker"], _one(df, "surprise.")["speaker_name"]) == ("Cory James", "Cory James")
    assert _one(df, "We are united.")["speaker"] in ("her adviser", "Jake Sullivan")


def test_relative_clause_closed_before_the_quote_gives_way_to_the_sentence_subject():
    body = (
        "The strategy was debated.\n\nGraham, who says allies should send ground forces, tweeted that the plan "
        "“will not destroy ISIL.” Contrast that with Trump, who has called the pact “insanity.”"
    )
    df = _run(body, {"Lindsey Graham": ["Graham"], "Donald Trump": ["Trump"]})
    q = _one(df, "will not destroy ISIL.")
    assert (q["speaker"], q["cue"]) == ("Graham", "tweeted")
    assert (_one(df, "insanity.")["speaker"], _one(df, "insanity.")["speaker_name"]) == ("who", "Donald Trump")


def test_participle_after_a_reporting_clause_shares_that_clauses_subject():
    body = (
        "Cruz campaigned in Indiana.\n\n“He has been an incredible leader for the state,” Cruz said, adding: "
        "“I would welcome his support.”\n\nMateen left as soon as prayers were finished, Nefzi said, adding, "
        "“He was not very religious.”"
    )
    df = _run(body, {"Ted Cruz": ["Cruz"], "Omar Mateen": ["Mateen"], "Mohammed Nefzi": ["Nefzi"]})
    assert (_one(df, "I would welcome his support.")["speaker"], _one(df, "I would welcome his support.")["cue"]) == (
        "Cruz",
        "adding",
    )
    assert _one(df, "He was not very religious.")["speaker_name"] == "Mohammed Nefzi"


def test_a_year_between_subject_and_verb_and_a_possessors_family():
    body = (
        "Obama has had a frosty relationship with Mitch McConnell, who in 2010 said the party’s goal was to make "
        "Obama a “one-term president.”\n\nScott's family called the shooting “an unjustified killing.”"
    )
    df = _run(body, {"Barack Obama": ["Obama"], "Mitch McConnell": ["Mitch McConnell"], "Keith Scott": ["Scott"]})
    q = _one(df, "one-term president.")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("who", "said", "Mitch McConnell")
    q = _one(df, "an unjustified killing.")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Scott's family", "called", None)


def test_a_determiner_alone_is_no_speaker():
    body = (
        "Editorials weigh in\n\n"
        "“Our position is precarious,” the report stated.\n\n"
        "“There are invertebrates with more spine than Sen. Charles Grassley,” reads a Wednesday editorial in "
        "The Des Moines Register.\n\n"
        # a surname that is also a preposition, capitalised, still speaks (Al From)
        "“Our challenge was how to tackle those problems,” From said."
    )
    df = _run(body, {"Charles Grassley": ["Charles Grassley"], "Al From": ["From"]})
    assert (_one(df, "Our position is precarious,")["speaker"], _one(df, "Our position is precarious,")["cue"]) == (
        "the report",
        "stated",
    )
    q = _one(df, "There are invertebrates with more spine than Sen. Charles Grassley,")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("a Wednesday editorial", "reads", None)
    assert _one(df, "Our challenge was how to tackle those problems,")["speaker_name"] == "Al From"


def test_a_sentence_opening_subject_keeps_its_article_and_resolves_through_its_title():
    people = {"Bernie Sanders": ["Sen. Bernie Sanders", "Sanders"]}
    body = "Sen. Bernie Sanders spoke in Iowa on Monday.\n\nThe senator said the plan was “a fraud.”"
    q = _one(_run(body, people), "a fraud.")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("The senator", "said", "Bernie Sanders")
    assert body[q["speaker_start"] : q["speaker_end"]] == "The senator"
    # the adjective so-called is no reporting verb with a speaker `so`
    q = _one(_run("Crowds gathered near the so called “peace garden” on Monday."), "peace garden")
    assert (q["speaker"], q["cue"]) == (None, None)


def test_a_verb_after_but_shares_the_sentences_subject():
    # BBC News style: the words before `but` are the first verb's object, not a speaker
    people = {"Charles Clarke": ["Charles Clarke", "Mr Clarke"]}
    body = (
        "Clarke backs the prince\n\nMr Clarke said he recognised people's concerns about the costume but argued: "
        '"He has apologised and I think we should leave the matter there."'
    )
    q = _one(_run(body, people), "He has apologised and I think we should leave the matter there.")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Mr Clarke", "argued", "Charles Clarke")
    people = {"Michael Howard": ["Michael Howard"]}
    body = (
        "Tories back the plan\n\nTory leader Michael Howard also backed the proposals but said ministers had been "
        '"playing catch-up" with public donations.'
    )
    q = _one(_run(body, people), "playing catch-up")
    # (the subject as written: the rules' name, or the parse's whole noun phrase)
    assert q["speaker"].endswith("Michael Howard") and (q["cue"], q["speaker_name"]) == ("said", "Michael Howard")
    # ... and in the sentence leading in to a quote
    people = {"Nicholas Negroponte": ["Nicholas Negroponte", "Mr Negroponte"]}
    body = (
        "Laptops for all\n\nNicholas Negroponte spoke in Davos.\n\nMr Negroponte wants the laptops to become more "
        'common than mobile phones but conceded this was ambitious. "They could be used in so many ways."'
    )
    q = _one(_run(body, people), "They could be used in so many ways.")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Mr Negroponte", "conceded", "Nicholas Negroponte")
    assert body[q["speaker_start"] : q["speaker_end"]] == "Mr Negroponte"


def test_a_clause_is_not_a_speaker():
    people = {
        "Ohio Democratic Party": ["Ohio Democratic Party"],
        "Christine May": ["Christine May"],
        "David McLetchie": ["David McLetchie", "McLetchie"],
    }
    body = (
        "Ohio\n\nThe Ohio Democratic Party is trying to convince the courts that they should add back the "
        '"Golden Week" eliminated by the legislature.\n\nLabour MSP Christine May had said Mr McLetchie was '
        '"very clever" to ask the clerk.'
    )
    df = _run(body, people, labels={"Ohio Democratic Party": "ORG"})
    q = _one(df, "Golden Week")
    # not `the courts that they should`
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Ohio Democratic Party", "add", "Ohio Democratic Party")
    # a name ending in a word that is also a modal verb is still a name
    q = _one(df, "very clever")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Labour MSP Christine May", "said", "Christine May")
