"""Several cores on one machine: three processes work on three batches at once. While this one
validates and loads batch N-2 and reads, cleans and compares batch N+1, an entity process finds
batch N's sentences and entities and a quote process batch N-1's quotes.

The flow process does everything that touches the database (compare, near-duplicates, load: DuckDB
allows one writer) and validation; the two transform processes run `entity_tables` and
`quote_tables` as plain functions, and the tables come back through this process. Their work per
batch is of the same order as this one's, so on two cores the three keep both busy: before, one
transform process did all three stages and was the run's critical path while the other core
waited (`docs/scale.md`).

At most IN_FLIGHT batches are out at a time, so memory stays bounded, and they count as stored
while they are out: a batch is compared with the database and with the batches still out (their
versions and their original articles' signatures), so the tables are the ones the one-process runner
(`--runner local`) produces. The one difference: an article of a batch still out that then fails
validation was already a near-duplicate candidate.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import polars as pl

from flows.batch import (
    DEFAULT_MAX_CHARS,
    add_seconds,
    batches,
    load_rejects_only,
    load_tables,
    prepare_batch,
    validate_tables,
    versions,
)
from flows.cores import available_cores, polars_threads
from flows.progress import progress_bar
from flows.readers import Reject
from flows.stop import check_stop
from flows.transform_steps import Tables, entities_out, ignore_sigterm, quotes_out

# batches out (sent to the transform processes, not loaded yet): one per process of the chain
IN_FLIGHT = 2


@contextmanager
def spawned_with(env: dict[str, str]) -> Iterator[None]:
    """Processes spawned in the block start with `env` added to this process's environment (a
    spawned process copies it when it starts; Polars reads its thread count once, at import).
    This process's own environment is as before after the block."""
    before = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@dataclass
class Chain:
    """The two transform processes, and a thread here that hands a batch from one to the other."""

    entities: ProcessPoolExecutor
    quotes: ProcessPoolExecutor
    hand_over: ThreadPoolExecutor

    def submit(self, to_load: pl.DataFrame, ner: str, workers: int) -> Future:
        """A future of the batch's tables, not validated yet, and its seconds per stage."""
        first = self.entities.submit(entities_out, to_load, ner, workers)
        return self.hand_over.submit(self._then_quotes, first, to_load, ner)

    def _then_quotes(self, first: Future, to_load: pl.DataFrame, ner: str) -> Tables:
        found, seconds = first.result()
        tables, more = self.quotes.submit(quotes_out, to_load, found, ner).result()
        add_seconds(seconds, more)
        return tables, seconds


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


def _finish_oldest(db_path: str, out: deque[Out], bar) -> Generator[dict, None, None]:
    """Load the oldest batch out and yield its counts; then raise Interrupted if the run was asked
    to stop (after the yield, so the run's summary counts the batch)."""
    batch = out.popleft()
    yield finish(db_path, batch)
    bar(batch.counts["seen"])
    check_stop()


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
    """Every batch of the files, transformed in two other processes and loaded here in reading order;
    yields each batch's counts as it is loaded. After each load it raises Interrupted when SIGTERM
    asked the run to stop; the batches still out are dropped and the transform processes shut down."""
    # spawn, not fork: Polars' and DuckDB's thread pools do not survive a fork
    # the transform processes ignore SIGTERM (systemd sends it to the whole group): this process
    # decides when to stop, between batches, and shuts them down
    spawn = multiprocessing.get_context("spawn")
    with (
        ProcessPoolExecutor(1, mp_context=spawn, initializer=ignore_sigterm) as entities,
        ProcessPoolExecutor(1, mp_context=spawn, initializer=ignore_sigterm) as quotes,
        ThreadPoolExecutor(IN_FLIGHT, thread_name_prefix="hand-over") as hand_over,
        progress_bar(progress, "articles") as bar,
    ):
        # (`newsdesk run` sets it for its own process too, before Polars is imported: the CLI)
        threads = os.environ.get("POLARS_MAX_THREADS") or str(polars_threads("pipeline", available_cores()))
        with spawned_with({"POLARS_MAX_THREADS": threads}):
            # (the pools start their process at the first submit: start them now, in this env)
            for pool in (entities, quotes):
                pool.submit(int).result()
        chain = Chain(entities, quotes, hand_over)
        out: deque[Out] = deque()
        for records, rejects in batches(files, batch_size, max_chars):
            seconds: dict[str, float] = {}
            in_flight = pl.concat([o.versions for o in out]) if out else None
            to_load, reject_frames, counts = prepare_batch(
                records, read_rejects + rejects, db_path, run_id, in_flight, seconds, reprocess=reprocess
            )
            read_rejects = []
            future = chain.submit(to_load, ner, workers) if to_load.height else None
            out.append(Out(future, to_load, run_id, reject_frames, counts, seconds, versions(to_load)))
            if len(out) > IN_FLIGHT:
                yield from _finish_oldest(db_path, out, bar)
        while out:
            yield from _finish_oldest(db_path, out, bar)
    if read_rejects:  # no batch at all: the sources' rejects still land
        yield load_rejects_only(db_path, read_rejects, run_id)
