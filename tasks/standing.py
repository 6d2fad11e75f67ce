"""Standing-sources task: read the list a scheduled run ingests."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from marsad.standing import Standing, load_standing


@task(name="read-standing-sources", retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def read_standing_sources(sources_file: str) -> Standing:
    """The folders, files, pages, feeds and sitemaps listed in the sources file."""
    return load_standing(sources_file)
