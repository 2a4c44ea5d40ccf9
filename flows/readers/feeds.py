"""Feeds: RSS, Atom (`.rss`, `.atom`, `.xml`, feed URLs) through feedparser, JSON Feed (`.json`) through json.

Each item is an article: guid -> external_id, link -> url, title, author, published. The body is the
item's full content when the feed carries it (content:encoded, Atom content, content_html/content_text);
otherwise the linked page is fetched and extracted; a summary alone is not taken for the article.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import feedparser

from .base import RawArticle, Reject
from .dates import parse_date
from .fetch import DEFAULT_POLICY, FetchPolicy, fetch
from .html import HTML_TYPES, decode_html, extract_html, fragment_paragraphs
from .text import decode, record_article

# Media types a fetched feed may be served as.
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
    "application/feed+json", "application/json",
})  # fmt: skip


def looks_like_feed(content: bytes) -> bool:
    """True when bytes open like an RSS/Atom/RDF document or a JSON Feed."""
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return b"jsonfeed.org" in head or b'"items"' in content[:65536]
    return (
        head.startswith(b"<?xml")
        and any(t in head for t in (b"<rss", b"<feed", b"<rdf"))
        or head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))
    )


def _linked_article(item: dict, source: str, policy: FetchPolicy) -> RawArticle | Reject:
    """The item's linked page, fetched and extracted, with the feed's metadata taking precedence."""
    url = item["url"]
    if not url:
        return Reject(source, "read", "feed item has neither content nor a link", json.dumps(item, default=str))
    got = fetch(url, policy)
    if isinstance(got, Reject):
        got.source = f"{source} -> {url}"
        return got
    if got.content_type not in HTML_TYPES:
        return Reject(
            f"{source} -> {url}", "fetch", f"linked page is not HTML: {got.content_type or 'no content type'}"
        )
    html, _ = decode_html(got.content, url)
    page = extract_html(html, source, url=url)
    if isinstance(page, RawArticle):
        page.external_id = item["external_id"]
        page.title = item["title"] or page.title
        page.author = item["author"] or page.author
        page.published_at = item["published_at"] or page.published_at
        page.url = url
        page.extra["body_from"] = "linked page"
    return page


def _item_article(item: dict, source: str, fetch_links: bool, policy: FetchPolicy) -> RawArticle | Reject:
    paragraphs = fragment_paragraphs(item["content"]) if item["content"] else []
    if paragraphs:
        return RawArticle(
            source=source,
            body="\n\n".join(paragraphs),
            fmt="plain",
            external_id=item["external_id"],
            url=item["url"],
            title=item["title"],
            author=item["author"],
            published_at=item["published_at"],
            extra={"body_from": "feed content"},
        )
    if not fetch_links:
        return Reject(
            source,
            "read",
            "feed item carries no full content (linked pages not fetched)",
            json.dumps(item, default=str),
        )
    return _linked_article(item, source, policy)


def _rss_items(content: bytes, source: str) -> tuple[list[dict], Reject | None]:
    parsed = feedparser.parse(content)
    if not parsed.entries:
        why = parsed.get("bozo_exception")
        return [], Reject(
            source, "read", f"not a readable feed: {why or 'no items'}", content.decode("utf-8", "replace")
        )
    items = []
    for e in parsed.entries:
        content_parts = [c.get("value", "") for c in e.get("content", []) if c.get("value")]
        items.append(
            {
                "external_id": e.get("id") or e.get("link") or None,
                "url": e.get("link") or None,
                "title": (e.get("title") or "").strip() or None,
                "author": (e.get("author") or "").strip() or None,
                # the raw string keeps the feed's UTC offset; feedparser's *_parsed tuples drop it
                "published_at": parse_date(e.get("published") or e.get("updated")),
                "content": max(content_parts, key=len) if content_parts else None,
            }
        )
    return items, None


def _json_feed_items(feed: dict) -> list[dict]:
    items = []
    for it in feed.get("items") or []:
        if not isinstance(it, dict):
            continue
        authors = it.get("authors") or ([it["author"]] if isinstance(it.get("author"), dict) else [])
        names = [str(a["name"]) for a in authors if isinstance(a, dict) and a.get("name")]
        items.append(
            {
                "external_id": None if it.get("id") is None else str(it["id"]),
                "url": it.get("url") or it.get("external_url") or None,
                "title": (it.get("title") or "").strip() or None,
                "author": ", ".join(names) or None,
                "published_at": parse_date(it.get("date_published") or it.get("date_modified")),
                "content": it.get("content_html") or it.get("content_text") or None,
            }
        )
    return items


def feed_articles(
    content: bytes, source: str, *, fetch_links: bool = True, policy: FetchPolicy = DEFAULT_POLICY
) -> Iterator[RawArticle | Reject]:
    """Articles of one feed document (RSS, Atom, RDF or JSON Feed bytes); rejects for what cannot be used."""
    if content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        text, problem = decode(content, source)
        if problem:
            yield problem
        try:
            feed = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Reject(source, "read", f"malformed JSON: {exc.msg} at line {exc.lineno}", text)
            return
        if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
            yield Reject(source, "read", "JSON without an `items` list is not a JSON Feed", text)
            return
        items = _json_feed_items(feed)
    else:
        items, problem = _rss_items(content, source)
        if problem:
            yield problem
            return
    for item in items:
        yield _item_article(item, source, fetch_links, policy)


def read_feed(path: Path) -> Iterator[RawArticle | Reject]:
    """Items of a feed file (`.rss`, `.atom`, `.xml`)."""
    yield from feed_articles(path.read_bytes(), str(path))


def read_json(path: Path) -> Iterator[RawArticle | Reject]:
    """A `.json` file: a JSON Feed, or an array of article records like the `.jsonl` ones."""
    data = path.read_bytes()
    text, problem = decode(data, str(path))
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        if problem:
            yield problem
        yield Reject(str(path), "read", f"malformed JSON: {exc.msg} at line {exc.lineno}", text)
        return
    if isinstance(doc, list):
        if problem:
            yield problem
        for n, rec in enumerate(doc, start=1):
            where = f"{path}:{n}"
            if isinstance(rec, dict):
                yield record_article(rec, where, json.dumps(rec, ensure_ascii=False))
            else:
                yield Reject(where, "read", f"expected a JSON object, got {type(rec).__name__}", json.dumps(rec))
        return
    yield from feed_articles(data, str(path))
