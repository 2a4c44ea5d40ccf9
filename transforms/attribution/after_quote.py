"""Rules that read what follows the closing mark: a reporting clause (`,” said Lopez`, `,” Lopez
said`), a dash (`” ― Lopez`), `according to`, a passive's agent, the end of the quote's sentence."""

from __future__ import annotations

import polars as pl

from transforms import speakers as sp
from transforms.attribution.rule import NO_CUE, Finding, marks_rule
from transforms.attribution.shapes import (
    after,
    clause_ends,
    close_end,
    direct,
    ends_sentence,
    g,
    n,
    next_sentence,
    opens_speaker,
)
from transforms.latin import latin

# what follows `Trump said` after the quote
_tail = after.str.slice(
    n(g("after_subject_first", 1))
    + n(g("after_subject_first", 2))
    + n(g("after_subject_first", 3))
    + n(g("after_subject_first", 4))
)
_attribution_only = (
    _tail.str.contains(sp.ATTRIBUTION_TAIL)
    & ~_tail.str.contains(sp.ATTRIBUTION_NOT_TAIL)
    # `Trump said in an interview.`, `told CNN.`, not `He demands legal safeguards for …` (a new statement)
    & (_tail.str.contains(sp.ATTRIBUTION_ADVERBIAL) | g("after_subject_first", 4).is_in(sp.TAKES_LISTENER))
)


# (`,” spoke on Friday` inverts nothing: what follows the verb must read as a speaker)
@marks_rule(
    "after-verb-speaker",
    20,
    "AFTER_CUE_FIRST",
    example="“We will rebuild the bridge,” said Maria Lopez, the mayor.",
    speaker="Maria Lopez",
)
def after_verb_speaker() -> Finding:
    speaker, c = pl.col("after_verb_first_speaker"), "after_verb_first"
    at = close_end + n(g(c, 1)) + n(g(c, 2)) + n(g(c, 3))
    return Finding(speaker, at, g(c, 2), clause_ends & ~speaker.str.contains(sp.NOT_A_SPEAKER_START))


# after a full stop only when the sentence is short ("Trump said.")
@marks_rule(
    "after-speaker-verb",
    30,
    "AFTER_SUBJECT_FIRST",
    example="“We will rebuild the bridge,” Maria Lopez said on Monday.",
    speaker="Maria Lopez",
)
def after_speaker_verb() -> Finding:
    speaker, c = pl.col("after_subject_first_speaker"), "after_subject_first"
    short = (n(after) < 60) & ~_tail.str.contains(r"[“\"]")
    ok = (
        # (not `” Later he began by saying, “…`: that clause introduces the next quote)
        (~ends_sentence | (direct & (short | _attribution_only)))
        & opens_speaker(speaker)
        # `…,” but he said that the footage …`: a verb opening its own clause reports what follows
        & ~_tail.str.contains(r"^\s+that\s")
        & clause_ends
    )
    return Finding(speaker, close_end + n(g(c, 1)) + n(g(c, 2)) - n(speaker), g(c, 4), ok)


# (the sentence's full stop is not the name's: `― Carla Sanchez.`, but `Jr.` keeps its own)
@marks_rule(
    "after-dash",
    60,
    "AFTER_DASH",
    example="“Nobody should be afraid to vote.” ― Karen Bobadilla",
    speaker="Karen Bobadilla",
)
def after_dash() -> Finding:
    name = g("after_dash", 2).str.replace(latin(r"(\p{Ll}{2})\.$"), "${1}")
    return Finding(name, close_end + n(g("after_dash", 1)), NO_CUE)


@marks_rule(
    "dash-line",
    70,
    "DASH_LINE",
    example="Our fact check.\n\n“Boeing and GE pay zero taxes.”\n\n- Bernie Sanders.\n\nThis is a complex issue.",
    speaker="Bernie Sanders",
)
def dash_line() -> Finding:
    return Finding(g("dash_line", 2).str.strip_chars_end(".,"), pl.col("np_start") + n(g("dash_line", 1)), NO_CUE)


