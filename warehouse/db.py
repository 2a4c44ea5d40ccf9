"""DuckDB: connections, DDL from the schemas, and short transactional loads.

The only module that imports duckdb. DuckDB allows one writer per file: every write here is one
short transaction, and a second writer waits a bounded time, then fails with a message that names
the process holding the lock. A reader that finds the file held announces itself
(`runlock.reader_waiting`) so that a run lets go of it at its next batch boundary.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl

from schemas import MODELS, create_table_sql, duckdb_type, key_indexed, polars_schema, primary_key

from .faults import crash_point
from .runlock import reader_waiting
from .waiting import WarehouseLocked, retry

DEFAULT_DB = Path("warehouse/news.duckdb")
# Written so that DuckDB 1.4 LTS clients can open the file too.
STORAGE_VERSION = "v1.4.0"
# DuckDB's own memory (buffer cache, indexes, query state) for a writing process; by default DuckDB
# takes 80 % of RAM and keeps every block a scan read cached, so a long run grew with the database
# (each batch scans `articles`, `article_bands` and `article_signatures`). Evicted blocks are read
# again from the file; queries that need more spill to a temporary folder beside it.
# NEWSDESK_DUCKDB_MEMORY overrides (e.g. 2GB on a machine with memory to spare).
MEMORY_LIMIT = os.environ.get("NEWSDESK_DUCKDB_MEMORY", "256MB")
# Tables whose rows belong to one article and are replaced with it.
ARTICLE_CHILDREN = ("sentences", "quotes", "mentions", "article_signatures", "article_bands")
# The people step's rows of an article: replaced with it too (`person_evidence` comes with the batch).
PEOPLE_ROWS = ("person_evidence", "person_scans", "aliases")
VIEWS_SQL = Path(__file__).with_name("views.sql")
# How long `newsdesk sql` and `report` wait for a run to let them in: about one batch (a batch of
# 500 articles with the spaCy model takes about a minute on 2 cores). The environment can change it.
READ_WAIT_ENV = "NEWSDESK_READ_WAIT_SECONDS"


def read_wait() -> float:
    return float(os.environ.get(READ_WAIT_ENV, 120))


def _lock_holder(message: str) -> str:
    m = re.search(r"held in (.+?) \(PID (\d+)\)", message)
    if not m:
        return "another process"
    pid = int(m.group(2))
    try:
        import psutil

        cmd = " ".join(psutil.Process(pid).cmdline())[:200]
    except Exception:
        cmd = m.group(1)
    return f"PID {pid} ({cmd})"


def connect(
    path: str | Path = DEFAULT_DB, read_only: bool = False, wait_seconds: float = 30.0
) -> duckdb.DuckDBPyConnection:
    """Open the database, waiting up to `wait_seconds` for another writer to let go.

    Raises WarehouseLocked naming the holder when it does not; a read-only open of a file that
    does not exist raises FileNotFoundError.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"no database at {path}: run `newsdesk run` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    config: dict[str, str | bool | int | float | list[str]] = {}
    config = config if read_only else {"storage_compatibility_version": STORAGE_VERSION, "memory_limit": MEMORY_LIMIT}
    refusal = ""

    def attempt() -> duckdb.DuckDBPyConnection | None:
        nonlocal refusal
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            refusal = str(exc)
            return None

    con = attempt()
    if con is None and read_only:
        # a run holds the file between batches: say a reader waits, so it lets go at the next one
        with reader_waiting(path):
            con = retry(attempt, wait_seconds, max_delay=0.2)
    elif con is None:
        con = retry(attempt, wait_seconds)
    if con is None:
        raise WarehouseLocked(
            f"{path} is locked by {_lock_holder(refusal)}: a run is writing to it. "
            f"Waited {wait_seconds:.0f} s; try again when it has finished."
        )
    return con


@contextlib.contextmanager
def connection(
    path: str | Path = DEFAULT_DB, read_only: bool = False, wait_seconds: float = 30.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """`connect` as a context manager that always closes (and so releases the lock)."""
    con = connect(path, read_only=read_only, wait_seconds=wait_seconds)
    try:
        yield con
    finally:
        con.close()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table from its Pandera model, and the analysts' views."""
    for table, model in MODELS.items():
        con.execute(create_table_sql(model, table))
        add_missing_columns(con, table, model)
    if VIEWS_SQL.exists():
        con.execute(VIEWS_SQL.read_text())


def add_missing_columns(con: duckdb.DuckDBPyConnection, table: str, model) -> None:
    """Add the model's nullable columns that a database written by an older newsdesk lacks (its
    rows keep null there until `newsdesk run --reprocess` rebuilds them)."""
    have = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
    }
    for name, col in model.to_schema().columns.items():
        if name not in have and col.nullable:
            con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {duckdb_type(col.dtype.type)}')


