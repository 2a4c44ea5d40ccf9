"""The run summary: counts of this run beside the database totals."""

from __future__ import annotations

import time

import pytest

import warehouse.held
from flows.batch import Summary, add_counts, run_connection


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


def test_the_distinct_entities_of_a_long_run_cost_8_bytes_each():
    summary = Summary(run_id="r", db_path="db")
    ids = [f"{i:016x}" for i in range(200_000)]
    for b in range(0, len(ids), 10_000):  # batches overlapping their neighbours by half
        add_counts(summary, batch_counts(100, ids[max(0, b - 5_000) : b + 10_000]))
    assert summary.loaded["entities"] == 200_000
    assert summary.entity_keys.nbytes == 8 * 200_000


class SlowClose:
    """A connection whose close (DuckDB's checkpoint) takes at least `delay` seconds."""

    def __init__(self, con, delay: float) -> None:
        self.con, self.delay = con, delay

    def close(self) -> None:
        time.sleep(self.delay)
        self.con.close()


def test_the_closing_checkpoint_of_a_run_counts_as_load(tmp_path, monkeypatch):
    # the run's last checkpoint is load's work, as each reopen's is: a short run must report it too
    db = str(tmp_path / "news.duckdb")
    seconds = {"load": 1.0}
    with run_connection(db, seconds):
        held = warehouse.held._HELD[db]
        monkeypatch.setattr(held, "con", SlowClose(held.con, 0.2))
    assert seconds["load"] >= 1.2
    before = seconds["load"]
    with pytest.raises(RuntimeError), run_connection(db, seconds):  # a failed run reports no load time
        held = warehouse.held._HELD[db]
        monkeypatch.setattr(held, "con", SlowClose(held.con, 0.2))
        raise RuntimeError("stop")
    assert seconds["load"] == before
