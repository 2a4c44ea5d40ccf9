"""DuckDB: DDL from the schemas, transactional loads, views and exports."""

from .db import (
    ARTICLE_CHILDREN, DEFAULT_DB, candidate_signatures, STORAGE_VERSION, WarehouseLocked, column_type, connect, connection,
    empty_frame, ensure_schema, fail_interrupted_runs, load_batch, read_wait, replace_table, stored_versions, table_counts, upsert_run,
)
from .runlock import RunLock, acquire_run_lock, readers_waiting, wait_for_readers

__all__ = [
    "ARTICLE_CHILDREN", "DEFAULT_DB", "candidate_signatures", "STORAGE_VERSION", "WarehouseLocked", "column_type", "connect",
    "connection",
    "RunLock", "acquire_run_lock", "empty_frame", "ensure_schema", "fail_interrupted_runs", "load_batch",
    "read_wait", "readers_waiting", "replace_table", "stored_versions", "table_counts", "upsert_run", "wait_for_readers",
]
