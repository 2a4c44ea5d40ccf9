"""The in-memory index of what is stored (warehouse/lookup.py) answers as the database queries do."""

from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest

import warehouse
from benchmarks.make_corpus import replicas
from flows.ingest import ingest
from flows.readers import RawArticle, read_source
from flows.stages import clean, find_near_duplicates, raw_frame
from tests.conftest import benchmark_file
from tests.test_dedupe import OTHER, STORY
from tests.test_flow import wire_sites
from transforms.dedupe import band_keys, band_matrix, minhash_signatures
from warehouse.lookup import SignatureFile, SortedKeys, StoredIndex


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


def _write_jsonl(path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


@pytest.mark.usefixtures("prefect_harness")
def test_lean_index_finds_the_near_duplicates_the_queries_find_and_a_restarted_run_does(tmp_path, db_path):
    """On real articles (../shared's corpus, replicated as the scale benchmark does: each copy a near-
    duplicate of its original), the index with its signatures in a file finds the pairs the database
    queries find, in the run that loaded the originals and in a later run that builds it anew."""
    source = benchmark_file("corpora", "news_text.jsonl")
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()][:300]
    corpus = list(replicas(records, 900))  # 300 originals, then two near-copies of each
    first = _write_jsonl(tmp_path / "first.jsonl", corpus[:450])  # originals and half the first copies
    second = _write_jsonl(tmp_path / "second.jsonl", corpus[450:])
    # first run: batches of 100, so copies meet originals loaded by earlier batches of the same run
    ingest(sources=[first], db_path=str(db_path), ner="rules", batch_size=100)
    probe, _, _ = clean(raw_frame([r for r in read_source(second) if isinstance(r, RawArticle)]))
    by_queries = find_near_duplicates(probe, str(db_path))  # no held connection: the database queries
    with warehouse.held_connection(str(db_path), band_matrix=band_matrix):  # an index built from the database
        index = warehouse.stored_index(str(db_path))
        assert index is not None and index.slots > 0
        by_index = find_near_duplicates(probe, str(db_path))
    assert by_index.select("article_id", "duplicate_of", "signature").equals(
        by_queries.select("article_id", "duplicate_of", "signature")
    )
    # the first copies still in `second` match their stored originals, as do the second copies
    assert by_index["duplicate_of"].is_not_null().sum() >= 400
    with warehouse.connection(db_path) as con:
        marked = con.sql(
            "SELECT c.external_id, o.external_id AS original FROM articles AS c "
            "LEFT JOIN articles AS o ON o.article_id = c.duplicate_of WHERE c.external_id LIKE '%~r1'"
        ).pl()
    assert marked.height == 150 and marked["original"].str.ends_with("~r0").all()  # within the run
    # a second run (a new index, built from what the first one committed) marks what the queries found
    # (in one batch, as the probe was: in batches of 100 a copy would meet the other copy of its story
    # loaded by an earlier batch, no longer a candidate, where the probe met it in the same batch)
    ingest(sources=[second], db_path=str(db_path), ner="rules", batch_size=len(corpus) - 450)
    with warehouse.connection(db_path) as con:
        loaded = con.sql("SELECT article_id, duplicate_of FROM articles").pl()
    expected = by_queries.filter(pl.col("duplicate_of").is_not_null()).select("article_id", "duplicate_of")
    # (an exact copy of a stored body is not loaded at all: compare drops it before near-duplicates)
    got = expected.join(loaded, on="article_id", how="inner", suffix="_loaded")
    assert got.height >= 440
    assert got.filter(pl.col("duplicate_of_loaded").ne_missing(pl.col("duplicate_of"))).height == 0


def test_signature_file_reads_back_by_slot(tmp_path):
    sigs = np.random.default_rng(3).integers(0, 2**32, (50, 128), dtype=np.uint64).astype(np.uint32)
    f = SignatureFile(str(tmp_path))
    f.write(0, sigs[:20])
    f.write(20, sigs[20:])
    slots = np.array([0, 1, 2, 7, 19, 20, 21, 49])
    assert f.read(slots) == [sigs[s].astype("<u4").tobytes() for s in slots]
    assert list(tmp_path.iterdir()) == []  # no name on disk: nothing left behind, even after a crash
    f.close()
