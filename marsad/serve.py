"""`marsad serve`: a one-machine production setup, a Prefect server, work pool, deployments, worker.

Everything runs as child processes of this one; Ctrl-C (or SIGTERM) stops the worker, then the
server, and returns. If this process is killed outright (kill -9), its children get SIGTERM from
the kernel (Linux) and stop too. The server's database lives under the per-user state dir (`local_server`).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import prefect_db, prefect_env
from .errors import MarsadError, SettingsError
from .temp_api import answers, parent_death_signal

log = logging.getLogger(__name__)

# A cold server start takes 10-20 s on the development machine (stack.md); wait up to this long.
STARTUP_SECONDS = 180
POOL = "marsad"
PREFECT_FILE = "deployments/prefect.yaml"
# Database URLs `marsad serve --database` takes, and the driver Prefect's server needs for each.
DATABASE_SCHEMES = {"postgresql": "postgresql+asyncpg", "postgres": "postgresql+asyncpg",
                    "postgresql+asyncpg": "postgresql+asyncpg", "sqlite+aiosqlite": "sqlite+aiosqlite"}


@dataclass(frozen=True)
class Service:
    """Where the server listens and where its state lives."""

    host: str
    port: int
    home: Path
    root: Path
    # The server's database: empty for SQLite under `home`, or a PostgreSQL URL (several workers).
    database: str = ""
    # The data dir of the deployments' runs (`marsad serve --data-dir`): empty for the worker's
    # MARSAD_DATA_DIR, else ./data under the repository root.
    data_dir: str = ""

    @property
    def api_url(self) -> str:
        """The server's API address."""
        return f"http://{self.host}:{self.port}/api"

    def env(self) -> dict[str, str]:
        """Environment of the child processes: this server, this home, no telemetry, runs kept
        RETENTION_DAYS (prefect_db: the user's own PREFECT_SERVER_SERVICES_DB_VACUUM_* win)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
        env.update(PREFECT_HOME=str(self.home), PREFECT_API_URL=self.api_url,
                   PREFECT_SERVER_ANALYTICS_ENABLED="false", **prefect_env.RUN_LOGS,
                   **prefect_db.server_env(os.environ))
        if self.database:
            env["PREFECT_SERVER_DATABASE_CONNECTION_URL"] = self.database
        if self.data_dir:
            env["MARSAD_DATA_DIR"] = self.data_dir
        return env


def database_url(url: str) -> str:
    """A server database URL in the form Prefect reads (asyncpg for PostgreSQL), or raise naming it."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in DATABASE_SCHEMES:
        raise SettingsError(f"--database must be a PostgreSQL URL such as postgresql://USER:PASSWORD@HOST:5432/"
                            f"prefect, got {url!r}")
    return f"{DATABASE_SCHEMES[scheme]}://{rest}"


def prefect(service: Service, *args: str, **kwargs) -> subprocess.Popen:
    """Start the prefect CLI as a child process from the repository root."""
    return subprocess.Popen([sys.executable, "-m", "prefect", *args], env=service.env(),
                            cwd=service.root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, preexec_fn=parent_death_signal(signal.SIGTERM), **kwargs)


def wait_healthy(service: Service, server: subprocess.Popen) -> None:
    """Wait for the server's health endpoint, or raise naming the port."""
    if not answers(service.api_url, STARTUP_SECONDS, server):
        raise MarsadError(f"the Prefect server did not start on {service.host}:{service.port} "
                          f"(is the port in use? its state is in {service.home})")


def setup(service: Service) -> None:
    """Create the work pool (if missing) and deploy every deployment of the prefect file."""
    for args in (("work-pool", "create", POOL, "--type", "process", "--overwrite"),
                 ("--no-prompt", "deploy", "--all", "--prefect-file", PREFECT_FILE)):
        step = prefect(service, *args)
        _, err = step.communicate(timeout=600)
        if step.returncode != 0:
            raise MarsadError(f"prefect {' '.join(args[:2])} failed: {err.strip().splitlines()[-1:]}")


def stop(*processes: subprocess.Popen) -> None:
    """Stop child processes in order: SIGTERM, then SIGKILL after 30 s."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def serve(service: Service, ready=lambda url, pid: None) -> None:
    """Run server, deployments and worker until interrupted; `ready` gets the UI's URL and the server's pid."""
    service.home.mkdir(parents=True, exist_ok=True)
    server = prefect(service, "server", "start", "--host", service.host, "--port", str(service.port))
    worker = None
    # SIGINT too: a shell that starts this in the background leaves SIGINT ignored.
    previous = {sig: signal.signal(sig, _raise_interrupt) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        wait_healthy(service, server)
        setup(service)
        worker = prefect(service, "worker", "start", "--pool", POOL)
        ready(service.api_url.removesuffix("/api"), server.pid)
        while server.poll() is None and worker.poll() is None:
            time.sleep(1)
        raise MarsadError("the Prefect server or worker stopped unexpectedly")
    except KeyboardInterrupt:
        log.info("stopping worker and server")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        stop(*(p for p in (worker, server) if p is not None))


def _raise_interrupt(signum, frame) -> None:
    """Treat SIGTERM like Ctrl-C, so children are stopped cleanly."""
    raise KeyboardInterrupt
