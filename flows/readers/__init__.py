"""Readers: turn sources (files, folders, later URLs) into `RawArticle`s and `Reject`s.

Each reader is a generator over one file; `READERS` maps a file suffix to its reader. A reader never
raises for bad input: it yields a `Reject` and goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .base import PAYLOAD_LIMIT, RawArticle, Reject
from .text import read_jsonl, read_txt

Reader = Callable[[Path], Iterator[RawArticle | Reject]]

READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".jsonl": read_jsonl,
}


def suffix_of(path: Path) -> str:
    """The reader key of a path: its last suffix, or the last two for compressed ones (`.warc.gz`)."""
    suffixes = [s.lower() for s in path.suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == ".gz" and "".join(suffixes[-2:]) in READERS:
        return "".join(suffixes[-2:])
    return suffixes[-1] if suffixes else ""


def expand_sources(sources: Iterable[str]) -> tuple[list[str], list[Reject]]:
    """Files (and URLs) to read, in a stable order; folders are walked recursively.

    Hidden files and files no reader knows are skipped inside folders; a path that does not exist,
    or a file named directly that no reader knows, becomes a reject.
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
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    if suffix_of(f) in READERS:
                        found.append(str(f))
        elif p.is_file():
            if suffix_of(p) in READERS:
                found.append(str(p))
            else:
                rejects.append(Reject(str(p), "read", f"no reader for files ending in {suffix_of(p) or '(no suffix)'}"))
        else:
            rejects.append(Reject(src, "read", "no such file or folder"))
    return found, rejects


def read_source(source: str) -> Iterator[RawArticle | Reject]:
    """Everything one file or URL holds, as raw articles and rejects; never raises for bad input."""
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


__all__ = ["PAYLOAD_LIMIT", "READERS", "RawArticle", "Reject", "expand_sources", "read_source", "suffix_of"]
