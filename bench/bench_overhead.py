"""Per-task cost of Prefect's task runners: a trivial task run N times in the flow's process
(how the default runner runs marsad's batch steps) and submitted to a local Dask cluster of 2
worker processes (`--task-runner dask`). Cluster start-up is reported apart.

Run:  .venv/bin/python bench/bench_overhead.py [--tasks 50]
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from prefect import flow, task  # noqa: E402


@task
def noop(i: int) -> int:
    """A task that does nothing: what is measured is the runner's own cost."""
    return i


@flow
def in_process(n: int) -> float:
    """n direct calls; seconds per task."""
    started = time.perf_counter()
    for i in range(n):
        noop(i)
    return (time.perf_counter() - started) / n


@flow
def submitted(n: int) -> float:
    """n tasks submitted at once, then awaited; seconds per task."""
    started = time.perf_counter()
    futures = [noop.submit(i) for i in range(n)]
    [f.result() for f in futures]
    return (time.perf_counter() - started) / n


def main() -> None:
    """Print both per-task costs and the cluster's start-up time."""
    from distributed import LocalCluster
    from prefect.testing.utilities import prefect_test_harness
    from prefect_dask import DaskTaskRunner

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=50)
    n = parser.parse_args().tasks
    with prefect_test_harness(server_startup_timeout=120):
        in_process(2)                                    # warm: imports, first API calls
        default = in_process(n)
        started = time.perf_counter()
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            start_s = time.perf_counter() - started
            dask = submitted.with_options(task_runner=DaskTaskRunner(address=cluster.scheduler_address))
            dask(2)                                      # warm: workers import Prefect
            per_task = dask(n)
    print(f"per task: default (in-process) {default * 1000:.1f} ms, Dask 2 workers {per_task * 1000:.1f} ms "
          f"({n} tasks; local cluster start {start_s:.1f} s)")


if __name__ == "__main__":
    main()
