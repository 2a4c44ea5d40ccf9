"""The write connection a run holds across its batches, and the readers it lets in between them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .db import connect, connection, ensure_schema
from .lookup import BandMatrix, StoredIndex
from .runlock import readers_waiting, wait_for_readers

# How long a run waits to reopen its connection after letting readers in: their queries must end.
REOPEN_WAIT_SECONDS = 600.0

OnOpen = Callable[[duckdb.DuckDBPyConnection], None]


@dataclass
class _Held:
    con: duckdb.DuckDBPyConnection
    every: int  # reopen after this many loaded articles
    checkpoint_mb: int
    on_open: OnOpen | None
    band_matrix: BandMatrix | None = None
    index: StoredIndex | None = None  # built at the first look-up, kept across reopens
    articles: int = 0


# The write connection a run holds, per database file (see `held_connection`).
_HELD: dict[str, _Held] = {}


def _open(db_path: str, checkpoint_mb: int, on_open: OnOpen | None, wait_seconds: float = 30.0):
    con = connect(db_path, wait_seconds=wait_seconds)
    ensure_schema(con)
    if on_open is not None:
        on_open(con)
    con.execute(f"SET checkpoint_threshold = '{int(checkpoint_mb)}MB'")
    return con


@contextmanager
def held_connection(
    db_path: str,
    on_open: OnOpen | None = None,
    checkpoint_mb: int = 256,
    reopen_articles: int = 10_000,
    band_matrix: BandMatrix | None = None,
) -> Iterator[None]:
    """Share one write connection to `db_path` between the batches loaded in the block.

    Closing a DuckDB connection checkpoints, and a checkpoint rewrites the primary-key indexes
    whole: a connection per batch makes loading quadratic in the size of the database. A held
    connection keeps what it wrote since its last checkpoint in memory instead (about 15 KB per
    article), so it is closed and reopened after every `reopen_articles` loaded articles: memory
    stays bounded whatever the batch size, and checkpoints are rare. Each batch is still its own
    transaction.

    Readers are let in between batches: after a load (`after_load`), when a reader signals that it
    waits (`readers_waiting`), the connection is closed (checkpointed), the readers open the file,
    and it is reopened once they are done. That costs a checkpoint only when someone asked.

    :param on_open: called with the connection each time it is opened, after `ensure_schema`
        (the run's upgrades of an older database, see `warehouse.migrate`).
    :param band_matrix: LSH band keys of a signature matrix (`transforms.dedupe`): given, the run
        keeps a `StoredIndex` of what is stored (`stored_index`), for look-ups without scans.
    """
    held = _Held(_open(db_path, checkpoint_mb, on_open), reopen_articles, checkpoint_mb, on_open, band_matrix)
    _HELD[db_path] = held
    try:
        yield
    finally:
        _HELD.pop(db_path, None)
        if held.index is not None:
            held.index.close()
        held.con.close()


def after_load(db_path: str, n_articles: int) -> None:
    """Count a committed batch on the held connection; let waiting readers in, or reopen it when due."""
    held = _HELD.get(db_path)
    if held:
        held.articles += n_articles
        readers = readers_waiting(db_path)
        if readers or held.articles >= held.every:
            held.con.close()
            if readers:
                wait_for_readers(db_path)
            held.con = _open(db_path, held.checkpoint_mb, held.on_open, REOPEN_WAIT_SECONDS)
            held.articles = 0


def stored_index(db_path: str) -> StoredIndex | None:
    """The index of what `db_path` stores, kept by the run holding it (built from the database on the
    first call); None without a held connection or a `band_matrix`: look up with queries then."""
    held = _HELD.get(db_path)
    if held is None or held.band_matrix is None:
        return None
    if held.index is None:
        # (its signature file beside the database: the system's temporary folder may be in memory)
        held.index = StoredIndex.build(held.con, held.band_matrix, scratch_dir=str(Path(db_path).resolve().parent))
    return held.index


def index_loaded(db_path: str, tables: dict) -> None:
    """Add a committed batch's articles and signatures to the run's index, when it has one built
    (one not built yet reads them from the database when it is)."""
    held = _HELD.get(db_path)
    if held is not None and held.index is not None and "articles" in tables:
        held.index.after_load(tables["articles"], tables.get("article_signatures"))


@contextmanager
def db_connection(db_path: str, ensure: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """The connection `held_connection` holds for `db_path`, else a new one closed after the block
    (with the tables created when `ensure`: a held connection has them since it was opened)."""
    if db_path in _HELD:
        yield _HELD[db_path].con
        return
    with connection(db_path) as con:
        if ensure:
            ensure_schema(con)
        yield con
