"""A named attribution rule and what a rule next to quote marks finds.

A rule is data: its name (what a row's `attribution` says), its priority (lower first: the first
rule in that order that finds a speaker gives it), the pattern it applies, and one example with the
speaker it finds there (`tests/test_attribution_rules.py` runs every example through `quotes`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

import polars as pl

from transforms import speakers as sp

Engine = Literal["marks", "parse", "patterns"]
# how later steps treat a speaker found next to quote marks: `cue` is taken as found; `subject` is kept only
# if it names someone (`quotes._mark_weak`); `lead_in` comes from the sentence before the quote
Kind = Literal["cue", "subject", "lead_in"]


@dataclass(frozen=True)
class Rule:
    """One way of finding who speaks.

    `engine` says where it runs: `marks` (the patterns around a quote in marks, `find` builds its
    candidate expression), `parse` (reported speech from spaCy's parse, `find(doc, tok, subject,
    lexicon)` returns its reports or None when it does not apply) or `patterns` (reported speech
    without a model: `patterns` are tried in turn on a sentence)."""

    name: str
    priority: int
    engine: Engine
    example: str
    speaker: str
    patterns: tuple[str, ...] = ()
    find: Callable[..., Any] | None = field(default=None, compare=False)
    kind: Kind = "cue"

    @property
    def attribution(self) -> str:
        """The value of `quotes.attribution` for the rows this rule attributes."""
        return self.name if self.engine == "marks" else f"reported-{self.name}"


class Finding(NamedTuple):
    """What a rule next to quote marks reads from its captures: the speaker as written, its body
    offset, the cue (null expression when it has none) and the condition it holds under."""

    speaker: pl.Expr
    start: pl.Expr
    cue: pl.Expr
    ok: pl.Expr | None = None
    kind: pl.Expr | None = None  # overrides the rule's kind row by row


# (one regex pass per candidate: there are some thirty)
_NOT_A_SPEAKER = f"{sp.NOT_A_SPEAKER}|{sp.NOT_A_SPEAKER_PHRASE}"
NO_CUE = pl.lit(None, pl.String)


def candidate(rule: Rule) -> pl.Expr:
    """A rule's finding as a struct {speaker, speaker_start, speaker_end, cue, rule, rule_name}, null
    where it finds no speaker; `rule` is its kind, `rule_name` its name."""
    assert rule.find is not None, rule.name
    found: Finding = rule.find()
    speaker = found.speaker.str.strip_chars_end()  # (`said Nate Silver⏎“…”`: not the line break)
    ok = (speaker.str.len_chars() > 0) & ~speaker.str.contains(_NOT_A_SPEAKER)
    return pl.when(ok if found.ok is None else ok & found.ok).then(
        pl.struct(
            speaker=speaker,
            speaker_start=found.start,
            speaker_end=found.start + speaker.str.len_chars().cast(pl.Int64),
            cue=found.cue.str.replace_all(r"\s+", " "),
            rule=pl.lit(rule.kind) if found.kind is None else found.kind,
            rule_name=pl.lit(rule.name),
        )
    )


def marks_rule(
    name: str, priority: int, pattern: str, example: str, speaker: str, kind: Kind = "cue"
) -> Callable[[Callable[[], Finding]], Rule]:
    """Declare a rule next to quote marks: the decorated function builds its `Finding` from the
    captures of `pattern`, the name of a regular expression in `transforms.speakers`."""
    if not isinstance(getattr(sp, pattern, None), str):
        raise ValueError(f"rule {name}: transforms.speakers has no pattern {pattern}")

    def declare(find: Callable[[], Finding]) -> Rule:
        return Rule(name, priority, "marks", example, speaker, (f"speakers.{pattern}",), find, kind)

    return declare
