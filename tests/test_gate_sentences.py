"""Quality gates for sentence segmentation (issue 3), on ../shared/benchmarks/sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scoring import boundary_prf, golden_rule_passes, load_jsonl
from transforms.sentences import split_texts

ROOT = Path(__file__).resolve().parents[1]

BENCHMARKS = ROOT.parent / "shared" / "benchmarks" / "sentences"

pytestmark = [
    pytest.mark.gate,
    pytest.mark.skipif(not BENCHMARKS.is_dir(), reason=f"benchmark data not found at {BENCHMARKS}"),
]


def predicted_sentences(texts: list[str]) -> list[list[str]]:
    return [[text[a:b] for a, b in spans] for text, spans in zip(texts, split_texts(texts), strict=True)]


def test_golden_rules_at_least_47_of_48():
    cases = load_jsonl(BENCHMARKS / "golden_rules_en.jsonl")
    predicted = predicted_sentences([case["text"] for case in cases])
    failed = [
        case["id"] for case, got in zip(cases, predicted, strict=True) if not golden_rule_passes(case["sentences"], got)
    ]
    assert len(cases) == 48
    assert len(cases) - len(failed) >= 47, f"failed: {failed}"


def test_gum_news_whole_documents_boundary_f1_at_least_0_980():
    docs = load_jsonl(BENCHMARKS / "gum_news.jsonl")
    predicted = predicted_sentences([doc["text"] for doc in docs])
    precision, recall, f1 = boundary_prf([doc["sentences"] for doc in docs], predicted)
    assert f1 >= 0.980, f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"
