"""The people step's reads and writes: articles not read yet, the evidence kept per article, aliases
and the entities' gender. The computations are in `transforms/` and reach here as frames.

A load keeps the evidence of its articles (`warehouse.db.load_batch`) and lists their names in
`people_pending`; the step reads only articles no load kept evidence for (`person_scans`) and then
decides aliases and gender from the evidence of the names pending, never the rest of the corpus.
"""

from __future__ import annotations

import duckdb
import polars as pl

from .db import _insert, registered

# The outlet of an article, as the quote_attributions view gives it (the URL's host, else the
# input file's name), and its publication day.
_CONTEXT = """
    SELECT a.article_id, a.ingested_at, o.outlet, CAST(a.published_at AS DATE) AS day
    FROM articles AS a JOIN article_outlets AS o USING (article_id)
"""


def pending_articles(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Articles the people step has not read in their stored version: `article_id`, `ingested_at`,
    `outlet`, `day`, in article order (about 80 bytes an article)."""
    return con.sql(
        f"SELECT c.* FROM ({_CONTEXT}) AS c ANTI JOIN person_scans AS s "
        "ON s.article_id = c.article_id AND s.ingested_at = c.ingested_at ORDER BY c.article_id"
    ).pl()


def people_inputs(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> dict[str, pl.DataFrame]:
    """The rows of `article_ids` that `transforms.gender.person_evidence` reads: `mentions`, `quotes`,
    `entities` (those the mentions name) and `sentences` (`article_id`, `sentence_id`, `start_char`,
    `text`)."""
    with registered(con, "_ids", pl.DataFrame({"article_id": article_ids}, schema={"article_id": pl.String})):
        mentions = con.sql(
            "SELECT article_id, entity_id, text, label, title, sentence_id, start_char FROM mentions "
            "WHERE article_id IN (SELECT article_id FROM _ids)"
        ).pl()
        quotes = con.sql(
            "SELECT article_id, speaker, speaker_start, speaker_entity_id FROM quotes "
            "WHERE article_id IN (SELECT article_id FROM _ids) AND speaker_entity_id IS NOT NULL"
        ).pl()
        sentences = con.sql(
            "SELECT article_id, sentence_id, start_char, text FROM sentences "
            "WHERE article_id IN (SELECT article_id FROM _ids)"
        ).pl()
    with registered(con, "_ents", mentions.select("entity_id").unique()):
        entities = con.sql(
            "SELECT entity_id, name, label FROM entities WHERE entity_id IN (SELECT entity_id FROM _ents)"
        ).pl()
    return {"mentions": mentions, "quotes": quotes, "entities": entities, "sentences": sentences}


def save_evidence(con: duckdb.DuckDBPyConnection, scanned: pl.DataFrame, evidence: pl.DataFrame) -> list[str]:
    """Replace the evidence of the `scanned` articles (`article_id`, `ingested_at`) with `evidence`,
    drop their aliases and mark them read, in one transaction. Returns the names and surnames their
    earlier version had (a changed article can take a full name out of the corpus)."""
    con.execute("BEGIN TRANSACTION")
    try:
        with registered(con, "_scanned", scanned.select("article_id")):
            before = _drop_articles(con, "article_id IN (SELECT article_id FROM _scanned)")
        _insert(con, "person_evidence", evidence)
        _insert(con, "person_scans", scanned.select("article_id", "ingested_at"))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return before


def _drop_articles(con: duckdb.DuckDBPyConnection, where: str) -> list[str]:
    """Delete the people rows of the articles `where` selects; the names and surnames they had."""
    names = con.sql(
        f"SELECT key FROM person_evidence WHERE {where} UNION SELECT surname FROM person_evidence WHERE {where}"
    ).fetchall()
    for table in ("person_evidence", "person_scans", "aliases"):
        con.execute(f"DELETE FROM {table} WHERE {where}")
    return [k for (k,) in names]


def forget_removed(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Drop the evidence, scans and aliases of articles no longer stored; the names they touched."""
    return _drop_articles(con, "article_id NOT IN (SELECT article_id FROM articles)")


def pending_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The names loads have touched since the step last ran (`people_pending`)."""
    return [k for (k,) in con.sql("SELECT DISTINCT key FROM people_pending").fetchall()]


def clear_pending(con: duckdb.DuckDBPyConnection) -> None:
    """Empty `people_pending`: every name in it is decided."""
    con.execute("DELETE FROM people_pending")


def surname_groups(con: duckdb.DuckDBPyConnection, names: list[str], max_rows: int) -> list[list[str]]:
    """The surnames whose evidence decides `names` (lower case: the names themselves, or the
    surnames of the full names among them), in lists of about `max_rows` evidence rows at most (a
    surname with more rows is a list of its own), so that the step holds one list's rows at a time.
    A name no evidence row has any more is in no list."""
    with registered(con, "_names", pl.DataFrame({"k": names}, schema={"k": pl.String})):
        sizes = con.sql(
            "SELECT surname, count(*) AS n FROM person_evidence WHERE surname IN ("
            "SELECT k FROM _names UNION SELECT surname FROM person_evidence WHERE key IN (SELECT k FROM _names)"
            ") GROUP BY surname ORDER BY surname"
        ).pl()
    groups: list[list[str]] = []
    rows = max_rows
    for surname, n in sizes.iter_rows():
        if rows + n > max_rows:
            groups.append([])
            rows = 0
        groups[-1].append(surname)
        rows += n
    return groups


def evidence_of_surnames(con: duckdb.DuckDBPyConnection, surnames: list[str]) -> pl.DataFrame:
    """Every evidence row of a person whose surname is one of `surnames` (a bare name's surname is
    itself): all the corpus says of those names, full and bare."""
    with registered(con, "_names", pl.DataFrame({"k": surnames}, schema={"k": pl.String})):
        return con.sql("SELECT * FROM person_evidence WHERE surname IN (SELECT k FROM _names)").pl()


def entity_names(con: duckdb.DuckDBPyConnection, entity_ids: list[str]) -> pl.DataFrame:
    """`entity_id`, `name` of the stored entities among `entity_ids`."""
    with registered(con, "_ids", pl.DataFrame({"k": entity_ids}, schema={"k": pl.String})):
        return con.sql("SELECT entity_id, name FROM entities WHERE entity_id IN (SELECT k FROM _ids)").pl()


def add_entities(con: duckdb.DuckDBPyConnection, entities: pl.DataFrame) -> None:
    """Store the `entities` rows not stored yet (the organisations the step finds names to be)."""
    _insert(con, "entities", entities, mode="OR IGNORE")


def evidence_predates_groups(con: duckdb.DuckDBPyConnection) -> bool:
    """True when kept evidence lacks `after_the` (written before the step counted it): the step
    then reads every article again."""
    return bool(con.sql("SELECT count(*) FROM person_evidence WHERE after_the IS NULL").fetchall()[0][0])


def name_labels(con: duckdb.DuckDBPyConnection, surnames: list[str]) -> pl.DataFrame:
    """How the corpus labels each name of the persons whose surname is one of `surnames` (lower
    case, as entities are keyed): `key`, `entity_id`, `label`, `articles` (how many articles link a
    mention to that entity). One scan of `mentions` for all of them: per list of surnames, the
    step's scans grew with the square of the corpus."""
    with registered(con, "_surnames", pl.DataFrame({"k": surnames}, schema={"k": pl.String})):
        return con.sql(
            """
            WITH e AS (
                SELECT entity_id, label, lower(replace(name, '.', '')) AS key FROM entities
                WHERE lower(replace(name, '.', '')) IN (
                    SELECT key FROM person_evidence WHERE surname IN (SELECT k FROM _surnames)
                )
            )
            SELECT e.key, e.entity_id, e.label, count(DISTINCT m.article_id) AS articles
            FROM e JOIN mentions AS m USING (entity_id)
            GROUP BY ALL ORDER BY e.key, e.entity_id
            """
        ).pl()


def save_aliases(con: duckdb.DuckDBPyConnection, names: list[str], aliases: pl.DataFrame) -> None:
    """Replace the aliases of `names` (the `alias` column) with `aliases`, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        with registered(con, "_names", pl.DataFrame({"k": names}, schema={"k": pl.String})):
            con.execute("DELETE FROM aliases WHERE alias IN (SELECT k FROM _names)")
        _insert(con, "aliases", aliases)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def aliases_of(con: duckdb.DuckDBPyConnection, names: list[str]) -> pl.DataFrame:
    """The stored aliases whose `alias` is one of `names`."""
    with registered(con, "_names", pl.DataFrame({"k": names}, schema={"k": pl.String})):
        return con.sql("SELECT * FROM aliases WHERE alias IN (SELECT k FROM _names)").pl()


def set_gender(con: duckdb.DuckDBPyConnection, genders: pl.DataFrame) -> int:
    """Write `gender` and `gender_evidence` of the entities in `genders` (`entity_id`, `gender`,
    `gender_evidence`; nulls clear them). Returns how many rows it wrote."""
    if genders.height == 0:
        return 0
    with registered(con, "_genders", genders.select("entity_id", "gender", "gender_evidence")):
        con.execute(
            "UPDATE entities SET gender = g.gender, gender_evidence = g.gender_evidence FROM _genders AS g "
            "WHERE entities.entity_id = g.entity_id"
        )
    return genders.height


def clear_gender(con: duckdb.DuckDBPyConnection) -> None:
    """Null every entity's gender (the step switched off)."""
    con.execute("UPDATE entities SET gender = NULL, gender_evidence = NULL WHERE gender IS NOT NULL")


def forget_people(con: duckdb.DuckDBPyConnection) -> None:
    """Empty the people tables, so the next step reads every article again."""
    for table in ("person_evidence", "person_scans", "aliases", "people_pending"):
        con.execute(f"DELETE FROM {table}")
