"""Fetch web pages politely and robustly: every problem comes back as a FetchResult, never raised.

One request goes: URL check -> network guard -> robots.txt -> per-host limiter slot -> streamed
GET with a byte limit and a deadline on the whole exchange, headers included (deadline.py).
Redirects are followed here (not by httpx) so that the guard and robots.txt apply to every hop. Timeouts, connection errors, 429 and 5xx are
retried with exponential backoff and jitter (Retry-After honoured up to a cap); other 4xx are not.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urljoin

import httpx

from marsad.settings import DEFAULTS
from marsad.web.deadline import deadline as within
from marsad.web.deadline import deadline_transport
from marsad.web.limiter import HostLimiter
from marsad.web.netguard import Blocked, NetGuard
from marsad.web.urls import host_of, is_http_url

logger = logging.getLogger(__name__)

REDIRECTS = (301, 302, 303, 307, 308)
RETRIED = ("timeout", "connection")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Types a server may send for bytes it does not know: decided by sniffing, like a missing type.
UNKNOWN_TYPES = ("", "application/octet-stream", "binary/octet-stream")
HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)",
                        re.IGNORECASE | re.DOTALL)
XML_START = re.compile(rb"^\s*(?:<\?xml|<rss|<feed|<urlset|<sitemapindex|<rdf)|^\x1f\x8b",
                       re.IGNORECASE)
CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class FetchConfig:
    """How to fetch: identity, limits, retries and politeness (one per run).

    Defaults shared with the settings come from defaults.toml, where their reasons are written;
    with a base of 1 s the retry waits are about 1 s and 2 s.
    """

    user_agent: str = DEFAULTS["user_agent"]
    timeout_s: float = DEFAULTS["fetch_timeout"]
    connect_timeout_s: float = 10.0
    retries: int = DEFAULTS["fetch_retries"]
    backoff_base_s: float = 1.0
    backoff_max_s: float = 30.0
    retry_after_max_s: float = DEFAULTS["fetch_retry_after_max"]
    max_redirects: int = DEFAULTS["fetch_max_redirects"]
    max_bytes: int = DEFAULTS["fetch_max_bytes"]
    allow_private: bool = DEFAULTS["allow_private_networks"]
    obey_robots: bool = True
    # Crawl delays above this are cut to it (a robots.txt asking 1 hour would stall a run).
    max_crawl_delay_s: float = 30.0
    per_host_concurrency: int = DEFAULTS["per_host_concurrency"]
    per_host_rps: float = DEFAULTS["per_host_rps"]
    workers: int = DEFAULTS["fetch_workers"]


@dataclass(frozen=True)
class FetchResult:
    """The outcome of one fetch (all attempts, all redirect hops); `error` None when it worked.

    `body` is the response body after content-encoding (gzip, br) is undone; `headers` are the
    final response's, so a WARC writer must drop Content-Encoding and Content-Length from them.
    """

    url: str
    final_url: str
    status: int | None
    content_type: str | None
    charset: str | None
    body: bytes | None
    n_bytes: int
    elapsed_s: float
    attempts: int
    fetched_at: datetime
    error: str | None
    message: str | None
    headers: tuple[tuple[str, str], ...] = ()
    redirects: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether a 2xx response with an acceptable body came back."""
        return self.error is None and self.status is not None and 200 <= self.status < 300


@dataclass
class _Hop:
    """The outcome of one request: a response, a redirect to follow, or an error."""

    url: str
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    location: str | None = None
    error: str | None = None
    message: str | None = None
    retry_after_s: float | None = None
    redirects: tuple[str, ...] = field(default_factory=tuple)


