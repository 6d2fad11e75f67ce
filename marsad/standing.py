"""Standing sources: the folders and files a scheduled run ingests, listed in a TOML file."""

from __future__ import annotations

import tomllib
from pathlib import Path

from .errors import SettingsError


def load_standing(path: str | Path) -> list[str]:
    """The `paths` of a sources file, or a SettingsError naming the file and the reason."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: no such sources file") from None
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"{path}: not valid TOML: {err}") from None
    paths = data.get("paths")
    if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
        raise SettingsError(f"{path}: `paths` must be a non-empty list of folders or files")
    return paths
