"""Decode fetched HTML: byte-order mark, header charset, <meta> charset, then detection.

The order follows the WHATWG encoding sniffing algorithm (a BOM overrides everything, then the
transport layer, then the prescan of <meta>), with one exception for old Arabic sites: a header
naming a Western default (ISO-8859-1, Windows-1252, ASCII) is usually the server's default, not
the author's, so the page's <meta> or detection decides (Windows-1256 bytes read as Windows-1252
decode without error into nonsense, so the header alone cannot be trusted).
"""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from marsad.encodings import DecodeError, decode

logger = logging.getLogger(__name__)

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
# The HTML standard's prescan looks at the first 1024 bytes; pages with long <head> scripts
# put the tag later, so marsad looks further (4 KB costs nothing).
PRESCAN_BYTES = 4096
META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# Labels that browsers read as Windows-1252 (WHATWG encoding standard) and that Apache-style
# servers send by default.
WESTERN_DEFAULTS = {"iso-8859-1", "latin1", "latin-1", "iso8859-1", "us-ascii", "ascii",
                    "windows-1252", "cp1252"}
ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
           "iso8859-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
           "x-user-defined": "cp1252", "windows-874": "cp874", "x-mac-arabic": "mac-arabic"}
# Detection reads at most this much: enough for charset_normalizer on a long page (it samples),
# and it keeps a 20 MB body from costing seconds.
DETECT_BYTES = 200_000


def decode_html(body: bytes, header_charset: str | None) -> tuple[str, str]:
    """The text of an HTML body and the encoding used (a Python codec name)."""
    for encoding in _candidates(body, header_charset):
        try:
            return body.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            logger.debug("declared charset %s does not decode the body", encoding)
    encoding = detect(body)
    return body.decode(encoding, errors="replace"), encoding


def meta_charset(body: bytes) -> str | None:
    """The charset named by a <meta charset> or http-equiv Content-Type in the first bytes."""
    match = META_CHARSET.search(body[:PRESCAN_BYTES])
    return match.group(1).decode("ascii", errors="ignore").lower() if match else None


def detect(body: bytes) -> str:
    """The encoding of undeclared bytes: marsad's file rules (UTF-8, Windows-1256, -1252 when
    plausible), then charset_normalizer's guess."""
    try:
        return codec(decode(body)[1]) or "utf-8"
    except DecodeError:
        pass
    best = charset_normalizer.from_bytes(body[:DETECT_BYTES]).best()
    return (codec(best.encoding) if best is not None else None) or "cp1252"


def codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None for an unknown label."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        return codecs.lookup(ALIASES.get(label, label)).name
    except LookupError:
        return None


def _candidates(body: bytes, header_charset: str | None) -> list[str]:
    """The declared encodings to try in order: BOM, then header, then meta."""
    for bom, encoding in BOMS:
        if body.startswith(bom):
            return [encoding]
    header, meta = codec(header_charset), codec(meta_charset(body))
    if (header_charset or "").strip().lower() in WESTERN_DEFAULTS:
        header = None  # a server default: the page's meta, else detection, decides
    return [c for c in dict.fromkeys((header, meta)) if c]
