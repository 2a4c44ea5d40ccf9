"""RSS, Atom and JSON Feed files: one article per item, full content kept, rejects for the rest."""

from __future__ import annotations

import json
from datetime import timedelta

from flows.readers import RawArticle, Reject, read_source
from flows.readers.feeds import feed_articles

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wire</title><link>https://news.example.org/</link>
<item><title>Dam opens</title><link>https://news.example.org/dam?utm_source=rss</link>
<guid isPermaLink="false">wire-101</guid><dc:creator>Sam Lee</dc:creator>
<pubDate>Wed, 10 Jan 2024 08:00:00 +0530</pubDate><description>Teaser only.</description>
<content:encoded><![CDATA[<p>The new dam opened on Wednesday.</p><h2>Power</h2><p>It will supply <b>two</b> towns.</p>]]></content:encoded>
</item>
<item><title>Teaser only</title><link>https://news.example.org/teaser</link><guid>wire-102</guid>
<description>A summary, not the article.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
<entry><title>Bridge works</title><id>tag:blog,2024:1</id><link href="https://blog.example.com/bridge"/>
<author><name>Kim Ode</name></author><published>2024-02-01T12:00:00-08:00</published>
<content type="html">&lt;p&gt;Works on the bridge start in May.&lt;/p&gt;&lt;p&gt;Traffic will be diverted.&lt;/p&gt;</content></entry></feed>"""

JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Radio",
    "items": [
        {
            "id": "r1",
            "url": "https://radio.example.net/r1",
            "title": "Choir wins",
            "authors": [{"name": "Ola Berg"}],
            "date_published": "2024-04-03T07:00:00+02:00",
            "content_html": "<p>The choir won the cup.</p><p>It was the third win.</p>",
        },
        {
            "id": "r2",
            "url": "https://radio.example.net/r2",
            "title": "Plain",
            "content_text": "Plain text body.\n\nSecond paragraph.",
        },
    ],
}


def test_rss_item_with_full_content(tmp_path):
    f = tmp_path / "wire.rss"
    f.write_text(RSS)
    arts = [o for o in read_source(str(f)) if isinstance(o, RawArticle)]
    [dam] = arts
    assert dam.external_id == "wire-101" and dam.author == "Sam Lee" and dam.title == "Dam opens"
    assert dam.url == "https://news.example.org/dam?utm_source=rss"
    assert dam.body == "The new dam opened on Wednesday.\n\nPower\n\nIt will supply two towns."
    assert dam.published_at.utcoffset() == timedelta(hours=5, minutes=30)


def test_item_without_content_is_rejected_when_links_are_not_fetched():
    out = list(feed_articles(RSS.encode(), "wire.rss", fetch_links=False))
    rejects = [o for o in out if isinstance(o, Reject)]
    assert len(rejects) == 1 and "no full content" in rejects[0].reason and "wire-102" in (rejects[0].payload or "")


def test_atom_entry(tmp_path):
    f = tmp_path / "blog.atom"
    f.write_text(ATOM)
    [art] = list(read_source(str(f)))
    assert art.external_id == "tag:blog,2024:1" and art.author == "Kim Ode"
    assert art.body == "Works on the bridge start in May.\n\nTraffic will be diverted."
    assert art.published_at.utcoffset() == timedelta(hours=-8)


def test_json_feed(tmp_path):
    f = tmp_path / "radio.json"
    f.write_text(json.dumps(JSON_FEED))
    a, b = list(read_source(str(f)))
    assert (a.external_id, a.author, a.title) == ("r1", "Ola Berg", "Choir wins")
    assert a.body == "The choir won the cup.\n\nIt was the third win."
    assert a.published_at.utcoffset() == timedelta(hours=2)
    assert b.body == "Plain text body.\n\nSecond paragraph."


def test_json_array_of_records(tmp_path):
    f = tmp_path / "export.json"
    f.write_text(json.dumps([{"id": 1, "title": "T", "body": "Body text."}, {"id": 2, "title": "No body"}, 5]))
    out = list(read_source(str(f)))
    assert isinstance(out[0], RawArticle) and out[0].external_id == "1"
    assert [type(o).__name__ for o in out[1:]] == ["Reject", "Reject"]


def test_broken_feed_is_one_reject(tmp_path):
    f = tmp_path / "broken.xml"
    f.write_text("<rss><channel><title>x</title>")
    [rej] = list(read_source(str(f)))
    assert isinstance(rej, Reject) and rej.stage == "read" and "not a readable feed" in rej.reason