class FetchError(Exception):
    """A failed request inside the fetcher: `reason` is the FetchResult error code."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


class Fetcher:
    """Fetches URLs under one FetchConfig; share the limiter (and robots cache) across a run.

    Args:
        config: limits, retries, identity.
        limiter: the run's HostLimiter (a new one from the config when None).
        guard: the network guard (a NetGuard from `config.allow_private` when None).
        transport: an httpx transport (tests; None for the network).
    """

    def __init__(self, config: FetchConfig | None = None, limiter: HostLimiter | None = None,
                 guard: NetGuard | None = None, transport: httpx.BaseTransport | None = None):
        from marsad.web.robots import RobotsCache

        self.config = config or FetchConfig()
        self.limiter = limiter or HostLimiter(self.config.per_host_concurrency,
                                              self.config.per_host_rps)
        self.guard = guard or NetGuard(self.config.allow_private)
        self.robots = RobotsCache(self) if self.config.obey_robots else None
        self._client = _client(self.config, transport)
        self._journal: list[tuple[str, FetchResult]] = []   # (kind, result) of every fetch
        self._journal_lock = threading.Lock()

    def journal(self) -> list[tuple[str, FetchResult]]:
        """The (kind, result) of every fetch not yet forgotten, robots.txt included."""
        with self._journal_lock:
            return list(self._journal)

    def forget(self, count: int) -> None:
        """Drop the first `count` journal entries (once they are written)."""
        with self._journal_lock:
            del self._journal[:count]

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def fetch(self, url: str, kind: str = "html") -> FetchResult:
        """Fetch one URL; `kind` is html (pages), xml (feeds, sitemaps) or robots (any text)."""
        started, fetched_at = time.monotonic(), datetime.now(timezone.utc)
        attempts, hop = 0, _Hop(url)
        while True:
            attempts += 1
            hop = self._follow(url, kind)
            delay = self._retry_delay(hop, attempts)
            if delay is None:
                break
            logger.info("retry %s in %.2f s after %s", url, delay, hop.message)
            time.sleep(delay)
        result = _result(url, hop, attempts, time.monotonic() - started, fetched_at)
        with self._journal_lock:
            self._journal.append((kind, result))
        return result

    def fetch_many(self, urls: list[str], kind: str = "html") -> list[FetchResult]:
        """Fetch URLs on `config.workers` threads; results in the order of `urls`."""
        if not urls:
            return []
        workers = min(self.config.workers, len(urls))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="marsad-fetch") as pool:
            return list(pool.map(lambda u: self.fetch(u, kind), urls))

    def _follow(self, url: str, kind: str) -> _Hop:
        """Request a URL and follow its redirects (guard and robots on every hop)."""
        chain = [url]
        for _ in range(self.config.max_redirects + 1):
            hop = self._request(chain[-1], kind)
            hop.redirects = tuple(chain[:-1])
            if hop.location is None:
                return hop
            target = urljoin(chain[-1], hop.location)
            if target in chain:
                return replace(hop, location=None, error="redirect_loop",
                               message=f"redirect loop: {target} was already visited")
            chain.append(target)
        return replace(hop, location=None, error="too_many_redirects",
                       message=f"more than {self.config.max_redirects} redirects "
                               "(setting fetch_max_redirects)")

    def _request(self, url: str, kind: str) -> _Hop:
        """One GET of one URL: checks first, then a streamed response within the limits."""
        try:
            self._check(url, kind)
            with self.limiter.slot(host_of(url)):
                return self._get(url, kind)
        except FetchError as exc:
            return _Hop(url, error=exc.reason, message=str(exc))
        except Blocked as exc:
            return _Hop(url, error=exc.reason, message=str(exc))
        except httpx.TimeoutException as exc:
            return _Hop(url, error="timeout", message=f"timed out ({type(exc).__name__})")
        except (httpx.TransportError, OSError) as exc:
            return _Hop(url, error="connection", message=f"connection failed: {exc or type(exc).__name__}")
        except httpx.HTTPError as exc:
            return _Hop(url, error="bad_response", message=f"bad response: {exc}")

    def _check(self, url: str, kind: str) -> None:
        """Raise for a URL that must not be requested (scheme, address, robots.txt)."""
        if not is_http_url(url):
            raise FetchError("bad_url", f"not an absolute http(s) URL: {url!r}")
        self.guard.check(url)
        if self.robots is not None and kind != "robots":
            self.robots.check(url)

    def _get(self, url: str, kind: str) -> _Hop:
        """Stream one response: redirect, HTTP error, refused type, or a body within limits."""
        deadline = time.monotonic() + self.config.timeout_s
        # The whole exchange, headers included, within timeout_s (a drip of headers too).
        with within(self.config.timeout_s), self._client.stream("GET", url) as response:
            hop = _Hop(url, status=response.status_code,
                       headers=tuple(response.headers.multi_items()))
            if response.status_code in REDIRECTS and "location" in response.headers:
                hop.location = response.headers["location"]
            elif not response.is_success:
                _http_error(hop, response, self.config)
            else:
                hop.body = self._read(response, kind, deadline)
            return hop

    def _read(self, response: httpx.Response, kind: str, deadline: float) -> bytes:
        """The body, refused early for a wrong type or a length over the limit."""
        mime = _mime(response.headers.get("content-type"))
        if mime not in UNKNOWN_TYPES and not accepts(kind, mime):
            raise FetchError(_type_error(kind), f"content type {mime} is not {_wanted(kind)}")
        _check_length(response, self.config.max_bytes)
        body = _stream(response, self.config.max_bytes, deadline, self.config.timeout_s)
        if mime in UNKNOWN_TYPES and not sniff(kind, body):
            raise FetchError(_type_error(kind), f"no content type and the body is not {_wanted(kind)}")
        return body

    def _retry_delay(self, hop: _Hop, attempts: int) -> float | None:
        """Seconds to wait before the next attempt, or None when not to retry."""
        if attempts > self.config.retries or not _retryable(hop):
            return None
        if hop.retry_after_s is not None and hop.retry_after_s > self.config.retry_after_max_s:
            hop.message += (f"; Retry-After {hop.retry_after_s:.0f} s is over the cap of "
                            f"{self.config.retry_after_max_s:.0f} s (setting fetch_retry_after_max)")
            return None
        return max(backoff(attempts, self.config), hop.retry_after_s or 0.0)


def backoff(attempt: int, config: FetchConfig) -> float:
    """Exponential backoff with equal jitter: half the step fixed, half random."""
    step = min(config.backoff_max_s, config.backoff_base_s * 2 ** (attempt - 1))
    return step / 2 + random.uniform(0, step / 2)


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked by a Retry-After header (delta seconds or an HTTP date), None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def accepts(kind: str, mime: str) -> bool:
    """Whether a declared content type is acceptable for a kind of fetch."""
    if kind == "html":
        return mime in HTML_TYPES
    if kind == "xml":
        return "xml" in mime or "gzip" in mime or mime.startswith("text/") or "json" in mime
    return mime.startswith("text/")


def sniff(kind: str, body: bytes) -> bool:
    """Whether an untyped body looks like the kind asked for."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf")
    if kind == "html":
        return bool(HTML_START.match(head))
    if kind == "xml":
        return bool(XML_START.match(head))
    return b"\x00" not in head


