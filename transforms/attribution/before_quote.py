"""Rules that read the quote's sentence before its opening mark: a reporting verb and its subject
(`Lopez said: “`), `according to`, an inverted verb (`Said Lopez, “`), a name and a colon, a
participle after a reporting clause, the subject opening the sentence."""

from __future__ import annotations

import polars as pl

from transforms import speakers as sp
from transforms.attribution.rule import NO_CUE, Finding, marks_rule
from transforms.attribution.shapes import (
    before_start,
    direct,
    finite_ing,
    g,
    introduced,
    n,
    near_before,
    opens_speaker,
    partial,
    passive,
    shares_subject,
    verb_before,
    verb_ing,
    verb_is_noun,
    verb_subject,
    verb_subject_end,
)


@marks_rule(
    "before-according-to",
    130,
    "BEFORE_ACCORDING",
    example="According to the newspaper, “gun laws empower dealers.”",
    speaker="the newspaper",
)
def before_according_to() -> Finding:
    return Finding(
        pl.col("before_according_speaker"), before_start + n(g("before_according", 1)), pl.lit("according to")
    )


# `Trump said: `: the last reporting verb before a direct quote (BEFORE_CUE), the first before a partial
# one (BEFORE_CUE_FIRST); `, saying “…”` belongs to the sentence's subject, not to the words before the comma
@marks_rule(
    "before-speaker-verb",
    140,
    "BEFORE_CUE",
    example="Maria Lopez told reporters: “We will rebuild the bridge.”",
    speaker="Maria Lopez",
)
def before_speaker_verb() -> Finding:
    ok = (
        ~pl.col("verb_head").str.contains(sp.FUNCTION_WORDS_ADV)
        & (~verb_ing | finite_ing)
        & ~passive
        & ~verb_is_noun
        & ~(g("before_verb", 1).str.contains(sp.POSSESSOR) & ~g("before_verb", 3).str.contains(sp.NOUN_THAT))
        # a relative clause closed before the quote (`Graham, who says …, tweeted that “…”`)
        # does not hold the quote's verb: the sentence subject below speaks
        & ~(
            partial
            & verb_subject.str.contains(r"^(?i:who|which)$")
            & g("before_verb", 3).str.contains(sp.CLAUSE_CLOSED)
        )
        # `a thing called “mod”`: a participle naming what the quote holds, not a speaker
        # (`A spokesman called it “…”` has an object before the quote)
        & ~(
            verb_before.is_in(sp.NAMING_VERBS)
            & verb_subject.str.contains(r"^(?i:a|an)\s")
            & (g("before_verb", 3).str.strip_chars() == "")
        )
    )
    return Finding(verb_subject, verb_subject_end - n(verb_subject), verb_before, ok)


@marks_rule(
    "before-verb-speaker",
    180,
    "BEFORE_INVERTED",
    example="Said Dorothy Poynter, who grew up with Ali in the neighborhood, “We were all so proud of him.”",
    speaker="Dorothy Poynter",
)
def before_verb_speaker() -> Finding:
    c = "inverted"
    return Finding(g(c, 4), before_start + n(g(c, 1)) + n(g(c, 2)) + n(g(c, 3)), g(c, 2))


# `pollster Daron Shaw: “…”`
@marks_rule(
    "before-name-colon",
    190,
    "BEFORE_NAME_COLON",
    example="The polls moved.\n\nPOLLS DIFFER - Republican pollster Daron Shaw: “Polls were off.”",
    speaker="Republican pollster Daron Shaw",
)
def before_name_colon() -> Finding:
    name = g("name_colon", 2)
    at = pl.col("b_end") - n(near_before) + n(g("name_colon", 1))
    return Finding(name, at, NO_CUE, direct & ~name.str.contains(sp.CUE_ANYWHERE))


# `…,” Cruz said, adding: “…”`: a participle after a reporting clause shares its subject
@marks_rule(
    "participle-after-clause",
    200,
    "PARTICIPLE_AFTER_CLAUSE",
    example="“He has been a great leader,” Cruz said, adding: “I would welcome his support.”",
    speaker="Cruz",
)
def participle_after_clause() -> Finding:
    speaker = g("participle", 2).str.replace(sp.NOT_NAME, "")
    at = pl.col("verb_base") + n(g("participle", 1)) + n(g("participle", 2)) - n(speaker)
    ok = (
        verb_ing
        & ~finite_ing
        & opens_speaker(speaker)
        # a pronoun is a whole subject (`he sounded a rare note, saying` has no clause here)
        & ~g("participle", 2).str.contains(r"^(?i:he|she|they|we|it|i)\s")
    )
    return Finding(speaker, at, verb_before, ok)


# `According to X, the move reeks of “…”`
@marks_rule(
    "according-to-opening",
    210,
    "BEFORE_ACCORDING_LEAD",
    example="According to radio host Rush Limbaugh, the move reeks of “fear” and desperation.",
    speaker="radio host Rush Limbaugh",
)
def according_to_opening() -> Finding:
    return Finding(pl.col("according_lead_speaker"), before_start + n(g("according_lead", 1)), pl.lit("according to"))


# partial quotes and participles: the sentence's opening subject and its verb; a partial quote only
# when a reporting or stance verb in its sentence links them (a scare quote gets no speaker:
# "Trump visited the “peace garden”" is not Trump's words)
@marks_rule(
    "sentence-subject",
    230,
    "SENTENCE_SUBJECT",
    example="The council met.\n\nPark left the room, saying the plan was “a disaster.”",
    speaker="Park",
    kind="subject",
)
def sentence_subject() -> Finding:
    speaker, c = pl.col("sentence_subject_speaker"), "sentence_subject"
    cue = pl.coalesce(
        pl.when(shares_subject).then(verb_before),
        # (a colon makes any past tense the cue: `Kasich resisted: “…”`)
        pl.when(g(c, 4).is_in(sp.CUE_WORD) | (introduced & g(c, 4).str.contains(r"^[a-z]+ed$"))).then(g(c, 4)),
        # (past a reporting verb's noun: `sent a fundraising call …, asking`)
        pl.when(verb_is_noun).then(g("before_verb", 3)).otherwise("before_cued").str.extract(sp.FIRST_CUE, 1),
    )
    ok = ((pl.col("kind") == "partial") & pl.col("before_cued").is_not_null()) | shares_subject | introduced
    return Finding(speaker, before_start + n(g(c, 1)) + n(g(c, 2)) - n(speaker), cue, ok)


RULES = (
    before_according_to,
    before_speaker_verb,
    before_verb_speaker,
    before_name_colon,
    participle_after_clause,
    according_to_opening,
    sentence_subject,
)
