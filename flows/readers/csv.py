"""CSV exports (`.csv`) whose header names the title and body columns.

Recognised header names (case-insensitive): body `body`/`text`/`content`/`article`; title
`title`/`headline`; optional `id`, `url`/`link`, `author`/`byline`, `published`/`date`/`published_at`.
A file without a title and a body column is one reject; a row with the wrong number of fields or
no body is a reject; the other rows load.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from .base import RawArticle, Reject
from .text import file_text, record_article

COLUMNS = {
    "body": ("body", "text", "content", "article"),
    "title": ("title", "headline"),
    "id": ("id", "article_id", "guid"),
    "url": ("url", "link"),
    "author": ("author", "byline", "authors"),
    "published": ("published_at", "published", "date", "pubdate"),
    "language": ("language", "lang"),
}

csv.field_size_limit(50_000_000)  # article bodies exceed the 128 kB default


def _raw_line(row: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerow(row)
    return buf.getvalue().rstrip("\r\n")


def read_csv(path: Path) -> Iterator[RawArticle | Reject]:
    """One article per row."""
    text, rejects = file_text(path)
    yield from rejects
    if text is None:
        return
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text, newline=""), dialect)
    header = [h.strip().lower() for h in next(rows)]
    where = {key: next((header.index(n) for n in names if n in header), None) for key, names in COLUMNS.items()}
    if where["body"] is None or where["title"] is None:
        yield Reject(str(path), "read", f"header names no title and body columns: {header}", text)
        return
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Reject(f"{path}:{rows.line_num}", "read", f"malformed CSV: {exc}", None)
            continue
        if not any(cell.strip() for cell in row):
            continue
        loc = f"{path}:{rows.line_num}"
        if len(row) != len(header):
            yield Reject(loc, "read", f"{len(row)} fields where the header has {len(header)}", _raw_line(row))
            continue
        rec = {key: row[i] for key, i in where.items() if i is not None and row[i].strip()}
        item = record_article(rec, loc, _raw_line(row))
        if isinstance(item, RawArticle):
            item.source = str(path)
        yield item
