"""Quality gate (issue 6): HTML body extraction on the trafilatura English evaluation pages.

A page passes when every `must_contain` snippet is in the extracted body and no `must_not_contain`
snippet is; whitespace is folded on both sides (snippets were cut from rendered text).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from flows.readers import RawArticle
from flows.readers.html import decode_html, extract_html

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "html" / "trafilatura_eval_en"
GATE = 0.90


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.gate
def test_html_snippet_pass_rate():
    if not (EVAL / "ground_truth.jsonl").is_file():
        pytest.skip(f"benchmark folder {EVAL} absent")
    pages = [json.loads(line) for line in (EVAL / "ground_truth.jsonl").read_text().splitlines() if line.strip()]
    failed = []
    for page in pages:
        html, _ = decode_html((EVAL / page["html_path"]).read_bytes(), page["id"])
        art = extract_html(html, page["id"], url=page["url"])
        body = _fold(art.body) if isinstance(art, RawArticle) else ""
        ok = all(_fold(s) in body for s in page["must_contain"]) and not any(
            _fold(s) in body for s in page["must_not_contain"]
        )
        if not ok:
            failed.append(page["id"])
    rate = 1 - len(failed) / len(pages)
    assert len(pages) == 164
    assert rate >= GATE, f"{rate:.1%} of pages pass (gate {GATE:.0%}); failing: {failed}"
