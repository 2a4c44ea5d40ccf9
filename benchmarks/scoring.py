"""Scoring for sentence segmentation, as defined in ../shared/benchmarks/README.md.

Shared by the quality gate (tests/test_gate_sentences.py) and the bench (bench_sentences.py),
so both report the same figures.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

_SPACE = re.compile(r"\s+")


def load_jsonl(path: Path) -> list[dict]:
    """Records of a JSON-lines file."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def golden_rule_passes(gold: list[str], predicted: list[str]) -> bool:
    """A Golden Rules case passes when the stripped sentences equal the gold list exactly."""
    return [s.strip() for s in predicted if s.strip()] == [s.strip() for s in gold]


def boundaries(sentences: Iterable[str]) -> set[int]:
    """Where each sentence ends, counted in non-whitespace characters from the start of the text.

    Whitespace-normalised, so a segmenter that drops or changes spaces scores the same as one
    that keeps them. Every sentence end counts, the last one included.
    """
    ends, seen = set(), 0
    for sentence in sentences:
        seen += len(_SPACE.sub("", sentence))
        ends.add(seen)
    ends.discard(0)
    return ends


def boundary_prf(gold: list[list[str]], predicted: list[list[str]]) -> tuple[float, float, float]:
    """Micro-averaged boundary precision, recall and F1 over documents (sentence lists)."""
    hits = n_gold = n_pred = 0
    for gold_doc, pred_doc in zip(gold, predicted, strict=True):
        g, p = boundaries(gold_doc), boundaries(pred_doc)
        hits += len(g & p)
        n_gold += len(g)
        n_pred += len(p)
    precision = hits / n_pred if n_pred else 0.0
    recall = hits / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
