"""Warehouse tasks: build into a new file, run the data tests, publish."""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from marsad import catalog, compaction, warehouse
from marsad.settings import Settings

IO = dict(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)


@task(name="check-warehouse", cache_policy=NO_CACHE)
def check_warehouse(settings: Settings, force: bool, requested_at: float | None = None) -> str | None:
    """Fingerprint to build for, or None if current; a forced build asked for at `requested_at`
    (epoch s) is served by a full build published since (two runs asked at once build once)."""
    served = requested_at is not None and warehouse.built_fully_since(settings.warehouse_path, requested_at)
    return warehouse.needs_build(settings, force and not served)


@task(name="compact-lake", **IO)
def compact_lake(settings: Settings) -> compaction.Compacted:
    """Merge a table's small lake files once it has too many, among those the warehouse has read."""
    return compaction.compact(settings.lake_dir, warehouse.read_files(settings))


@task(name="build-models", **IO)
def build_models(settings: Settings, stamp: str) -> Path:
    """Run sql/staging and sql/marts into a new DuckDB file."""
    return warehouse.build_candidate(settings, stamp)


@task(name="run-data-tests", cache_policy=NO_CACHE)
def run_data_tests(candidate: Path, sql_dir: Path, memory_limit: str | None = None) -> int:
    """Run sql/tests; a failing test fails the task with its name and rows."""
    return warehouse.test_candidate(candidate, sql_dir, memory_limit=memory_limit)


@task(name="publish-warehouse", **IO)
def publish_warehouse(candidate: Path, target: Path) -> dict[str, int]:
    """Swap the tested build into place and count rows per table."""
    warehouse.publish(candidate, target)
    return warehouse.mart_counts(target)


@task(name="publish-catalog", **IO)
def publish_catalog(settings: Settings) -> catalog.PublishReport:
    """Publish the warehouse's marts into the DuckLake catalog (--catalog), unless it holds them already."""
    return catalog.publish(settings)
