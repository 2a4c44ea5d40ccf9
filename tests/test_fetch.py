"""Fetching and URL sources against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from flows.readers import RawArticle, Reject, read_source
from flows.readers.fetch import FetchPolicy, fetch

PAGE = b"""<html><head><title>Harbour reopens</title>
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00"></head>
<body><article><h1>Harbour reopens</h1>
<p>The old harbour reopened on Tuesday after two years of repairs, the port authority said in a statement.</p>
<p>Fishing boats returned to the quay within hours, and the first catch was sold at the market by noon.</p>
</article></body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Port news</title><link>{base}/</link>
<item><title>Harbour reopens</title><link>{base}/page</link><guid>port-1</guid>
<pubDate>Tue, 05 Mar 2024 09:30:00 +0100</pubDate><description>Short teaser.</description></item>
<item><title>Gone</title><link>{base}/missing</link><guid>port-2</guid></item>
</channel></rss>"""

POLICY = FetchPolicy(timeout=0.5, retries=1, backoff=0.05, max_bytes=20_000, max_redirects=3)


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/page":
            self._send(200, PAGE)
        elif self.path == "/ua":
            self._send(200, self.headers.get("User-Agent", "").encode(), "text/plain")
        elif self.path == "/feed":
            self._send(200, FEED.format(base=base).encode(), "application/rss+xml")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE)
        elif self.path == "/500":
            self._send(500, b"boom")
        elif self.path == "/loop":
            self._send(302, b"", Location="/loop")
        elif self.path == "/big":
            # no Content-Length: the client must stop streaming at its limit
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"<p>" + b"x" * 1000 + b"</p>")
        elif self.path == "/png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        else:
            self._send(404, b"not found")


class QuietServer(ThreadingHTTPServer):
    """The tests' clients hang up on purpose (timeouts, size limits): no traceback for that."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_good_page_is_one_article_with_zoned_date(server):
    out = list(read_source(f"{server}/page", POLICY))
    assert len(out) == 1 and isinstance(out[0], RawArticle)
    art = out[0]
    assert art.title == "Harbour reopens"
    assert art.author == "Ana Ruiz"
    assert art.published_at.isoformat() == "2024-03-05T09:30:00+01:00"
    assert "port authority said" in art.body and "\n\n" in art.body


def test_user_agent_is_sent(server):
    got = fetch(f"{server}/ua", POLICY)
    assert got.content.decode().startswith("newsdesk/")


def test_feed_items_link_to_fetched_pages(server):
    out = list(read_source(f"{server}/feed", POLICY))
    arts = [o for o in out if isinstance(o, RawArticle)]
    rejects = [o for o in out if isinstance(o, Reject)]
    assert [a.external_id for a in arts] == ["port-1"]
    assert "first catch was sold" in arts[0].body
    assert arts[0].extra["body_from"] == "linked page"
    assert len(rejects) == 1 and "404" in rejects[0].reason and rejects[0].stage == "fetch"


def test_slow_response_times_out(server):
    t = time.monotonic()
    got = fetch(f"{server}/slow", POLICY)
    assert isinstance(got, Reject) and "timed out" in got.reason
    assert time.monotonic() - t < 5


def test_404_is_not_retried(server):
    Handler.hits.pop("/nowhere", None)
    got = fetch(f"{server}/nowhere", POLICY)
    assert isinstance(got, Reject) and got.reason.startswith("HTTP 404")
    assert Handler.hits["/nowhere"] == 1


def test_500_is_retried_then_rejected(server):
    Handler.hits.pop("/500", None)
    got = fetch(f"{server}/500", POLICY)
    assert isinstance(got, Reject) and "HTTP 500" in got.reason and "2 attempts" in got.reason
    assert Handler.hits["/500"] == 2


def test_redirect_loop_is_cut(server):
    got = fetch(f"{server}/loop", POLICY)
    assert isinstance(got, Reject) and "too many redirects" in got.reason


def test_oversized_body_is_stopped(server):
    got = fetch(f"{server}/big", POLICY)
    assert isinstance(got, Reject) and "too large" in got.reason


def test_non_html_url_is_rejected(server):
    out = list(read_source(f"{server}/png", POLICY))
    assert len(out) == 1 and isinstance(out[0], Reject) and "image/png" in out[0].reason


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd"])
def test_only_http_and_https(url):
    got = fetch(url, POLICY)
    assert isinstance(got, Reject) and "http and https" in got.reason


def test_refused_connection_is_a_reject():
    policy = FetchPolicy(timeout=0.5, retries=0)
    out = list(read_source("http://127.0.0.1:9/nothing", policy))
    assert len(out) == 1 and isinstance(out[0], Reject) and out[0].stage == "fetch"
