"""robots.txt per host, fetched once per run through the run's own Fetcher.

Policy (RFC 9309, section 2.3.1):
- 2xx: the rules apply (parsed by urllib.robotparser), and a Crawl-delay for our user agent
  (or `*`) raises the host's request spacing in the limiter, up to `max_crawl_delay_s`.
- 4xx (404, 410, also 401/403): no robots.txt, everything is allowed.
- 5xx, timeouts, connection errors (after the fetcher's retries) and any other failure: the
  host is "unreachable" and everything on it is disallowed for this run (reason
  `robots_unavailable`); RFC 9309 asks crawlers to assume complete disallow, so a host whose
  robots.txt is failing is not hammered, and the next run asks again.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING
from urllib.robotparser import RobotFileParser

from marsad.web.fetch import FetchError, FetchResult
from marsad.web.urls import host_of, origin_of

if TYPE_CHECKING:
    from marsad.web.fetch import Fetcher

logger = logging.getLogger(__name__)


class RobotsCache:
    """The robots.txt rules of each origin (scheme and host) seen by one Fetcher."""

    def __init__(self, fetcher: Fetcher):
        self.fetcher = fetcher
        self._rules: dict[str, tuple[RobotFileParser, str | None]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def check(self, url: str) -> None:
        """Raise FetchError (robots_disallowed or robots_unavailable) when the URL may not be fetched."""
        parser, failure = self.rules(origin_of(url))
        if failure is not None:
            raise FetchError("robots_unavailable", failure)
        if not parser.can_fetch(self.fetcher.config.user_agent, url):
            raise FetchError("robots_disallowed",
                             f"robots.txt of {host_of(url)} disallows this URL for our user agent")

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets our user agent fetch the URL."""
        try:
            self.check(url)
        except FetchError:
            return False
        return True

    def rules(self, origin: str) -> tuple[RobotFileParser, str | None]:
        """The parser for an origin and the failure message when robots.txt was unreachable."""
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._rules:
                self._rules[origin] = self._load(origin)
            return self._rules[origin]

    def _load(self, origin: str) -> tuple[RobotFileParser, str | None]:
        """Fetch and parse an origin's robots.txt, applying its crawl delay to the limiter."""
        result = self.fetcher.fetch(f"{origin}/robots.txt", kind="robots")
        parser = RobotFileParser(f"{origin}/robots.txt")
        failure = _apply(parser, result)
        if failure is None:
            self._crawl_delay(parser, host_of(origin))
        else:
            logger.warning("robots.txt of %s unavailable: %s", origin, failure)
        return parser, failure

    def _crawl_delay(self, parser: RobotFileParser, host: str) -> None:
        """Raise the host's spacing to its Crawl-delay (or Request-rate), capped."""
        agent = self.fetcher.config.user_agent
        delay = parser.crawl_delay(agent)
        rate = parser.request_rate(agent)
        if rate is not None and rate.requests:
            delay = max(float(delay or 0), rate.seconds / rate.requests)
        if delay:
            capped = min(float(delay), self.fetcher.config.max_crawl_delay_s)
            self.fetcher.limiter.set_delay(host, capped)


def _apply(parser: RobotFileParser, result: FetchResult) -> str | None:
    """Feed a fetched robots.txt to the parser; the failure message when it was unreachable."""
    if result.ok:
        parser.parse((result.body or b"").decode("utf-8", errors="replace").splitlines())
        return None
    if result.status is not None and 400 <= result.status < 500:
        parser.allow_all = True
        return None
    parser.disallow_all = True
    return f"robots.txt unreachable ({result.message}); the host is skipped for this run"
