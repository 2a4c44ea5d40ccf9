"""The ingest flow end to end on a temporary database, through a Prefect test server."""

import json
import os

import duckdb
import polars as pl
import pytest

from flows.ingest import ingest
from tests.conftest import SEEDS
from transforms.quote_marks import MISPLACED_OPENER
from warehouse.export import export_parquet

pytestmark = pytest.mark.usefixtures("prefect_harness")

SEEDS_BODY = next(SEEDS.glob("*.txt")).read_text()
TABLES = ("articles", "sentences", "quotes", "mentions", "entities", "rejects")


def snapshot(db_path) -> dict[str, list]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        out = {}
        for t in ("articles", "sentences", "quotes", "mentions", "entities"):
            cols = "* EXCLUDE (ingested_at, run_id)" if t == "articles" else "*"
            out[t] = sorted(con.sql(f"select {cols} from {t}").fetchall(), key=repr)
        out["rejects"] = sorted(con.sql("select reject_id, source, stage, reason from rejects").fetchall())
        return out
    finally:
        con.close()


def test_sample_article_loads_with_title_author_and_offsets(seed_dir, db_path):
    summary = ingest(sources=[str(seed_dir)], db_path=str(db_path))
    assert summary.status == "completed" and summary.new == 1 and summary.rejected == 0
    con = duckdb.connect(str(db_path), read_only=True)
    title, author, body, n_sentences = con.sql("select title, author, body, n_sentences from articles").fetchall()[0]
    assert title == "Trump and Putin Set for Crucial Call on Ukraine Ceasefire"
    assert author == "Silke Mayr"
    sents = con.sql("select start_char, end_char, text, is_heading from sentences order by sentence_id").fetchall()
    assert len(sents) == n_sentences > 20
    assert all(body[s:e] == t for s, e, t, _ in sents)
    headings = [t for *_, t_, h in [(s, e, t, h) for s, e, t, h in sents] if h for t in [t_]]
    assert "Trump Confirms Peace Agreement Progress" in headings
    assert not any("View all posts" in t or "seasoned news reporter" in t for _, _, t, _ in sents)
    for table in ("quotes", "mentions"):
        rows = con.sql(
            f"select a.body, t.start_char, t.end_char, t.text from {table} t join articles a using (article_id)"
        ).fetchall()
        assert rows and all(b[s:e] == t for b, s, e, t in rows)
    runs = con.sql("select status, seen, new, rejected from runs").fetchall()
    assert runs == [("completed", 1, 1, 0)]
    # the README's nine quotes in marks, and the reported statements beside them
    marked = con.sql(
        "select speaker_name, cue, kind from quotes where kind <> 'indirect' order by start_char"
    ).fetchall()
    assert marked == [
        ("Donald Trump", "stated", "direct"),
        ("Donald Trump", "said", "direct"),
        ("Volodymyr Zelensky", "said", "direct"),
        ("Emmanuel Macron", "declared", "direct"),
        ("David Lammy", "demanded", "partial"),
        ("David Lammy", "warned", "partial"),
        ("Karoline Leavitt", "emphasized", "partial"),
        ("Donald Trump", "stated", "direct"),
        ("Emmanuel Macron", "emphasizing", "partial"),
    ]
    reported = dict(con.sql("select left(text, 40), speaker_name from quotes where kind = 'indirect'").fetchall())
    assert reported["while progress had been made, a final re"] == "Donald Trump"
    assert reported["without these assurances, the conflict c"] == "Emmanuel Macron and Mark Carney"
    # a partial quote inside a reported statement is part of it: the statement counts once
    assert con.sql(
        "select count(*) from quotes q join quotes s on q.part_of_quote_id = s.quote_id "
        "where q.kind = 'partial' and s.kind = 'indirect'"
    ).fetchall() == [(4,)]
    # people speaking together are named together, a group by its head, not the place after it
    together = dict(con.sql("select speaker, speaker_name from quotes where speaker like '% and %'").fetchall())
    assert together["French President Macron and Canadian Prime Minister Mark Carney"] == (
        "Emmanuel Macron and Mark Carney"
    )
    assert together["Leaders from the United Kingdom and France"] is None


def test_bad_records_go_to_rejects_and_the_rest_loads(seed_dir, db_path):
    (seed_dir / "feed.jsonl").write_text(
        json.dumps(
            {
                "id": "ok-1",
                "title": "Council Votes",
                "body": 'The council voted on Monday. "We did it," Mayor Ann Lee said.',
            }
        )
        + "\n"
        + '{"id": "broken", "title": "Half a line\n'
        + json.dumps({"id": "ok-2", "title": "Rain", "body": "It rained in Paris."})
        + "\n"
        + json.dumps(
            {"id": "ok-3", "title": "Voices", "body": "”We want jobs,” ― Ana Ruiz\n\n“We want homes.” ― Bo Li"}
        )
        + "\n"
    )
    (seed_dir / "empty.txt").write_text("")
    summary = ingest(sources=[str(seed_dir)], db_path=str(db_path))
    assert summary.new == 4 and summary.rejected == 3
    con = duckdb.connect(str(db_path), read_only=True)
    rejects = con.sql("select source, stage, reason, payload from rejects order by source, stage").fetchall()
    assert [(r[1], r[2].split(":")[0]) for r in rejects] == [
        ("read", "empty file"),
        ("read", "malformed JSON"),
        ("quotes", MISPLACED_OPENER),
    ]
    assert rejects[1][0].endswith("feed.jsonl:2") and rejects[1][3].startswith('{"id": "broken"')
    # a quote opened with a closing mark is reported, with its article and paragraph; the rest loads
    assert rejects[2][0].endswith("feed.jsonl:4")
    assert json.loads(rejects[2][3])["text"] == "”We want jobs,” ― Ana Ruiz"
    voices = "select q.text from quotes q join articles a using (article_id) where a.external_id = 'ok-3'"
    assert con.sql(voices).fetchall() == [("We want homes.",)]
    assert con.sql("select count(*) from articles").fetchall()[0][0] == 4


