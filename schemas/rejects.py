"""`rejects`: every input record or row that could not be used."""

from typing import Annotated

import pandera.polars as pa
import polars as pl


class Rejects(pa.DataFrameModel):
    """One row per rejected record or row (grain: reject_id); nothing is lost silently."""

    reject_id: str = pa.Field(
        unique=True, description="Stable id: hash of source, stage, reason and payload (a re-run adds no duplicate)"
    )
    run_id: str = pa.Field(description="The run that first rejected it")
    source: str = pa.Field(description="File path (with :line), URL or table the record came from")
    stage: str = pa.Field(
        description="Where it failed: read, clean, quotes (a passage whose quote marks give no quote), validate:<table>"
    )
    reason: str = pa.Field(description="Why, in words")
    payload: str = pa.Field(
        nullable=True, description="The raw record (for a row or passage: its JSON), cut at 10,000 characters"
    )
    rejected_at: Annotated[pl.Datetime, "us", "UTC"] = pa.Field(description="When it was rejected")

    class Config:
        strict = True
        coerce = True
