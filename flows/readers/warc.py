"""Web archives (`.warc`, `.warc.gz`, `.arc`, `.arc.gz`) through warcio.

Every HTML response record (status 200, text/html) is an article: WARC-Target-URI -> url,
WARC-Record-ID -> external_id, WARC-Date -> `extra["crawled_at"]` and the fallback `published_at`
when the page gives no date. Other records are skipped silently (requests, metadata, images);
a damaged record or archive becomes a reject and reading goes on where warcio can.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .base import PAYLOAD_LIMIT, RawArticle, Reject
from .dates import parse_date
from .html import HTML_TYPES, decode_html, extract_html


def _record_article(record, source: str) -> RawArticle | Reject | None:
    headers = record.rec_headers
    url = (headers.get_header("WARC-Target-URI") or "").strip() or None
    record_id = headers.get_header("WARC-Record-ID") or None
    where = f"{source} [{record_id or url or 'record'}]"
    if record.rec_type in ("response", "resource", "request", "revisit") and (not url or ":" not in url):
        return Reject(where, "read", f"record without a valid target URI: {url!r}")
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    media = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if status != "200" or media not in HTML_TYPES:
        return None
    try:
        # read one byte past the limit to know the payload was cut
        payload = record.content_stream().read()
    except Exception as exc:  # bad chunking, truncated gzip members: warcio raises many kinds
        return Reject(where, "read", f"unreadable record payload: {type(exc).__name__}: {exc}")
    if url and " " in url:
        url = url.replace(" ", "%20")
    html, problem = decode_html(payload, where)
    article = extract_html(html, where, url=url, external_id=record_id)
    if isinstance(article, Reject):
        return article
    crawled = parse_date(headers.get_header("WARC-Date") or headers.get_header("archive-date"))
    article.source = source
    if crawled is not None:
        article.extra["crawled_at"] = crawled.isoformat()
    if article.published_at is None:
        article.published_at = crawled
    if problem is not None:
        article.extra["encoding_problem"] = problem.reason
    return article


def read_warc(path: Path) -> Iterator[RawArticle | Reject]:
    """Articles of the HTML responses in one WARC or ARC file (plain or gzipped)."""
    source = str(path)
    n = 0
    with path.open("rb") as fh:
        records = ArchiveIterator(fh, arc2warc=True)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, Exception) as exc:  # the rest of the archive cannot be parsed
                fh.seek(0)
                yield Reject(
                    source,
                    "read",
                    f"archive unreadable after {n} records: {type(exc).__name__}: {' '.join(str(exc).split())}",
                    fh.read(PAYLOAD_LIMIT).decode("utf-8", "replace"),
                )
                return
            n += 1
            try:
                item = _record_article(record, source)
            except Exception as exc:  # a record warcio half-parsed: keep the rest
                item = Reject(f"{source} [record {n}]", "read", f"bad record: {type(exc).__name__}: {exc}")
            if item is not None:
                yield item
        if n == 0:
            fh.seek(0)
            yield Reject(source, "read", "no WARC/ARC records found", fh.read(PAYLOAD_LIMIT).decode("utf-8", "replace"))
