"""HTTP responses from WARC files (.warc, .warc.gz), as Common Crawl News publishes them."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

logger = logging.getLogger(__name__)

# Compressed bytes inflated at a time. Deflate inflates at most ~1,032:1, so 4 KB blocks keep
# one step under ~4 MB (warcio's default of 16 KB: ~17 MB, 65 MB at peak on a 64 MB record of
# blanks; 4 KB: 15 MB at peak on 64 MB and 256 MB records alike, at the same speed).
BLOCK_BYTES = 4096
# Blank lines after the last record of an uncompressed WARC (the spec's CRLF CRLF; ARC: LF).
TRAILING_BYTES = 8
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
    bad_digest: str | None = None   # why the record's WARC-Block/Payload-Digest does not match: `body` is empty

    @property
    def content_type(self) -> str | None:
        """The HTTP Content-Type header, if any."""
        return next((v for k, v in self.headers if k.lower() == "content-type"), None)


def read_warc(path: str | Path, max_bytes: int) -> Iterator[WarcPage]:
    """Yield the HTTP response records of a WARC file (gzip'd or not); other records are skipped.

    A body is read up to `max_bytes` once inflated (record gzip and Content-Encoding undone): a
    larger one comes back `oversized` and empty, so a small archive cannot fill the memory. A
    record whose WARC-Block-Digest or WARC-Payload-Digest (when given) does not match its bytes
    comes back empty with `bad_digest` saying which. A
    file cut short (or with junk after its last record) yields the records before the cut and
    logs a warning naming where the readable part ends.

    Raises:
        ValueError: when the file is not a WARC (or ARC) file.
    """
    with open(path, "rb") as stream:
        if not stream.read(16).startswith(WARC_STARTS):
            raise ValueError(f"{path}: not a WARC file (it starts neither with WARC/ nor gzip)")
        stream.seek(0)
        reading = _Reading(stream)
        yield from reading.pages(max_bytes)
        if not reading.records:     # WARC/ followed by anything else would read as an empty archive
            raise ValueError(f"{path}: not a readable WARC file (no record could be read)")
        if reading.problem or not reading.complete():
            logger.warning("%s: cut short or damaged after byte %d of %d (%s): %d records read, the "
                           "rest is lost", path, reading.end, reading.size, reading.problem or "trailing bytes",
                           reading.records)


class _Reading:
    """One pass over a WARC file: its records, where the last complete one ends, what went wrong."""

    def __init__(self, stream):
        self.stream, self.size = stream, os.fstat(stream.fileno()).st_size
        self.records, self.end, self.problem = 0, 0, None

    def pages(self, max_bytes: int) -> Iterator[WarcPage]:
        """The pages of the records, tracking where each record ends."""
        it = ArchiveIterator(self.stream, arc2warc=True, block_size=BLOCK_BYTES, check_digests=True)
        try:
            for record in it:
                self.records += record.rec_type is not None      # junk parses as a record without a type
                page = _page(record, max_bytes)
                self.end = it.get_record_offset() + it.get_record_length()   # reads the record to its end
                if getattr(record.raw_stream, "limit", 0):        # fewer bytes than its Content-Length:
                    self.problem = "a record shorter than it declares"    # cut short, never a page
                    break
                if page is not None:
                    yield _checked(page, record)
        except ArchiveLoadFailed as exc:
            if not self.records:
                raise ValueError(f"{self.stream.name}: not a readable WARC file ({exc})") from exc
            self.problem = str(exc)
        except Exception as exc:    # warcio fails in odd ways on a cut record (AttributeError ...)
            self.problem = f"{type(exc).__name__}: {exc}"

    def complete(self) -> bool:
        """Whether the last record read ends the file: the end of a gzip member, else the blank
        lines every uncompressed record ends with (a record cut there has none after it)."""
        if self.size - self.end > TRAILING_BYTES:
            return False
        self.stream.seek(0)
        gzipped = self.stream.read(2) == b"\x1f\x8b"
        self.stream.seek(self.end)
        tail = self.stream.read(TRAILING_BYTES + 1)
        return not tail if gzipped else bool(tail) and not tail.strip()


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


def _checked(page: WarcPage, record) -> WarcPage:
    """The page, or an empty one naming the digest that does not match (known once the record
    was read to its end; a record without digests passes). A payload digest is not trusted over
    a Transfer-Encoding: tools disagree on whether it covers the chunked or the decoded body
    (warcio issue 74); the block digest still holds there."""
    checker = record.digest_checker
    if checker is None or checker.passed is not False:
        return page
    chunked = any(k.lower() == "transfer-encoding" for k, _ in page.headers)
    problems = [p for p in checker.problems if not (chunked and p.startswith("payload"))]
    return replace(page, body=b"", bad_digest="; ".join(problems)) if problems else page


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
