"""Ingest: decide which sources need reading, then read, parse and write them in batches.

Each step is a plain function over a batch; `tasks/ingest.py` wraps them for Prefect and
`run_ingest` composes them without Prefect (for benchmarks and library use).
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from .documents import ParsedDocument, parse
from .health import Failing, update_health
from .ids import content_id
from .lake import LakeState, SourceState, unsigned, write_rows
from .schema import KEYS, WRITE_ORDER
from .runlock import run_lock
from .reading import Fingerprint, RawSource, Reject, fingerprint, read_batch
from .settings import Settings
from .sources import SourceRef, discover
from .web.fetch import Fetcher
from .web.pages import Page, html_source, page_fingerprint, page_item, warc_page
from .web.sources import WebSources, add_stored, discover_web, fetch_config, is_url
from .web.store import fetch_pages, write_fetches
from .web.warc import read_warc

log = logging.getLogger(__name__)

NEW, CHANGED, UNCHANGED, DUPLICATE, REJECTED = "new", "changed", "unchanged", "duplicate", "rejected"
READ = "archive"    # a web archive read whole (its records have their own outcomes)
LISTED = "listed"   # a feed or sitemap read without a failure (its pages have their own outcomes)


@dataclass(frozen=True)
class Outcome:
    """What happened to one source in this run."""

    uri: str
    status: str
    doc_id: str | None = None
    reason: str | None = None
    message: str | None = None


@dataclass
class IngestReport:
    """Counts and rejects of an ingest run, for the summary and for artifacts."""

    outcomes: list[Outcome] = field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0
    failing: list[Failing] = field(default_factory=list)
    requests: int = 0           # HTTP requests made (pages, feeds, sitemaps, robots.txt)

    @property
    def counts(self) -> Counter:
        """Sources per status."""
        return Counter(o.status for o in self.outcomes)

    @property
    def rejects(self) -> list[Outcome]:
        """Sources rejected in this run (new or repeated), in source order."""
        return [o for o in self.outcomes if o.status == REJECTED]


# Pages parsed on a process pool from this many in a batch: below it, starting the workers
# (~0.3 s) costs more than it saves (a page takes ~30 ms with trafilatura).
PARALLEL_PAGES = 32

# A page rejected for one of these is not fetched again (its content will not change by itself);
# pages that failed for a network or server reason are tried again on the next run.
LASTING_REJECTS = ("no_article_text", "not_html", "too_large", "empty", "bad_url")


def triage(sources: list[SourceRef], state: LakeState,
           refresh: bool = False) -> tuple[list[SourceRef], list[Outcome]]:
    """Split sources into those to read and those whose fingerprint shows no change.

    A web page seen before is not fetched again unless `refresh`; see `triage_page`.
    """
    todo, known = [], []
    for ref in sources:
        if ref.kind == "web":
            outcome = None if refresh else triage_page(ref, state)
            (known.append(outcome) if outcome else todo.append(ref))
            continue
        fp = fingerprint(ref)
        prev = state.sources.get(ref.uri)
        if not isinstance(fp, Fingerprint) or prev is None or prev.fingerprint != fp:
            todo.append(ref)
        elif prev.doc_id or prev.reject_id is None:      # a document, or an archive read whole
            known.append(Outcome(ref.uri, UNCHANGED, prev.doc_id))
        else:
            reason, message = state.rejects.get(prev.reject_id, ("unknown", "rejected earlier"))
            known.append(Outcome(ref.uri, REJECTED, None, reason, message))
    return todo, known


def triage_page(ref: SourceRef, state: LakeState) -> Outcome | None:
    """The outcome of a page known from an earlier run, or None when it must be read."""
    prev = state.sources.get(ref.uri)
    if prev is None:
        return None
    if prev.doc_id:
        return Outcome(ref.uri, UNCHANGED, prev.doc_id)
    reason, message = state.rejects.get(prev.reject_id, (None, None))
    return Outcome(ref.uri, REJECTED, None, reason, message) if reason in LASTING_REJECTS else None


def read_items(refs: list[SourceRef], max_bytes: int, record_max_bytes: int) -> list:
    """Read a batch of local sources; a web archive becomes one Page per HTML record.

    `max_bytes` caps a file, `record_max_bytes` an archived page once inflated (as a fetched one).
    """
    items: list = []
    for ref in refs:
        items += read_archive(ref, record_max_bytes) if ref.kind == "warc" else read_batch([ref], max_bytes)
    return items


@dataclass(frozen=True)
class ArchiveRead:
    """A web archive read whole: recorded so that an unchanged archive is not read again."""

    ref: SourceRef
    fingerprint: Fingerprint


def read_archive(ref: SourceRef, max_bytes: int) -> list:
    """The HTML records of a WARC file as Pages (a Reject for one over max_bytes), then an
    ArchiveRead (or a Reject of the archive)."""
    fp = fingerprint(ref)
    if not isinstance(fp, Fingerprint):
        return [fp]
    try:
        pages = [page for record in read_warc(ref.path, max_bytes)
                 if (page := warc_page(record, ref, max_bytes))]
    except (OSError, ValueError) as err:
        return [Reject(ref, "bad_archive", str(err).removeprefix(f"{ref.path}: "), fp.size, fp)]
    log.info("%s: %d HTML records", ref.path, len(pages))
    return [*pages, ArchiveRead(ref, fp)]


def parse_batch(raws: list, ingested_at: datetime, pool: "PagePool | None" = None) -> list[ParsedDocument | Reject]:
    """Parse every read source of a batch; rejects pass through.

    HTML pages (trafilatura, ~30 ms each) go to the run's PagePool, which parses them on worker
    processes when there are enough; text files (~0.6 ms each) are parsed here.
    """
    pages = [i for i, raw in enumerate(raws) if _is_html(raw)]
    parse_pages = pool.parse if pool is not None else _parse_here
    done = dict(zip(pages, parse_pages([raws[i] for i in pages], ingested_at)))
    return [done[i] if i in done else raw if isinstance(raw, Reject) else _parse_one(raw, ingested_at)
            for i, raw in enumerate(raws)]


def _is_html(item) -> bool:
    """A fetched or archived page, or a saved .html file (trafilatura's work)."""
    return isinstance(item, Page) or (isinstance(item, RawSource) and item.ref.kind == "html")


def _parse_here(pages: list, ingested_at: datetime) -> list:
    """Parse pages in this process."""
    return [_parse_one(page, ingested_at) for page in pages]


class PagePool:
    """Worker processes for HTML pages, started on first use and kept for the whole run.

    forkserver: workers fork from a clean server process, never from this one, whose Prefect
    threads could hold locks at fork time. Starting them costs ~0.3 s from the CLI and ~2 s in
    a Prefect worker's flow run (each re-imports the run's main module), once per run.
    """

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "PagePool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def parse(self, pages: list, ingested_at: datetime) -> list:
        """Parse pages, on the workers when there are at least PARALLEL_PAGES of them."""
        if self.workers <= 1 or len(pages) < PARALLEL_PAGES:
            return _parse_here(pages, ingested_at)
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["marsad.ingest"])
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
        return list(self._pool.map(_parse_one, pages, itertools.repeat(ingested_at), chunksize=8))

    def close(self) -> None:
        """Stop the workers, if they were started."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def _parse_one(raw, ingested_at: datetime) -> ParsedDocument | Reject | ArchiveRead:
    """Parse one source; an unexpected error rejects this document, not the whole batch."""
    if isinstance(raw, ArchiveRead):
        return raw
    try:
        text = as_text_source(raw)
        return text if isinstance(text, Reject) else parse(text, ingested_at)
    except Exception as err:  # a bug met on odd input must not stop the run
        log.exception("could not parse %s", raw.ref.uri)
        fp = raw.fingerprint if isinstance(raw, RawSource) else page_fingerprint(raw.result)
        return Reject(raw.ref, "parse_error", f"internal error while parsing: "
                      f"{type(err).__name__}: {err} (please report it)", fp.size, fp)


def as_text_source(item: RawSource | Page) -> RawSource | Reject:
    """A page or an HTML file as article text with metadata; a text file as it is."""
    if isinstance(item, Page):
        return page_item(item)
    if item.ref.kind == "html":
        return html_source(item.ref, item.data, None, None, item.fingerprint)
    return item


def write_batch(lake_dir: Path, items: list[ParsedDocument | Reject], state: LakeState,
                now: datetime) -> list[Outcome]:
    """Write what is new in a batch to the lake, then update state; return each outcome.

    State changes are collected apart and applied only after every file is written, so a
    retry after a failed write writes the same rows again.
    """
    pending = LakeState()
    rows: dict[str, list[dict]] = {table: [] for table in WRITE_ORDER}
    outcomes = [_record(item, state, pending, rows, now) for item in items]
    for table in WRITE_ORDER:
        write_rows(lake_dir, table, rows[table], KEYS[table])
    state.merge(pending)
    return outcomes


def _record(item: ParsedDocument | Reject, state: LakeState, pending: LakeState,
            rows: dict, now: datetime) -> Outcome:
    """Add an item's new rows to `rows` and `pending`, and return its outcome."""
    ref = item.raw.ref if isinstance(item, ParsedDocument) else item.ref
    prev = pending.sources.get(ref.uri) or state.sources.get(ref.uri)
    if isinstance(item, ArchiveRead):
        outcome, current = Outcome(ref.uri, READ), SourceState(item.fingerprint, None, None)
    elif isinstance(item, Reject):
        fp = item.fingerprint or Fingerprint(None, None, None)
        reject_id = content_id(ref.uri, item.reason, fp.size, fp.mtime_ns, fp.sidecar_mtime_ns)
        if reject_id not in state.rejects and reject_id not in pending.rejects:
            rows["rejects"].append(_reject_row(reject_id, item, now))
            pending.rejects[reject_id] = (item.reason, item.message)
            log.info("rejected %s: %s", ref.path, item.message)
        outcome = Outcome(ref.uri, REJECTED, None, item.reason, item.message)
        current = SourceState(fp, None, reject_id)
    else:
        doc_id, fp = item.doc_id, item.raw.fingerprint
        known = doc_id in state.doc_ids or doc_id in pending.doc_ids
        outcome = Outcome(ref.uri, _doc_status(known, doc_id, prev), doc_id)
        if not known:
            rows["documents"].append(_mark_near_copy(item.row, state))
            rows["sentences"].extend(item.sentences)
            pending.doc_ids.add(doc_id)
        current = SourceState(fp, doc_id, None)
    if prev != current:
        rows["source_versions"].append(_version_row(ref, current, now))
        pending.sources[ref.uri] = current
    return outcome


