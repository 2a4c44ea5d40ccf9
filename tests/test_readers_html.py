"""HTML pages: body paragraphs, headings, metadata, boilerplate and encoding problems."""

from __future__ import annotations

from flows.readers import RawArticle, Reject, read_source
from flows.readers.boilerplate import is_boilerplate
from flows.readers.html import fragment_paragraphs

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Council votes on budget | Town Post</title>
<meta name="author" content="Lena Park">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-02T18:15:00-05:00"}</script>
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council votes on budget</h1>
<p>The town council approved next year's budget on Thursday by a vote of five to two, after a debate that lasted four hours.</p>
<h2>Schools get more</h2>
<p>Spending on schools rises by eight percent, the largest increase in a decade, while road repairs are held flat.</p>
<p>“We listened to parents,” said councillor Maria Diaz, who proposed the school amendment in September.</p>
<p>Sign up for our newsletter to get the latest updates every morning.</p>
</article><footer>© 2023 Town Post. All rights reserved.</footer></body></html>"""


def test_page_gives_body_title_author_and_zoned_date(tmp_path):
    f = tmp_path / "budget.html"
    f.write_text(PAGE, encoding="utf-8")
    [art] = list(read_source(str(f)))
    assert isinstance(art, RawArticle) and art.fmt == "plain"
    assert art.title.startswith("Council votes on budget")
    assert art.author == "Lena Park"
    assert art.published_at.isoformat() == "2023-11-02T18:15:00-05:00"
    paras = art.body.split("\n\n")
    assert "Schools get more" in paras  # the heading is a paragraph of its own
    assert any(p.startswith("Spending on schools rises") for p in paras)
    assert "newsletter" not in art.body and "Home" not in paras
    assert art.source == str(f) and art.external_id == "budget.html"


def test_undecodable_page_gives_reject_and_article(tmp_path):
    f = tmp_path / "latin.htm"
    f.write_bytes(PAGE.replace('<meta charset="utf-8">', "").replace("decade", "d\xe9cade").encode("cp1252"))
    out = list(read_source(str(f)))
    assert isinstance(out[0], Reject) and "not valid UTF-8" in out[0].reason
    assert isinstance(out[1], RawArticle) and "décade" in out[1].body


def test_page_without_text_is_rejected(tmp_path):
    f = tmp_path / "empty.html"
    f.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    [rej] = list(read_source(str(f)))
    assert isinstance(rej, Reject) and rej.stage == "read" and rej.payload.startswith("<html>")


def test_fragment_paragraphs_split_blocks_and_keep_line_breaks():
    got = fragment_paragraphs("<p>First <em>one</em>.</p><h3>Aside</h3><p>Line<br/>two</p><ul><li>a</li><li>b</li></ul>")
    assert got == ["First one.", "Aside", "Line\ntwo", "a", "b"]
    assert fragment_paragraphs("One para.\n\n  Two\n  lines.  ") == ["One para.", "Two\nlines."]


def test_boilerplate_notices_but_not_prose():
    assert is_boilerplate("Read more: Floods hit the north")
    assert is_boilerplate("(Credit: Jane Roe / Agency)")
    assert is_boilerplate("Follow us on Twitter for breaking news")
    assert is_boilerplate("Jane Roe is a senior reporter at the Town Post.", closing=True)
    assert not is_boilerplate("Jane Roe is a senior reporter at the Town Post.", closing=False)
    assert not is_boilerplate("The mayor said residents could read more about the plan at city hall.")
    assert not is_boilerplate("Subscribers " + "rose sharply last year as the paper expanded. " * 12)
