"""A real PostgreSQL server for tests, from the machine's own binaries (Debian's package `postgresql`).

`initdb` refuses to run as root, so as root the server runs as the `postgres` user the package
creates, in a folder of its own outside pytest's private temporary tree.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def binaries() -> Path | None:
    """The folder of the newest installed PostgreSQL server binaries, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    on_path = shutil.which("initdb")
    path = found[-1] if found else on_path
    return Path(path).parent if path else None


def missing_reason() -> str | None:
    """Why no server can be started here, or None."""
    if binaries() is None:
        return "PostgreSQL's server binaries (initdb, pg_ctl: Debian package postgresql) are not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user for the server to run as"
    return None


def _as_server_user(argv: list[str]) -> list[str]:
    """argv run as the postgres user when we are root (initdb refuses root)."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A throw-away cluster on 127.0.0.1 with trust authentication for the user postgres."""

    def __init__(self) -> None:
        self.bin, self.port = binaries(), _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"

    def start(self) -> "Server":
        """initdb, then pg_ctl start, waiting until it accepts connections."""
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        return self

    def create_database(self, name: str) -> str:
        """A new database; its URL."""
        self.sql(f"create database {name}")
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def sql(self, query: str, database: str = "postgres") -> str:
        """Run one statement with psql; its unaligned output."""
        return self._run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
                         "-At", "-c", query).stdout

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(_as_server_user([str(self.bin / tool), *args]), capture_output=True, text=True,
                              check=check, timeout=120, cwd=self.folder)
