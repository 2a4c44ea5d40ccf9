import polars as pl
import pytest

from tests.conftest import SEEDS
from transforms.clean import clean_articles


def clean(body: str, fmt: str = "text", title=None, author=None) -> dict:
    raw = pl.LazyFrame(
        {"rid": [0], "fmt": [fmt], "body": [body], "title": [title], "author": [author]},
        schema_overrides={"title": pl.String, "author": pl.String},
    )
    return clean_articles(raw).collect().row(0, named=True)


def test_sample_article_title_author_and_body():
    text = next(SEEDS.glob("*.txt")).read_text()
    row = clean(text)
    assert row["title"] == "Trump and Putin Set for Crucial Call on Ukraine Ceasefire"
    assert row["author"] == "Silke Mayr"
    body = row["body"]
    assert not body.startswith("Trump and Putin Set")  # title and its repeat are out
    assert body.startswith("Former U.S. President Donald Trump")
    for boilerplate in ("View all posts", "seasoned news reporter", "Author"):
        assert boilerplate not in body.split("\n\n")[-1]
    assert "View all posts" not in body
    assert "Trump Confirms Peace Agreement Progress\n\n" in body  # headings stay as paragraphs
    assert "\n\n\n" not in body


def test_byline_and_share_buttons_leave_the_body():
    row = clean(
        "Storm Hits Coast\n\nBy Jane Doe and John Roe, Reuters\nShare\nTweet\n\nWinds rose "
        "overnight.\n\nPrint\n\nPower was cut."
    )
    assert row["author"] == "Jane Doe and John Roe"
    assert row["body"] == "Winds rose overnight.\n\nPower was cut."


def test_given_title_and_author_are_kept_for_plain_records():
    row = clean("By the way, this is text.\n\nMore.", fmt="plain", title="Given", author="Ann Lee")
    assert row["title"] == "Given" and row["author"] == "Ann Lee"
    assert row["body"].startswith("By the way, this is text.")  # not a byline: lower-case words follow


def test_author_word_inside_the_text_is_not_a_box():
    body = (
        "Title\n\nAuthor\n\nThe word Author alone on a line near the top is kept when a long article follows.\n\n"
        + "\n\n".join(f"Paragraph {i} of the story." for i in range(20))
    )
    assert "Paragraph 19 of the story." in clean(body)["body"]


def test_nul_characters_leave_the_body_title_and_author():
    text = next(SEEDS.glob("*.txt")).read_text()
    # NULs as a bad export leaves them: inside words, between paragraphs, in the title line
    dirty = text.replace("Trump", "Tru\x00mp").replace("\n\n", "\n\x00\n", 3)
    row = clean(dirty)
    assert row["title"] == "Trump and Putin Set for Crucial Call on Ukraine Ceasefire"
    assert "\x00" not in row["body"]
    assert row["body"] == clean(text)["body"]
    plain = clean("It rained\x00 in Leeds.\x00", fmt="plain", title="\x00Rain", author="Ann\x00 Lee")
    assert (plain["body"], plain["title"], plain["author"]) == ("It rained in Leeds.", "Rain", "Ann Lee")


@pytest.mark.parametrize(
    ("line", "left"),
    [
        ("Doug Ives/Canadian Press", ""),
        ("Protesters march downtown. (Kabir Dhanji/AFP/Getty Images)", "Protesters march downtown."),
        ("Photo: Jane Doe / The Canadian Press", ""),
        ("Premier Doug Ford speaks. Chris Young/CP", "Premier Doug Ford speaks."),
        # a slash between other words is text
        (
            "Smith/Jones said the deal and/or the plan would work 24/7.",
            "Smith/Jones said the deal and/or the plan would work 24/7.",
        ),
        ("The AP/Reuters feed", "The AP/Reuters feed"),
    ],
)
def test_photo_credits_leave_the_body(line, left):
    body = clean(f"Title\n\nFirst paragraph.\n\n{line}\n\nLast paragraph.")["body"]
    assert body == "\n\n".join(p for p in ("First paragraph.", left, "Last paragraph.") if p)
