"""Stable ids: the same digests however they are computed."""

from __future__ import annotations

import polars as pl

from transforms.ids import stable_id
from transforms.sorted_keys import in_sorted, sorted_unique


def test_distinct_ids_are_the_plain_ids():
    frame = pl.DataFrame(
        {
            "label": ["PERSON", "PERSON", None, "GPE", "PERSON", "ORG"],
            "key": ["donald trump", "donald trump", "x", "paris", "donald trump", None],
        }
    )
    plain = frame.select(stable_id("label", "key"))
    assert frame.select(stable_id("label", "key", distinct=True)).equals(plain)
    assert plain.to_series().null_count() == 2
    assert frame.head(0).select(stable_id("label", "key", distinct=True)).height == 0


def test_in_sorted_answers_as_is_in():
    words = pl.Series(["mayor", "comedian", "kenyan", "mayor", None])
    probe = pl.DataFrame({"w": ["comedian", "Comedian", None, "zzz", "", "kenyan", "aaa"]})
    keys = sorted_unique(words)
    got = probe.select(in_sorted(pl.col("w"), keys)).to_series()
    assert got.to_list() == probe.select(pl.col("w").is_in(words.drop_nulls().implode())).to_series().to_list()
    assert got.to_list() == [True, False, None, False, False, True, False]
    assert probe.select(in_sorted(pl.col("w"), keys.head(0))).to_series().to_list()[:3] == [False, False, None]
