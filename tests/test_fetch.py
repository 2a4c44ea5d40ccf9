"""Fetching and URL sources against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import importlib
import ipaddress
import json
import socket
import subprocess
import sys
import threading
import time
import zlib
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from flows.readers import RawArticle, Reject, read_source
from flows.readers.fetch import ALLOW_PRIVATE_ENV, FetchPolicy, fetch, is_public

fetch_module = importlib.import_module("flows.readers.fetch")  # the package's `fetch` is the function

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

POLICY = FetchPolicy(timeout=0.5, retries=1, backoff=0.05, max_bytes=20_000, max_redirects=3, allow_private=True)


INFLATED = 256 << 20  # what the gzip bombs below inflate to


@cache
def gzip_bomb() -> bytes:
    """gzip of 256 MB of zeros: about 250 KB on the wire."""
    comp = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(1 << 24)
    return b"".join([comp.compress(zeros) for _ in range(INFLATED >> 24)] + [comp.flush()])


@cache
def stacked_bomb() -> bytes:
    """gzip of the gzip bomb: a few KB that inflate to 256 MB through `Content-Encoding: gzip, gzip`."""
    return gzip.compress(gzip_bomb(), 9)


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
        elif self.path == "/gzip-page":
            self._send(200, gzip.compress(PAGE), **{"Content-Encoding": "gzip"})
        elif self.path == "/gzip-bomb":
            # no Content-Length (its compressed size would be refused at once): only the inflated size can stop it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(gzip_bomb())
        elif self.path == "/stacked":
            self._send(200, stacked_bomb(), **{"Content-Encoding": "gzip, gzip"})
        elif self.path == "/trickle":
            # a byte a second, never ending: only the deadline stops it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(1)
        elif self.path == "/host":
            self._send(200, self.headers.get("Host", "").encode(), "text/plain")
        elif self.path == "/to-other-loopback":
            self._send(302, b"", Location=f"http://127.0.0.2:{self.server.server_address[1]}/page")
        elif self.path == "/to-ftp":
            self._send(302, b"", Location="ftp://127.0.0.1/x")
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
    stacked_bomb()  # built before serving: the clients' timeouts are short
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
    policy = FetchPolicy(timeout=0.5, retries=0, allow_private=True)
    out = list(read_source("http://127.0.0.1:9/nothing", policy))
    assert len(out) == 1 and isinstance(out[0], Reject) and out[0].stage == "fetch"


def test_gzip_page_is_decoded(server):
    got = fetch(f"{server}/gzip-page", POLICY)
    assert got.content == PAGE


def test_gzip_bomb_stops_at_the_decoded_limit(server):
    got = fetch(f"{server}/gzip-bomb", POLICY)
    assert isinstance(got, Reject) and got.reason == "response too large: over 20000 bytes decoded, download stopped"


def test_stacked_content_codings_are_refused(server):
    got = fetch(f"{server}/stacked", POLICY)
    assert isinstance(got, Reject) and got.reason == "refused: more than one content coding (gzip, gzip)"


PEAK = """
import json, resource, sys
from flows.readers.fetch import FetchPolicy, fetch
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
got = fetch(sys.argv[1], FetchPolicy(allow_private=True))
grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"reason": getattr(got, "reason", None), "grew_kb": grew}))
"""


@pytest.mark.parametrize("path", ["/stacked", "/gzip-bomb"])
def test_bombs_do_not_inflate_in_memory(server, path):
    """In a fresh process (its peak RSS is its own), with the default 5 MB limit: the 256 MB never exist."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK, f"{server}{path}"], capture_output=True, text=True, timeout=120, check=True
    )
    got = json.loads(done.stdout)
    assert got["reason"].startswith("refused: more than one" if path == "/stacked" else "response too large")
    assert got["grew_kb"] < 64 * 1024, got  # KB on Linux: well under the 256 MB the body inflates to


