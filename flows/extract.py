"""Flow `extract`: documents in the lake -> actor mentions and claims, for documents not yet read."""

from __future__ import annotations

import time
from datetime import datetime, timezone

from prefect import flow, get_run_logger
from prefect.utilities.annotations import quote

from marsad.extract import ExtractReport
from marsad.ingest import batches
from marsad.progress import progress_bar
from marsad.runlock import run_lock
from marsad.settings import Settings
from tasks.extract import extract_actors, find_pending, load_extractor, read_documents, write_extractions


@flow(name="extract", flow_run_name="extract {data_dir}")
def extract(data_dir: str = "data", batch_size: int | None = None) -> ExtractReport:
    """Find actors and claims in new documents and in documents read by an older extractor."""
    started, now = time.perf_counter(), datetime.now(timezone.utc)
    settings = Settings.load(dict(data_dir=data_dir, batch_size=batch_size))
    with run_lock(settings.data_dir):     # one run at a time per data dir (marsad/runlock.py)
        extractor = load_extractor()
        todo = find_pending(settings.lake_dir, extractor.fingerprint)
        report = ExtractReport()
        get_run_logger().info("%d documents to read (new, or read by an older extractor)", len(todo))
        with progress_bar(len(todo), "actors") as bar:
            for ids in batches(todo, settings.batch_size):
                docs = read_documents(settings.lake_dir, ids)
                rows = extract_actors(quote(docs), quote(extractor), now)
                report.add(write_extractions(settings.lake_dir, quote(rows)))
                bar.advance(len(ids))
    report.seconds = time.perf_counter() - started
    if todo:
        get_run_logger().info("found %d actor mentions, %d claims and %d events in %.1f s",
                              report.mentions, report.claims, report.events, report.seconds)
    return report
