"""Learn the reporting-verb lexicon (`transforms/data/reporting_verbs.tsv`) from PolNeAR **train**.

Every annotated speech attribution of the train split names its cue as written ("said", "has
repeatedly pledged", "pointed out"); the verb heading it, lemmatised with lemminflect, is counted.
A lemma joins the lexicon when it heads at least `MIN_COUNT` speech cues and its forms report
speech often enough where they are written (`MIN_RATE`: the cues it heads over the times its forms
occur in the train texts), which keeps out verbs that mostly do other work ("make", "come"); it
is written with its particle when the cue is a phrasal verb most of the time ("talk about").

Only train is read: dev stays for confirming, test is never opened. The data file is what the
pipeline reads; re-run this script to rebuild it:

    uv run python benchmarks/learn_cues.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from lemminflect import getAllLemmas

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "benchmarks" / "quotes" / "polnear_attributions_train.jsonl"
OUT = ROOT / "transforms" / "data" / "reporting_verbs.tsv"
MIN_COUNT = 3
MIN_RATE = 0.15
# auxiliaries and modals before a cue's verb ("has said", "would tell"): not the verb itself
_AUX = {"be", "have", "do", "will", "would", "can", "could", "may", "might", "shall", "should", "must", "go", "get"}
_PARTICLES = {"out", "up", "back", "down", "on", "off", "for", "about", "to"}


def cue_verb(cue: str) -> tuple[str, str | None] | None:
    """(lemma, particle) of the verb heading a cue as written, or None when it holds no verb."""
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", cue.lower())
    for i, word in enumerate(words):
        lemmas = getAllLemmas(word, upos="VERB").get("VERB")
        if not lemmas or lemmas[0] in _AUX:
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        return lemmas[0], nxt if nxt in _PARTICLES else None
    return None


def occurrences(rows: list[dict], lemmas: set[str]) -> Counter[str]:
    """How often each lemma's verb forms are written in the texts of `rows`."""
    seen: Counter[str] = Counter()
    for row in rows:
        for word in re.findall(r"[a-z]+", row["text"].lower()):
            found = getAllLemmas(word, upos="VERB").get("VERB")
            if found and found[0] in lemmas:
                seen[found[0]] += 1
    return seen


def learn(rows: list[dict]) -> list[tuple[str, int, float, str]]:
    """(lemma, count, rate, particle or '') for each verb kept (see the module's docstring)."""
    counts: Counter[str] = Counter()
    particles: dict[str, Counter[str | None]] = defaultdict(Counter)
    for row in rows:
        for a in row["attributions"]:
            if not a["speech"] or not a["cue"] or "according to" in a["cue"].lower():
                continue
            found = cue_verb(a["cue"])
            if found:
                counts[found[0]] += 1
                particles[found[0]][found[1]] += 1
    seen = occurrences(rows, {lemma for lemma, n in counts.items() if n >= MIN_COUNT})
    out = []
    for lemma, n in counts.most_common():
        if n < MIN_COUNT or n < MIN_RATE * seen[lemma]:
            continue
        particle, k = particles[lemma].most_common(1)[0]
        out.append((lemma, n, n / seen[lemma], particle if particle and k * 2 > n else ""))
    return out


def main() -> None:
    if not TRAIN.exists():
        sys.exit(f"PolNeAR attributions not found at {TRAIN}")
    with TRAIN.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    lexicon = learn(rows)
    with OUT.open("w", encoding="utf-8") as f:
        f.write("# Reporting verbs learned from PolNeAR train's speech cues (benchmarks/learn_cues.py).\n")
        f.write("# lemma: the verb; train_count: speech cues it heads in train; cue_rate: train_count over the\n")
        f.write("# times its forms are written in train; particle: of a phrasal cue.\n")
        f.write("lemma\ttrain_count\tcue_rate\tparticle\n")
        for lemma, n, rate, particle in lexicon:
            f.write(f"{lemma}\t{n}\t{rate:.3f}\t{particle}\n")
    print(f"{len(lexicon)} verbs -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
