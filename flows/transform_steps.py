"""The transform steps of a batch as plain functions: sentences, entities, quotes (no Prefect, no
database). `flows.stages` makes Prefect tasks of them for the flow; the pipeline runner's transform
processes import only this module, so they do not carry Prefect's imports (about 90 MB each).
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache

import polars as pl

from transforms.entities import link_mentions, load_ner, ner_spans
from transforms.ids import stable_id
from transforms.quote_marks import MISPLACED_OPENER
from transforms.quotes import ENGINE as QUOTES_ENGINE
from transforms.quotes import misplaced_marks
from transforms.quotes import quotes as quotes_of
from transforms.sentences import split_bodies
from warehouse.faults import crash_point

# Stages that need English: the others run on every language.
ENGLISH = ("en",)


@contextmanager
def timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    """Add the wall time of the block to `seconds[stage]` (the per-stage times a run reports)."""
    t0 = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - t0


def split_sentences(articles: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(paragraphs, sentences) of the articles."""
    return split_bodies(articles)


@lru_cache(maxsize=2)
def ner_model(mode: str):
    """The NER pipeline for `mode`, loaded once per process."""
    return load_ner(mode)


def find_entities(
    articles: pl.DataFrame, paras: pl.DataFrame, sents: pl.DataFrame, mode: str, n_process: int = 1
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(mentions, entities) for the English articles."""
    english = articles.filter(pl.col("language").is_null() | pl.col("language").is_in(ENGLISH)).select("article_id")
    spans = ner_spans(paras.join(english, on="article_id", how="semi"), ner_model(mode), n_process=n_process)
    return link_mentions(spans, sents)


# An article longer than QUOTE_WINDOWED_FROM characters has its quotes found window by window (runs
# of whole paragraphs of about QUOTE_WINDOW_CHARS): the quote stage pairs every speaker with every
# mention of its article, so one 1 MB article took 2.7 GB and 40 s there. No real article comes
# near (the longest of the 2,520 BBC ones has 104,182 characters), so their quotes are unchanged;
# the windows are small, since a window's cost grows with its square (reported speech doubles the
# speakers: a 1 MB article's quote stage peaked 1.9 GB over in 100,000-character windows, 0.6 GB in 25,000).
QUOTE_WINDOWED_FROM = 150_000
QUOTE_WINDOW_CHARS = 25_000


def quote_windows(
    articles: pl.DataFrame,
    sents: pl.DataFrame,
    mentions: pl.DataFrame,
    window: int = QUOTE_WINDOW_CHARS,
    windowed_from: int = QUOTE_WINDOWED_FROM,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Long articles cut into windows the quote stage takes as articles of their own.

    Returns (articles, sentences, mentions) with each long article replaced by its windows (id
    `<article_id>#<n>`, body the window's text, offsets shifted into it), and the windows
    (`window_id`, `article_id`, `w0`: where the window starts in the body). A window is the
    sentences whose paragraph starts in it; a paragraph longer than `window` is cut between sentences.
    """
    length = pl.col("body").str.len_chars()
    long = articles.filter(length > windowed_from).select("article_id", "body")
    none = pl.DataFrame(schema={"window_id": pl.String, "article_id": pl.String, "w0": pl.Int64})
    if long.height == 0:
        return articles, sents, mentions, none
    start = pl.col("start_char")
    s = (
        sents.join(long.select("article_id"), on="article_id", how="semi")
        .with_columns(
            pstart=start.min().over("article_id", "paragraph_id"),
            plen=pl.col("end_char").max().over("article_id", "paragraph_id")
            - start.min().over("article_id", "paragraph_id"),
        )
        .with_columns(
            window_id=pl.format(
                "{}#{}",
                "article_id",
                pl.when(pl.col("plen") > window).then(start // window).otherwise(pl.col("pstart") // window),
            )
        )
    )
    windows = s.group_by("window_id").agg(
        pl.col("article_id").first(), w0=start.min().cast(pl.Int64), w1=pl.col("end_char").max().cast(pl.Int64)
    )
    bodies = windows.join(long, on="article_id").select(
        article_id="window_id", body=pl.col("body").str.slice("w0", pl.col("w1") - pl.col("w0"))
    )
    shift = {c: (pl.col(c) - pl.col("w0")).cast(sents.schema[c]) for c in ("start_char", "end_char")}
    key = windows.select("window_id", "w0")
    w_sents = s.join(key, on="window_id").with_columns(article_id="window_id", **shift).select(sents.columns)
    w_mentions = (
        mentions.join(s.select("article_id", "sentence_id", "window_id"), on=["article_id", "sentence_id"])
        .join(key, on="window_id")
        .with_columns(
            article_id="window_id",
            **{c: (pl.col(c) - pl.col("w0")).cast(mentions.schema[c]) for c in ("start_char", "end_char")},
        )
        .select(mentions.columns)
    )
    short = articles.join(long.select("article_id"), on="article_id", how="anti")
    return (
        pl.concat([short.select("article_id", "body"), bodies]),
        pl.concat([sents.join(long.select("article_id"), on="article_id", how="anti"), w_sents]),
        pl.concat([mentions.join(long.select("article_id"), on="article_id", how="anti"), w_mentions]),
        windows.select("window_id", "article_id", "w0"),
    )


def _from_windows(rows: pl.DataFrame, windows: pl.DataFrame, offsets: list[str]) -> pl.DataFrame:
    """Rows found in windows (`quote_windows`) back on their articles, with body offsets."""
    if windows.height == 0 or rows.height == 0:
        return rows
    back = rows.join(windows, left_on="article_id", right_on="window_id", how="left", suffix="_of")
    return back.with_columns(
        article_id=pl.coalesce("article_id_of", "article_id"),
        **{c: (pl.col(c) + pl.col("w0").fill_null(0)).cast(rows.schema[c]) for c in offsets},
    ).select(rows.columns)


def find_quotes(
    articles: pl.DataFrame, sents: pl.DataFrame, mentions: pl.DataFrame, entities: pl.DataFrame, mode: str = "spacy"
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(quotes with speakers, rejects for the passages whose marks give no quote) of the English articles.

    Reported speech comes from spaCy's parse in `spacy` mode, from patterns in `rules` mode (no model)."""
    english = articles.filter(pl.col("language").is_null() | pl.col("language").is_in(ENGLISH))
    texts, sents, mentions, windows = quote_windows(english.select("article_id", "body"), sents, mentions)
    bodies = texts.lazy()
    reported = "parse" if mode == "spacy" else "patterns"
    found = quotes_of(bodies, sents.lazy(), mentions.lazy(), entities.lazy(), reported=reported).collect(
        engine=QUOTES_ENGINE
    )
    if windows.height:
        back = _from_windows(found, windows, ["start_char", "end_char", "speaker_start", "speaker_end"])
        # ids from the article's offsets; a statement's parts follow their statement's new id
        renamed = back.select(old="quote_id", new=stable_id("article_id", "start_char", "end_char"))
        found = (
            back.with_columns(quote_id=renamed["new"])
            .join(renamed, left_on="part_of_quote_id", right_on="old", how="left")
            .with_columns(part_of_quote_id=pl.col("new"))
            .drop("new")
            .sort("article_id", "start_char")
        )
    left_out = _from_windows(misplaced_marks(bodies, sents.lazy()).collect(), windows, ["start_char"])
    rejects = left_out.join(english.select("article_id", "source"), on="article_id").select(
        "source",
        stage=pl.lit("quotes"),
        reason=pl.lit(MISPLACED_OPENER),
        payload=pl.struct("article_id", "start_char", "text").struct.json_encode(),
    )
    return found, rejects


def entity_tables(
    to_load: pl.DataFrame,
    ner: str,
    workers: int,
    seconds: dict[str, float],
    split: Callable = split_sentences,
    find: Callable = find_entities,
) -> dict[str, pl.DataFrame]:
    """Sentences, mentions and entities of the articles to load; `split` and `find` are these
    steps or the flow's tasks of them."""
    with timed(seconds, "sentences"):
        paras, sents = split(to_load)
    with timed(seconds, "entities"):
        mentions, entities = find(to_load, paras, sents, ner, workers)
    return {"sentences": sents, "mentions": mentions, "entities": entities}


def quote_tables(
    to_load: pl.DataFrame,
    found: dict[str, pl.DataFrame],
    ner: str,
    seconds: dict[str, float],
    find: Callable = find_quotes,
) -> dict[str, pl.DataFrame]:
    """`found` (what `entity_tables` returned) with the batch's quotes and `quote_rejects`."""
    with timed(seconds, "quotes"):
        quotes, left_out = find(to_load, found["sentences"], found["mentions"], found["entities"], ner)
    crash_point("transform")
    return {**found, "quotes": quotes, "quote_rejects": left_out}


Tables = tuple[dict[str, pl.DataFrame], dict[str, float]]


def ignore_sigterm() -> None:
    """(In a transform process) ignore SIGTERM: systemd sends it to the whole group, and the flow
    process decides when to stop, between batches, and shuts the transform processes down."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def entities_out(to_load: pl.DataFrame, ner: str, workers: int) -> Tables:
    """(In the pipeline runner's entity process) `entity_tables` and its seconds per stage."""
    seconds: dict[str, float] = {}
    return entity_tables(to_load, ner, workers, seconds), seconds


def quotes_out(to_load: pl.DataFrame, found: dict[str, pl.DataFrame], ner: str) -> Tables:
    """(In the pipeline runner's quote process) `quote_tables` and its seconds."""
    seconds: dict[str, float] = {}
    return quote_tables(to_load, found, ner, seconds), seconds
