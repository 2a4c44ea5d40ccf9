"""One process: every step of every batch here, in order (`--runner local`: the `ingest` flow's
default, and the CLI's on one core)."""

from __future__ import annotations

from collections.abc import Iterator

from flows.batch import DEFAULT_MAX_CHARS, batches, process_batch
from flows.progress import progress_bar
from flows.readers import Reject
from flows.stop import check_stop
from warehouse.faults import crash_point


def ingest_locally(
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
) -> Iterator[dict]:
    """Every batch of the files through every step, loaded in reading order; yields each batch's
    counts as it is loaded. Between batches it raises Interrupted when SIGTERM asked the run to stop."""
    pending = list(read_rejects)
    with progress_bar(progress, "articles") as bar:
        for records, rejects in batches(files, batch_size, max_chars):
            check_stop()
            crash_point("read")
            yield process_batch(records, pending + rejects, db_path, run_id, ner, workers, reprocess)
            pending = []
            bar(len(records))
            check_stop()
    if pending:  # no batch at all: the sources' rejects still land
        yield process_batch([], pending, db_path, run_id, ner, workers, reprocess)
