"""Speakers from a dependency parse, for the few quotes the patterns leave without one.

The rules in `speakers` read the words next to a quote; a reporting verb further away ("the
doctor is calling the candidate “extremely fit”", "what it calls “…”", "…, The Hill reported")
needs the sentence's syntax. spaCy's small English parser reads only those sentences, so the
quote stage keeps its speed (the issue: "a parser may be spent on the few a rule cannot
attribute"). The issue's rule stands: a speaker only through a reporting verb that governs the
quote, or a verb that names someone "as" the quoted words, and only the verb's active subject.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from transforms.latin import latin
from transforms.spacy_model import load_model, one_thread
from transforms.speakers import CUE_WORDS

# single-word reporting verbs, in any inflection the patterns know
_CUES = frozenset(w for w in CUE_WORDS if " " not in w) | {
    # verbal attacks, too often a quote's object rather than its speaker's verb for the patterns
    # (`attacked Clinton …, saying “…”`), but a parse sees which quote they govern
    "attack",
    "attacks",
    "attacked",
    "attacking",
    "rip",
    "rips",
    "ripped",
    "ripping",
    "bash",
    "bashes",
    "bashed",
    "bashing",
}
# what a sentence must contain to be worth parsing: a reporting verb, or a quote introduced by
# `as` (`admires Putin as a “strong leader”`, `has gone after Trump as a “con artist”`)
CUE_PATTERN = latin(
    r"(?i)(?:(?:^|[^\w\-])(?:" + "|".join(sorted(_CUES, key=len, reverse=True)) + r")(?-u:\b)"
    r"|(?-u:\b)as\s+(?:an?\s+|the\s+)?[“\"‘])"
)
_SUBJECT = ("nsubj",)
_RELATIVE = frozenset({"that", "which", "who"})
_AFTER_NOUN = ("relcl", "appos", "acl")
# a verb with no subject of its own shares its head's: `he laughed and said`, `went on to say`
_SHARES_HEAD = ("conj", "xcomp")
OUT_SCHEMA = {
    "article_id": pl.String,
    "open_char": pl.Int64,
    "p_speaker": pl.String,
    "p_start": pl.Int64,
    "p_end": pl.Int64,
    "p_cue": pl.String,
}


@lru_cache(maxsize=1)
def parser():
    """spaCy's small English model with its parser only (~75 MB; loaded once per process)."""
    return load_model(exclude=["ner", "lemmatizer", "tagger", "attribute_ruler", "senter"])


def _subject(verb):
    """The active subject of `verb`, or of the verb it is coordinated with or completes."""
    heads = (verb.head,) if _misread_participle(verb) else (verb, verb.head) if verb.dep_ in _SHARES_HEAD else (verb,)
    for tok in heads:
        subj = [c for c in tok.children if c.dep_ in _SUBJECT]
        if subj:
            return subj[0]
    return None


def _misread_participle(verb) -> bool:
    """A bare participle clause (`tweeted her reasoning saying, “…”`) whose "subject" the parser took
    from the object before it: the participle shares its head's subject. An absolute clause set off
    by a comma keeps its own (`…, the crowd chanting “…”`), as does a clause with a conjunction
    (`after a government warning about a “…”`: there the parser took a noun for the verb)."""
    if (
        verb.dep_ != "advcl"
        or not verb.lower_.endswith("ing")
        or any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children)
    ):
        return False
    own = [c for c in verb.children if c.dep_ in _SUBJECT]
    return bool(own) and own[0].left_edge.i > 0 and own[0].doc[own[0].left_edge.i - 1].text not in (",", "—", "–")


