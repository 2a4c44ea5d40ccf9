"""DuckDB: DDL from the schemas, transactional loads, the connection a run holds, views and exports.

The only package that imports duckdb. `db` opens files and loads batches; `held` keeps a run's
write connection across batches and lets readers in between them, with the in-memory index of what
is stored (`lookup`) that spares each batch a scan; `migrate` upgrades an older database; `runlock`
is the one-writer lock; `query`, `export` and `report` read.
"""

from .db import (
    ARTICLE_CHILDREN,
    DEFAULT_DB,
    STORAGE_VERSION,
    candidate_signatures,
    column_type,
    connect,
    connection,
    empty_frame,
    ensure_schema,
    fail_interrupted_runs,
    load_batch,
    read_wait,
    registered,
    replace_table,
    stored_versions,
    table_counts,
    upsert_run,
)
from .held import after_load, db_connection, held_connection, index_loaded, stored_index
from .lookup import StoredIndex
from .migrate import upgrade_band_keys
from .runlock import RunLock, acquire_run_lock, readers_waiting, wait_for_readers
from .waiting import WarehouseLocked

__all__ = [
    "ARTICLE_CHILDREN",
    "DEFAULT_DB",
    "STORAGE_VERSION",
    "RunLock",
    "StoredIndex",
    "WarehouseLocked",
    "acquire_run_lock",
    "after_load",
    "candidate_signatures",
    "column_type",
    "connect",
    "connection",
    "db_connection",
    "empty_frame",
    "ensure_schema",
    "fail_interrupted_runs",
    "held_connection",
    "index_loaded",
    "load_batch",
    "read_wait",
    "readers_waiting",
    "registered",
    "replace_table",
    "stored_index",
    "stored_versions",
    "table_counts",
    "upgrade_band_keys",
    "upsert_run",
    "wait_for_readers",
]
