"""Fetching pages and feeds over HTTP(S) through httpx, safely: every failure is a `Reject`, never an exception.

Limits (overridable through `FetchPolicy`): connect/read timeouts, an overall deadline per fetch,
retries with exponential backoff on timeouts, connection errors, 429 and 5xx, at most
`max_redirects` redirects, at most `max_bytes` of body after decompression (the download is
streamed, inflated here chunk by chunk and stopped there), at most one content coding, http/https
only. Feed items choose the URLs `serve` fetches unattended, so by default a host that resolves to
a loopback, private, link-local or other non-public address is refused, at every redirect hop, and
the connection goes to the address that was checked (no second DNS answer can swap it);
`FetchPolicy(allow_private=True)` or NEWSDESK_ALLOW_PRIVATE_URLS=1 allows them.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from .base import Reject

USER_AGENT = "newsdesk/0.1 (+https://github.com/newsdesk; news ingestion)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ALLOW_PRIVATE_ENV = "NEWSDESK_ALLOW_PRIVATE_URLS"
# Only codings inflated here, with a bound; httpx's own decoders inflate a whole chunk at once.
ACCEPT_ENCODING = "gzip, deflate"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How patient and how generous a fetch is."""

    timeout: float = 10.0  # seconds to connect, and between two chunks of the response
    retries: int = 2  # further attempts after the first, on transient failures only
    backoff: float = 0.5  # seconds before the first retry; doubled for each further one
    max_bytes: int = 5_000_000  # a larger body (after decompression) is a reject
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    deadline: float = 30.0  # seconds for the whole fetch: redirects, retries and a trickling body included
    allow_private: bool = False  # fetch loopback/private/link-local hosts too (else: NEWSDESK_ALLOW_PRIVATE_URLS=1)


DEFAULT_POLICY = FetchPolicy()


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful response: final URL after redirects, media type, and body bytes."""

    url: str
    content_type: str
    charset: str | None
    content: bytes


class _Refused(Exception):
    """A fetch that must not go on; its message is the reject's reason."""


def is_url(source: str) -> bool:
    """True for an http(s):// source."""
    return urlsplit(source).scheme.lower() in ("http", "https")


def private_allowed(policy: FetchPolicy) -> bool:
    """True when `policy` or the environment (NEWSDESK_ALLOW_PRIVATE_URLS=1) allows non-public hosts."""
    return policy.allow_private or os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in ("1", "true", "yes")


def is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for a globally routable unicast address; loopback, private, link-local, unspecified,
    multicast and reserved ones (IPv4 inside IPv6 included) are not."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_multicast or ip.is_reserved or ip.is_unspecified or ip.is_loopback or ip.is_link_local
    )


def _pin(url: httpx.URL, policy: FetchPolicy) -> tuple[httpx.URL, dict[str, str], dict[str, str]]:
    """(URL to connect to, extra headers, request extensions) for one hop.

    Resolves the host and refuses it unless every address is public; the request then goes to the
    first address, with the original Host header and TLS server name (so certificates still match).
    """
    if url.scheme not in ("http", "https"):
        raise _Refused(f"redirected to a {url.scheme or 'schemeless'} URL: only http and https URLs are fetched")
    if private_allowed(policy):
        return url, {}, {}
    try:
        infos = socket.getaddrinfo(
            url.raw_host.decode("ascii"), url.port or (443 if url.scheme == "https" else 80), type=socket.SOCK_STREAM
        )
    except (socket.gaierror, UnicodeError) as exc:
        raise _Refused(f"cannot resolve {url.host}: {getattr(exc, 'strerror', None) or exc}") from None
    addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))
    for ip in addresses:
        if not is_public(ip):
            raise _Refused(
                f"refused: {url.host} resolves to a non-public address ({ip}); "
                f"set {ALLOW_PRIVATE_ENV}=1 or --allow-private-urls to fetch such hosts"
            )
    ext = {"sni_hostname": url.raw_host.decode("ascii")} if url.scheme == "https" else {}
    return url.copy_with(host=str(addresses[0])), {"Host": url.netloc.decode("ascii")}, ext


def _inflater(coding: str):
    """A zlib decompressor for one content coding, or None for identity."""
    if coding in ("", "identity"):
        return None
    if coding in ("gzip", "x-gzip"):
        return zlib.decompressobj(zlib.MAX_WBITS | 16)
    if coding == "deflate":
        return "deflate"  # zlib-wrapped or raw: decided on the first bytes
    raise _Refused(f"unsupported content coding: {coding}")


def _read_body(resp: httpx.Response, policy: FetchPolicy, deadline: float) -> bytes:
    """The body, inflated here with a bound: stops as soon as it would pass max_bytes (decoded) or the deadline."""
    codings = [c.strip().lower() for c in resp.headers.get("content-encoding", "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if len(codings) > 1:  # a stacked gzip, gzip inflates by orders of magnitude per layer
        raise _Refused(f"refused: more than one content coding ({', '.join(codings)})")
    inflater = _inflater(codings[0] if codings else "")
    body = bytearray()
    too_large = f"response too large: over {policy.max_bytes} bytes decoded, download stopped"
    for raw in resp.iter_raw():
        if inflater == "deflate":
            wrapped = len(raw) >= 2 and raw[0] & 0x0F == 8 and (raw[0] << 8 | raw[1]) % 31 == 0
            inflater = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        data = raw
        while data:
            if inflater is None:
                body += data
                data = b""
            else:
                try:  # never more than one byte past the limit per call
                    body += inflater.decompress(data, policy.max_bytes + 1 - len(body))
                except zlib.error as exc:
                    raise _Refused(f"cannot decode the {codings[0]} body: {exc}") from None
                data = inflater.unconsumed_tail
            if len(body) > policy.max_bytes:
                raise _Refused(too_large)
        if time.monotonic() > deadline:
            raise _Refused(f"deadline of {policy.deadline:g} s passed while reading the body, download stopped")
    return bytes(body)


def _attempt(client: httpx.Client, url: str, policy: FetchPolicy, deadline: float) -> Fetched | Reject:
    """One GET of `url`, following at most max_redirects redirects, each hop checked by `_pin`."""
    current = httpx.URL(url)
    for _hop in range(policy.max_redirects + 1):
        target, headers, ext = _pin(current, policy)
        # a read waits at most the time left, so the deadline is overshot by one chunk at worst
        wait = max(0.01, min(policy.timeout, deadline - time.monotonic()))
        headers["Accept-Encoding"] = ACCEPT_ENCODING  # also on a caller's client, whose default may offer br or zstd
        request = client.build_request("GET", target, headers=headers, extensions=ext, timeout=httpx.Timeout(wait))
        resp = client.send(request, stream=True, follow_redirects=False)
        try:
            if resp.status_code in REDIRECT_STATUSES and "location" in resp.headers:
                current = httpx.URL(urljoin(str(current), resp.headers["location"]))
                continue
            if resp.status_code >= 400:
                return Reject(url, "fetch", f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > policy.max_bytes:
                return Reject(url, "fetch", f"response too large: {declared} bytes declared, limit {policy.max_bytes}")
            content = _read_body(resp, policy, deadline)
            content_type = resp.headers.get("content-type", "").split(";")[0].strip().lower()
            return Fetched(str(current), content_type, resp.charset_encoding, content)
        finally:
            resp.close()
    return Reject(url, "fetch", f"too many redirects (limit {policy.max_redirects})")


def fetch(url: str, policy: FetchPolicy = DEFAULT_POLICY, client: httpx.Client | None = None) -> Fetched | Reject:
    """GET `url` within `policy`; the response, or a reject (stage "fetch") saying why not."""
    if not is_url(url):
        return Reject(url, "fetch", "only http and https URLs are fetched")
    deadline = time.monotonic() + policy.deadline
    past_deadline = f"deadline of {policy.deadline:g} s passed"
    own = client is None
    if client is None:
        client = httpx.Client(headers={"User-Agent": policy.user_agent, "Accept-Encoding": ACCEPT_ENCODING})
    try:
        last: Reject | None = None
        for attempt in range(policy.retries + 1):
            if attempt:
                pause = policy.backoff * 2 ** (attempt - 1)
                if last is not None and time.monotonic() + pause >= deadline:
                    last.reason += f"; no retry: {past_deadline}"
                    return last
                time.sleep(pause)
            try:
                result = _attempt(client, url, policy, deadline)
            except _Refused as exc:
                return Reject(url, "fetch", str(exc))
            except httpx.UnsupportedProtocol as exc:
                return Reject(url, "fetch", f"unsupported protocol: {exc}")
            except httpx.TimeoutException as exc:
                if time.monotonic() >= deadline:
                    return Reject(url, "fetch", f"{past_deadline} ({type(exc).__name__})")
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
