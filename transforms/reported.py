"""Reported speech: statements without quote marks, `kind = 'indirect'` rows of `quotes`.

"Smith said the plan would fail", "The plan will fail, Smith said", "According to police, the man
fled": the reported content, its speaker and its cue. Two engines, one output:

- `parsed_statements` (the default, `--ner spacy`): spaCy's dependency parse of the sentences that
  hold a reporting verb (`reporting_verbs`) and no direct quote. The speaker is the verb's active
  subject, or for a participle or infinitive the subject of the verb it hangs from. What is
  reported (`statement_candidates`): a clausal complement after the verb (to the end of the
  sentence) or before it (set off by a comma), the clause around a parenthetical `, he said,`,
  what a colon introduces, and, for the verbs whose learned frame allows it, an object, an
  infinitive or a preposition's object (`called for a ban`). `according to X` reports the clause
  it hangs on. The frames (`transforms/data/reporting_frames.tsv`) are learned from PolNeAR train.
- `pattern_statements` (`--ner rules`, no model): regular expressions over the same sentences for
  the commonest shapes: `X said (that) CLAUSE.`, `CLAUSE, X said.`, `According to X, CLAUSE.` and
  `CLAUSE, according to X.`

Both return body offsets, with `that` left out of the content. `transforms.quotes` merges them with
the quotes in marks (docs/attribution.md).
"""

from __future__ import annotations

from typing import Any

import polars as pl

from transforms.latin import latin
from transforms.quote_parse import _phrase, _subject, parser
from transforms.reporting_verbs import cue_pattern, forms, frames
from transforms.spacy_model import one_thread

OUT_SCHEMA: dict[str, Any] = {
    "article_id": pl.String,
    "sentence_id": pl.Int32,
    "start_char": pl.Int64,
    "end_char": pl.Int64,
    "speaker": pl.String,
    "speaker_start": pl.Int64,
    "speaker_end": pl.Int64,
    "cue": pl.String,
    "rule": pl.String,
}
# what a content may not open or close with (`that` opens a complement, it is not reported)
_LEAD = ("that",)
_TRIM = " \t\n,;:—–-."
# a statement reports at least this many words
MIN_WORDS = 3
# clausal complements of a reporting verb
_COMPLEMENT = ("ccomp",)
# a reporting verb the parser hung off the clause it reports (`The plan will fail, Smith said.`)
_HUNG = ("parataxis",)
# what ends a clause reported before its reporting clause: `…, Smith said`, `…,” Smith said`
_CLAUSE_END = frozenset({",", "”", '"', "’", "''", "—", "--"})


def _ends_clause(doc, last: int) -> bool:
    """True when the clause ending at token `last` is set off from what follows by a comma or a dash."""
    return last + 1 < len(doc) and doc[last + 1].text in _CLAUSE_END


def candidate_sentences(sentences: pl.LazyFrame, quoted: pl.LazyFrame) -> pl.LazyFrame:
    """Sentences that may report speech: they hold a reporting verb or `according to`, are not
    headings, and hold no direct quote (its sentence is attributed already).

    In: `sentences` (`article_id`, `sentence_id`, `start_char`, `end_char`, `text`, `is_heading`),
    `quoted` (`article_id`, `start_char`, `end_char` of the direct quotes). Out: the sentences kept.
    """
    covered = (
        sentences.select("article_id", "sentence_id", "start_char", "end_char")
        .join(quoted.select("article_id", q0="start_char", q1="end_char"), on="article_id")
        .filter((pl.col("q0") < pl.col("end_char")) & (pl.col("q1") > pl.col("start_char")))
        .select("article_id", "sentence_id")
    )
    return sentences.filter(~pl.col("is_heading") & pl.col("text").str.contains(cue_pattern())).join(
        covered, on=["article_id", "sentence_id"], how="anti"
    )


