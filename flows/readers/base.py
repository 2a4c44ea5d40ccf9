"""What a reader yields: a raw article, or a reject saying why a record could not be used."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# Raw payloads kept in `rejects` are cut to this many characters (documented in the README).
PAYLOAD_LIMIT = 10_000


@dataclass(slots=True)
class RawArticle:
    """One article as a source gave it, before cleaning.

    `fmt` says how `body` is to be cleaned: "text" (a plain-text file: first line is the title),
    or "plain" (body already separated from title and metadata).
    """

    source: str
    body: str
    fmt: str = "plain"
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    language: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass(slots=True)
class Reject:
    """A record, file or row that could not be used, and why."""

    source: str
    stage: str
    reason: str
    payload: str | None = None

    def __post_init__(self) -> None:
        if self.payload is not None and len(self.payload) > PAYLOAD_LIMIT:
            self.payload = self.payload[:PAYLOAD_LIMIT]
