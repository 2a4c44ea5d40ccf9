"""Rules for quotes in a headline or a body's first paragraph (`paragraph_id` 0): `Warren: ‘…’`,
`Christie Calls Clinton ‘…’`, `Sanders: Clinton needs to ‘…’`."""

from __future__ import annotations

import polars as pl

from transforms import speakers as sp
from transforms.attribution.rule import NO_CUE, Finding, marks_rule
from transforms.attribution.shapes import before, before_start, g, headline, n
from transforms.latin import latin


# (a label, not a clause: `Mourinho had his say on that game, complaining: “…”` opening a body is
# the verb's subject's, found by `before-speaker-verb`)
@marks_rule(
    "headline-colon",
    150,
    "HEADLINE_SPEAKER",
    example="Warren: ‘Trump is a loser’\n\nThe senator spoke in Boston.",
    speaker="Warren",
)
def headline_colon() -> Finding:
    name = g("headline_colon", 2)
    return Finding(
        name.str.replace(sp.HEADLINE_TOPIC, ""),
        before_start + n(g("headline_colon", 1)),
        NO_CUE,
        headline & ~name.str.contains(sp.CUE_ANYWHERE),
    )


# (in a title-cased headline a reporting verb links them: `Black Lawmakers Rip Donald Trump As A ‘…’`
# names no one, but speaks; a first paragraph of body text may open `But challenged on the remark, he …`,
# whose subject is kept only if it names someone)
@marks_rule(
    "headline-subject-verb",
    160,
    "HEADLINE_SUBJECT",
    example="Christie Calls Clinton ‘A Liar’\n\nThe governor spoke in Iowa.",
    speaker="Christie",
)
def headline_subject_verb() -> Finding:
    c = "headline_subject"
    title_cased = pl.col("is_heading") | ~before.str.contains(latin(r"(?:^|\s)\p{Ll}\p{L}{3}"))
    kind = pl.when(title_cased).then(pl.lit("cue")).otherwise(pl.lit("subject"))
    return Finding(g(c, 2), before_start + n(g(c, 1)), g(c, 3), headline, kind)


# kept only if the words name someone (see `quotes._mark_weak`): not `Exclusive: …`
@marks_rule(
    "headline-label",
    170,
    "HEADLINE_LABEL",
    example="Sanders: Clinton needs to ‘come clean’\n\nThe senator spoke in Ohio.",
    speaker="Sanders",
    kind="subject",
)
def headline_label() -> Finding:
    c = "headline_label"
    return Finding(g(c, 2).str.replace(sp.HEADLINE_TOPIC, ""), before_start + n(g(c, 1)), NO_CUE, headline)


RULES = (headline_colon, headline_subject_verb, headline_label)
