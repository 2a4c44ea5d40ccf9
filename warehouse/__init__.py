"""DuckDB: DDL from the schemas, transactional loads, views and exports."""

from .db import (
    ARTICLE_CHILDREN, DEFAULT_DB, STORAGE_VERSION, WarehouseLocked, connect, connection, empty_frame,
    ensure_schema, load_batch, stored_versions, table_counts, upsert_run,
)

__all__ = [
    "ARTICLE_CHILDREN", "DEFAULT_DB", "STORAGE_VERSION", "WarehouseLocked", "connect", "connection",
    "empty_frame", "ensure_schema", "load_batch", "stored_versions", "table_counts", "upsert_run",
]
