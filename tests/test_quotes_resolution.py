"""Speakers to entities: surnames, titles, roles and pronouns resolve to a person; a describing name is not one."""

from __future__ import annotations

import polars as pl
import pytest

from tests.quote_helpers import TRUMP, _inputs, _marked, _one, _run, check_quote, quote_case
from transforms.quotes import quotes

KENNEDY = {
    "Charles Kennedy": ["Lib Dem leader Charles Kennedy", "Mr Kennedy"],
    "Tony Blair": ["Tony Blair"],
    "Michael Howard": ["Michael Howard"],
}
CAMPBELL = {"Sol Campbell": ["Arsenal's Sol Campbell", "Campbell"], "Thierry Henry": ["Thierry Henry"]}
FERGUSON = {
    "Adam Jones": ["Adam Jones"],
    "Alex Ferguson": ["Man Utd boss Sir Alex Ferguson", "Ferguson"],
    "Walter Smith": ["Walter Smith", "Smith"],
}
WARREN = {"Elizabeth Warren": ["Sen. Elizabeth Warren", "Warren"], "John Stumpf": ["John Stumpf", "Stumpf"]}
WARREN_BODY = (
    "Warren grills Wells Fargo chief\n\nSen. Elizabeth Warren questioned the bank's record on Tuesday. "
    'John Stumpf apologised to the committee.\n\n"You should resign," she said.'
)
BIDEN = {"Donald Trump": ["Donald Trump", "Trump"], "Joe Biden": ["Joe Biden", "Biden"]}
BIDEN_BODY = (
    "Biden in Scranton\n\nDonald Trump spoke in Ohio on Monday.\n\nTrump’s claim that Obama and Clinton "
    "created the so-called Islamic State had imperiled the lives of US troops, Biden said.\n\n"
    "“The threat to their life has gone up,” he said."
)


