"""Extraction tasks. A batch task reads, extracts and writes its documents itself, so it takes
only ids and returns only counts: it runs as well on a Dask worker as in the flow's process.
Reading and writing are idempotent, so the batch retries as a whole."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from marsad import extract
from tasks.pool import run_on_pool, run_parts_on_pool

IO = dict(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)


@task(name="find-pending-extractions", **IO)
def find_pending(lake_dir: Path, extractor: str) -> list[str]:
    """Documents the current extractor has not read yet."""
    return extract.pending(lake_dir, extractor)


@task(name="extract-batch", **IO)
def extract_batch(lake_dir: Path, doc_ids: list[str], extractor: str, now: datetime,
                  workers: int = 1) -> extract.ExtractReport:
    """Find the actors, claims and events of a batch of documents and write them to the lake (on one
    of this process's `workers` worker processes when there are several: tasks/pool.py)."""
    if workers > 1:
        return run_on_pool(workers, extract.extract_documents, lake_dir, doc_ids, extractor, now)
    return extract.extract_documents(lake_dir, doc_ids, extractor, now)


@task(name="extract-written-batch", **IO)
def extract_texts(lake_dir: Path, docs: list[extract.DocText], extractor: str, now: datetime,
                  workers: int = 1) -> extract.ExtractReport:
    """extract-batch for documents the flow has just written, given with their text (not read
    back from the lake: 0.4 ms of CPU a document saved), in one part per worker process."""
    if workers == 1:
        return extract.extract_texts(lake_dir, docs, extractor, now)
    report = extract.ExtractReport()
    for part in run_parts_on_pool(workers, extract.extract_texts, lake_dir, docs, extractor, now):
        report.add(part)
    return report