def _client(config: FetchConfig, transport: httpx.BaseTransport | None) -> httpx.Client:
    """An httpx client that never follows redirects itself and ignores proxy variables."""
    timeout = httpx.Timeout(config.timeout_s, connect=config.connect_timeout_s)
    connections = max(config.workers, config.per_host_concurrency) * 2
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    return httpx.Client(
        follow_redirects=False, timeout=timeout, transport=transport or deadline_transport(limits),
        trust_env=False, limits=limits,
        headers={"User-Agent": config.user_agent, "Accept": "text/html,application/xhtml+xml,"
                 "application/xml;q=0.9,*/*;q=0.8"})


def _http_error(hop: _Hop, response: httpx.Response, config: FetchConfig) -> None:
    """Record an HTTP error status (and the Retry-After of a 429 or 5xx)."""
    hop.error, hop.message = "http_status", f"HTTP {response.status_code} {_phrase(response)}"
    if response.status_code == 429 or response.status_code >= 500:
        hop.retry_after_s = retry_after(response.headers.get("retry-after"))


def _check_length(response: httpx.Response, max_bytes: int) -> None:
    """Refuse a declared Content-Length over the limit before reading (uncompressed only)."""
    declared = response.headers.get("content-length", "")
    encoded = response.headers.get("content-encoding", "identity") != "identity"
    if declared.isdigit() and not encoded and int(declared) > max_bytes:
        raise FetchError("too_large", _too_large(max_bytes))


def _stream(response: httpx.Response, max_bytes: int, deadline: float, timeout_s: float) -> bytes:
    """Read the (decoded) body chunk by chunk, stopping at the byte limit or the deadline."""
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError("too_large", _too_large(max_bytes))
        if time.monotonic() > deadline:
            raise FetchError("timeout", f"body not complete within {timeout_s:g} s "
                                        "(setting fetch_timeout)")
        chunks.append(chunk)
    return b"".join(chunks)


def _result(url: str, hop: _Hop, attempts: int, elapsed_s: float, fetched_at: datetime) -> FetchResult:
    """The FetchResult of the last attempt."""
    ctype = dict((k.lower(), v) for k, v in hop.headers).get("content-type")
    charset = CHARSET.search(ctype or "")
    if hop.error:
        logger.info("fetch failed %s: %s", url, hop.message)
    return FetchResult(
        url=url, final_url=hop.url, status=hop.status, content_type=_mime(ctype) or None,
        charset=charset.group(1).lower() if charset else None, body=hop.body,
        n_bytes=len(hop.body or b""), elapsed_s=round(elapsed_s, 4), attempts=attempts,
        fetched_at=fetched_at, error=hop.error, message=hop.message, headers=hop.headers,
        redirects=hop.redirects)


def _retryable(hop: _Hop) -> bool:
    """Timeouts, connection errors, 429 and 5xx are worth another attempt."""
    if hop.error in RETRIED:
        return True
    return hop.error == "http_status" and (hop.status == 429 or (hop.status or 0) >= 500)


def _mime(content_type: str | None) -> str:
    """The media type of a Content-Type header, lower case, without parameters."""
    return (content_type or "").split(";")[0].strip().lower()


def _phrase(response: httpx.Response) -> str:
    """The reason phrase of a status (the server's, else the standard one)."""
    if response.reason_phrase:
        return response.reason_phrase
    try:
        return HTTPStatus(response.status_code).phrase
    except ValueError:
        return ""


def _type_error(kind: str) -> str:
    """The error code for a refused content type."""
    return "not_html" if kind == "html" else "bad_content_type"


def _wanted(kind: str) -> str:
    """The acceptable types of a kind, for messages."""
    return {"html": "HTML or XHTML", "xml": "XML, a feed or gzip"}.get(kind, "text")


def _too_large(max_bytes: int) -> str:
    """The message for a body over the limit."""
    return f"body over the limit of {max_bytes:,} bytes (setting fetch_max_bytes)"