@pytest.mark.parametrize(
    ("body", "text", "people", "labels", "want"),
    [
        quote_case(
            "pronoun_resolves_to_last_person_named_as_subject",
            (
                "Foreign Secretary David Lammy spoke in London. Lammy doubted that Vladimir Putin was serious. "
                "He also warned that allies had other “options” to apply pressure."
            ),
            "options",
            {"David Lammy": ["David Lammy", "Lammy"], "Vladimir Putin": ["Vladimir Putin"]},
            speaker="He",
            cue="warned",
            speaker_name="David Lammy",
            kind="partial",
        ),
        quote_case(
            "straight_quotes_and_title_speaker_resolution",
            'Sen. Ted Cruz of Texas spoke first. Donald Trump spoke later.\n\n"I will fight," the senator said.',
            "I will fight,",
            {"Ted Cruz": ["Ted Cruz"], **TRUMP},
            speaker="the senator",
            speaker_name="Ted Cruz",
        ),
        quote_case(
            "pronoun_speaker_naming_no_one_keeps_the_pronoun",
            "The hearing ran late.\n\n“I quit,” he said.",
            "I quit,",
            speaker="he",
            speaker_name=None,
        ),
        quote_case(
            "a_pronoun_does_not_point_back_to_a_person_named_inside_a_quote",
            (
                "Kennedy questions trust of Blair\n\nLib Dem leader Charles Kennedy spoke on Channel Five.\n\n"
                'Mr Kennedy said he had seen party leaders come and go. "1983 was when I was first elected as an MP - '
                "so Tony Blair, Michael Howard and myself were all class of '83,\" he said."
            ),
            (
                "1983 was when I was first elected as an MP - so Tony Blair, Michael Howard and myself were all "
                "class of '83,"
            ),
            KENNEDY,
            speaker="he",
            cue="said",
            speaker_name="Charles Kennedy",
        ),
        # with no one named outside the quotes, the pronoun stays unresolved
        quote_case(
            "a_pronoun_does_not_point_back_to_a_person_named_inside_a_quote-2",
            'Blair wins\n\n"Tony Blair has won again," he said.',
            "Tony Blair has won again,",
            KENNEDY,
            speaker="he",
            speaker_name=None,
        ),
        # BBC Sport style: `the 30-year-old`, `the defender` for the person the story is about
        quote_case(
            "an_age_or_a_sports_role_resolves_as_a_pronoun_would",
            (
                "Radcliffe calls for doping jail terms\n\nBritain's Paula Radcliffe wants tougher penalties.\n\n"
                '"Doping in sport is a criminal offence," the 30-year-old told the Sunday Times.'
            ),
            "Doping in sport is a criminal offence,",
            {"Paula Radcliffe": ["Britain's Paula Radcliffe", "Radcliffe"]},
            speaker="the 30-year-old",
            cue="told",
            speaker_name="Paula Radcliffe",
        ),
        quote_case(
            "an_age_or_a_sports_role_resolves_as_a_pronoun_would-2",
            (
                "Campbell relishes United clash\n\nArsenal's Sol Campbell says the rivalry has grown.\n\n"
                '"It is just more bitter and personal against United," the defender told The Guardian.'
            ),
            "It is just more bitter and personal against United,",
            CAMPBELL,
            speaker="the defender",
            speaker_name="Sol Campbell",
        ),
        # a role written as a title before a name takes that person, not the last subject
        quote_case(
            "an_age_or_a_sports_role_resolves_as_a_pronoun_would-3",
            (
                "Campbell relishes United clash\n\nStriker Thierry Henry scored twice. Arsenal's Sol Campbell says the "
                'rivalry has grown.\n\n"We want the title," the striker said.'
            ),
            "We want the title,",
            CAMPBELL,
            speaker="the striker",
            speaker_name="Thierry Henry",
        ),
        quote_case(
            "roles_of_sport_and_stage_and_a_nationality_resolve_too",
            (
                "Adam Jones says the Wales forwards are determined to dominate.\n\n"
                'The prop said: "If we get stuffed in the front five our backs have had it."'
            ),
            "If we get stuffed in the front five our backs have had it.",
            FERGUSON,
            speaker="The prop",
            speaker_name="Adam Jones",
        ),
        # the role written before a name takes that person, not the last one named
        quote_case(
            "roles_of_sport_and_stage_and_a_nationality_resolve_too-2",
            (
                "Man Utd boss Sir Alex Ferguson backed his old assistant. Walter Smith is the favourite.\n\n"
                'The Man Utd boss continued: "He would need to change the whole shape of Scottish football."'
            ),
            "He would need to change the whole shape of Scottish football.",
            FERGUSON,
            speaker="The Man Utd boss",
            speaker_name="Alex Ferguson",
        ),
        quote_case(
            "roles_of_sport_and_stage_and_a_nationality_resolve_too-3",
            'Walter Smith won again on Sunday.\n\n"It was hard," the Scot said.',
            "It was hard,",
            FERGUSON,
            speaker_name="Walter Smith",
        ),
        quote_case(
            "she_does_not_point_back_to_a_man_nor_he_to_a_woman",
            WARREN_BODY,
            "You should resign,",
            WARREN,
            speaker="she",
            speaker_name="Elizabeth Warren",
        ),
        quote_case(
            "she_does_not_point_back_to_a_man_nor_he_to_a_woman-2",
            WARREN_BODY.replace('"You should resign," she said.', '"I am deeply sorry," he said.'),
            "I am deeply sorry,",
            WARREN,
            speaker="he",
            speaker_name="John Stumpf",
        ),
        # a given name the census lists give to both (Lindsey) rules no one out
        quote_case(
            "she_does_not_point_back_to_a_man_nor_he_to_a_woman-3",
            'Sen. Lindsey Graham spoke on Sunday.\n\n"We need a plan," he said.',
            "We need a plan,",
            {"Lindsey Graham": ["Sen. Lindsey Graham", "Graham"]},
            speaker_name="Lindsey Graham",
        ),
        quote_case(
            "a_subject_after_a_long_opening_phrase_is_the_one_a_pronoun_points_back_to",
            BIDEN_BODY,
            "The threat to their life has gone up,",
            BIDEN,
            speaker_name="Joe Biden",
        ),
        # with an age between name and verb
        quote_case(
            "a_subject_after_a_long_opening_phrase_is_the_one_a_pronoun_points_back_to-2",
            BIDEN_BODY.replace("troops, Biden said", "troops, Biden, 73, said"),
            "The threat to their life has gone up,",
            BIDEN,
            speaker_name="Joe Biden",
        ),
        # a name apposed to a noun after the comma is not the sentence's subject
        quote_case(
            "a_subject_after_a_long_opening_phrase_is_the_one_a_pronoun_points_back_to-3",
            (
                "Broaddrick speaks\n\nJuanita Broaddrick recounted the incident on the radio. She has gone public "
                "again as Clinton has emerged to play a role in the campaign of his wife, Hillary Clinton, as she "
                "pursues the nomination.\n\n“He called the nursing home that I owned,” she said."
            ),
            "He called the nursing home that I owned,",
            {
                "Juanita Broaddrick": ["Juanita Broaddrick", "Broaddrick"],
                "Hillary Clinton": ["Hillary Clinton"],
                "Bill Clinton": ["Bill Clinton", "Clinton"],
            },
            speaker_name="Juanita Broaddrick",
        ),
        # `,” explained Mr Hopkins. He added:` — Hopkins, not the earlier subject
        quote_case(
            "a_pronoun_points_back_to_the_subject_of_an_inverted_or_described_reporting_clause",
            (
                'Arash Sigarchi was jailed for his blog.\n\n"This is a big messy argument," explained Mr Hopkins. '
                'He added: "It is just such a new way of doing business."'
            ),
            "It is just such a new way of doing business.",
            {"Arash Sigarchi": ["Arash Sigarchi", "Mr Sigarchi"], "Curt Hopkins": ["Curt Hopkins", "Mr Hopkins"]},
            speaker="He",
            speaker_name="Curt Hopkins",
        ),
        # a person opening a sentence after lower-case words describing them
        quote_case(
            "a_pronoun_points_back_to_the_subject_of_an_inverted_or_described_reporting_clause-2",
            (
                "Glenn Hoddle joined Wolves.\n\nWolves chief executive Jez Moxey defended the short contract. "
                '"We hope it will work out," he said.'
            ),
            "We hope it will work out,",
            {"Glenn Hoddle": ["Glenn Hoddle", "Hoddle"], "Jez Moxey": ["Jez Moxey"]},
            speaker_name="Jez Moxey",
        ),
        # but not a person after a verb: `Clinton beat rival Bernie Sanders`
        quote_case(
            "a_pronoun_points_back_to_the_subject_of_an_inverted_or_described_reporting_clause-3",
            (
                "Donald Trump won in Nevada.\n\nTrump beat rival Ted Cruz in the caucuses. "
                '"This is your campaign," he said.'
            ),
            "This is your campaign,",
            {"Donald Trump": ["Donald Trump", "Trump"], "Ted Cruz": ["Ted Cruz"]},
            speaker_name="Donald Trump",
        ),
        # spaCy labels the bare `Kasich` a GPE: the subject still names John Kasich, and the quote is his,
        # not the previous speaker's
        quote_case(
            "a_surname_the_tagger_read_as_a_place_or_body_is_the_persons",
            (
                'Guns\n\nOhio Gov. John Kasich could "do some kind of executive order," said Stephen Loomis, a police '
                'union president. Kasich resisted:  "Ohio governors do not have the power to suspend state laws."'
            ),
            "Ohio governors do not have the power to suspend state laws.",
            {"John Kasich": ["John Kasich"], "Stephen Loomis": ["Stephen Loomis"], "Kasich": ["Kasich"]},
            {"Kasich": "GPE"},
            speaker="Kasich",
            cue="resisted",
            speaker_name="John Kasich",
        ),
        # of two people sharing the surname, the one named most, then first (not her husband)
        quote_case(
            "a_surname_the_tagger_read_as_a_place_or_body_is_the_persons-2",
            (
                "Fiorina\n\nCarly Fiorina ran HP. Her husband, Frank Fiorina, stayed home.\n\n"
                '"We will win," Fiorina said on Monday.'
            ),
            "We will win,",
            {"Frank Fiorina": ["Frank Fiorina"], "Carly Fiorina": ["Carly Fiorina"], "Fiorina": ["Fiorina"]},
            {"Fiorina": "ORG"},
            speaker="Fiorina",
            speaker_name="Carly Fiorina",
        ),
        # a place is not a person sharing its last word
        quote_case(
            "a_surname_the_tagger_read_as_a_place_or_body_is_the_persons-3",
            'Korea\n\nN. Korea tested a bomb.\n\nSouth Korea accused the North of "fanatic recklessness."',
            "fanatic recklessness.",
            {"South Korea": ["South Korea"], "N. Korea": ["N. Korea"]},
            {"South Korea": "GPE"},
            speaker="South Korea",
            speaker_name="South Korea",
        ),
        # BBC: `The Lib Dems`, read as a person by the tagger, took the home secretary's `he`
        quote_case(
            "a_name_opening_with_an_article_is_no_ones_pronoun",
            'Home Secretary Charles Clarke spoke on Sunday. The Lib Dems disagreed.\n\n"We will act," he said.',
            "We will act,",
            {"Charles Clarke": ["Charles Clarke"], "The Lib Dems": ["The Lib Dems"]},
            speaker_name="Charles Clarke",
        ),
        # issue 28: "she recalled" went to the last person named as a subject, a man written `Mr. Ellis`
        # whose given name tells no gender; a courtesy title or a word before a name tells it
        quote_case(
            "a_pronoun_agrees_in_gender_with_a_courtesy_title",
            (
                "Lee Hart has run the shelter since 2009. Ms. Hart met the mayor, Robin Ellis, on Friday. "
                "Mr. Ellis promised more money.\n\n“We had nothing then,” she recalled."
            ),
            "We had nothing then,",
            {"Lee Hart": ["Lee Hart", "Hart"], "Robin Ellis": ["Robin Ellis", "Ellis"]},
            speaker="she",
            speaker_name="Lee Hart",
        ),
        # ... and a possessor in an apposition is no subject a pronoun points back to (PolNeAR train)
        quote_case(
            "a_possessor_in_an_apposition_is_not_the_subject_a_pronoun_points_to",
            (
                "Donald Trump accepted donors' help. Corey Lewandowski, Trump’s campaign manager, said that the "
                "money would go to the party.\n\n“That will benefit all the races down ballot,” he said."
            ),
            "That will benefit all the races down ballot,",
            {**TRUMP, "Corey Lewandowski": ["Corey Lewandowski"]},
            speaker="he",
            speaker_name="Corey Lewandowski",
        ),
        # issue 28: a surname the tagger missed is still a person: the full name the article writes
        # (untagged too), else the surname as written
        quote_case(
            "a_surname_the_tagger_missed_is_the_full_name_written_before",
            "Ian Poulter finished third at Royal Birkdale.\n\n“It was a great week,” Poulter added.",
            "It was a great week,",
            speaker="Poulter",
            speaker_name="Ian Poulter",
        ),
        quote_case(
            "a_surname_the_tagger_missed_and_no_full_name_is_the_surname",
            "The market reopened on Monday.\n\n“We will rebuild it,” Oh said.",
            "We will rebuild it,",
            speaker="Oh",
            speaker_name="Oh",
            attribution="after-speaker-verb",
        ),
        # ... a family name written first: the person whose name opens with it
        quote_case(
            "a_family_name_written_first_is_the_person_whose_name_opens_with_it",
            "Mayor Oh Se-hoon took office in April.\n\n“We will rebuild the market,” Oh said.",
            "We will rebuild the market,",
            {"Oh Se-hoon": ["Oh Se-hoon"]},
            speaker="Oh",
            speaker_name="Oh Se-hoon",
        ),
        # issue 28: `He` after a reporting verb mid-sentence is He Jianxiong's family name, not the pronoun
        quote_case(
            "a_capitalised_he_mid_sentence_is_a_family_name",
            (
                "He Jianxiong leads the lab with Zhang Wei. Zhang Wei said the test was late.\n\n"
                "“We are sure of it,” said He."
            ),
            "We are sure of it,",
            {"He Jianxiong": ["He Jianxiong"], "Zhang Wei": ["Zhang Wei"]},
            speaker="He",
            speaker_name="He Jianxiong",
        ),
        # issue 28: a place, a date or a work is never a speaker
        quote_case(
            "a_place_the_speaker_is_in_is_not_their_name",
            "The council met on Monday.\n\n“The plan is a disaster,” one man in Manchester said.",
            "The plan is a disaster,",
            {"Manchester": ["Manchester"]},
            {"Manchester": "GPE"},
            speaker="one man in Manchester",
            speaker_name=None,
        ),
        quote_case(
            "a_place_without_a_reporting_verb_is_not_a_speaker",
            "Florida: ‘We are open for business’\n\nThe state reopened its beaches on Monday.",
            "We are open for business",
            {"Florida": ["Florida"]},
            {"Florida": "GPE"},
            speaker=None,
            speaker_name=None,
            attribution=None,
        ),
        quote_case(
            "a_work_is_not_a_speaker",
            "The memoir sold well.\n\n“Think big,” advises The Art of the Deal.",
            "Think big,",
            {"The Art of the Deal": ["The Art of the Deal"]},
            {"The Art of the Deal": "WORK_OF_ART"},
            speaker=None,
            attribution=None,
        ),
        # ... but a country with a reporting verb of its own speaks for its government
        quote_case(
            "a_country_with_its_own_reporting_verb_speaks",
            "Hackers hit the bank on Monday.\n\n“We oppose hacking in all its forms,” China said.",
            "We oppose hacking in all its forms,",
            {"China": ["China"]},
            {"China": "GPE"},
            speaker="China",
            speaker_name="China",
        ),
    ],
)
def test_a_written_speaker_resolves_to_its_entity(body, text, people, labels, want):
    check_quote(body, text, people, labels, want)


