"""Recognise binary data and decode article bytes: UTF-8, UTF-16, Windows-1256, Windows-1252."""

from __future__ import annotations

import codecs
import re

# Leading bytes of common binary formats, named in the rejection message.
MAGIC = {
    b"%PDF": "PDF document", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image", b"PK\x03\x04": "ZIP archive (or DOCX/XLSX)", b"\x1f\x8b": "gzip data",
    b"\x7fELF": "executable", b"PAR1": "Parquet file", b"SQLite format 3": "SQLite database",
}
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-bom"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
# Control characters that never occur in text (tab, newlines and form feed excluded).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
ARABIC_OK = re.compile(r"[\u0600-\u06ff«»–—‘’“”…\u00a0\u200c-\u200f]")
LATIN_OK = re.compile(r"[\u00a0-\u00ff‘’“”–—…€™Œœ‚„†‡•]")
# A legacy decoding is accepted when at least this share of its non-ASCII characters are
# plausible for the script (the seed in Windows-1256 scores 1.0; Chinese GBK decoded as
# Windows-1256 scores 0.62) ...
PLAUSIBLE_SHARE = 0.9
# ... and its runs of non-ASCII letters look like words: the seed's mean run is 5.2 characters
# (longest 11); GBK or random bytes give runs of 100+ characters without a space.
MAX_MEAN_RUN = 12
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s]+")
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
SNIFF_BYTES = 65536


class DecodeError(ValueError):
    """Bytes that are not text marsad can read; `reason` is a short code for the rejects table."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise DecodeError saying why the bytes are not text."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            return _strict(data, codec, name).replace("\x00", ""), name
    _refuse_binary(data[:SNIFF_BYTES])
    # A NUL past the sniffed head is dropped, never stored: it ends C strings and fools terminals
    # (in these ASCII-compatible encodings the byte 0 is U+0000 and nothing else).
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for codec, name, ok in (("cp1256", "windows-1256", ARABIC_OK), ("cp1252", "windows-1252", LATIN_OK)):
        text = _legacy(data, codec, ok)
        if text is not None and codec == "cp1256" and not ARABIC_LETTER.search(text):
            continue  # no Arabic at all: the same bytes read as Windows-1252 are the better label
        if text is not None:
            return text, name
    raise DecodeError("undecodable", "not valid UTF-8, UTF-16 or Windows-1256/1252 text")


def _strict(data: bytes, codec: str, name: str) -> str:
    """Decode after a byte-order mark, or raise DecodeError."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise DecodeError("undecodable", f"invalid {name} at byte {err.start}") from None


def _refuse_binary(head: bytes) -> None:
    """Raise DecodeError when the bytes look like a binary file."""
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            raise DecodeError("binary", f"binary file ({what})")
    if b"\x00" in head:
        raise DecodeError("binary", "binary file (contains NUL bytes)")


def _legacy(data: bytes, codec: str, ok: re.Pattern) -> str | None:
    """Decode with a single-byte code page if the result looks like text in its script."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if CONTROL.search(text):
        return None
    runs = NON_ASCII_RUN.findall(text)
    non_ascii = sum(map(len, runs))
    if not runs or non_ascii > MAX_MEAN_RUN * len(runs):
        return None
    plausible = len(ok.findall(text))
    return text if plausible >= PLAUSIBLE_SHARE * non_ascii else None
