"""One run at a time per data dir: an OS lock (flock) on DIR/.run.lock held for the whole run.

Two runs writing one lake at once interleave their batches and leave duplicate rows behind, so a
second run fails at once, naming the holder. The kernel drops the lock when its process ends,
even on kill -9, so a crashed run never leaves the data dir locked. The lock is re-entrant within
a process: `marsad run` takes it before Prefect starts and the flows it calls take it again.
Readers (`marsad query`) never take it.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from .errors import MarsadError

log = logging.getLogger(__name__)

RUN_LOCK = ".run.lock"
_held: dict[Path, int] = {}         # lock path -> nesting depth, in this process
_guard = threading.Lock()


class RunLocked(MarsadError):
    """Another process is running on this data dir."""


@contextmanager
def run_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data dir's run lock, or raise RunLocked naming the process that holds it."""
    path = (Path(data_dir) / RUN_LOCK).resolve()
    with _guard:
        depth = _held.get(path, 0)
        fd = None if depth else _acquire(path)
        _held[path] = depth + 1
    try:
        yield
    finally:
        with _guard:
            _held[path] -= 1
            if not _held[path]:
                del _held[path]
                os.close(fd)        # closing the descriptor releases the lock


def _acquire(path: Path) -> int:
    """Open and lock the lock file without waiting; write this process's pid into it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown"
        os.close(fd)
        raise RunLocked(f"another marsad run is writing {path.parent} ({holder}); "
                        "wait for it to end, then run again") from None
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()}, started {started}\n".encode(), 0)
    log.info("run lock taken: %s", path)
    return fd


# How long a deployment run waits for the run before it on the same data dir: a scheduled ingest
# of a large backlog took under an hour on the development machine; past this, a holder is
# probably stuck and the waiting run fails naming it.
WAIT_SECONDS = 4 * 3600
POLL_SECONDS = 1.0      # a lock check is one flock call: cheap, and a waiting run starts promptly


@contextmanager
def waiting_run_lock(data_dir: Path, timeout: float = WAIT_SECONDS, poll: float = POLL_SECONDS) -> Iterator[None]:
    """The run lock, waiting for the run that holds it (deployment runs queue; `marsad run` fails at once)."""
    deadline, waited = time.monotonic() + timeout, False
    while True:
        lock = run_lock(data_dir)
        try:
            lock.__enter__()
            break
        except RunLocked:
            if time.monotonic() >= deadline:
                raise
            if not waited:
                log.info("waiting for the run writing %s to end", data_dir)
                waited = True
            time.sleep(poll)
    try:
        yield
    finally:
        lock.__exit__(None, None, None)
