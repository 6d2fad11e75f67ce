"""Flows for deployments: `ingest-sources` (scheduled) and `backfill` (manual).

Their parameters are plain (a deployment's are JSON); settings come from the worker's
environment (MARSAD_*, e.g. MARSAD_TASK_RUNNER=dask as a job variable), loaded once here. The
data dir is the `data_dir` parameter when given, else the worker's MARSAD_DATA_DIR (which
`marsad serve --data-dir` sets), else ./data.
Several workers may pick up runs on one data dir at once: a run waits for the data dir's run
lock (`marsad run` fails at once instead), so runs write the lake one after another and a later
run finds the earlier one's work done (tests/test_workers.py).
"""

from __future__ import annotations

from prefect import flow, tags

from flows.pipeline import pipeline
from flows.runner import run_name
from marsad.ingest import Sources
from marsad.runlock import waiting_run_lock
from marsad.settings import Settings
from marsad.sources import source_tags
from marsad.summary import RunSummary
from tasks.standing import read_standing_sources


@flow(name="ingest-sources", flow_run_name="ingest-sources {sources_file}")
def ingest_sources(sources_file: str = "deployments/sources.toml", data_dir: str | None = None) -> RunSummary:
    """Ingest the standing sources listed in the sources file, extract, and rebuild the warehouse."""
    standing = read_standing_sources(sources_file)
    sources = Sources(tuple(standing.paths), tuple(standing.url_files), tuple(standing.feeds),
                      tuple(standing.sitemaps))
    settings = Settings.load(dict(data_dir=data_dir))
    with tags(*standing.tags), waiting_run_lock(settings.data_dir):   # tags: the UI filters runs by them
        return pipeline(sources, settings)


@flow(name="backfill", flow_run_name=run_name("backfill"))
def backfill(paths: list[str], data_dir: str | None = None) -> RunSummary:
    """Ingest the given folders or files once (e.g. an archive) and rebuild the warehouse."""
    settings = Settings.load(dict(data_dir=data_dir))
    with tags(*source_tags(paths)), waiting_run_lock(settings.data_dir):
        return pipeline(Sources(tuple(paths)), settings, force_build=True)
