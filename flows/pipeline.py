"""Flow `pipeline`: ingest, extract actors, then build the warehouse; what `marsad run` starts."""

from __future__ import annotations

from prefect import flow

from flows.build_warehouse import build_warehouse
from flows.extract import extract
from flows.ingest import ingest
from marsad.summary import RunSummary


@flow(name="pipeline", flow_run_name="pipeline {data_dir}")
def pipeline(paths: list[str], data_dir: str = "data", max_file_bytes: int | None = None,
             batch_size: int | None = None, force_build: bool = False) -> RunSummary:
    """Ingest the given files and folders into the lake, find actors, then build the warehouse."""
    report = ingest(paths, data_dir, max_file_bytes, batch_size)
    actors = extract(data_dir, batch_size)
    return RunSummary(report, build_warehouse(data_dir, force_build), actors)