def test_rerun_changes_nothing_and_a_changed_article_replaces_its_rows(seed_dir, db_path):
    jsonl = seed_dir / "wire.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "id": "w1",
                "url": "https://news.example/w1?utm_source=x",
                "title": "Storm",
                "body": "A storm hit Leeds. It was bad.",
            }
        )
        + "\n"
    )
    ingest(sources=[str(seed_dir)], db_path=str(db_path))
    first = snapshot(db_path)
    second_summary = ingest(sources=[str(seed_dir)], db_path=str(db_path))
    assert snapshot(db_path) == first
    assert (second_summary.new, second_summary.unchanged) == (0, 2)

    jsonl.write_text(
        json.dumps(
            {
                "id": "w1",
                "url": "https://news.example/w1",
                "title": "Storm",
                "body": "A storm hit York. Trees fell. Roads closed.",
            }
        )
        + "\n"
    )
    third = ingest(sources=[str(seed_dir)], db_path=str(db_path))
    assert (third.new, third.updated, third.unchanged) == (0, 1, 1)
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.sql("select count(*) from articles").fetchall()[0][0] == 2
    texts = [
        r[0]
        for r in con.sql(
            "select s.text from sentences s join articles a using (article_id) where a.external_id = 'w1' "
            "order by sentence_id"
        ).fetchall()
    ]
    assert texts == ["A storm hit York.", "Trees fell.", "Roads closed."]
    assert con.sql("select count(*) from runs where status = 'completed'").fetchall()[0][0] == 3


def test_reprocess_rebuilds_stored_articles_rows_and_a_plain_rerun_does_not(seed_dir, db_path):
    # an older version's rows (here: its quotes' speakers, blanked) stay until a run reprocesses them
    ingest(sources=[str(seed_dir)], db_path=str(db_path))
    first = snapshot(db_path)
    con = duckdb.connect(str(db_path))
    con.execute("update quotes set speaker_name = null, speaker_entity_id = null")
    con.close()
    plain = ingest(sources=[str(seed_dir)], db_path=str(db_path))
    assert (plain.new, plain.updated, plain.unchanged) == (0, 0, 1)
    assert snapshot(db_path) != first
    again = ingest(sources=[str(seed_dir)], db_path=str(db_path), reprocess=True)
    assert (again.new, again.updated, again.unchanged) == (0, 1, 0)
    assert snapshot(db_path) == first


def test_export_row_counts_equal_the_tables(seed_dir, db_path, tmp_path):
    ingest(sources=[str(seed_dir)], db_path=str(db_path))
    manifest = export_parquet(db_path, tmp_path / "out")
    con = duckdb.connect(str(db_path), read_only=True)
    for table, info in manifest["tables"].items():
        stored = con.sql(f"select count(*) from {table}").fetchall()[0][0]
        assert info["rows"] == stored
        files = list((tmp_path / "out" / table).rglob("*.parquet"))
        read = (
            pl.scan_parquet(files, hive_partitioning=bool(info["partitioned_by"])).select(pl.len()).collect().item()
            if files
            else 0
        )
        assert read == stored, table
    assert (tmp_path / "out" / "articles").glob("year=*/month=*")
    on_disk = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert on_disk["tables"]["sentences"]["columns"][0] == {"name": "article_id", "type": "VARCHAR"}


WIRE = (
    "The central bank raised its main interest rate by a quarter point on Wednesday, its third increase this year, "
    "citing persistent inflation in services and a labour market that has barely cooled. Officials said further moves "
    "would depend on incoming data, and markets trimmed bets on a cut before the summer. Mortgage lenders "
    "were expected "
    "to pass the rise on within days, adding pressure on households already stretched by higher energy bills."
)