def test_speaker_after_quote_resolves_surname_to_full_name():
    body = "Donald Trump spoke on Monday.\n\n“This must stop now,” Trump stated."
    q = _one(_run(body, TRUMP), "This must stop now,")
    assert (q["speaker"], q["cue"], q["speaker_name"], q["kind"]) == ("Trump", "stated", "Donald Trump", "direct")
    assert body[q["speaker_start"] : q["speaker_end"]] == "Trump"
    assert body[q["start_char"] : q["end_char"]] == q["text"]


def test_pronoun_after_named_quote_resolves_to_last_person():
    body = (
        "Ukrainian President Volodymyr Zelensky spoke on Monday.\n\n"
        "“Every day more lives are lost,” Zelensky said. “This could have been accepted,” he added."
    )
    df = _run(body, {"Volodymyr Zelensky": ["Volodymyr Zelensky", "Zelensky"]})
    q = _one(df, "This could have been accepted,")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("he", "added", "Volodymyr Zelensky")
    assert _one(df, "Every day more lives are lost,")["speaker_name"] == "Volodymyr Zelensky"


def test_possessor_speaks_through_its_campaign_or_attorney_and_is_not_the_speaker_name():
    body = (
        "Campaign news\n\n"
        "Trump’s campaign said the speech would be “regarding the election.”\n\n"
        "Santilli's attorney, Thomas Coan, argued that his client was a “shock jock.”\n\n"
        # `counsel` here is a noun, not a reporting verb
        "Trump raised the suicide of White House deputy counsel Vincent Foster, an incident he called “very fishy.”"
    )
    people = {"Donald Trump": ["Trump"], "Pete Santilli": ["Santilli"], "Vincent Foster": ["Vincent Foster"]}
    df = _run(body, people)
    q = _one(df, "regarding the election.")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Trump’s campaign", "said", None)
    assert body[q["speaker_start"] : q["speaker_end"]] == "Trump’s campaign"
    q = _one(df, "shock jock.")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("Santilli's attorney", "argued", None)
    q = _one(df, "very fishy.")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("he", "called", "Donald Trump")


