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
    got = fragment_paragraphs(
        "<p>First <em>one</em>.</p><h3>Aside</h3><p>Line<br/>two</p><ul><li>a</li><li>b</li></ul>"
    )
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


def test_asterisk_footnotes_and_look_alike_spam_are_notices():
    assert is_boilerplate("*Terms apply to the offers listed on this page.")
    assert not is_boilerplate("* A bulleted point about the budget")
    assert is_boilerplate("Аdvеrtіѕе wіth thе most visited news site")  # Cyrillic look-alikes inside Latin words
    assert not is_boilerplate("Москва and London signed a deal with Газпром on Monday.")


STANDFIRST_PAGE = """<html><head><title>Ferry service returns</title>
<meta name="description" content="After a winter without boats, islanders can reach the mainland again from Monday.">
<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "articleBody": "short"}]}</script>
</head><body><header><h1>Ferry service returns</h1>
<p class="dek">After a winter without boats, islanders can reach the mainland again from Monday.</p></header>
<div class="content"><article>
<figure><img src="f.jpg"><figcaption>The ferry Aurora leaves the harbour at dawn on its first crossing of the season.</figcaption></figure>
<p>The ferry company restarted its crossings on Monday with two departures a day, after repairs to the pier were finished.</p>
<p>Islanders had relied on a weekly supply boat since December, when a storm damaged the landing stage beyond use.</p>
<p><em>Also read: <a href="/news/pier-storm">Storm wrecks island pier</a></em></p>
<p>The timetable will expand to four crossings a day in June, when the summer season begins, the company said.</p>
</article><aside class="related-stories"><p>Other islands still wait for their ferries to return after the winter storms this year.</p></aside>
</div></body></html>"""


def test_standfirst_kept_first_captions_and_crossrefs_dropped(tmp_path):
    f = tmp_path / "ferry.html"
    f.write_text(STANDFIRST_PAGE)
    [art] = list(read_source(str(f)))
    paras = art.body.split("\n\n")
    assert paras[0] == "After a winter without boats, islanders can reach the mainland again from Monday."
    assert paras[1].startswith("The ferry company restarted")
    assert not any("Aurora" in p for p in paras)
    assert not any("Storm wrecks island pier" in p for p in paras)
    assert not any("Other islands still wait" in p for p in paras)
    assert paras[-1].startswith("The timetable will expand")


def test_json_ld_article_body_replaces_a_fragment(tmp_path):
    body = " ".join(
        f"Sentence number {i} of the full report on the council meeting held on Tuesday." for i in range(20)
    )
    page = (
        f'<html><head><title>Report</title><script type="application/ld+json">{{"@type": "NewsArticle", '
        f'"articleBody": "{body}"}}</script></head><body><article><p>Subscribers can read the full council report, '
        f"which covers every vote taken on Tuesday night.</p></article></body></html>"
    )
    f = tmp_path / "report.html"
    f.write_text(page)
    [art] = list(read_source(str(f)))
    assert art.body == body


def test_clean_title_strips_the_site_name_only():
    from flows.readers.html import clean_title

    assert (
        clean_title("Masks stolen from hospital | The Kobe Times", "The Kobe Times", None)
        == "Masks stolen from hospital"
    )
    assert clean_title("Paper News - Storm hits coast", None, "https://www.papernews.example/a") == "Storm hits coast"
    assert clean_title("Rates rise - ", "Site", None) == "Rates rise"
    assert clean_title("Jean-Paul Sartre - a life", "Books Weekly", None) == "Jean-Paul Sartre - a life"
    assert clean_title(None, "Site", None) is None
