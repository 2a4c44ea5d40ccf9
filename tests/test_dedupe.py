"""Near-duplicate articles."""

from __future__ import annotations

import polars as pl

from transforms.dedupe import minhash_signatures, near_duplicates

STORY = (
    "Heavy rain flooded the lower town on Sunday night, forcing two hundred residents to leave their homes. "
    "Firefighters pumped water from cellars until dawn while the river kept rising near the old bridge. "
    "The mayor said the town would ask the region for emergency funds to repair the damaged roads and the school. "
    "Forecasters expect more rain on Tuesday, and the dikes along the eastern bank are being reinforced with sandbags."
)
OTHER = (
    "The chess club celebrated its fiftieth anniversary with a tournament that drew players from nine countries. "
    "A twelve-year-old from the village beat two grandmasters and finished third overall, to loud applause."
)


def _frame(rows: list[tuple[str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"article_id": pl.String, "body": pl.String}, orient="row")


def test_wire_copy_exact_copy_and_distinct_story():
    wire = "By Agency staff\n\n" + STORY.replace("Sunday night", "Sunday  night") + "\n\nShare this article"
    df = _frame(
        [
            ("a1", STORY),
            ("a2", OTHER),
            ("a3", wire),
            ("a4", STORY.upper()),
            ("a5", "Short note."),
            ("a6", "short   NOTE."),
        ]
    )
    got = near_duplicates(df).sort("article_id").rows()
    assert got == [("a3", "a1"), ("a4", "a1"), ("a6", "a5")]


def test_stored_signatures_count_as_earlier():
    stored = minhash_signatures(_frame([("old", STORY)]))
    assert stored.schema["signature"] == pl.Binary and len(stored["signature"][0]) == 128 * 4
    new = _frame([("new1", STORY + " Officials will update the figures on Monday."), ("new2", OTHER)])
    assert near_duplicates(new, stored=stored).rows() == [("new1", "old")]


def test_no_duplicates_gives_empty_frame_with_columns():
    got = near_duplicates(_frame([("a", STORY), ("b", OTHER)]))
    assert got.height == 0 and got.columns == ["article_id", "duplicate_of"]
