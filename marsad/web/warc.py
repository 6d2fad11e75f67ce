"""HTTP responses from WARC files (.warc, .warc.gz), as Common Crawl News publishes them."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

logger = logging.getLogger(__name__)

# Compressed bytes inflated at a time. Deflate inflates at most ~1,032:1, so 4 KB blocks keep
# one step under ~4 MB (warcio's default of 16 KB: ~17 MB, 65 MB at peak on a 64 MB record of
# blanks; 4 KB: 15 MB at peak on 64 MB and 256 MB records alike, at the same speed).
BLOCK_BYTES = 4096
# A WARC record, a gzip member (.warc.gz), or an ARC file's first record (warcio reads ARC too).
WARC_STARTS = (b"WARC/", b"\x1f\x8b", b"filedesc://")


@dataclass(frozen=True)
class WarcPage:
    """One HTTP response record: its URL, status, headers, body (content-encoding undone), date."""

    url: str
    status: int | None
    headers: tuple[tuple[str, str], ...]
    body: bytes
    date: datetime | None
    record_id: str | None = None
    oversized: bool = False     # the body (decoded) is over the cap: `body` is empty, unread

    @property
    def content_type(self) -> str | None:
        """The HTTP Content-Type header, if any."""
        return next((v for k, v in self.headers if k.lower() == "content-type"), None)


def read_warc(path: str | Path, max_bytes: int) -> Iterator[WarcPage]:
    """Yield the HTTP response records of a WARC file (gzip'd or not); other records are skipped.

    A body is read up to `max_bytes` once inflated (record gzip and Content-Encoding undone): a
    larger one comes back `oversized` and empty, so a small archive cannot fill the memory.

    Raises:
        ValueError: when the file is not a WARC (or ARC) file.
    """
    with open(path, "rb") as stream:
        if not stream.read(16).startswith(WARC_STARTS):
            raise ValueError(f"{path}: not a WARC file (it starts neither with WARC/ nor gzip)")
        stream.seek(0)
        try:
            for record in ArchiveIterator(stream, arc2warc=True, block_size=BLOCK_BYTES):
                page = _page(record, max_bytes)
                if page is not None:
                    yield page
        except ArchiveLoadFailed as exc:
            raise ValueError(f"{path}: not a readable WARC file ({exc})") from exc


def _page(record, max_bytes: int) -> WarcPage | None:
    """The WarcPage of a `response` record with an HTTP status line, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    head = record.rec_headers
    body = record.content_stream().read(max_bytes + 1)     # the iterator skips the rest unkept
    return WarcPage(
        url=head.get_header("WARC-Target-URI") or "",
        status=_status(record.http_headers.get_statuscode()),
        headers=tuple(record.http_headers.headers),
        body=body if len(body) <= max_bytes else b"",
        date=_date(head.get_header("WARC-Date")),
        record_id=head.get_header("WARC-Record-ID"),
        oversized=len(body) > max_bytes,
    )


def _status(code: str | None) -> int | None:
    """An HTTP status code as an int, None when missing or malformed."""
    return int(code) if code and code.isdigit() else None


def _date(value: str | None) -> datetime | None:
    """A WARC-Date (ISO 8601, `Z` for UTC) as an aware datetime."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