def _trimmed(doc, first: int, last: int) -> tuple[int, int] | None:
    """Character offsets of tokens first..last of `doc`, without a leading `that` and trailing
    punctuation; None when fewer than MIN_WORDS words are left."""
    while first <= last and (doc[first].lower_ in _LEAD or doc[first].is_punct and doc[first].text not in '“"‘'):
        first += 1
    while last >= first and doc[last].is_punct and doc[last].text not in '”"’':
        last -= 1
    if last - first + 1 < MIN_WORDS:
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    text = doc.text[start:end].rstrip(_TRIM)
    # quoted words closing the content keep their closing mark (`was “rigged against working people.”`)
    for opening, closing in (("“", "”"), ("‘", "’")):
        if text.count(opening) > text.count(closing):
            close = doc.text.find(closing, start + len(text), start + len(text) + 3)
            if close >= 0:
                return start, close + 1
    return start, start + len(text)


# what a verb says of its object after it: a predicate (`oprd`), an infinitive, a clause
_OF_OBJECT = ("dobj", "oprd", "xcomp", "ccomp", "acomp")


# what a reporting verb without a subject of its own may hang from, up to the verb whose subject
# speaks: `…, saying …` (advcl), `by telling …` (pcomp under a preposition), `went on CNN to declare`
_CLIMB = ("advcl", "pcomp", "prep", "xcomp", "conj")


def _reporter(tok):
    """The subject who speaks through `tok`: its own or its head's (`_subject`), else the subject
    of the verb it hangs from through a participle, a preposition or an infinitive (three steps)."""
    subject = _subject(tok)
    node = tok
    for _ in range(3):
        if subject is not None or node.dep_ not in _CLIMB or node.head.i == node.i:
            break
        node = node.head
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    return subject


def _object_content(doc, tok) -> tuple[str, int, int] | None:
    """(relation, first, last token) of what a verb reports when it takes no clause: its object, with
    the infinitive that follows it (`urged the party to drop …`), an infinitive (`promised to …`) or
    a preposition's object (`called for a ban`, `talked about the deal`)."""
    kids = {c.dep_: c for c in tok.children if c.i > tok.i}
    if "dobj" in kids:
        obj = kids["dobj"]
        # with what is said of the object: `called the program “worse than amnesty”`, `urged the party to …`
        last = max(c.right_edge.i for c in tok.children if c.i >= obj.i and c.dep_ in _OF_OBJECT)
        return "dobj", obj.left_edge.i, last
    if "xcomp" in kids:
        return "xcomp", kids["xcomp"].left_edge.i, kids["xcomp"].right_edge.i
    prep = kids.get("prep")
    if prep is None:
        return None
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return None if pobj is None else (f"prep:{prep.lower_}", pobj.left_edge.i, pobj.right_edge.i)


