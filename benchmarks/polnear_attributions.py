"""Reported speech on PolNeAR attributions, scored as ../shared/benchmarks/README.md says.

Gold: the attributions with `speech` true. Predictions: every row of `quotes` that is not part of
another (`part_of_quote_id` null). A gold attribution is found when one prediction covers more
than 30 % of the characters of its `content` span, one to one, gold in order, the best-covering
prediction first (the Gender Gap Tracker's matching). Source accuracy is the quote+speaker rule
(`polnear_quotes._speaker_match`) against `source`, over the found attributions.

Shared by the gate (tests/test_gate_reported.py) and the bench (benchmarks/bench_quotes.py).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import polars as pl

from benchmarks.polnear_quotes import POLNEAR, _speaker_match

COVERAGE = 0.30


def load_attributions(split: str) -> list[dict]:
    """Rows `{id, text, attributions}` of polnear_attributions_<split>.jsonl (train or dev only)."""
    if split not in ("train", "dev"):
        raise ValueError("only the train and dev splits are read")
    with open(POLNEAR / f"polnear_attributions_{split}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def match(pred: pl.DataFrame, rows: list[dict]) -> list[tuple[dict, dict | None]]:
    """(gold attribution, the prediction that found it or None) for every speech attribution."""
    by_article: dict[str, list[dict]] = defaultdict(list)
    top = pred.filter(pl.col("part_of_quote_id").is_null()) if "part_of_quote_id" in pred.columns else pred
    for p in top.iter_rows(named=True):
        by_article[p["article_id"]].append(p)
    out: list[tuple[dict, dict | None]] = []
    for r in rows:
        preds, used = by_article.get(r["id"], []), set()
        gold = sorted(
            (a for a in r["attributions"] if a["speech"]), key=lambda a: (a["content_start"], a["content_end"])
        )
        for a in gold:
            g0, g1 = a["content_start"], a["content_end"]
            best, best_cover = None, 0
            for i, p in enumerate(preds):
                if i in used:
                    continue
                cover = min(g1, p["end_char"]) - max(g0, p["start_char"])
                if cover > best_cover:
                    best, best_cover = i, cover
            if best is not None and best_cover > COVERAGE * (g1 - g0):
                used.add(best)
                out.append((a, preds[best]))
            else:
                out.append((a, None))
    return out


def score_reported(pred: pl.DataFrame, rows: list[dict]) -> dict[str, float]:
    """P / R / F1, recall per kind and source accuracy of `pred` (quotes() rows) on `rows`."""
    pairs = match(pred, rows)
    n_pred = (
        pred.filter(pl.col("part_of_quote_id").is_null()).height if "part_of_quote_id" in pred.columns else pred.height
    )
    found = [(a, p) for a, p in pairs if p is not None]
    tp, n_gold = len(found), len(pairs)
    precision, recall = tp / max(n_pred, 1), tp / max(n_gold, 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    right = sum(
        _speaker_match(
            p["speaker"], p["speaker_start"], p["speaker_end"], a["source"], a["source_start"], a["source_end"]
        )
        for a, p in found
    )
    kinds, kinds_found = Counter(a["kind"] for a, _ in pairs), Counter(a["kind"] for a, _ in found)
    return {
        "p": precision,
        "r": recall,
        "f1": f1,
        "source_acc": right / max(tp, 1),
        "n_pred": n_pred,
        "n_gold": n_gold,
        "found": tp,
        **{f"r_{k}": kinds_found[k] / kinds[k] for k in kinds},
    }
