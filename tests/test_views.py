"""The analysts' views, on a small hand-made newsroom loaded with `warehouse.load_batch`.

`build_newsroom` is shared with the export, report and CLI tests: four articles from two sites and
a wire file, with quotes (resolved, unresolved, pronoun-only) and entity mentions, so every count
below can be checked by reading the bodies.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import warehouse
from schemas import MODELS, polars_schema

ROOT = Path(__file__).resolve().parents[1]
UTC = UTC

ENTITIES = {
    # entity_id: (name, label)
    "e-lee": ("Ann Lee", "PERSON"),
    "e-park": ("Tom Park", "PERSON"),
    "e-leeds": ("Leeds", "GPE"),
    "e-york": ("York", "GPE"),
    "e-board": ("Transit Board", "ORG"),
}

# Each article: its fields, then quotes as (quoted words, speaker as written, cue, entity id or None),
# then mentions as (text as written, entity id). Offsets are found in the body.
ARTICLES: list[dict[str, Any]] = [
    dict(
        article_id="a1",
        run_id="r1",
        source="https://www.metro-times.example/news/tram",
        url="https://www.metro-times.example/news/tram",
        title="Council backs new tram line",
        published_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        ingested_at=datetime(2026, 3, 3, 10, 0, tzinfo=UTC),
        body='Ann Lee welcomed the vote in Leeds. "We will win," Ann Lee said. "This is a good day for the city," '
        "she said. "
        "The Transit Board said the line would open in 2028.",
        quotes=[
            ("We will win,", "Ann Lee", "said", "e-lee"),
            ("This is a good day for the city,", "she", "said", "e-lee"),
        ],
        mentions=[("Ann Lee", "e-lee"), ("Leeds", "e-leeds"), ("Ann Lee", "e-lee"), ("Transit Board", "e-board")],
    ),
    dict(
        article_id="a2",
        run_id="r1",
        source="https://www.metro-times.example/news/budget",
        url="https://www.metro-times.example/news/budget",
        title="Tram budget row",
        published_at=datetime(2026, 3, 3, 8, 0, tzinfo=UTC),
        ingested_at=datetime(2026, 3, 3, 10, 0, tzinfo=UTC),
        body='"The budget is tight," Lee told reporters. Ann Lee met Tom Park in Leeds on Tuesday. '
        '"We disagree on the route," Tom Park said.',
        quotes=[
            ("The budget is tight,", "Lee", "told", "e-lee"),
            ("We disagree on the route,", "Tom Park", "said", "e-park"),
        ],
        mentions=[
            ("Lee", "e-lee"),
            ("Ann Lee", "e-lee"),
            ("Tom Park", "e-park"),
            ("Leeds", "e-leeds"),
            ("Tom Park", "e-park"),
        ],
    ),
    dict(
        article_id="a3",
        run_id="r2",
        source="https://valley-gazette.example/2026/03/03/route",
        url="https://valley-gazette.example/2026/03/03/route?utm_source=feed",
        title="Route still open, says Park",
        published_at=datetime(2026, 3, 3, 15, 30, tzinfo=UTC),
        ingested_at=datetime(2026, 3, 4, 7, 0, tzinfo=UTC),
        body='"Nothing is settled," said Tom Park. Park and Ann Lee spoke in York. "We will see," he said.',
        quotes=[("Nothing is settled,", "Tom Park", "said", "e-park"), ("We will see,", "he", "said", None)],
        mentions=[("Tom Park", "e-park"), ("Park", "e-park"), ("Ann Lee", "e-lee"), ("York", "e-york")],
    ),
    dict(
        article_id="a4",
        run_id="r2",
        source="/data/feeds/wire.jsonl:3",
        url=None,
        title="Weekend weather",
        published_at=None,
        ingested_at=datetime(2026, 3, 4, 7, 0, tzinfo=UTC),
        body='Rain is expected in York. "Bring an umbrella," a forecaster said.',
        quotes=[("Bring an umbrella,", "a forecaster", "said", None)],
        mentions=[("York", "e-york")],
    ),
]

RUNS = [
    dict(
        run_id="r1",
        started_at=datetime(2026, 3, 3, 9, 55, tzinfo=UTC),
        finished_at=datetime(2026, 3, 3, 10, 5, tzinfo=UTC),
    ),
    dict(
        run_id="r2",
        started_at=datetime(2026, 3, 4, 6, 55, tzinfo=UTC),
        finished_at=datetime(2026, 3, 4, 7, 5, tzinfo=UTC),
    ),
]


def _find_spans(body: str, texts: list[str]) -> list[tuple[int, int]]:
    """Offsets of each text in order of appearance (each search starts where the previous match ended)."""
    spans, pos = [], 0
    for t in texts:
        start = body.index(t, pos)
        spans.append((start, start + len(t)))
        pos = start + len(t)
    return spans


def _sentences(aid: str, body: str) -> list[dict]:
    """Sentences end at . ! ? followed by a space and a capital or an opening quote mark."""
    bounds = [0] + [m.end() for m in re.finditer(r"(?<=[.!?]) (?=[\"A-Z])", body)] + [len(body) + 1]
    return [
        {
            "article_id": aid,
            "sentence_id": i,
            "paragraph_id": 0,
            "section": None,
            "is_heading": False,
            "start_char": start,
            "end_char": end - 1,
            "text": body[start : end - 1],
        }
        for i, (start, end) in enumerate(itertools.pairwise(bounds))
    ]


def newsroom_tables() -> list[dict[str, pl.DataFrame]]:
    """One batch per run (r1, r2) of validated tables, as the flow would load them."""
    batches: list[dict[str, pl.DataFrame]] = []
    for run_id in ("r1", "r2"):
        arts, sents, quotes, mentions = [], [], [], []
        for a in (a for a in ARTICLES if a["run_id"] == run_id):
            body, aid = a["body"], a["article_id"]
            ss = _sentences(aid, body)

            def sid(start: int, ss: list[dict] = ss) -> int:
                return next(s["sentence_id"] for s in ss if s["start_char"] <= start < s["end_char"])

            sents += ss
            arts.append(
                {k: a.get(k) for k in MODELS["articles"].to_schema().columns}
                | {
                    "external_id": None,
                    "canonical_url": a["url"].split("?")[0] if a["url"] else None,
                    "author": None,
                    "language": "en",
                    "content_hash": (aid * 64)[:64],
                    "duplicate_of": None,
                    "n_sentences": len(ss),
                    "n_words": len(body.split()),
                }
            )
            for (qs, qe), (text, speaker, cue, eid) in zip(
                _find_spans(body, [q[0] for q in a["quotes"]]), a["quotes"], strict=True
            ):
                ss_, se_ = _find_spans(body[qe:], [speaker])[0]
                quotes.append(
                    {
                        "quote_id": f"{aid}-q{qs}",
                        "article_id": aid,
                        "sentence_id": sid(qs),
                        "start_char": qs,
                        "end_char": qe,
                        "text": text,
                        "kind": "direct",
                        "speaker": speaker,
                        "speaker_start": qe + ss_,
                        "speaker_end": qe + se_,
                        "cue": cue,
                        "speaker_entity_id": eid,
                        "speaker_name": ENTITIES[eid][0] if eid else None,
                    }
                )
            for (ms, me), (text, eid) in zip(
                _find_spans(body, [m[0] for m in a["mentions"]]), a["mentions"], strict=True
            ):
                mentions.append(
                    {
                        "article_id": aid,
                        "sentence_id": sid(ms),
                        "start_char": ms,
                        "end_char": me,
                        "text": text,
                        "label": ENTITIES[eid][1],
                        "entity_id": eid,
                        "title": None,
                    }
                )
        frames = {
            "articles": arts,
            "sentences": sents,
            "quotes": quotes,
            "mentions": mentions,
            "entities": [
                {"entity_id": k, "name": n, "label": lab, "country_code": None, "lat": None, "lon": None}
                for k, (n, lab) in ENTITIES.items()
            ],
            "rejects": [
                {
                    "reject_id": f"x-{run_id}",
                    "run_id": run_id,
                    "source": "/data/feeds/wire.jsonl:9",
                    "stage": "read",
                    "reason": "malformed JSON",
                    "payload": '{"id": ',
                    "rejected_at": RUNS[0]["finished_at"],
                }
            ]
            if run_id == "r1"
            else [],
        }
        batches.append(
            {t: MODELS[t].validate(pl.DataFrame(rows, schema=polars_schema(MODELS[t]))) for t, rows in frames.items()}
        )
    return batches


def build_newsroom(db_path: Path) -> Path:
    """A database holding the newsroom above, loaded run by run like the flow does."""
    with warehouse.connection(db_path) as con:
        warehouse.ensure_schema(con)
        for run, batch in zip(RUNS, newsroom_tables(), strict=True):
            warehouse.upsert_run(
                con,
                run
                | {
                    "run_name": f"ingest {run['run_id']}",
                    "status": "running",
                    "sources": "seeds/",
                    "seen": 0,
                    "new": 0,
                    "updated": 0,
                    "unchanged": 0,
                    "rejected": 0,
                    "message": None,
                },
            )
            warehouse.load_batch(con, batch)
            warehouse.upsert_run(
                con,
                run
                | {
                    "run_name": f"ingest {run['run_id']}",
                    "status": "completed",
                    "sources": "seeds/",
                    "seen": 2,
                    "new": 2,
                    "updated": 0,
                    "unchanged": 0,
                    "rejected": 0,
                    "message": None,
                },
            )
    return db_path


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory) -> Path:
    return build_newsroom(tmp_path_factory.mktemp("newsroom") / "news.duckdb")


@pytest.fixture
def con(newsroom):
    with warehouse.connection(newsroom, read_only=True) as c:
        yield c


def rows(con, sql: str) -> list[tuple]:
    return con.sql(sql).fetchall()


def test_fixture_offsets_hold_the_contract(con):
    for table in ("sentences", "quotes", "mentions"):
        bad = rows(
            con,
            (
                f"select count(*) from {table} t join articles a using (article_id) where substr(a.body, "
                f"t.start_char + 1, t.end_char - t.start_char) <> t.text"
            ),
        )
        assert bad == [(0,)], table
    assert rows(con, "select count(*) from sentences") == [(4 + 3 + 3 + 2,)]


def test_quote_attributions_carry_speaker_cue_and_article(con):
    got = rows(
        con,
        (
            "select quote, speaker_name, speaker_as_written, cue, title, url, published_at, outlet from "
            "quote_attributions order by article_id, start_char"
        ),
    )
    assert [r[:4] for r in got] == [
        ("We will win,", "Ann Lee", "Ann Lee", "said"),
        ("This is a good day for the city,", "Ann Lee", "she", "said"),  # resolved pronoun takes the entity's name
        ("The budget is tight,", "Ann Lee", "Lee", "told"),
        ("We disagree on the route,", "Tom Park", "Tom Park", "said"),
        ("Nothing is settled,", "Tom Park", "Tom Park", "said"),
        ("We will see,", None, "he", "said"),  # an unresolved pronoun names nobody
        ("Bring an umbrella,", "a forecaster", "a forecaster", "said"),
    ]
    assert got[0][4:6] == ("Council backs new tram line", "https://www.metro-times.example/news/tram")
    assert got[0][6] == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert [r[7] for r in got] == ["metro-times.example"] * 4 + ["valley-gazette.example"] * 2 + ["wire.jsonl"]
    assert rows(con, "select count(*) from quotes") == rows(con, "select count(*) from quote_attributions")


def test_entity_daily_counts_mentions_per_entity_per_day(con):
    got = rows(con, "select name, day::varchar, mentions, articles from entity_daily order by day, name")
    assert got == [
        ("Ann Lee", "2026-03-02", 2, 1),
        ("Leeds", "2026-03-02", 1, 1),
        ("Transit Board", "2026-03-02", 1, 1),
        ("Ann Lee", "2026-03-03", 3, 2),
        ("Leeds", "2026-03-03", 1, 1),
        ("Tom Park", "2026-03-03", 4, 2),
        ("York", "2026-03-03", 1, 1),
        ("York", "2026-03-04", 1, 1),  # a4 has no publication date: its ingest day counts
    ]
    assert rows(con, "select sum(mentions) from entity_daily") == rows(con, "select count(*) from mentions")


def test_cooccurrence_counts_each_pair_once_per_sentence(con):
    got = rows(
        con, "select name_a, name_b, sentences, articles from cooccurrence order by sentences desc, name_a, name_b"
    )
    pairs = {tuple(sorted(r[:2])): r[2:] for r in got}
    assert pairs == {
        ("Ann Lee", "Leeds"): (2, 2),  # a1 sentence 0, a2 sentence 1
        ("Ann Lee", "Tom Park"): (2, 2),  # a2 sentence 1, a3 sentence 1 ("Park and Ann Lee")
        ("Leeds", "Tom Park"): (1, 1),
        ("Ann Lee", "York"): (1, 1),
        ("Tom Park", "York"): (1, 1),
    }
    assert rows(con, "select count(*) from cooccurrence where entity_a >= entity_b") == [(0,)]


def test_top_speakers_ranks_people_and_leaves_pronouns_out(con):
    got = rows(con, "select speaker_name, speaker_entity_id, quotes, articles, outlets from top_speakers")
    assert got == [("Ann Lee", "e-lee", 3, 2, 1), ("Tom Park", "e-park", 2, 2, 2), ("a forecaster", None, 1, 1, 1)]


def sql_blocks(markdown: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```sql\n(.*?)```", markdown, flags=re.S)]


@pytest.fixture(scope="module")
def people_con(newsroom, tmp_path_factory):
    """The newsroom after the people step, with a fifth article that writes only "Park"."""
    from flows.people import refresh_people

    db = tmp_path_factory.mktemp("people") / "news.duckdb"
    shutil.copy(newsroom, db)
    body = "Park rode the new tram on Friday."
    with warehouse.connection(db) as con:
        con.execute(
            "insert into articles select * replace ('a5' as article_id, ? as body, ? as url, ? as source, "
            "repeat('5', 64) as content_hash) from articles where article_id = 'a3'",
            [body, "https://valley-gazette.example/2026/03/05/tram", "https://valley-gazette.example/2026/03/05/tram"],
        )
        con.execute(
            "insert into sentences select * replace ('a5' as article_id, 0 as sentence_id, 0 as start_char, "
            "? as end_char, ? as text) from sentences where article_id = 'a3' and sentence_id = 0",
            [len(body), body],
        )
        con.execute("insert into entities (entity_id, name, label) values ('e-park-bare', 'Park', 'PERSON')")
        con.execute("insert into mentions values ('a5', 0, 0, 4, 'Park', 'PERSON', 'e-park-bare', null)")
    refresh_people(str(db))
    with warehouse.connection(db, read_only=True) as c:
        yield c


def test_the_people_step_resolves_a_bare_surname_and_genders_the_newsroom(people_con):
    assert rows(people_con, "select alias, entity_id, method from aliases") == [("park", "e-park", "only-full-name")]
    assert rows(
        people_con, "select name, gender, gender_evidence from entities where label = 'PERSON' order by name"
    ) == [
        ("Ann Lee", "female", "pronoun"),
        ("Park", None, None),
        ("Tom Park", "male", "given_name"),
    ]
    assert rows(people_con, "select count(*) from canonical_mentions where entity_id = 'e-park'") == [(5,)]
    assert rows(people_con, "select outlet, gender, people, quotes, share_women from source_gender order by all") == [
        ("metro-times.example", "female", 1, 3, 0.5),
        ("metro-times.example", "male", 1, 1, 0.5),
        ("valley-gazette.example", "male", 1, 1, 0.0),
    ]


def test_every_view_has_example_queries_that_run(people_con):
    con = people_con
    doc = (ROOT / "docs" / "queries.md").read_text()
    views = re.findall(r"CREATE OR REPLACE VIEW (\w+)", (ROOT / "warehouse" / "views.sql").read_text())
    assert set(views) == {
        "article_outlets",
        "canonical_mentions",
        "quote_attributions",
        "entity_daily",
        "cooccurrence",
        "top_speakers",
        "source_gender",
    }
    sections = re.split(r"^## ", doc, flags=re.M)
    for view in views:
        section = next((s for s in sections if s.startswith(f"`{view}`")), None)
        assert section is not None, f"docs/queries.md has no '## `{view}`' section"
        blocks = sql_blocks(section)
        assert blocks and any(view in b for b in blocks), view
    for block in sql_blocks(doc):
        result = con.sql(block)
        assert result is not None and len(result.fetchall()) > 0, block


@pytest.mark.slow
def test_a_duckdb_1_4_client_opens_the_file_and_its_views(newsroom, tmp_path):
    """The file is written with storage_compatibility_version v1.4.0; a 1.4 LTS client must read it."""
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv not on PATH: cannot fetch a DuckDB 1.4 client")
    copy = tmp_path / "copy.duckdb"
    shutil.copy(newsroom, copy)
    script = (
        f"import duckdb; c = duckdb.connect(r'{copy}', read_only=True); print(duckdb.__version__); "
        "print(c.sql('select count(*) from quote_attributions').fetchone()[0]); "
        "print(c.sql('select speaker_name from top_speakers limit 1').fetchone()[0])"
    )
    try:
        p = subprocess.run(
            [uv, "run", "--quiet", "--no-project", "--with", "duckdb==1.4.*", "python", "-c", script],
            capture_output=True,
            text=True,
            timeout=180,
            cwd=tmp_path,
            env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"},
        )
    except subprocess.TimeoutExpired:
        pytest.skip("installing duckdb 1.4 with uv took too long (no PyPI?)")
    if p.returncode != 0 and ("No solution" in p.stderr or "Failed to" in p.stderr or "network" in p.stderr.lower()):
        pytest.skip(f"duckdb 1.4 could not be installed: {p.stderr.strip()[-300:]}")
    assert p.returncode == 0, p.stderr
    version, n_quotes, top = p.stdout.split()[:2] + [p.stdout.strip().splitlines()[2]]
    assert version.startswith("1.4.") and n_quotes == "7" and top == "Ann Lee"


@pytest.mark.slow
def test_views_agree_with_the_tables_after_a_real_run(prefect_harness, tmp_path):
    """The flow's own output (not hand-made rows) through every view."""
    from flows.ingest import ingest  # imports Prefect: only this test needs it

    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    feed.write_text(
        "\n".join(
            json.dumps(a)
            for a in [
                {
                    "id": "c1",
                    "url": "https://www.metro-times.example/c1",
                    "title": "Council votes",
                    "published_at": "2026-03-02T09:00:00Z",
                    "body": (
                        'The council in Leeds voted on Monday. "We will win," Mayor Ann Lee said. Ann Lee '
                        "thanked Tom Park in Leeds."
                    ),
                },
                {
                    "id": "c2",
                    "url": "https://valley-gazette.example/c2",
                    "title": "Park replies",
                    "published_at": "2026-03-03T15:00:00Z",
                    "body": '"Nothing is settled," Tom Park said in York. Tom Park and Ann Lee will meet in York.',
                },
            ]
        )
        + "\n"
    )
    db = tmp_path / "news.duckdb"
    assert ingest(sources=[str(feed.parent)], db_path=str(db), ner="rules").status == "completed"
    with warehouse.connection(db, read_only=True) as c:
        assert rows(c, "select count(*) from quote_attributions") == rows(c, "select count(*) from quotes") != [(0,)]
        assert rows(c, "select count(*) from quote_attributions where title is null or outlet is null") == [(0,)]
        assert (
            rows(c, "select sum(mentions) from entity_daily") == rows(c, "select count(*) from mentions") != [(None,)]
        )
        assert rows(c, "select min(day)::varchar, max(day)::varchar from entity_daily") == [
            ("2026-03-02", "2026-03-03")
        ]
        assert set(rows(c, "select distinct outlet from quote_attributions")) <= {
            ("metro-times.example",),
            ("valley-gazette.example",),
        }
        for block in sql_blocks((ROOT / "docs" / "queries.md").read_text()):
            c.sql(block).fetchall()  # every documented query runs on real output too
