"""Canonical URLs."""

from __future__ import annotations

import polars as pl

from transforms.urls import canonical_url


def _canon(urls: list[str | None]) -> list[str | None]:
    return pl.DataFrame({"url": urls}, schema={"url": pl.String}).select(canonical_url())["canonical_url"].to_list()


def test_tracking_fragment_port_www_removed_path_case_kept():
    assert _canon(["HTTPS://WWW.Example.com:443/News/Story-One/?utm_source=x&id=5&fbclid=abc#top"]) == [
        "https://example.com/News/Story-One?id=5"
    ]


def test_links_to_one_article_agree():
    got = _canon([
        "http://www.paper.example/world/Article-12?utm_medium=rss&utm_campaign=a",
        "http://paper.example:80/world/Article-12/#comments",
        "http://paper.example/world/Article-12?gclid=1",
    ])  # fmt: skip
    assert got == ["http://paper.example/world/Article-12"] * 3


def test_meaningful_query_and_other_ports_stay():
    assert _canon(["https://x.example:8443/a?page=2&utm_source=t&b=3", "http://x.example:443/a"]) == [
        "https://x.example:8443/a?page=2&b=3",
        "http://x.example:443/a",
    ]


def test_null_and_non_urls():
    assert _canon([None, "  not a url#frag  "]) == [None, "not a url"]
