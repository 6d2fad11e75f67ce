"""Find article files under the paths a user gives, with their optional sidecars."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_from_bytes

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt",)
# Other files a folder may hold: saved web pages and web archives (Common Crawl News).
KIND_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".warc": "warc", ".warc.gz": "warc"}
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class SourceRef:
    """One input to ingest: where it is and how to fingerprint it cheaply."""

    uri: str
    path: str
    kind: str = "file"

    @property
    def sidecar(self) -> Path:
        """Path of the optional NAME.meta.json beside NAME.txt."""
        return Path(self.sidecar_file)

    @property
    def sidecar_file(self) -> str:
        """The sidecar's path as text: pathlib's suffix rule on strings (a re-run stats 10,000 of them)."""
        folder, name = os.path.split(self.path)
        dot = name.rfind(".")
        stem = name[:dot] if 0 < dot < len(name) - 1 else name
        return os.path.join(folder, stem + SIDECAR_SUFFIX)


@dataclass
class Discovery:
    """What discovery found: sources to read, paths that could not be read, files skipped."""

    sources: list[SourceRef]
    missing: list[SourceRef]
    skipped: int = 0
    reasons: dict[str, str] = field(default_factory=dict)    # uri -> why a missing path is unreadable


def source_tags(paths: list[str]) -> list[str]:
    """Tags naming the kinds of source a run reads (files, web, warc), for filtering runs in the UI."""
    from .web.sources import is_url    # here: marsad.web.sources imports this module

    kinds = set()
    for given in paths:
        text = str(given)
        if is_url(text):
            kinds.add("web")
        elif file_kind(text) == "warc":
            kinds.add("warc")
        else:
            kinds.add("files")
    return sorted(kinds)


def file_kind(name: str) -> str | None:
    """file, html or warc by a file's suffix; None for files marsad does not read."""
    lower = name.lower()
    if lower.endswith(ARTICLE_SUFFIXES):
        return "file"
    return next((kind for suffix, kind in KIND_SUFFIXES.items() if lower.endswith(suffix)), None)


def file_ref(path: Path | str) -> SourceRef:
    """A SourceRef for a local file, its uri the absolute file:// path (Path.as_uri's, on strings)."""
    absolute = os.path.abspath(path)
    return SourceRef(uri="file://" + quote_from_bytes(os.fsencode(absolute)), path=absolute,
                     kind=file_kind(os.path.basename(absolute)) or "file")


def discover(paths: list[str | Path]) -> Discovery:
    """Expand files and folders into article sources, in a stable order, without duplicates.

    A path that cannot be reached, or a sub-folder that cannot be read, is missing with the
    reason (it becomes a reject): one bad folder neither stops discovery nor goes unsaid.
    """
    found: dict[str, SourceRef] = {}
    missing: list[SourceRef] = []
    problems: dict[str, tuple[SourceRef, str]] = {}
    skipped = 0
    for given in paths:
        path = Path(given)
        try:
            is_dir, exists = path.is_dir(), path.exists() or path.is_symlink()
        except OSError as err:          # inside a folder that cannot be searched: this path only
            _problem(problems, path, "cannot be reached", err)
            continue
        if is_dir:
            refs, n_skipped = _walk(path, problems)
            skipped += n_skipped
            found.update((ref.uri, ref) for ref in refs)
        elif exists:
            ref = file_ref(path)
            found[ref.uri] = ref
        else:
            missing.append(file_ref(path))
    missing += [ref for ref, _ in problems.values()]
    log.debug("discovered %d sources, %d missing, %d skipped", len(found), len(missing), skipped)
    return Discovery(sorted(found.values(), key=lambda r: r.uri), missing, skipped,
                     {uri: why for uri, (_, why) in problems.items()})


def _problem(problems: dict[str, tuple[SourceRef, str]], path: Path, what: str, err: OSError) -> None:
    """Record a path that could not be reached or read, with the OS's reason."""
    ref = file_ref(path)
    problems[ref.uri] = (ref, f"{what}: {(err.strerror or str(err)).lower()}")


def _walk(folder: Path, problems: dict[str, tuple[SourceRef, str]]) -> tuple[list[SourceRef], int]:
    """Article files under a folder (recursively), and how many other files were skipped; a
    sub-folder that cannot be read goes to `problems`."""
    refs, skipped = [], 0

    def unreadable(err: OSError) -> None:
        _problem(problems, Path(err.filename), "folder cannot be read", err)

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or name.endswith(SIDECAR_SUFFIX):
                continue
            if file_kind(name):
                refs.append(file_ref(os.path.join(root, name)))
            else:
                skipped += 1
    return refs, skipped