def test_uncued_quote_does_not_go_to_a_place_or_group_adjective():
    body = "Trump in Mexico\n\nBack on American soil, Trump returned to his lines: “There will be no amnesty!”"
    inp = _inputs(body, {})
    extra = pl.DataFrame(
        {
            "article_id": ["a1"],
            "sentence_id": [1],
            "start_char": [body.index("American")],
            "end_char": [body.index("American") + 8],
            "text": ["American"],
            "label": ["NORP"],
            "entity_id": ["n0"],
        },
        schema_overrides={"sentence_id": pl.Int32},
    )
    inp["mentions"] = pl.concat([inp["mentions"].collect(), extra], how="diagonal_relaxed").lazy()
    inp["entities"] = pl.DataFrame({"entity_id": ["n0"], "name": ["American"], "label": ["NORP"]}).lazy()
    q = _one(_marked(quotes(**inp).collect()), "There will be no amnesty!")
    assert q["speaker"] != "American"


def test_a_party_or_place_describing_a_speaker_is_not_its_name():
    body = (
        "Vermont Sen. Bernie Sanders spoke in Des Moines on Monday.\n\n"
        "“We will win Iowa,” the Vermont senator said.\n\n"
        "“He has no chance,” one Democratic source said."
    )
    people = {"Bernie Sanders": ["Bernie Sanders"], "Vermont": ["Vermont"], "Democratic": ["Democratic"]}
    df = _run(body, people, {"Vermont": "GPE", "Democratic": "NORP"})
    # the senator is the last person written with his title, not the state
    q = _one(df, "We will win Iowa,")
    assert (q["speaker"], q["speaker_name"]) == ("the Vermont senator", "Bernie Sanders")
    q = _one(df, "He has no chance,")
    assert (q["speaker"], q["speaker_name"]) == ("one Democratic source", None)


