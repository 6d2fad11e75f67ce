"""Flow `pipeline`: ingest, extract, build the warehouse, publish artifacts; what `marsad run` starts."""

from __future__ import annotations

from prefect import flow

from flows.build_warehouse import build_warehouse
from flows.extract import extract
from flows.ingest import ingest
from flows.runner import Steps, dask_cluster, run_name, untagged, with_runner
from marsad.ingest import Sources
from marsad.rerun import report_current
from marsad.runlock import run_lock
from marsad.settings import Settings
from marsad.summary import RunSummary
from tasks.pool import close_pools
from tasks.report import publish_artifacts, publish_report


@flow(name="pipeline", flow_run_name=run_name("pipeline"))
def pipeline(sources: Sources, settings: Settings, force_build: bool = False) -> RunSummary:
    """Ingest files, folders and web sources, find actors, claims and events, build the warehouse, report.

    Under Dask, one cluster serves the whole run: a local one started here unless the settings
    name a scheduler.
    """
    with run_lock(settings.data_dir), dask_cluster(settings) as settings:   # one run at a time per data dir
        try:
            report = with_runner(ingest, settings)(sources, settings, extraction_next=True)
            found = with_runner(extract, settings)(settings)
            if report.extracted:        # read by the workers while ingest wrote (flows/extract.py)
                found.add(report.extracted)     # the wait for them after the last write counts as extraction
                found.seconds, report.seconds = (found.seconds + report.extracted.seconds,
                                                 report.seconds - report.extracted.seconds)
        finally:
            close_pools()       # the workers and their fork server, even when ingest failed
        summary = RunSummary(report, build_warehouse(settings=settings, force=force_build), found)
    with untagged():            # task runs untagged (flows/runner.py)
        Steps().here(publish_artifacts, summary)   # quoted: Prefect would walk every outcome of the run twice
        if not (summary.build.skipped and report_current(settings)):
            publish_report(settings.data_dir)   # DIR/report.html and its link artifact (marsad/report.py)
    return summary

