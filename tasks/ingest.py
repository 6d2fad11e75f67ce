"""Ingest tasks. I/O tasks retry; parsing does not (a retry would fail the same way).

Every task takes plain inputs and returns plain values that pickle: none changes what it is
given, so parsing can run on other processes (Dask) while the flow folds each write's LakeDelta
into the run's LakeState.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from marsad import health, ingest, lake, sources

IO = dict(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)


@task(name="discover-sources", **IO)
def discover_sources(paths: list[str]) -> sources.Discovery:
    """Expand files and folders into article sources."""
    return sources.discover(paths)


@task(name="load-lake-state", **IO)
def load_lake_state(lake_dir: Path) -> lake.LakeState:
    """Read what the lake already holds."""
    return lake.LakeState.load(lake_dir)


@task(name="triage-sources", **IO)
def triage_sources(found: list[sources.SourceRef], state: lake.LakeState, refresh: bool = False):
    """Split sources into those to read and those unchanged since the last run."""
    return ingest.triage(found, state, refresh)


@task(name="read-parse-documents", **IO)
def read_and_parse(refs: list[sources.SourceRef], max_bytes: int, record_max_bytes: int, ingested_at: datetime,
                   workers: int = 1):
    """Read a batch of files (bytes and sidecars; a web archive's HTML records) and parse them, in
    one task run: half the task runs and API events of a task each, and no batch of raw bytes handed
    between two tasks (or two Dask workers). Retried whole: reading is what can fail for a while,
    and parsing the same bytes again gives the same documents."""
    return ingest.parse_batch(ingest.read_items(refs, max_bytes, record_max_bytes), ingested_at, workers)


@task(name="parse-documents", cache_policy=NO_CACHE)
def parse_documents(raws: list, ingested_at: datetime, workers: int = 1):
    """Decode (HTML: extract the article), structure and segment a batch of documents."""
    return ingest.parse_batch(raws, ingested_at, workers)


@task(name="write-lake", **IO)
def write_lake(lake_dir: Path, items: list, state: lake.LakeState, now: datetime) -> ingest.BatchWrite:
    """Write a batch's new rows to the lake atomically; its outcomes and what it added."""
    return ingest.write_batch(lake_dir, items, state, now)


@task(name="record-source-health", **IO)
def record_source_health(data_dir: Path, outcomes: list, run_at: datetime) -> list[health.Failing]:
    """Update each source's streak of failed runs; return those failing too long."""
    return health.update_health(data_dir, outcomes, run_at)
