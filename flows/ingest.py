"""The ingest flow: sources in, DuckDB tables out, batch by batch, on the runner it picks.

The steps of a batch are in `flows.batch`; where they run is a runner's business:
`flows.local_runner` (one process), `flows.pipeline` (transforms in a second process) and
`flows.dask_runner` (a Dask cluster). This module holds the run's bookkeeping (the `runs` row,
the writer lock, SIGTERM) and picks the runner; each runner yields the counts of the batches it
loads.
"""

from __future__ import annotations

import signal
import time
import uuid
from collections.abc import Generator, Iterable
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

import warehouse
from flows.batch import DEFAULT_BATCH, DEFAULT_MAX_CHARS, Summary, add_counts, list_sources, run_connection
from flows.dask_runner import ingest_on_dask
from flows.local_runner import ingest_locally
from flows.people import people_step
from flows.pipeline import ingest_pipelined
from flows.readers import Reject
from flows.stages import now, record_run
from flows.stop import Interrupted, check_stop, stop_on_sigterm

RUNNERS = ("local", "pipeline", "dask")

__all__ = ["DEFAULT_BATCH", "DEFAULT_MAX_CHARS", "RUNNERS", "Interrupted", "Summary", "ingest"]


def run_name() -> str:
    """Run name shown in the Prefect UI: what was ingested."""
    params = flow_run.parameters or {}
    sources = [str(s) for s in params.get("sources") or ["seeds/"]]
    shown = ", ".join(Path(s).name or s for s in sources[:3]) + (f" +{len(sources) - 3}" if len(sources) > 3 else "")
    return f"ingest {shown} -> {Path(str(params.get('db_path', warehouse.DEFAULT_DB))).name}"


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
    """Every batch of the files through every step, on the chosen runner; counts go into `summary`.

    Between batches it raises Interrupted when SIGTERM asked the run to stop (`flows.stop`).
    """
    loaded: Iterable[dict]
    if runner == "local":
        loaded = ingest_locally(
            files, pending_rejects, db_path, run_id, batch_size, ner, workers, progress, reprocess, max_chars
        )
    elif runner == "pipeline":
        loaded = ingest_pipelined(
            files, pending_rejects, db_path, run_id, batch_size, ner, workers, progress, reprocess, max_chars
        )
    elif runner == "dask":
        loaded = ingest_on_dask(
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
        )
    else:
        raise ValueError(f"runner must be one of {', '.join(map(repr, RUNNERS))}, not {runner!r}")
    stream = iter(loaded)
    try:
        for counts in stream:
            add_counts(summary, counts)
    finally:
        if isinstance(stream, Generator):  # a batch still out is dropped, a transform process shut down, now
            stream.close()
    check_stop()


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
    gender: bool = True,
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
    :param gender: infer persons' gender from the text's language (`entities.gender`); False leaves
        it null. After the batches, the people step (`flows.people`) resolves bare surnames across the
        corpus and sets gender, deciding only the names the loads since it last ran touched (each
        load keeps what its articles say of each person: the step never reads them back).

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
        with stop_on_sigterm(), run_connection(db_path, summary.stage_seconds):
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
        t_people = time.perf_counter()
        people_step(db_path, gender=gender)
        summary.stage_seconds["people"] = time.perf_counter() - t_people
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