def _mark_near_copy(row: dict, state: LakeState) -> dict:
    """The row with `duplicate_of` set when an earlier document is a near-copy (simhash)."""
    if row["simhash"] is None:
        return row
    earlier = state.near.add(row["doc_id"], unsigned(row["simhash"]))
    return {**row, "duplicate_of": earlier if earlier != row["doc_id"] else None}


def _doc_status(known: bool, doc_id: str, prev: SourceState | None) -> str:
    """new, changed (a new version of a known source), unchanged or duplicate."""
    if known:
        return UNCHANGED if prev is not None and prev.doc_id == doc_id else DUPLICATE
    return CHANGED if prev is not None and prev.doc_id is not None else NEW


def _reject_row(reject_id: str, item: Reject, now: datetime) -> dict:
    """A row of the rejects table."""
    return {"reject_id": reject_id, "source_uri": item.ref.uri, "source_kind": item.ref.kind,
            "reason": item.reason, "message": item.message, "size_bytes": item.size,
            "rejected_at": now}


def _version_row(ref: SourceRef, state: SourceState, now: datetime) -> dict:
    """A row of the source_versions table."""
    fp = state.fingerprint
    return {"source_uri": ref.uri, "source_kind": ref.kind, "size_bytes": fp.size,
            "mtime_ns": fp.mtime_ns, "sidecar_mtime_ns": fp.sidecar_mtime_ns,
            "doc_id": state.doc_id, "reject_id": state.reject_id, "observed_at": now}