def statement_candidates(doc, lexicon: dict[str, str]) -> list[tuple[int, int, Any, str, str, str, str]]:
    """Every report a reporting verb or `according to` may make in one parsed sentence:
    (content start, content end, speaker span, cue, rule, lemma, relation). `parsed_statements`
    keeps those whose (lemma, relation) the lexicon's frames allow (`reporting_verbs.frames`)."""
    out = []
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            source = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if source is None:
                continue
            phrase = (tok.i, source.right_edge.i)
            # the clause beside the phrase: the longer side of the sentence, the phrase left out
            left, right = (0, phrase[0] - 1), (phrase[1] + 1, len(doc) - 1)
            side = max((left, right), key=lambda s: s[1] - s[0])
            span = _trimmed(doc, *side) if side[1] >= side[0] else None
            if span:
                out.append(
                    (
                        *span,
                        doc[source.left_edge.i : source.right_edge.i + 1],
                        "according to",
                        "according-to",
                        "according to",
                        "source",
                    )
                )
            continue
        lemma = lexicon.get(tok.lower_)
        if lemma is None or tok.dep_ in ("amod", "compound", "nsubj", "nsubjpass", "dobj", "pobj"):
            continue
        subject = _reporter(tok)
        if subject is None:
            continue
        if tok.i + 2 < len(doc) and doc[tok.i + 1].text == ":" and subject.i < tok.i:
            # `He added: …`: what follows the colon is reported, to the end of the paragraph (see quotes._reported)
            span = _trimmed(doc, tok.i + 2, len(doc) - 1)
            if span:
                out.append((*span, _phrase(subject), tok.text, "cue-before-colon", lemma, "colon"))
            continue
        comp = [c for c in tok.children if c.dep_ in _COMPLEMENT]
        if comp:
            clause = comp[0]
            if clause.left_edge.i <= subject.i <= clause.right_edge.i:
                continue
            before = clause.i < tok.i
            if before and not _ends_clause(doc, clause.right_edge.i):
                continue
            last = clause.right_edge.i
            if not before and not any(t.lower_ in lexicon or t.lower_ == "according" for t in doc[last + 1 :]):
                # the statement runs on to the end of its sentence (`that Clinton was “careless” … and in
                # the normal course would face …`): what the parse hung elsewhere is still reported
                last = len(doc) - 1
            span = _trimmed(doc, clause.left_edge.i, last)
            rule = "clause-before-cue" if before else "cue-before-clause"
            if span:
                out.append((*span, _phrase(subject), tok.text, rule, lemma, "ccomp"))
        elif (
            tok.dep_ in _HUNG
            and tok.head.i > tok.i
            and subject.left_edge.i > 0
            and doc[min(subject.left_edge.i, tok.i) - 1].text in _CLAUSE_END
        ):
            # `The hashtag, he said, was even more popular`: the clause around the reporting clause
            span = _trimmed(doc, tok.head.left_edge.i, tok.head.right_edge.i)
            if span:
                out.append((*span, _phrase(subject), tok.text, "cue-inside-clause", lemma, "ccomp"))
        elif tok.dep_ in _HUNG and tok.head.i < tok.i and subject.i > tok.head.i:
            # `The plan will fail, Smith said`: the clause before the reporting clause
            first = tok.head.left_edge.i
            last = min(tok.left_edge.i, subject.left_edge.i) - 1
            span = _trimmed(doc, first, last) if _ends_clause(doc, last) or doc[last].text in _CLAUSE_END else None
            if span:
                out.append((*span, _phrase(subject), tok.text, "clause-before-cue", lemma, "ccomp"))
        elif subject.i < tok.i and (found := _object_content(doc, tok)) is not None:
            relation, first, last = found
            span = _trimmed(doc, first, last)
            if span and not (span[0] <= subject.idx < span[1]):
                out.append((*span, _phrase(subject), tok.text, "cue-before-object", lemma, relation))
    return out


def parsed_statements(candidates: pl.DataFrame, nlp=None) -> pl.DataFrame:
    """Reported statements found by the parse of each candidate sentence.

    In: `article_id`, `sentence_id`, `start_char`, `text` (see `candidate_sentences`).
    Out: OUT_SCHEMA: the content's body offsets, the speaker as written with its offsets, the cue
    as written, and `rule` (`cue-before-clause`, `clause-before-cue`, `cue-before-object`, `according-to`).
    """
    nlp = nlp or parser()
    lexicon, allowed = forms(), frames()
    rows: list[tuple] = []
    with one_thread():
        docs = nlp.pipe(candidates["text"].to_list(), batch_size=64)
        keys = candidates.select("article_id", "sentence_id", "start_char").rows()
        for (aid, sid, s0), doc in zip(keys, docs, strict=True):
            for c0, c1, spk, cue, rule, lemma, relation in statement_candidates(doc, lexicon):
                if relation != "source" and (lemma, relation) not in allowed:
                    continue
                text = spk.text.rstrip(" \xa0\n\t,;:—–-")
                rows.append(
                    (aid, sid, s0 + c0, s0 + c1, text, s0 + spk.start_char, s0 + spk.start_char + len(text), cue, rule)
                )
    return pl.DataFrame(rows, schema=OUT_SCHEMA, orient="row")


# --- the patterns of the model-free mode ---------------------------------------------------------
_NAME = r"(?:\p{Lu}[\w.’'\-]*(?:\s+(?:\p{Lu}[\w.’'\-]*|of|de|van|von|al|bin))*)"
_SUBJECT = (
    rf"(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w’'\-]+\s+){{0,4}}?[\w’'\-]+"
    rf"|{_NAME}|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Ii]t)"
)
_ADVERB = r"(?:(?:also|later|then|previously|earlier|recently|repeatedly|has|have|had|would|will|\w+ly)\s+){0,2}"


