"""Web pages (`.html`, `.htm`, fetched pages, WARC records): main text and metadata through trafilatura.

The body is rebuilt from trafilatura's XML tree, one paragraph per block (paragraph, heading, list
item, quote, table row), separated by blank lines, so headings stay paragraphs of their own.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from .base import RawArticle, Reject
from .boilerplate import drop_boilerplate
from .dates import parse_date
from .text import decode, file_text

# Elements whose text is a picture's caption or credit; a paragraph that repeats one is dropped.
# (Matched after extraction: pruning them before would change which block trafilatura takes as the article.)
CAPTION_XPATH = (
    "//figcaption | //*[contains(@class, 'caption') or contains(@class, 'photo-credit') or contains(@class, 'credit')]"
)
# Page parts around the article that trafilatura sometimes takes in: pop-ups, sign-up boxes,
# related-story cards, next-story teasers, author boxes. A paragraph found inside one is dropped, unless the part holds
# most of the extracted text (then it is the article's own wrapper, whatever its class says).
ASIDE_XPATH = " | ".join(
    f"//*[contains(@class, '{name}') or contains(@id, '{name}')]"
    for name in ("popup", "popmake", "modal", "newsletter", "subscribe", "related", "recommended", "more-about",
                 "author-bio", "author-box", "paywall", "nextstory", "next-story", "next-post", "next-article")
)  # fmt: skip
# In-article pointers to other stories: a short paragraph that is wholly one emphasised run ending in
# its only link ("<p><em>Also read: <a>Headline</a></em></p>").
CROSSREF_XPATH = (
    "//p[count(*) = 1][not(normalize-space(text()))][*[self::em or self::i or self::strong or self::b][.//a]]"
)
CROSSREF_MAX_CHARS = 200
# Shorter paragraphs are kept even when an aside repeats them: a headline also listed among related stories.
ASIDE_MIN_CHARS = 80
# Structured data (JSON-LD `articleBody`) replaces the extracted text when it is this many times longer:
# trafilatura then found only a fragment (pages that render the article with scripts).
LD_BODY_FACTOR = 2.0
LD_BODY_MIN_CHARS = 500
# A page description shorter than this is not taken as the article's standfirst.
STANDFIRST_MIN_CHARS = 40

# Dates htmldate returns keep the page's UTC offset when it gives one (`%z`), else stay naive.
_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": True}

# A publication timestamp with a zone in meta tags or JSON-LD, used when htmldate dropped the zone.
_ZONED_PUBLISHED = re.compile(
    r"(?:published_time|datePublished|pubdate|publish-date)[^>]{0,120}?"
    r"(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d))",
    re.IGNORECASE,
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
# Author strings that are placeholders, not names.
_NO_AUTHOR = re.compile(r"^(?:no author|admin|administrator|staff|unknown|anonymous)$", re.IGNORECASE)

HTML_TYPES = ("text/html", "application/xhtml+xml")

_BLOCKS = {"p", "head", "item", "quote", "row", "code"}


def decode_html(data: bytes, source: str) -> tuple[str, Reject | None]:
    """Text of a page in the charset it declares (UTF-8 when none); a reject when the bytes do not fit it."""
    m = _CHARSET.search(data[:4096])
    charset = m.group(1).decode("ascii", "replace").lower() if m else "utf-8"
    if charset not in ("utf-8", "utf8"):
        try:
            return data.decode(charset), None
        except (LookupError, UnicodeDecodeError):
            pass  # wrong or unknown declaration: try UTF-8, then the cp1252 fallback with a reject
    return decode(data, source)


def _inline(el: etree._Element) -> bool:
    """True for a block tag used inline: `<code>` inside a paragraph, list item or heading."""
    parent = el.getparent()
    return el.tag == "code" and parent is not None and parent.tag in _BLOCKS


def _block_text(el: etree._Element) -> str:
    """Text of one block; `<lb/>` becomes a line break, table cells are joined by ` | `."""
    if el.tag == "row":
        return " | ".join(" ".join("".join(c.itertext()).split()) for c in el if c.tag == "cell")
    parts: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in _BLOCKS or _inline(child):
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def body_paragraphs(body: etree._Element) -> list[str]:
    """Paragraphs of a trafilatura XML body, in document order; nested blocks give their own paragraphs."""
    out: list[str] = []
    for el in body.iter(*_BLOCKS):
        if _inline(el):
            continue
        text = "".join(el.itertext()).strip("\n") if el.tag == "code" else _block_text(el)
        if text.strip():
            out.append(text)
    return out


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _in_caption(para: str, captions: list[str]) -> bool:
    # most of a caption, not a heading that a slideshow caption happens to repeat
    return any(para in c and len(para) >= 0.6 * len(c) for c in captions)


def _ld_article_body(tree: lxml.html.HtmlElement) -> str | None:
    """The longest `articleBody` in the page's JSON-LD, if any."""
    best = None
    for block in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                body = node.get("articleBody")
                if isinstance(body, str) and (best is None or len(body) > len(best)):
                    best = body
                stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
    return best


