"""A per-user cache of the loaded extractor (lexicons and their automata), so that a process that
extracts starts in under a second instead of about six.

Loading the packaged lexicons builds ~800,000 objects and the Aho-Corasick automata: 5.5-7.3 s of
CPU, where reading them back from a pickle takes 0.6-0.8 s (2026-12-07, this 2-core machine; the
rows of 1,000 corpus articles are identical either way). The file is named by the extractor's
fingerprint (a hash of every code and data file extraction reads: marsad/fingerprint.py), the
Python version, the machine's architecture and pyahocorasick's version, so a changed lexicon,
module or interpreter never reads a stale cache; only the newest files are kept (KEEP). It lives in
the user's cache dir (setting `cache_dir`); a file the user does not own, or that others may
write, is not read (a pickle runs code when read). The cache is a speed-up only: any failure
to read or write it is logged at debug level and the lexicons are loaded as without it.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import platform
import sys
import time
from contextlib import suppress
from importlib import metadata
from pathlib import Path

log = logging.getLogger(__name__)

PREFIX = "extractor-"
SUFFIX = ".pickle"
TEMP = ".tmp"
# A partial file older than this is a write that was stopped (a write takes 1-2 s).
STALE_SECONDS = 3600
# Cache files kept: the current extractor's and two more, for a user who switches between two
# checkouts or versions (each would otherwise remove the other's file and load the lexicons).
KEEP = 3


def cache_file(folder: Path, fingerprint: str) -> Path:
    """The cache file of an extractor fingerprint under this interpreter, machine and automaton library."""
    python = f"py{sys.version_info.major}{sys.version_info.minor}-{platform.machine() or 'machine'}"
    return folder / f"{PREFIX}{fingerprint}-{python}-ahocorasick{_ahocorasick()}{SUFFIX}"


def _ahocorasick() -> str:
    """pyahocorasick's version (its automata are pickled), or "unknown"."""
    try:
        return metadata.version("pyahocorasick")
    except metadata.PackageNotFoundError:
        return "unknown"


def load(folder: Path, fingerprint: str) -> object | None:
    """What `store` wrote for this fingerprint, or None (no file, or one that cannot be read)."""
    path = cache_file(folder, fingerprint)
    enabled = gc.isenabled()
    gc.disable()        # ~800,000 new objects: the cyclic collector would walk them again and again
    try:
        with path.open("rb") as handle:
            if not _trusted(os.fstat(handle.fileno())):
                log.warning("extractor cache %s ignored: not the user's own file, or writable by others", path)
                return None
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as err:        # a truncated or foreign file: load the lexicons instead
        log.debug("extractor cache %s unreadable (%s): loading the lexicons", path, err)
        return None
    finally:
        if enabled:
            gc.enable()


def _trusted(stat: os.stat_result) -> bool:
    """A file this user owns that nobody else may write (a pickle runs code when read)."""
    return stat.st_uid == os.getuid() and not stat.st_mode & (0o020 | 0o002)


def store(folder: Path, fingerprint: str, value: object) -> None:
    """Write `value` as this fingerprint's cache (atomically), and prune old files."""
    path = cache_file(folder, fingerprint)
    temp = path.with_name(f".{path.name}.{os.getpid()}{TEMP}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with temp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except Exception as err:        # any failure to pickle or write: the run goes on without a cache
        log.debug("extractor cache %s not written (%s)", path, err)
        with suppress(OSError):
            temp.unlink(missing_ok=True)
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    """Keep the KEEP newest cache files (each ~95 MB); remove the others, and the partial files of
    writes that were stopped (older than STALE_SECONDS)."""
    files = sorted(folder.glob(f"{PREFIX}*{SUFFIX}"), key=_mtime, reverse=True)
    stale = [t for t in folder.glob(f".{PREFIX}*{TEMP}") if time.time() - _mtime(t) > STALE_SECONDS]
    for old in files[KEEP:] + stale:
        with suppress(OSError):     # another process may be removing it too
            old.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    """A file's modification time, 0 when it is gone."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
