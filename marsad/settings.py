"""One settings object: packaged defaults, overridden by MARSAD_* env vars, then by flags."""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from .errors import SettingsError

ENV_PREFIX = "MARSAD_"
# Settings where 0 means "none" (no retry at all).
ZERO_ALLOWED = ("fetch_retries", "fetch_max_redirects")
# Settings where an empty text means "none" (no scheduler address: start a local cluster; no
# lake location: the lake is DIR/lake).
EMPTY_ALLOWED = ("dask_address", "lake", "catalog", "state_dir", "cache_dir")
# Settings limited to a few words.
CHOICES = {"task_runner": ("default", "dask"), "prefect_server": ("auto", "local", "temporary")}
REPO_ROOT = Path(__file__).resolve().parent.parent
# Where a lake can live besides a local folder (marsad/storage.py).
LAKE_SCHEMES = ("s3://",)
# What a catalog setting starts with, and the catalog databases DuckLake has that marsad does not
# ship an extension for (refused with a clear message rather than a download attempt).
CATALOG_PREFIX, CATALOG_POSTGRES, CATALOG_OTHER = "ducklake:", "postgres:", ("sqlite", "mysql")


def _packaged_defaults() -> dict[str, Any]:
    """Read marsad/defaults.toml."""
    text = resources.files("marsad").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


# The one place defaults live: every default below and in FetchConfig is read from here.
DEFAULTS = _packaged_defaults()


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told; immutable, so passing it around is safe."""

    data_dir: Path
    max_file_bytes: int
    batch_size: int
    sql_dir: Path = REPO_ROOT / "sql"
    # Fetching web pages (defaults and the reasons for them in defaults.toml).
    user_agent: str = DEFAULTS["user_agent"]
    fetch_timeout: float = DEFAULTS["fetch_timeout"]
    fetch_retries: int = DEFAULTS["fetch_retries"]
    fetch_max_bytes: int = DEFAULTS["fetch_max_bytes"]
    fetch_max_redirects: int = DEFAULTS["fetch_max_redirects"]
    fetch_retry_after_max: float = DEFAULTS["fetch_retry_after_max"]
    fetch_workers: int = DEFAULTS["fetch_workers"]
    per_host_concurrency: int = DEFAULTS["per_host_concurrency"]
    per_host_rps: float = DEFAULTS["per_host_rps"]
    allow_private_networks: bool = DEFAULTS["allow_private_networks"]
    parse_workers: int = DEFAULTS["parse_workers"]
    # Processes reading documents for actors, claims and events in the default task runner (runs of
    # two batches or more, or of 20 documents or more: marsad/forkserver.py pool_size): 2 by
    # default (defaults.toml); 1 reads them in the run's own process.
    extract_workers: int = DEFAULTS["extract_workers"]
    # Where the batch tasks (parse, extract) run: "default" in this process, "dask" on a Dask
    # cluster (a local one of `dask_workers` processes, or the scheduler at `dask_address`).
    task_runner: str = DEFAULTS["task_runner"]
    dask_workers: int = DEFAULTS["dask_workers"]
    dask_address: str = DEFAULTS["dask_address"]
    # Where `marsad run` reports flow runs without PREFECT_API_URL: "local" (the server kept running
    # for the user), "temporary" (Prefect's temporary API, for the run alone) or "auto" (local in a
    # terminal; otherwise the kept server if one runs, else temporary).
    prefect_server: str = DEFAULTS["prefect_server"]
    # marsad's per-user state (the kept Prefect server): empty for $XDG_STATE_HOME/marsad or
    # ~/.local/state/marsad.
    state_dir: str = DEFAULTS["state_dir"]
    # marsad's per-user cache (the loaded extractor): empty for $XDG_CACHE_HOME/marsad or ~/.cache/marsad.
    cache_dir: str = DEFAULTS["cache_dir"]
    # Where the Parquet lake lives: empty for DIR/lake, a local folder, or s3://bucket/prefix.
    lake: str = DEFAULTS["lake"]
    # --- the shared catalog (marsad/catalog.py) ---
    # A DuckLake catalog the marts are published into after each build: empty for none,
    # ducklake:PATH (an embedded file) or ducklake:postgres:CONNINFO (PostgreSQL).
    catalog: str = DEFAULTS["catalog"]
    # Memory DuckDB may use to build and test the warehouse, e.g. "500MB" (defaults.toml).
    build_memory_limit: str = DEFAULTS["build_memory_limit"]

    @property
    def lake_dir(self) -> Path | str:
        """Root of the Parquet lake: a local folder, or an s3:// URL (see marsad/storage.py)."""
        if not self.lake:
            return self.data_dir / "lake"
        return self.lake if self.lake.startswith(LAKE_SCHEMES) else Path(self.lake)

    @property
    def state_path(self) -> Path:
        """marsad's per-user state dir: the setting, else $XDG_STATE_HOME/marsad, else ~/.local/state/marsad."""
        if self.state_dir:
            return Path(self.state_dir).expanduser().resolve()
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        return Path(base).expanduser().resolve() / "marsad"

    @property
    def cache_path(self) -> Path:
        """marsad's per-user cache dir: the setting, else $XDG_CACHE_HOME/marsad, else ~/.cache/marsad."""
        if self.cache_dir:
            return Path(self.cache_dir).expanduser().resolve()
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base).expanduser().resolve() / "marsad"

    @property
    def warehouse_path(self) -> Path:
        """The DuckDB file users query."""
        return self.data_dir / "marsad.duckdb"

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None,
             environ: Mapping[str, str] | None = None) -> "Settings":
        """Defaults from defaults.toml, then env vars, then non-None overrides."""
        values: dict[str, Any] = dict(DEFAULTS)
        env = os.environ if environ is None else environ
        for field in dataclasses.fields(cls):
            key = ENV_PREFIX + field.name.upper()
            if env.get(key):
                values[field.name] = env[key]
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        return cls(**{f.name: _coerce(f.name, f.type, values[f.name])
                      for f in dataclasses.fields(cls) if f.name in values})


