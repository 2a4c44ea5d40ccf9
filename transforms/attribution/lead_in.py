"""Rules for a quote opening its sentence: the reporting clause that ends the sentence before it
(`…, she said. “…”`), or that sentence's subject when its verb follows `and` or `but`."""

from __future__ import annotations

import polars as pl

from transforms import speakers as sp
from transforms.attribution.rule import Finding, marks_rule
from transforms.attribution.shapes import direct, g, n


@marks_rule(
    "lead-in-sentence",
    240,
    "LEAD_IN_CUE",
    example="The mayor spoke after the vote. The bridge will reopen, Maria Lopez said. “We kept our word.”",
    speaker="Maria Lopez",
    kind="lead_in",
)
def lead_in_sentence() -> Finding:
    speaker = pl.col("lead_subject").struct.field("subject")
    end = pl.col("li_start") + n(g("lead_cue", 1)) - pl.col("lead_subject").struct.field("gap")
    ok = (
        direct
        & ~g("lead_cue", 1).str.contains(sp.FUNCTION_WORDS_ADV)
        & ~g("lead_cue", 1).str.contains(sp.PASSIVE_AUX)
        & ~pl.col("lead_in").str.slice(n(g("lead_cue", 1))).str.contains(sp.LEAD_IN_PASSIVE)
    )
    return Finding(speaker, end - n(speaker), g("lead_cue", 2), ok)


# `Mr Negroponte wants … but conceded this was ambitious. “…”`
@marks_rule(
    "lead-in-subject",
    250,
    "SENTENCE_SUBJECT",
    example="Negroponte wants a deal but conceded this was ambitious. “We have a long way to go.”",
    speaker="Negroponte",
    kind="lead_in",
)
def lead_in_subject() -> Finding:
    speaker, c = pl.col("lead_clause_speaker"), "lead_clause"
    at = pl.col("li_start") + n(g(c, 1)) + n(g(c, 2)) - n(speaker)
    # (its verb reads as one: `wants`, `backed`, not the noun of `A Labour party spokesman`)
    return Finding(speaker, at, g("lead_cue", 2), direct & g(c, 4).str.contains(r"[a-z](?:s|ed)$"))


RULES = (lead_in_sentence, lead_in_subject)
