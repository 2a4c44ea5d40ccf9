"""Readers: turn sources (files, folders, later URLs) into `RawArticle`s and `Reject`s.

Each reader is a generator over one file; `READERS` maps a file suffix to its reader. A reader never
raises for bad input: it yields a `Reject` and goes on.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .base import PAYLOAD_LIMIT, RawArticle, Reject
from .csv import read_csv
from .feeds import FEED_TYPES, feed_articles, looks_like_feed, read_feed, read_json
from .fetch import DEFAULT_POLICY, FetchPolicy, fetch, is_url
from .html import HTML_TYPES, decode_html, extract_html, read_html
from .text import read_jsonl, read_txt
from .warc import read_warc

Reader = Callable[[Path], Iterator[RawArticle | Reject]]

READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".jsonl": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".html": read_html,
    ".htm": read_html,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".arc": read_warc,
    ".arc.gz": read_warc,
}


def suffix_of(path: Path) -> str:
    """The reader key of a path: its last suffix, or the last two for compressed ones (`.warc.gz`)."""
    suffixes = [s.lower() for s in path.suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == ".gz" and "".join(suffixes[-2:]) in READERS:
        return "".join(suffixes[-2:])
    return suffixes[-1] if suffixes else ""


def printable(path: str | Path) -> str:
    """`path` as valid UTF-8: bytes a file name holds that are not UTF-8 (which Python keeps as lone
    surrogates, and DuckDB and Polars refuse) shown as `\\xff`."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _unusable(path: Path) -> str | None:
    """Why the file at `path` cannot be read, when its name or link says so; else None."""
    if printable(path) != str(path):
        return "file name is not valid UTF-8: rename it (e.g. with convmv) to have it read"
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:  # Python 3.11 raises this for a loop
            return "symlink loop: the link never reaches a file"
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "symlink loop: the link never reaches a file"
            return f"broken symlink: {exc.strerror or exc}"
        if target.is_dir() and path.parent.resolve().is_relative_to(target):
            return "symlink loop: the link points to a folder that holds it"
    return None


def expand_sources(sources: Iterable[str]) -> tuple[list[str], list[Reject]]:
    """Files (and URLs) to read, in a stable order; folders are walked recursively.

    Hidden files and files no reader knows are skipped inside folders; a path that does not exist,
    or a file named directly that no reader knows, becomes a reject. So does a file whose name is
    not valid UTF-8 and a symlink that loops or leads nowhere (inside folders: those named like
    files a reader knows, and links to folders); the rest is read.
    """
    found: list[str] = []
    rejects: list[Reject] = []
    for src in sources:
        if "://" in src:
            found.append(src)
            continue
        p = Path(src)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                if (suffix_of(f) in READERS or f.is_symlink()) and (why := _unusable(f)):
                    rejects.append(Reject(printable(f), "read", why))
                elif f.is_file() and suffix_of(f) in READERS:
                    found.append(str(f))
        elif (p.is_symlink() or p.is_file()) and (why := _unusable(p)):
            rejects.append(Reject(printable(p), "read", why))
        elif p.is_file():
            if suffix_of(p) in READERS:
                found.append(str(p))
            else:
                rejects.append(Reject(str(p), "read", f"no reader for files ending in {suffix_of(p) or '(no suffix)'}"))
        else:
            rejects.append(Reject(printable(src), "read", "no such file or folder"))
    return found, rejects


def read_url(url: str, policy: FetchPolicy = DEFAULT_POLICY) -> Iterator[RawArticle | Reject]:
    """A fetched URL: a feed gives its items (linked pages fetched within `policy`), an HTML page one article."""
    got = fetch(url, policy)
    if isinstance(got, Reject):
        yield got
        return
    if got.content_type in FEED_TYPES or looks_like_feed(got.content):
        yield from feed_articles(got.content, url, policy=policy)
    elif got.content_type in HTML_TYPES or (not got.content_type and got.content.lstrip()[:1] == b"<"):
        html, problem = decode_html(got.content, url)
        if problem:
            yield problem
        yield extract_html(html, url, url=got.url)
    else:
        yield Reject(
            url,
            "fetch",
            f"neither HTML nor a feed: {got.content_type or 'no content type'}",
            got.content[:2000].decode("utf-8", "replace"),
        )


def read_source(source: str, policy: FetchPolicy = DEFAULT_POLICY) -> Iterator[RawArticle | Reject]:
    """Everything one file or URL holds, as raw articles and rejects; never raises for bad input.

    `policy` bounds the HTTP fetches of a URL source and of the pages its feed items link to.
    """
    if "://" in source:
        try:
            yield from read_url(source, policy)
        except Exception as exc:  # a bug or an input no parser survives: keep the run going
            yield Reject(source, "fetch", f"{type(exc).__name__}: {exc}")
        return
    path = Path(source)
    reader = READERS.get(suffix_of(path))
    if reader is None:
        yield Reject(source, "read", "no reader for this source")
        return
    try:
        yield from reader(path)
    except OSError as exc:
        yield Reject(source, "read", f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a reader bug or a file no parser survives: keep the run going
        yield Reject(source, "read", f"{type(exc).__name__}: {exc}")


__all__ = [
    "DEFAULT_POLICY", "PAYLOAD_LIMIT", "READERS", "FetchPolicy", "RawArticle", "Reject",
    "expand_sources", "fetch", "is_url", "printable", "read_source", "read_url", "suffix_of",
]  # fmt: skip
