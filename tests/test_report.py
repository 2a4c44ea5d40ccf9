"""`newsdesk report`: a self-contained HTML page, checked in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import warehouse
from flows.cli import app
from tests.test_views import build_newsroom
from warehouse.report import write_report

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed with apt-get when missing; skip only if that fails."""
    found = shutil.which("chromium")
    if found is None:
        try:
            p = subprocess.run(["apt-get", "install", "-y", "chromium"], capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            pytest.skip(f"chromium is not installed and `apt-get install -y chromium` could not run: {exc}")
        found = shutil.which("chromium")
        if found is None:
            pytest.skip(
                f"chromium is not installed and `apt-get install -y chromium` failed: {p.stderr.strip()[-300:]}"
            )
    return found


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory) -> Path:
    return build_newsroom(tmp_path_factory.mktemp("newsroom") / "news.duckdb")


def render(chromium: str, page: Path, tmp_path: Path) -> tuple[str, Path]:
    """The DOM after loading `page`, and a screenshot of it (both from one headless Chromium)."""
    shot = tmp_path / "report.png"
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    cmd = [
        chromium,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        "--window-size=1400,1600",
        f"--screenshot={shot}",
        "--dump-dom",
        page.as_uri(),
    ]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    return p.stdout, shot


def test_report_renders_in_headless_chromium_with_charts_and_names(chromium, newsroom, tmp_path):
    page = write_report(newsroom, tmp_path / "report.html")
    dom, shot = render(chromium, page, tmp_path)
    for chart in ("chart-speakers", "chart-outlets", "chart-entities", "latest-quotes"):
        assert f'id="{chart}"' in dom, chart
    speakers = re.search(r'<svg id="chart-speakers".*?</svg>', dom, re.S).group()
    assert speakers.index("Ann Lee") < speakers.index("Tom Park") < speakers.index("a forecaster")
    assert ">he<" not in speakers  # pronoun-only speakers are nobody
    outlets = re.search(r'<svg id="chart-outlets".*?</svg>', dom, re.S).group()
    assert all(o in outlets for o in ("metro-times.example", "valley-gazette.example", "wire.jsonl"))
    entities = re.search(r'<svg id="chart-entities".*?</svg>', dom, re.S).group()
    assert entities.count("<polyline") == 5 and 'data-entity="Tom Park"' in entities
    latest = re.search(r'<table id="latest-quotes".*?</table>', dom, re.S).group()
    assert latest.count("<tr>") == 1 + 7  # header and every quote
    assert latest.index("Nothing is settled") < latest.index("We will win")  # newest first
    assert shot.exists() and shot.stat().st_size > 20_000  # a blank page compresses to a few kB


def test_report_is_self_contained(newsroom, tmp_path):
    text = write_report(newsroom, tmp_path / "r.html").read_text()
    assert "<svg" in text
    # No stylesheet, script, image or font fetched from anywhere: article links are the only URLs.
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", text)
    assert "@import" not in text and "url(" not in text
    assert set(re.findall(r'href="([^"]+)"', text)) <= {
        "https://www.metro-times.example/news/tram",
        "https://www.metro-times.example/news/budget",
        "https://valley-gazette.example/2026/03/03/route?utm_source=feed",
    }


def test_report_on_an_empty_database_says_there_is_nothing_yet(tmp_path):
    db = tmp_path / "empty.duckdb"
    with warehouse.connection(db) as con:
        warehouse.ensure_schema(con)
    text = write_report(db, tmp_path / "r.html").read_text()
    assert "No quoted people yet." in text and "No quotes yet." in text and "<svg" not in text


def test_report_command_writes_the_page(newsroom, tmp_path):
    out = tmp_path / "sub" / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", str(newsroom), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.output and 'id="chart-speakers"' in out.read_text()
    missing = CliRunner().invoke(app, ["report", "--db", str(tmp_path / "none.duckdb"), "--out", str(out)])
    assert missing.exit_code == 1 and "newsdesk run" in missing.output


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/x",
        "/relative",
    ],
)
def test_only_http_urls_become_links(tmp_path, monkeypatch, url):
    """An article whose url came from a feed as `javascript:…`, loaded into DuckDB like any other."""
    from tests import test_views

    monkeypatch.setitem(test_views.ARTICLES[1], "url", url)
    db = build_newsroom(tmp_path / "news.duckdb")
    text = write_report(db, tmp_path / "r.html").read_text()
    latest = re.search(r'<table id="latest-quotes".*?</table>', text, re.S).group()
    assert "<td>Tram budget row</td>" in latest  # the article is there, as plain text
    hrefs = re.findall(r'href="([^"]*)"', text)
    assert hrefs and all(h.startswith("https://") for h in hrefs), hrefs
    assert "<script>alert" not in text


def test_an_untitled_article_shows_its_odd_url_as_text(tmp_path, monkeypatch):
    from tests import test_views

    monkeypatch.setitem(test_views.ARTICLES[1], "url", "javascript:alert('<b>')")
    monkeypatch.setitem(test_views.ARTICLES[1], "title", None)
    text = write_report(build_newsroom(tmp_path / "news.duckdb"), tmp_path / "r.html").read_text()
    assert "<td>javascript:alert(&#x27;&lt;b&gt;&#x27;)</td>" in text and 'href="javascript' not in text
