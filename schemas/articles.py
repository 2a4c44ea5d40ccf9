"""`articles`: one row per distinct article."""

from typing import Annotated

import pandera.polars as pa
import polars as pl

UtcTimestamp = Annotated[pl.Datetime, "us", "UTC"]


class Articles(pa.DataFrameModel):
    """One row per distinct article (grain: article_id). A changed article replaces its row."""

    article_id: str = pa.Field(
        unique=True,
        str_length={"min_value": 1},
        description="Stable id: hash of the canonical URL when known, else of the content hash",
    )
    source: str = pa.Field(description="The input the article came from: a file path (with :line for JSONL) or a URL")
    external_id: str = pa.Field(
        nullable=True, description="The id the source gave it: JSONL `id`, feed guid, WARC record id, file name"
    )
    url: str = pa.Field(nullable=True, description="URL as given by the source")
    canonical_url: str = pa.Field(
        nullable=True, description="URL without tracking parameters, fragment, default port or `www.`"
    )
    title: str = pa.Field(nullable=True, description="Headline")
    author: str = pa.Field(nullable=True, description="Byline name(s), taken out of the body")
    published_at: UtcTimestamp = pa.Field(nullable=True, description="Publication time (UTC); null when unknown")
    language: str = pa.Field(nullable=True, description="ISO 639-1 language code")
    body: str = pa.Field(
        str_length={"min_value": 1},
        description=(
            "Cleaned text: no byline block, share buttons or 'View all posts'; headings kept as their own "
            "paragraphs; paragraphs separated by a blank line"
        ),
    )
    content_hash: str = pa.Field(
        str_length={"min_value": 64, "max_value": 64}, description="SHA-256 (hex) of title and body"
    )
    duplicate_of: str = pa.Field(
        nullable=True, description="article_id of an earlier near-duplicate (same story on another site), else null"
    )
    n_sentences: int = pa.Field(ge=0, description="Sentences in body (headings included)")
    n_words: int = pa.Field(ge=0, description="Words in body")
    ingested_at: UtcTimestamp = pa.Field(description="When this version of the article was loaded")
    run_id: str = pa.Field(description="The run that loaded this version (runs.run_id)")

    class Config:
        strict = True
        coerce = True