def _pattern_table() -> list[tuple[str, str]]:
    """(rule, regex) with named groups `speaker`, `cue`, `content`, in the order they are tried."""
    verb = r"(?:" + "|".join(sorted(forms(), key=len, reverse=True)) + r")"
    return [
        (
            "according-to",
            latin(r"^(?P<pre>[Aa]ccording\s+to\s+)(?P<speaker>[^,]{2,80}?),\s+(?P<content>.+?)[.!?]?$"),
        ),
        ("according-to", latin(r"^(?P<content>.+?),?\s+(?P<pre>according\s+to\s+)(?P<speaker>[^,]{2,80}?)[.!?]?$")),
        (
            "clause-before-cue",
            latin(
                rf"^(?P<content>[^“”\"]+?),\s+(?P<speaker>{_SUBJECT})\s+{_ADVERB}(?P<cue>{verb})(?-u:\b)[^,]{{0,60}}?[.!?]?$"
            ),
        ),
        (
            "clause-before-cue",
            latin(rf"^(?P<content>[^“”\"]+?),\s+(?P<cue>{verb})\s+(?P<speaker>{_SUBJECT})(?:,[^,]{{0,80}},?)?[.!?]?$"),
        ),
        (
            "cue-before-clause",
            latin(
                rf"^(?P<lead>(?:[^,]{{0,80}},\s+)?)(?P<speaker>{_SUBJECT})\s+{_ADVERB}(?P<cue>{verb})(?-u:\b)"
                rf"(?P<gap>\s+(?:(?:[\w’'\-]+\s+){{0,3}}?(?:on|in|at|during)\s+[\w’'\-]+(?:\s+[\w’'\-]+)?,?\s+)?(?:that\s+)?)"
                rf"(?P<content>\S.+?)[.!?]?$"
            ),
        ),
    ]


def pattern_statements(candidates: pl.DataFrame) -> pl.DataFrame:
    """Reported statements found by the patterns (`_pattern_table`), first matching pattern wins.

    In and out as `parsed_statements`; no model is loaded.
    """
    frames = []
    rest = candidates.select("article_id", "sentence_id", "start_char", "text")
    for rule, pattern in _pattern_table():
        g = pl.col("g").struct
        found = rest.with_columns(g=pl.col("text").str.extract_groups(pattern)).filter(g.field("content").is_not_null())
        fields = found["g"].struct.fields

        def n(name: str, g=g, fields=fields) -> pl.Expr:
            """The length of a group, 0 where it did not match or the pattern has none."""
            return g.field(name).str.len_chars().cast(pl.Int64).fill_null(0) if name in fields else pl.lit(0, pl.Int64)

        content_at = pl.col("start_char") + pl.col("text").str.find(g.field("content"), literal=True).cast(pl.Int64)
        speaker_at = (
            pl.col("start_char")
            + n("lead")
            + n("pre")
            + pl.when(pl.lit(rule == "clause-before-cue"))
            .then(pl.col("text").str.find(g.field("speaker"), literal=True).cast(pl.Int64))
            .otherwise(0)
        )
        frames.append(
            found.select(
                "article_id",
                "sentence_id",
                start_char=content_at,
                end_char=content_at + g.field("content").str.strip_chars_end(_TRIM).str.len_chars().cast(pl.Int64),
                speaker=g.field("speaker"),
                speaker_start=speaker_at,
                speaker_end=speaker_at + n("speaker"),
                cue=g.field("cue") if "cue" in fields else pl.lit("according to"),
                rule=pl.lit(rule),
            )
        )
        rest = rest.join(found.select("article_id", "sentence_id"), on=["article_id", "sentence_id"], how="anti")
    out = pl.concat(frames) if frames else pl.DataFrame(schema=OUT_SCHEMA)
    words = pl.col("end_char") - pl.col("start_char")
    return out.filter(words > 0).cast(pl.Schema(OUT_SCHEMA)).select(list(OUT_SCHEMA))
