import duckdb
import polars as pl

from schemas import MODELS, Quotes, create_table_sql, data_dictionary, polars_schema, primary_key
from schemas.validate import split_valid


def quote_rows(**overrides) -> pl.DataFrame:
    base = {"quote_id": ["q1", "q2"], "article_id": ["a", "a"], "sentence_id": [0, 1], "start_char": [0, 10],
            "end_char": [5, 20], "text": ["hello", "world said"], "kind": ["direct", "partial"], "speaker": [None, "he"],
            "speaker_start": [None, 21], "speaker_end": [None, 23], "cue": [None, "said"], "speaker_entity_id": [None, None],
            "speaker_name": [None, None]}
    base.update(overrides)
    return pl.DataFrame(base, schema=polars_schema(Quotes))


def test_every_model_makes_a_duckdb_table_with_its_key():
    con = duckdb.connect()
    for table, model in MODELS.items():
        con.execute(create_table_sql(model, table))
        cols = [r[0] for r in con.sql(f"select column_name from information_schema.columns where table_name='{table}' order by ordinal_position").fetchall()]
        assert cols == list(model.to_schema().columns)
    assert primary_key(MODELS["sentences"]) == ["article_id", "sentence_id"]
    assert primary_key(MODELS["articles"]) == ["article_id"]
    con.execute("insert into sentences values ('a', 0, 0, null, false, 0, 3, 'abc')")
    try:
        con.execute("insert into sentences values ('a', 0, 0, null, false, 0, 3, 'abc')")
        raise AssertionError("duplicate key accepted")
    except duckdb.ConstraintException:
        pass


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
