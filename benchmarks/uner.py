"""UNER English PUD (1,000 sentences, PER/ORG/LOC) as articles, and its scorer: shared by the entity
gate (tests/test_gate_entities.py) and the entities benchmark (benchmarks/bench_entities.py).

Each document's sentences (ids `n01001-0001`, `n01001-0002`, ...) form one article, a sentence per
paragraph, so the whole-article steps (one label per name) run as they do on real articles.
Scoring as in ../shared/benchmarks/README.md: exact span and label, PER = PERSON, ORG = ORG,
LOC = GPE/LOC/FAC; predicted labels the gold does not have are ignored (NORP, DATE, ... are
dropped before matching; every gold PER/ORG/LOC entity counts).
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

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
        rows.append(
            {
                "article_id": article_id,
                "paragraph_id": sentence_id,
                "sentence_id": sentence_id,
                "start_char": offset,
                "end_char": offset + len(rec["text"]),
                "text": rec["text"],
                "is_heading": False,
                "section": None,
            }
        )
        offset += len(rec["text"]) + len(SEPARATOR)
    frame = pl.DataFrame(rows)
    return frame.drop("sentence_id"), frame.select("article_id", "sentence_id", "start_char", "end_char"), records


def score(mentions: pl.DataFrame, sentences: pl.DataFrame, records: list[dict]) -> dict[str, float]:
    """Precision, recall, F1 of exact (sentence, start, end, label) matches."""
    pred = (
        mentions.filter(pl.col("label").is_in(list(GOLD_LABEL)))
        .join(sentences.select("article_id", "sentence_id", sent_start="start_char"), on=["article_id", "sentence_id"])
        .select(
            "sentence_id",
            start=pl.col("start_char") - pl.col("sent_start"),
            end=pl.col("end_char") - pl.col("sent_start"),
            label=pl.col("label").replace_strict(GOLD_LABEL),
        )
    )
    predicted = set(pred.iter_rows())
    gold = {(i, e["start"], e["end"], e["label"]) for i, rec in enumerate(records) for e in rec["entities"]}
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def uner_f1(mode: str, n_process: int = 1) -> dict[str, float]:
    """Scores of the entity stage in `mode` ("spacy" or "rules") on UNER PUD."""
    paragraphs, sentences, records = uner_articles()
    mentions, _ = link_mentions(ner_spans(paragraphs, load_ner(mode), n_process=n_process), sentences)
    return score(mentions, sentences, records)
