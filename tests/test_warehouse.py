import subprocess
import sys
import time
from datetime import UTC, datetime

import polars as pl
import pytest

import warehouse
from schemas import MODELS, polars_schema


def article(aid: str, body: str = "Hello there.", chash: str = "0" * 64) -> pl.DataFrame:
    row = {
        "article_id": aid,
        "source": "s",
        "external_id": None,
        "url": None,
        "canonical_url": None,
        "title": "T",
        "author": None,
        "published_at": None,
        "language": "en",
        "body": body,
        "content_hash": chash,
        "duplicate_of": None,
        "n_sentences": 1,
        "n_words": 2,
        "ingested_at": datetime.now(UTC),
        "run_id": "r",
    }
    return pl.DataFrame([row], schema=polars_schema(MODELS["articles"]))


def sentence(aid: str, sid: int, text: str = "Hello there.") -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "article_id": aid,
                "sentence_id": sid,
                "paragraph_id": 0,
                "section": None,
                "is_heading": False,
                "start_char": 0,
                "end_char": len(text),
                "text": text,
            }
        ],
        schema=polars_schema(MODELS["sentences"]),
    )


def test_load_replaces_an_articles_rows_together(db_path):
    with warehouse.connection(db_path) as con:
        warehouse.ensure_schema(con)
        warehouse.load_batch(
            con, {"articles": article("a"), "sentences": pl.concat([sentence("a", 0), sentence("a", 1)])}
        )
        warehouse.load_batch(con, {"articles": article("a", "New.", "1" * 64), "sentences": sentence("a", 0, "New.")})
        assert con.sql("select text from sentences").fetchall() == [("New.",)]
        assert con.sql("select body, content_hash from articles").fetchall() == [("New.", "1" * 64)]


def test_a_failing_batch_leaves_the_database_as_it_was(db_path):
    with warehouse.connection(db_path) as con:
        warehouse.ensure_schema(con)
        warehouse.load_batch(con, {"articles": article("a"), "sentences": sentence("a", 0)})
        # the old rows are deleted inside the transaction, then an entity with a NULL name fails its insert
        bad_entity = pl.DataFrame(
            [{"entity_id": "e", "name": None, "label": "PERSON", "country_code": None, "lat": None, "lon": None}],
            schema=polars_schema(MODELS["entities"]),
        )
        with pytest.raises(Exception, match="NOT NULL"):
            warehouse.load_batch(
                con,
                {"articles": article("a", "X.", "2" * 64), "sentences": sentence("a", 0, "X."), "entities": bad_entity},
            )
        assert con.sql("select body from articles").fetchall() == [("Hello there.",)]
        assert con.sql("select text from sentences").fetchall() == [("Hello there.",)]


def test_a_batch_repeating_a_child_key_is_refused_before_writing(db_path):
    with warehouse.connection(db_path) as con:
        warehouse.ensure_schema(con)
        dup = pl.concat([sentence("a", 0, "X."), sentence("a", 0, "X.")])
        with pytest.raises(ValueError):
            warehouse.load_batch(con, {"articles": article("a", "X.", "2" * 64), "sentences": dup})
        assert con.sql("select count(*) from articles").fetchall() == [(0,)]


def test_second_writer_waits_then_names_the_holder(db_path):
    with warehouse.connection(db_path) as con:
        warehouse.ensure_schema(con)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db_path)!r}); print('ok', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        t0 = time.monotonic()
        with pytest.raises(warehouse.WarehouseLocked) as err:
            warehouse.connect(db_path, wait_seconds=1.0)
        assert time.monotonic() - t0 >= 1.0
        assert f"PID {holder.pid}" in str(err.value) and "writing" in str(err.value)
    finally:
        holder.kill()
        holder.wait()
    warehouse.connect(db_path, wait_seconds=5).close()  # free again once the holder is gone


def test_reading_a_missing_database_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="newsdesk run"):
        warehouse.connect(tmp_path / "none.duckdb", read_only=True)
