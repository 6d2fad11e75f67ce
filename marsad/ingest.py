"""Ingest: decide which sources need reading, then read, parse and write them in batches.

Each step is a plain function over a batch with explicit inputs and a plain return value (no
step changes the state it is given: `write_batch` returns a LakeDelta); `tasks/ingest.py` wraps
them for Prefect and the flow `flows/ingest.py` is their one composition.
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter, UserList
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from . import forkserver
from .documents import ParsedDocument, parse
from .health import Failing
from .ids import content_id
from .lake import LakeDelta, LakeState, SourceState, unsigned, write_rows
from .schema import KEYS, WRITE_ORDER
from .reading import Fingerprint, RawSource, Reject, fingerprint, read_batch
from .sources import Discovery, SourceRef
from .web.fetch import FetchResult
from .web.pages import Page, fetch_log_row, html_source, page_fingerprint, page_item, raw_page_row, warc_page
from .web.sources import WebSources, is_url
from .web.store import NOT_SENT
from .web.simhash import NearDuplicates
from .web.warc import read_warc

if TYPE_CHECKING:
    from .extract import ExtractReport

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


class Outcomes(UserList):
    """A run's outcomes: a list Prefect does not walk. Prefect visits a flow's return value for
    futures, into every list and dataclass: 10,000 outcomes took 0.31 s a visit, and the ingest
    and pipeline flows each return them (2026-12-07)."""


@dataclass
class IngestReport:
    """Counts and rejects of an ingest run, for the summary and for artifacts."""

    outcomes: Outcomes = field(default_factory=Outcomes)
    skipped: int = 0
    seconds: float = 0.0
    failing: list[Failing] = field(default_factory=list)
    requests: int = 0           # HTTP requests made (pages, feeds, sitemaps, robots.txt)
    # What extraction found in the documents as they were written (the pipeline, on workers).
    extracted: "ExtractReport | None" = None

    def __post_init__(self) -> None:
        self.outcomes = Outcomes(self.outcomes)

    @property
    def counts(self) -> Counter:
        """Sources per status."""
        return Counter(o.status for o in self.outcomes)

    @property
    def rejects(self) -> list[Outcome]:
        """Sources rejected in this run (new or repeated), in source order."""
        return [o for o in self.outcomes if o.status == REJECTED]


@dataclass(frozen=True)
class Sources:
    """What a run reads: files, folders and page URLs; URL files, feeds and sitemaps.

    `refresh` fetches known pages again; `reparse` rebuilds every stored page's document from
    raw_pages without the network.
    """

    paths: tuple[str, ...] = ()
    url_files: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    refresh: bool = False
    reparse: bool = False


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


@dataclass(frozen=True)
class Triaged:
    """A run's files sorted before its flow: what discovery found, the lake state they were
    sorted against, those to read and the outcomes of the others."""

    found: Discovery
    state: LakeState
    todo: list[SourceRef]
    outcomes: list[Outcome]


# The sorting `marsad run` did before its flow (marsad/rerun.py) when the run has something to do:
# the ingest flow the run calls takes it rather than discover, load the lake state and stat every
# file again (0.5 s of 10,000 files, 0.9 s of 31,000, measured 2026-12-07). Held only while that
# flow runs, under the run lock: the lake is as it was sorted against (unless another data dir
# writes the same --lake, which runs must not do at once). Taken once; any other flow sorts its own.
_handed: dict[tuple, Triaged] = {}


@contextmanager
def handed_over(paths: list, lake_dir: Path, triaged: Triaged | None) -> Iterator[None]:
    """Keep a run's sorting for the ingest flow called inside (nothing when None)."""
    _handed.clear()
    if triaged is not None:
        _handed[_handoff_key(paths, lake_dir)] = triaged
    try:
        yield
    finally:
        _handed.clear()


def take_over(paths: list, lake_dir: Path) -> Triaged | None:
    """The sorting handed over for these paths and lake, once; None if there is none."""
    return _handed.pop(_handoff_key(paths, lake_dir), None)


