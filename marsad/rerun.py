"""A re-run with nothing new, decided from the lake before Prefect is imported.

`marsad run` asks `check` first. When every source is unchanged since the last run (the same
triage the ingest flow does: size, modification time and sidecar time, no file read), no document
waits for the current extractor, the warehouse is built from today's lake files and SQL and the
report is newer than the warehouse, the flow would only read and say so: the run then prints the
same summary without a Prefect flow run (importing Prefect and reaching its API took 20-30 s of a
27 s no-op under load, 2026-12-06). Anything to write (a new or changed file, a missing path, web
sources, a catalog to publish to, --force-build) goes through the flow as before; so does every
scheduled deployment run, which calls the flow itself. The files sorted here are then handed to
the run's ingest flow (marsad/ingest.py `handed_over`), which does not sort them again: a file
changed between the two (the seconds Prefect takes to start) is read by the next run.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from .ingest import Sources, Triaged, triage
from .settings import Settings
from .sources import source_tags

if TYPE_CHECKING:
    from .summary import RunSummary


def nothing_new(sources: Sources, settings: Settings, force_build: bool = False):
    """The summary of a run that has nothing to do (a RunSummary, flow_run False), or None when
    the run must go through the flow. The caller holds the run lock."""
    return check(sources, settings, force_build)[0]


def check(sources: Sources, settings: Settings, force_build: bool = False) -> tuple[RunSummary | None, Triaged | None]:
    """`nothing_new`'s summary, or None and the files as sorted here when the run goes through the
    flow (None when they were not sorted): `marsad run` hands them to its ingest flow
    (marsad/ingest.py `handed_over`). The caller holds the run lock."""
    started = time.perf_counter()
    if force_build or settings.catalog or _web(sources):
        return None, None
    triaged = _triaged(sources, settings)
    if triaged is None:
        return None, None
    if triaged.todo or not _extracted(settings) or not _built(settings):
        return None, triaged
    return _summary(triaged, settings, started), None


def _web(sources: Sources) -> bool:
    """Whether the run reads web pages (fetching is the flow's: pages may have changed)."""
    return bool(sources.url_files or sources.feeds or sources.sitemaps or sources.reparse
                or "web" in source_tags(list(sources.paths)))


def _triaged(sources: Sources, settings: Settings) -> Triaged | None:
    """The files sorted as the ingest flow sorts them; None when a path is missing (the flow
    records a reject for each: something to write)."""
    from .lake import LakeState
    from .sources import discover

    found = discover(list(sources.paths))
    if found.missing:
        return None
    state = LakeState.load(settings.lake_dir)
    todo, outcomes = triage(found.sources, state)
    return Triaged(found, state, todo, outcomes)


def _extracted(settings: Settings) -> bool:
    """Whether the current extractor has read every current document."""
    from .extract import default_fingerprint
    from .lakestate import pending

    return not pending(settings.lake_dir, default_fingerprint())


def _built(settings: Settings) -> bool:
    """Whether the warehouse is built from today's lake and SQL and the report shows it."""
    from .warehouse import needs_build

    return needs_build(settings) is None and report_current(settings)


def report_current(settings: Settings) -> bool:
    """Whether DIR/report.html was written after the warehouse file (so it shows this warehouse; the
    report of 10,000 articles took 0.3 s of a no-op re-run, measured 2026-12-06)."""
    report, warehouse = settings.data_dir / "report.html", settings.warehouse_path
    try:
        return report.stat().st_mtime_ns >= warehouse.stat().st_mtime_ns
    except OSError:
        return False


def _summary(found: Triaged, settings: Settings, started: float):
    """The run's summary: the flow's own, with source health updated as the flow does."""
    from .extract import ExtractReport
    from .health import update_health
    from .ingest import IngestReport
    from .summary import RunSummary
    from .warehouse import build_lock, up_to_date

    failing = update_health(settings.data_dir, found.outcomes, datetime.now(timezone.utc))
    ingest = IngestReport(found.outcomes, found.found.skipped, time.perf_counter() - started, failing)
    with build_lock(settings):
        build = up_to_date(settings, time.perf_counter())
    return RunSummary(ingest, build, ExtractReport(), flow_run=False)
