"""The in-memory index of what is stored (warehouse/lookup.py) answers as the database queries do."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

import warehouse
from flows.ingest import ingest
from tests.test_dedupe import OTHER, STORY
from tests.test_flow import wire_sites
from transforms.dedupe import band_keys, band_matrix, minhash_signatures
from warehouse.lookup import SortedKeys, StoredIndex


def test_sorted_keys_find_every_match_across_runs():
    rng = np.random.default_rng(7)
    index = SortedKeys()
    expected: dict[int, list[int]] = {}
    for size in (5, 1, 300, 2, 40, 40, 1000, 3):  # runs of every size, merged as they come
        keys = rng.integers(0, 500, size)  # small range: repeated keys
        values = rng.integers(0, 10**9, size)
        index.add(keys, values)
        for k, v in zip(keys.tolist(), values.tolist(), strict=True):
            expected.setdefault(k, []).append(v)
    assert len(index) == sum(map(len, expected.values()))
    query = np.array([3, 499, 1000, 3, -1, 250])
    at, found = index.find(query)
    got: dict[int, list[int]] = {}
    for i, v in zip(at.tolist(), found.tolist(), strict=True):
        got.setdefault(i, []).append(v)
    assert {i: sorted(vs) for i, vs in got.items()} == {
        i: sorted(expected[k]) for i, k in enumerate(query.tolist()) if k in expected
    }
    assert index.contains(query).tolist() == [k in expected for k in query.tolist()]


def _articles(rows: list[tuple[str, str, str | None]]) -> pl.DataFrame:
    """(article_id, body, duplicate_of) rows with a content hash of the body."""
    df = pl.DataFrame(rows, schema=["article_id", "body", "duplicate_of"], orient="row")
    return df.with_columns(content_hash=pl.col("body").str.slice(0, 40))


def test_a_replaced_original_stops_being_a_candidate():
    index = StoredIndex(band_matrix)
    first = _articles([("a", STORY, None), ("b", OTHER, None)])
    index.after_load(first, minhash_signatures(first))
    probe = minhash_signatures(pl.DataFrame({"article_id": ["new"], "body": [STORY + " More later."]}))
    keys = band_keys(probe)["band_key"].to_numpy()
    assert index.candidates(keys, [])["article_id"].to_list() == ["a"]
    assert index.candidates(keys, ["a"]).height == 0  # the batch's own ids are not candidates
    # "a" comes back as a copy of another story: no longer an original
    again = _articles([("a", OTHER + " Updated.", "b")])
    index.after_load(again, minhash_signatures(again))
    assert index.candidates(keys, []).height == 0
    assert index.possibly_stored(["a", "zz"], [STORY[:40], "none"]) == (["a"], [STORY[:40]])


@pytest.mark.usefixtures("prefect_harness")
def test_index_built_from_a_database_answers_as_its_queries(tmp_path, db_path):
    first, second = wire_sites(tmp_path)
    ingest(sources=[str(first), str(second)], db_path=str(db_path), ner="rules")
    with warehouse.connection(db_path) as con:
        index = StoredIndex.build(con, band_matrix)
        stored = con.sql("select article_id, content_hash, body from articles").pl()
        keys = band_keys(minhash_signatures(stored))["band_key"].unique()
        excludes: list[list[str]] = [[], stored["article_id"].head(1).to_list()]
        for exclude in excludes:
            assert index.candidates(keys.to_numpy(), exclude).equals(
                warehouse.candidate_signatures(con, keys.to_list(), exclude)
            )
        ids, hashes = stored["article_id"].to_list() + ["none"], stored["content_hash"].to_list() + ["none"]
        assert index.possibly_stored(ids, hashes) == (ids[:-1], hashes[:-1])
