"""Web sources of a run: page URLs, URL files, feeds and sitemaps -> page sources to fetch."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from ..errors import SettingsError
from ..lake import has_files, read_lake
from ..reading import Reject
from ..settings import Settings
from ..sources import SourceRef
from .discover import discover_feed, discover_sitemap
from .fetch import FetchConfig, Fetcher
from .pages import page_ref
from .urls import is_http_url, normalize
from ..storage import quiet_connect

log = logging.getLogger(__name__)

# A feed or sitemap that answers 404 (Not Found) or 410 (Gone) is not asked again on every run:
# after n such answers in a row it rests min(2 ** (n - 1), REST_DAYS_MAX) days (1, 2, 4, ... 30), so
# one gone by mistake is read again the next day and one gone for good costs a request a month.
# Set by judgment (a feed is listed to be read for months); `--refresh` asks at once.
GONE = frozenset({404, 410})
REST_DAYS_MAX = 30


@dataclass(frozen=True)
class WebSources:
    """What a run reads from the web.

    `refresh` fetches known pages again; `reparse` rebuilds the documents of every page stored
    in raw_pages from its stored body, without the network (after an extraction change).
    """

    urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    refresh: bool = False
    reparse: bool = False

    def __bool__(self) -> bool:
        return bool(self.urls or self.feeds or self.sitemaps or self.reparse)


@dataclass
class WebDiscovery:
    """Page sources to fetch (first-seen order, once each) and rejects of feeds, sitemaps, URLs."""

    pages: list[SourceRef] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)     # feeds and sitemaps read without a failure
    resting: list[str] = field(default_factory=list)    # feeds and sitemaps not fetched (gone lately)


def is_url(text: str) -> bool:
    """Whether a command-line source is a URL rather than a path."""
    return str(text).lower().startswith(("http://", "https://"))


def read_url_file(path: str | Path) -> list[str]:
    """The URLs of a file, one a line ('#' starts a comment); a SettingsError names a bad line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise SettingsError(f"{path}: no such URL file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise SettingsError(f"{path}: unreadable URL file ({err})") from None
    urls = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if not is_http_url(text):
            raise SettingsError(f"{path}:{number}: not an http(s) URL: {text!r}")
        urls.append(text)
    return urls


def fetch_config(settings: Settings) -> FetchConfig:
    """The fetcher's configuration from the run's settings."""
    return FetchConfig(user_agent=settings.user_agent, timeout_s=settings.fetch_timeout,
                       retries=settings.fetch_retries, max_redirects=settings.fetch_max_redirects,
                       max_bytes=settings.fetch_max_bytes, retry_after_max_s=settings.fetch_retry_after_max,
                       allow_private=settings.allow_private_networks, workers=settings.fetch_workers,
                       per_host_concurrency=settings.per_host_concurrency,
                       per_host_rps=settings.per_host_rps)


def discover_web(fetcher: Fetcher, web: WebSources, resting: dict[str, str] | None = None) -> WebDiscovery:
    """Page URLs given directly and found in feeds and sitemaps, normalised and deduplicated;
    the feeds and sitemaps in `resting` (see `resting_listings`) are not fetched."""
    found, seen, resting = WebDiscovery(), set(), resting or {}
    for url in web.urls:
        _add(found, seen, url, normalize(url, pages_only=False))
    for kind, urls, read in (("feed", web.feeds, discover_feed), ("sitemap", web.sitemaps, discover_sitemap)):
        for url in urls:
            if url in resting:
                log.warning("%s %s not fetched: %s", kind, url, resting[url])
                found.resting.append(url)
                continue
            listed = read(fetcher, url)
            if not listed.failures:
                found.listed.append(url)
            for failure in listed.failures:
                found.rejects.append(Reject(page_ref(url, kind), failure.error or "http_status",
                                            f"{kind} {failure.url}: {failure.message}", failure.n_bytes))
            for page in listed.urls:
                _add(found, seen, page, page)
    log.info("%d page URLs to consider, %d feed or sitemap failures", len(found.pages), len(found.rejects))
    return found


def resting_listings(lake_dir: Path, web: WebSources, now: datetime) -> dict[str, str]:
    """The feeds and sitemaps not to fetch this run, each with why: their last fetches (fetch_log)
    answered 404 or 410, and their rest since the last one is not over. None with `refresh`."""
    urls = list(web.feeds + web.sitemaps)
    if web.refresh or not urls or not has_files(lake_dir, "fetch_log"):
        return {}
    with quiet_connect() as con:
        rows = read_lake(con, lake_dir, "fetch_log", """
            select url, list(status order by fetched_at desc), max(fetched_at) from {fetch_log}
            where kind = 'xml' and list_contains($urls, url) group by url""", {"urls": urls})
    out = {}
    for url, statuses, last in rows:
        gone = next((n for n, status in enumerate(statuses) if status not in GONE), len(statuses))
        until = last + timedelta(days=min(2 ** (gone - 1), REST_DAYS_MAX)) if gone else None
        if until is not None and now < until:
            out[url] = (f"HTTP {statuses[0]} on its last {gone} fetch(es), the last at {last:%Y-%m-%d %H:%M} UTC; "
                        f"asked again after {until:%Y-%m-%d %H:%M} UTC, or now with --refresh")
    return out


def add_stored(found: WebDiscovery, stored: set[str]) -> None:
    """Add every page stored in raw_pages that discovery did not list (for a reparse)."""
    listed = {ref.uri for ref in found.pages}
    found.pages += [page_ref(url) for url in sorted(stored - listed)]


def _add(found: WebDiscovery, seen: set[str], url: str, normal: str | None) -> None:
    """Add a page URL (normalised) once, or a bad_url reject."""
    if normal is None:
        found.rejects.append(Reject(page_ref(url), "bad_url", f"not a usable http(s) page URL: {url!r}"))
    elif normal not in seen:
        seen.add(normal)
        found.pages.append(page_ref(normal))
