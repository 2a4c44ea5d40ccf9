"""Parquet exports for downstream teams: Hive-partitioned by publication month, with a manifest.

A full export writes every table. An incremental one (`since` a run id or a date) writes only the
rows of articles loaded after that point, whole articles at a time (a changed article comes with
all its sentences, quotes and mentions, to replace the old ones by `article_id`), plus the
entities they mention and the runs and rejects of that period. `aliases` (where a bare surname
resolves: join it on `article_id` and `alias_id` = `mentions.entity_id` or `quotes.speaker_entity_id`
to follow the corpus's identity, as the views do) is written whole every time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from schemas import INTERNAL_TABLES, MODELS
from schemas.ddl import duckdb_type

from .db import connection, read_wait

# Bump when a table or column is renamed or removed, or a type changes; `schema_fingerprint`
# changes by itself with any column change, so consumers can tell either way.
SCHEMA_VERSION = 2
# Names the manifest (and so the folder) as ours: only such a folder is written into without --force.
GENERATOR = "newsdesk"
# Article-grained tables, partitioned by the article's publication year and month.
PARTITIONED = ("articles", "sentences", "quotes", "mentions")
# Small tables also written as CSV, for spreadsheets.
CSV_TABLES = ("entities", "runs", "rejects", "aliases")
# Every table but the pipeline's own bookkeeping (MinHash fingerprints).
EXPORTED_TABLES = tuple(t for t in MODELS if t not in INTERNAL_TABLES)
_MONTH = "coalesce(a.published_at, a.ingested_at)"


def schema_fingerprint() -> str:
    """Short digest of every table's column names and types, from the Pandera models."""
    spec = [
        (t, [(c, duckdb_type(col.dtype.type)) for c, col in MODELS[t].to_schema().columns.items()])
        for t in EXPORTED_TABLES
    ]
    return hashlib.sha256(json.dumps(spec).encode()).hexdigest()[:16]


def _since_cutoff(con: duckdb.DuckDBPyConnection, since: str) -> tuple[str, str]:
    """("run", started_at of that run) for a run id, or ("date", that time) for an ISO date or
    time (UTC when no zone is given), as a TIMESTAMPTZ literal."""
    try:
        when = datetime.fromisoformat(since)
        kind = "date"
    except ValueError:
        found = con.execute("SELECT started_at FROM runs WHERE run_id = ?", [since]).fetchall()
        if not found:
            raise ValueError(
                f"--since {since!r} is neither a run id in the runs table nor a date (YYYY-MM-DD)"
            ) from None
        when, kind = found[0][0], "run"
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return kind, f"TIMESTAMPTZ '{when.isoformat()}'"


def _table_query(table: str, kind: str | None, cutoff: str | None) -> str:
    """SELECT for one table's exported rows, with year and month for the partitioned ones."""
    # A run id means "loaded by later runs"; a date means "loaded from then on".
    later = f"started_at > {cutoff}" if kind == "run" else f"started_at >= {cutoff}"
    articles = (
        f"SELECT article_id FROM articles WHERE run_id IN (SELECT run_id FROM runs WHERE {later})"
        if kind == "run"
        else f"SELECT article_id FROM articles WHERE ingested_at >= {cutoff}"
    )
    if table in PARTITIONED:
        src = "articles AS a" if table == "articles" else f"{table} AS t JOIN articles AS a USING (article_id)"
        cols = "a.*" if table == "articles" else "t.*"
        query = f"SELECT {cols}, year({_MONTH}) AS year, month({_MONTH}) AS month FROM {src}"
        return query if kind is None else f"{query} WHERE a.article_id IN ({articles})"
    if kind is None:
        return f"SELECT * FROM {table}"
    if table == "entities":  # the entities the exported articles mention or quote, and those their aliases name
        return (
            f"SELECT * FROM entities WHERE entity_id IN (SELECT entity_id FROM mentions WHERE article_id IN "
            f"({articles}) "
            f"UNION SELECT speaker_entity_id FROM quotes WHERE article_id IN ({articles}) "
            f"UNION SELECT entity_id FROM aliases WHERE article_id IN ({articles}))"
        )
    if table == "aliases":  # whole: a new article can move the alias of an older one
        return "SELECT * FROM aliases"
    if table == "runs":
        return f"SELECT * FROM runs WHERE {later}"
    if table == "rejects":
        return (
            f"SELECT * FROM rejects WHERE run_id IN (SELECT run_id FROM runs WHERE {later})"
            if kind == "run"
            else f"SELECT * FROM rejects WHERE rejected_at >= {cutoff}"
        )
    raise ValueError(f"no incremental rule for table {table!r}")


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


class ExportRefused(ValueError):
    """An export folder newsdesk will not write into; the message says why, in one line."""