def test_a_person_in_the_speaker_is_its_name_not_the_place_after_of():
    body = (
        "“This is a waste of time,” said Sen. Tom Carper of Delaware.\n\n"
        "“It will not pass,” said Stu Rothenberg of the Rothenberg Political Report."
    )
    people = {
        "Tom Carper": ["Tom Carper"],
        "Delaware": ["Delaware"],
        "Stu Rothenberg": ["Stu Rothenberg"],
        "Rothenberg Political Report": ["Rothenberg Political Report"],
    }
    df = _run(body, people, {"Delaware": "GPE", "Rothenberg Political Report": "ORG"})
    q = _one(df, "This is a waste of time,")
    assert (q["speaker"], q["speaker_name"]) == ("Sen. Tom Carper of Delaware", "Tom Carper")
    assert _one(df, "It will not pass,")["speaker_name"] == "Stu Rothenberg"


def test_a_role_is_the_person_apposed_to_it():
    body = (
        "The police headquarters was closed.\n\nThe mayor of Paris, Anne Hidalgo, wrote on Twitter: "
        "“Paris is mourning its family this afternoon.”\n\nThe FBI reopened the case. "
        "“We found new emails,” the bureau's director, James Comey, said."
    )
    people = {"Anne Hidalgo": ["Anne Hidalgo"], "Paris": ["Paris"], "James Comey": ["James Comey"], "FBI": ["FBI"]}
    df = _run(body, people, {"Paris": "GPE", "FBI": "ORG"})
    q = _one(df, "Paris is mourning its family this afternoon.")
    assert (q["speaker"], q["cue"], q["speaker_name"]) == ("The mayor of Paris", "wrote", "Anne Hidalgo")
    q = _one(df, "We found new emails,")
    assert (q["speaker"], q["speaker_name"]) == ("the bureau's director", "James Comey")


def test_a_role_never_written_as_a_title_is_the_person_a_pronoun_would_be():
    body = (
        "Mike Pence spoke in Fort Wayne on Friday.\n\n“We will carry this state,” the Indiana governor said.\n\n"
        "Donald Trump spoke later.\n\n“There is no comment,” the spokesman said."
    )
    people = {"Mike Pence": ["Mike Pence"], "Indiana": ["Indiana"], **TRUMP}
    df = _run(body, people, {"Indiana": "GPE"})
    assert _one(df, "We will carry this state,")["speaker_name"] == "Mike Pence"
    # a spokesman speaks for the person named before, he is not that person
    q = _one(df, "There is no comment,")
    assert (q["speaker"], q["speaker_name"]) == ("the spokesman", None)


def test_a_speaker_after_of_or_for_is_the_object_of_the_head_that_speaks():
    body = (
        "Hearing on emails\n\n"
        "Sen. Bernie Sanders spoke first.\n\n"
        "The senator from Vermont said the system was “rigged against working people.”\n\n"
        "Attorneys for Clinton said the request was “a fishing expedition.”\n\n"
        "“We will review the documents,” said Secretary of State John Kerry."
    )
    people = {
        "Bernie Sanders": ["Bernie Sanders"],
        "Hillary Clinton": ["Clinton"],
        "John Kerry": ["John Kerry"],
        "Vermont": ["Vermont"],
    }
    df = _run(body, people)
    # a role: the last senator named, not the state
    q = _one(df, "rigged against working people.")
    assert (q["speaker"], q["speaker_name"]) == ("The senator from Vermont", "Bernie Sanders")
    assert body[q["speaker_start"] : q["speaker_end"]] == q["speaker"]
    # Clinton's attorneys speak, not Clinton
    q = _one(df, "a fishing expedition.")
    assert (q["speaker"], q["speaker_name"]) == ("Attorneys for Clinton", None)
    # a title before `of` keeps its person
    assert _one(df, "We will review the documents,")["speaker_name"] == "John Kerry"