@marks_rule(
    "after-according-to",
    80,
    "AFTER_ACCORDING",
    example="The FBI spoke to aides.\n\n“Officials now expect to complete the probe soon,” according to CNN.",
    speaker="CNN",
)
def after_according_to() -> Finding:
    return Finding(pl.col("after_according_speaker"), close_end + n(g("after_according", 1)), pl.lit("according to"))


@marks_rule(
    "after-speaker-past-verb",
    90,
    "AFTER_SUBJECT_ANY_VERB",
    example="Trump spoke in Normandy.\n\n“France will always be France,” an angry Hollande retaliated.",
    speaker="an angry Hollande",
)
def after_speaker_past_verb() -> Finding:
    speaker, c = pl.col("after_past_verb_speaker"), "after_past_verb"
    ok = opens_speaker(speaker) & speaker.str.contains(latin(r"\p{Lu}|^(?:he|she|they|we)$"))
    return Finding(speaker, close_end + n(g(c, 1)) + n(g(c, 2)) - n(speaker), g(c, 4), ok)


# `“…” by Joshua Hendrick` after a passive reporting verb before the quote
@marks_rule(
    "after-passive-by",
    100,
    "AFTER_BY",
    example="The group’s approach has been called “strategic ambiguity” by Joshua Hendrick, a professor.",
    speaker="Joshua Hendrick",
)
def after_passive_by() -> Finding:
    speaker, cue = pl.col("after_by_speaker"), pl.col("passive_cue")
    return Finding(
        speaker, close_end + n(g("after_by", 1)), cue, cue.is_not_null() & speaker.str.contains(sp.SPEAKER_START)
    )


# a quote whose sentence runs on and ends on its attribution: the whole sentence, partial quotes
# included, is the speaker's (`Sanders “has a right …,” just as …, Rendell added.`)
@marks_rule(
    "sentence-end-verb-speaker",
    110,
    "AFTER_END_CUE_FIRST",
    example="Sanders “has a right to contest every primary,” just as Clinton did in 2008, said Ed Rendell.",
    speaker="Ed Rendell",
)
def sentence_end_verb_speaker() -> Finding:
    speaker, c = pl.col("end_verb_first_speaker"), "end_verb_first"
    at = close_end + n(g(c, 1)) + n(g(c, 2)) + n(g(c, 3))
    return Finding(speaker, at, g(c, 2), speaker.str.contains(sp.SPEAKER_START))


@marks_rule(
    "sentence-end-speaker-verb",
    120,
    "AFTER_END_SUBJECT_FIRST",
    example="Sanders “has a right to contest every primary,” just as Clinton did in 2008, Rendell added.",
    speaker="Rendell",
)
def sentence_end_speaker_verb() -> Finding:
    speaker, c = pl.col("end_subject_first_speaker"), "end_subject_first"
    ok = opens_speaker(speaker) & ~g(c, 5).str.contains(sp.ATTRIBUTION_NOT_TAIL)
    return Finding(speaker, close_end + n(g(c, 1)) + n(g(c, 2)) - n(speaker), g(c, 4), ok)


# (not past the end of the quote's own sentence: `“… delay.” Clinton plans …, according to an aide.`)
@marks_rule(
    "according-to-sentence-end",
    220,
    "AFTER_ACCORDING_END",
    example="The vote was close.\n\nThe plan is “a disaster” for the city, according to CNN.",
    speaker="CNN",
)
def according_to_sentence_end() -> Finding:
    return Finding(
        pl.col("according_end_speaker"), close_end + n(g("according_end", 1)), pl.lit("according to"), ~next_sentence
    )


RULES = (
    after_verb_speaker,
    after_speaker_verb,
    after_dash,
    dash_line,
    after_according_to,
    after_speaker_past_verb,
    after_passive_by,
    sentence_end_verb_speaker,
    sentence_end_speaker_verb,
    according_to_sentence_end,
)