def _handoff_key(paths: list, lake_dir: Path) -> tuple:
    """What a handed-over sorting is for."""
    return tuple(str(p) for p in paths), str(lake_dir)


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


def parse_batch(raws: list, ingested_at: datetime, workers: int = 1) -> list[ParsedDocument | Reject]:
    """Parse every read source of a batch; rejects pass through.

    HTML pages (trafilatura, ~30 ms each) go to this process's PagePool of `workers` processes
    when there are enough of them; text files (~0.6 ms each) are parsed here.
    """
    pages = [i for i, raw in enumerate(raws) if _is_html(raw)]
    done = dict(zip(pages, page_pool(workers).parse([raws[i] for i in pages], ingested_at)))
    return [done[i] if i in done else raw if isinstance(raw, Reject) else _parse_one(raw, ingested_at)
            for i, raw in enumerate(raws)]


_POOLS: dict[int, "PagePool"] = {}      # this process's page pools, by size (started on first use)


def page_pool(workers: int) -> "PagePool":
    """The process's PagePool of this size, kept for the whole run (see close_page_pools)."""
    return _POOLS.setdefault(max(1, workers), PagePool(max(1, workers)))


def close_page_pools() -> None:
    """Stop the page workers of this process, if any were started (at the end of a run)."""
    while _POOLS:
        _POOLS.popitem()[1].close()


def _is_html(item) -> bool:
    """A fetched or archived page, or a saved .html file (trafilatura's work)."""
    return isinstance(item, Page) or (isinstance(item, RawSource) and item.ref.kind == "html")


def _parse_here(pages: list, ingested_at: datetime) -> list:
    """Parse pages in this process."""
    return [_parse_one(page, ingested_at) for page in pages]


class PagePool:
    """Worker processes for HTML pages, started on first use and kept for the whole run.

    The workers fork from the run's fork server (marsad/forkserver.py), never from this process,
    whose Prefect threads could hold locks at fork time; it is started once per run, with the
    extractor's lexicons only when extraction will run on workers too (the ingest flow decides).
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
            self._pool = ProcessPoolExecutor(self.workers, mp_context=forkserver.context(extractor=False))
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


@dataclass
class BatchWrite:
    """What writing a batch did: each source's outcome, and what the lake now holds more."""

    outcomes: list[Outcome] = field(default_factory=list)
    delta: LakeDelta = field(default_factory=LakeDelta)


def write_batch(lake_dir: Path, items: list[ParsedDocument | Reject], state: LakeState,
                now: datetime) -> BatchWrite:
    """Write what is new in a batch to the lake; return each outcome and the state it added.

    `state` is only read: the caller folds the returned delta into it (`LakeState.merge`), so a
    retry after a failed write writes the same rows again.
    """
    batch = _Batch(state, LakeDelta(), {table: [] for table in WRITE_ORDER}, NearDuplicates())
    outcomes = [_record(item, batch, now) for item in items]
    for table in WRITE_ORDER:
        write_rows(lake_dir, table, batch.rows[table], KEYS[table])
    return BatchWrite(outcomes, batch.delta)


@dataclass
class _Batch:
    """A batch being written: the state before it, what it adds, its rows, its own simhashes."""

    state: LakeState
    delta: LakeDelta
    rows: dict[str, list[dict]]
    near: NearDuplicates


