"""`sentences`: one row per sentence of an article."""

import pandera.polars as pa
import polars as pl


class Sentences(pa.DataFrameModel):
    """One row per sentence (grain: article_id, sentence_id); headings are sentences with is_heading."""

    article_id: str = pa.Field(description="articles.article_id")
    sentence_id: pl.Int32 = pa.Field(ge=0, description="0-based order within the article")
    paragraph_id: pl.Int32 = pa.Field(ge=0, description="0-based paragraph within the article")
    section: str = pa.Field(nullable=True, description="The heading the sentence sits under, or null")
    is_heading: bool = pa.Field(description="True when the sentence is a section heading or headline")
    start_char: pl.Int64 = pa.Field(ge=0, description="Offset of the first character in articles.body")
    end_char: pl.Int64 = pa.Field(
        ge=1, description="Offset just past the last character (body[start_char:end_char] == text)"
    )
    text: str = pa.Field(str_length={"min_value": 1}, description="The sentence as written")

    class Config:
        strict = True
        coerce = True
        unique = ["article_id", "sentence_id"]
        metadata = {"key_index": False}  # checked per batch by the loader (schemas/ddl.py key_indexed)

    @pa.dataframe_check(description="end_char after start_char")
    def span_not_empty(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("end_char") > pl.col("start_char"))
