"""`aliases`, `person_evidence`, `person_scans` and `people_pending`: one identity per person across
the corpus.

`person_evidence` keeps what each article says of each person it names (the statistics a later run
needs, so it never reads the corpus's bodies again); `person_scans` the articles it has read;
`people_pending` the names whose aliases and gender are to be decided again; `aliases` where a name
written in an article (a bare surname) resolves to a person of the corpus.
"""

from typing import Annotated

import pandera.polars as pa
import polars as pl

UtcTimestamp = Annotated[pl.Datetime, "us", "UTC"]


class Aliases(pa.DataFrameModel):
    """One row per name an article writes that resolves to another entity (grain: article_id, alias_id):
    a bare surname to the one person of the corpus who carries it, a name misread as a person to the
    organisation or place the corpus knows it as. Views follow `entity_id`; the full name's id never changes."""

    article_id: str = pa.Field(description="articles.article_id where the alias is written")
    alias_id: str = pa.Field(description="entities.entity_id of the name as the article links it ('Kim')")
    alias: str = pa.Field(str_length={"min_value": 1}, description="The alias, normalised ('kim')")
    entity_id: str = pa.Field(description="entities.entity_id it resolves to ('Alex Kim')")
    method: str = pa.Field(
        isin=[
            "only-full-name",
            "only-full-name-of-gender",
            "dominant-in-context",
            "other-label",
            "group-name",
            "place-name",
            "religion-or-nationality",
        ],
        description=(
            "How it was decided: only-full-name (the only full name with this surname in the corpus, named in "
            "at least a third as many articles as the bare surname); "
            "only-full-name-of-gender (the only one whose gender agrees with the article's pronouns or "
            "honorific for the surname); dominant-in-context (named in at least 80 % of the corpus's "
            "articles that name a full name with this surname, and in the same outlet within a year); "
            "other-label (a name the corpus mostly labels otherwise: a party, a team, a place); "
            "group-name (a name the corpus writes after 'the' in at least half its mentions, in two articles or "
            "more, and never with a person's pronoun or title: 'the Lions', 'the Beatles'; it resolves to an "
            "organisation of that name); place-name (a one-word name the gazetteer knows as a place, in two "
            "articles or more, with no person's pronoun or title, no given name and no person's full name in "
            "the corpus ending with it: 'Gloucester', 'Wigan'; it resolves to that place); religion-or-nationality "
            "(the same for a religion or a nationality the word lists know: 'Islam'; it resolves to a NORP entity)"
        ),
    )
    candidates: pl.Int32 = pa.Field(ge=0, description="Full names (or other labels) in the corpus it could have been")

    class Config:
        strict = True
        coerce = True
        unique = ["article_id", "alias_id"]


class PersonEvidence(pa.DataFrameModel):
    """One row per person entity per article naming it (grain: article_id, entity_id): the counts the
    people step keeps so that a later run decides aliases and gender without reading bodies again."""

    article_id: str = pa.Field(description="articles.article_id")
    entity_id: str = pa.Field(description="entities.entity_id of the person as the article links it")
    key: str = pa.Field(description="The entity's normalised name")
    given: str = pa.Field(nullable=True, description="Its given name (first of two or more words), lower case")
    surname: str = pa.Field(description="Its last word, lower case (without Jr, MP, ...)")
    n_words: pl.Int32 = pa.Field(ge=0, description="Words in the name")
    mentions: pl.Int32 = pa.Field(ge=0, description="Its mentions in the article")
    female_pronouns: pl.Int32 = pa.Field(ge=0, description="Speakers 'she'/'her' resolved to it in the article")
    male_pronouns: pl.Int32 = pa.Field(ge=0, description="Speakers 'he'/'him' resolved to it in the article")
    female_titles: pl.Int32 = pa.Field(ge=0, description="Mentions after Mrs, Ms, Lady, ...")
    male_titles: pl.Int32 = pa.Field(ge=0, description="Mentions after Mr, Sir, Lord, ...")
    given_written: bool = pa.Field(description="A mention in the article writes the given name")
    after_the: pl.Int32 = pa.Field(
        nullable=True,
        ge=0,
        description="Mentions written right after 'the' ('the Lions'); null in evidence kept before it was counted",
    )
    outlet: str = pa.Field(nullable=True, description="The article's outlet (as the quote_attributions view)")
    day: pl.Date = pa.Field(nullable=True, description="The article's publication day (UTC)")

    class Config:
        strict = True
        coerce = True
        unique = ["article_id", "entity_id"]
        metadata = {"key_index": False}


class PersonScans(pa.DataFrameModel):
    """One row per article the people step has read (grain: article_id), with the load it read."""

    article_id: str = pa.Field(unique=True, description="articles.article_id")
    ingested_at: UtcTimestamp = pa.Field(description="articles.ingested_at of the version read")

    class Config:
        strict = True
        coerce = True
        metadata = {"key_index": False}


class PeoplePending(pa.DataFrameModel):
    """Names whose aliases and gender the people step has to decide again (no key: a name may come
    from several loads). A load adds those of the evidence it writes or replaces; the step empties it."""

    key: str = pa.Field(description="The name or surname, normalised as person_evidence.key")

    class Config:
        strict = True
        coerce = True
        metadata = {"key_index": False}
