"""The steps of one batch, shared by every runner: read, prepare, transform, validate, load.

One batch of articles goes, in order, through:

- read (`batches`): raw records and rejects from the sources, `size` articles at a time;
- prepare (`prepare_batch`): clean, compare with the database (and with the batches not loaded
  yet), find near-duplicates; the articles that need loading;
- transform (`transform_tables`): sentences, entities, quotes (no database access: this is the part
  a runner may move to another process or a cluster);
- validate (`validate_tables`): every table against its model, the articles' counts and
  fingerprints;
- load (`load_tables`): one transaction.

A runner decides where each step runs: `flows.local_runner` (all here), `flows.pipeline`
(transforms in a second process) and `flows.dask_runner` (transforms and validation on a Dask
cluster). They depend on this module, never on each other or on `flows.ingest`, which picks one.
Each yields the counts of each batch it loads (`load_tables`), which `add_counts` adds up.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import polars as pl
from prefect import task
from prefect.cache_policies import NONE

import warehouse
from flows import transform_steps as steps
from flows.readers import RawArticle, Reject, expand_sources, read_source
from flows.stages import (
    clean,
    compare_with_stored,
    find_entities,
    find_near_duplicates,
    find_quotes,
    load,
    now,
    raw_frame,
    rejects_frame,
    split_sentences,
    validate,
)
from flows.transform_steps import timed
from transforms.dedupe import band_keys, band_matrix
from transforms.gender import person_evidence
from warehouse.lookup import SortedKeys, hash64

DEFAULT_BATCH = 500
# Characters of text one article may hold: a longer record is rejected as it is read, before any
# stage sees it (the stages' memory grows with an article's length; 1,000,000 characters take
# about 1.1 GB for the whole run). --max-article-chars changes it.
DEFAULT_MAX_CHARS = 1_000_000
# What a batch not loaded yet has in flight: compared with as if stored (see `prepare_batch`).
VERSION_COLUMNS = {
    "article_id": pl.String,
    "content_hash": pl.String,
    "signature": pl.Binary,
    "duplicate_of": pl.String,
}


@dataclass
class Summary:
    """What a run did: counts per table and per outcome, for the CLI's closing lines."""

    run_id: str
    db_path: str
    seen: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    loaded: dict[str, int] = field(
        default_factory=lambda: {"articles": 0, "sentences": 0, "quotes": 0, "mentions": 0, "entities": 0}
    )
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    status: str = "running"
    # the distinct entities loaded, as 64-bit hashes of their ids (8 bytes each, where a set of the
    # ids took some 100: millions of entities in a long run): an entity of several batches counts
    # once in `loaded["entities"]` (two ids of one hash would count once: a chance of about 1e-7
    # among 2 million)
    entity_keys: SortedKeys = field(default_factory=SortedKeys, repr=False)


@task(name="read", cache_policy=NONE)
def list_sources(sources: list[str]) -> tuple[list[str], list[Reject]]:
    """Files and URLs to read; missing paths and unknown file types are rejects."""
    return expand_sources(sources)


def too_long(record: RawArticle, max_chars: int) -> Reject | None:
    """A reject for a record whose text is longer than `max_chars` characters, else None."""
    n = len(record.body or "")
    if n <= max_chars:
        return None
    return Reject(
        record.source,
        "read",
        f"article too long: {n:,} characters of text, over the limit of {max_chars:,} (--max-article-chars)",
        record.body,  # cut to the usual payload size by Reject
    )


