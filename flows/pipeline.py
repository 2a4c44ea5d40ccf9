"""Two cores on one machine: batch N's transforms run in a second process while this one validates
and loads batch N-1 and reads, cleans and compares batch N+1.

The flow process does everything that touches the database (compare, near-duplicates, load: DuckDB
allows one writer) and validation (which balances the two processes' work); the transform process
runs sentences, entities and quotes (`transform_tables`) as plain functions and sends the tables
back. One batch is out at a time, so memory stays bounded, and it counts as stored while it is
out: a batch is compared with the database and with the batch still out (its versions and its
original articles' signatures), so the tables are the ones the one-process runner (`--runner
local`) produces. The one difference: an article of the batch still out that then fails
validation was already a near-duplicate candidate.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Generator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import polars as pl

from flows.batch import (
    DEFAULT_MAX_CHARS,
    add_seconds,
    batches,
    load_rejects_only,
    load_tables,
    prepare_batch,
    transform_tables,
    validate_tables,
    versions,
)
from flows.progress import progress_bar
from flows.readers import Reject
from flows.stop import check_stop


def _ignore_sigterm() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def transform(to_load: pl.DataFrame, ner: str, workers: int) -> tuple[dict[str, pl.DataFrame], dict[str, float]]:
    """(In the transform process) the batch's tables, not validated yet, and the seconds per stage."""
    seconds: dict[str, float] = {}
    return transform_tables(to_load, ner, workers, seconds, as_tasks=False), seconds


@dataclass
class Out:
    """A batch whose transforms are running, not loaded yet."""

    future: Future | None  # None: nothing to transform (all unchanged or rejected)
    to_load: pl.DataFrame
    run_id: str
    rejects: list[pl.DataFrame]
    counts: dict
    seconds: dict[str, float]
    versions: pl.DataFrame  # article_id, content_hash, signature, duplicate_of of the articles it will load


def finish(db_path: str, batch: Out) -> dict:
    """Wait for a batch's transforms, validate the tables and load them in one transaction; its counts."""
    tables: dict[str, pl.DataFrame] = {}
    if batch.future is not None:
        found, seconds = batch.future.result()
        add_seconds(batch.seconds, seconds)
        tables = validate_tables(batch.to_load, found, batch.run_id, batch.seconds)
    return load_tables(db_path, tables, batch.rejects, batch.counts, batch.seconds)


def ingest_pipelined(
    files: list[str],
    read_rejects: list[Reject],
    db_path: str,
    run_id: str,
    batch_size: int,
    ner: str,
    workers: int,
    progress: bool,
    reprocess: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Generator[dict, None, None]:
    """Every batch of the files, transformed in a second process and loaded here in reading order;
    yields each batch's counts as it is loaded. After each load it raises Interrupted when SIGTERM
    asked the run to stop; the batch still out is dropped and the transform process shut down."""
    # spawn, not fork: Polars' and DuckDB's thread pools do not survive a fork
    # the transform process ignores SIGTERM (systemd sends it to the whole group): this process
    # decides when to stop, between batches, and shuts it down
    with (
        ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_ignore_sigterm) as pool,
        progress_bar(progress, "articles") as bar,
    ):
        out: Out | None = None
        for records, rejects in batches(files, batch_size, max_chars):
            seconds: dict[str, float] = {}
            to_load, reject_frames, counts = prepare_batch(
                records,
                read_rejects + rejects,
                db_path,
                run_id,
                out.versions if out else None,
                seconds,
                reprocess=reprocess,
            )
            read_rejects = []
            future = pool.submit(transform, to_load, ner, workers) if to_load.height else None
            if out is not None:
                yield finish(db_path, out)
                bar(out.counts["seen"])
                check_stop()
            out = Out(future, to_load, run_id, reject_frames, counts, seconds, versions(to_load))
        if out is not None:
            yield finish(db_path, out)
            bar(out.counts["seen"])
            check_stop()
    if read_rejects:  # no batch at all: the sources' rejects still land
        yield load_rejects_only(db_path, read_rejects, run_id)