def _is_crossref(p: lxml.html.HtmlElement) -> bool:
    links = p.xpath(".//a")
    text = _fold(p.text_content()).rstrip(" .")
    return len(links) == 1 and len(text) <= CROSSREF_MAX_CHARS and text.endswith(_fold(links[0].text_content()))


def _page_checked(paragraphs: list[str], html: str, description: str | None) -> list[str]:
    """`paragraphs` checked against the whole page.

    The JSON-LD `articleBody` replaces them when it is much longer; paragraphs repeating a picture
    caption, a pop-up or a related-story box, or an emphasised link to another story are dropped;
    the standfirst (the page description, when the page also shows it) is put first if missing.
    """
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return paragraphs
    extracted = sum(len(p) for p in paragraphs)
    ld_body = _ld_article_body(tree)
    if ld_body and len(ld_body) >= LD_BODY_MIN_CHARS and len(ld_body) > LD_BODY_FACTOR * extracted:
        paragraphs = drop_boilerplate(text_paragraphs(html_lib.unescape(ld_body)))
        extracted = sum(len(p) for p in paragraphs)
    captions = [c for c in (_fold(el.text_content()) for el in tree.xpath(CAPTION_XPATH)) if len(c) >= 20]
    crossrefs = {_fold(el.text_content()) for el in tree.xpath(CROSSREF_XPATH) if _is_crossref(el)}
    asides = [a for a in (_fold(el.text_content()) for el in tree.xpath(ASIDE_XPATH)) if 20 <= len(a) < extracted / 2]
    kept = [
        p for p in paragraphs
        if not _in_caption(_fold(p), captions)
        and _fold(p) not in crossrefs
        and not (len(p) >= ASIDE_MIN_CHARS and any(_fold(p) in a for a in asides))
    ]  # fmt: skip
    if description and len(description) >= STANDFIRST_MIN_CHARS and kept:
        desc = _fold(description)
        body = tree.find("body")
        shown = body is not None and desc in _fold(body.text_content())
        if shown and desc not in _fold("\n".join(kept)) and not any(desc in c for c in captions):
            kept = [" ".join(description.split()), *kept]
    return kept or paragraphs


# Separators pages use between a headline and the site's name in <title>.
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+|\s+(?:\||-|–|—)\s*$")


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def clean_title(title: str | None, sitename: str | None, url: str | None) -> str | None:
    """`title` without the site's name that pages append or prepend ("Headline | The Daily Paper")."""
    if not title:
        return None
    names = {_key(sitename or "")}
    host = re.sub(r"^(?:https?://)?(?:www\d?\.)?([^/:?#]+).*$", r"\1", url or "")
    names |= {_key(host), _key(host.rsplit(".", 1)[0])} if host else set()
    names = {n for n in names if len(n) >= 3}

    def is_site(segment: str) -> bool:
        seg = _key(segment)
        return not seg or any(seg == n or (len(seg) >= 4 and (seg in n or n in seg)) for n in names)

    text = title.strip()
    cuts = list(_TITLE_SEPARATOR.finditer(text))
    # segment i runs from the end of separator i-1 to the start of separator i
    bounds = [
        (0 if i == 0 else cuts[i - 1].end(), cuts[i].start() if i < len(cuts) else len(text))
        for i in range(len(cuts) + 1)
    ]
    first, last = 0, len(bounds) - 1
    while last > first and is_site(text[slice(*bounds[last])]):
        last -= 1
    while first < last and is_site(text[slice(*bounds[first])]):
        first += 1
    return text[bounds[first][0] : bounds[last][1]].strip() or text


