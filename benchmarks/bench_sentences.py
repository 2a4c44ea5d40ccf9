"""Sentence segmentation: our Polars splitter beside pySBD, blingfire, syntok and spaCy's
sentencizer, measured in the same run on the same text.

    uv run python benchmarks/bench_sentences.py

Accuracy: Golden Rules (cases passed) and GUM news boundary P/R/F1 on whole documents, scored
by benchmarks/scoring.py (the same code as the quality gate). Speed: MB (UTF-8) of article
bodies per CPU-second of this process (all threads counted, best of runs, all bodies held in
memory), because wall-clock time on a shared 2-core machine mostly measures the neighbours;
our wall-clock figures are printed too. The slow
peers run on a fixed sample of the corpus (every Nth article), and our splitter is timed on that
same sample too, so every ratio compares the same text.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402

from benchmarks.scoring import boundary_prf, golden_rule_passes, load_jsonl  # noqa: E402
from transforms.paragraphs import paragraphs  # noqa: E402
from transforms.sentences import sentences, split_texts  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks"
BLANK_LINE = re.compile(r"\n\s*\n")
SAMPLE_EVERY = 10  # the slow peers see every 10th article (about 0.6 MB)

Splitter = Callable[[list[str]], list[list[str]]]


def ours(texts: list[str]) -> list[list[str]]:
    return [[t[a:b] for a, b in spans] for t, spans in zip(texts, split_texts(texts), strict=True)]


def pysbd_splitter() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return lambda texts: [segmenter.segment(t) for t in texts]


def blingfire_splitter() -> Splitter:
    import blingfire

    return lambda texts: [blingfire.text_to_sentences(t).split("\n") if t.strip() else [] for t in texts]


def syntok_splitter() -> Splitter:
    from syntok import segmenter

    def split(text: str) -> list[str]:
        return [
            text[sentence[0].offset : sentence[-1].offset + len(sentence[-1].value)]
            for paragraph in segmenter.analyze(text)
            for sentence in paragraph
            if sentence
        ]

    return lambda texts: [split(t) for t in texts]


def spacy_splitter() -> Splitter:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return lambda texts: [[s.text for s in doc.sents] for doc in nlp.pipe(texts, batch_size=64)]


def best_seconds(run: Callable[[], object], repeat: int, clock=time.process_time) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        run()
        best = min(best, clock() - start)
    return best


def per_paragraph(split: Splitter) -> Splitter:
    """`split` run on each blank-line paragraph, as the pipeline feeds its sentence step."""

    def run(texts: list[str]) -> list[list[str]]:
        pieces = [[p for p in BLANK_LINE.split(t) if p.strip()] for t in texts]
        flat = split([p for doc in pieces for p in doc])
        out, i = [], 0
        for doc in pieces:
            out.append([s for part in flat[i : i + len(doc)] for s in part])
            i += len(doc)
        return out

    return run


def megabytes(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def main() -> None:
    if not SHARED.is_dir():
        sys.exit(f"benchmark data not found at {SHARED}")
    rules = load_jsonl(SHARED / "sentences" / "golden_rules_en.jsonl")
    gum = load_jsonl(SHARED / "sentences" / "gum_news.jsonl")
    bodies = [r["body"] for r in load_jsonl(SHARED / "corpora" / "news_text.jsonl")]
    sample = bodies[::SAMPLE_EVERY]
    full_mb, sample_mb = megabytes(bodies), megabytes(sample)

    # Our figures: the whole pipeline from bodies (paragraphs + sentences), and the sentence
    # transform alone given paragraphs, over every article at once.
    frame = pl.DataFrame({"article_id": range(len(bodies)), "body": bodies})
    paragraphs_frame = paragraphs(frame.lazy()).collect()
    wall = time.perf_counter
    ours_full = full_mb / best_seconds(lambda: sentences(paragraphs(frame.lazy())).collect(), 3, wall)
    ours_alone = full_mb / best_seconds(lambda: sentences(paragraphs_frame.lazy()).collect(), 3, wall)
    cpu_full = full_mb / best_seconds(lambda: sentences(paragraphs(frame.lazy())).collect(), 3)
    cpu_alone = full_mb / best_seconds(lambda: sentences(paragraphs_frame.lazy()).collect(), 3)
    paragraphs_wall = full_mb / best_seconds(lambda: paragraphs(frame.lazy()).collect(), 3, wall)
    paragraphs_cpu = full_mb / best_seconds(lambda: paragraphs(frame.lazy()).collect(), 3)
    sample_frame = pl.DataFrame({"article_id": range(len(sample)), "body": sample})
    ours_sample = sample_mb / best_seconds(lambda: sentences(paragraphs(sample_frame.lazy())).collect(), 3)

    peers: list[tuple[str, Splitter, bool]] = [
        ("ours (Polars)", ours, False),
        ("pySBD 0.3.4", pysbd_splitter(), True),
        ("blingfire 0.1.8", blingfire_splitter(), False),
        ("syntok 1.4.4", syntok_splitter(), False),
        ("spaCy sentencizer", spacy_splitter(), False),
    ]
    rows = []
    for name, split, sampled in peers:
        passed = sum(
            golden_rule_passes(case["sentences"], got)
            for case, got in zip(rules, split([c["text"] for c in rules]), strict=True)
        )
        gold = [d["sentences"] for d in gum]
        p, r, f1 = boundary_prf(gold, split([d["text"] for d in gum]))
        f1_para = boundary_prf(gold, per_paragraph(split)([d["text"] for d in gum]))[2]
        if name.startswith("ours"):
            speed_full, speed_sample = cpu_full, ours_sample
        else:
            speed_sample = sample_mb / best_seconds(lambda: split(sample), 1 if sampled else 2)
            speed_full = None if sampled else full_mb / best_seconds(lambda: split(bodies), 1)
        rows.append((name, passed, p, r, f1, f1_para, speed_full, speed_sample))

    print(f"news_text.jsonl: {len(bodies)} bodies, {full_mb:.2f} MB; sample = every {SAMPLE_EVERY}th "
          f"article, {len(sample)} bodies, {sample_mb:.2f} MB (pySBD runs on the sample only)")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(table speeds are MB per CPU-second, best of runs)")
    print(f"ours, paragraphs() alone from bodies: {paragraphs_wall:.1f} MB/s wall, "
          f"{paragraphs_cpu:.1f} MB/s per CPU-second")
    print(f"ours, sentences() alone on ready paragraphs: {ours_alone:.1f} MB/s wall, "
          f"{cpu_alone:.1f} MB/s per CPU-second")
    print(f"ours, paragraphs() + sentences() from bodies: {ours_full:.1f} MB/s wall, "
          f"{cpu_full:.1f} MB/s per CPU-second\n")
    header = (f"{'segmenter':<20}{'Golden Rules':>14}{'GUM P':>8}{'GUM R':>8}{'GUM F1':>8}{'F1/para':>9}"
              f"{'MB/s full':>11}{'MB/s sample':>13}{'ours is x faster':>18}")
    print(header)
    print("-" * len(header))
    for name, passed, p, r, f1, f1_para, speed_full, speed_sample in rows:
        full = f"{speed_full:.2f}" if speed_full else "n/a"
        ratio = "1.0" if name.startswith("ours") else f"{ours_sample / speed_sample:.1f}"
        print(f"{name:<20}{f'{passed}/{len(rules)}':>14}{p:>8.3f}{r:>8.3f}{f1:>8.3f}{f1_para:>9.3f}"
              f"{full:>11}{speed_sample:>13.2f}{ratio:>18}")
    print("\nGUM P/R/F1: 21 whole documents as the pipeline sees an article (paragraphs joined by "
          "blank lines); F1/para: each blank-line paragraph segmented on its own, as our sentence "
          "step sees it. Ratio = our MB/s / peer MB/s on the same sample; ours = paragraphs() + "
          "sentences() from bodies.")


if __name__ == "__main__":
    main()