def test_a_person_describing_a_noun_in_the_speaker_is_not_its_speaker():
    # `a Trump supporter` is not Trump, as `Trump's spokesman` is not; the name resolved to him before
    people = {"Donald Trump": ["Donald Trump", "Trump"], "Ted Cruz": ["Ted Cruz", "Cruz"], "Defra": ["Defra"]}
    body = (
        'Donald Trump and Ted Cruz spoke in Ohio.\n\n"We will win," a Trump supporter said on Monday.\n\n'
        '"He is ready," the senior Cruz adviser said.\n\n"I am sure," Trump himself said.\n\n'
        '"We are looking at it," a Defra spokesman said.'
    )
    df = _run(body, people, labels={"Defra": "PERSON"})
    assert _one(df, "We will win,")["speaker_name"] is None
    assert _one(df, "He is ready,")["speaker_name"] is None
    assert _one(df, "I am sure,")["speaker_name"] == "Donald Trump"
    # a body the tagger read as a person, named by no given name, still stands for its spokesman
    assert _one(df, "We are looking at it,")["speaker_name"] == "Defra"


def test_a_pronoun_after_someone_unnamed_is_theirs_not_the_person_named_before():
    # BBC: `A Conservative spokeswoman said …. She said: "…"` was the Lib Dems' (a name before her)
    people = {
        "Charles Kennedy": ["Charles Kennedy", "Mr Kennedy"],
        "Jane Ross": ["Jane Ross"],
        "Tony Blair": ["Tony Blair", "Mr Blair"],
        "John Smith": ["John Smith"],
        "Mary Hill": ["Mary Hill"],
    }
    body = (
        "Charles Kennedy launched the campaign on Monday. A spokesman for the party said it had been planned "
        'for months. He said: "We are ready for this."\n\n'
        # a name apposed to the unnamed one is the pronoun's
        'A spokeswoman, Jane Ross, said the costs were known. "They are on our website," she added.\n\n'
        # `the` spokesman: someone's (unnamed), or the one named with that role before (named)
        "Tony Blair spoke in Leeds. The prime minister's official spokesman said the date was fixed. "
        '"It will not move," he said.\n\n'
        'Party spokesman John Smith spoke in Hull. The spokesman said the poll was wrong. "It is old," he said.\n\n'
        # an unnamed man does not take a `she`
        'Mary Hill spoke in York. A spokesman said the vote was close. "We will see," she said.'
    )
    df = _run(body, people)
    assert _one(df, "We are ready for this.")["speaker_name"] is None
    assert _one(df, "They are on our website,")["speaker_name"] == "Jane Ross"
    assert _one(df, "It will not move,")["speaker_name"] is None
    assert _one(df, "It is old,")["speaker_name"] == "John Smith"
    assert _one(df, "We will see,")["speaker_name"] == "Mary Hill"


