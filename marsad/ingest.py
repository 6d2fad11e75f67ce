"""Ingest: decide which sources need reading, then read, parse and write them in batches.

Each step is a plain function over a batch; `tasks/ingest.py` wraps them for Prefect and
`run_ingest` composes them without Prefect (for benchmarks and library use).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .documents import ParsedDocument, parse
from .health import Failing, update_health
from .ids import content_id
from .lake import LakeState, SourceState, write_rows
from .schema import KEYS, WRITE_ORDER
from .reading import Fingerprint, RawSource, Reject, fingerprint, read_batch
from .settings import Settings
from .sources import SourceRef, discover

log = logging.getLogger(__name__)

NEW, CHANGED, UNCHANGED, DUPLICATE, REJECTED = "new", "changed", "unchanged", "duplicate", "rejected"


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

    @property
    def counts(self) -> Counter:
        """Sources per status."""
        return Counter(o.status for o in self.outcomes)

    @property
    def rejects(self) -> list[Outcome]:
        """Sources rejected in this run (new or repeated), in source order."""
        return [o for o in self.outcomes if o.status == REJECTED]


def triage(sources: list[SourceRef], state: LakeState) -> tuple[list[SourceRef], list[Outcome]]:
    """Split sources into those to read and those whose fingerprint shows no change."""
    todo, known = [], []
    for ref in sources:
        fp = fingerprint(ref)
        prev = state.sources.get(ref.uri)
        if not isinstance(fp, Fingerprint) or prev is None or prev.fingerprint != fp:
            todo.append(ref)
        elif prev.doc_id:
            known.append(Outcome(ref.uri, UNCHANGED, prev.doc_id))
        else:
            reason, message = state.rejects.get(prev.reject_id, ("unknown", "rejected earlier"))
            known.append(Outcome(ref.uri, REJECTED, None, reason, message))
    return todo, known


def parse_batch(raws: list[RawSource | Reject], ingested_at: datetime) -> list[ParsedDocument | Reject]:
    """Parse every read source of a batch; rejects pass through."""
    return [raw if isinstance(raw, Reject) else _parse_one(raw, ingested_at) for raw in raws]


def _parse_one(raw: RawSource, ingested_at: datetime) -> ParsedDocument | Reject:
    """Parse one source; an unexpected error rejects this document, not the whole batch."""
    try:
        return parse(raw, ingested_at)
    except Exception as err:  # a bug met on odd input must not stop the run
        log.exception("could not parse %s", raw.ref.path)
        return Reject(raw.ref, "parse_error", f"internal error while parsing: "
                      f"{type(err).__name__}: {err} (please report it)", len(raw.data), raw.fingerprint)


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
    ref = item.ref if isinstance(item, Reject) else item.raw.ref
    prev = pending.sources.get(ref.uri) or state.sources.get(ref.uri)
    if isinstance(item, Reject):
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
            rows["documents"].append(item.row)
            rows["sentences"].extend(item.sentences)
            pending.doc_ids.add(doc_id)
        current = SourceState(fp, doc_id, None)
    if prev != current:
        rows["source_versions"].append(_version_row(ref, current, now))
        pending.sources[ref.uri] = current
    return outcome


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


def run_ingest(paths: list[str | Path], settings: Settings) -> IngestReport:
    """The whole ingest without Prefect: discover, triage, then read/parse/write per batch."""
    started, now = time.perf_counter(), datetime.now(timezone.utc)
    found = discover(paths)
    state = LakeState.load(settings.lake_dir)
    todo, outcomes = triage(found.sources, state)
    outcomes += write_batch(settings.lake_dir, missing_rejects(found.missing), state, now)
    for batch in batches(todo, settings.batch_size):
        parsed = parse_batch(read_batch(batch, settings.max_file_bytes), now)
        outcomes += write_batch(settings.lake_dir, parsed, state, now)
    failing = update_health(settings.data_dir, outcomes, now)
    return IngestReport(outcomes, found.skipped, time.perf_counter() - started, failing)
