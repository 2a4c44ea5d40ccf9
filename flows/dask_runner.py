"""Scale-out: the per-batch transforms on a Dask cluster, one loader into DuckDB.

The flow process reads the sources, cleans each batch and compares it with the database (cheap,
and the only reads of the database); a Dask worker runs sentences, entities, quotes and
validation on the batch (`stage_batch`) and writes each table as Parquet under
`<staging>/<run_id>/batch-<n>/`; back here, one loader reads those files and commits the batch
in one transaction, in the order the batches were read. Workers never open the DuckDB file
(DuckDB allows one writer), and only file paths travel back through Dask.

Re-running a batch is safe: its staging files are overwritten, not added to, and the load replaces
the batch's articles with all their rows (entities and rejects have content-derived keys).
"""

from __future__ import annotations

import shutil
import tempfile
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import fsspec
import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture

from flows.batch import (
    DEFAULT_MAX_CHARS,
    add_seconds,
    batches,
    compute_tables,
    load_rejects_only,
    load_tables,
    prepare_batch,
    timed,
    versions,
)
from flows.progress import progress_bar
from flows.readers import Reject
from flows.stop import stop_requested

STAGED = ("articles", "sentences", "quotes", "mentions", "entities", "rejects")


def batch_url(staging: str, run_id: str, batch_no: int) -> str:
    """Where batch `batch_no` of a run is staged: the same place every time it is (re)computed."""
    return f"{staging.rstrip('/')}/{run_id}/batch-{batch_no:06d}"


def write_tables(tables: dict[str, pl.DataFrame], url: str) -> dict[str, str]:
    """Each table as `<url>/<table>.parquet` (any fsspec URL); returns table -> file URL."""
    fs, root = fsspec.core.url_to_fs(url)
    fs.makedirs(root, exist_ok=True)
    paths = {}
    for table, df in tables.items():
        target = f"{url.rstrip('/')}/{table}.parquet"
        with fsspec.open(target, "wb") as f:
            df.write_parquet(f, compression="zstd", compression_level=1)
        paths[table] = target
    return paths


def read_tables(paths: dict[str, str]) -> dict[str, pl.DataFrame]:
    """The tables `write_tables` wrote."""
    out = {}
    for table, target in paths.items():
        with fsspec.open(target, "rb") as f:
            out[table] = pl.read_parquet(f)
    return out


def remove_staged(url: str) -> None:
    """Delete a batch's staging folder (after its load committed)."""
    fs, root = fsspec.core.url_to_fs(url)
    if fs.exists(root):
        fs.rm(root, recursive=True)


@task(name="transform batch", cache_policy=NONE, retries=2, retry_delay_seconds=[1, 5])
def stage_batch(to_load: pl.DataFrame, run_id: str, ner: str, workers: int, url: str) -> dict:
    """On a worker: every transform of one batch, its tables written as Parquet under `url`.

    Returns {"paths": table -> file URL, "seconds": stage -> seconds}.
    """
    seconds: dict[str, float] = {}
    tables = compute_tables(to_load, run_id, ner, workers, seconds)
    with timed(seconds, "stage"):
        paths = write_tables(tables, url)
    return {"paths": paths, "seconds": seconds}


@dataclass
class InFlight:
    """A batch sent to the cluster and not loaded yet."""

    url: str
    future: PrefectFuture | None  # None: nothing to transform (all unchanged or rejected)
    rejects: list[pl.DataFrame]
    counts: dict
    versions: pl.DataFrame  # article_id, content_hash, signature, duplicate_of of the articles it will load
    seconds: dict[str, float] = field(default_factory=dict)


def load_staged(db_path: str, batch: InFlight) -> dict:
    """Wait for a batch's worker, load its staged tables in one transaction, then drop the files."""
    tables: dict[str, pl.DataFrame] = {}
    if batch.future is not None:
        staged = batch.future.result()
        add_seconds(batch.seconds, staged["seconds"])
        with timed(batch.seconds, "stage"):
            tables = read_tables(staged["paths"])
    counts = load_tables(db_path, tables, batch.rejects, batch.counts, batch.seconds)
    remove_staged(batch.url)
    return counts


