"""The people step, after a run's batches: one identity per person across the corpus, and gender.

A load keeps what each of its articles says of each person (`person_evidence`, `person_scans`)
and lists the names it touched (`people_pending`); the step reads the articles no load kept that
for (an older database, `--rebuild`), then decides, for those names only, where a bare surname
resolves (`aliases`) and the persons' gender (`entities.gender`). The column logic is in
`transforms/gender.py` and `transforms/identity.py`; this module moves frames.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import duckdb
import polars as pl
from prefect import task
from prefect.cache_policies import NONE

import warehouse
from transforms.gazetteer import demonyms, places
from transforms.gender import infer_gender, known_given_names, name_genders, person_evidence
from transforms.identity import ALIAS_SCHEMA, gazetteer_names, group_names, resolve_aliases
from transforms.ids import stable_id
from transforms.person_words import person_words
from warehouse import people as store

# articles read per step of the scan: bounds memory on a first run over a large database
CHUNK = 20_000
# aliases that say a name is no person's: its rows count for no one's gender
NOT_PERSONS = ["other-label", "group-name", "place-name", "religion-or-nationality"]
# evidence rows decided at a time (a surname's rows are never split): bounds the step's memory
GROUP_ROWS = 200_000


@dataclass
class PeopleSummary:
    """What the step did: articles read, names whose aliases were decided, aliases, persons with a gender."""

    articles: int = 0
    names: int = 0
    aliases: int = 0
    gendered: int = 0


def _genders(evidence: pl.DataFrame, aliases: pl.DataFrame) -> pl.DataFrame:
    """The gender of every entity `evidence` names, each article's rows counted under the entity
    its alias resolves to (a name resolved to an organisation, a place or a group counts for no one)."""
    moved = evidence.join(
        aliases.select("article_id", "alias_id", "method", target="entity_id"),
        left_on=["article_id", "entity_id"],
        right_on=["article_id", "alias_id"],
        how="left",
    )
    mapped = moved.filter(~pl.col("method").fill_null("").is_in(NOT_PERSONS)).with_columns(
        entity_id=pl.coalesce("target", "entity_id")
    )
    ids = pl.concat([evidence.select("entity_id"), aliases.select("entity_id")]).unique()
    found = infer_gender(mapped, name_genders(mapped["given"])) if mapped.height else None
    if found is None:
        return ids.with_columns(gender=pl.lit(None, pl.String), gender_evidence=pl.lit(None, pl.String))
    return ids.join(found, on="entity_id", how="left")


def refresh_people(db_path: str, gender: bool = True, rebuild: bool = False) -> PeopleSummary:
    """Bring the people tables and `entities.gender` up to date with the stored articles.

    :param db_path: the DuckDB file.
    :param gender: infer gender (`transforms.gender`); False leaves every `entities.gender` null.
    :param rebuild: forget what earlier steps kept and read every article again.
    """
    summary = PeopleSummary()
    with warehouse.connection(db_path) as con:
        warehouse.ensure_schema(con)
        if rebuild or store.evidence_predates_groups(con):
            store.forget_people(con)
        touched = set(store.forget_removed(con)) | set(store.pending_names(con))
        # the articles to read, listed once: a query per chunk scanned the whole corpus each time
        for pending in store.pending_articles(con).iter_slices(CHUNK):
            inputs = store.people_inputs(con, pending["article_id"].to_list())
            found = person_evidence(**inputs).join(pending.select("article_id", "outlet", "day"), on="article_id")
            touched |= set(store.save_evidence(con, pending, found))
            touched |= set(found["key"].to_list()) | set(found["surname"].drop_nulls().to_list())
            summary.articles += pending.height
        names = sorted(touched)
        summary.names = len(names)
        # one list of surnames at a time: a list's names are decided by its own rows alone
        decided: set[str] = set()
        groups = store.surname_groups(con, names, GROUP_ROWS)
        labels = store.name_labels(con, [s for surnames in groups for s in surnames])
        for surnames in groups:
            evidence = store.evidence_of_surnames(con, surnames)
            aliases = _decide(con, evidence, gender, labels.filter(pl.col("key").is_in(evidence["key"].implode())))
            keys = sorted(set(evidence["key"].to_list()) | set(surnames))
            store.save_aliases(con, keys, aliases)
            decided |= set(keys)
            summary.aliases += aliases.height
            if gender:
                genders = _genders(evidence, aliases)
                store.set_gender(con, genders)
                summary.gendered += genders.filter(pl.col("gender").is_not_null()).height
        if gone := sorted(set(names) - decided):  # a name no article writes any more keeps no alias
            store.save_aliases(con, gone, pl.DataFrame(schema=ALIAS_SCHEMA))
        if not gender:
            store.clear_gender(con)
        store.clear_pending(con)
    return summary


def _decide(con: duckdb.DuckDBPyConnection, evidence: pl.DataFrame, gender: bool, labels: pl.DataFrame) -> pl.DataFrame:
    """The aliases of the names in `evidence` (all rows of some surnames); stores the organisations
    that group names resolve to.

    :param labels: `warehouse.people.name_labels` of those names.
    """
    full = evidence.filter(pl.col("n_words") >= 2)
    full_genders = (
        infer_gender(full, name_genders(full["given"]))
        if gender and full.height
        else pl.DataFrame(schema={"entity_id": pl.String, "gender": pl.String})
    )
    given = evidence["given"].drop_nulls().unique()
    known = pl.DataFrame({"key": given.filter(known_given_names(given))})
    # (a pronoun or a title is a sign of a person whether or not gender is inferred)
    others = pl.concat([group_names(evidence, known), gazetteer_names(evidence, known, _gazetteer())])
    # a group name that is also a place ("the Saints" of a city) is the group
    others = others.unique("key", keep="first", maintain_order=True)
    if not gender:  # what the article says of a bare surname is gender too
        evidence = evidence.with_columns(pl.col("female_pronouns", "male_pronouns", "female_titles", "male_titles") * 0)
    return resolve_aliases(evidence, full_genders, known, labels, _other_entities(con, evidence, others))


@lru_cache(maxsize=1)
def _gazetteer() -> pl.DataFrame:
    """`key`, `label` of the names the gazetteers know: places (GPE), then nationalities and
    religions (NORP; `transforms/data/person_words.toml`)."""
    religions = pl.DataFrame({"key": person_words()["not_persons"]["religions"]})
    return pl.concat(
        [
            places().select("key", label=pl.lit("GPE")),
            demonyms().select("key", label=pl.lit("NORP")),
            religions.select("key", label=pl.lit("NORP")),
        ]
    ).unique("key", keep="first", maintain_order=True)


def _other_entities(con: duckdb.DuckDBPyConnection, evidence: pl.DataFrame, others: pl.DataFrame) -> pl.DataFrame:
    """`key`, `entity_id`, `method`: the entity each name that is no person's resolves to (an
    organisation, or a place with the gazetteer's coordinates), stored when new and named as the
    corpus most often names the person entities it replaces.

    :param others: `key`, `method`, `label` (`group_names`, `gazetteer_names`).
    """
    if others.is_empty():
        return others.select("key", "method", entity_id=pl.lit(None, pl.String))
    ids = evidence.join(others, on="key").group_by("key", "entity_id").agg(articles=pl.len())
    names = ids.join(store.entity_names(con, ids["entity_id"].to_list()), on="entity_id")
    geo = places().select("key", "country_code", "lat", "lon")
    targets = (
        names.sort("key", "articles", "name", descending=[False, True, False])
        .unique("key", keep="first", maintain_order=True)
        .join(others, on="key")
        .with_columns(entity_id=stable_id("label", "key"))
        .join(geo, on="key", how="left")
        .with_columns(
            [pl.when(pl.col("label") == "GPE").then(pl.col(c)).alias(c) for c in ("country_code", "lat", "lon")]
        )
    )
    store.add_entities(
        con,
        targets.select(
            "entity_id",
            "name",
            "label",
            "country_code",
            "lat",
            "lon",
            gender=pl.lit(None, pl.String),
            gender_evidence=pl.lit(None, pl.String),
        ),
    )
    return targets.select("key", "entity_id", "method")


@task(name="people", cache_policy=NONE, retries=2, retry_delay_seconds=[1, 5])
def people_step(db_path: str, gender: bool = True) -> PeopleSummary:
    """`refresh_people` as the ingest flow's last task."""
    return refresh_people(db_path, gender=gender)
