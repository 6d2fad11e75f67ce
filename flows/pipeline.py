"""Flow `pipeline`: ingest, extract, build the warehouse, publish artifacts; what `marsad run` starts."""

from __future__ import annotations

from prefect import flow

from flows.build_warehouse import build_warehouse
from flows.extract import extract
from flows.ingest import ingest
from flows.runner import dask_cluster, run_name, with_runner
from marsad.ingest import Sources
from marsad.runlock import run_lock
from marsad.settings import Settings
from marsad.summary import RunSummary
from tasks.report import publish_artifacts, publish_report


@flow(name="pipeline", flow_run_name=run_name("pipeline"))
def pipeline(sources: Sources, settings: Settings, force_build: bool = False) -> RunSummary:
    """Ingest files, folders and web sources, find actors, claims and events, build the warehouse, report.

    Under Dask, one cluster serves the whole run: a local one started here unless the settings
    name a scheduler.
    """
    with run_lock(settings.data_dir), dask_cluster(settings) as settings:   # one run at a time per data dir
        report = with_runner(ingest, settings)(sources, settings)
        found = with_runner(extract, settings)(settings)
        summary = RunSummary(report, build_warehouse(settings=settings, force=force_build), found)
    publish_artifacts(summary)
    if not _report_current(settings, summary):
        publish_report(settings.data_dir)   # DIR/report.html and its link artifact (marsad/report.py)
    return summary


def _report_current(settings: Settings, summary: RunSummary) -> bool:
    """Whether DIR/report.html already shows this warehouse: the build was skipped (nothing changed)
    and the report was written after the warehouse file (the report of 10,000 articles took 0.3 s
    of a no-op re-run, measured 2026-12-06)."""
    report, warehouse = settings.data_dir / "report.html", settings.warehouse_path
    try:
        return summary.build.skipped and report.stat().st_mtime_ns >= warehouse.stat().st_mtime_ns
    except OSError:
        return False
