"""Prefect's temporary API server as a child process that dies with its parent, even on kill -9.

Prefect starts its own temporary server (uvicorn, about 200 MB) when no API URL is configured, and
stops it only at a normal exit: a killed `marsad run` left it running, orphaned. `start_temporary_api`
starts the same server (same app, same settings) on a socket bound here, points PREFECT_API_URL at it,
and the server watches its parent: PR_SET_PDEATHSIG on Linux, and everywhere a thread that sees the
parent pid go away. `python -m marsad.temp_api FD PARENT_PID` is the child's side.

Prefect is imported only inside `start_temporary_api` (called by the run command) and by the child.
"""

from __future__ import annotations

import atexit
import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from .errors import MarsadError

log = logging.getLogger(__name__)

APP = "prefect.server.api.server:create_app"
# What Prefect's own SubprocessASGIServer sets for its temporary server (prefect 3.9.1).
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
# The parent-watching thread polls this often: an orphaned server lives at most about this long.
WATCH_SECONDS = 0.5
# An orphaned server has no one left to serve and SQLite survives a kill: it ends at once (a clean
# uvicorn shutdown took 5 s here, measured 2026-12-06).
DEATH_SIGNAL = signal.SIGKILL
# A normal stop: SIGTERM, then SIGKILL after this long (what Prefect's own stop does).
STOP_SECONDS = 5.0
# A health check waits this long for an answer (a busy 2-core machine delayed answers by seconds),
# and a starting server is asked again this often (the temporary API is waited for by every run).
HEALTH_TIMEOUT, HEALTH_POLL_SECONDS = 5.0, 0.1

_started: dict[str, str] = {}


def start_temporary_api() -> str | None:
    """Start the temporary API for this process unless a server is configured; its URL, or None."""
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    if settings.api.url or not settings.server.ephemeral.enabled:
        return None
    url, _ = start_server(float(settings.server.ephemeral.startup_timeout_seconds))
    os.environ["PREFECT_API_URL"] = url
    os.environ.setdefault("PREFECT_UI_URL", "")  # it serves no UI: no dead "View at" links, as before
    from prefect.context import refresh_global_settings_context

    refresh_global_settings_context()         # Prefect was imported above: make it read the URL
    _started["url"] = url
    return url


def started_url() -> str | None:
    """The URL of the temporary API this process started, if any."""
    return _started.get("url")


def start_server(timeout: float, environ: dict[str, str] | None = None) -> tuple[str, subprocess.Popen]:
    """Start the server on a free loopback port (environment: this process's, or `environ`), wait
    until it answers; its API URL and process (stopped at exit, or by `stop_server`)."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/api"
        proc = subprocess.Popen([sys.executable, "-m", "marsad.temp_api", str(sock.fileno()), str(os.getpid())],
                                pass_fds=(sock.fileno(),), env=_child_env(environ or dict(os.environ)),
                                stdin=subprocess.DEVNULL)
    atexit.register(stop_server, proc)
    try:
        _wait_healthy(url, proc, timeout)
    except BaseException:
        stop_server(proc)
        raise
    return url, proc


def _child_env(environ: dict[str, str]) -> dict[str, str]:
    """The environment given, the temporary-server flags and marsad importable."""
    root = str(Path(__file__).resolve().parent.parent)
    path = os.pathsep.join(p for p in (root, environ.get("PYTHONPATH")) if p)
    return {**environ, **SERVER_ENV, "PYTHONPATH": path}


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float) -> None:
    """Return once the health endpoint answers 200; raise if the server exits or the time is up."""
    if answers(url, timeout, proc):
        return
    if proc.poll() is not None:
        raise MarsadError(f"Prefect's temporary API server exited with code {proc.returncode}")
    raise MarsadError(f"Prefect's temporary API server did not answer within {timeout:.0f} s "
                      "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)")


def answers(url: str, within: float = 0.0, process: subprocess.Popen | None = None) -> bool:
    """Whether the Prefect API at `url` answers its health check with 200, asking again for `within`
    seconds while `process` (the server, when it is a child of this one) runs: the one health check
    of the temporary API, `marsad serve` and the kept server (local_server)."""
    deadline = time.monotonic() + within
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=HEALTH_TIMEOUT) as response:
                if response.status == 200:
                    return True
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() >= deadline or (process is not None and process.poll() is not None):
            return False
        time.sleep(HEALTH_POLL_SECONDS)


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server: SIGTERM, then SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def parent_death_signal(signum: int):
    """A preexec_fn making a child process get `signum` when this process ends (Linux); else None.

    For children that are not Python code of ours (`prefect server start`, `prefect worker start`):
    SIGTERM lets them stop their own children cleanly."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl       # looked up before the fork

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)
    return preexec


def die_with_parent(parent: int) -> None:
    """Make this process end when `parent` ends: a kernel signal on Linux, a watching thread anywhere."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, DEATH_SIGNAL, 0, 0, 0) != 0:
            log.warning("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    threading.Thread(target=_watch, args=(parent,), name="watch-parent", daemon=True).start()


def _watch(parent: int) -> None:
    """Wait for the parent to go (this process is then re-parented), then end this process."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os.kill(os.getpid(), DEATH_SIGNAL)


def serve(fd: int, parent: int) -> None:
    """The child: Prefect's API app served by uvicorn on the inherited listening socket."""
    die_with_parent(parent)
    import uvicorn

    config = uvicorn.Config(APP, factory=True, log_level="error", lifespan="on")
    uvicorn.Server(config).run(sockets=[socket.socket(fileno=fd)])


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]))
