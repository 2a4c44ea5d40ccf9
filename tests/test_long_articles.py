"""Long articles: the checks and stages whose cost grew with the square of an article's length.

Each test feeds a real long article (BBC bodies from the shared corpus laid end to end, or the
sample article repeated) and checks the rows are what the short-article code paths give.
"""

import json

import polars as pl
import pytest

from flows.readers import RawArticle
from flows.stages import clean, find_entities, find_quotes, quote_windows, raw_frame, split_sentences
from tests.conftest import SEEDS, benchmark_file
from transforms.checks import offset_check
from transforms.ids import stable_id
from transforms.quotes import quotes as quotes_of


def seed_body() -> str:
    return next(SEEDS.glob("*.txt")).read_text().split("\n", 1)[1]


def staged(body: str, title: str = "Long read") -> pl.DataFrame:
    firsts, _, _ = clean(raw_frame([RawArticle(source="long.jsonl", body=body, title=title)]))
    return firsts


def test_offset_check_matches_python_slicing_on_a_real_body():
    body = seed_body()
    arts = pl.DataFrame({"article_id": ["a", "gone"], "body": [body, None]})
    rows: list[tuple[str, int | None, int, str]] = []
    for s in range(0, len(body), 97):
        for e in (s, s + 5, s + 300, len(body) + 4):
            rows.append(("a", s, e, body[s:e]))  # right
            rows.append(("a", s, e, body[s:e] + "x"))  # text too long
            rows.append(("a", s + 1, e, body[s:e]))  # offsets shifted
    rows += [
        ("a", -1, 3, body[:3]),
        ("a", 5, 2, ""),
        ("gone", 0, 0, ""),
        ("nowhere", 0, 1, body[:1]),
        ("a", None, 3, body[:3]),
    ]
    df = pl.DataFrame(
        rows,
        schema={"article_id": pl.String, "start_char": pl.Int64, "end_char": pl.Int64, "text": pl.String},
        orient="row",
    )
    got = offset_check(df.lazy(), arts.lazy()).collect()
    expected = [aid == "a" and s is not None and 0 <= s <= e and body[s:e] == t for aid, s, e, t in rows]
    assert got.drop("offsets_ok").equals(df)  # same rows, same order
    assert got["offsets_ok"].to_list() == expected
    assert 0 < sum(expected) < len(rows)


@pytest.fixture(scope="module")
def long_article():
    """About 400,000 characters of BBC news text as one article: 200 bodies, blank lines between."""
    path = benchmark_file("corpora", "news_text.jsonl")
    bodies = [json.loads(line)["body"] for line in path.read_text().splitlines()[:200]]
    return staged("\n\n".join(bodies))


def test_long_article_quotes_come_window_by_window_with_body_offsets(long_article):
    paras, sents = split_sentences.fn(long_article)
    mentions, entities = find_entities.fn(long_article, paras, sents, "rules")
    bodies, w_sents, w_mentions, windows = quote_windows(long_article.select("article_id", "body"), sents, mentions)
    assert windows.height >= 4  # the article was cut
    assert w_sents.height == sents.height and w_mentions.height == mentions.height
    # every window's sentences read the same in the window's body as in the article's
    check = offset_check(w_sents.lazy(), bodies.lazy()).collect()
    assert check["offsets_ok"].all()

    found, _ = find_quotes.fn(long_article, sents, mentions, entities)
    whole = quotes_of(
        long_article.lazy().select("article_id", "body"), sents.lazy(), mentions.lazy(), entities.lazy()
    ).collect()
    body = long_article["body"][0]
    assert found.height > 100
    assert set(found["article_id"]) == {long_article["article_id"][0]}
    # the quoted words are those of the unwindowed run, at the same body offsets, with their ids;
    # reported statements agree but near a window's edge
    marked = [df.filter(pl.col("kind") != "indirect") for df in (found, whole)]
    assert sorted(zip(marked[0]["start_char"], marked[0]["end_char"], strict=True)) == sorted(
        zip(marked[1]["start_char"], marked[1]["end_char"], strict=True)
    )
    assert found.join(whole, on=["start_char", "end_char"], how="semi").height >= 0.97 * whole.height
    assert all(body[s:e] == t for s, e, t in found.select("start_char", "end_char", "text").iter_rows())
    assert (
        found["quote_id"].to_list()
        == found.select(stable_id("article_id", "start_char", "end_char"))["article_id"].to_list()
    )
    # a statement's parts point at its new id
    parts = found["part_of_quote_id"].drop_nulls()
    assert parts.len() > 0 and parts.is_in(found["quote_id"].implode()).all()
    spoken = found.filter(pl.col("speaker_start").is_not_null())
    assert all(body[s:e] == t for s, e, t in spoken.select("speaker_start", "speaker_end", "speaker").iter_rows())
    # speakers agree but near a window's edge (an antecedent in the window before)
    same = found.join(
        whole, on=["start_char", "end_char", "speaker", "speaker_start"], how="semi", nulls_equal=True
    ).height
    assert same >= 0.97 * found.height


def test_entity_linking_on_a_long_article_maps_short_forms_to_fuller_names(long_article):
    paras, sents = split_sentences.fn(long_article)
    mentions, entities = find_entities.fn(long_article, paras, sents, "rules")
    names = mentions.join(entities.select("entity_id", "name"), on="entity_id")
    # a short form is linked to the one fuller name holding all its words that the article gives
    assert names.filter(pl.col("text") == "Verizon")["name"].unique().to_list() == ["Verizon Communications"]
    assert names.filter(pl.col("text") == "DaimlerChrysler")["name"].unique().to_list() == ["Germany's DaimlerChrysler"]
    assert entities["entity_id"].is_unique().all()
