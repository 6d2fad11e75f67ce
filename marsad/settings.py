"""One settings object: packaged defaults, overridden by MARSAD_* env vars, then by flags."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from .errors import SettingsError

ENV_PREFIX = "MARSAD_"
REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told; immutable, so passing it around is safe."""

    data_dir: Path
    max_file_bytes: int
    batch_size: int
    sql_dir: Path = REPO_ROOT / "sql"

    @property
    def lake_dir(self) -> Path:
        """Root of the Parquet lake."""
        return self.data_dir / "lake"

    @property
    def warehouse_path(self) -> Path:
        """The DuckDB file users query."""
        return self.data_dir / "marsad.duckdb"

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None,
             environ: Mapping[str, str] | None = None) -> "Settings":
        """Defaults from defaults.toml, then env vars, then non-None overrides."""
        values: dict[str, Any] = _packaged_defaults()
        env = os.environ if environ is None else environ
        for field in dataclasses.fields(cls):
            key = ENV_PREFIX + field.name.upper()
            if env.get(key):
                values[field.name] = env[key]
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        return cls(**{f.name: _coerce(f.name, f.type, values[f.name])
                      for f in dataclasses.fields(cls) if f.name in values})


def _packaged_defaults() -> dict[str, Any]:
    """Read marsad/defaults.toml."""
    text = resources.files("marsad").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _coerce(name: str, kind: str, value: Any) -> Any:
    """Turn an env or flag value into the field's type, or raise SettingsError."""
    try:
        if kind == "Path":
            return _folder(name, Path(value).expanduser().resolve())
        number = int(str(value).replace("_", ""))
    except (TypeError, ValueError):
        raise SettingsError(f"setting {name} must be an integer, got {value!r}") from None
    if number <= 0:
        raise SettingsError(f"setting {name} must be positive, got {number}")
    return number


def _folder(name: str, path: Path) -> Path:
    """A path that is a folder or does not exist yet."""
    if path.exists() and not path.is_dir():
        raise SettingsError(f"setting {name} must be a folder, but {path} is a file")
    return path
