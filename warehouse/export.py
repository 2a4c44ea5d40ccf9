"""Parquet exports for downstream teams: Hive-partitioned by publication month, with a manifest."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

from schemas import MODELS

from .db import connection

SCHEMA_VERSION = 1
# Article-grained tables, partitioned by the article's publication year and month.
PARTITIONED = ("articles", "sentences", "quotes", "mentions")
_MONTH = "coalesce(a.published_at, a.ingested_at)"


def export_parquet(db: str | Path, out: str | Path) -> dict:
    """Every table to `out/<table>/` as zstd Parquet, and `out/manifest.json`.

    Partitioned tables get `year=YYYY/month=M/` folders (from published_at, else ingested_at).
    Returns the manifest: schema version, export time, and per table its path, columns with
    types, and row count.
    """
    out = Path(out)
    manifest = {"schema_version": SCHEMA_VERSION, "exported_at": datetime.now(timezone.utc).isoformat(), "tables": {}}
    with connection(db, read_only=True) as con:
        for table in MODELS:
            dest = out / table
            if dest.exists():
                shutil.rmtree(dest)
            dest.mkdir(parents=True)
            if table in PARTITIONED:
                join = "" if table == "articles" else " JOIN articles AS a USING (article_id)"
                src = "articles AS a" if table == "articles" else f"{table} AS t"
                cols = "a.*" if table == "articles" else "t.*"
                query = f"SELECT {cols}, year({_MONTH}) AS year, month({_MONTH}) AS month FROM {src}{join}"
                con.execute(f"COPY ({query}) TO '{dest}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)")
            else:
                con.execute(f"COPY {table} TO '{dest / 'data.parquet'}' (FORMAT parquet, COMPRESSION zstd)")
            rows = con.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0]
            columns = con.sql(f"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position").fetchall()
            manifest["tables"][table] = {
                "path": str(dest),
                "partitioned_by": ["year", "month"] if table in PARTITIONED else [],
                "rows": rows,
                "columns": [{"name": n, "type": t} for n, t in columns],
            }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest
