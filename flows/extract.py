"""Flow `extract`: documents in the lake -> actor mentions, claims and events, for documents not yet read."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone

from prefect import flow, get_run_logger
from prefect.utilities.annotations import quote

from flows.runner import Steps, run_name, untagged
from marsad.extract import DocText, ExtractReport, default_fingerprint
from marsad.ingest import batches
from marsad.progress import progress_bar
from marsad.runlock import run_lock
from marsad.settings import Settings
from tasks.extract import extract_batch, extract_texts, find_pending
from tasks.pool import close_pools


@flow(name="extract", flow_run_name=run_name("extract"))
def extract(settings: Settings) -> ExtractReport:
    """Find actors, claims and events in new documents and in documents read by an older extractor."""
    started, now = time.perf_counter(), datetime.now(timezone.utc)
    # one run at a time per data dir (marsad/runlock.py); task runs untagged (flows/runner.py)
    with run_lock(settings.data_dir), untagged():
        extractor = default_fingerprint()      # a hash of the extractor's files: no task run of its own
        todo = find_pending(settings.lake_dir, extractor)
        report = ExtractReport()
        get_run_logger().info("%d documents to read (new, or read by an older extractor)", len(todo))
        todo_batches = batches(todo, settings.batch_size)
        steps = Steps.of(settings, len(todo))
        try:
            with progress_bar(len(todo), "actors") as bar:
                work = lambda ids: steps.batch(extract_batch, settings.lake_dir, ids, extractor, now,  # noqa: E731
                                               steps.processes)
                for ids, done in zip(todo_batches, steps.in_order(work, todo_batches)):
                    report.add(done)
                    bar.advance(len(ids))
        finally:
            close_pools()
    report.seconds = time.perf_counter() - started
    if todo:
        get_run_logger().info("found %d actor mentions, %d claims and %d events in %.1f s",
                              report.mentions, report.claims, report.events, report.seconds)
    return report


# The line the ingest flow logs when it waits for the extraction workers (bench/kill_matrix.py reads it).
WAITING = "waiting for the extraction workers"


@dataclass
class ReadAsWritten:
    """Extraction of each batch the ingest flow writes, handed to the extraction workers at once
    (the pipeline, when extraction runs on workers): the workers read while the flow parses the
    next batches, instead of waiting for the whole ingest. The extract flow then reads only what
    is left (documents of an older extractor, a batch that failed).

    10,000 corpus articles cold (bench/bench_pool.py --end-to-end): see the README's figures."""

    settings: Settings
    steps: Steps
    now: datetime
    extractor: str = field(default_factory=default_fingerprint)
    started: deque = field(default_factory=deque)
    report: ExtractReport = field(default_factory=ExtractReport)

    def submit(self, docs: list[DocText]) -> None:
        """Hand the documents a batch wrote to the workers with their text (not read back from the
        lake), in batches of the usual size; quoted, or Prefect would walk every sentence start.
        A batch is one task run whose parts, one per worker, are read at once (tasks/extract.py).
        At most AHEAD_PER_WORKER batches wait: the flow parses on when the workers have caught up,
        so texts do not pile up in its memory (the workers are the slower side). 10,000 corpus
        articles cold, 2026-12-07: a batch on one worker and 2 a worker waiting held 821-831 MiB at
        the peak of all processes, a batch in halves and 2 waiting 738-758 MiB (the tasks run on
        the flow's threads: a task a half cost the Prefect server 1.2 s more CPU)."""
        for part in batches(docs, self.settings.batch_size):
            self.started.append((len(part), self.steps.batch(
                extract_texts, self.settings.lake_dir, quote(part), self.extractor, self.now, self.steps.processes)))
            while len(self.started) > max(1, self.steps.ahead // self.steps.processes):
                self._take(self.started.popleft()[1])

    def finish(self) -> ExtractReport:
        """Wait for every batch handed in; what they found."""
        started, waiting = time.perf_counter(), sum(n for n, _ in self.started)
        if waiting:
            get_run_logger().info("%s: %d documents", WAITING, waiting)
        with progress_bar(waiting, "actors") as bar:
            while self.started:
                n, future = self.started.popleft()
                self._take(future)
                bar.advance(n)
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _take(self, future) -> None:
        """Add a finished batch's counts; a batch that failed (after its retries) is left pending
        for the extract flow, which reads it again (and fails the run if it fails again)."""
        try:
            self.report.add(future.result())
        except Exception as err:        # the task's own error, its retries spent
            get_run_logger().warning("extraction of a batch failed (%s): the extract flow reads it again", err)
