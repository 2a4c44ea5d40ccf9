"""The run summary: counts of this run beside the database totals."""

from __future__ import annotations

from flows.batch import Summary, add_counts


def batch_counts(articles: int, entity_ids: list[str]) -> dict:
    return {
        "seen": articles,
        "new": articles,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "loaded": {"articles": articles, "sentences": 2 * articles, "quotes": 0, "mentions": 3 * articles},
        "entity_ids": entity_ids,
        "seconds": {"load": 0.5},
    }


def test_entities_loaded_by_several_batches_count_once_this_run():
    summary = Summary(run_id="r", db_path="db")
    add_counts(summary, batch_counts(100, ["e-trump", "e-putin", "e-kyiv"]))
    add_counts(summary, batch_counts(100, ["e-trump", "e-macron"]))
    add_counts(summary, batch_counts(100, ["e-putin"]))
    assert summary.loaded == {"articles": 300, "sentences": 600, "quotes": 0, "mentions": 900, "entities": 4}
    assert (summary.seen, summary.new, summary.stage_seconds) == (300, 300, {"load": 1.5})
