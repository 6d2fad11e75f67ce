"""The fork server that every worker pool of a run forks its workers from (pages, extraction).

Workers fork from a clean server process, never from the run's, whose Prefect threads could hold
locks at fork time. The server imports what its workers run before it forks anyone. When
extraction runs on workers, it also loads the extractor's lexicons (~345 MB of Python objects,
~7 s of CPU) once and freezes them out of the garbage collector, so every worker starts at once
and reads them from pages it shares with the server (copy-on-write) instead of loading its own
copy (bench/bench_pool.py measures both). A run that parses pages on workers but extracts in its
own process (a few pages) starts a server without the lexicons.

Python keeps one fork server per process, started by the first pool that needs it with the
modules named last (`context`). A pool that needs the lexicons replaces a running server that
lacks them; the pools of that server are closed first (the ingest flow closes its page pools).
"""

from __future__ import annotations

import atexit
import logging
import math
import multiprocessing
import os
import signal
import time
from multiprocessing import forkserver
from pathlib import Path

from .settings import Settings

log = logging.getLogger(__name__)

PAGES = ("marsad.preload",)                                  # the page workers' code (marsad.ingest)
EXTRACTOR = (*PAGES, "marsad.preload_extractor")             # and the extractor, loaded and frozen
SERVER_MAIN = "multiprocessing.forkserver import main"       # in the server's command line
PROC = Path("/proc")
# How long a just-spawned server may take to show its command line (it execs within milliseconds;
# 5 s covers a loaded machine), and how often it is looked for meanwhile.
FIND_SECONDS, FIND_POLL_SECONDS = 5.0, 0.01

# The default runner hands extraction to worker processes for two batches or more, or for one
# batch of at least POOL_DOCUMENTS documents (a batch is read in one part per worker at once:
# tasks/extract.py). A run of a few documents (the seed, the test articles) stays in its own
# process rather than start the workers' fork server, which loads the whole extractor whatever
# the work. Set from a +100 run onto 10,000 articles (one batch of the default 500), alternating,
# 2026-12-07: 7.2-8.2 s in the run's process, 6.5-6.8 s on 2 workers (extraction 1.7-2.3 -> 0.6 s:
# the lexicons load on the other core while Prefect starts); 20 documents are about 0.3 s of
# extraction, what a worker's fork and the hand-over cost.
POOL_BATCHES = 2
POOL_DOCUMENTS = 20

_running: dict[str, object] = {}      # the server this process started: its "pid" and its "preload"


def context(extractor: bool = True):
    """The multiprocessing context whose processes fork from the run's fork server, started now if
    none runs: one that has loaded the extractor when `extractor` (for extraction workers), else
    at least the page code (a server with the extractor serves the page workers too)."""
    ctx = multiprocessing.get_context("forkserver")
    if extractor and _running.get("preload") == PAGES:
        stop()                          # a page workers' server: replaced by one with the lexicons
    if not _alive():
        preload = EXTRACTOR if extractor else PAGES
        ctx.set_forkserver_preload(list(preload))
        forkserver.ensure_running()     # returns at once: the server loads them on another core
        _remember(preload)
    return ctx


def pool_size(settings: Settings, documents: int) -> int:
    """Worker processes the default task runner hands the extraction of `documents` to; 1: none
    (the flow's own process does the work). Dask runs its own workers: 1 here."""
    workers = settings.extract_workers
    if settings.task_runner == "dask" or workers < 2:
        return 1
    if documents < POOL_DOCUMENTS and math.ceil(documents / settings.batch_size) < POOL_BATCHES:
        return 1
    return workers


def start_for(settings: Settings, documents: int) -> bool:
    """Start the fork server now when extracting `documents` will run on workers (see `start`);
    whether it did. `marsad run` calls it as soon as it has sorted the files, before importing
    Prefect: the lexicons load on the other core during the second that import takes."""
    if pool_size(settings, documents) < 2:
        return False
    start()
    return True


def start(extractor: bool = True) -> None:
    """Start the fork server now, without waiting: it loads the lexicons on another core while this
    process goes on (the ingest flow calls it when extraction will run on workers), so the pool
    started later forks its workers at once."""
    context(extractor)


def has_extractor() -> bool:
    """Whether the fork server this process started (and has not stopped) loaded the extractor."""
    return _running.get("preload") == EXTRACTOR and _alive()


def stop() -> None:
    """End the fork server this process started, if it runs, so its copy of the lexicons does not
    outlive the pools (the warehouse build comes after extraction). Its pools must be closed.

    The server is this process's child: it is sent SIGTERM and waited for without being reaped,
    so multiprocessing's next `ensure_running` finds it ended and starts a new one (its
    documented "dead, launch it again" path); otherwise it is reaped when this process exits,
    so its CPU time (and its workers') counts in this process's children."""
    pid = _running.pop("pid", None)
    _running.clear()
    if pid is None or not hasattr(os, "waitid"):
        return
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    except ChildProcessError:           # reaped already (multiprocessing restarted it)
        return
    except ProcessLookupError:
        return
    atexit.register(_reap, pid)


def _remember(preload: tuple[str, ...]) -> None:
    """Record the running server's pid (found among this process's children) and what it loaded.

    The server was just spawned: until it has exec'd, its command line is still this process's,
    so it is looked for again for a moment (CI once found none, and the run then believed its
    server had no lexicons and could not stop it)."""
    deadline = time.monotonic() + FIND_SECONDS
    pid = _server_pid()
    while pid is None and PROC.is_dir() and time.monotonic() < deadline:
        time.sleep(FIND_POLL_SECONDS)
        pid = _server_pid()
    if pid is not None:
        _running.update(pid=pid, preload=preload)


def _alive() -> bool:
    """Whether the recorded server still runs (not ended, even if not yet reaped)."""
    pid = _running.get("pid")
    return pid is not None and _state(pid) not in (None, "Z")


def _server_pid() -> int | None:
    """The pid of this process's running fork server (Linux /proc; None elsewhere: the server then
    ends with the run, when the pipe it watches closes)."""
    me = str(os.getpid())
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if fields[0] != "Z" and fields[1] == me and SERVER_MAIN in _cmdline(stat.parent):
                return int(stat.parent.name)
        except (OSError, IndexError):
            continue
    return None


def _cmdline(proc: Path) -> str:
    """A process's command line, its arguments joined by spaces."""
    return (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")


def _state(pid: int) -> str | None:
    """A process's state letter (R, S, Z ...), None when it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def _reap(pid: int) -> None:
    """Collect an ended server at exit, unless multiprocessing already did."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
