"""Flow `pipeline`: ingest, extract, build the warehouse, publish artifacts; what `marsad run` starts."""

from __future__ import annotations

from prefect import flow

from flows.build_warehouse import build_warehouse
from flows.extract import extract
from flows.ingest import ingest
from marsad.runlock import run_lock
from marsad.settings import Settings
from marsad.summary import RunSummary
from tasks.report import publish_artifacts
from tasks.report import publish_report   # hook (helper report): the run's HTML report, linked


@flow(name="pipeline", flow_run_name="pipeline {data_dir}")
def pipeline(paths: list[str], data_dir: str = "data", max_file_bytes: int | None = None,
             batch_size: int | None = None, force_build: bool = False,
             url_files: list[str] | None = None, feeds: list[str] | None = None,
             sitemaps: list[str] | None = None, refresh: bool = False,
             allow_private_networks: bool | None = None, reparse: bool = False) -> RunSummary:
    """Ingest files, folders and web sources, find actors, claims and events, build the warehouse, report."""
    with run_lock(Settings.load(dict(data_dir=data_dir)).data_dir):    # one run at a time per data dir
        report = ingest(paths, data_dir, max_file_bytes, batch_size, url_files, feeds, sitemaps, refresh,
                        allow_private_networks, reparse)
        found = extract(data_dir, batch_size)
        summary = RunSummary(report, build_warehouse(data_dir, force_build), found)
    publish_artifacts(summary)
    publish_report(data_dir)   # hook (helper report): DIR/report.html and its link artifact
    return summary
