"""The Prefect server a data dir keeps running, so runs skip the server's start and stay in the UI.

`marsad run` (with no PREFECT_API_URL) reports to the server recorded in `DIR/prefect/server.json`:
the one `marsad serve` runs, or one the first run started and left running. A run that finds none
starts `prefect server start` on 127.0.0.1 in its own session (it outlives the run, by design) with
its database under `DIR/prefect/`, records it and goes on; `marsad server stop` ends it. Starting a
server costs 12-19 s here (migrations, stack.md), which is why each run used to pay it.

No Prefect import: the server is a child process started from its command line.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from .errors import MarsadError
from .serve import Service, wait_healthy

log = logging.getLogger(__name__)

STATE_FILE = "server.json"
LOG_FILE = "server.log"
HOST = "127.0.0.1"
# Prefect's own default port, so the UI is where users expect it; another free port if taken.
PREFERRED_PORT = 4200
# A stop: SIGTERM to the server's process group, then SIGKILL after this long (Prefect's own
# `server stop` waits about as long for uvicorn to finish its requests).
STOP_SECONDS = 30.0


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


def home(data_dir: Path) -> Path:
    """Where the data dir's Prefect server keeps its database, log and record."""
    return Path(data_dir).resolve() / "prefect"


def record(data_dir: Path, url: str, pid: int, by: str) -> None:
    """Write the record of a running server (atomically: a reader never sees half of it)."""
    path = home(data_dir) / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps({"url": url, "pid": pid, "by": by}), encoding="utf-8")
    partial.replace(path)


def forget(data_dir: Path) -> None:
    """Remove the record of the data dir's server."""
    (home(data_dir) / STATE_FILE).unlink(missing_ok=True)


def running(data_dir: Path) -> Running | None:
    """The data dir's recorded server if it is alive and answers; a stale record is removed."""
    path = home(data_dir) / STATE_FILE
    try:
        found = Running(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if _alive(found.pid) and _healthy(found.url):
        return found
    log.info("the Prefect server recorded in %s is gone; forgetting it", path)
    forget(data_dir)
    return None


def start(data_dir: Path) -> Running:
    """Start a server for the data dir in its own session, wait until it answers, record it."""
    service = Service(HOST, _port(), home(data_dir), Path(__file__).resolve().parent.parent)
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
    record(data_dir, service.api_url, process.pid, "run")
    return Running(service.api_url, process.pid, "run")


def stop(data_dir: Path) -> Running | None:
    """Stop the data dir's server and forget it; what was stopped, or None if none ran."""
    found = running(data_dir)
    if found is None:
        return None
    _end(found.pid)
    forget(data_dir)
    return found


def _end(pid: int) -> None:
    """End a server and its children: SIGTERM to its process group, SIGKILL if it lingers."""
    for signum, wait in ((signal.SIGTERM, STOP_SECONDS), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, signum)      # the server leads its own session: its uvicorn children too
        except (ProcessLookupError, PermissionError):
            return
        deadline = time.monotonic() + wait
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not _alive(pid):
            return


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (and is not a zombie of ours)."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _healthy(url: str) -> bool:
    """Whether the API answers its health check."""
    try:
        return httpx.get(f"{url}/health", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


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
