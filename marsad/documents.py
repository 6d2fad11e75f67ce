"""Turn the bytes of an article file into a document row and its sentence rows (no I/O)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from .encodings import DecodeError, decode
from .lake import signed
from .web import simhash
from .ids import content_id
from .language import identify
from .reading import MAX_SIDECAR_BYTES, RawSource, Reject
from .segment import split_block
from .structure import HEADING, SUBTITLE, TITLE, read_layout

log = logging.getLogger(__name__)

SIDECAR_KEYS = ("url", "published", "outlet", "language", "title")
# Longest sidecar value: URLs are kept under ~2,000 characters by browsers and sitemaps, and the
# longest title of the 31,030 saudinewsnet articles has 181; a longer value is not metadata.
MAX_VALUE_CHARS = 2_048
# Sources read from the web: a document's id ignores its URL, so the same article found under
# two URLs (a mobile and a desktop page, a feed and a sitemap link) is one document.
URL_FREE_IDS = ("web", "warc", "html")
# The same kinds get a simhash, to mark near-copies (a wire story syndicated by two sites).
# Text files do not: it costs ~1.8 ms a document, which took the core ingest of 10,000 corpus
# files from 22 s to 40 s, and a folder of .txt files is usually one outlet's own archive.


@dataclass(frozen=True)
class ParsedDocument:
    """A document row (lake schema `documents`) and its sentence rows."""

    raw: RawSource
    row: dict[str, Any]
    sentences: list[dict[str, Any]]

    @property
    def doc_id(self) -> str:
        """The document's content-hash id."""
        return self.row["doc_id"]


class SidecarError(ValueError):
    """A sidecar that is not a JSON object with valid values."""


def parse(raw: RawSource, ingested_at: datetime) -> ParsedDocument | Reject:
    """Decode, read the layout, identify the language and split sentences."""
    try:
        text, encoding = decode(raw.data)
    except DecodeError as err:
        return Reject(raw.ref, err.reason, str(err), len(raw.data), raw.fingerprint)
    try:
        meta = read_sidecar(raw.sidecar)
    except SidecarError as err:
        return Reject(raw.ref, "bad_sidecar", f"{raw.ref.sidecar.name}: {err}",
                      len(raw.data), raw.fingerprint)
    layout = read_layout(text)
    if not layout.blocks:
        return Reject(raw.ref, "empty", "no text (only whitespace)", len(raw.data), raw.fingerprint)
    display = "\n".join(block.text for block in layout.blocks)
    language = meta.get("language") or identify(display)
    row = {
        "title": meta.get("title") or layout.first(TITLE),
        "subtitle": layout.first(SUBTITLE),
        "headings": layout.headings,
        "text": display,
        "language": language,
        "published_at": meta.get("published_at"),
        "published_precision": meta.get("published_precision"),
        "outlet": meta.get("outlet"),
        "url": meta.get("url"),
    }
    identity = sorted(k for k in row if not (k == "url" and raw.ref.kind in URL_FREE_IDS))
    row["doc_id"] = content_id(*(row[k] for k in identity))
    row.update(source_uri=raw.ref.uri, source_kind=raw.ref.kind, encoding=raw.encoding or encoding,
               ingested_at=ingested_at, n_chars=len(display), n_paragraphs=len(layout.blocks),
               simhash=signed(simhash.fingerprint(display)) if raw.ref.kind in URL_FREE_IDS else None,
               duplicate_of=None)
    return ParsedDocument(raw, row, sentence_rows(row["doc_id"], display, layout, language))


def sentence_rows(doc_id: str, text: str, layout, language: str) -> list[dict[str, Any]]:
    """Sentences of every block (title, subtitle and headings included), in reading order."""
    rows, start = [], 0
    for paragraph, block in enumerate(layout.blocks, start=1):
        end = start + len(block.text)
        part, heading = block.part, block.part == HEADING
        rows += [{"doc_id": doc_id, "sentence_id": f"{doc_id}-{len(rows) + k:04d}",
                  "paragraph": paragraph, "part": part, "start": s, "end": e,
                  "text": text[s:e], "is_heading": heading}
                 for k, (s, e) in enumerate(split_block(text, start, end, language))]
        start = end + 1
    return rows


def read_sidecar(data: bytes | None) -> dict[str, Any]:
    """Validated sidecar metadata; unknown keys are ignored, bad values raise SidecarError."""
    if data is None:
        return {}
    if len(data) > MAX_SIDECAR_BYTES:
        raise SidecarError(f"larger than {MAX_SIDECAR_BYTES:,} bytes")
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SidecarError(f"not valid JSON ({err})") from None
    if not isinstance(meta, dict):
        raise SidecarError("must be a JSON object")
    out: dict[str, Any] = {}
    for key in SIDECAR_KEYS:
        value = meta.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise SidecarError(f"{key} must be a string, got {type(value).__name__}")
        if len(value) > MAX_VALUE_CHARS:
            raise SidecarError(f"{key} is {len(value):,} characters, over the limit of {MAX_VALUE_CHARS:,}")
        out[key] = value.strip()
    if "published" in out:
        out["published_at"], out["published_precision"] = parse_published(out.pop("published"))
    if "language" in out:
        out["language"] = out["language"].lower()
    return out


def parse_published(value: str) -> tuple[datetime, str]:
    """An ISO date or datetime as a UTC datetime and its precision (day or second)."""
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime(day.year, day.month, day.day, tzinfo=timezone.utc), "day"
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise SidecarError(f"published must be an ISO date or datetime, got {value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc), "second"
    except OverflowError:               # 0001-01-01T00:00:00+14:00 is before year 1 in UTC
        raise SidecarError(f"published is out of range, got {value!r}") from None
