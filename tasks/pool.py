"""Worker processes for the batch tasks of the default task runner, so a large run uses every core.

The batch task runs in one of the flow's threads (Prefect's default task runner) and hands its
core function to a process of this pool, so one task run per batch still shows in the UI while
the work runs on another core. forkserver: workers fork from a clean server process, never from
the flow's, whose Prefect threads could hold locks at fork time; they import marsad only (no
Prefect), and each loads the lexicons once, on its first batch.
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Callable

log = logging.getLogger(__name__)

_POOLS: dict[int, ProcessPoolExecutor] = {}     # this process's pools, by size (started on first use)


def run_on_pool(workers: int, work: Callable, *args):
    """work(*args) on this process's pool of `workers` processes; its result."""
    if workers not in _POOLS:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["marsad.extract"])
        _POOLS[workers] = ProcessPoolExecutor(workers, mp_context=context, initializer=_stdout_to_stderr)
        log.info("started %d worker processes", workers)
    return _POOLS[workers].submit(work, *args).result()


def _stdout_to_stderr() -> None:
    """A worker writes nothing to the run's stdout, which carries its summary (`--json`): DuckDB's
    progress bar, drawn for a query over 2 s, broke the JSON of a 10,000-article run."""
    import os
    import sys

    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())


def close_pools() -> None:
    """Stop this process's workers, if any were started (at the end of a flow)."""
    while _POOLS:
        _POOLS.popitem()[1].shutdown()
