"""Prefect's temporary API server as a child process that dies with its parent, even on kill -9.

Prefect starts its own temporary server (uvicorn, about 200 MB) when no API URL is configured, and
stops it only at a normal exit: a killed `marsad run` left it running, orphaned. `start_temporary_api`
starts the same server (same app, same settings) on a socket bound here, points PREFECT_API_URL at it,
and the server watches its parent: PR_SET_PDEATHSIG on Linux, and everywhere a thread that sees the
parent pid go away. `python -m marsad.temp_api FD PARENT_PID` is the child's side.

The server's database is the run's own: a copy of a migrated, empty database (one per Prefect
version, made by the first temporary run and kept in the user's cache dir,
`$XDG_CACHE_HOME/marsad/prefect-temporary/`, else `~/.cache/...`), deleted when the server stops
(files a killed run left are deleted by the next run). So the temporary API keeps nothing: before,
it wrote into Prefect's default database (~/.prefect/prefect.db), which grew by every run (558 MB
after a day of runs here), and every start paid the migrations' check (about 2.5 CPU s). A database
the user configured (PREFECT_SERVER_DATABASE_CONNECTION_URL, or a profile) is used and kept as before.

Prefect is imported only inside `start_temporary_api` (called by the run command) and by the child.
"""

from __future__ import annotations

import atexit
import ctypes
import logging
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib.metadata import version
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
# A template's first server migrates a new database: 52 s wall here on a busy machine (2026-12-07).
STARTUP_SECONDS = 180.0

# Services a temporary API has no use for, off unless the user's environment sets them: nobody
# defines automations on it (triggers) or follows its events and logs live (streams out); the
# triggers' loop ran every 5 s (idle CPU 0.55 s a 30 s with them, 0.48 without, 2026-12-07).
UNUSED_SERVICES = {"PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false", "PREFECT_SERVER_EVENTS_STREAM_OUT_ENABLED": "false",
                   "PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED": "false"}
# Under the user's cache dir: the template database and the databases of the temporary APIs running.
DATABASES = "marsad/prefect-temporary"
SQLITE = "sqlite+aiosqlite:///"

_started: dict[str, str] = {}


@dataclass(frozen=True)
class Database:
    """The temporary API's database: its URL, the run's own copy (deleted with the server; None for a
    database the user configured) and whether the server must run the migrations on it."""

    url: str
    own: Path | None = None
    migrate: bool = True

    def env(self) -> dict[str, str]:
        """The server's settings for this database: a database at the template's revision needs
        neither the migrations' check (about 2.5 CPU s a start) nor the block types registered again."""
        flag = "true" if self.migrate else "false"
        return {"PREFECT_SERVER_DATABASE_CONNECTION_URL": self.url, "PREFECT_SERVER_DATABASE_MIGRATE_ON_START": flag,
                "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": flag}


def start_temporary_api() -> str | None:
    """Start the temporary API for this process unless a server is configured; its URL, or None.

    Its database is a copy, for this run, of the template in the cache dir (made by the first
    run), unless the user configured one."""
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    if settings.api.url or not settings.server.ephemeral.enabled:
        return None
    folder = databases_dir()
    database = run_database(folder, _configured_database(settings))
    timeout = float(settings.server.ephemeral.startup_timeout_seconds)
    url, proc = start_server(timeout, {**UNUSED_SERVICES, **os.environ, **database.env()})
    if database.own is not None:
        atexit.register(_stop_and_remove, proc, database.own)   # before start_server's own stop (last in, first out)
        if database.migrate:
            save_template(database.own, folder)
    os.environ["PREFECT_API_URL"] = url
    os.environ.setdefault("PREFECT_UI_URL", "")  # it serves no UI: no dead "View at" links, as before
    from prefect.context import refresh_global_settings_context

    refresh_global_settings_context()         # Prefect was imported above: make it read the URL
    _started["url"] = url
    return url


def databases_dir() -> Path:
    """Where the template and the temporary APIs' databases live (a cache: deleting it costs one migration)."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / DATABASES


def _configured_database(settings) -> str | None:
    """The database URL the user configured, or None for Prefect's default (its home's prefect.db)."""
    db = settings.server.database
    url = db.connection_url.get_secret_value() if db.connection_url is not None else None
    return None if url in (None, f"{SQLITE}{settings.home}/prefect.db") else url


def run_database(folder: Path, configured: str | None) -> Database:
    """The database a temporary API is to use: the user's (migrated unless already at the template's
    revision), or a copy of the template in `folder` for this run (a new one, migrated, if there is
    no template yet: `save_template` then keeps it)."""
    template = _template(folder)
    if configured is not None:
        revision = _revision(template)
        return Database(configured, None, migrate=revision is None or _revision(_sqlite_path(configured)) != revision)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_left(folder)
    own = folder / f"run-{os.getpid()}.db"
    _remove_database(own)
    if template.exists():
        shutil.copyfile(template, own)
        return Database(f"{SQLITE}{own}", own, migrate=False)
    return Database(f"{SQLITE}{own}", own, migrate=True)


def _stop_and_remove(proc: subprocess.Popen, database: Path) -> None:
    """Stop the server, then delete its database."""
    stop_server(proc)
    _remove_database(database)


def make_template(path: Path) -> None:
    """Make a migrated, empty Prefect database at `path` (a temporary API started on it once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f"{path.name}.{os.getpid()}.new")
    _remove_database(fresh)
    _, proc = start_server(STARTUP_SECONDS, {**os.environ, **Database(f"{SQLITE}{fresh}").env()})
    stop_server(proc)
    _backup(fresh, path)
    _remove_database(fresh)


def save_template(database: Path, folder: Path) -> None:
    """Keep a copy of a just-migrated run database (no run in it yet) as the template of later runs."""
    _backup(database, _template(folder))


def _template(folder: Path) -> Path:
    """The template database of this Prefect version (a new version has new migrations)."""
    return folder / f"template-{version('prefect')}.db"


def _backup(source: Path, target: Path) -> None:
    """Copy an SQLite database whole (its WAL included), atomically: a copy, then a rename."""
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    src, dst = sqlite3.connect(source), sqlite3.connect(partial)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")     # a copy is one file (the server turns WAL on again)
    finally:
        src.close()
        dst.close()
    partial.replace(target)


def _revision(path: Path | None) -> str | None:
    """The migration revision of an SQLite database file, None if it has none (or is not one)."""
    if path is None or not path.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("select version_num from alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _sqlite_path(url: str) -> Path | None:
    """The file of an SQLite database URL (None for another database, or an in-memory one)."""
    return Path(url[len(SQLITE):]) if url.startswith(SQLITE) and ":memory:" not in url else None


def _remove_left(folder: Path) -> None:
    """Delete the databases of temporary APIs whose run has ended (a killed run leaves its copy)."""
    for path in folder.glob("run-*.db"):
        match = re.fullmatch(r"run-(\d+)\.db", path.name)
        if match and not process_exists(int(match[1])):
            _remove_database(path)


def _remove_database(path: Path) -> None:
    """Delete an SQLite database file and its WAL and shared-memory files."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal"):
        (path.parent / name).unlink(missing_ok=True)


def process_exists(pid: int) -> bool:
    """Whether a process with this id exists (another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