def empty_frame(table: str) -> pl.DataFrame:
    """An empty frame with the table's columns and types."""
    return pl.DataFrame(schema=polars_schema(MODELS[table]))


def _query_with_lists(con: duckdb.DuckDBPyConnection, sql: str, **lists: list[str] | list[int]) -> pl.DataFrame:
    """`sql` as a frame, with each keyword list registered as a one-column (`k`) table of its name
    (BIGINT for a list of ints, else VARCHAR)."""
    with contextlib.ExitStack() as stack:
        for name, values in lists.items():
            dtype = pl.Int64 if values and isinstance(values[0], int) else pl.String
            stack.enter_context(registered(con, name, pl.DataFrame({"k": values}, schema={"k": dtype})))
        return con.sql(sql).pl()


def stored_versions(con: duckdb.DuckDBPyConnection, article_ids: list[str], content_hashes: list[str]) -> pl.DataFrame:
    """Stored `article_id`, `content_hash` rows matching any of the given ids or hashes."""
    return _query_with_lists(
        con,
        "SELECT article_id, content_hash FROM articles "
        "WHERE article_id IN (SELECT k FROM _ids) OR content_hash IN (SELECT k FROM _hashes)",
        _ids=article_ids,
        _hashes=content_hashes,
    )


def candidate_signatures(con: duckdb.DuckDBPyConnection, band_keys: list[int], exclude_ids: list[str]) -> pl.DataFrame:
    """Stored `article_id`, `signature` of articles sharing an LSH band key with the batch (not in
    it) that are not near-duplicates themselves.

    A stored duplicate's original is stored too and is what a new copy is marked a duplicate of;
    leaving the copies out keeps the candidates per batch flat as copies of a story pile up (with
    them, the fetch and the comparison grew with the database: quadratic over a run).
    """
    return _query_with_lists(
        con,
        "SELECT s.article_id, s.signature FROM article_signatures AS s "
        "WHERE s.article_id IN (SELECT article_id FROM article_bands WHERE band_key IN (SELECT k FROM _keys)) "
        "AND s.article_id IN (SELECT article_id FROM articles WHERE duplicate_of IS NULL) "
        "AND s.article_id NOT IN (SELECT k FROM _exclude) ORDER BY s.article_id",
        _keys=band_keys,
        _exclude=exclude_ids,
    )


def _insert(con: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame, mode: str = "") -> None:
    if df.height == 0:
        return
    cols = list(MODELS[table].to_schema().columns)
    quoted = ", ".join(f'"{c}"' for c in cols)
    with registered(con, "_batch", df.select(cols)):
        con.execute(f"INSERT {mode} INTO {table} ({quoted}) SELECT {quoted} FROM _batch")


@contextlib.contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, df: pl.DataFrame) -> Iterator[None]:
    """`df` visible to SQL as the table `name` while the block runs.

    Passed explicitly, not found by DuckDB's scan of Python locals, so renaming a variable cannot
    break the SQL. In a transaction that a failed statement aborted, unregistering fails too: that
    failure is dropped, so the statement's own error is the one raised (the name is registered again,
    replacing it, at the next use).
    """
    con.register(name, df.to_arrow())
    try:
        yield
    finally:
        with contextlib.suppress(duckdb.Error):
            con.unregister(name)


def check_child_keys(articles: pl.DataFrame, tables: dict[str, pl.DataFrame]) -> None:
    """Raise ValueError unless every child row belongs to an article of the batch and, for a table
    whose key has no database index, the key is unique in the batch.

    `load_batch` first deletes the stored rows of the batch's articles, so these two checks are what
    keeps such a key unique in the table.
    """
    ids = articles.select("article_id")
    for child in ARTICLE_CHILDREN:
        df = tables.get(child)
        if df is None or df.height == 0:
            continue
        strays = df.join(ids, on="article_id", how="anti").height
        if strays:
            raise ValueError(f"{strays} {child} rows belong to no article of the batch")
        key = primary_key(MODELS[child])
        if not key_indexed(MODELS[child]) and df.select(key).is_duplicated().any():
            raise ValueError(f"{child}: duplicate key ({', '.join(key)}) in the batch")