def wire_sites(tmp_path):
    """Two folders: site one with the wire story, site two with its copy (id 2) and another story (id 3)."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    (first / "site1.jsonl").write_text(
        json.dumps({"id": "1", "url": "https://site-one.example/rates", "title": "Rates rise", "body": WIRE}) + "\n"
    )
    (second / "site2.jsonl").write_text(
        json.dumps(
            {
                "id": "2",
                "url": "https://site-two.example/bank-rates",
                "title": "Bank lifts rates",
                "body": WIRE + " Reporting by Staff.",
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "3",
                "url": "https://site-two.example/other",
                "title": "Other",
                "body": "A completely different story about a football match in Leeds that ended in a draw.",
            }
        )
        + "\n"
    )
    return first, second


def test_wire_story_on_a_second_site_is_marked_duplicate_across_runs(tmp_path, db_path):
    first, second = wire_sites(tmp_path)
    ingest(sources=[str(first)], db_path=str(db_path))
    ingest(sources=[str(second)], db_path=str(db_path))
    con = duckdb.connect(str(db_path), read_only=True)
    rows = dict(con.sql("select external_id, duplicate_of from articles").fetchall())
    ids = dict(con.sql("select external_id, article_id from articles").fetchall())
    assert rows == {"1": None, "2": ids["1"], "3": None}


def test_a_database_with_hex_band_keys_is_upgraded_and_still_finds_the_duplicate(tmp_path, db_path):
    from transforms.dedupe import lsh_params

    first, second = wire_sites(tmp_path)
    ingest(sources=[str(first)], db_path=str(db_path))
    # rewrite the bands as an older version stored them: "<band>:<hex of the band's values>"
    b, r = lsh_params()
    con = duckdb.connect(str(db_path))
    sigs = con.sql("select article_id, signature from article_signatures").fetchall()
    con.execute("drop table article_bands")
    con.execute("create table article_bands (article_id VARCHAR NOT NULL, band_key VARCHAR NOT NULL)")
    con.executemany(
        "insert into article_bands values (?, ?)",
        [(aid, f"{i}:{sig[i * r * 4 : (i + 1) * r * 4].hex()}") for aid, sig in sigs for i in range(b)],
    )
    con.close()
    ingest(sources=[str(second)], db_path=str(db_path))
    con = duckdb.connect(str(db_path), read_only=True)
    ids = dict(con.sql("select external_id, article_id from articles").fetchall())
    assert dict(con.sql("select external_id, duplicate_of from articles").fetchall()) == {
        "1": None,
        "2": ids["1"],
        "3": None,
    }
    assert con.sql(
        "select data_type from information_schema.columns where table_name = 'article_bands' and column_name "
        "= 'band_key'"
    ).fetchall() == [("BIGINT",)]
    assert con.sql("select count(*) from article_bands").fetchall() == [(3 * b,)]


def test_non_english_articles_keep_their_language_and_skip_english_only_stages(tmp_path, db_path):
    (tmp_path / "fr.jsonl").write_text(
        json.dumps(
            {
                "id": "fr",
                "title": "Le gouvernement annonce un plan",
                "body": (
                    "Le gouvernement a annoncé mardi un nouveau plan pour le logement. « Nous allons construire "
                    "», a déclaré Emmanuel Macron à Paris."
                ),
            }
        )
        + "\n"
    )
    summary = ingest(sources=[str(tmp_path / "fr.jsonl")], db_path=str(db_path))
    assert summary.new == 1
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.sql("select language from articles").fetchall() == [("fr",)]
    assert con.sql("select count(*) from sentences").fetchall()[0][0] == 2
    assert con.sql("select count(*) from mentions").fetchall()[0][0] == 0
    assert con.sql("select count(*) from quotes").fetchall()[0][0] == 0


def test_an_article_over_the_size_limit_is_a_reject_and_the_rest_loads(tmp_path, db_path):
    body = (SEEDS_BODY * 3)[:17_000]
    src = tmp_path / "in"
    src.mkdir()
    (src / "wire.jsonl").write_text(
        json.dumps({"id": "huge", "title": "Too Long", "body": body})
        + "\n"
        + json.dumps({"id": "ok", "title": "Rain", "body": 'It rained in Leeds. "We are wet," said Ann Lee.'})
        + "\n"
    )
    # NUL characters and a name that is not UTF-8 in the same folder
    (src / "nul.jsonl").write_text(
        json.dumps({"id": "nul", "title": "Snow", "body": "It snowed\x00 in York.\x00"}) + "\n"
    )
    fd = os.open(os.fsencode(src) + b"/caf\xe9.txt", os.O_CREAT | os.O_WRONLY)
    os.write(fd, b"Title\n\nBody text.")
    os.close(fd)
    summary = ingest(sources=[str(src)], db_path=str(db_path), ner="rules", max_article_chars=12_000)
    assert summary.status == "completed" and summary.new == 2 and summary.rejected == 2
    con = duckdb.connect(str(db_path), read_only=True)
    rejects = con.sql("select source, stage, reason, payload from rejects order by source").fetchall()
    assert [(s.removeprefix(f"{src}/"), st) for s, st, _, _ in rejects] == [
        ("caf\\xe9.txt", "read"),
        ("wire.jsonl:1", "read"),
    ]
    reason, payload = rejects[1][2], rejects[1][3]
    assert reason == "article too long: 17,000 characters of text, over the limit of 12,000 (--max-article-chars)"
    assert payload == body[:10_000]
    assert sorted(con.sql("select external_id, body from articles").fetchall()) == [
        ("nul", "It snowed in York."),
        ("ok", 'It rained in Leeds. "We are wet," said Ann Lee.'),
    ]
