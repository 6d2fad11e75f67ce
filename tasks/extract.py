"""Extraction tasks. Reading and writing the lake retry; extraction does not."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from marsad import extract

IO = dict(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)


@task(name="load-lexicons", cache_policy=NO_CACHE)
def load_extractor() -> extract.Extractor:
    """Load and validate the actor and claim lexicons (once per process)."""
    return extract.default_extractor()


@task(name="find-pending-extractions", **IO)
def find_pending(lake_dir: Path, extractor: str) -> list[str]:
    """Documents the current extractor has not read yet."""
    return extract.pending(lake_dir, extractor)


@task(name="read-documents", **IO)
def read_documents(lake_dir: Path, doc_ids: list[str]) -> list[extract.DocText]:
    """Read a batch of documents' text and sentences from the lake."""
    return extract.read_documents(lake_dir, doc_ids)


@task(name="extract-actors-and-claims", cache_policy=NO_CACHE)
def extract_actors(docs: list[extract.DocText], extractor: extract.Extractor, now: datetime) -> dict:
    """Find the actors and claims of a batch of documents."""
    return extract.extract_batch(docs, extractor, now)


@task(name="write-extractions", **IO)
def write_extractions(lake_dir: Path, rows: dict) -> extract.ExtractReport:
    """Write a batch's extraction rows to the lake atomically."""
    return extract.write_extraction(lake_dir, rows)
