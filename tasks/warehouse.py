"""Warehouse tasks: build into a new file, run the data tests, publish."""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from marsad import warehouse
from marsad.settings import Settings

IO = dict(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)


@task(name="check-warehouse", cache_policy=NO_CACHE)
def check_warehouse(settings: Settings, force: bool) -> str | None:
    """Fingerprint of the lake and SQL to build for, or None if the warehouse is current."""
    return warehouse.needs_build(settings, force)


@task(name="build-models", **IO)
def build_models(settings: Settings, stamp: str) -> Path:
    """Run sql/staging and sql/marts into a new DuckDB file."""
    return warehouse.build_candidate(settings, stamp)


@task(name="run-data-tests", cache_policy=NO_CACHE)
def run_data_tests(candidate: Path, sql_dir: Path) -> int:
    """Run sql/tests; a failing test fails the task with its name and rows."""
    return warehouse.test_candidate(candidate, sql_dir)


@task(name="publish-warehouse", **IO)
def publish_warehouse(candidate: Path, target: Path) -> dict[str, int]:
    """Swap the tested build into place and count rows per table."""
    warehouse.publish(candidate, target)
    return warehouse.mart_counts(target)
