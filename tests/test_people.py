"""People across the corpus: bare surnames resolved to one person, and gender from the text.

Articles go through the real stages (spaCy entities, quotes and speaker resolution) and the real
load, without a Prefect server; then `refresh_people`, as a run ends. The shapes are those of news
copy: a full name once, then the surname and a pronoun; a doctor named once with a title; three
articles that only say "Kim".
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

import warehouse
from flows.batch import compute_tables
from flows.people import refresh_people
from flows.readers import RawArticle
from flows.stages import clean, find_near_duplicates, raw_frame

SITE = "https://www.metro-times.example/news/"


def article(slug: str, day: int, body: str) -> RawArticle:
    return RawArticle(
        source=SITE + slug,
        body=body,
        url=SITE + slug,
        title=slug.replace("-", " ").capitalize(),
        published_at=datetime(2026, 3, day, 9, 0, tzinfo=UTC),
    )


SMITH = article(
    "council-vote",
    2,
    "Jane Smith, the council leader, opened the debate on Tuesday.\n\n"
    'The plan would cut bus fares across the city. "We cannot wait another year," Smith said. '
    '"The buses are empty," she added.\n\nThe vote is expected next week.',
)
ALEX_KIM = article(
    "clinic-opens",
    3,
    "Dr. Alex Kim opened the new clinic in the north of the city on Monday.\n\n"
    '"This is a good day for patients," he said. The clinic will treat 400 people a week.',
)
BARE_KIMS = [
    article(
        "clinic-waiting-lists",
        10,
        "Waiting lists at the clinic fell by a third in its first week.\n\n"
        '"We are seeing patients faster than we hoped," Kim said on Friday.',
    ),
    article(
        "clinic-staff",
        12,
        'The clinic hired ten more nurses this week.\n\n"The nurses are the heart of this place," Kim told reporters.',
    ),
    article(
        "clinic-funding",
        14,
        "The city promised more money for the clinic.\n\nKim said the money would pay for a second building.",
    ),
]
SCARE_QUOTE = article(
    "fares-row",
    20,
    'Critics called the fare plan "reckless" on Friday. The council meets again next month.',
)
GRACE_KIM = article(
    "budget",
    15,
    'Grace Kim, the finance director, presented the budget on Monday.\n\n"The numbers add up," she said.',
)


def load(db_path: Path, records: list[RawArticle], run_id: str = "r1") -> None:
    """The batch stages as plain functions (no Prefect server), then one load transaction."""
    candidates, _, _ = clean(raw_frame(records))
    with warehouse.connection(db_path) as con:
        warehouse.ensure_schema(con)
    to_load = find_near_duplicates(candidates, str(db_path))
    tables = compute_tables(to_load, run_id, "spacy", 1, as_tasks=False)
    with warehouse.connection(db_path) as con:
        warehouse.load_batch(con, tables)


def rows(db_path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.sql(sql).fetchall()


def person(db_path: Path, name: str) -> tuple:
    found = rows(db_path, f"select entity_id, gender, gender_evidence from entities where name = '{name}'")
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def one_kim(tmp_path_factory, nlp) -> Path:
    """Jane Smith, Dr. Alex Kim, and three articles that say only "Kim"."""
    db = tmp_path_factory.mktemp("one_kim") / "news.duckdb"
    load(db, [SMITH, ALEX_KIM, *BARE_KIMS, SCARE_QUOTE])
    refresh_people(str(db))
    return db


def test_a_surname_and_she_after_a_full_name_make_a_woman_from_the_pronoun(one_kim):
    _, gender, evidence = person(one_kim, "Jane Smith")
    assert (gender, evidence) == ("female", "pronoun")
    said = rows(one_kim, "select speaker_as_written, speaker_name from quote_attributions where title = 'Council vote'")
    assert sorted(said) == [("Smith", "Jane Smith"), ("she", "Jane Smith")]


def test_a_doctor_named_once_then_he_is_a_man_from_the_pronoun(one_kim):
    assert person(one_kim, "Alex Kim")[1:] == ("male", "pronoun")


def test_kim_in_three_articles_resolves_to_the_corpus_only_kim(one_kim):
    alex = person(one_kim, "Alex Kim")[0]
    aliases = rows(one_kim, "select alias, entity_id, method, candidates from aliases")
    assert aliases == [("kim", alex, "only-full-name", 1)] * 3
    # the views follow the canonical id: one speaker, all four articles, and the gender with it
    top = rows(one_kim, "select speaker_name, speaker_entity_id, articles from top_speakers")
    assert ("Alex Kim", alex, 4) in top and not [r for r in top if r[0] == "Kim"]
    assert rows(one_kim, "select distinct speaker_gender from quote_attributions where speaker_as_written = 'Kim'") == [
        ("male",)
    ]
    daily = rows(one_kim, "select name, sum(articles) from entity_daily where label = 'PERSON' group by name")
    assert ("Alex Kim", 4) in daily and not [r for r in daily if r[0] == "Kim"]


def test_source_gender_counts_people_once_across_articles(one_kim):
    got = rows(one_kim, "select gender, people, quotes, share_women from source_gender order by gender")
    # Jane Smith (two quotes in one statement pair) and Alex Kim (his own quote and three as Kim)
    assert [(g, p) for g, p, _, _ in got] == [("female", 1), ("male", 1)]
    assert {g: q for g, _, q, _ in got}["male"] == 4 and got[0][3] == 0.5


def test_a_second_kim_in_a_later_run_leaves_kim_unresolved_and_full_names_keep_their_ids(one_kim, tmp_path):
    db = tmp_path / "two.duckdb"
    db.write_bytes(one_kim.read_bytes())
    ids_before = dict(rows(db, "select name, entity_id from entities where name like '% %'"))
    load(db, [GRACE_KIM], run_id="r2")
    done = refresh_people(str(db))
    # the load kept the new article's evidence: the step reads no article and decides its two names
    assert (done.articles, done.names) == (0, 2)
    assert person(db, "Grace Kim")[1:] == ("female", "pronoun")
    # Alex and Grace Kim are named equally often: "Kim" stays its own entity
    assert rows(db, "select count(*) from aliases") == [(0,)]
    assert [r for r in rows(db, "select speaker_name from top_speakers") if r[0] == "Kim"]
    ids_after = dict(rows(db, "select name, entity_id from entities where name like '% %'"))
    assert {k: ids_after[k] for k in ids_before} == ids_before
    # the budget story is rewritten without her name: the corpus has one Kim again
    rewritten = article("budget", 15, 'The finance director presented the budget on Monday.\n\n"The numbers add up."')
    load(db, [rewritten], run_id="r3")
    with duckdb.connect(str(db), read_only=True) as con:  # the names its old version wrote are pending
        assert sorted(con.sql("select distinct key from people_pending").fetchall()) == [("grace kim",), ("kim",)]
    done = refresh_people(str(db))
    assert (done.articles, done.names) == (0, 2)
    assert rows(db, "select count(*) from people_pending") == [(0,)]
    assert rows(db, "select count(*), min(method) from aliases") == [(3, "only-full-name")]


def test_gender_switched_off_leaves_every_gender_null_and_keeps_the_aliases(one_kim, tmp_path):
    db = tmp_path / "off.duckdb"
    db.write_bytes(one_kim.read_bytes())
    refresh_people(str(db), gender=False)
    assert rows(db, "select count(*) from entities where gender is not null or gender_evidence is not null") == [(0,)]
    assert rows(db, "select count(*) from aliases") == [(3,)]
    # and on again, from the evidence kept: no article is read twice
    assert refresh_people(str(db)).articles == 0
    assert refresh_people(str(db), rebuild=True).articles == 6
    assert person(db, "Alex Kim")[1:] == ("male", "pronoun")


def test_a_rerun_with_nothing_new_reads_nothing_and_changes_nothing(one_kim, tmp_path):
    db = tmp_path / "again.duckdb"
    db.write_bytes(one_kim.read_bytes())
    before = rows(db, "select * from aliases order by all"), rows(db, "select * from entities order by all")
    done = refresh_people(str(db))
    assert (done.articles, done.names) == (0, 0)
    assert (rows(db, "select * from aliases order by all"), rows(db, "select * from entities order by all")) == before


@pytest.mark.parametrize("corpus", ["one_kim", "teams"])
def test_the_evidence_a_load_keeps_is_what_the_step_reads_from_the_stored_articles(corpus, request, tmp_path):
    db = tmp_path / "kept.duckdb"
    db.write_bytes(request.getfixturevalue(corpus).read_bytes())
    every = "select * exclude (ingested_at) from person_scans order by all"
    kept = rows(db, "select * from person_evidence order by all"), rows(db, every)
    aliases = rows(db, "select * from aliases order by all")
    n = len(kept[1])
    assert len(kept[0]) >= 5 and n == rows(db, "select count(*) from articles")[0][0]
    assert refresh_people(str(db), rebuild=True).articles == n
    assert (rows(db, "select * from person_evidence order by all"), rows(db, every)) == kept
    assert rows(db, "select * from aliases order by all") == aliases


def test_evidence_is_kept_per_article_and_dropped_with_it(one_kim, tmp_path):
    db = tmp_path / "gone.duckdb"
    db.write_bytes(one_kim.read_bytes())
    with duckdb.connect(str(db)) as con:
        kept = con.sql("select count(distinct article_id) from person_evidence").fetchall()
        assert kept == [(5,)]
        con.execute("delete from articles where title = 'Clinic waiting lists'")
    refresh_people(str(db))
    assert rows(db, "select count(*) from aliases") == [(2,)]
    assert len(set(rows(db, "select article_id from person_evidence"))) == 4


def test_the_report_shows_named_people_first_and_who_is_quoted_by_gender(one_kim):
    from warehouse.report import report_data

    with duckdb.connect(str(one_kim), read_only=True) as con:
        data = report_data(con)
    latest = [(speaker, quote) for _, speaker, _, quote, _, _ in data["latest"]]
    # the newest rows are unnamed critics' scare-quoted word: they come after every named statement
    named = sum(1 for s, _ in latest if s in ("Alex Kim", "Jane Smith"))
    assert named == 6 and {s for s, _ in latest[named:]} == {"Critics"}
    assert ("Critics", "reckless") in latest[named:]
    assert sorted(data["gender"]) == [("female", 1), ("male", 1)]
    assert data["women_share"] == [("metro-times.example", "women %", datetime(2026, 3, 1).date(), 50)]


def test_the_export_carries_the_aliases_and_the_people_they_name(one_kim, tmp_path):
    from warehouse.export import export_parquet

    manifest = export_parquet(one_kim, tmp_path / "out")
    assert manifest["tables"]["aliases"]["rows"] == 3
    aliases = pl.read_csv(tmp_path / "out" / "csv" / "aliases.csv")
    mentions = pl.read_parquet(tmp_path / "out" / "mentions" / "**" / "*.parquet", hive_partitioning=True)
    entities = pl.read_csv(tmp_path / "out" / "csv" / "entities.csv")
    # following the aliases, every "Kim" mention of the export is Alex Kim, male from his own pronoun
    followed = mentions.filter(pl.col("text") == "Kim").join(
        aliases, left_on=["article_id", "entity_id"], right_on=["article_id", "alias_id"], suffix="_canonical"
    )
    assert followed.height == 3
    assert entities.join(followed.select(entity_id="entity_id_canonical").unique(), on="entity_id").select(
        "name", "gender", "gender_evidence"
    ).rows() == [("Alex Kim", "male", "pronoun")]


def test_a_database_from_before_the_people_step_gets_its_tables_and_columns(tmp_path):
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:  # the entities table as an older newsdesk wrote it
        con.execute(
            "create table entities (entity_id varchar primary key, name varchar not null, label varchar not null, "
            "country_code varchar, lat double, lon double)"
        )
        con.execute("insert into entities values ('e1', 'Ann Lee', 'PERSON', null, null, null)")
    assert refresh_people(str(db)).articles == 0
    assert rows(db, "select name, gender, gender_evidence from entities") == [("Ann Lee", None, None)]
    assert rows(db, "select count(*) from aliases") == [(0,)]


def test_a_person_named_only_by_a_suffix_gives_no_evidence_row():
    from transforms.gender import person_evidence

    mentions = pl.DataFrame(
        {"article_id": ["a", "a"], "entity_id": ["e1", "e2"], "text": ["MP", "Ann Lee"], "label": ["PERSON"] * 2}
    ).with_columns(title=pl.lit(None, pl.String))
    quotes = pl.DataFrame(
        schema={
            "article_id": pl.String,
            "speaker": pl.String,
            "speaker_start": pl.Int64,
            "speaker_entity_id": pl.String,
        }
    )
    entities = pl.DataFrame({"entity_id": ["e1", "e2"], "name": ["MP", "Ann Lee"], "label": ["PERSON"] * 2})
    found = person_evidence(mentions, quotes, entities)
    assert found.select("entity_id", "given", "surname").rows() == [("e2", "ann", "lee")]


LIONS = [
    article(
        "lions-win",
        4,
        'The Lions beat the Tigers 3-1 at home on Saturday.\n\n"We were sharper today," said coach Mark Hill. '
        "The Lions play again next week.",
    ),
    article(
        "lions-lose",
        6,
        "The Lions lost 2-0 away on Wednesday.\n\nIt was the first defeat for the Lions this season, and the "
        "Lions fell to third.",
    ),
]
# "the Smith plan": a person's surname written after "the", attributively, in two articles
SMITH_PLAN = [
    article(
        "smith-plan",
        5,
        "Critics of the Smith plan say fares will rise for the poorest riders.\n\nThe Smith plan goes to a vote "
        "next week.",
    ),
    article(
        "smith-plan-vote",
        8,
        "Councillors will vote on the Smith plan on Thursday.\n\nBus drivers back the Smith plan, their union said.",
    ),
]


@pytest.fixture(scope="module")
def teams(tmp_path_factory, nlp) -> Path:
    """A team the model reads as a person, beside Jane Smith, her plan and the Kims."""
    db = tmp_path_factory.mktemp("teams") / "news.duckdb"
    load(db, [SMITH, ALEX_KIM, *BARE_KIMS, *LIONS, *SMITH_PLAN])
    refresh_people(str(db))
    return db


def test_a_team_the_corpus_writes_after_the_is_an_organisation_not_a_person(teams):
    # the model calls "Lions" a person in both articles; the corpus writes "the Lions" every time
    assert rows(teams, "select distinct label from mentions where text = 'Lions'") == [("PERSON",)]
    org = rows(teams, "select entity_id from entities where name = 'Lions' and label = 'ORG'")
    assert len(org) == 1
    assert rows(teams, "select distinct alias, method, entity_id from aliases where alias = 'lions'") == [
        ("lions", "group-name", org[0][0])
    ]
    assert rows(teams, "select distinct label from canonical_mentions where text = 'Lions'") == [("ORG",)]
    assert rows(teams, "select gender from entities where name = 'Lions' and label = 'PERSON'") == [(None,)]
    # "the Smith plan" is still Jane Smith's: a person's surname written attributively stays a person
    smith = person(teams, "Jane Smith")[0]
    plan = rows(teams, "select distinct method, entity_id from aliases where alias = 'smith'")
    assert plan == [("only-full-name", smith)]
    assert rows(teams, "select sum(after_the) from person_evidence where key = 'smith'") == [(4,)]


def test_names_decided_a_surname_group_at_a_time_give_the_same_tables(teams, tmp_path, monkeypatch):
    from flows import people
    from warehouse.people import surname_groups

    whole = rows(teams, "select * from aliases order by all"), rows(teams, "select * from entities order by all")
    db = tmp_path / "groups.duckdb"
    db.write_bytes(teams.read_bytes())
    with duckdb.connect(str(db), read_only=True) as con:
        names = [k for (k,) in con.sql("select distinct key from person_evidence").fetchall()]
        assert len(surname_groups(con, names, 1)) == len({n.split()[-1] for n in names}) > 3
    monkeypatch.setattr(people, "GROUP_ROWS", 1)  # one surname's rows at a time
    assert refresh_people(str(db), rebuild=True).articles == 9
    assert (rows(db, "select * from aliases order by all"), rows(db, "select * from entities order by all")) == whole


def test_the_names_that_are_no_persons_do_not_depend_on_the_gender_switch():
    from flows.people import _decide
    from warehouse.people import name_labels

    # "the Mack" in two articles, but "he" for Mack in one: a person, with gender inferred or not
    evidence = _evidence(("a1", "m1", "mack", None, 1, 1, 0), ("a2", "m1", "mack", None, 1, 1, 0)).with_columns(
        male_pronouns=pl.Series([1, 0], dtype=pl.Int32), outlet=pl.lit("x"), day=pl.lit(None, pl.Date)
    )
    con = duckdb.connect()
    warehouse.ensure_schema(con)
    con.execute("insert into entities (entity_id, name, label) values ('m1', 'Mack', 'PERSON')")
    labels = name_labels(con, ["mack"])  # (no mentions stored: no other label)
    for gender in (True, False):
        assert _decide(con, evidence, gender, labels).height == 0, gender
    # without the pronoun, both find the group
    plain = evidence.with_columns(male_pronouns=pl.lit(0, pl.Int32))
    assert [_decide(con, plain, g, labels)["method"].to_list() for g in (True, False)] == [["group-name"] * 2] * 2


def test_evidence_kept_before_after_the_was_counted_is_read_again(teams, tmp_path):
    db = tmp_path / "older.duckdb"
    db.write_bytes(teams.read_bytes())
    before = rows(db, "select * from aliases order by all")
    with duckdb.connect(str(db)) as con:
        con.execute("update person_evidence set after_the = null")
    assert refresh_people(str(db)).articles == 9
    assert rows(db, "select count(*) from person_evidence where after_the is null") == [(0,)]
    assert rows(db, "select * from aliases order by all") == before


def _evidence(*rows_: tuple) -> pl.DataFrame:
    """person_evidence rows: (article, entity, key, given, after_the, mentions, male_titles)."""
    from transforms.gender import EVIDENCE_SCHEMA

    frame = pl.DataFrame(
        rows_,
        schema=["article_id", "entity_id", "key", "given", "after_the", "mentions", "male_titles"],
        orient="row",
    ).with_columns(
        surname=pl.col("key").str.split(" ").list.last(),
        n_words=pl.col("key").str.split(" ").list.len(),
        female_pronouns=0,
        male_pronouns=0,
        female_titles=0,
        given_written=True,
    )
    return frame.select([pl.col(c).cast(t) for c, t in EVIDENCE_SCHEMA.items()])


def test_group_names_need_two_articles_half_the_mentions_and_no_person_sign():
    from transforms.identity import group_names

    known = pl.DataFrame({"key": ["jane", "carolina"]})
    evidence = _evidence(
        ("a1", "g1", "gunners", None, 2, 2, 0),  # "the Gunners" in two articles
        ("a2", "g1", "gunners", None, 1, 2, 0),
        ("a1", "r1", "rovers", None, 1, 1, 0),  # once only
        ("a3", "o1", "obama", None, 1, 4, 0),  # "the Obama administration", among "Obama said"
        ("a4", "o1", "obama", None, 1, 5, 0),
        ("a3", "m1", "mack", None, 1, 1, 0),  # "the Mack" twice, but "Mr Mack" once
        ("a4", "m1", "mack", None, 1, 1, 0),
        ("a5", "m1", "mack", None, 0, 1, 1),
        ("a5", "s1", "smith", None, 1, 1, 0),  # "the Smith plan": Jane Smith's surname
        ("a6", "s1", "smith", None, 1, 1, 0),
        ("a7", "j1", "jane smith", "jane", 0, 2, 0),
        ("a7", "h1", "carolina hurricanes", "carolina", 2, 2, 0),  # a team named like a person
        ("a8", "h1", "carolina hurricanes", "carolina", 1, 1, 0),
        ("a8", "h2", "hurricanes", None, 1, 1, 0),  # ... whose last word protects no one
        ("a9", "h2", "hurricanes", None, 1, 1, 0),
    )
    assert group_names(evidence, known)["key"].to_list() == ["carolina hurricanes", "gunners", "hurricanes"]


def test_gazetteer_names_are_places_or_religions_with_no_sign_of_a_person():
    from flows.people import _gazetteer
    from transforms.gazetteer import places
    from transforms.identity import gazetteer_names

    known = pl.DataFrame({"key": ["tony", "elizabeth", "yusuf"]})
    evidence = _evidence(
        ("a1", "p1", "wigan", None, 0, 2, 0),  # the model's "Wigan" (the club) in two articles
        ("a2", "p1", "wigan", None, 0, 1, 0),
        ("a1", "p2", "exeter", None, 0, 1, 0),  # once only
        ("a3", "p3", "blackburn", None, 0, 1, 0),  # Tony Blackburn's surname
        ("a4", "p3", "blackburn", None, 0, 1, 0),
        ("a5", "p4", "tony blackburn", "tony", 0, 1, 0),
        ("a3", "p5", "elizabeth", None, 0, 1, 0),  # a given name: a person
        ("a4", "p5", "elizabeth", None, 0, 1, 0),
        ("a3", "p6", "chester", None, 0, 1, 0),  # "Mr Chester" once
        ("a4", "p6", "chester", None, 0, 1, 1),
        ("a3", "p7", "quigley", None, 0, 1, 0),  # no place at all
        ("a4", "p7", "quigley", None, 0, 1, 0),
        ("a5", "r1", "islam", None, 0, 3, 0),  # the model's "Islam", a religion ...
        ("a6", "r1", "islam", None, 0, 1, 0),
        ("a7", "r2", "yusuf islam", "yusuf", 0, 1, 0),  # ... though a singer's surname
        ("a7", "r3", "christians", None, 0, 1, 0),  # "Mr Christians", twice
        ("a8", "r3", "christians", None, 0, 1, 1),
    )
    assert places().filter(pl.col("key").is_in(["wigan", "blackburn", "elizabeth", "chester"])).height == 4
    found = gazetteer_names(evidence, known, _gazetteer())
    assert found.rows() == [("islam", "religion-or-nationality", "NORP"), ("wigan", "place-name", "GPE")]
