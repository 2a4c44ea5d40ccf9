"""`entities`: one row per distinct real-world entity."""

import pandera.polars as pa


class Entities(pa.DataFrameModel):
    """One row per distinct entity (grain: entity_id); the same name and label give the same id in
    every article and run."""

    entity_id: str = pa.Field(unique=True, description="Stable id: hash of label and normalised canonical name")
    name: str = pa.Field(
        str_length={"min_value": 1}, description="Canonical name: the fullest form seen ('Donald Trump')"
    )
    label: str = pa.Field(description="PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ...")
    country_code: str = pa.Field(
        nullable=True, description="ISO 3166-1 alpha-2 code for places an offline gazetteer knows"
    )
    lat: float = pa.Field(nullable=True, ge=-90, le=90, description="Latitude for places an offline gazetteer knows")
    lon: float = pa.Field(nullable=True, ge=-180, le=180, description="Longitude for places an offline gazetteer knows")
    gender: str = pa.Field(
        nullable=True,
        isin=["female", "male"],
        description=(
            "For persons, the gender the text's language gives them (pronouns, honorifics, given name), "
            "never an identity; null when the text says nothing clear or the step is off (--no-gender)"
        ),
    )
    gender_evidence: str = pa.Field(
        nullable=True,
        isin=["pronoun", "honorific", "given_name"],
        description=(
            "What `gender` was inferred from: pronoun (the articles' pronouns resolved to the person), "
            "honorific (Mr, Mrs, Ms, Sir, Lady ...), given_name (a given name written in an article that "
            "at least 95 % of its bearers in the name statistics share with one gender)"
        ),
    )

    class Config:
        strict = True
        coerce = True
