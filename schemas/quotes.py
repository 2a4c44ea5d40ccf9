"""`quotes`: one row per quotation, with its speaker."""

import pandera.polars as pa
import polars as pl


class Quotes(pa.DataFrameModel):
    """One row per quoted passage (grain: quote_id) with who said it, as written and resolved.

    Words in quote marks that are the title of a show, a film, a book or an ad (MSNBC's "Morning Joe",
    the documentary "13th") or a nickname inside a name (Robert C. "Bobby" Scott) are no one's words
    and have no row; scare quotes do (`partial`, no speaker). Reported speech is a row too (`indirect`).
    """

    quote_id: str = pa.Field(unique=True, description="Stable id: hash of article_id, start_char, end_char")
    article_id: str = pa.Field(description="articles.article_id")
    sentence_id: pl.Int32 = pa.Field(ge=0, description="Sentence where the quote starts")
    start_char: pl.Int64 = pa.Field(ge=0, description="Offset of the quoted words (without the marks) in articles.body")
    end_char: pl.Int64 = pa.Field(ge=1, description="Offset just past the quoted words")
    text: str = pa.Field(
        str_length={"min_value": 1},
        description=(
            'The quoted words, without the quote marks (a mismatched closer, as in “…", stays at the end, as '
            "PolNeAR marks it)"
        ),
    )
    kind: str = pa.Field(
        isin=["direct", "partial", "indirect"],
        description=(
            "direct: a whole statement in quote marks; partial: a few quoted words inside the writer's sentence; "
            "indirect: reported speech without quote marks ('Smith said the plan would fail'), `text` being the "
            "reported content ('the plan would fail')"
        ),
    )
    speaker: str = pa.Field(
        nullable=True,
        description=(
            "The speaker as written next to the quote ('Trump', 'he', 'a White House spokesman'); null when none"
        ),
    )
    speaker_start: pl.Int64 = pa.Field(nullable=True, ge=0, description="Offset of `speaker` in articles.body")
    speaker_end: pl.Int64 = pa.Field(nullable=True, ge=1, description="Offset just past `speaker`")
    cue: str = pa.Field(
        nullable=True, description="The reporting verb as written: said, stated, told, according to ..."
    )
    speaker_entity_id: str = pa.Field(nullable=True, description="entities.entity_id of the resolved person")
    speaker_name: str = pa.Field(
        nullable=True,
        description=(
            "The resolved person's fullest name in the article ('he', 'Trump', 'the president' -> 'Donald "
            "Trump'; 'the bureau's director, James Comey,' -> 'James Comey'); for a name the entity tagger "
            "missed, the full name the article writes with that surname, else the name as written ('Poulter', "
            "with no speaker_entity_id); never a place, a date or a work; null when unresolved, when the "
            "speaker speaks for someone ('Trump’s campaign', 'Attorneys for Clinton'), or when a 'he' or 'she' "
            "is someone unnamed ('A spokeswoman said … She added')"
        ),
    )

    part_of_quote_id: str = pa.Field(
        nullable=True,
        description=(
            "The statement this row belongs to, so that a statement counts once: for the quotes of one statement "
            "split by its attribution (“A,” she said. “B.”; an interrupted quote; the next paragraph of an open "
            "quote) the quote_id of its longest passage, which represents it; for a quote inside a reported "
            "statement ('He said the plan was a “disaster”') the statement's; null for a statement"
        ),
    )
    attribution: str = pa.Field(
        nullable=True,
        description=(
            "The rule that chose the speaker: a rule next to the quote marks or of reported speech, named in "
            "docs/attribution-rules.md (e.g. after-speaker-verb, before-speaker-verb, sentence-subject, "
            "reported-cue-before-clause), or the step that found it (docs/attribution.md): "
            "inherited-from-previous-quote, first-name-in-sentence, parse-governing-verb, reported-rest-of-sentence, "
            "pronoun-previous-subject; null when there is no speaker (also when the speaker the rule found was "
            "dropped: a place, a date, a work, or opening words naming no one)"
        ),
    )

    class Config:
        strict = True
        coerce = True
        metadata = {"key_index": False}  # checked per batch by the loader (schemas/ddl.py key_indexed)

    @pa.dataframe_check(description="end_char after start_char")
    def span_not_empty(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("end_char") > pl.col("start_char"))