def is_newsdesk_export(folder: Path) -> bool:
    """True when `folder/manifest.json` is a newsdesk manifest: it names the generator, or (written
    before it did) holds schema_version, schema_fingerprint and tables."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict):
        return False
    return (
        manifest.get("generator") == GENERATOR or {"schema_version", "schema_fingerprint", "tables"} <= manifest.keys()
    )


def check_out(db: str | Path, out: str | Path, force: bool = False) -> None:
    """Raise `ExportRefused` unless `out` may be written: a new or empty folder, a previous newsdesk
    export (its table folders are replaced), or with `force` any folder. Never a file, the database
    itself, or a path under a file."""
    out = Path(out)
    if out.exists() and out.resolve() == Path(db).resolve():
        raise ExportRefused(f"--out {out} is the database file: give a folder for the export")
    if out.exists() and not out.is_dir():
        raise ExportRefused(f"--out {out} is a file, not a folder")
    for parent in out.absolute().parents:
        if parent.exists() and not parent.is_dir():
            raise ExportRefused(f"--out {out} is under {parent}, which is a file")
    if out.is_dir() and any(out.iterdir()) and not force and not is_newsdesk_export(out):
        raise ExportRefused(
            f"--out {out} is not empty and holds no newsdesk export (no newsdesk manifest.json); "
            "its table folders would be replaced: choose a new or empty folder, or pass --force"
        )


def export_parquet(
    db: str | Path, out: str | Path, since: str | None = None, csv: bool = True, force: bool = False
) -> dict:
    """Every table to `out/<table>/` as zstd Parquet, and `out/manifest.json`.

    :param db: the DuckDB file (opened read-only).
    :param out: the export folder; each table's folder in it is replaced. It must be new, empty or
        a previous newsdesk export, unless `force` (see `check_out`; else `ExportRefused`).
    :param since: a run id (rows of articles loaded by later runs) or an ISO date or time (rows of
        articles loaded from then on); None exports everything.
    :param csv: also write the small tables (entities, runs, rejects) as `out/csv/<table>.csv`.

    Partitioned tables get `year=YYYY/month=M/` folders (from published_at, else ingested_at).
    Returns the manifest: schema version and fingerprint, export time, mode, the latest run id
    (pass it as the next `since`), and per table its path, files, columns with types, and row count.
    """
    out = Path(out)
    check_out(db, out, force)
    manifest: dict[str, Any] = {
        "generator": GENERATOR,
        "schema_version": SCHEMA_VERSION,
        "schema_fingerprint": schema_fingerprint(),
        "exported_at": datetime.now(UTC).isoformat(),
        "mode": "full" if since is None else "incremental",
        "since": since,
        "replace_key": "article_id",
        "latest_run_id": None,
        "tables": {},
    }
    with connection(db, read_only=True, wait_seconds=read_wait()) as con:
        kind, cutoff = (None, None) if since is None else _since_cutoff(con, since)
        latest = con.sql("SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1").fetchall()
        manifest["latest_run_id"] = latest[0][0] if latest else None
        for table in EXPORTED_TABLES:
            dest = out / table
            if dest.exists():
                shutil.rmtree(dest)
            dest.mkdir(parents=True)
            query = _table_query(table, kind, cutoff)
            rows = con.sql(f"SELECT count(*) FROM ({query})").fetchall()[0][0]
            if table in PARTITIONED and rows:
                con.execute(
                    f"COPY ({query}) TO {_sql_path(dest)} "
                    "(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)"
                )
            else:  # unpartitioned, or nothing to partition: one file (an empty one keeps the columns readable)
                con.execute(f"COPY ({query}) TO {_sql_path(dest / 'data.parquet')} (FORMAT parquet, COMPRESSION zstd)")
            csv_path = (
                out / "csv" / f"{table}.csv"
            )  # beside the table folders, which stay Parquet-only for dataset readers
            csv_path.unlink(missing_ok=True)
            if csv and table in CSV_TABLES:
                csv_path.parent.mkdir(parents=True, exist_ok=True)
                con.execute(f"COPY ({query}) TO {_sql_path(csv_path)} (FORMAT csv, HEADER)")
            columns = con.execute(
                (
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY "
                    "ordinal_position"
                ),
                [table],
            ).fetchall()
            manifest["tables"][table] = {
                "path": str(dest),
                "csv": f"csv/{table}.csv" if csv and table in CSV_TABLES else None,
                "files": sorted(str(p.relative_to(out)) for p in dest.rglob("*") if p.is_file()),
                "partitioned_by": ["year", "month"] if table in PARTITIONED else [],
                "rows": rows,
                "columns": [{"name": n, "type": t} for n, t in columns],
            }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest
