"""The ingest flow: sources in, DuckDB tables out, batch by batch."""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.runtime import flow_run

import warehouse
from flows.progress import progress_bar
from flows.readers import RawArticle, Reject, expand_sources, read_source
from flows.stages import (
    clean,
    compare_with_stored,
    find_entities,
    find_near_duplicates,
    find_quotes,
    held_connection,
    load,
    now,
    raw_frame,
    record_run,
    rejects_frame,
    split_sentences,
    validate,
)
from transforms.dedupe import band_keys
from warehouse.faults import crash_point

DEFAULT_BATCH = 500
# Characters of text one article may hold: a longer record is rejected as it is read, before any
# stage sees it (the stages' memory grows with an article's length; 1,000,000 characters take
# about 1.1 GB for the whole run). --max-article-chars changes it.
DEFAULT_MAX_CHARS = 1_000_000


class Interrupted(Exception):
    """The run was asked to stop (SIGTERM) and stopped between batches."""


# Set by SIGTERM during a run (see `stop_on_sigterm`); checked between batches.
_STOP = threading.Event()


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """While the block runs, SIGTERM asks the run to stop at the next batch boundary: the batch
    being loaded commits, the one being read or transformed is dropped, and `check_stop` raises
    Interrupted. A second SIGTERM goes to the handler that was there before (Prefect's: the run
    stops at once, its open transaction rolled back). Polars and DuckDB do not return to Python
    inside one operation, so stopping at once could not happen sooner anyway."""
    _STOP.clear()
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)

    def handler(signum, frame):
        if not _STOP.is_set():
            _STOP.set()
            return
        signal.signal(signal.SIGTERM, previous)
        if callable(previous):
            previous(signum, frame)
        else:
            os.kill(os.getpid(), signum)

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def stop_requested() -> bool:
    """Whether SIGTERM asked the run to stop (see `stop_on_sigterm`)."""
    return _STOP.is_set()


def check_stop() -> None:
    """Raise Interrupted when SIGTERM asked the run to stop (call between batches)."""
    if _STOP.is_set():
        raise Interrupted("received SIGTERM: stopped between batches")


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


def run_name() -> str:
    """Run name shown in the Prefect UI: what was ingested."""
    params = flow_run.parameters or {}
    sources = [str(s) for s in params.get("sources") or ["seeds/"]]
    shown = ", ".join(Path(s).name or s for s in sources[:3]) + (f" +{len(sources) - 3}" if len(sources) > 3 else "")
    return f"ingest {shown} -> {Path(str(params.get('db_path', warehouse.DEFAULT_DB))).name}"


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


@contextmanager
def timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    """Add the wall time of the block to `seconds[stage]` (the per-stage times a run reports)."""
    t0 = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - t0


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
    return validate_tables(
        to_load, transform_tables(to_load, ner, workers, seconds, as_tasks), run_id, seconds, as_tasks
    )


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
    with timed(seconds, "sentences"):
        paras, sents = _stage(split_sentences, as_tasks)(to_load)
    with timed(seconds, "entities"):
        mentions, entities = _stage(find_entities, as_tasks)(to_load, paras, sents, ner, workers)
    with timed(seconds, "quotes"):
        quotes, left_out = _stage(find_quotes, as_tasks)(to_load, sents, mentions, entities, ner)
    crash_point("transform")
    return {"sentences": sents, "quotes": quotes, "mentions": mentions, "entities": entities, "quote_rejects": left_out}


