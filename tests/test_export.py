"""Parquet exports: readable by DuckDB, Polars and pyarrow alike; incremental; CSV for small tables."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

import warehouse
from flows.cli import app
from schemas import MODELS
from tests.test_views import build_newsroom
from warehouse.export import (
    CSV_TABLES,
    EXPORTED_TABLES,
    PARTITIONED,
    SCHEMA_VERSION,
    export_parquet,
    schema_fingerprint,
)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory) -> Path:
    return build_newsroom(tmp_path_factory.mktemp("newsroom") / "news.duckdb")


def stored_counts(db: Path) -> dict[str, int]:
    with warehouse.connection(db, read_only=True) as con:
        return {t: n for t, n in warehouse.table_counts(con).items() if t in EXPORTED_TABLES}


def read_counts(folder: Path, partitioned: bool) -> dict[str, int]:
    """Rows in one exported table as DuckDB, Polars and pyarrow each read it."""
    glob = str(folder / "**" / "*.parquet")
    duck = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = {str(partitioned).lower()})"
    ).fetchall()[0][0]
    polars = pl.scan_parquet(glob, hive_partitioning=partitioned).select(pl.len()).collect().item()
    arrow = ds.dataset(folder, format="parquet", partitioning="hive" if partitioned else None).count_rows()
    return {"duckdb": duck, "polars": polars, "pyarrow": arrow}


def test_duckdb_polars_and_pyarrow_read_the_same_rows(newsroom, tmp_path):
    manifest = export_parquet(newsroom, tmp_path / "out")
    stored = stored_counts(newsroom)
    # (the newsroom writes no bare surname: tests/test_people.py exports aliases)
    assert all(n > 0 for t, n in stored.items() if t != "aliases")
    for table in EXPORTED_TABLES:
        counts = read_counts(tmp_path / "out" / table, table in PARTITIONED)
        assert set(counts.values()) == {stored[table]} == {manifest["tables"][table]["rows"]}, (table, counts)
    quotes = pl.read_parquet(tmp_path / "out" / "quotes" / "**" / "*.parquet", hive_partitioning=True)
    assert quotes.columns == [*MODELS["quotes"].to_schema().columns, "year", "month"]
    assert sorted(set(zip(quotes["year"], quotes["month"], strict=True))) == [(2026, 3)]
    articles = pl.read_parquet(tmp_path / "out" / "articles" / "**" / "*.parquet", hive_partitioning=True)
    assert articles.schema["published_at"] == pl.Datetime("us", "UTC")
    assert sorted(articles["article_id"]) == ["a1", "a2", "a3", "a4"]


def test_manifest_carries_schema_version_and_latest_run(newsroom, tmp_path):
    export_parquet(newsroom, tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["schema_version"] == SCHEMA_VERSION and manifest["schema_fingerprint"] == schema_fingerprint()
    assert (manifest["mode"], manifest["since"], manifest["latest_run_id"]) == ("full", None, "r2")
    quotes = manifest["tables"]["quotes"]
    assert [c["name"] for c in quotes["columns"]] == list(MODELS["quotes"].to_schema().columns)
    assert {"name": "published_at", "type": "TIMESTAMP WITH TIME ZONE"} in manifest["tables"]["articles"]["columns"]
    assert quotes["partitioned_by"] == ["year", "month"] and quotes["files"][0].startswith("quotes/year=2026/month=3/")
    assert all((tmp_path / "out" / f).exists() for t in manifest["tables"].values() for f in t["files"])


def test_small_tables_are_also_csv(newsroom, tmp_path):
    manifest = export_parquet(newsroom, tmp_path / "out")
    for table in CSV_TABLES:
        assert manifest["tables"][table]["csv"] == f"csv/{table}.csv"
        csv = pl.read_csv(tmp_path / "out" / "csv" / f"{table}.csv")
        assert csv.height == manifest["tables"][table]["rows"] > (0 if table != "aliases" else -1)  # no bare surname
        assert csv.columns == list(MODELS[table].to_schema().columns)
    assert sorted(p.name for p in (tmp_path / "out").rglob("*.csv")) == sorted(f"{t}.csv" for t in CSV_TABLES)
    export_parquet(newsroom, tmp_path / "no-csv", csv=False)
    assert not list((tmp_path / "no-csv").rglob("*.csv"))


def test_since_a_run_exports_only_the_articles_later_runs_loaded(newsroom, tmp_path):
    manifest = export_parquet(newsroom, tmp_path / "inc", since="r1")
    rows = {t: info["rows"] for t, info in manifest["tables"].items()}
    # r2 loaded a3 (3 sentences, 2 quotes, 4 mentions) and a4 (2, 1, 1); it rejected nothing.
    assert rows == {
        "articles": 2,
        "sentences": 5,
        "quotes": 3,
        "entities": 3,
        "mentions": 5,
        "rejects": 0,
        "runs": 1,
        "aliases": 0,
    }
    assert manifest["mode"] == "incremental" and manifest["since"] == "r1"
    for table in EXPORTED_TABLES:  # empty tables too stay readable, with their columns
        assert set(read_counts(tmp_path / "inc" / table, table in PARTITIONED).values()) == {rows[table]}, table
    ids = pl.read_parquet(tmp_path / "inc" / "articles" / "**" / "*.parquet", hive_partitioning=True)["article_id"]
    assert sorted(ids) == ["a3", "a4"]
    entities = pl.read_csv(tmp_path / "inc" / "csv" / "entities.csv")["name"]
    assert sorted(entities) == ["Ann Lee", "Tom Park", "York"]
    assert pl.read_parquet(tmp_path / "inc" / "rejects" / "data.parquet").columns == list(
        MODELS["rejects"].to_schema().columns
    )


@pytest.mark.parametrize(
    ("since", "articles"), [("2026-03-03", 4), ("2026-03-04", 2), ("2026-03-03T12:00", 2), ("2026-03-05", 0)]
)
def test_since_a_date_exports_articles_loaded_from_then_on(newsroom, tmp_path, since, articles):
    manifest = export_parquet(newsroom, tmp_path / "inc", since=since)
    assert manifest["tables"]["articles"]["rows"] == articles
    assert read_counts(tmp_path / "inc" / "quotes", True)["pyarrow"] == manifest["tables"]["quotes"]["rows"]


def test_since_an_unknown_run_is_an_error(newsroom, tmp_path):
    with pytest.raises(ValueError, match="neither a run id"):
        export_parquet(newsroom, tmp_path / "inc", since="no-such-run")
    result = CliRunner().invoke(
        app, ["export", "--db", str(newsroom), "--out", str(tmp_path / "inc"), "--since", "no-such-run"]
    )
    assert result.exit_code == 1 and "neither a run id" in result.output


def test_export_command_prints_counts_and_manifest(newsroom, tmp_path):
    result = CliRunner().invoke(app, ["export", "--db", str(newsroom), "--out", str(tmp_path / "x"), "--since", "r1"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^articles +2 rows -> ", result.output, re.M) and re.search(
        r"^runs +1 rows -> ", result.output, re.M
    )
    assert "incremental, schema version" in result.output and "latest run r2" in result.output


def export_cli(db: Path, out: Path, *more: str):
    return CliRunner().invoke(app, ["export", "--db", str(db), "--out", str(out), *more])


def _one_line_error(result, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: ") and message in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_a_folder_that_is_no_export_is_left_alone_unless_forced(newsroom, tmp_path):
    mine = tmp_path / "mine"
    (mine / "articles").mkdir(parents=True)
    (mine / "articles" / "draft.docx").write_text("a week of work")
    (mine / "notes.txt").write_text("keep")
    _one_line_error(export_cli(newsroom, mine), "not empty and holds no newsdesk export")
    assert (mine / "articles" / "draft.docx").read_text() == "a week of work" and not (mine / "manifest.json").exists()
    forced = export_cli(newsroom, mine, "--force")
    assert forced.exit_code == 0, forced.output
    assert not (mine / "articles" / "draft.docx").exists() and (mine / "notes.txt").read_text() == "keep"
    assert json.loads((mine / "manifest.json").read_text())["generator"] == "newsdesk"


def test_a_previous_export_new_or_old_is_replaced(newsroom, tmp_path):
    out = tmp_path / "exports"
    first = export_parquet(newsroom, out)
    assert first["generator"] == "newsdesk"
    assert export_cli(newsroom, out).exit_code == 0  # again into its own export
    old = json.loads((out / "manifest.json").read_text())
    del old["generator"]  # as written before the manifest named its generator
    (out / "manifest.json").write_text(json.dumps(old))
    again = export_cli(newsroom, out)
    assert again.exit_code == 0, again.output
    (out / "manifest.json").write_text('{"tables": {}}')  # some other tool's manifest
    _one_line_error(export_cli(newsroom, out), "holds no newsdesk export")


def test_an_empty_folder_is_fine(newsroom, tmp_path):
    (tmp_path / "empty").mkdir()
    assert export_cli(newsroom, tmp_path / "empty").exit_code == 0


def test_bad_out_paths_are_one_line_errors(newsroom, tmp_path):
    a_file = tmp_path / "report.html"
    a_file.write_text("<p>mine</p>")
    _one_line_error(export_cli(newsroom, a_file), "is a file, not a folder")
    _one_line_error(export_cli(newsroom, a_file / "sub" / "exports"), f"is under {a_file}, which is a file")
    assert a_file.read_text() == "<p>mine</p>"
    size = newsroom.stat().st_size
    _one_line_error(export_cli(newsroom, newsroom), "is the database file")
    assert newsroom.stat().st_size == size and stored_counts(newsroom)["articles"] == 4
