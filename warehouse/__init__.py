"""DuckDB: DDL from the schemas, transactional loads, views and exports."""

from .db import (
    ARTICLE_CHILDREN, DEFAULT_DB, candidate_signatures, STORAGE_VERSION, WarehouseLocked, column_type, connect, connection,
    empty_frame, ensure_schema, fail_interrupted_runs, load_batch, replace_table, stored_versions, table_counts, upsert_run,
)
from .runlock import RunLock, acquire_run_lock

__all__ = [
    "ARTICLE_CHILDREN", "DEFAULT_DB", "candidate_signatures", "STORAGE_VERSION", "WarehouseLocked", "column_type", "connect",
    "connection",
    "RunLock", "acquire_run_lock", "empty_frame", "ensure_schema", "fail_interrupted_runs", "load_batch",
    "replace_table", "stored_versions", "table_counts", "upsert_run",
]
