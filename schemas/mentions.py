"""`mentions`: one row per occurrence of an entity in an article."""

import pandera.polars as pa
import polars as pl


class Mentions(pa.DataFrameModel):
    """One row per entity mention (grain: article_id, start_char, end_char)."""

    article_id: str = pa.Field(description="articles.article_id")
    sentence_id: pl.Int32 = pa.Field(ge=0, description="Sentence holding the mention")
    start_char: pl.Int64 = pa.Field(ge=0, description="Offset of the mention in articles.body")
    end_char: pl.Int64 = pa.Field(ge=1, description="Offset just past the mention")
    text: str = pa.Field(str_length={"min_value": 1}, description="As written: 'Trump', 'Donald Trump'")
    label: str = pa.Field(description="Entity label (PERSON, ORG, GPE, ...)")
    entity_id: str = pa.Field(description="entities.entity_id")
    title: str = pa.Field(
        nullable=True, description="A title written before the name and kept out of the span ('President')"
    )

    class Config:
        strict = True
        coerce = True
        unique = ["article_id", "start_char", "end_char"]
        metadata = {"key_index": False}  # checked per batch by the loader (schemas/ddl.py key_indexed)
