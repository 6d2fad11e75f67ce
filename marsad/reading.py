"""Read article files (I/O only): fingerprint, size limit, bytes and the sidecar's bytes."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from .sources import SourceRef

# A sidecar holds five short strings (url, published, outlet, language, title): 64 KB is over
# ten times the longest honest one (a 2,000-character URL and a long title), and bounds what a
# stray or hostile sidecar costs to read.
MAX_SIDECAR_BYTES = 65_536


@dataclass(frozen=True)
class Fingerprint:
    """What a cheap stat says about a source and its sidecar; equal means unchanged."""

    size: int
    mtime_ns: int
    sidecar_mtime_ns: int | None


@dataclass(frozen=True)
class Reject:
    """An input that could not be ingested, with a reason code and a message for people."""

    ref: SourceRef
    reason: str
    message: str
    size: int | None = None
    fingerprint: Fingerprint | None = None


@dataclass(frozen=True)
class RawSource:
    """The bytes of an article file and of its sidecar, if any."""

    ref: SourceRef
    data: bytes
    sidecar: bytes | None
    fingerprint: Fingerprint
    encoding: str | None = None     # of the original bytes when `data` is text taken from HTML


def fingerprint(ref: SourceRef) -> Fingerprint | Reject:
    """Stat a source and its sidecar; a Reject if the source cannot be stat'ed as a file."""
    try:
        st = os.stat(ref.path)
    except OSError as err:
        return Reject(ref, "unreadable", _os_message(err))
    if not stat.S_ISREG(st.st_mode):        # os.path.isfile's test, without a second stat
        return Reject(ref, "unreadable", "not a regular file")
    try:
        side = os.stat(ref.sidecar_file).st_mtime_ns
    except OSError:
        side = None
    return Fingerprint(st.st_size, st.st_mtime_ns, side)


def _read_sidecar(ref: SourceRef) -> bytes:
    """A sidecar's bytes, at most MAX_SIDECAR_BYTES + 1 of them (more is refused when parsed)."""
    with open(ref.sidecar, "rb") as handle:
        return handle.read(MAX_SIDECAR_BYTES + 1)


def read_source(ref: SourceRef, max_bytes: int) -> RawSource | Reject:
    """Read a source's bytes, refusing empty, oversized and unreadable files."""
    fp = fingerprint(ref)
    if isinstance(fp, Reject):
        return fp
    if fp.size == 0:
        return Reject(ref, "empty", "empty file", 0, fp)
    if fp.size > max_bytes:
        return Reject(ref, "too_large", f"{fp.size:,} bytes is over the limit of "
                      f"{max_bytes:,} (setting max_file_bytes)", fp.size, fp)
    try:
        with open(ref.path, "rb") as handle:
            data = handle.read(max_bytes + 1)
        sidecar = _read_sidecar(ref) if fp.sidecar_mtime_ns is not None else None
    except OSError as err:
        return Reject(ref, "unreadable", _os_message(err), fp.size, fp)
    return RawSource(ref, data, sidecar, fp)


def read_batch(refs: list[SourceRef], max_bytes: int) -> list[RawSource | Reject]:
    """Read many sources; failures come back as Reject items, never as exceptions."""
    return [read_source(ref, max_bytes) for ref in refs]


def _os_message(err: OSError) -> str:
    """A short message for an OS error, without the path (the reject row names it)."""
    return (err.strerror or str(err)).lower()
