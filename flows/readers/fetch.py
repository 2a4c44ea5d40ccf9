"""Fetching pages and feeds over HTTP(S) through httpx, safely: every failure is a `Reject`, never an exception.

Limits (all per request, overridable through `FetchPolicy`): connect/read timeouts, retries with
exponential backoff on timeouts, connection errors, 429 and 5xx, at most `max_redirects` redirects,
at most `max_bytes` of body (the download is streamed and stopped there), http/https only.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from .base import Reject

USER_AGENT = "newsdesk/0.1 (+https://github.com/newsdesk; news ingestion)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How patient and how generous a fetch is."""

    timeout: float = 10.0  # seconds to connect, and between two chunks of the response
    retries: int = 2  # further attempts after the first, on transient failures only
    backoff: float = 0.5  # seconds before the first retry; doubled for each further one
    max_bytes: int = 5_000_000  # a larger body is a reject
    max_redirects: int = 5
    user_agent: str = USER_AGENT


DEFAULT_POLICY = FetchPolicy()


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful response: final URL after redirects, media type, and body bytes."""

    url: str
    content_type: str
    charset: str | None
    content: bytes


def is_url(source: str) -> bool:
    """True for an http(s):// source."""
    return urlsplit(source).scheme.lower() in ("http", "https")


def _attempt(client: httpx.Client, url: str, policy: FetchPolicy) -> Fetched | Reject:
    with client.stream("GET", url) as resp:
        if resp.status_code >= 400:
            return Reject(url, "fetch", f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
        declared = resp.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > policy.max_bytes:
            return Reject(url, "fetch", f"response too large: {declared} bytes declared, limit {policy.max_bytes}")
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > policy.max_bytes:
                return Reject(url, "fetch", f"response too large: over {policy.max_bytes} bytes, download stopped")
            chunks.append(chunk)
        media = resp.headers.get("content-type", "")
        content_type = media.split(";")[0].strip().lower()
        return Fetched(str(resp.url), content_type, resp.charset_encoding, b"".join(chunks))


def fetch(url: str, policy: FetchPolicy = DEFAULT_POLICY, client: httpx.Client | None = None) -> Fetched | Reject:
    """GET `url` within `policy`; the response, or a reject (stage "fetch") saying why not."""
    if not is_url(url):
        return Reject(url, "fetch", "only http and https URLs are fetched")
    own = client is None
    if client is None:
        client = httpx.Client(
            timeout=httpx.Timeout(policy.timeout),
            follow_redirects=True,
            max_redirects=policy.max_redirects,
            headers={"User-Agent": policy.user_agent},
        )
    try:
        last: Reject | None = None
        for attempt in range(policy.retries + 1):
            if attempt:
                time.sleep(policy.backoff * 2 ** (attempt - 1))
            try:
                result = _attempt(client, url, policy)
            except httpx.TooManyRedirects:
                return Reject(url, "fetch", f"too many redirects (limit {policy.max_redirects})")
            except httpx.UnsupportedProtocol as exc:
                return Reject(url, "fetch", f"unsupported protocol: {exc}")
            except httpx.TimeoutException as exc:
                last = Reject(url, "fetch", f"timed out after {policy.timeout:g} s ({type(exc).__name__})")
                continue
            except (httpx.InvalidURL, httpx.StreamError) as exc:
                return Reject(url, "fetch", f"{type(exc).__name__}: {exc}")
            except httpx.HTTPError as exc:  # connection refused or reset, protocol errors
                last = Reject(url, "fetch", f"{type(exc).__name__}: {exc}")
                continue
            if isinstance(result, Reject) and any(result.reason.startswith(f"HTTP {s}") for s in RETRY_STATUSES):
                last = result
                continue
            return result
        assert last is not None
        last.reason += f" (after {policy.retries + 1} attempts)"
        return last
    finally:
        if own:
            client.close()
