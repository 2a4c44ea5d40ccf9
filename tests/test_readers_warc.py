"""WARC/ARC archives: HTML responses become articles; damaged archives become rejects."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows.readers import RawArticle, Reject, read_source
from flows.readers.warc import read_warc

WARC_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "formats" / "warc"

PAGE = (
    b"<html><head><title>Flood warning</title></head><body><article>"
    b"<p>Rivers in the valley rose overnight and the agency issued a flood warning for six villages.</p>"
    b"<p>Residents were told to move cars and valuables to higher ground before the "
    b"evening.</p></article></body></html>"
)


def _record(writer: WARCWriter, uri: str, status: str, ctype: str, body: bytes) -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    rec = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "2024-05-06T07:08:09Z"},
    )
    writer.write_record(rec)


def test_only_ok_html_responses_become_articles(tmp_path):
    f = tmp_path / "crawl.warc.gz"
    with f.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        _record(w, "https://news.example.org/flood", "200 OK", "text/html; charset=utf-8", PAGE)
        _record(w, "https://news.example.org/logo.png", "200 OK", "image/png", b"\x89PNG")
        _record(w, "https://news.example.org/gone", "404 Not Found", "text/html", b"<p>missing</p>")
    [art] = list(read_source(str(f)))
    assert isinstance(art, RawArticle)
    assert art.url == "https://news.example.org/flood"
    assert art.external_id.startswith("<urn:uuid:")
    assert art.extra["crawled_at"] == "2024-05-06T07:08:09+00:00"
    assert art.published_at.isoformat() == "2024-05-06T07:08:09+00:00"  # the page gives no date: crawl date
    assert "flood warning for six villages" in art.body
    assert art.source == str(f)


def test_garbage_file_is_a_reject(tmp_path):
    f = tmp_path / "broken.warc"
    f.write_bytes(b"this is not an archive\r\n\r\n" * 3)
    out = list(read_source(str(f)))
    assert out and all(isinstance(o, Reject) and o.stage == "read" for o in out)


@pytest.mark.skipif(not WARC_DIR.is_dir(), reason=f"benchmark folder {WARC_DIR} absent")
def test_every_sample_archive_goes_through():
    files = sorted(p for p in WARC_DIR.iterdir() if p.is_file())
    assert len(files) == 16
    articles: list[RawArticle] = []
    rejects: list[Reject] = []
    for f in files:
        for item in read_warc(f):  # the reader itself must not raise, even on the malformed files
            if isinstance(item, RawArticle):
                articles.append(item)
            else:
                rejects.append(item)
    assert len(articles) >= 8
    assert all(a.url and a.url.startswith("http") and " " not in a.url for a in articles)
    assert all("crawled_at" in a.extra and a.published_at is not None for a in articles)
    assert rejects and all(r.stage == "read" for r in rejects)
    assert {Path(r.source.split(" [")[0]).name for r in rejects} >= {"example-bad-non-chunked.warc.gz"}