def cluster_threads() -> int:
    """Worker threads in the cluster this flow runs its tasks on (1 when unknown)."""
    context = FlowRunContext.get()
    runner: Any = context.task_runner if context is not None else None
    try:
        return max(1, sum(runner.client.nthreads().values()))
    except AttributeError:
        return 1


@flow(name="newsdesk-ingest-dask", log_prints=True)
def dask_batches(
    files: list[str],
    read_rejects: list[Reject],
    db_path: str,
    run_id: str,
    batch_size: int,
    ner: str,
    workers: int,
    progress: bool,
    staging: str,
    max_in_flight: int | None = None,
    reprocess: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> list[dict]:
    """Batches out to the cluster, loaded back in reading order; returns each batch's counts.

    At most `max_in_flight` batches (default: twice the cluster's worker threads) are out at once,
    so the loader's memory stays bounded; each new batch is compared with the database and with
    the batches still out, so an article repeated across batches loads once, as it does locally.
    """
    max_in_flight = max_in_flight or 2 * cluster_threads()
    pending: deque[InFlight] = deque()
    done: list[dict] = []
    with progress_bar(progress, "articles") as bar:
        for batch_no, (records, rejects) in enumerate(batches(files, batch_size, max_chars)):
            if stop_requested():  # SIGTERM: send no more; the batches out are loaded, then the flow stops
                break
            seconds: dict[str, float] = {}
            out = pl.concat([b.versions for b in pending]) if pending else None
            to_load, reject_frames, counts = prepare_batch(
                records, read_rejects + rejects, db_path, run_id, out, seconds, reprocess=reprocess
            )
            read_rejects = []
            url = batch_url(staging, run_id, batch_no)
            future = stage_batch.submit(to_load, run_id, ner, workers, url) if to_load.height else None
            pending.append(InFlight(url, future, reject_frames, counts, versions(to_load), seconds))
            while len(pending) >= max_in_flight:
                done.append(load_staged(db_path, pending.popleft()))
                bar(done[-1]["seen"])
        while pending:
            done.append(load_staged(db_path, pending.popleft()))
            bar(done[-1]["seen"])
    if read_rejects:  # no batch at all: the sources' rejects still land
        done.append(load_rejects_only(db_path, read_rejects, run_id))
    return done


def ingest_on_dask(
    files: list[str],
    read_rejects: list[Reject],
    db_path: str,
    run_id: str,
    batch_size: int,
    ner: str,
    workers: int,
    progress: bool,
    dask_address: str | None = None,
    staging: str | None = None,
    reprocess: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> list[dict]:
    """Run `dask_batches` on the Dask cluster at `dask_address` (a local one when None).

    `staging` is a folder or fsspec URL every worker and this process can reach (default: a
    temporary folder here, which only suits a cluster on this machine).
    """
    from prefect.settings import PREFECT_API_URL
    from prefect_dask import DaskTaskRunner

    if not PREFECT_API_URL.value():
        get_run_logger().warning(
            "PREFECT_API_URL is not set: each Dask worker will start its own Prefect server; "
            "start one (`prefect server start`) and export PREFECT_API_URL"
        )
    runner = DaskTaskRunner(address=dask_address) if dask_address else DaskTaskRunner()
    own = staging is None
    folder = tempfile.mkdtemp(prefix="newsdesk-staging-") if staging is None else staging
    try:
        # (prefect-dask's DaskTaskRunner is a TaskRunner; its generic parameters do not match the stubs')
        return dask_batches.with_options(task_runner=runner)(  # type: ignore[arg-type]
            files,
            read_rejects,
            db_path,
            run_id,
            batch_size,
            ner,
            workers,
            progress,
            folder,
            reprocess=reprocess,
            max_chars=max_chars,
        )
    finally:
        if own:
            shutil.rmtree(folder, ignore_errors=True)