def validate_tables(
    to_load: pl.DataFrame,
    found: dict[str, pl.DataFrame],
    run_id: str,
    seconds: dict[str, float],
    as_tasks: bool = True,
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
        tables, bad = _stage(validate, as_tasks)({"articles": articles, **found})
        tables["rejects"] = rejects_frame(pl.concat([bad, left_out]), run_id)
        signatures = to_load.select("article_id", "signature").join(tables["articles"], on="article_id", how="semi")
        tables["article_signatures"] = signatures
        tables["article_bands"] = band_keys(signatures)
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
    counts["loaded"] = {t: df.height for t, df in tables.items() if t != "rejects"}
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


def add_counts(summary: Summary, counts: dict) -> None:
    """Add one batch's counts (as `process_batch` returns them) to the run's summary."""
    for k in ("seen", "new", "updated", "unchanged", "rejected"):
        setattr(summary, k, getattr(summary, k) + counts[k])
    for t, n in counts["loaded"].items():
        summary.loaded[t] = summary.loaded.get(t, 0) + n
    for stage, s in counts.get("seconds", {}).items():
        summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + s


def process_all(
    files: list[str],
    pending_rejects: list[Reject],
    summary: Summary,
    db_path: str,
    run_id: str,
    batch_size: int,
    ner: str,
    workers: int,
    progress: bool,
    runner: str,
    dask_address: str | None,
    staging: str | None,
    reprocess: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> None:
    """Every batch of the files through every stage, on the chosen runner; counts go into `summary`.

    Between batches it raises Interrupted when SIGTERM asked the run to stop (`stop_on_sigterm`).
    """
    if runner == "dask":
        from flows.dask_runner import ingest_on_dask

        for counts in ingest_on_dask(
            files,
            pending_rejects,
            db_path,
            run_id,
            batch_size,
            ner,
            workers,
            progress,
            dask_address,
            staging,
            reprocess=reprocess,
            max_chars=max_chars,
        ):
            add_counts(summary, counts)
        check_stop()
    elif runner == "pipeline":
        from flows.pipeline import ingest_pipelined

        # closing: on a stop, the batch still out is dropped and the transform process shut down now
        with closing(
            ingest_pipelined(
                files, pending_rejects, db_path, run_id, batch_size, ner, workers, progress, reprocess, max_chars
            )
        ) as loaded:
            for counts in loaded:
                add_counts(summary, counts)
                check_stop()
    elif runner == "local":
        with progress_bar(progress, "articles") as bar:
            for records, read_rejects in batches(files, batch_size, max_chars):
                check_stop()
                crash_point("read")
                add_counts(
                    summary,
                    process_batch(records, pending_rejects + read_rejects, db_path, run_id, ner, workers, reprocess),
                )
                pending_rejects = []
                bar(len(records))
                check_stop()
        if pending_rejects:
            add_counts(summary, process_batch([], pending_rejects, db_path, run_id, ner, workers))
    else:
        raise ValueError(f"runner must be 'local', 'pipeline' or 'dask', not {runner!r}")


@flow(name="newsdesk-ingest", flow_run_name=run_name, log_prints=True)
def ingest(
    sources: list[str] | None = None,
    db_path: str = str(warehouse.DEFAULT_DB),
    batch_size: int = DEFAULT_BATCH,
    ner: str = "spacy",
    workers: int = 1,
    progress: bool = False,
    runner: str = "local",
    dask_address: str | None = None,
    staging: str | None = None,
    reprocess: bool = False,
    max_article_chars: int = DEFAULT_MAX_CHARS,
) -> Summary:
    """Read the sources, build every table, validate, and load into DuckDB batch by batch.

    :param sources: files, folders (walked recursively) and URLs; default `seeds/`.
    :param db_path: the DuckDB file; created when missing.
    :param batch_size: articles per batch: each batch is one transaction, and bounds memory.
    :param ner: "spacy" (the English model) or "rules" (fast, no model).
    :param workers: processes for the NER model.
    :param progress: show a progress bar over articles.
    :param runner: "local" (every stage in this process), "pipeline" (the per-batch transforms in a
        second process, overlapping this one's reading and loading; see `flows.pipeline`) or "dask"
        (per-batch transforms on a Dask cluster, tables staged as Parquet, loaded here; see
        `flows.dask_runner`).
    :param dask_address: scheduler of the Dask cluster, e.g. "tcp://10.0.0.5:8786" (runner "dask"
        only; none starts a local cluster).
    :param staging: folder or fsspec URL the Dask workers write Parquet to, reachable from every
        worker and from here (runner "dask" only; default a temporary folder).
    :param reprocess: load again the articles already stored with the same content, rebuilding
        their sentences, quotes and entities with this version's rules (counted as updated).
    :param max_article_chars: a record with more characters of text than this is not processed:
        it becomes a `rejects` row (stage read) saying its size and the limit.

    SIGTERM stops the run between batches: batches already loaded stay, the `runs` row says
    'interrupted', and Interrupted is raised. A second SIGTERM stops it at once (recorded 'failed').
    """
    log = get_run_logger()
    sources = [str(s) for s in (sources or ["seeds/"])]
    run_id = flow_run.id or str(uuid.uuid4())
    t0 = time.perf_counter()
    summary = Summary(run_id=run_id, db_path=db_path)
    run = {
        "run_id": run_id,
        "run_name": flow_run.name,
        "started_at": now(),
        "finished_at": None,
        "status": "running",
        "sources": ", ".join(sources),
        "seen": 0,
        "new": 0,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "message": None,
    }
    # one run writes at a time; a second waits, then fails naming this one (and is not recorded)
    lock = warehouse.acquire_run_lock(db_path, run_id=run_id)
    try:
        record_run(db_path, run)
        files, missing = list_sources(sources)
        log.info("Reading %d file(s)/URL(s) from %s", len(files), ", ".join(sources))
        pending_rejects = list(missing)
        with stop_on_sigterm(), held_connection(db_path):
            process_all(
                files,
                pending_rejects,
                summary,
                db_path,
                run_id,
                batch_size,
                ner,
                workers,
                progress,
                runner,
                dask_address,
                staging,
                reprocess,
                max_article_chars,
            )
        summary.status = "completed"
    except BaseException as exc:
        summary.status = "interrupted" if isinstance(exc, Interrupted) else "failed"
        detail = str(exc) or (f"received {signal.Signals(exc.signal).name}" if hasattr(exc, "signal") else "")
        run["message"] = f"{type(exc).__name__}: {detail}"[:2000]
        raise
    finally:
        summary.seconds = time.perf_counter() - t0
        run.update(
            finished_at=now(),
            status=summary.status,
            seen=summary.seen,
            new=summary.new,
            updated=summary.updated,
            unchanged=summary.unchanged,
            rejected=summary.rejected,
        )
        try:
            record_run(db_path, run)
        except Exception as exc:  # the run's own error matters more than the bookkeeping's
            log.warning("could not record the run: %s", exc)
        lock.release()
    log.info(
        "Run %s: %d seen, %d new, %d updated, %d unchanged, %d rejected in %.1f s",
        run_id,
        summary.seen,
        summary.new,
        summary.updated,
        summary.unchanged,
        summary.rejected,
        summary.seconds,
    )
    return summary
