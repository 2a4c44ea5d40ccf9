"""`newsdesk sql`: a table with column types, files in Parquet/CSV/JSON, read-only."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.test_views import build_newsroom
from warehouse.query import MAX_ROWS, format_table


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory) -> Path:
    return build_newsroom(tmp_path_factory.mktemp("newsroom") / "news.duckdb")


def sql(*args: str):
    return CliRunner().invoke(app, ["sql", *args])


def test_table_shows_column_names_types_and_rows(newsroom):
    result = sql("select speaker_name, quotes, last_quoted_at from top_speakers", "--db", str(newsroom))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header, types = lines[1], lines[2]
    assert [c.strip() for c in header.strip("│").split("│")] == ["speaker_name", "quotes", "last_quoted_at"]
    assert [c.strip() for c in types.strip("│").split("│")] == ["VARCHAR", "BIGINT", "TIMESTAMP WITH TIME ZONE"]
    body = [[c.strip() for c in line.strip("│").split("│")] for line in lines[4:-2]]
    assert body == [
        ["Ann Lee", "3", "2026-03-03 08:00:00+00:00"],
        ["Tom Park", "2", "2026-03-03 15:30:00+00:00"],
        ["a forecaster", "1", "NULL"],  # its article has no publication date
    ]
    assert lines[-1] == "3 rows, 3 columns"


def test_dates_and_times_show_as_iso(newsroom):
    result = sql(
        "select date '2026-03-01' as month, time '09:30:00' as at, timestamptz '2026-03-02 08:00:00+00' as ts",
        "--db",
        str(newsroom),
    )
    assert result.exit_code == 0, result.output
    body = [c.strip() for c in result.output.splitlines()[4].strip("│").split("│")]
    assert body == ["2026-03-01", "09:30:00", "2026-03-02 08:00:00+00:00"]


def test_long_results_are_cut_and_say_so():
    rows = [(i, "x" * 80) for i in range(MAX_ROWS)]
    text = format_table(["n", "s"], ["BIGINT", "VARCHAR"], rows, more=True)
    assert text.splitlines()[-1].startswith(f"first {MAX_ROWS} rows shown")
    assert "x" * 80 not in text and "…" in text
    lines = text.splitlines()
    assert (lines[4].split("│")[1], lines[-3].split("│")[1]) == ("      0 ", "     99 ")  # numbers right-aligned


def test_parquet_out_saves_the_result_with_duckdb_types(newsroom, tmp_path):
    out = tmp_path / "speakers.parquet"
    result = sql("select * from top_speakers", "--db", str(newsroom), "--format", "parquet", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"3 rows -> {out}" in result.output
    df = pl.read_parquet(out)
    assert df["speaker_name"].to_list() == ["Ann Lee", "Tom Park", "a forecaster"]
    assert df.schema["last_quoted_at"] == pl.Datetime("us", "UTC")
    assert duckdb.sql(f"select sum(quotes) from '{out}'").fetchall() == [(6,)]


def test_csv_and_json_formats(newsroom, tmp_path):
    result = sql("select name, label from entities order by name", "--db", str(newsroom), "--format", "csv")
    assert result.exit_code == 0 and result.output.splitlines()[:2] == ["name,label", "Ann Lee,PERSON"]
    out = tmp_path / "e.csv"
    assert sql("select * from entities", "--db", str(newsroom), "-f", "csv", "--out", str(out)).exit_code == 0
    assert pl.read_csv(out).height == 5
    result = sql("select name from entities order by name limit 2", "--db", str(newsroom), "--format", "json")
    assert [json.loads(line) for line in result.output.splitlines()] == [{"name": "Ann Lee"}, {"name": "Leeds"}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["delete from quotes"], "read-only"),
        (["select * from nowhere"], "nowhere"),
        (["select 1", "--format", "parquet"], "--format parquet needs --out FILE"),
        (["select 1", "--format", "xml"], "--format must be one of"),
    ],
)
def test_errors_are_one_readable_line(newsroom, args, message):
    result = sql(*args[:1], "--db", str(newsroom), *args[1:])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    with duckdb.connect(str(newsroom), read_only=True) as con:
        assert con.sql("select count(*) from quotes").fetchall() == [(7,)]


def test_missing_database_says_to_run_first(tmp_path):
    result = sql("select 1", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1 and "newsdesk run" in result.output


def _refused(result, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: ") and message in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output  # one line


def test_a_second_statement_never_runs(newsroom, tmp_path):
    target = tmp_path / "x.csv"
    _refused(
        sql(f"select 1; copy (select * from articles) to '{target}'", "--db", str(newsroom)),
        "exactly one statement, not 2",
    )
    assert not target.exists()
    _refused(sql("select 1; select 2", "--db", str(newsroom)), "exactly one statement, not 2")
    _refused(sql("/* nothing */", "--db", str(newsroom)), "exactly one statement, not 0")


def test_attach_cannot_create_another_database(newsroom, tmp_path):
    other = tmp_path / "other.duckdb"
    _refused(sql(f"ATTACH '{other}' (READ_WRITE)", "--db", str(newsroom)), "ATTACH statements are refused")
    assert not other.exists() and not list(tmp_path.iterdir())


@pytest.mark.parametrize(("query", "message"), [
    ("copy articles to '{tmp}/a.parquet'", "COPY statements are refused"),
    ("explain analyze copy (select 1) to '{tmp}/e.csv'", "EXPLAIN only of a SELECT"),
    ("export database '{tmp}/db'", "EXPORT statements are refused"),
    ("with t as (select 1 as x) insert into runs select * from t", "INSERT statements are refused"),
    ("create view v as select 1", "CREATE statements are refused"),
    ("set threads = 1", "SET statements are refused"),
    ("pragma memory_limit = '1GB'", "SET statements are refused"),
    ("pragma enable_profiling", "PRAGMA enable_profiling changes settings"),
    ("install httpfs", "LOAD statements are refused"),
    ("call pragma_table_info('articles')", "CALL statements are refused"),
])  # fmt: skip
def test_statements_that_may_write_are_refused(newsroom, tmp_path, query, message):
    _refused(sql(query.format(tmp=tmp_path), "--db", str(newsroom)), message)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("query", [
    "with q as (select * from quotes) select count(*) from q",
    "from articles select title",
    "table entities",
    "values (1, 'a')",
    "describe articles",
    "show tables",
    "summarize entities",
    "explain select * from top_speakers",
    "pragma table_info('articles')",
    "pragma show_tables",
    "pragma database_size",
    "select * from quote_attributions;",
])  # fmt: skip
def test_reads_of_every_form_are_allowed(newsroom, query):
    result = sql(query, "--db", str(newsroom), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.strip()


def test_the_reader_touches_no_other_file(newsroom, tmp_path):
    data = tmp_path / "other.csv"
    data.write_text("a\n1\n")
    _refused(sql(f"select * from read_csv('{data}')", "--db", str(newsroom)), "disabled by configuration")
    out = tmp_path / "views.parquet"  # --out still writes, with DuckDB's types
    assert sql("select * from entity_daily", "--db", str(newsroom), "-f", "parquet", "--out", str(out)).exit_code == 0
    assert duckdb.sql(f"select count(*) from '{out}'").fetchall()[0][0] > 0