def test_a_trickling_server_is_cut_at_the_deadline(server):
    policy = FetchPolicy(timeout=2, retries=2, backoff=0.05, deadline=2.5, allow_private=True)
    t = time.monotonic()
    got = fetch(f"{server}/trickle", policy)
    took = time.monotonic() - t
    assert isinstance(got, Reject) and got.reason.startswith("deadline of 2.5 s passed")
    assert 2.5 <= took < 4.5


def test_loopback_is_refused_by_default(server, monkeypatch):
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    Handler.hits.pop("/ua", None)
    got = fetch(f"{server}/ua", FetchPolicy())
    assert isinstance(got, Reject) and got.stage == "fetch"
    assert got.reason.startswith("refused: 127.0.0.1 resolves to a non-public address (127.0.0.1)")
    assert ALLOW_PRIVATE_ENV in got.reason
    assert "/ua" not in Handler.hits  # refused before connecting


def test_feed_items_on_loopback_are_refused_by_default(server, monkeypatch):
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    out = list(read_source(f"{server}/feed"))
    assert len(out) == 1 and isinstance(out[0], Reject) and "non-public address" in out[0].reason


def test_the_environment_allows_private_hosts(server, monkeypatch):
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    assert fetch(f"{server}/ua", FetchPolicy()).content.startswith(b"newsdesk/")


@pytest.fixture
def news_test_is_public(monkeypatch):
    """`news.test` resolves to 127.0.0.1, which counts as public: the checked path, on loopback only."""
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        return real("127.0.0.1" if host == "news.test" else host, *args, **kwargs)

    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", resolve)
    monkeypatch.setattr(fetch_module, "is_public", lambda ip: ip == ipaddress.ip_address("127.0.0.1"))


def test_the_checked_address_is_the_one_connected_to(server, news_test_is_public):
    port = server.rsplit(":", 1)[1]
    got = fetch(f"http://news.test:{port}/host", FetchPolicy())
    assert got.content == f"news.test:{port}".encode()  # the original Host header, sent to the pinned address
    assert got.url == f"http://news.test:{port}/host"


def test_every_redirect_hop_is_checked(server, news_test_is_public):
    port = server.rsplit(":", 1)[1]
    got = fetch(f"http://news.test:{port}/to-other-loopback", FetchPolicy())
    assert isinstance(got, Reject) and "127.0.0.2 resolves to a non-public address" in got.reason
    got = fetch(f"http://news.test:{port}/to-ftp", FetchPolicy())
    assert isinstance(got, Reject) and "only http and https" in got.reason


@pytest.mark.parametrize("address, public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("0.0.0.0", False), ("224.0.0.1", False), ("240.0.0.1", False),
    ("100.64.0.1", False), ("::1", False), ("::", False),
    ("fe80::1", False), ("fc00::1", False), ("::ffff:127.0.0.1", False), ("ff02::1", False),
    ("93.184.216.34", True), ("2606:4700::1111", True),
])  # fmt: skip
def test_public_addresses(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


def test_run_refuses_loopback_urls_unless_allowed(server, db_path, monkeypatch, prefect_harness):
    import duckdb
    from typer.testing import CliRunner

    from flows.cli import app

    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "0")  # restored afterwards: the flag sets it for the process
    cli = CliRunner()
    refused = cli.invoke(app, ["run", f"{server}/page", "--db", str(db_path), "--ner", "rules", "--no-progress"])
    assert refused.exit_code == 0, refused.output
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.sql("select count(*) from articles").fetchall() == [(0,)]
        assert "non-public address" in con.sql("select reason from rejects").fetchall()[0][0]
    allowed = cli.invoke(
        app, ["run", f"{server}/page", "--db", str(db_path), "--ner", "rules", "--no-progress", "--allow-private-urls"]
    )
    assert allowed.exit_code == 0, allowed.output
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.sql("select title from articles").fetchall() == [("Harbour reopens",)]
