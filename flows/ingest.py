"""The ingest flow: sources in, DuckDB tables out, batch by batch."""

from __future__ import annotations

import signal
import time
import uuid
from collections.abc import Iterator
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
    clean, compare_with_stored, find_entities, find_near_duplicates, find_quotes, load, now, raw_frame, record_run,
    rejects_frame, split_sentences, validate,
)
from warehouse.faults import crash_point

DEFAULT_BATCH = 500


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
    loaded: dict[str, int] = field(default_factory=lambda: {"articles": 0, "sentences": 0, "quotes": 0, "mentions": 0, "entities": 0})
    seconds: float = 0.0
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


def batches(files: list[str], size: int) -> Iterator[tuple[list[RawArticle], list[Reject]]]:
    """Raw articles and rejects from the files, `size` articles at a time (memory stays bounded)."""
    records: list[RawArticle] = []
    rejects: list[Reject] = []
    for f in files:
        for item in read_source(f):
            (records if isinstance(item, RawArticle) else rejects).append(item)
            if len(records) >= size:
                yield records, rejects
                records, rejects = [], []
    if records or rejects:
        yield records, rejects


def process_batch(records: list[RawArticle], read_rejects: list[Reject], db_path: str, run_id: str, ner: str, workers: int) -> dict:
    """Every stage for one batch, ending in one load transaction. Returns the batch's counts."""
    rejects = [rejects_frame(read_rejects, run_id)]
    counts = {"seen": len(records), "new": 0, "updated": 0, "unchanged": 0}
    loaded = {}
    tables = {}
    if records:
        candidates, repeats, empty = clean(raw_frame(records))
        rejects.append(rejects_frame(empty, run_id))
        to_load, c = compare_with_stored(candidates, db_path)
        counts.update(c)
        counts["unchanged"] += repeats.height
        if to_load.height:
            to_load, signatures, bands = find_near_duplicates(to_load, db_path)
            paras, sents = split_sentences(to_load)
            mentions, entities = find_entities(to_load, paras, sents, ner, workers)
            quotes = find_quotes(to_load, sents, mentions, entities)
            crash_point("transform")
            n_sentences = sents.group_by("article_id").agg(n_sentences=pl.len().cast(pl.Int64))
            articles = to_load.join(n_sentences, on="article_id", how="left").with_columns(
                pl.col("n_sentences").fill_null(0),
                ingested_at=pl.lit(now()).cast(pl.Datetime("us", "UTC")),
                run_id=pl.lit(run_id),
            )
            tables, bad = validate({"articles": articles, "sentences": sents, "quotes": quotes, "mentions": mentions, "entities": entities})
            rejects.append(rejects_frame(bad, run_id))
            kept = tables["articles"].select("article_id")
            tables["article_signatures"] = signatures.join(kept, on="article_id", how="semi")
            tables["article_bands"] = bands.join(kept, on="article_id", how="semi")
            loaded = {t: df.height for t, df in tables.items()}
    tables["rejects"] = pl.concat(rejects)
    load(db_path, tables)
    counts["rejected"] = tables["rejects"].height
    counts["loaded"] = loaded
    return counts


@flow(name="newsdesk-ingest", flow_run_name=run_name, log_prints=True)
def ingest(
    sources: list[str] | None = None,
    db_path: str = str(warehouse.DEFAULT_DB),
    batch_size: int = DEFAULT_BATCH,
    ner: str = "spacy",
    workers: int = 1,
    progress: bool = False,
) -> Summary:
    """Read the sources, build every table, validate, and load into DuckDB batch by batch.

    :param sources: files, folders (walked recursively) and URLs; default `seeds/`.
    :param db_path: the DuckDB file; created when missing.
    :param batch_size: articles per batch: each batch is one transaction, and bounds memory.
    :param ner: "spacy" (the English model) or "rules" (fast, no model).
    :param workers: processes for the NER model.
    :param progress: show a progress bar over articles.
    """
    log = get_run_logger()
    sources = [str(s) for s in (sources or ["seeds/"])]
    run_id = flow_run.id or str(uuid.uuid4())
    t0 = time.perf_counter()
    summary = Summary(run_id=run_id, db_path=db_path)
    run = {
        "run_id": run_id, "run_name": flow_run.name, "started_at": now(), "finished_at": None, "status": "running",
        "sources": ", ".join(sources), "seen": 0, "new": 0, "updated": 0, "unchanged": 0, "rejected": 0, "message": None,
    }
    # one run writes at a time; a second waits, then fails naming this one (and is not recorded)
    lock = warehouse.acquire_run_lock(db_path, run_id=run_id)
    try:
        record_run(db_path, run)
        files, missing = list_sources(sources)
        log.info("Reading %d file(s)/URL(s) from %s", len(files), ", ".join(sources))
        pending_rejects = list(missing)
        with progress_bar(progress, "articles") as bar:
            for records, read_rejects in batches(files, batch_size):
                crash_point("read")
                counts = process_batch(records, pending_rejects + read_rejects, db_path, run_id, ner, workers)
                pending_rejects = []
                for k in ("seen", "new", "updated", "unchanged", "rejected"):
                    setattr(summary, k, getattr(summary, k) + counts[k])
                for t, n in counts["loaded"].items():
                    summary.loaded[t] = summary.loaded.get(t, 0) + n
                bar(len(records))
        if pending_rejects:
            summary.rejected += process_batch([], pending_rejects, db_path, run_id, ner, workers)["rejected"]
        summary.status = "completed"
    except BaseException as exc:
        summary.status = "failed"
        detail = str(exc) or (f"received {signal.Signals(exc.signal).name}" if hasattr(exc, "signal") else "")
        run["message"] = f"{type(exc).__name__}: {detail}"[:2000]
        raise
    finally:
        summary.seconds = time.perf_counter() - t0
        run.update(
            finished_at=now(), status=summary.status, seen=summary.seen, new=summary.new,
            updated=summary.updated, unchanged=summary.unchanged, rejected=summary.rejected,
        )
        try:
            record_run(db_path, run)
        except Exception as exc:  # the run's own error matters more than the bookkeeping's
            log.warning("could not record the run: %s", exc)
        lock.release()
    log.info(
        "Run %s: %d seen, %d new, %d updated, %d unchanged, %d rejected in %.1f s",
        run_id, summary.seen, summary.new, summary.updated, summary.unchanged, summary.rejected, summary.seconds,
    )
    return summary
