import duckdb
import polars as pl
import pytest

from schemas import MODELS, Quotes, create_table_sql, data_dictionary, key_indexed, polars_schema, primary_key
from schemas.validate import split_valid
from warehouse.db import add_missing_columns, check_child_keys


def quote_rows(**overrides) -> pl.DataFrame:
    base = {
        "quote_id": ["q1", "q2"],
        "article_id": ["a", "a"],
        "sentence_id": [0, 1],
        "start_char": [0, 10],
        "end_char": [5, 20],
        "text": ["hello", "world said"],
        "kind": ["direct", "partial"],
        "speaker": [None, "he"],
        "speaker_start": [None, 21],
        "speaker_end": [None, 23],
        "cue": [None, "said"],
        "speaker_entity_id": [None, None],
        "speaker_name": [None, None],
        "part_of_quote_id": [None, None],
        "attribution": [None, "after-speaker-verb"],
    }
    base.update(overrides)
    return pl.DataFrame(base, schema=polars_schema(Quotes))


def test_every_model_makes_a_duckdb_table_with_its_key():
    con = duckdb.connect()
    for table, model in MODELS.items():
        con.execute(create_table_sql(model, table))
        cols = [
            r[0]
            for r in con.sql(
                f"select column_name from information_schema.columns where table_name='{table}' order by "
                f"ordinal_position"
            ).fetchall()
        ]
        assert cols == list(model.to_schema().columns)
    assert primary_key(MODELS["sentences"]) == ["article_id", "sentence_id"]
    assert primary_key(MODELS["articles"]) == ["article_id"]
    keyed = {
        r[0]: r[1]
        for r in con.sql(
            "select table_name, constraint_column_names from duckdb_constraints() where constraint_type = 'PRIMARY KEY'"
        ).fetchall()
    }
    # INSERT OR IGNORE / REPLACE and the replace-by-id of articles need a database key on these
    assert keyed == {
        "aliases": ["article_id", "alias_id"],
        "articles": ["article_id"],
        "entities": ["entity_id"],
        "rejects": ["reject_id"],
        "runs": ["run_id"],
    }


def test_big_child_tables_keep_their_key_out_of_the_database():
    """Their key is checked per batch by the loader; an index would grow in memory with the table."""
    for table in ("sentences", "quotes", "mentions", "article_signatures", "article_bands"):
        assert not key_indexed(MODELS[table]), table
        assert "PRIMARY KEY" not in create_table_sql(MODELS[table], table)
    text = data_dictionary(MODELS)
    section = text[text.index("## `sentences`") : text.index("## `quotes`")]
    assert "Key: `article_id`, `sentence_id` (unique in every loaded batch" in section
    articles = text[text.index("## `articles`") : text.index("## `sentences`")]
    assert "Key: `article_id`\n" in articles


def sentence_rows(ids: list[str], sids: list[int]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": ids,
            "sentence_id": sids,
            "paragraph_id": [0] * len(ids),
            "section": [None] * len(ids),
            "is_heading": [False] * len(ids),
            "start_char": [0] * len(ids),
            "end_char": [3] * len(ids),
            "text": ["Hi."] * len(ids),
        },
        schema=polars_schema(MODELS["sentences"]),
    )


def test_the_loader_refuses_child_rows_its_delete_would_not_replace():
    arts = pl.DataFrame({"article_id": ["a", "b"]})
    check_child_keys(arts, {"sentences": sentence_rows(["a", "a", "b"], [0, 1, 0])})
    with pytest.raises(ValueError, match="duplicate key"):
        check_child_keys(arts, {"sentences": sentence_rows(["a", "a"], [0, 0])})
    with pytest.raises(ValueError, match="belong to no article"):
        check_child_keys(arts, {"sentences": sentence_rows(["a", "c"], [0, 0])})


def test_split_valid_returns_good_rows_and_reasons_for_bad_ones():
    valid, failed = split_valid(Quotes, quote_rows(kind=["direct", "quoted"], end_char=[5, 3]))
    assert valid["quote_id"].to_list() == ["q1"]
    assert failed["quote_id"].to_list() == ["q2"]
    reason = failed["reason"][0]
    assert "kind" in reason and "isin" in reason and "span_not_empty" in reason


def test_split_valid_fails_every_row_when_a_column_is_missing():
    valid, failed = split_valid(Quotes, quote_rows().drop("cue"))
    assert valid.height == 0 and failed.height == 2
    assert "cue" in failed["reason"][0]


def test_data_dictionary_lists_every_column_with_its_description():
    text = data_dictionary(MODELS)
    for table, model in MODELS.items():
        assert f"## `{table}`" in text
        for name, col in model.to_schema().columns.items():
            assert col.description, f"{table}.{name} has no description"
            assert f"| `{name}` |" in text


def test_a_database_from_before_a_new_column_gets_it_added():
    """An older warehouse lacks quotes.part_of_quote_id and attribution: opening it adds them (null)."""
    con = duckdb.connect()
    con.execute(create_table_sql(Quotes, "quotes"))
    con.execute("ALTER TABLE quotes DROP COLUMN attribution")
    con.execute("ALTER TABLE quotes DROP COLUMN part_of_quote_id")
    con.execute(
        "INSERT INTO quotes (quote_id, article_id, sentence_id, start_char, end_char, text, kind) "
        "VALUES ('q1', 'a', 0, 0, 5, 'hello', 'direct')"
    )
    add_missing_columns(con, "quotes", Quotes)
    cols = [
        r[0] for r in con.sql("select column_name from information_schema.columns where table_name='quotes'").fetchall()
    ]
    assert cols[-2:] == ["part_of_quote_id", "attribution"]
    assert con.sql("select quote_id, attribution from quotes").fetchall() == [("q1", None)]
