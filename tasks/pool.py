"""Worker processes for the batch tasks of the default task runner, so a large run uses every core.

The batch task runs in one of the flow's threads (Prefect's default task runner) and hands its
core function to a process of this pool, so one task run per batch still shows in the UI while
the work runs on another core. The workers fork from the run's fork server (marsad/forkserver.py),
never from the flow's process, whose Prefect threads could hold locks at fork time; they import
marsad only (no Prefect) and share the lexicons the server loaded before forking them.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Callable

from marsad import forkserver
from marsad.local_server import alive

log = logging.getLogger(__name__)

WATCH_SECONDS = 1.0    # how often a worker checks its run is alive (its exit after a kill -9 waits this long)
_POOLS: dict[int, ProcessPoolExecutor] = {}     # this process's pools, by size (started on first use)
_STARTING = threading.Lock()


def run_on_pool(workers: int, work: Callable, *args):
    """work(*args) on this process's pool of `workers` processes; its result."""
    return _pool(workers).submit(work, *args).result()


def run_parts_on_pool(workers: int, work: Callable, first, items: list, *rest) -> list:
    """work(first, part, *rest) for `items` cut in one part per worker, the parts at once on this
    process's pool of `workers` processes; their results, in order. One task run, every worker."""
    pool = _pool(workers)
    size = max(1, -(-len(items) // workers))
    futures = [pool.submit(work, first, items[i:i + size], *rest) for i in range(0, len(items), size)]
    return [future.result() for future in futures]


def _pool(workers: int) -> ProcessPoolExecutor:
    """This process's pool of `workers` processes, started on first use."""
    with _STARTING:                     # the flow's threads hand batches in at once: one pool, not one each
        if workers not in _POOLS:
            _POOLS[workers] = ProcessPoolExecutor(workers, mp_context=forkserver.context(extractor=True),
                                                 initializer=_start_worker, initargs=(os.getpid(),))
            log.info("started %d worker processes", workers)
        return _POOLS[workers]


def _start_worker(run: int) -> None:
    """A worker ends when the run that started it ends (even on kill -9: its queues would keep it
    waiting forever, and the forkserver with it) and writes nothing to the run's stdout, which
    carries its summary (`--json`)."""
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    threading.Thread(target=_end_with, args=(run,), name="end-with-run", daemon=True).start()


def _end_with(run: int) -> None:
    """Wait for process `run` to end, then end this process."""
    while alive(run):
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def close_pools() -> None:
    """Stop this process's workers, if any were started, and their fork server (at the end of a flow)."""
    with _STARTING:
        while _POOLS:
            _POOLS.popitem()[1].shutdown()
        forkserver.stop()           # started early by the ingest flow perhaps, even if no pool came
