"""HTML extraction and duplicate finding, ours beside the peers measured in the same run.

HTML: on ../shared/benchmarks/html/trafilatura_eval_en (164 pages): snippet pass rate, title /
author / date accuracy where gold exists (title and author compared case- and punctuation-folded,
date on its YYYY-MM-DD part), pages/s. Peer: plain `trafilatura.bare_extraction` (its own text).
Duplicates: on ../shared/benchmarks/corpora/news_text.jsonl: repeated bodies found (of 133), extra
near-duplicate pairs, articles/s. Peer: exact body hashing in Polars (finds exact repeats only).

Run: uv run python benchmarks/bench_html.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import polars as pl
import trafilatura
from trafilatura.settings import Document

from flows.readers import RawArticle
from flows.readers.dates import parse_date
from flows.readers.html import decode_html, extract_html
from transforms.dedupe import near_duplicates

ROOT = Path(__file__).resolve().parents[1]

BENCH = ROOT.parent / "shared" / "benchmarks"
EVAL = BENCH / "html" / "trafilatura_eval_en"
CORPUS = BENCH / "corpora" / "news_text.jsonl"


def fold(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def key(s: str | None) -> str:
    return re.sub(r"[\W_]+", " ", (s or "").lower()).strip()


def ours(html: str, url: str) -> tuple[str, str | None, str | None, str | None]:
    a = extract_html(html, "bench", url=url)
    if not isinstance(a, RawArticle):
        return "", None, None, None
    return a.body, a.title, a.author, a.published_at.date().isoformat() if a.published_at else None


def peer(html: str, url: str) -> tuple[str, str | None, str | None, str | None]:
    d = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if not isinstance(d, Document):
        return "", None, None, None
    date = parse_date(d.date)
    return d.text or "", d.title, d.author, date.date().isoformat() if date else None


def score_html(fn, pages, htmls) -> dict:
    t = time.perf_counter()
    got = [fn(h, p["url"]) for p, h in zip(pages, htmls, strict=True)]
    secs = time.perf_counter() - t
    passed = sum(
        all(fold(s) in fold(b) for s in p["must_contain"])
        and not any(fold(s) in fold(b) for s in p["must_not_contain"])
        for p, (b, *_) in zip(pages, got, strict=True)
    )

    def acc(field: str, i: int) -> str:
        gold = [(p[field], g[i]) for p, g in zip(pages, got, strict=True) if p.get(field)]
        hit = sum(key(str(x)) == key(str(y)) if field != "date" else str(x)[:10] == (y or "") for x, y in gold)
        return f"{hit}/{len(gold)} ({hit / len(gold):.0%})"

    return {
        "pass": f"{passed}/{len(pages)} ({passed / len(pages):.1%})",
        "title": acc("title", 1),
        "author": acc("author", 2),
        "date": acc("date", 3),
        "pages/s": len(pages) / secs,
    }


def main() -> None:
    if not EVAL.is_dir() or not CORPUS.is_file():
        sys.exit(f"benchmark data absent under {BENCH}")
    pages = [json.loads(line) for line in (EVAL / "ground_truth.jsonl").read_text().splitlines() if line.strip()]
    htmls = [decode_html((EVAL / p["html_path"]).read_bytes(), p["id"])[0] for p in pages]
    rows = {
        "newsdesk extract_html": score_html(ours, pages, htmls),
        "trafilatura 2.3 (plain)": score_html(peer, pages, htmls),
    }
    print(f"HTML: {len(pages)} pages of trafilatura_eval_en (all pages, no sampling)")
    print(f"{'tool':26} {'snippets pass':>16} {'title':>14} {'author':>14} {'date':>14} {'pages/s':>8}")
    for name, r in rows.items():
        print(f"{name:26} {r['pass']:>16} {r['title']:>14} {r['author']:>14} {r['date']:>14} {r['pages/s']:8.1f}")
    o, p = rows.values()
    print(f"speed ratio ours/peer: {o['pages/s'] / p['pages/s']:.2f}")

    recs = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
    df = pl.DataFrame({"article_id": [str(r["id"]) for r in recs], "body": [r["body"] for r in recs]})
    exact = set(df.filter(pl.col("body").is_duplicated() & (pl.int_range(pl.len()).over("body") > 0))["article_id"])
    t = time.perf_counter()
    found = near_duplicates(df)
    ours_s = time.perf_counter() - t
    t = time.perf_counter()
    peer_found = df.filter(pl.int_range(pl.len()).over("body") > 0)
    peer_s = time.perf_counter() - t
    ids = set(found["article_id"])
    print(f"\nDuplicates: {df.height} articles of news_text.jsonl; {len(exact)} repeated bodies")
    print(f"{'tool':26} {'repeats found':>14} {'extra pairs':>12} {'articles/s':>12}")
    print(f"{'newsdesk MinHash LSH':26} {len(ids & exact):>14} {len(ids - exact):>12} {df.height / ours_s:12.0f}")
    print(
        f"{'exact hash (Polars)':26} {len(set(peer_found['article_id']) & exact):>14} {0:>12} "
        f"{df.height / peer_s:12.0f}"
    )
    print(f"speed ratio ours/peer: {(df.height / ours_s) / (df.height / peer_s):.4f}")


if __name__ == "__main__":
    main()
