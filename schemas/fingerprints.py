"""`article_signatures` and `article_bands`: MinHash fingerprints for near-duplicate detection across runs."""

import pandera.polars as pa
import polars as pl


class ArticleSignatures(pa.DataFrameModel):
    """One row per article with words (grain: article_id): its MinHash signature over word shingles."""

    article_id: str = pa.Field(unique=True, description="articles.article_id")
    signature: pl.Binary = pa.Field(
        nullable=True, description="128 little-endian uint32 MinHash values (transforms/dedupe.py)"
    )

    class Config:
        strict = True
        coerce = True
        metadata = {
            "key_index": False
        }  # replaced with its article, checked per batch by the loader (schemas/ddl.py key_indexed)


class ArticleBands(pa.DataFrameModel):
    """One row per LSH band of an article's signature (grain: article_id, band_key); a shared key
    marks a candidate near-duplicate."""

    article_id: str = pa.Field(description="articles.article_id")
    band_key: int = pa.Field(
        description="64-bit hash of the band's number and its signature values (transforms/dedupe.py band_keys)"
    )

    class Config:
        strict = True
        coerce = True
        unique = ["article_id", "band_key"]
        metadata = {"key_index": False}  # checked per batch by the loader (schemas/ddl.py key_indexed)