def _coerce(name: str, kind: str, value: Any) -> Any:
    """Turn an env or flag value into the field's type, or raise SettingsError."""
    if kind == "Path":
        return _folder(name, Path(value).expanduser().resolve())
    if kind == "bool":
        return _flag(name, value)
    if name == "lake":
        return _lake(_text(name, value))
    if name == "catalog":
        return _catalog(_text(name, value))
    if name == "build_memory_limit":
        return _memory(_text(name, value))
    if kind == "str":
        return _text(name, value)
    try:
        number = (float if kind == "float" else int)(str(value).replace("_", ""))
    except (TypeError, ValueError):
        raise SettingsError(f"setting {name} must be a{'' if kind == 'int' else ' decimal'} number, "
                            f"got {value!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise SettingsError(f"setting {name} must be a finite number, got {value!r}")
    if number < 0 or (number == 0 and name not in ZERO_ALLOWED):
        raise SettingsError(f"setting {name} must be positive, got {number}")
    return number


def _text(name: str, value: Any) -> str:
    """A text setting, stripped; empty only where allowed, one of its choices where it has some."""
    text = str(value).strip()
    if not text and name not in EMPTY_ALLOWED:
        raise SettingsError(f"setting {name} must not be empty")
    if name in CHOICES and text not in CHOICES[name]:
        raise SettingsError(f"setting {name} must be one of {', '.join(CHOICES[name])}, got {text!r}")
    return text


def _lake(text: str) -> str:
    """A lake location: empty, s3://bucket[/prefix], or a local folder (made absolute)."""
    if not text:
        return text
    scheme = text.split("://", 1)[0] + "://" if "://" in text else ""
    if scheme in LAKE_SCHEMES:
        if not text[len(scheme):].strip("/"):
            raise SettingsError(f"setting lake must name a bucket: {scheme}BUCKET/PREFIX, got {text!r}")
        return text.rstrip("/")
    if scheme:
        raise SettingsError(f"setting lake must be a local folder or {' or '.join(LAKE_SCHEMES)}BUCKET/PREFIX, "
                            f"got {text!r}")
    return str(_folder("lake", Path(text).expanduser().resolve()))


def _catalog(text: str) -> str:
    """A catalog: empty, ducklake:postgres:CONNINFO, or ducklake:PATH (the file's path made absolute)."""
    if not text:
        return text
    if not text.startswith(CATALOG_PREFIX) or not text[len(CATALOG_PREFIX):].strip():
        raise SettingsError("setting catalog must be ducklake:PATH (an embedded catalog file) or "
                            f"ducklake:postgres:CONNINFO (PostgreSQL), got {text!r}")
    rest = text[len(CATALOG_PREFIX):]
    if rest.startswith(CATALOG_POSTGRES):
        return text
    if "://" in rest or rest.split(":", 1)[0] in CATALOG_OTHER:
        raise SettingsError(f"setting catalog: only a local file or postgres: is supported as the catalog "
                            f"database, got {text!r}")
    path = Path(rest).expanduser().resolve()
    if path.is_dir():
        raise SettingsError(f"setting catalog must name a file, but {path} is a folder")
    return CATALOG_PREFIX + str(path)


def _flag(name: str, value: Any) -> bool:
    """A yes/no setting from a bool or from 1/0, true/false, yes/no, on/off."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"setting {name} must be 1 or 0 (true or false), got {value!r}")


MEMORY = re.compile(r"(?P<amount>\d+(\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


def _memory(value: str) -> str:
    """An amount of memory as DuckDB reads it ("500MB", "2GiB"), more than none, or SettingsError."""
    found = MEMORY.fullmatch(value.strip())
    if not found or float(found["amount"]) <= 0:
        raise SettingsError(f"setting build_memory_limit must be an amount such as 500MB or 2GB, not {value!r}")
    return value.strip()


def _folder(name: str, path: Path) -> Path:
    """A path that is a folder or does not exist yet."""
    if path.exists() and not path.is_dir():
        raise SettingsError(f"setting {name} must be a folder, but {path} is a file")
    if "?" in str(path):        # DuckDB reads what follows as connection options (1.5.5)
        raise SettingsError(f"setting {name} must not contain '?': {path}")
    return path
