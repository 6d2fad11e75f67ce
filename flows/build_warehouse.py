"""Flow `build-warehouse`: the lake -> DuckDB models -> data tests -> the published file."""

from __future__ import annotations

import time

from prefect import flow, get_run_logger

from flows.runner import run_name, untagged
from marsad.runlock import waiting_run_lock
from marsad.settings import Settings
from marsad.warehouse import BuildReport, build_lock, up_to_date
from tasks.report import publish_build_artifact
from tasks.warehouse import (build_models, check_warehouse, compact_lake, publish_catalog, publish_warehouse,
                             run_data_tests)


@flow(name="build-warehouse", flow_run_name=run_name("build-warehouse"))
def build_warehouse(data_dir: str | None = None, force: bool = False, settings: Settings | None = None) -> BuildReport:
    """Rebuild the warehouse if the lake or the SQL changed; fail if a data test fails.

    A run passes its settings; a deployment may pass a data dir (settings from the environment:
    MARSAD_DATA_DIR, else ./data).
    A deployment run waits for a run writing the lake (the run lock; a pipeline already holds it),
    so it never builds from half a run; a forced build finds its work done when a full build
    of the same lake was published while it waited.
    """
    started, requested_at = time.perf_counter(), time.time()
    settings = settings or Settings.load(dict(data_dir=data_dir))
    # one build at a time; readers are never blocked; task runs untagged (flows/runner.py)
    with waiting_run_lock(settings.data_dir), build_lock(settings), untagged():
        compact_lake(settings)      # before the build, which then reads the merged files (compaction.py)
        stamp = check_warehouse(settings, force, requested_at)
        if stamp is None:
            get_run_logger().info("the warehouse is up to date with the lake and the SQL models")
            report = up_to_date(settings, started)
        else:
            candidate = build_models(settings, stamp)
            tests = run_data_tests(candidate, settings.sql_dir, settings.build_memory_limit)
            rows = publish_warehouse(candidate, settings.warehouse_path)
            get_run_logger().info("published %s: %d data tests passed", settings.warehouse_path, tests)
            report = BuildReport(settings.warehouse_path, rows, tests, seconds=time.perf_counter() - started)
        if settings.catalog:            # also when up to date: a catalog that missed a publish catches up
            report.catalog = publish_catalog(settings)
        publish_build_artifact(report)
    return report
