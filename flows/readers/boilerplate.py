"""Boilerplate paragraphs that survive main-content extraction: calls to subscribe or follow,
"read more" links, photo credits, copyright and affiliate notices, page metadata lines.

General patterns seen across news sites, matched per paragraph; a paragraph is dropped only when it
is short enough to be a notice rather than prose that happens to mention a newsletter.
"""

from __future__ import annotations

import re

# Longest paragraph a notice pattern may drop; longer ones are article prose.
NOTICE_MAX_CHARS = 400

# Whole-paragraph notices, anchored at the paragraph start.
_LEADING = re.compile(
    r"""^\s*(?:
        (?:read|see)\s+(?:more|also)\b[^.]{0,40}:        # "Read more: ...", "See also: ..."
      | also\s+read\s*:
      | related(?:\s+(?:articles?|stories|content|reading|posts?))?\s*:
      | (?:czytaj\s+też|lesen\s+sie\s+auch|lire\s+aussi|leer\s+más|leia\s+também|leggi\s+anche)\s*:
      | \(?(?:photo|image|picture|video)?\s*credits?\s*:    # "(Credit: X / Y)", "Photo credit: ..."
      | (?:photo|image|picture|illustration)\s*(?:by|:)
      | (?:categor(?:y|ies)|tags?|filed\s+under|posted\s+in|release\s+date|news\s+date|last\s+(?:modified|updated))\s*:
      | ©|copyright\b
      | advertisement\s*$
      | (?:[\w'’&-]+\s+){0,3}newsletters?\s*$                # "PC Gamer Newsletter" heading
      | [\w-]+(?:\.[\w-]+)*\.(?:com|net|org|co|info|news)(?:\.[a-z]{2})?\s*$   # a bare site name
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Notices recognised by a phrase anywhere in a short paragraph.
_ANYWHERE = re.compile(
    r"""(?:
        \bsign(?:ing)?\s+up\b.{0,60}\b(?:newsletter|updates|best\s+content|emails?)\b
      | \b(?:newsletter|updates|emails?)\b.{0,60}\bsign(?:ing)?\s+up\b
      | \bsubscribe\s+(?:now|today|here)\b
      | \b(?:please|to\s+continue|to\s+read|for\s+the\s+full\s+story).{0,40}\bsubscribe\b
      | \bsubscribe\b.{0,60}\b(?:full\s+story|edition|newsletter|unlimited\s+access)\b
      | \balready\s+a\s+subscriber\b
      | \bfirst-time\s+subscribers\b
      | \bfollow\s+(?:us|@?\w+(?:\s+\w+){0,3})\s+on\s+(?:twitter|facebook|instagram|x|linkedin|tiktok)\b
      | \bdownload\s+(?:our|the)\b.{0,60}\bapps?\b
      | \b(?:letters?\s+to\s+the\s+editor)\b
      | \bwe\s+want\s+to\s+hear\s+what\s+you\s+think\b
      | \b(?:we|i)\s+may\s+(?:receive|earn)\s+(?:a\s+)?(?:compensation|commission)\b
      | \badvertiser\s+disclosure\b
      | \b(?:all\s+rights\s+reserved|copyrighted\s+property|without\s+(?:written\s+)?permission)\b
      | \bpermission\s+must\s+be\s+obtained\b
      | \bview\s+comments\b
      | \blast\s+(?:modified|updated)\s*:
      | \b(?:share\s+(?:this|on)\s+(?:article|story|facebook|twitter))\b
      | \bclick\s+here\s+to\s+(?:subscribe|sign\s+up|read\s+more)\b
      | \bwe\s+need\s+your\s+help\b.{0,80}\bdonate\b
      | \bdo\s+you\s+want\s+to\s+be\s+informed\b
    )""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)

# An asterisked footnote is a disclaimer ("*Terms apply."); a bullet has a space after its star.
_FOOTNOTE = re.compile(r"^\*[A-Z]")

# A word mixing Latin and Cyrillic letters: look-alike characters used to slip ads past filters.
_MIXED_SCRIPT_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04FF])\w+\b")
MIXED_SCRIPT_MIN_WORDS = 3

# A closing author bio: "Jane Doe is a reporter at ...", "John Smith is professor of ...".
_BIO = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s+(?:—\s+\(.{0,40}\),\s+)?is\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,4}(?i:professor|founder|reporter|writer|journalist|editor|correspondent|columnist|author|"
    r"contributor|fellow|director|consultant|analyst|researcher|producer)\b"
)


def is_boilerplate(paragraph: str, *, closing: bool = False) -> bool:
    """True when `paragraph` is a site notice rather than article text.

    `closing` marks one of the last paragraphs of the article, where an author bio may sit.
    """
    text = paragraph.strip()
    if _FOOTNOTE.match(text) and len(text) <= NOTICE_MAX_CHARS:
        return True
    if len(_MIXED_SCRIPT_WORD.findall(text)) >= MIXED_SCRIPT_MIN_WORDS:
        return True
    text = text.lstrip("-–—•* ").strip()
    if not text:
        return True
    if closing and len(text) <= 2 * NOTICE_MAX_CHARS and _BIO.match(text):
        return True
    return len(text) <= NOTICE_MAX_CHARS and bool(_LEADING.match(text) or _ANYWHERE.search(text))


def drop_boilerplate(paragraphs: list[str]) -> list[str]:
    """`paragraphs` without the site notices among them (order kept)."""
    last = len(paragraphs) - 1
    return [p for i, p in enumerate(paragraphs) if not is_boilerplate(p, closing=i >= last - 1 and i > 0)]
