"""`runs`: one row per flow run."""

from typing import Annotated

import pandera.polars as pa
import polars as pl

UtcTimestamp = Annotated[pl.Datetime, "us", "UTC"]


class Runs(pa.DataFrameModel):
    """One row per flow run (grain: run_id), failed runs included."""

    run_id: str = pa.Field(unique=True, description="Run id (the Prefect flow run id when run by Prefect)")
    run_name: str = pa.Field(nullable=True, description="Human-readable run name shown in the Prefect UI")
    started_at: UtcTimestamp = pa.Field(description="Start time")
    finished_at: UtcTimestamp = pa.Field(nullable=True, description="End time; null while running or if killed")
    status: str = pa.Field(
        isin=["running", "completed", "failed", "interrupted"],
        description=(
            "running, completed, failed, or interrupted (stopped by SIGTERM between batches: the batches loaded stay)"
        ),
    )
    sources: str = pa.Field(nullable=True, description="The sources given to the run, comma-separated")
    seen: int = pa.Field(ge=0, description="Articles read")
    new: int = pa.Field(ge=0, description="Articles loaded for the first time")
    updated: int = pa.Field(ge=0, description="Articles whose content changed and were replaced")
    unchanged: int = pa.Field(ge=0, description="Articles skipped: already stored with the same content")
    rejected: int = pa.Field(ge=0, description="Records and rows sent to rejects")
    message: str = pa.Field(nullable=True, description="Error message of a failed run")

    class Config:
        strict = True
        coerce = True
