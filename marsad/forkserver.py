"""The fork server that every worker pool of a run forks its workers from (pages, extraction).

Workers fork from a clean server process, never from the run's, whose Prefect threads could hold
locks at fork time. The server imports `marsad.preload` before it forks anyone: the extractor's
lexicons (~345 MB of Python objects) are loaded there once and frozen out of the garbage
collector, so every worker starts at once and reads them from pages it shares with the server
(copy-on-write) instead of loading its own copy (bench/bench_pool.py measures both).

Python keeps one fork server per process, started by the first pool that needs it: both pools
name the same modules here, so whichever comes first starts the server the other needs.
"""

from __future__ import annotations

import logging
import multiprocessing
from multiprocessing import forkserver

log = logging.getLogger(__name__)

PRELOAD = ["marsad.preload"]     # imports marsad.ingest and loads the extractor (Ctrl-C there ends it quietly)


def context():
    """The multiprocessing context whose processes fork from the run's fork server."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def start() -> None:
    """Start the fork server now, without waiting: it loads the lexicons on another core while this
    process goes on (the ingest flow calls it when extraction will run on workers), so the pool
    started later forks its workers at once."""
    context()
    forkserver.ensure_running()


def stop() -> None:
    """End the fork server, if one runs, so its copy of the lexicons does not outlive the pools
    (the warehouse build comes after extraction). ForkServer._stop is what CPython's own tests
    call; without it (another Python) the server simply ends with the run."""
    server = getattr(forkserver, "_forkserver", None)
    stopper = getattr(server, "_stop", None)
    if stopper is not None:
        stopper()