def _delete_stored(con: duckdb.DuckDBPyConnection, article_ids: pl.Series) -> None:
    """Delete the stored rows of those of `article_ids` already in `articles`, with all their child rows.

    The child tables have no index on `article_id`, so each DELETE scans its whole table: done for
    every batch, that made loading quadratic in the size of the database. One look-up in `articles`
    finds the few ids that are stored (usually none: new articles), and only those are deleted.
    """
    with registered(con, "_ids", pl.DataFrame({"article_id": article_ids})):
        stored = con.sql("SELECT article_id FROM articles WHERE article_id IN (SELECT article_id FROM _ids)").pl()
    if stored.height == 0:
        return
    with registered(con, "_stored", stored):
        # the people step decides again the names the old versions wrote
        old = "FROM person_evidence WHERE article_id IN (SELECT article_id FROM _stored)"
        con.execute(f"INSERT INTO people_pending SELECT key {old} UNION SELECT surname {old}")
        for table in (*ARTICLE_CHILDREN, *PEOPLE_ROWS, "articles"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM _stored)")


def _insert_person_evidence(con: duckdb.DuckDBPyConnection, articles: pl.DataFrame, evidence: pl.DataFrame) -> None:
    """Store the batch's `evidence` (`transforms.gender.person_evidence`) with each article's outlet
    and day, mark the `articles` read by the people step (`person_scans`) and their names pending."""
    context = articles.select("article_id", "url", "canonical_url", "source", "published_at")
    with registered(con, "_context", context):
        outlets = con.sql(
            "SELECT article_id, article_outlet(url, canonical_url, source) AS outlet, "
            "CAST(published_at AS DATE) AS day FROM _context"
        ).pl()
    _insert(con, "person_evidence", evidence.join(outlets, on="article_id"))
    _insert(con, "person_scans", articles.select("article_id", "ingested_at"))
    names = pl.concat([evidence["key"], evidence["surname"]]).drop_nulls().unique()
    _insert(con, "people_pending", names.to_frame("key"))


def load_batch(
    con: duckdb.DuckDBPyConnection, tables: dict[str, pl.DataFrame], maybe_stored: list[str] | None = None
) -> None:
    """Load one batch of articles with their rows, in one transaction.

    `tables["articles"]` holds new and changed articles: the stored rows of each (and all its
    sentences, quotes, mentions, fingerprints and people rows) are replaced; `tables["person_evidence"]`,
    when there, is stored with the articles marked read for the people step; `check_child_keys` refuses the
    batch before anything is written when a child row would not be. Entities and rejects are added when new
    (their ids are content-derived, so re-loading adds nothing). All or nothing.

    :param maybe_stored: the batch's ids that may be stored already (from the run's `StoredIndex`):
        only these are looked up to be replaced, and none means no look-up (a scan of `articles`).
        Without it every id of the batch is looked up.
    """
    articles = tables.get("articles", empty_frame("articles"))
    check_child_keys(articles, tables)
    con.execute("BEGIN TRANSACTION")
    try:
        if articles.height:
            if maybe_stored is None or maybe_stored:
                _delete_stored(con, articles["article_id"] if maybe_stored is None else pl.Series(maybe_stored))
            _insert(con, "articles", articles)
            crash_point("load")
            for child in ARTICLE_CHILDREN:
                if child in tables:
                    _insert(con, child, tables[child])
            if "person_evidence" in tables:
                _insert_person_evidence(con, articles, tables["person_evidence"])
        if "entities" in tables:
            _insert(con, "entities", tables["entities"], "OR IGNORE")
        if "rejects" in tables:
            _insert(con, "rejects", tables["rejects"], "OR IGNORE")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def column_type(con: duckdb.DuckDBPyConnection, table: str, column: str) -> str | None:
    """DuckDB type of `table.column` (e.g. "BIGINT"), None when there is no such column."""
    rows = con.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_name = ? AND column_name = ?", [table, column]
    ).fetchall()
    return rows[0][0] if rows else None


def replace_table(con: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame) -> None:
    """Drop `table`, create it again from its model and fill it with `df`, in one transaction
    (for a table whose stored form changed and is rebuilt from other tables)."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"DROP TABLE IF EXISTS {table}")
        con.execute(create_table_sql(MODELS[table], table))
        _insert(con, table, df)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def upsert_run(con: duckdb.DuckDBPyConnection, run: dict) -> None:
    """Insert or update the `runs` row for run["run_id"]."""
    df = pl.DataFrame([run], schema=polars_schema(MODELS["runs"]))
    _insert(con, "runs", df, "OR REPLACE")


def fail_interrupted_runs(con: duckdb.DuckDBPyConnection) -> int:
    """Mark runs still 'running' as failed: call only while holding the writer lock (see runlock),
    which proves no other run is alive. Returns how many were marked."""
    n = con.sql("SELECT count(*) FROM runs WHERE status = 'running'").fetchall()[0][0]
    if n:
        con.execute(
            "UPDATE runs SET status = 'failed', message = 'interrupted: the process ended before the run finished' "
            "WHERE status = 'running'"
        )
    return n


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every table."""
    return {t: con.sql(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in MODELS}
