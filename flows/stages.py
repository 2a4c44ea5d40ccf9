"""The stages of a batch: clean, compare, near-duplicates, sentences, entities, quotes, validate, load.

They only move data between transforms, schemas and the warehouse; the column logic lives in
`transforms/`. A batch's one Prefect task is its load (the commit, retried on failure); the
transform stages are tasks too where the local and Dask runners run them. The stages before and
after are plain functions, timed by the runners: five task runs a batch cost the Prefect server
about 0.25 s of CPU per batch, some 250 s of 2 cores for a million articles (`docs/scale.md`).
Caching is off: inputs are whole DataFrames, and every run must see the database as it is now.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import polars as pl
from prefect import get_run_logger, task
from prefect.cache_policies import NONE

import warehouse
from flows import transform_steps as steps
from flows.readers import RawArticle, Reject
from flows.transform_steps import ENGLISH, quote_windows  # noqa: F401 (the tests' and benchmarks' names)
from schemas import MODELS
from schemas.validate import split_valid
from transforms.checks import offset_check
from transforms.dedupe import band_keys, minhash_signatures, near_duplicates
from transforms.ids import stable_id
from transforms.language import detect_language
from transforms.staging import RAW_SCHEMA, first_of_each, stg_articles


def now() -> datetime:
    """The time now, in UTC (ingested_at, rejected_at, a run's start and end)."""
    return datetime.now(UTC)


def rejects_frame(rows: list[Reject] | pl.DataFrame, run_id: str) -> pl.DataFrame:
    """Rejects as rows of the `rejects` table (ids derived from content, so a re-run adds nothing)."""
    if isinstance(rows, list):
        rows = pl.DataFrame(
            [(r.source, r.stage, r.reason, r.payload) for r in rows],
            schema={"source": pl.String, "stage": pl.String, "reason": pl.String, "payload": pl.String},
            orient="row",
        )
    return rows.with_columns(
        run_id=pl.lit(run_id),
        reject_id=stable_id("source", "stage", "reason", pl.col("payload").fill_null("")),
        rejected_at=pl.lit(now()).cast(pl.Datetime("us", "UTC")),
        payload=pl.col("payload").str.slice(0, 10_000),
    ).select(list(MODELS["rejects"].to_schema().columns))


def raw_frame(records: list[RawArticle]) -> pl.DataFrame:
    """Raw records as a frame with RAW_SCHEMA (one row per record, `rid` in reading order)."""
    return pl.DataFrame(
        [
            (i, r.source, r.fmt, r.external_id, r.url, r.title, r.author, r.published_at, r.language, r.body)
            for i, r in enumerate(records)
        ],
        schema=RAW_SCHEMA,
        orient="row",
    )


def clean(raw: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Staged articles from raw records: (candidates, in-batch repeats, empty-body rejects)."""
    stg = stg_articles(raw.lazy()).collect()
    empty = stg.filter(pl.col("body") == "")
    firsts, repeats = first_of_each(stg.filter(pl.col("body") != "").lazy())
    firsts = detect_language(firsts.collect()).lazy()
    empty_rejects = empty.select(
        "source", stage=pl.lit("clean"), reason=pl.lit("no text left after cleaning"), payload=pl.col("title")
    )
    return firsts.collect(), repeats.collect(), empty_rejects


def compare_with_stored(
    candidates: pl.DataFrame, db_path: str, in_flight: pl.DataFrame | None = None, reprocess: bool = False
) -> tuple[pl.DataFrame, dict[str, int]]:
    """Candidates that need loading (new or changed), and counts of new / updated / unchanged.

    `in_flight` (`article_id`, `content_hash`): versions on their way to the database (batches
    being processed elsewhere), compared with as if stored. `reprocess`: an article stored with
    the same content loads again (counted as updated), to rebuild its rows with this version's
    rules; one repeated within the run, or stored under another id, still does not.
    """
    ids, hashes = candidates["article_id"].to_list(), candidates["content_hash"].to_list()
    index = warehouse.stored_index(db_path)
    if index is not None:  # only those the run's index may hold: usually none, and no query at all
        ids, hashes = index.possibly_stored(ids, hashes)
    with warehouse.db_connection(db_path, ensure=True) as con:
        stored = (
            warehouse.stored_versions(con, ids, hashes)
            if ids or hashes or index is None
            else pl.DataFrame(schema={"article_id": pl.String, "content_hash": pl.String})
        )
    flying = in_flight.select(stored.columns) if in_flight is not None and in_flight.height else stored.clear()
    stored = pl.concat([stored, flying])
    same = candidates.join(flying if reprocess else stored, on=["article_id", "content_hash"], how="semi")
    # (the same content under another id: a copy, whether reprocessing or not)
    dup_content = (
        candidates.join(stored.rename({"article_id": "stored_id"}), on="content_hash")
        .filter(pl.col("stored_id") != pl.col("article_id"))
        .select(candidates.columns)
    )
    changed = candidates.join(stored.select("article_id"), on="article_id", how="semi")
    unchanged = pl.concat([same, dup_content]).unique("article_id")
    to_load = candidates.join(unchanged.select("article_id"), on="article_id", how="anti")
    updated = to_load.join(changed.select("article_id"), on="article_id", how="semi").height
    return to_load, {"new": to_load.height - updated, "updated": updated, "unchanged": unchanged.height}


def find_near_duplicates(articles: pl.DataFrame, db_path: str, in_flight: pl.DataFrame | None = None) -> pl.DataFrame:
    """`articles` with `duplicate_of` (the earliest near-duplicate, stored or earlier in the batch)
    and `signature` (its MinHash, stored beside it for later batches).

    `in_flight` (`article_id`, `signature`, `duplicate_of`): articles of earlier batches not loaded
    yet, compared with as if stored (originals only, as `candidate_signatures` returns).
    """
    sigs = minhash_signatures(articles)
    keys = band_keys(sigs)["band_key"].unique()
    index = warehouse.stored_index(db_path)
    if index is not None:  # a binary search in the run's index of stored originals, not a scan
        stored = index.candidates(keys.to_numpy(), articles["article_id"].to_list())
    else:
        with warehouse.db_connection(db_path) as con:
            stored = warehouse.candidate_signatures(con, keys.to_list(), articles["article_id"].to_list())
    if in_flight is not None and in_flight.height:
        flying = in_flight.filter(
            pl.col("duplicate_of").is_null() & ~pl.col("article_id").is_in(articles["article_id"].implode())
        )
        # sorted as the stored candidates are, so the earliest of several matches is the one a serial run picks
        stored = pl.concat([stored, flying.select(stored.columns)]).unique("article_id", keep="last").sort("article_id")
    dups = near_duplicates(articles, stored=stored, signatures=sigs)
    return articles.join(dups, on="article_id", how="left", maintain_order="left").join(
        sigs, on="article_id", how="left", maintain_order="left"
    )


# The transform steps, as the flow's tasks (their bodies are plain functions in `flows.transform_steps`).
split_sentences = task(name="sentences", cache_policy=NONE)(steps.split_sentences)
find_entities = task(name="entities", cache_policy=NONE)(steps.find_entities)
find_quotes = task(name="quotes", cache_policy=NONE)(steps.find_quotes)


def _row_payload(df: pl.DataFrame) -> pl.Series:
    return pl.Series(
        [json.dumps(r, default=str, ensure_ascii=False) for r in df.drop("reason").to_dicts()], dtype=pl.String
    )


def validate(tables: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """Each table checked against its model (and offsets against the body).

    Returns (valid tables, rejects without run columns). An article that fails takes its
    sentences, quotes and mentions with it, each with a reject row saying why.
    """
    valid: dict[str, pl.DataFrame] = {}
    bad: list[pl.DataFrame] = []
    # keep each table to its model's columns (the models are strict); a missing column fails the rows
    tables = {t: df.select([c for c in MODELS[t].to_schema().columns if c in df.columns]) for t, df in tables.items()}

    def reject(table: str, rows: pl.DataFrame) -> None:
        if rows.height:
            src = rows["source"] if "source" in rows.columns else ("table " + table + " article " + rows["article_id"])
            bad.append(
                pl.DataFrame(
                    {
                        "source": src,
                        "stage": f"validate:{table}",
                        "reason": rows["reason"],
                        "payload": _row_payload(rows),
                    }
                )
            )

    ok, failed = split_valid(MODELS["articles"], tables["articles"])
    reject("articles", failed)
    valid["articles"] = ok
    for table in ("sentences", "quotes", "mentions"):
        df = tables[table]
        orphans = df.join(ok.select("article_id"), on="article_id", how="anti")
        reject(table, orphans.with_columns(reason=pl.lit("its article was rejected")))
        df = df.join(ok.select("article_id"), on="article_id", how="semi")
        checked = offset_check(df.lazy(), ok.lazy()).collect()
        reject(
            table,
            checked.filter(~pl.col("offsets_ok"))
            .drop("offsets_ok")
            .with_columns(reason=pl.lit("body[start_char:end_char] != text")),
        )
        good, failed = split_valid(MODELS[table], checked.filter(pl.col("offsets_ok")).drop("offsets_ok"))
        reject(table, failed)
        valid[table] = good
    ents, failed = split_valid(MODELS["entities"], tables["entities"])
    reject("entities", failed.with_columns(pl.col("entity_id").alias("article_id")))
    valid["entities"] = ents
    # a mention whose entity failed cannot point at it
    lost = valid["mentions"].join(ents.select("entity_id"), on="entity_id", how="anti")
    reject("mentions", lost.with_columns(reason=pl.lit("its entity was rejected")))
    valid["mentions"] = valid["mentions"].join(ents.select("entity_id"), on="entity_id", how="semi")
    schema = {"source": pl.String, "stage": pl.String, "reason": pl.String, "payload": pl.String}
    return valid, pl.concat(bad) if bad else pl.DataFrame(schema=schema)


@task(name="load", cache_policy=NONE, retries=3, retry_delay_seconds=[1, 5, 15])
def load(db_path: str, tables: dict[str, pl.DataFrame]) -> None:
    """One transaction: the batch's articles with all their rows, entities and rejects."""
    index = warehouse.stored_index(db_path)
    maybe_stored = None
    if index is not None and "articles" in tables:  # usually none: no look-up of what to replace
        maybe_stored = index.possibly_stored(tables["articles"]["article_id"].to_list(), [])[0]
    with warehouse.db_connection(db_path) as con:
        warehouse.load_batch(con, tables, maybe_stored)
    warehouse.index_loaded(db_path, tables)
    warehouse.after_load(db_path, tables["articles"].height if "articles" in tables else 0)


@task(name="record run", cache_policy=NONE, retries=3, retry_delay_seconds=[1, 5, 15])
def record_run(db_path: str, run: dict) -> None:
    """Insert or update this run's row in `runs`.

    At a run's start (status 'running', writer lock held) runs still marked 'running' were
    killed: they are marked failed first.
    """
    with warehouse.connection(db_path) as con:
        warehouse.ensure_schema(con)
        if run["status"] == "running" and (n := warehouse.fail_interrupted_runs(con)):
            get_run_logger().warning("%d earlier run(s) had been interrupted: marked failed", n)
        warehouse.upsert_run(con, run)