def _phrase(subj):
    """The words of a subject; a relative pronoun (`Ivana Trump's lawyers, who dismissed the reports
    as “…”`) stands for the noun its clause hangs on, up to that noun (`Ivana Trump's lawyers`)."""
    doc = subj.doc
    if subj.lower_ in _RELATIVE and subj.head.dep_ == "relcl":
        noun = subj.head.head
        words = [t for t in noun.subtree if t.i <= noun.i]
    else:
        # without a clause or apposition set off by a comma (`Christie, who has campaigned …`),
        # but with the name that follows a title (`the bureau's director, James B. Comey,`)
        cut = [
            c.left_edge.i
            for c in subj.rights
            if c.dep_ in _AFTER_NOUN
            and c.left_edge.i > 0
            and doc[c.left_edge.i - 1].text == ","
            and not (c.dep_ == "appos" and c.text[:1].isupper() and subj.text[:1].islower())
        ]
        words = [t for t in subj.subtree if not cut or t.i < min(cut)]
    return doc[words[0].i : words[-1].i + 1]


def _speaker(doc, q_start: int, q_end: int):
    """(subject span, verb) for the quote at [q_start, q_end) of `doc`'s text, or None.

    From the quote's first word up its chain of heads, the first reporting verb outside the
    quote that has an active subject outside the quote names the speaker (a passive verb, `was
    called “…”`, passes the search on to the verb above it).
    """
    first = next((t for t in doc if t.idx >= q_start and not t.is_punct), None)
    if first is None or first.idx >= q_end:
        return None
    tok = first
    # the verb whose `as` phrase holds the quote (`admires Putin as a “…”`) calls someone or
    # something by the quoted words; it governs `as` or the object `as` hangs on
    as_verb = None
    while True:
        inside = q_start <= tok.idx < q_end
        if not inside and tok.lower_ == "as" and tok.dep_ == "prep":
            as_verb = tok.head.head if tok.head.dep_ == "dobj" else tok.head
        if not inside and (tok.lower_ in _CUES or (as_verb is not None and tok.i == as_verb.i)):
            subj = _subject(tok)
            # generic `you` (`when you start calling them “…”`) names no one; nor does the object
            # the parser takes for the subject of a verb opening its sentence (`Calls men names, like “pigs,”`)
            opens = tok.i == tok.sent.start and subj is not None and subj.i > tok.i
            if subj is not None and subj.lower_ != "you" and not opens and not (q_start <= subj.idx < q_end):
                span = _phrase(subj)
                # (a subject holding the quote, `the word “pandemic” only refers to`, is none)
                if span.end_char <= q_start or span.start_char >= q_end:
                    return span, tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head


def parsed_speakers(windows: pl.DataFrame, nlp=None) -> pl.DataFrame:
    """Speakers found by the parse, one row per quote that has one.

    In: `article_id`, `open_char` (the quote's key), `w_start` (body offset of the window),
    `window` (the quote's sentence(s), quote included), `start_char`, `end_char` (the quote).
    Out: `article_id`, `open_char`, `p_speaker` (as written), `p_start`, `p_end` (body
    offsets), `p_cue` (the reporting verb).
    """
    nlp = nlp or parser()
    # Quotes of one sentence share its parse: windows starting at the same offset are prefixes of
    # the longest one, so each sentence is parsed once, in that longest window.
    texts = windows.group_by("article_id", "w_start", maintain_order=True).agg(
        pl.col("window").sort_by(pl.col("window").str.len_chars()).last(),
        quotes=pl.struct("open_char", "start_char", "end_char"),
    )
    out: list[tuple] = []
    with one_thread():
        docs = list(nlp.pipe(texts["window"].to_list(), batch_size=64))
    for (aid, w0, quotes), doc in zip(texts.select("article_id", "w_start", "quotes").rows(), docs, strict=True):
        for q in quotes:
            found = _speaker(doc, q["start_char"] - w0, q["end_char"] - w0)
            if found is not None:
                span, verb = found
                text = span.text.rstrip(" \xa0\n\t,;:—–-")
                start = w0 + span.start_char
                out.append((aid, q["open_char"], text, start, start + len(text), verb.text))
    return pl.DataFrame(out, schema=OUT_SCHEMA, orient="row")