def _record(item: ParsedDocument | Reject, batch: _Batch, now: datetime) -> Outcome:
    """Add an item's new rows and state to the batch, and return its outcome."""
    ref = item.raw.ref if isinstance(item, ParsedDocument) else item.ref
    state, delta, rows = batch.state, batch.delta, batch.rows
    prev = delta.sources.get(ref.uri) or state.sources.get(ref.uri)
    if isinstance(item, ArchiveRead):
        outcome, current = Outcome(ref.uri, READ), SourceState(item.fingerprint, None, None)
    elif isinstance(item, Reject):
        fp = item.fingerprint or Fingerprint(None, None, None)
        reject_id = content_id(ref.uri, item.reason, fp.size, fp.mtime_ns, fp.sidecar_mtime_ns)
        if reject_id not in state.rejects and reject_id not in delta.rejects:
            rows["rejects"].append(_reject_row(reject_id, item, now))
            delta.rejects[reject_id] = (item.reason, item.message)
            log.info("rejected %s: %s", ref.path, item.message)
        outcome = Outcome(ref.uri, REJECTED, None, item.reason, item.message)
        current = SourceState(fp, None, reject_id)
    else:
        doc_id, fp = item.doc_id, item.raw.fingerprint
        known = doc_id in state.doc_ids or doc_id in delta.doc_ids
        outcome = Outcome(ref.uri, _doc_status(known, doc_id, prev), doc_id)
        if not known:
            rows["documents"].append(_mark_near_copy(item.row, batch))
            rows["sentences"].extend(item.sentences)
            delta.doc_ids.add(doc_id)
        current = SourceState(fp, doc_id, None)
    if prev != current:
        rows["source_versions"].append(_version_row(ref, current, now))
        delta.sources[ref.uri] = current
    return outcome


def _mark_near_copy(row: dict, batch: _Batch) -> dict:
    """The row with `duplicate_of` set when an earlier document is a near-copy (simhash).

    Earlier runs' and batches' documents are in the state's index, this batch's in its own;
    the delta lists the new ones in order for the flow to add.
    """
    if row["simhash"] is None:
        return row
    fp = unsigned(row["simhash"])
    earlier = batch.state.near.find(fp)
    earlier = earlier if earlier is not None else batch.near.find(fp)
    batch.near.add(row["doc_id"], fp)
    batch.delta.near.append((row["doc_id"], fp))
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


@dataclass
class FetchLogWrite:
    """What writing fetches did: HTTP requests made, and the raw bodies the lake now holds."""

    requests: int = 0
    delta: LakeDelta = field(default_factory=LakeDelta)


def write_fetch_log(lake_dir: Path, fetches: list[tuple[str, FetchResult]],
                    stored: set[tuple[str, str]]) -> FetchLogWrite:
    """Write the fetch log and the new raw bodies of these fetches; count the requests among them
    (a URL refused before any request, by robots.txt or the guard, is logged only).

    `stored` holds the (url, sha256) bodies already in raw_pages: a refreshed page with the same
    body is not stored twice.
    """
    raws = [raw_page_row(result) for kind, result in fetches if kind == "html" and result.ok]
    raws = [row for row in raws if (row["url"], row["sha256"]) not in stored]
    write_rows(lake_dir, "fetch_log", [fetch_log_row(kind, result) for kind, result in fetches], KEYS["fetch_log"])
    write_rows(lake_dir, "raw_pages", raws, KEYS["raw_pages"])
    requests = sum(1 for _, result in fetches if result.error not in NOT_SENT)
    return FetchLogWrite(requests, LakeDelta(raws=[(r["url"], r["final_url"], r["sha256"]) for r in raws]))


def missing_rejects(refs: list[SourceRef], reasons: dict[str, str] | None = None) -> list[Reject]:
    """Rejects for paths given by the user that do not exist, or folders that cannot be read."""
    return [Reject(ref, "unreadable", (reasons or {}).get(ref.uri, "no such file or directory")) for ref in refs]


def batches(items: list, size: int) -> list[list]:
    """Consecutive slices of at most `size` items."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def split_sources(paths: list[str | Path], web: WebSources | None = None) -> tuple[list[str | Path], WebSources]:
    """Local paths apart from page URLs; the URLs join the run's web sources."""
    urls = tuple(str(p) for p in paths if is_url(str(p)))
    web = web if web is not None else WebSources()
    files = [p for p in paths if not is_url(str(p))]
    return files, replace(web, urls=tuple(web.urls) + urls)
