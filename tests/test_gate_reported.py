"""Quality gate: reported speech on PolNeAR dev attributions (../shared/benchmarks/quotes), scored as
the README there says (speech gold, >30 % content coverage, one to one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.polnear_attributions import load_attributions, score_reported
from benchmarks.polnear_quotes import build_inputs
from transforms.quotes import quotes

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "quotes"

pytestmark = pytest.mark.gate

# Issue 28 targets.
F1_TARGET = 0.80
SOURCE_TARGET = 0.90
# What each mode reaches today (dev F1 0.803 with the parse, 0.680 with the patterns; quote marks
# alone gave 0.422): a drop below these is a regression.
FLOORS = {"parse": 0.80, "patterns": 0.675}


@pytest.fixture(scope="module")
def dev_quotes() -> dict[str, Any]:
    if not (BENCH / "polnear_attributions_dev.jsonl").exists():
        pytest.skip(f"PolNeAR attributions not found at {BENCH}")
    rows = load_attributions("dev")
    inputs = build_inputs([{"id": r["id"], "text": r["text"]} for r in rows])
    return {"rows": rows, **{mode: quotes(**inputs, reported=mode).collect() for mode in FLOORS}}


@pytest.mark.parametrize("mode", list(FLOORS))
def test_reported_speech_no_regression(dev_quotes, mode):
    scores = score_reported(dev_quotes[mode], dev_quotes["rows"])
    assert scores["f1"] >= FLOORS[mode], scores
    assert scores["source_acc"] >= SOURCE_TARGET, scores


def test_reported_speech_target(dev_quotes):
    """Issue 28: F1 at least 0.80 and source accuracy at least 0.90 on dev's speech attributions in the
    default mode (0.803 and 0.950: P 0.791, R 0.814; recall direct 0.960, mixed 0.935, indirect 0.721)."""
    scores = score_reported(dev_quotes["parse"], dev_quotes["rows"])
    assert scores["f1"] >= F1_TARGET and scores["source_acc"] >= SOURCE_TARGET, scores


@pytest.mark.parametrize("mode", list(FLOORS))
def test_rows_are_unique_and_the_same_on_every_run(dev_quotes, mode):
    """On real articles: one row per span (quote ids unique) and the same rows, in the same order, again."""
    assert dev_quotes[mode]["quote_id"].is_unique().all()
    inputs = build_inputs([{"id": r["id"], "text": r["text"]} for r in dev_quotes["rows"]])
    assert quotes(**inputs, reported=mode).collect().equals(dev_quotes[mode])
