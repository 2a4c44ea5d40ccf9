"""Learn the reporting-verb lexicon (`transforms/data/reporting_verbs.tsv`) from PolNeAR **train**.

Every annotated speech attribution of the train split names its cue as written ("said", "has
repeatedly pledged", "pointed out"); the verb heading it, lemmatised with lemminflect, is counted.
A lemma joins the lexicon when it heads at least `MIN_COUNT` speech cues and its forms report
speech often enough where they are written (`MIN_RATE`: the cues it heads over the times its forms
occur in the train texts), which keeps out verbs that mostly do other work ("make", "come"); it
is written with its particle when the cue is a phrasal verb most of the time ("talk about").

Then the frames (`transforms/data/reporting_frames.tsv`): the train sentences the quote stage
would read are parsed, and every complement of every lexicon verb is tried as a report
(`transforms.reported.statement_candidates`: a clause, an object, an infinitive, a preposition's
object). A (lemma, relation) pair is kept when at least `MIN_FRAME` of them were tried and at least
`MIN_PRECISION` of those cover more than 30 % of an annotated speech content (the README's matching).

Only train is read: dev stays for confirming, test is never opened. The data files are what the
pipeline reads; re-run this script to rebuild them:

    uv run python benchmarks/learn_cues.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from lemminflect import getAllLemmas

from transforms.reporting_verbs import forms, frames, lemmas

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "benchmarks" / "quotes" / "polnear_attributions_train.jsonl"
OUT = ROOT / "transforms" / "data" / "reporting_verbs.tsv"
FRAMES_OUT = ROOT / "transforms" / "data" / "reporting_frames.tsv"
MIN_FRAME = 3
MIN_PRECISION = 0.5
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


def learn_frames(rows: list[dict]) -> list[tuple[str, str, int, float]]:
    """(lemma, relation, tried, precision) of each frame kept (see the module's docstring)."""
    import polars as pl

    from transforms.paragraphs import paragraphs
    from transforms.quote_parse import parser
    from transforms.quotes import quotes
    from transforms.reported import candidate_sentences, statement_candidates
    from transforms.reporting_verbs import forms
    from transforms.sentences import sentences
    from transforms.spacy_model import one_thread

    arts = pl.LazyFrame({"article_id": [r["id"] for r in rows], "body": [r["text"] for r in rows]})
    sents = sentences(paragraphs(arts)).collect().lazy()
    no_mentions = pl.LazyFrame(
        schema={
            "article_id": pl.String,
            "sentence_id": pl.Int32,
            "start_char": pl.Int64,
            "end_char": pl.Int64,
            "text": pl.String,
            "label": pl.String,
            "entity_id": pl.String,
        }
    )
    no_entities = pl.LazyFrame(schema={"entity_id": pl.String, "name": pl.String, "label": pl.String})
    marked = quotes(arts, sents, no_mentions, no_entities, parse=False, reported=None)
    cands = candidate_sentences(sents, marked.filter(pl.col("kind") == "direct")).collect()
    gold: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in rows:
        gold[row["id"]] = [(a["content_start"], a["content_end"]) for a in row["attributions"] if a["speech"]]
    tried: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    lexicon = forms()
    with one_thread():
        docs = parser().pipe(cands["text"].to_list(), batch_size=64)
        for (aid, s0), doc in zip(cands.select("article_id", "start_char").rows(), docs, strict=True):
            for c0, c1, _spk, _cue, _rule, lemma, relation in statement_candidates(doc, lexicon):
                key = (lemma, relation)
                tried[key] += 1
                c0, c1 = s0 + c0, s0 + c1
                right[key] += any(min(g1, c1) - max(g0, c0) > 0.3 * (g1 - g0) for g0, g1 in gold[aid])
    return [
        (lemma, relation, n, right[(lemma, relation)] / n)
        for (lemma, relation), n in tried.most_common()
        if relation != "source" and n >= MIN_FRAME and right[(lemma, relation)] >= MIN_PRECISION * n
    ]


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
    for cached in (lemmas, forms, frames):  # the frames are learned over the lexicon just written
        cached.cache_clear()
    kept = learn_frames(rows)
    with FRAMES_OUT.open("w", encoding="utf-8") as f:
        f.write("# Which complement of which reporting verb is its reported content, learned from PolNeAR train\n")
        f.write("# (benchmarks/learn_cues.py). relation: ccomp (a clause), dobj (an object, with the infinitive\n")
        f.write("# after it), xcomp (an infinitive), prep:<word> (a preposition's object); tried: candidates in\n")
        f.write("# train; precision: share of them covering an annotated speech content.\n")
        f.write("lemma\trelation\ttried\tprecision\n")
        for lemma, relation, n, precision in sorted(kept):
            f.write(f"{lemma}\t{relation}\t{n}\t{precision:.3f}\n")
    print(f"{len(kept)} frames -> {FRAMES_OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
