"""Where the lake's files live: a local folder or `s3://bucket/prefix` on any S3-compatible store.

One `Store` per lake location: a pyarrow filesystem and the lake's root in it, used by lake.py
to list, write and (through DuckDB) read the Parquet files of each table. On S3 the endpoint and
credentials come from the standard AWS variables (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION), and DuckDB reads the same objects through
its httpfs extension (PyPI `duckdb-extension-httpfs`, offline) with a secret built from them.

Writes are atomic on both: locally a file is written in a staging folder and renamed into
place; on S3, where there is no rename, the whole file is serialised in memory and sent as one
object under its final name (a PUT, or a multipart upload, is visible only once complete).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from .errors import MarsadError

log = logging.getLogger(__name__)

S3 = "s3://"
STAGING = ".staging"
# Staging files older than this are leftovers of a crashed run (a batch is written in seconds).
STALE_SECONDS = 3600
SECRET = "marsad_lake"
DEFAULT_REGION = "us-east-1"    # what the AWS SDKs assume; S3-compatible stores mostly ignore it
# The environment variables a store is built from (a change to any makes a new store).
AWS_ENV = ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
           "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION")
# One in-memory DuckDB per S3 store and process, httpfs and the secret loaded, handing out
# cursors: loading httpfs into a new database costs 0.4-0.6 s (it checks the extension's
# signature; measured here), a cursor of a database that has it about 1 ms.
_SHARED: dict[str, duckdb.DuckDBPyConnection] = {}
_SHARED_LOCK = threading.Lock()



# DuckDB draws a progress bar on stdout for any query over 2 s, with or without a terminal: it
# broke the JSON summary of a 10,000-article run (`marsad run --json`), so no connection draws one.
# (A local setting: 1.5.5 refuses it in connect's config, and a cursor starts with it on again.)
QUIET = "set enable_progress_bar = false"


def quiet_connect(database: str = ":memory:", read_only: bool = False,
                  config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection that draws no progress bar on stdout (`duckdb.connect` otherwise)."""
    config = dict(config or {})
    lock = config.pop("lock_configuration", False)
    con = duckdb.connect(database, read_only=read_only, config=config)
    con.execute(QUIET)
    if lock:
        con.execute("set lock_configuration = true")
    return con


@dataclass(frozen=True)
class S3Config:
    """Endpoint, credentials and region of an S3-compatible store, from the AWS variables."""

    endpoint: str | None = None     # host:port of a store other than AWS itself
    use_ssl: bool = True
    key_id: str | None = None
    secret: str | None = None
    token: str | None = None
    region: str = DEFAULT_REGION

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> "S3Config":
        """The store named by AWS_ENDPOINT_URL(_S3), with the keys and region of the environment."""
        url = env.get("AWS_ENDPOINT_URL_S3") or env.get("AWS_ENDPOINT_URL")
        endpoint = urlsplit(url if "//" in url else "https://" + url) if url else None
        return cls(endpoint.netloc if endpoint else None, not endpoint or endpoint.scheme != "http",
                   env.get("AWS_ACCESS_KEY_ID") or None, env.get("AWS_SECRET_ACCESS_KEY") or None,
                   env.get("AWS_SESSION_TOKEN") or None,
                   env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or DEFAULT_REGION)

    def filesystem(self) -> pafs.S3FileSystem:
        """pyarrow's S3 filesystem for this store (path-style addressing on a custom endpoint)."""
        return pafs.S3FileSystem(access_key=self.key_id, secret_key=self.secret, session_token=self.token,
                                 region=self.region, endpoint_override=self.endpoint,
                                 scheme="https" if self.use_ssl else "http")

    def secret_sql(self) -> str:
        """DuckDB's CREATE SECRET for this store (a temporary secret: never saved in a database file)."""
        options = {"type": "s3", "key_id": self.key_id, "secret": self.secret, "session_token": self.token,
                   "region": self.region, "endpoint": self.endpoint,
                   "url_style": "path" if self.endpoint else None}
        listed = ", ".join(f"{k} {_literal(v)}" for k, v in options.items() if v is not None)
        return f"create or replace temporary secret {SECRET} ({listed}, use_ssl {str(self.use_ssl).lower()})"


def _literal(value: str) -> str:
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


