"""The speaker a quote in marks finds next to itself: the first rule next to quote marks, in
priority order (`registry.MARKS`), that finds one."""

from __future__ import annotations

from functools import cache

import polars as pl

from transforms import speakers as sp
from transforms.attribution.captures import capture, release
from transforms.attribution.registry import MARKS
from transforms.attribution.rule import candidate
from transforms.attribution.shapes import g


@cache
def _first_finding() -> pl.Expr:
    """The first rule's finding in priority order (built once: some 25 candidates of a dozen expressions)."""
    return pl.coalesce(*(candidate(rule) for rule in MARKS))


def own_speaker(q: pl.LazyFrame) -> pl.LazyFrame:
    """Add struct `own` {speaker, speaker_start, speaker_end, cue, rule, rule_name} from the rules
    next to this quote (null if none): `rule` is the finding's kind, `rule_name` the rule's name.

    In: the quote frame with its windows (`quotes._attach_windows`) and `kind`. Out: the same with `own`."""
    q = capture(q)
    own = pl.col("own")
    # a lead-in holding a quote of its own (`“…,” Obama said at a dinner where Clinton also spoke. “…”`):
    # the quote before speaks on, if it has a speaker (see `quotes._inherit`)
    # (`own` is a column before it is read again: an expression repeated in when/then runs again)
    quoted_lead_in = (own.struct.field("rule") == "lead_in") & g("lead_cue", 1).str.contains(r"[”\"]")
    relabelled = pl.when(quoted_lead_in).then(own.struct.with_fields(rule=pl.lit("lead_in_quoted"))).otherwise(own)
    # a conjunction the pattern took in is not the speaker's (`, however Bonham noted`)
    # and an auxiliary or a time it took in after the subject is not either (`The Tories have already`
    # accused, `Clinton on Monday` ripped)
    words = own.struct.field("speaker")
    cut = words.str.extract(sp.LEADING_CONJUNCTION, 1).str.len_chars().fill_null(0).cast(pl.Int64)
    kept = words.str.replace(sp.TRAILING_NOT_SUBJECT, "").str.slice(cut)
    start = own.struct.field("speaker_start") + cut
    trimmed = own.struct.with_fields(
        speaker=kept, speaker_start=start, speaker_end=start + kept.str.len_chars().cast(pl.Int64)
    )
    return q.with_columns(own=_first_finding()).with_columns(own=relabelled).with_columns(own=trimmed).pipe(release)