def missing_rejects(refs: list[SourceRef]) -> list[Reject]:
    """Rejects for paths given by the user that do not exist."""
    return [Reject(ref, "unreadable", "no such file or directory") for ref in refs]


def batches(items: list, size: int) -> list[list]:
    """Consecutive slices of at most `size` items."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def split_sources(paths: list[str | Path], web: WebSources | None = None) -> tuple[list[str | Path], WebSources]:
    """Local paths apart from page URLs; the URLs join the run's web sources."""
    urls = tuple(str(p) for p in paths if is_url(str(p)))
    web = web or WebSources()
    files = [p for p in paths if not is_url(str(p))]
    return files, replace(web, urls=tuple(web.urls) + urls)


def run_ingest(paths: list[str | Path], settings: Settings, web: WebSources | None = None) -> IngestReport:
    """The whole ingest without Prefect: discover, triage, then read/parse/write per batch."""
    started, now = time.perf_counter(), datetime.now(timezone.utc)
    files, web = split_sources(paths, web)
    found = discover(files)
    with run_lock(settings.data_dir):
        state = LakeState.load(settings.lake_dir)
        todo, outcomes = triage(found.sources, state)
        outcomes += write_batch(settings.lake_dir, missing_rejects(found.missing), state, now)
        with PagePool(settings.parse_workers) as pool:
            requests = _ingest_web(web, settings, state, now, outcomes, pool) if web else 0
            for batch in batches(todo, settings.batch_size):
                parsed = parse_batch(read_items(batch, settings.max_file_bytes, settings.fetch_max_bytes),
                                     now, pool)
                outcomes += write_batch(settings.lake_dir, parsed, state, now)
        failing = update_health(settings.data_dir, outcomes, now)
    return IngestReport(outcomes, found.skipped, time.perf_counter() - started, failing, requests)


def _ingest_web(web: WebSources, settings: Settings, state: LakeState, now: datetime,
                outcomes: list[Outcome], pool: PagePool) -> int:
    """Discover, fetch (or take from raw_pages), parse and write web pages; return requests made."""
    lake_dir, requests = settings.lake_dir, 0
    with Fetcher(fetch_config(settings)) as fetcher:
        listed = discover_web(fetcher, web)
        requests += write_fetches(lake_dir, fetcher, state)
        outcomes += write_batch(lake_dir, listed.rejects, state, now)
        outcomes += [Outcome(url, LISTED) for url in listed.listed]
        if web.reparse:
            add_stored(listed, state.raw_urls)
        todo, known = triage(listed.pages, state, web.refresh or web.reparse)
        outcomes += known
        for batch in batches(todo, settings.batch_size):
            pages = fetch_pages(fetcher, batch, lake_dir, state, web.refresh)
            requests += write_fetches(lake_dir, fetcher, state)
            outcomes += write_batch(lake_dir, parse_batch(pages, now, pool), state, now)
    return requests
