"""The people step, after a run's batches: one identity per person across the corpus, and gender.

It reads the articles loaded since it last ran (`person_scans`), keeps what each says of each
person (`person_evidence`), then decides, for the names those articles touch only, where a bare
surname resolves (`aliases`) and the persons' gender (`entities.gender`). The column logic is in
`transforms/gender.py` and `transforms/identity.py`; this module moves frames.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from prefect import task
from prefect.cache_policies import NONE

import warehouse
from transforms.gender import infer_gender, known_given_names, name_genders, person_evidence
from transforms.identity import resolve_aliases
from warehouse import people as store

# articles read per step of the scan: bounds memory on a first run over a large database
CHUNK = 2_000


@dataclass
class PeopleSummary:
    """What the step did: articles read, names whose aliases were decided, aliases, persons with a gender."""

    articles: int = 0
    names: int = 0
    aliases: int = 0
    gendered: int = 0


def _genders(evidence: pl.DataFrame, aliases: pl.DataFrame) -> pl.DataFrame:
    """The gender of every entity `evidence` names, each article's rows counted under the entity
    its alias resolves to (a name resolved to an organisation or place counts for no one)."""
    moved = evidence.join(
        aliases.select("article_id", "alias_id", "method", target="entity_id"),
        left_on=["article_id", "entity_id"],
        right_on=["article_id", "alias_id"],
        how="left",
    )
    mapped = moved.filter(pl.col("method").fill_null("") != "other-label").with_columns(
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
        if rebuild:
            store.forget_people(con)
        touched = set(store.forget_removed(con))
        while (pending := store.pending_articles(con, CHUNK)).height:
            inputs = store.people_inputs(con, pending["article_id"].to_list())
            found = person_evidence(inputs["mentions"], inputs["quotes"], inputs["entities"]).join(
                pending.select("article_id", "outlet", "day"), on="article_id"
            )
            touched |= set(store.save_evidence(con, pending, found))
            touched |= set(found["key"].to_list()) | set(found["surname"].drop_nulls().to_list())
            summary.articles += pending.height
        names = sorted(touched)
        summary.names = len(names)
        if not names:
            if not gender:
                store.clear_gender(con)
            return summary
        evidence = store.evidence_for(con, names)
        full = evidence.filter(pl.col("n_words") >= 2)
        full_genders = (
            infer_gender(full, name_genders(full["given"]))
            if gender and full.height
            else pl.DataFrame(schema={"entity_id": pl.String, "gender": pl.String})
        )
        if not gender:  # what the article says of a bare surname is gender too
            evidence = evidence.with_columns(
                pl.col("female_pronouns", "male_pronouns", "female_titles", "male_titles") * 0
            )
        keys = evidence["key"].unique().sort().to_list()
        given = evidence["given"].drop_nulls().unique()
        known = pl.DataFrame({"key": given.filter(known_given_names(given))})
        aliases = resolve_aliases(evidence, full_genders, known, store.name_labels(con, keys))
        store.save_aliases(con, names, aliases)
        summary.aliases = aliases.height
        if gender:
            genders = _genders(store.evidence_for(con, names), aliases)
            store.set_gender(con, genders)
            summary.gendered = genders.filter(pl.col("gender").is_not_null()).height
        else:
            store.clear_gender(con)
    return summary


@task(name="people", cache_policy=NONE, retries=2, retry_delay_seconds=[1, 5])
def people_step(db_path: str, gender: bool = True) -> PeopleSummary:
    """`refresh_people` as the ingest flow's last task."""
    return refresh_people(db_path, gender=gender)
