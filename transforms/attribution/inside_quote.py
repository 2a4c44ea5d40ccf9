"""Rules that read the quote's own text: a transcript's speaker label, an attribution between two
quoted passages of one span."""

from __future__ import annotations

import polars as pl

from transforms import speakers as sp
from transforms.attribution.rule import NO_CUE, Finding, marks_rule
from transforms.attribution.shapes import g, n, opens_speaker

_start = pl.col("start_char")


# kept only if it names someone (see `quotes._resolve`): not `VIDEO:`
@marks_rule(
    "transcript-label",
    10,
    "TRANSCRIPT_LABEL",
    example="The exchange went on.\n\n“PENCE: Well, I think the governor is wrong about that.”",
    speaker="PENCE",
    kind="subject",
)
def transcript_label() -> Finding:
    label = g("transcript", 1)
    return Finding(label, _start, NO_CUE, ~label.str.contains(sp.NOT_TRANSCRIPT_LABEL))


# an attribution inside the span, between marks of the other kind: the whole span is its speaker's
@marks_rule(
    "inner-verb-speaker",
    40,
    "AFTER_CUE_FIRST",
    example='The mayor spoke.\n\n“We will win," said Maria Lopez. "The plan is ready.”',
    speaker="Maria Lopez",
)
def inner_verb_speaker() -> Finding:
    speaker = pl.col("inner_verb_first_speaker")
    at = (
        _start
        + n(g("inner", 1))
        + n(g("inner_verb_first", 1))
        + n(g("inner_verb_first", 2))
        + n(g("inner_verb_first", 3))
    )
    return Finding(speaker, at, g("inner_verb_first", 2), ~speaker.str.contains(sp.NOT_A_SPEAKER_START))


@marks_rule(
    "inner-speaker-verb",
    50,
    "AFTER_SUBJECT_FIRST",
    example='The mayor spoke.\n\n“We will win," Maria Lopez said. "The plan is ready.”',
    speaker="Maria Lopez",
)
def inner_speaker_verb() -> Finding:
    speaker = pl.col("inner_subject_first_speaker")
    at = _start + n(g("inner", 1)) + n(g("inner_subject_first", 1)) + n(g("inner_subject_first", 2)) - n(speaker)
    return Finding(speaker, at, g("inner_subject_first", 4), opens_speaker(speaker))


RULES = (transcript_label, inner_verb_speaker, inner_speaker_verb)
