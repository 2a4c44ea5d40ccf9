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

from transforms.attribution.registry import PARSE, PATTERNS
from transforms.attribution.reported_parse import TRIM as _TRIM
from transforms.attribution.reported_parse import Report
from transforms.latin import latin
from transforms.quote_parse import parser
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


# the parse rules' functions, in priority order (every parse rule has one)
_FINDS = tuple(rule.find for rule in PARSE if rule.find is not None)


def statement_candidates(doc, lexicon: dict[str, str]) -> list[Report]:
    """Every report a reporting verb or `according to` may make in one parsed sentence:
    (content start, content end, speaker span, cue, rule, lemma, relation). For each token the
    parse rules (`attribution.registry.PARSE`) are tried in priority order, and the first that
    applies makes its reports. `parsed_statements` keeps those whose (lemma, relation) the
    lexicon's frames allow (`reporting_verbs.frames`)."""
    out: list[Report] = []
    for tok in doc:
        for find in _FINDS:
            found = find(doc, tok, lexicon)
            if found is not None:
                out.extend(found)
                break
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


def pattern_statements(candidates: pl.DataFrame) -> pl.DataFrame:
    """Reported statements found by the pattern rules (`attribution.registry.PATTERNS`): the first
    pattern that matches a sentence wins.

    In and out as `parsed_statements`; no model is loaded.
    """
    frames = []
    rest = candidates.select("article_id", "sentence_id", "start_char", "text")
    for rule, pattern in ((r.name, latin(p)) for r in PATTERNS for p in r.patterns):
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
