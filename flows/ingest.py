"""Flow `ingest`: article files, folders, web pages, feeds, sitemaps and WARC files -> the Parquet lake."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

from prefect import flow, get_run_logger
from prefect.artifacts import create_progress_artifact, update_progress_artifact

from flows.extract import ReadAsWritten
from flows.runner import Steps, run_name, untagged
from marsad import forkserver
from marsad.ingest import (LISTED, IngestReport, Outcome, Sources, batches, close_page_pools,
                           missing_rejects, split_sources, take_over)
from marsad.lake import LakeState
from marsad.progress import progress_bar
from marsad.runlock import run_lock
from marsad.settings import Settings
from marsad.web.fetch import Fetcher
from marsad.web.sources import WebSources, add_stored, fetch_config
from marsad.extract import default_fingerprint, pending, written_texts
from tasks.ingest import (discover_sources, load_lake_state, parse_documents, read_and_parse,
                          record_source_health, triage_sources, write_lake)
from tasks.web import discover_pages, fetch_pages, read_url_files, write_fetch_log

PROGRESS_KEY = "marsad-ingest-progress"


@flow(name="ingest", flow_run_name=run_name("ingest"))
def ingest(sources: Sources, settings: Settings, extraction_next: bool = False) -> IngestReport:
    """Read new and changed sources into the lake; unchanged files and known pages are not re-read.

    `extraction_next` (the pipeline): extraction follows in this process, so the workers' fork
    server is started early, with the lexicons, when it will run on workers, and left running for
    it; otherwise page workers fork from a server without them, stopped at the end."""
    started = time.perf_counter()
    # one run at a time per data dir (marsad/runlock.py); task runs untagged (flows/runner.py)
    with run_lock(settings.data_dir), untagged():
        urls = read_url_files(list(sources.url_files)) if sources.url_files else []
        files, web = split_sources(list(sources.paths), WebSources(
            tuple(urls), sources.feeds, sources.sitemaps, sources.refresh, sources.reparse))
        log = get_run_logger()
        handed = None if web else take_over(files, settings.lake_dir)    # sorted by `marsad run` already
        if handed:
            found, run = handed.found, Run(settings, handed.state, extraction_next=extraction_next)
            todo, run.outcomes = handed.todo, handed.outcomes
            log.info("files sorted before the flow, against the lake as it still is (marsad/rerun.py)")
        else:
            found = discover_sources(files)
            run = Run(settings, load_lake_state(settings.lake_dir), extraction_next=extraction_next)
            todo, run.outcomes = run.steps.here(triage_sources, found.sources, run.state)
        run.write(missing_rejects(found.missing, found.reasons))     # nothing to write: no task run
        log.info("%d files found: %d to read, %d unchanged since the last run",
                 len(found.sources), len(todo), len(found.sources) - len(todo))
        # The UI shows this bar on the flow run while a long ingest goes on (pages, then files).
        what = f"{len(todo):,} files to read" + (", and the pages of the web sources" if web else "")
        run.progress = Progress(create_progress_artifact(0.0, key=PROGRESS_KEY, description=what), total=len(todo))
        try:
            if web:
                _ingest_web(web, run, len(todo))
            else:
                run.prepare_extraction(len(todo))
            _ingest_files(todo, run)
            extracted = run.reading.finish() if run.reading else None
        finally:
            close_page_pools()
            if not (extraction_next and forkserver.has_extractor()):
                forkserver.stop()   # the page workers' server (extraction starts its own if it needs one)
        run.progress.finish()
        failing = run.steps.here(record_source_health, settings.data_dir, run.outcomes, run.now)
        report = IngestReport(run.outcomes, found.skipped, time.perf_counter() - started, failing, run.requests,
                              extracted)
        for f in failing:
            log.warning("%s has failed %d runs in a row (%s)", f.uri, f.runs, f.message or f.reason)
        log.info("ingested: %s", ", ".join(f"{n} {status}" for status, n in report.counts.most_common()) or "nothing")
        if extracted:
            log.info("extracted as they were written: %d documents, %d actor mentions, %d claims, %d events",
                     extracted.documents, extracted.mentions, extracted.claims, extracted.events)
        return report


def _ingest_files(todo: list, run: "Run") -> None:
    """Read and parse the files batch by batch, one task run a batch (fanned out under Dask), write
    them in order."""
    settings, steps = run.settings, run.steps

    def parse(batch: list):
        return steps.batch(read_and_parse, batch, settings.max_file_bytes, settings.fetch_max_bytes, run.now,
                           run.parse_workers)

    _write_in_order(run, todo, parse, "ingest")


def _write_in_order(run: "Run", todo: list, parse, label: str) -> None:
    """Parse `todo` batch by batch with `parse` (fanned out under Dask) and write the batches in order."""
    todo_batches = batches(todo, run.settings.batch_size)
    with progress_bar(len(todo), label) as bar:
        for batch, parsed in zip(todo_batches, run.steps.in_order(parse, todo_batches)):
            run.write(parsed)
            bar.advance(len(batch))
            run.progress.advance(len(batch), total=run.progress.total or len(todo))


def _ingest_web(web: WebSources, run: "Run", files: int) -> None:
    """Discover pages, then fetch (or take from raw_pages), parse and write them."""
    settings, steps = run.settings, run.steps
    # One fetcher for the run, in this process: its per-host limiter and robots.txt cache hold
    # across all batches; only parsing fans out.
    with Fetcher(fetch_config(settings)) as fetcher:
        listed = steps.here(discover_pages, fetcher, web, settings.lake_dir, run.now)
        run.log_fetches(fetcher)
        run.write(listed.rejects)
        run.outcomes += [Outcome(url, LISTED) for url in listed.listed]
        if web.reparse:
            add_stored(listed, run.state.raw_urls)
        todo, known = steps.here(triage_sources, listed.pages, run.state, web.refresh or web.reparse)
        run.outcomes += known
        get_run_logger().info("%d web pages found: %d to fetch or read from raw_pages, %d known",
                              len(listed.pages), len(todo), len(known))
        run.progress.total = len(todo) + files
        run.prepare_extraction(len(todo) + files)

        def parse(batch: list):
            pages = steps.here(fetch_pages, fetcher, batch, settings.lake_dir, run.state, web.refresh)
            run.log_fetches(fetcher)
            return steps.batch(parse_documents, pages, run.now, run.parse_workers)

        _write_in_order(run, todo, parse, "fetch")


@dataclass
class Run:
    """What the flow holds while it ingests: the lake state it folds each write into, the outcomes."""

    settings: Settings
    state: LakeState
    now: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    outcomes: list[Outcome] = field(default_factory=list)
    requests: int = 0
    progress: "Progress | None" = None
    extraction_next: bool = False       # extraction follows in this process (the pipeline)
    reading: ReadAsWritten | None = None    # extraction handed each written batch (on workers)

    @property
    def steps(self) -> Steps:
        """How batch steps run under the run's task runner."""
        return Steps.of(self.settings)

    @property
    def parse_workers(self) -> int:
        """Page-parsing processes per parse task: the setting in-process, one on a Dask worker."""
        return 1 if self.steps.fan_out else self.settings.parse_workers

    def prepare_extraction(self, to_read: int) -> None:
        """When extraction follows and will run on workers, start their fork server now (before any
        page worker forks from it): the lexicons load on another core while sources are read.
        Decided on the documents extraction will find pending: those pending already and at most
        one per source to read (a web archive may hold more: the pool then starts its server)."""
        if not self.extraction_next or not to_read:
            return
        steps = self._steps(to_read)
        if steps.processes == 1:
            steps = self._steps(to_read + len(self._pending()))
        if steps.processes > 1:
            forkserver.start()
            self.reading = ReadAsWritten(self.settings, steps, self.now)

    def _steps(self, documents: int) -> Steps:
        """How extraction of this many documents runs (on worker processes, or not)."""
        return Steps.of(self.settings, documents)

    def _pending(self) -> list[str]:
        """Documents of the lake the current extractor has not read yet (the core's answer: the extract
        flow asks again, as a task run of its own)."""
        return pending(self.settings.lake_dir, default_fingerprint())

    def write(self, items: list) -> None:
        """Write a batch to the lake, then fold what it added into the state (nothing to write: nothing done)."""
        if not items:
            return
        done = self.steps.here(write_lake, self.settings.lake_dir, items, self.state, self.now)
        self.state.merge(done.delta)
        self.outcomes += done.outcomes
        if self.reading and done.delta.doc_ids:
            self.reading.submit(written_texts(items, done.delta.doc_ids))

    def log_fetches(self, fetcher: Fetcher) -> None:
        """Take the fetcher's journal (the flow owns the fetcher) and write it to the lake."""
        fetches = fetcher.journal()
        fetcher.forget(len(fetches))
        done = self.steps.here(write_fetch_log, self.settings.lake_dir, fetches, self.state.raw_bodies)
        self.state.merge(done.delta)
        self.requests += done.requests


@dataclass
class Progress:
    """The run's progress artifact: sources read out of the total known so far."""

    artifact_id: object
    total: int = 0
    done: int = 0

    def advance(self, n: int, total: int | None = None) -> None:
        """Count n more sources read and show the share in the UI."""
        self.done, self.total = self.done + n, total or self.total
        update_progress_artifact(self.artifact_id, min(100.0, 100.0 * self.done / max(self.total, 1)))

    def finish(self) -> None:
        """Show the run as complete."""
        update_progress_artifact(self.artifact_id, 100.0)