def test_a_pronoun_after_a_quote_goes_to_that_quotes_named_speaker():
    # BBC: the speaker after a quote is a subject, though the tagger did not read them as one (this
    # went to Alexei Miller, the last person opening a sentence); not a name after a preposition
    people = {
        "Alexei Miller": ["Alexei Miller", "Mr Miller"],
        "Adam Landes": ["Adam Landes"],
        "Oliver Stone": ["Oliver Stone", "Stone"],
        "JFK": ["JFK"],
    }
    body = (
        "Alexei Miller spoke in Moscow on Monday. Mr Miller said the deal was done.\n\n"
        '"Yugansk is a heavy cashflow generator," Renaissance Capital energy analyst Adam Landes told Reuters. '
        '"Gazprom needs Yugansk," he added.\n\n'
        'Oliver Stone spoke in Stockholm. "Europeans see me differently," said the director behind JFK. '
        '"It was not an easy film," he added.'
    )
    df = _run(body, people)
    assert _one(df, "Gazprom needs Yugansk,")["speaker_name"] == "Adam Landes"
    assert _one(df, "It was not an easy film,")["speaker_name"] == "Oliver Stone"


def test_a_body_or_place_before_a_persons_role_is_not_the_speaker():
    # `the Old Trafford boss` is a person (the one written with that role), not Old Trafford; a
    # spokesman still speaks for their body
    people = {
        "Alex Ferguson": ["Alex Ferguson", "Ferguson"],
        "Old Trafford": ["Old Trafford"],
        "EEF": ["EEF"],
        "Defra": ["Defra"],
    }
    body = (
        'Manchester United boss Alex Ferguson spoke on Friday. "We were poor," said the Old Trafford boss.\n\n'
        '"Output fell," said EEF chief economist.\n\n"We are looking at it," a Defra spokesman said.'
    )
    df = _run(body, people, labels={"Old Trafford": "ORG", "EEF": "ORG", "Defra": "ORG"})
    assert _one(df, "We were poor,")["speaker_name"] == "Alex Ferguson"
    q = _one(df, "Output fell,")
    assert (q["speaker"], q["speaker_name"]) == ("EEF chief economist", None)
    assert _one(df, "We are looking at it,")["speaker_name"] == "Defra"


def test_a_role_is_not_the_person_holding_its_shadow():
    people = {"Gordon Brown": ["Gordon Brown"], "Oliver Letwin": ["Oliver Letwin"]}
    body = (
        "Chancellor Gordon Brown spoke in Leeds. Shadow chancellor Oliver Letwin said taxes would rise.\n\n"
        '"We will not raise taxes," the chancellor said.\n\n"They will," the shadow chancellor said.'
    )
    df = _run(body, people)
    assert _one(df, "We will not raise taxes,")["speaker_name"] == "Gordon Brown"
    assert _one(df, "They will,")["speaker_name"] == "Oliver Letwin"
