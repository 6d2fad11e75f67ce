"""The Prefect server kept running for the user, so runs skip the server's start and stay in the UI.

One per user, not one per data dir (an evaluation over 7 data dirs once left 7 servers of about
200 MB each): its record, log and SQLite database live under the user's state dir
(setting `state_dir`, env MARSAD_STATE_DIR; by default `$XDG_STATE_HOME/marsad`, else
`~/.local/state/marsad`), in `prefect/`.
`marsad run` reports to the server recorded there: the one `marsad serve` runs, or one an earlier
run started and left running. A run that finds none (and may keep one: see `cli._server_mode`)
starts `prefect server start` on 127.0.0.1 in its own session (it outlives the run, by design),
records it and goes on; `marsad server stop` ends it. Starting a server costs 12-19 s here
(migrations, stack.md), which is why each run used to pay it.

Two first runs at once start one server: the check and the start happen under an OS lock
(`server.lock`, flock: the kernel drops it if its holder dies). A record whose process is gone, or
whose process is not a server of ours any more (pid reused), is forgotten; a server of ours that
stopped answering is ended before a new one starts.

No Prefect import: the server is a child process started from its command line.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .errors import MarsadError
from .serve import Service, wait_healthy
from .temp_api import answers, process_exists

log = logging.getLogger(__name__)

STATE_FILE = "server.json"
LOCK_FILE = "server.lock"
LOG_FILE = "server.log"
HOST = "127.0.0.1"
# Prefect's own default port, so the UI is where users expect it; another free port if taken.
PREFERRED_PORT = 4200
# A stop: SIGTERM to the server's process group, then SIGKILL after this long (Prefect's own
# `server stop` waits about as long for uvicorn to finish its requests).
STOP_SECONDS = 30.0
# A recorded server of ours that does not answer its health check is given this long before it
# is ended and replaced: a busy 2-core machine delayed answers by seconds, never by this much.
UNHEALTHY_GRACE_SECONDS = 20.0


@dataclass(frozen=True)
class Running:
    """A recorded server: its API URL, its process id and which command started it."""

    url: str
    pid: int
    by: str

    @property
    def ui_url(self) -> str:
        """The address of the server's UI."""
        return self.url.removesuffix("/api")


def home(state: Path) -> Path:
    """Where the kept server keeps its database, log, record and lock (its PREFECT_HOME)."""
    return Path(state) / "prefect"


def record(state: Path, url: str, pid: int, by: str) -> None:
    """Write the record of a running server (atomically: a reader never sees half of it)."""
    path = home(state) / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps({"url": url, "pid": pid, "by": by}), encoding="utf-8")
    partial.replace(path)


def forget(state: Path) -> None:
    """Remove the record of the user's server."""
    (home(state) / STATE_FILE).unlink(missing_ok=True)


def recorded(state: Path) -> Running | None:
    """The record as written, whether or not its server still runs."""
    try:
        return Running(**json.loads((home(state) / STATE_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def running(state: Path) -> Running | None:
    """The recorded server if its process is alive and it answers; None otherwise (nothing is changed)."""
    found = recorded(state)
    if found is not None and alive(found.pid) and answers(found.url):
        return found
    return None


def ensure(state: Path, starting: Callable[[], None] = lambda: None) -> tuple[Running, bool]:
    """The user's server, started (and recorded) unless one answers; whether this call started it.

    Under the state's lock, so concurrent first runs start one server; `starting` is called just
    before a start (to tell the user why they wait)."""
    found = running(state)
    if found is not None:
        return found, False
    with _locked(state):
        found = _recover(state)
        if found is not None:
            return found, False
        starting()
        return start(state), True


def _recover(state: Path) -> Running | None:
    """Under the lock: the recorded server if it answers (perhaps after a grace period); else the
    record is forgotten and a server of ours that stopped answering is ended."""
    found = recorded(state)
    if found is None:
        return None
    if alive(found.pid) and _ours(found.pid):
        if answers(found.url, UNHEALTHY_GRACE_SECONDS):
            return found
        log.warning("the Prefect server at %s (pid %d) does not answer; replacing it", found.url, found.pid)
        _end(found.pid)
    else:
        log.info("the Prefect server recorded in %s is gone; forgetting it", home(state))
    forget(state)
    return None


def start(state: Path) -> Running:
    """Start a server in its own session, wait until it answers, record it."""
    service = Service(HOST, _port(), home(state), Path(__file__).resolve().parent.parent)
    service.home.mkdir(parents=True, exist_ok=True)
    with open(service.home / LOG_FILE, "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", HOST, "--port", str(service.port)],
            env=service.env(), cwd=service.root, stdin=subprocess.DEVNULL, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_healthy(service, process)
    except MarsadError:
        _end(process.pid)
        raise MarsadError(f"the Prefect server did not start (its log: {service.home / LOG_FILE})") from None
    record(state, service.api_url, process.pid, "run")
    return Running(service.api_url, process.pid, "run")


def stop(state: Path) -> Running | None:
    """Stop the user's kept server and forget it; what was stopped, or None if none ran.

    A server `marsad serve` runs is not stopped here (Ctrl-C there stops it and its worker)."""
    with _locked(state):
        found = recorded(state)
        if found is None or not alive(found.pid):
            forget(state)
            return None
        if found.by == "serve":
            raise MarsadError(f"the Prefect server at {found.ui_url} belongs to marsad serve: stop that "
                              "command (Ctrl-C) instead")
        forget(state)
        if not _ours(found.pid):          # the pid went to another process: nothing of ours runs
            return None
        _end(found.pid)
        return found


@contextmanager
def _locked(state: Path) -> Iterator[None]:
    """Hold the state's server lock (waiting for another process's check-and-start)."""
    path = home(state) / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)            # closing the descriptor releases the lock


def _end(pid: int) -> None:
    """End a server and its children: SIGTERM to its process group, SIGKILL if it lingers."""
    for signum, wait in ((signal.SIGTERM, STOP_SECONDS), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, signum)      # the server leads its own session: its uvicorn children too
        except (ProcessLookupError, PermissionError):
            return
        deadline = time.monotonic() + wait
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not alive(pid):
            return


def alive(pid: int) -> bool:
    """Whether a process with this id exists (and is not a zombie of ours)."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    except ChildProcessError:
        pass
    return process_exists(pid)


def _ours(pid: int) -> bool:
    """Whether the process is a Prefect server (not another process that got a reused pid).

    Where /proc is missing, a live pid is taken as ours."""
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return not Path("/proc/self").exists() and alive(pid)
    except OSError:
        return False
    return b"prefect" in words and b"server" in words and b"start" in words


def _port() -> int:
    """Prefect's default port when it is free, else any free loopback port."""
    for port in (PREFERRED_PORT, 0):
        with socket.socket() as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise MarsadError("no free port on 127.0.0.1 for the Prefect server")