def batches(
    files: list[str], size: int, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[tuple[list[RawArticle], list[Reject]]]:
    """Raw articles and rejects from the files, `size` articles at a time (memory stays bounded).

    A record longer than `max_chars` characters becomes a reject here, so no stage sees it.
    """
    records: list[RawArticle] = []
    rejects: list[Reject] = []
    for f in files:
        for item in read_source(f):
            if isinstance(item, Reject):
                rejects.append(item)
            elif (cut := too_long(item, max_chars)) is not None:
                rejects.append(cut)
            else:
                records.append(item)
            if len(records) >= size:
                yield records, rejects
                records, rejects = [], []
    if records or rejects:
        yield records, rejects


def prepare_batch(
    records: list[RawArticle],
    read_rejects: list[Reject],
    db_path: str,
    run_id: str,
    in_flight: pl.DataFrame | None = None,
    seconds: dict[str, float] | None = None,
    reprocess: bool = False,
) -> tuple[pl.DataFrame, list[pl.DataFrame], dict]:
    """Clean the batch and compare it with the database (the loader's side of a batch).

    Returns (articles to process: new or changed, with `signature` and `duplicate_of`; reject
    frames so far; counts). `in_flight` (`article_id`, `content_hash`, optionally `signature`,
    `duplicate_of`) counts as stored: batches sent out but not loaded yet. `reprocess`: see
    `compare_with_stored`.
    """
    seconds = {} if seconds is None else seconds
    rejects = [rejects_frame(read_rejects, run_id)]
    counts = {"seen": len(records), "new": 0, "updated": 0, "unchanged": 0}
    if not records:
        return pl.DataFrame(), rejects, counts
    with timed(seconds, "clean"):
        candidates, repeats, empty = clean(raw_frame(records))
    rejects.append(rejects_frame(empty, run_id))
    with timed(seconds, "compare"):
        to_load, c = compare_with_stored(
            candidates,
            db_path,
            None if in_flight is None else in_flight.select("article_id", "content_hash"),
            reprocess,
        )
    counts.update(c)
    counts["unchanged"] += repeats.height
    if to_load.height:
        with timed(seconds, "near-duplicates"):
            flying = in_flight if in_flight is not None and "signature" in in_flight.columns else None
            to_load = find_near_duplicates(to_load, db_path, flying)
    return to_load, rejects, counts


def compute_tables(
    to_load: pl.DataFrame,
    run_id: str,
    ner: str,
    workers: int,
    seconds: dict[str, float] | None = None,
    as_tasks: bool = True,
) -> dict[str, pl.DataFrame]:
    """Sentences, entities, quotes and validation for articles to load; no database access.

    Returns the valid tables (articles, sentences, quotes, mentions, entities) and `rejects`
    (rows that failed validation), ready for `load`. `as_tasks=False` calls the stages as plain
    functions, for a process that has no Prefect flow (`flows.pipeline`).
    """
    seconds = {} if seconds is None else seconds
    return validate_tables(to_load, transform_tables(to_load, ner, workers, seconds, as_tasks), run_id, seconds)


def _stage(t, as_tasks: bool):
    return t if as_tasks else t.fn


def transform_tables(
    to_load: pl.DataFrame,
    ner: str,
    workers: int,
    seconds: dict[str, float],
    as_tasks: bool = True,
) -> dict[str, pl.DataFrame]:
    """The first half of `compute_tables`: sentences, mentions, entities and quotes, not validated."""
    return quote_tables(to_load, entity_tables(to_load, ner, workers, seconds, as_tasks), ner, seconds, as_tasks)


def entity_tables(
    to_load: pl.DataFrame, ner: str, workers: int, seconds: dict[str, float], as_tasks: bool = True
) -> dict[str, pl.DataFrame]:
    """Sentences, mentions and entities of the articles to load (`transform_tables` up to quotes)."""
    split, find = _stage(split_sentences, as_tasks), _stage(find_entities, as_tasks)
    return steps.entity_tables(to_load, ner, workers, seconds, split, find)


def quote_tables(
    to_load: pl.DataFrame, found: dict[str, pl.DataFrame], ner: str, seconds: dict[str, float], as_tasks: bool = True
) -> dict[str, pl.DataFrame]:
    """`found` (what `entity_tables` returned) with the quotes of the batch and `quote_rejects`."""
    return steps.quote_tables(to_load, found, ner, seconds, _stage(find_quotes, as_tasks))


def validate_tables(
    to_load: pl.DataFrame,
    found: dict[str, pl.DataFrame],
    run_id: str,
    seconds: dict[str, float],
) -> dict[str, pl.DataFrame]:
    """The second half of `compute_tables`: the articles with their sentence counts and the tables
    `transform_tables` found, validated, with the fingerprints of the valid articles."""
    with timed(seconds, "validate"):
        n_sentences = found["sentences"].group_by("article_id").agg(n_sentences=pl.len().cast(pl.Int64))
        articles = to_load.join(n_sentences, on="article_id", how="left").with_columns(
            pl.col("n_sentences").fill_null(0),
            ingested_at=pl.lit(now()).cast(pl.Datetime("us", "UTC")),
            run_id=pl.lit(run_id),
        )
        found = dict(found)
        left_out = found.pop("quote_rejects")
        tables, bad = validate({"articles": articles, **found})
        tables["rejects"] = rejects_frame(pl.concat([bad, left_out]), run_id)
        signatures = to_load.select("article_id", "signature").join(tables["articles"], on="article_id", how="semi")
        tables["article_signatures"] = signatures
        tables["article_bands"] = band_keys(signatures)
    with timed(seconds, "person evidence"):
        # what the people step needs of the batch, kept now: it never reads the corpus back
        tables["person_evidence"] = person_evidence(
            tables["mentions"], tables["quotes"], tables["entities"], tables["sentences"]
        )
    return tables


def load_tables(
    db_path: str, tables: dict[str, pl.DataFrame], rejects: list[pl.DataFrame], counts: dict, seconds: dict[str, float]
) -> dict:
    """Load a batch's tables with its rejects in one transaction; returns `counts` completed."""
    tables = dict(tables)
    tables["rejects"] = pl.concat([*rejects, tables["rejects"]] if "rejects" in tables else rejects)
    with timed(seconds, "load"):
        load(db_path, tables)
    counts["rejected"] = tables["rejects"].height
    counts["loaded"] = {t: df.height for t, df in tables.items() if t not in ("rejects", "entities")}
    counts["entity_ids"] = tables["entities"]["entity_id"].to_list() if "entities" in tables else []
    counts["seconds"] = seconds
    return counts


def process_batch(
    records: list[RawArticle],
    read_rejects: list[Reject],
    db_path: str,
    run_id: str,
    ner: str,
    workers: int,
    reprocess: bool = False,
) -> dict:
    """Every stage for one batch, ending in one load transaction. Returns the batch's counts."""
    seconds: dict[str, float] = {}
    to_load, rejects, counts = prepare_batch(
        records, read_rejects, db_path, run_id, seconds=seconds, reprocess=reprocess
    )
    tables = compute_tables(to_load, run_id, ner, workers, seconds) if to_load.height else {}
    return load_tables(db_path, tables, rejects, counts, seconds)


def load_rejects_only(db_path: str, read_rejects: list[Reject], run_id: str) -> dict:
    """Load rejects that came with no batch (every source missing or unreadable); their counts."""
    _, reject_frames, counts = prepare_batch([], read_rejects, db_path, run_id)
    return load_tables(db_path, {}, reject_frames, counts, {})


def versions(to_load: pl.DataFrame) -> pl.DataFrame:
    """What a batch sent out will load (`VERSION_COLUMNS`): later batches compare with it as if
    it were stored, so an article repeated across batches loads once, as it does in one process."""
    if to_load.height == 0:
        return pl.DataFrame(schema=VERSION_COLUMNS)
    return to_load.select(*VERSION_COLUMNS)


def add_seconds(seconds: dict[str, float], more: dict[str, float]) -> None:
    """Add per-stage seconds measured elsewhere (a transform process, a Dask worker) to `seconds`."""
    for stage, s in more.items():
        seconds[stage] = seconds.get(stage, 0.0) + s


def add_counts(summary: Summary, counts: dict) -> None:
    """Add one batch's counts (as `load_tables` returns them) to the run's summary.

    Articles, sentences, quotes and mentions belong to one batch each and add up; an entity may be
    loaded by several batches, so `loaded["entities"]` counts the distinct ones.
    """
    for k in ("seen", "new", "updated", "unchanged", "rejected"):
        setattr(summary, k, getattr(summary, k) + counts[k])
    for t, n in counts["loaded"].items():
        summary.loaded[t] = summary.loaded.get(t, 0) + n
    keys = hash64(pl.Series(counts.get("entity_ids", []), dtype=pl.String).unique())
    summary.entity_keys.add(keys[~summary.entity_keys.contains(keys)])
    summary.loaded["entities"] = len(summary.entity_keys)
    add_seconds(summary.stage_seconds, counts.get("seconds", {}))


@contextmanager
def run_connection(db_path: str, seconds: dict[str, float] | None = None) -> Iterator[None]:
    """The write connection the run's batches share (`warehouse.held_connection`), opened with the
    upgrades an older database needs (`warehouse.upgrade_band_keys`), with the index of what is
    stored that compare and near-duplicates look up (`warehouse.lookup`).

    Closing it checkpoints what the batches since the last reopen wrote: that is load's work (as it
    is at each reopen, inside `load`), so its time goes to `seconds["load"]`. Without it a run of
    fewer than 10,000 articles reported loads that never checkpoint, a longer one loads that do.
    """
    with warehouse.held_connection(
        db_path, on_open=lambda con: warehouse.upgrade_band_keys(con, band_keys), band_matrix=band_matrix
    ):
        yield
        t_close = time.perf_counter()
    if seconds is not None:
        seconds["load"] = seconds.get("load", 0.0) + time.perf_counter() - t_close
