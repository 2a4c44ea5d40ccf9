"""Expressions the rules next to quote marks share: the quote's shape and its captures' parts.

They read the columns `captures.capture` adds (each named after what it captures) and the windows
`quotes._attach_windows` gives every quote: `before` (its sentence up to the opening mark),
`after` (from the closing mark on), `lead_in` (the sentence before), `text`, `kind`.
"""

from __future__ import annotations

import polars as pl

from transforms import speakers as sp
from transforms.latin import latin

# a direct quote's verb sits close to its mark: the patterns before it read this many characters
NEAR_CHARS = 160


def n(e: pl.Expr) -> pl.Expr:
    """A window's or a group's length in characters."""
    return e.str.len_chars().cast(pl.Int64)


def g(col: str, i: int) -> pl.Expr:
    """Group `i` of the struct a pattern's captures fill."""
    return pl.col(col).struct.field(str(i))


after, before = pl.col("after"), pl.col("before")
close_end, before_start = pl.col("close_end"), pl.col("b_start")
direct = pl.col("kind") == "direct"
# `“…,” she said, “but …”`: an interrupted quote runs on; its verb is the last one, as for a direct quote
partial = (pl.col("kind") == "partial") & ~pl.col("interrupted")
headline = pl.col("paragraph_id") == 0
near_before = before.str.slice(-NEAR_CHARS)

# A quote closing its sentence (`a “co-founder.”`) has no attribution running on after it: a verb
# first in the next sentence reports something else (`“… disposal.” Mr Solana’s comments came a day
# after Sir Ian Blair, …, said he was in favour`). A direct quote's next sentence may still end on
# its speaker (`“….” The other key ingredient was their organisation, Mr Rees said.`).
ends_sentence = pl.col("text").str.contains(r"[.!?]$")
next_sentence = ends_sentence & after.str.contains(latin(r"^\s+\p{Lu}"))  # a new sentence follows the quote
# A partial quote runs on inside the writer's sentence: a speaker after it only when
# punctuation closes the quoted words (`a “full ceasefire,” Lammy said`).
clause_ends = direct | pl.col("text").str.contains(r"[,.!?;:]$") | after.str.contains(r"^\s*[,;:—–]")

# the reporting verb before the quote (`before_verb`): its subject, where it ends, and what kind of verb it is
verb_before = g("before_verb", 2)
verb_subject = pl.col("verb_subject").struct.field("subject")
verb_subject_end = pl.col("verb_base") + n(pl.col("verb_head")) - pl.col("verb_subject").struct.field("gap")
verb_ing = verb_before.str.ends_with("ing")
# `is` makes `-ing` finite (`It’s denouncing`)
finite_ing = verb_ing & (
    pl.col("verb_aux").str.contains(sp.PROGRESSIVE_AUX)
    | (pl.col("verb_head") != g("before_verb", 1))
    | pl.col("verb_aux").str.contains(sp.OWN_SUBJECT_ING)
)
# `-ed` after `was` is passive (`was widely ridiculed`: its subject is spoken about, not speaking)
passive = ~verb_ing & pl.col("verb_aux").str.contains(sp.PASSIVE_AUX)
_det_phrase = pl.col("verb_head").str.extract(sp.DETERMINER_PHRASE, 1)
# a reporting verb's noun (`sent a fundraising call`; `The email goes on to say`: after a catenative
# verb the bare form is a verb)
verb_is_noun = (
    verb_before.is_in(sp.BASE_CUE)
    & (pl.col("verb_head") == g("before_verb", 1))
    & _det_phrase.is_not_null()
    & ~_det_phrase.str.contains(sp.NOT_A_NOUN_PHRASE)
)
# `, saying “…”` and `he laughed and said, “…”`: the verb's subject is the sentence's
shares_subject = (verb_ing & ~finite_ing) | pl.col("verb_head").str.contains(sp.COORDINATED_ADV)
# `Kasich resisted: “…”`: a colon introduces the sentence subject's words, whatever the verb
# (but not `Sanders’s wife turned to the crowd: “…”`)
introduced = direct & before.str.contains(r":\s*$") & ~g("sentence_subject", 2).str.contains(sp.POSSESSOR)


def opens_speaker(np: pl.Expr) -> pl.Expr:
    """A noun phrase found before a reporting verb after the quote can be its speaker: it opens
    with a name, a pronoun or a determiner, or with words describing a name."""
    return np.str.contains(sp.SPEAKER_START) | (
        np.str.contains(sp.SPEAKER_DESCRIBED) & ~np.str.contains(sp.SPEAKER_NOT_DESCRIBED)
    )
