"""Quality gate: gender from given names against the pronouns of the 2,520-article corpus.

The measurement is in `benchmarks/gender_eval.py`, shared with `benchmarks/bench_gender.py`:
persons whose pronouns give them one gender (resolved without looking at their names) have those
pronouns hidden, and the given-name statistics guess. A wrong gender is worse than none, so the
floor on precision is the high one.
"""

from __future__ import annotations

import pytest

from benchmarks.gender_eval import CORPUS, corpus_evidence, measure


@pytest.fixture(scope="module")
def result() -> dict[str, float | int]:
    if not CORPUS.exists():
        pytest.skip(f"benchmark data not found at {CORPUS} (../shared/benchmarks is absent)")
    return measure(corpus_evidence(ner="rules"))


@pytest.mark.gate
def test_given_names_agree_with_the_pronouns(result):
    # Measured (rules NER, reported speech by patterns): 1,038 persons with pronoun gold, 738 guessed,
    # precision 0.973 (Census 0.975, gender-guesser 0.962), coverage 0.711.
    assert result["gold"] >= 900, result
    assert result["precision"] >= 0.95, result
    assert result["coverage"] >= 0.65, result


@pytest.mark.gate
def test_honorifics_agree_with_the_pronouns(result):
    # Measured: 364 persons with both, 0.995.
    assert result["honorific_checked"] >= 300, result
    assert result["honorific_precision"] >= 0.97, result
