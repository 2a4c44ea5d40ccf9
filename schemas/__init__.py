"""One Pandera model per table: the single source of truth for columns, types, checks and docs."""

from .articles import Articles
from .ddl import create_table_sql, data_dictionary, duckdb_type, key_indexed, polars_schema, primary_key
from .entities import Entities
from .fingerprints import ArticleBands, ArticleSignatures
from .mentions import Mentions
from .people import Aliases, PeoplePending, PersonEvidence, PersonScans
from .quotes import Quotes
from .rejects import Rejects
from .runs import Runs
from .sentences import Sentences

# Table name -> model, in load order (parents before children).
MODELS = {
    "articles": Articles,
    "sentences": Sentences,
    "quotes": Quotes,
    "entities": Entities,
    "mentions": Mentions,
    "rejects": Rejects,
    "runs": Runs,
    "article_signatures": ArticleSignatures,
    "article_bands": ArticleBands,
    "aliases": Aliases,
    "person_evidence": PersonEvidence,
    "person_scans": PersonScans,
    "people_pending": PeoplePending,
}

# Bookkeeping tables the pipeline keeps for itself; exports and reports leave them out.
INTERNAL_TABLES = ("article_signatures", "article_bands", "person_evidence", "person_scans", "people_pending")

__all__ = [
    "Aliases",
    "INTERNAL_TABLES",
    "MODELS",
    "ArticleBands",
    "ArticleSignatures",
    "Articles",
    "Entities",
    "Mentions",
    "PeoplePending",
    "PersonEvidence",
    "PersonScans",
    "Quotes",
    "Rejects",
    "Runs",
    "Sentences",
    "create_table_sql",
    "data_dictionary",
    "duckdb_type",
    "key_indexed",
    "polars_schema",
    "primary_key",
]
