"""The captures the rules next to quote marks read: each pattern runs once per quote, in a column
named after what it captures, before any rule reads its groups (an expression repeated inside
when/then would run again). `release` drops them once the rules have read them.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from transforms import speakers as sp
from transforms.attribution.shapes import (
    after,
    before,
    before_start,
    direct,
    ends_sentence,
    g,
    headline,
    n,
    near_before,
    next_sentence,
    partial,
)

# the captures whose speaker group is cleaned once, in a column `<capture>_speaker`: (group, how)
SPEAKERS = {
    "after_verb_first": (4, "speaker"),
    "after_subject_first": (2, "name"),
    "inner_verb_first": (4, "speaker"),
    "inner_subject_first": (2, "name"),
    "after_past_verb": (2, "name"),
    "after_according": (2, "source"),
    "before_according": (2, "source"),
    "according_lead": (2, "source"),
    "according_end": (2, "source"),
    "end_verb_first": (4, "speaker"),
    "after_by": (2, "speaker"),
    "end_subject_first": (2, "name"),
    "sentence_subject": (2, "name"),
    "lead_clause": (2, "name"),
}
_CLEAN = {
    "speaker": sp.clean_speaker,
    "source": sp.clean_source,
    "name": lambda words: words.str.replace(sp.NOT_NAME, ""),
}

# columns only the rules read
WORK = [
    "after_cued",
    "before_cued",
    "transcript",
    "after_verb_first",
    "after_subject_first",
    "after_dash",
    "dash_line",
    "after_according",
    "after_past_verb",
    "after_by",
    "passive_cue",
    "end_verb_first",
    "end_subject_first",
    "before_according",
    "according_lead",
    "according_end",
    "verb_window",
    "verb_base",
    "before_verb",
    "verb_head",
    "verb_aux",
    "verb_subject",
    "participle",
    "sentence_subject",
    "headline_colon",
    "headline_label",
    "headline_subject",
    "name_colon",
    "inverted",
    "lead_cue",
    "lead_head",
    "lead_subject",
    "lead_clause",
    "inner",
    "inner_verb_first",
    "inner_subject_first",
    *(f"{c}_speaker" for c in SPEAKERS),
]


@cache
def _steps() -> tuple[list[pl.Expr], ...]:
    """The captures' expressions, stage by stage, built once: Polars compiles a pattern to build
    `extract_groups` (some 40 of them, about 70 ms a call)."""
    main_clause = before.str.replace(sp.OPENING_CLAUSE, "")
    first = [before.str.contains(sp.INTERRUPTED).alias("interrupted")]
    # A pattern meant for some quotes only reads a window nulled elsewhere: a regex skips nulls,
    # and `when/then` alone would still run it over every row.
    before_head = pl.when(headline).then(before)
    # The patterns built on a reporting verb are long alternations that cost per row even where
    # they fail: they read only the windows holding one (about half of them; `CUE_ANYWHERE`
    # matches wherever they could, their verb following a space or opening the window).
    cued = [
        pl.when(after.str.contains(sp.CUE_ANYWHERE)).then(after).alias("after_cued"),
        pl.when(before.str.contains(sp.CUE_ANYWHERE)).then(before).alias("before_cued"),
    ]
    after_cued = pl.col("after_cued")
    after_runs_on = pl.when(~(ends_sentence & ~direct | next_sentence)).then(after_cued)
    after_ends_on = pl.when(direct | ~ends_sentence).then(after_cued)
    windows = dict(
        transcript=pl.col("text").str.extract_groups(sp.TRANSCRIPT_LABEL),
        after_verb_first=after_cued.str.extract_groups(sp.AFTER_CUE_FIRST),
        after_subject_first=after_cued.str.extract_groups(sp.AFTER_SUBJECT_FIRST),
        after_dash=after.str.extract_groups(sp.AFTER_DASH),
        # `”` closing the paragraph, then a paragraph `- Bernie Sanders.`
        dash_line=pl.when(direct & (after.str.strip_chars() == ""))
        .then(pl.col("np_text"))
        .str.extract_groups(sp.DASH_LINE),
        after_according=after.str.extract_groups(sp.AFTER_ACCORDING),
        after_past_verb=pl.when(direct & pl.col("text").str.ends_with(","))
        .then(after)
        .str.extract_groups(sp.AFTER_SUBJECT_ANY_VERB),
        after_by=after.str.extract_groups(sp.AFTER_BY),
        passive_cue=before.str.extract(sp.BEFORE_PASSIVE, 1),
        end_verb_first=after_runs_on.str.extract_groups(sp.AFTER_END_CUE_FIRST),
        end_subject_first=after_ends_on.str.extract_groups(sp.AFTER_END_SUBJECT_FIRST),
        before_according=before.str.extract_groups(sp.BEFORE_ACCORDING),
        according_lead=before.str.extract_groups(sp.BEFORE_ACCORDING_LEAD),
        according_end=after.str.extract_groups(sp.AFTER_ACCORDING_END),
        # `Trump said: `: the last verb before a direct quote, the first before a partial one
        # (a direct quote's verb sits close to its mark: the last NEAR_CHARS characters only)
        # (an opening subordinate clause is skipped: `After the interview concluded, Maher stated`)
        verb_window=pl.when(pl.col("before_cued").is_null())
        .then(None)
        .when(partial)
        .then(main_clause)
        .otherwise(near_before),
        verb_base=pl.when(partial)
        .then(before_start + n(before) - n(main_clause))
        .otherwise(pl.col("b_end") - n(near_before)),
        sentence_subject=before.str.extract_groups(sp.SENTENCE_SUBJECT),
        headline_colon=before_head.str.extract_groups(sp.HEADLINE_SPEAKER),
        headline_label=before_head.str.extract_groups(sp.HEADLINE_LABEL),
        headline_subject=before_head.str.extract_groups(sp.HEADLINE_SUBJECT),
        name_colon=pl.when(direct).then(near_before).str.extract_groups(sp.BEFORE_NAME_COLON),
        inverted=before.str.extract_groups(sp.BEFORE_INVERTED),
        lead_cue=pl.when(direct & pl.col("lead_in").str.contains(sp.CUE_ANYWHERE))
        .then(pl.col("lead_in"))
        .str.extract_groups(sp.LEAD_IN_CUE_ANY_TAIL),
        # (the captures only where the pattern matches: most texts hold no mark)
        inner=pl.when(direct & pl.col("text").str.contains(sp.INNER_ATTRIBUTION))
        .then(pl.col("text"))
        .str.extract_groups(sp.INNER_ATTRIBUTION),
    )
    # (where the words after the verb run longer than LEAD_IN_CUE allows, its match may be another or none)
    long_tail = n(g("lead_cue", 3)) > sp.LEAD_IN_TAIL_CHARS
    bounded = dict(
        lead_cue=pl.when(long_tail)
        .then(pl.when(long_tail).then(pl.col("lead_in")).str.extract_groups(sp.LEAD_IN_CUE))
        .otherwise(pl.col("lead_cue")),
    )
    groups = dict(
        inner_verb_first=g("inner", 2).str.extract_groups(sp.AFTER_CUE_FIRST),
        inner_subject_first=g("inner", 2).str.extract_groups(sp.AFTER_SUBJECT_FIRST),
        before_verb=pl.coalesce(
            pl.when(partial).then(pl.col("verb_window")).str.extract_groups(sp.BEFORE_CUE_FIRST),
            pl.when(~partial).then(pl.col("verb_window")).str.extract_groups(sp.BEFORE_CUE),
        ),
    )
    heads = dict(
        # `He went on to say`, `he began by saying`: the subject is the catenative verb's
        verb_head=g("before_verb", 1).str.replace(sp.CATENATIVE, ""),
        # the words right before the reporting verb (see `shapes.finite_ing`, `shapes.passive`)
        verb_aux=pl.col("verb_window").str.slice(
            0, n(pl.col("verb_window")) - n(g("before_verb", 3)) - n(g("before_verb", 2))
        ),
        lead_head=g("lead_cue", 1),
        # `Mr Negroponte wants … but conceded this was ambitious. “…”`: a whole lead-in whose verb
        # follows `and` or `but` gives the sentence's subject
        lead_clause=pl.when(
            (pl.col("li_start") == pl.col("ps_start")) & g("lead_cue", 1).str.contains(sp.COORDINATED_ADV)
        )
        .then(pl.col("lead_in"))
        .str.extract_groups(sp.SENTENCE_SUBJECT),
    )
    trimmed = dict(
        # (`He’s claiming`: the contraction is not part of the speaker)
        verb_head=pl.when(g("before_verb", 2).str.ends_with("ing"))
        .then(pl.col("verb_head").str.replace(r"[’']s$", ""))
        .otherwise("verb_head"),
    )
    last = [
        *(_CLEAN[how](g(c, i)).alias(f"{c}_speaker") for c, (i, how) in SPEAKERS.items()),
        pl.when(g("before_verb", 2).str.ends_with("ing"))
        .then(g("before_verb", 1))
        .str.extract_groups(sp.PARTICIPLE_AFTER_CLAUSE)
        .alias("participle"),
    ]
    named = [[e.alias(k) for k, e in step.items()] for step in (windows, bounded, groups, heads, trimmed)]
    return first, cued, *named, last


def capture(q: pl.LazyFrame) -> pl.LazyFrame:
    """Add the pattern captures (structs of groups, null where a pattern does not match or its window
    is nulled) the rules read. In: the quote frame with its windows. Out: the same with `WORK` columns."""
    first, cued, windows, bounded, groups, heads, trimmed, last = _steps()
    for step in (first, cued, windows, bounded, groups, heads, trimmed):
        q = q.with_columns(step)
    q = q.pipe(sp.subject_before, "verb_head", "verb_subject").pipe(sp.subject_before, "lead_head", "lead_subject")
    return q.with_columns(last)


def release(q: pl.LazyFrame) -> pl.LazyFrame:
    """Drop the captures (and the pattern windows only they read)."""
    return q.drop(*WORK, "np_start", "np_text")
