"""Flow `ingest`: article files, folders, web pages, feeds, sitemaps and WARC files -> the Parquet lake."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone

from prefect import flow, get_run_logger
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.utilities.annotations import quote

from marsad.ingest import LISTED, IngestReport, Outcome, PagePool, batches, missing_rejects, split_sources
from marsad.progress import progress_bar
from marsad.runlock import run_lock
from marsad.settings import Settings
from marsad.web.fetch import Fetcher
from marsad.web.sources import WebSources, add_stored, fetch_config
from tasks.ingest import (discover_sources, load_lake_state, parse_documents, read_sources,
                          record_source_health, triage_sources, write_lake)
from tasks.web import discover_pages, fetch_pages, read_url_files, write_fetch_log

PROGRESS_KEY = "marsad-ingest-progress"


@flow(name="ingest", flow_run_name="ingest {data_dir}")
def ingest(paths: list[str], data_dir: str = "data", max_file_bytes: int | None = None,
           batch_size: int | None = None, url_files: list[str] | None = None,
           feeds: list[str] | None = None, sitemaps: list[str] | None = None, refresh: bool = False,
           allow_private_networks: bool | None = None, reparse: bool = False) -> IngestReport:
    """Read new and changed sources into the lake; unchanged files and known pages are not re-read."""
    started, now = time.perf_counter(), datetime.now(timezone.utc)
    settings = Settings.load(dict(data_dir=data_dir, max_file_bytes=max_file_bytes, batch_size=batch_size,
                                  allow_private_networks=allow_private_networks))
    with run_lock(settings.data_dir):     # one run at a time per data dir (marsad/runlock.py)
        urls = read_url_files(url_files) if url_files else []
        files, web = split_sources(paths, WebSources(tuple(urls), tuple(feeds or ()), tuple(sitemaps or ()),
                                                     refresh, reparse))
        found = discover_sources(files)
        state = load_lake_state(settings.lake_dir)
        # quote(): Prefect would otherwise walk every object of these large inputs looking for
        # futures (10,000 documents: 99.8 s through Prefect against 35.9 s without; see README).
        todo, outcomes = triage_sources(quote(found.sources), quote(state))
        outcomes += write_lake(settings.lake_dir, quote(missing_rejects(found.missing)), quote(state), now)
        log = get_run_logger()
        log.info("%d files found: %d to read, %d unchanged since the last run",
                 len(found.sources), len(todo), len(found.sources) - len(todo))
        # The UI shows this bar on the flow run while a long ingest goes on (pages, then files).
        what = f"{len(todo):,} files to read" + (", and the pages of the web sources" if web else "")
        progress = Progress(create_progress_artifact(0.0, key=PROGRESS_KEY, description=what), total=len(todo))
        requests = 0
        with PagePool(settings.parse_workers) as pool:
            if web:
                web_outcomes, requests = _ingest_web(web, settings, state, now, pool, progress, len(todo))
                outcomes += web_outcomes
            with progress_bar(len(todo), "ingest") as bar:
                for batch in batches(todo, settings.batch_size):
                    raws = read_sources(quote(batch), settings.max_file_bytes, settings.fetch_max_bytes)
                    parsed = parse_documents(quote(raws), now, quote(pool))
                    outcomes += write_lake(settings.lake_dir, quote(parsed), quote(state), now)
                    bar.advance(len(batch))
                    progress.advance(len(batch), total=progress.total or len(todo))
        progress.finish()
        failing = record_source_health(settings.data_dir, quote(outcomes), now)
        report = IngestReport(outcomes, found.skipped, time.perf_counter() - started, failing, requests)
        for f in failing:
            log.warning("%s has failed %d runs in a row (%s)", f.uri, f.runs, f.message or f.reason)
        log.info("ingested: %s", ", ".join(f"{n} {status}" for status, n in report.counts.most_common()) or "nothing")
        return report


def _ingest_web(web: WebSources, settings: Settings, state, now: datetime, pool: PagePool,
                progress: "Progress", files: int) -> tuple[list, int]:
    """Discover pages, then fetch (or take from raw_pages), parse and write them; outcomes and requests."""
    log, outcomes, requests = get_run_logger(), [], 0
    # One fetcher for the run: its per-host limiter and robots.txt cache hold across all tasks.
    with Fetcher(fetch_config(settings)) as fetcher:
        listed = discover_pages(quote(fetcher), web)
        requests += write_fetch_log(settings.lake_dir, quote(fetcher), quote(state))
        outcomes += write_lake(settings.lake_dir, quote(listed.rejects), quote(state), now)
        outcomes += [Outcome(url, LISTED) for url in listed.listed]
        if web.reparse:
            add_stored(listed, state.raw_urls)
        todo, known = triage_sources(quote(listed.pages), quote(state), web.refresh or web.reparse)
        outcomes += known
        log.info("%d web pages found: %d to fetch or read from raw_pages, %d known", len(listed.pages),
                 len(todo), len(known))
        progress.total = len(todo) + files
        with progress_bar(len(todo), "fetch") as bar:
            for batch in batches(todo, settings.batch_size):
                pages = fetch_pages(quote(fetcher), quote(batch), settings.lake_dir, quote(state), web.refresh)
                requests += write_fetch_log(settings.lake_dir, quote(fetcher), quote(state))
                parsed = parse_documents(quote(pages), now, quote(pool))
                outcomes += write_lake(settings.lake_dir, quote(parsed), quote(state), now)
                bar.advance(len(batch))
                progress.advance(len(batch))
    return outcomes, requests


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
