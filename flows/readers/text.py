"""Plain-text (`.txt`) and JSON Lines (`.jsonl`) articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .base import RawArticle, Reject
from .dates import parse_date


def decode(data: bytes, source: str) -> tuple[str, Reject | None]:
    """Text of a file: UTF-8 (with or without BOM); else cp1252 with a reject row noting the fallback."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        return text, Reject(source, "read", f"not valid UTF-8 ({exc.reason} at byte {exc.start}); read as cp1252", None)


def file_text(path: Path, decoder=decode) -> tuple[str | None, list[Reject]]:
    """A file's text through `decoder`, and the rejects it causes; None for the text of an empty file."""
    text, problem = decoder(path.read_bytes(), str(path))
    rejects = [problem] if problem else []
    if not text.strip():
        rejects.append(Reject(str(path), "read", "empty file", text))
        return None, rejects
    return text, rejects


def read_txt(path: Path) -> Iterator[RawArticle | Reject]:
    """One article per file; title, author and boilerplate are separated later by the clean stage."""
    text, rejects = file_text(path)
    yield from rejects
    if text is None:
        return
    yield RawArticle(source=str(path), body=text, fmt="text", external_id=path.name)


def read_jsonl(path: Path) -> Iterator[RawArticle | Reject]:
    """One article per line: `title`, `body` or `text`, optional `id`, `url`, `author`,
    `published`/`published_at`, `source`.

    Streams: the file is read a line at a time, so a file of any size costs one line of memory.
    Lines are split on newline only (a raw U+2028 inside a JSON string does not end a record); a line
    that is not valid UTF-8 is read as cp1252, with one reject row per file noting the first.
    """
    blank: list[str] | None = []  # the text of a file with nothing but blank lines, for its reject
    noted = False
    offset = 0
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            start, offset = offset, offset + len(raw)
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                line = raw.decode("cp1252", errors="replace")
                if not noted:
                    noted = True
                    yield Reject(
                        str(path),
                        "read",
                        f"not valid UTF-8 ({exc.reason} at byte {start + exc.start}); read as cp1252",
                        None,
                    )
            if not line.strip():
                if blank is not None:
                    blank.append(line)
                continue
            blank = None
            line = line.rstrip("\r\n")
            where = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Reject(where, "read", f"malformed JSON: {exc.msg} at column {exc.colno}", line)
                continue
            if not isinstance(rec, dict):
                yield Reject(where, "read", f"expected a JSON object, got {type(rec).__name__}", line)
                continue
            yield record_article(rec, where, line)
    if blank is not None:
        yield Reject(str(path), "read", "empty file", "".join(blank))


def record_article(rec: dict, where: str, raw: str) -> RawArticle | Reject:
    """An article from one exported record (JSON object or CSV row); a reject when it has no body."""
    body = rec.get("body") if rec.get("body") is not None else rec.get("text")
    if not isinstance(body, str) or not body.strip():
        return Reject(where, "read", "no `body` or `text`", raw)
    published = rec.get("published_at", rec.get("published"))
    return RawArticle(
        source=str(rec.get("source") or where),
        body=body,
        external_id=None if rec.get("id") is None else str(rec["id"]),
        url=rec.get("url") or None,
        title=rec.get("title") or None,
        author=rec.get("author") or None,
        published_at=parse_date(published),
        language=rec.get("language") or None,
    )