@dataclass(frozen=True)
class Store:
    """A lake's files: the filesystem, the lake's root in it, and how DuckDB names them."""

    fs: pafs.FileSystem
    root: str                       # "bucket/prefix" on S3, an absolute folder locally
    s3: S3Config | None = None      # None for a local lake

    @property
    def remote(self) -> bool:
        """Whether the lake is on an object store."""
        return self.s3 is not None

    def uri(self, path: str) -> str:
        """The name DuckDB reads a file by: an s3:// URL, or the local absolute path."""
        return S3 + path if self.remote else path

    def files(self, table: str) -> list[tuple[str, int, int]]:
        """(name DuckDB reads it by, size, modification time in ns) of a table's Parquet files, sorted.

        On S3 the time is the object's Last-Modified (whole seconds)."""
        selector = pafs.FileSelector(f"{self.root}/{table}", allow_not_found=True)
        try:
            infos = self.fs.get_file_info(selector)
        except NotADirectoryError:
            return []
        found = [(self.uri(i.path), i.size, i.mtime_ns or 0) for i in infos
                 if i.type == pafs.FileType.File and i.path.endswith(".parquet")]
        return sorted(found)

    def write(self, table: str, name: str, data: pa.Table, **options) -> str:
        """Write a table's file under its final name, atomically (a re-write replaces it); return its name."""
        target = f"{self.root}/{table}/{name}"
        if self.remote:
            self._put(target, data, options)
        else:
            self._replace(target, data, options)
        return self.uri(target)

    def path(self, name: str) -> str:
        """The filesystem path of a file DuckDB reads by `name` (the reverse of uri)."""
        return name[len(S3):] if self.remote and name.startswith(S3) else name

    def delete(self, names: list[str]) -> None:
        """Delete files given by the names DuckDB reads them by (one already gone is no error)."""
        for name in names:
            try:
                self.fs.delete_file(self.path(name))
            except FileNotFoundError:
                pass

    def put_bytes(self, relative: str, body: bytes) -> None:
        """Write a small file under the lake's root, atomically (S3: one object; local: rename)."""
        target = f"{self.root}/{relative}"
        if self.remote:
            with self.fs.open_output_stream(target) as stream:
                stream.write(body)
            return
        staging = self.staging()
        staging.mkdir(parents=True, exist_ok=True)
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        temp = staging / f"{uuid.uuid4().hex}-{Path(target).name}"
        temp.write_bytes(body)
        os.replace(temp, target)

    def read_all(self, relative: str, suffix: str) -> list[tuple[str, bytes]]:
        """(name, bytes) of the files ending in `suffix` in a folder under the lake's root, sorted."""
        selector = pafs.FileSelector(f"{self.root}/{relative}", allow_not_found=True)
        try:
            infos = self.fs.get_file_info(selector)
        except NotADirectoryError:
            return []
        out = []
        for info in sorted((i for i in infos if i.type == pafs.FileType.File and i.path.endswith(suffix)),
                           key=lambda i: i.path):
            with self.fs.open_input_stream(info.path) as stream:
                out.append((self.uri(info.path), stream.read()))
        return out

    def _put(self, target: str, data: pa.Table, options: dict) -> None:
        """Send the whole file as one object: nothing is visible until the upload completes."""
        buffer = pa.BufferOutputStream()
        pq.write_table(data, buffer, **options)
        body = buffer.getvalue()
        stream = self.fs.open_output_stream(target)
        stream.write(body)          # written whole before close: a close never publishes a part
        stream.close()

    def _replace(self, target: str, data: pa.Table, options: dict) -> None:
        """Write into the staging folder beside the lake, fsync, then rename into place."""
        staging = self.staging()
        staging.mkdir(parents=True, exist_ok=True)
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        temp = staging / f"{uuid.uuid4().hex}-{Path(target).name}"
        pq.write_table(data, temp, **options)
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)

    def staging(self) -> Path:
        """The local staging folder (beside the lake folder, outside it: readers never see it)."""
        return Path(self.root).parent / STAGING

    def sweep(self, now: float | None = None) -> int:
        """Delete staging files left by crashed runs; return how many were removed.

        An S3 lake has none: an interrupted upload never becomes an object."""
        staging = None if self.remote else self.staging()
        if staging is None or not staging.is_dir():
            return 0
        cutoff = (time.time() if now is None else now) - STALE_SECONDS
        stale = [p for p in staging.iterdir() if p.is_file() and p.stat().st_mtime < cutoff]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection that reads the lake (close it after use): a new in-memory database
        for a local lake; on S3 a cursor of the store's shared database, httpfs loaded."""
        if not self.remote:
            return quiet_connect()
        key = f"{self.root}\n{self.s3.secret_sql()}"
        with _SHARED_LOCK:
            if key not in _SHARED:
                shared = quiet_connect()
                self.prepare(shared)
                _SHARED[key] = shared
            cursor = _SHARED[key].cursor()
        return cursor.execute(QUIET)

    def prepare(self, con: duckdb.DuckDBPyConnection) -> None:
        """Let a DuckDB connection read the lake: httpfs and the store's secret for an S3 lake."""
        if self.remote:
            con.execute(f"load '{httpfs_extension()}'")
            con.execute(self.s3.secret_sql())


def is_remote(location: Path | str) -> bool:
    """Whether a lake location is an s3:// URL."""
    return str(location).startswith(S3)


def store(location: Path | str) -> Store:
    """The store of a lake location (one per location and AWS environment, reused)."""
    env = tuple(os.environ.get(name, "") for name in AWS_ENV) if is_remote(location) else ()
    return _store(str(location), env)


@lru_cache(maxsize=16)
def _store(location: str, env: tuple[str, ...]) -> Store:
    """A new store (see `store`)."""
    if not is_remote(location):
        return Store(pafs.LocalFileSystem(), str(Path(location).resolve()))
    config = S3Config.from_env(dict(zip(AWS_ENV, env)))
    root = location[len(S3):].strip("/")
    log.debug("lake on s3://%s (endpoint %s)", root, config.endpoint or "AWS")
    return Store(config.filesystem(), root, config)


def httpfs_extension() -> Path:
    """The httpfs extension shipped by its PyPI package for this DuckDB, or a MarsadError saying how to get it."""
    return extension_file("httpfs", "a lake on S3")


def extension_file(name: str, purpose: str) -> Path:
    """The DuckDB extension `name` shipped by the PyPI package duckdb-extension-NAME for this DuckDB
    (loaded offline: nothing is downloaded), or a MarsadError saying what needs it and how to get it."""
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or spec.origin is None:
        raise MarsadError(f"{purpose} needs DuckDB's {name} extension: pip install duckdb-extension-{name}=="
                          + duckdb.__version__)
    path = Path(spec.origin).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.exists():
        raise MarsadError(f"no {name} extension for DuckDB {duckdb.__version__} in {path.parent.parent}")
    return path