def _published(doc_date: str | None, html: str) -> datetime | None:
    """htmldate's date; its UTC offset from the page's own timestamp when htmldate dropped it."""
    date = parse_date(doc_date)
    naive = doc_date is not None and not re.search(r"[+-]\d{4}$|Z$", doc_date)
    if date is not None and not naive:
        return date
    m = _ZONED_PUBLISHED.search(html)
    zoned = parse_date(m.group(1)) if m else None
    if zoned is not None and (date is None or zoned.date() == date.date()):
        return zoned
    return date


def extract_html(html: str, source: str, url: str | None = None, external_id: str | None = None) -> RawArticle | Reject:
    """One article from one page: body, title, author, published_at; a reject when no text is found."""
    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
        doc = found if isinstance(found, Document) else None  # (a dict only with as_dict=True)
    except Exception as exc:  # trafilatura/lxml choke on some markup; the page becomes a reject
        return Reject(source, "read", f"HTML extraction failed: {type(exc).__name__}: {exc}", html)
    if doc is None or doc.body is None:
        return Reject(source, "read", "no article text found in the page", html)
    paragraphs = drop_boilerplate(body_paragraphs(doc.body))
    if paragraphs:
        paragraphs = _page_checked(paragraphs, html, doc.description)
    if not paragraphs:
        return Reject(source, "read", "no article text found in the page", html)
    author = (doc.author or "").strip() or None
    if author and _NO_AUTHOR.match(author):
        author = None
    return RawArticle(
        source=source,
        body="\n\n".join(paragraphs),
        fmt="plain",
        external_id=external_id,
        url=url or doc.url or None,
        title=clean_title(doc.title, doc.sitename, url or doc.url),
        author=author,
        published_at=_published(doc.date, html),
        language=None,
        extra={k: v for k, v in (("sitename", doc.sitename), ("description", doc.description)) if v},
    )


def read_html(path: Path) -> Iterator[RawArticle | Reject]:
    """One article per saved page; the page's canonical link (if any) becomes its url."""
    text, rejects = file_text(path, decode_html)
    yield from rejects
    if text is None:
        return
    yield extract_html(text, str(path), external_id=path.name)


# Elements that start a new paragraph in a content fragment (feed item bodies).
_FRAGMENT_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "section", "article",
    "figure", "header", "footer", "ul", "ol", "table", "dd", "dt",
}  # fmt: skip


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: split at blank lines, spaces collapsed inside each line."""
    out = []
    for chunk in re.split(r"\n[^\S\n]*\n\s*", text):
        lines = (" ".join(line.split()) for line in chunk.split("\n"))
        para = "\n".join(line for line in lines if line)
        if para:
            out.append(para)
    return out


def fragment_paragraphs(fragment: str) -> list[str]:
    """Paragraphs of an HTML fragment (a feed item's content): one per block element, `<br>` a line break.

    Plain text without tags passes through `text_paragraphs` unchanged in meaning.
    """
    if "<" not in fragment:
        return text_paragraphs(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return text_paragraphs(re.sub(r"<[^>]+>", " ", fragment))
    for bad in root.xpath("//script|//style|//noscript|//iframe|//figcaption"):
        bad.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _FRAGMENT_BLOCKS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
        elif el.tag in ("td", "th"):
            el.tail = " | " + (el.tail or "")
    return drop_boilerplate(text_paragraphs(root.text_content()))
