"""Web tasks: URL files, discovery in feeds and sitemaps, fetching, the fetch log.

No Prefect retries on fetching: the fetcher retries each request itself (backoff, Retry-After),
and a task-level retry would fetch a whole batch again. The fetcher is the run's one live
resource (connection pool, per-host limiter, robots.txt cache): the flow creates it and calls
these tasks in its own process, so politeness holds across the whole run; what it fetched comes
back from the flow (`fetched`) as a value for `write_fetch_log`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from marsad import ingest
from marsad.lake import LakeState
from marsad.web import sources, store
from marsad.web.fetch import Fetcher

IO = dict(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)


@task(name="read-url-files", **IO)
def read_url_files(paths: list[str]) -> list[str]:
    """The URLs listed in the given files, in order."""
    return [url for path in paths for url in sources.read_url_file(path)]


@task(name="discover-pages", cache_policy=NO_CACHE)
def discover_pages(fetcher: Fetcher, web: sources.WebSources, lake_dir: Path | None = None,
                   now: datetime | None = None) -> sources.WebDiscovery:
    """Page URLs given directly or listed in feeds and sitemaps (not those gone lately: see
    `sources.resting_listings`)."""
    resting = sources.resting_listings(lake_dir, web, now) if lake_dir is not None and now is not None else {}
    return sources.discover_web(fetcher, web, resting)


@task(name="fetch-pages", cache_policy=NO_CACHE)
def fetch_pages(fetcher: Fetcher, refs: list, lake_dir: Path, state: LakeState, refresh: bool) -> list:
    """Fetch a batch of pages politely (or read them from raw_pages when fetched before)."""
    return store.fetch_pages(fetcher, refs, lake_dir, state, refresh)


@task(name="write-fetch-log", **IO)
def write_fetch_log(lake_dir: Path, fetches: list, stored: set) -> ingest.FetchLogWrite:
    """Write the fetch log and the new raw bodies of these fetches."""
    return ingest.write_fetch_log(lake_dir, fetches, stored)
