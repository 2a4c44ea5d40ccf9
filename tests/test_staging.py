from datetime import UTC, datetime

import polars as pl

from transforms.staging import RAW_SCHEMA, first_of_each, stg_articles
from transforms.urls import canonical_url


def raw(*rows: dict) -> pl.LazyFrame:
    base = {k: None for k in RAW_SCHEMA}
    return pl.DataFrame(
        [{**base, "rid": i, "fmt": "plain", "source": "s", **r} for i, r in enumerate(rows)], schema=RAW_SCHEMA
    ).lazy()


def test_canonical_url_removes_tracking_fragment_port_and_www():
    urls = pl.DataFrame(
        {
            "url": [
                "https://www.example.com:443/news/story-1/?utm_source=tw&id=7#comments",
                "https://example.com/news/story-1?id=7",
                None,
            ]
        }
    )
    out = urls.select(canonical_url())["canonical_url"].to_list()
    assert out[0] == out[1] == "https://example.com/news/story-1?id=7"
    assert out[2] is None


def test_article_id_from_url_is_stable_and_survives_new_content():
    a = stg_articles(raw({"url": "https://www.x.org/a?utm_medium=m", "title": "T", "body": "Old text."})).collect()
    b = stg_articles(raw({"url": "https://x.org/a", "title": "T", "body": "New text."})).collect()
    assert a["article_id"][0] == b["article_id"][0]
    assert a["content_hash"][0] != b["content_hash"][0]
    assert len(a["article_id"][0]) == 16 and len(a["content_hash"][0]) == 64


def test_article_id_without_url_comes_from_content():
    df = stg_articles(
        raw({"title": "T", "body": "Same."}, {"title": "T", "body": "Same."}, {"title": "T", "body": "Other."})
    ).collect()
    ids = df["article_id"].to_list()
    assert ids[0] == ids[1] != ids[2]
    assert df["n_words"].to_list() == [1, 1, 1]


def test_first_of_each_keeps_first_occurrence_by_id_or_content():
    df = stg_articles(
        raw(
            {"url": "https://x.org/1", "title": "A", "body": "One."},
            {"url": "https://x.org/1#frag", "title": "A", "body": "One changed."},
            {"url": "https://y.org/2", "title": "A", "body": "One."},
            {"url": "https://z.org/3", "title": "B", "body": "Three."},
        )
    )
    firsts, repeats = (f.collect() for f in first_of_each(df))
    assert firsts["rid"].to_list() == [0, 3]
    assert repeats["rid"].to_list() == [1, 2]


def test_published_at_passes_through_as_utc():
    when = datetime(2024, 3, 1, 12, tzinfo=UTC)
    df = stg_articles(raw({"title": "T", "body": "B.", "published_at": when})).collect()
    assert df["published_at"][0] == when
