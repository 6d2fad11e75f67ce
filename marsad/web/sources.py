"""Web sources of a run: page URLs, URL files, feeds and sitemaps -> page sources to fetch."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SettingsError
from ..reading import Reject
from ..settings import Settings
from ..sources import SourceRef
from .discover import discover_feed, discover_sitemap
from .fetch import FetchConfig, Fetcher
from .pages import page_ref
from .urls import is_http_url, normalize

log = logging.getLogger(__name__)


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


def discover_web(fetcher: Fetcher, web: WebSources) -> WebDiscovery:
    """Page URLs given directly and found in feeds and sitemaps, normalised and deduplicated."""
    found, seen = WebDiscovery(), set()
    for url in web.urls:
        _add(found, seen, url, normalize(url, pages_only=False))
    for kind, urls, read in (("feed", web.feeds, discover_feed), ("sitemap", web.sitemaps, discover_sitemap)):
        for url in urls:
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
