"""Fetched pages and WARC records as ingest items: HTML -> article text + metadata, log rows.

A page becomes the same thing a text file with a sidecar is (a RawSource of UTF-8 text, one
paragraph a line, and JSON metadata), so layout, sentences and offsets work as for files.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime

from ..reading import Fingerprint, RawSource, Reject
from ..sources import SourceRef
from .article import NO_TEXT, extract_article
from .charset import decode_html
from .fetch import CHARSET, HTML_TYPES, FetchResult
from .urls import normalize
from .warc import WarcPage

log = logging.getLogger(__name__)

# Languages marsad reads; a page's declared language outside these is left to detection.
KNOWN_LANGUAGES = ("ar", "en")


@dataclass(frozen=True)
class Page:
    """A fetched (or archived) HTML page to turn into a document."""

    ref: SourceRef
    result: FetchResult


def page_ref(url: str, kind: str = "web", path: str | None = None) -> SourceRef:
    """A source for a page: its normalised URL is its identity."""
    return SourceRef(uri=url, path=path or url, kind=kind)


def page_fingerprint(result: FetchResult) -> Fingerprint:
    """What a page's source_versions row records: its size (there is no mtime)."""
    return Fingerprint(result.n_bytes, 0, None)


def page_item(page: Page) -> RawSource | Reject:
    """A fetched page as a text source, or a Reject with the fetch error or no article text."""
    result, fp = page.result, page_fingerprint(page.result)
    if not result.ok:
        return Reject(page.ref, result.error or "http_status", result.message or f"HTTP {result.status}",
                      result.n_bytes, fp)
    return html_source(page.ref, result.body or b"", result.charset, result.final_url, fp)


def html_source(ref: SourceRef, body: bytes, charset: str | None, url: str | None,
                fp: Fingerprint | None) -> RawSource | Reject:
    """HTML bytes -> the article's text (title first) and its metadata as a sidecar."""
    text, encoding = decode_html(body, charset)
    article = extract_article(text, url)
    if article is None:
        return Reject(ref, NO_TEXT, "no article text in the page (an index, a form, or under "
                      "80 characters of text)", len(body), fp)
    body_text = article.text
    if article.title and not body_text.startswith(article.title):
        body_text = f"{article.title}\n{body_text}"
    meta = {"url": article.canonical_url or url, "title": article.title, "outlet": article.sitename,
            "published": _iso_date(article.published), "language": _language(article.language)}
    sidecar = json.dumps({k: v for k, v in meta.items() if v}, ensure_ascii=False).encode("utf-8")
    return RawSource(ref, body_text.encode("utf-8"), sidecar, fp or Fingerprint(len(body), 0, None),
                     encoding_label(encoding))


def encoding_label(name: str) -> str:
    """A codec's name as the documents table spells encodings (windows-1256, utf-8, iso8859-6)."""
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return name
    return f"windows-{name[2:]}" if name.startswith("cp125") else name


def warc_page(record: WarcPage, archive: SourceRef, max_bytes: int) -> Page | Reject | None:
    """An archived HTML response as a Page (a Reject when its body is over the cap or fails its
    digest; None for other content and unusable URLs)."""
    url = normalize(record.url)
    ctype = (record.content_type or "").split(";")[0].strip().lower()
    if url is None or ctype not in HTML_TYPES or record.status != 200:
        return None
    if record.oversized:
        return Reject(page_ref(url, "warc", archive.path), "too_large",
                      f"archived page over the limit of {max_bytes:,} bytes (inflated)")
    if record.bad_digest:
        return Reject(page_ref(url, "warc", archive.path), "bad_digest",
                      f"archived record damaged: {record.bad_digest}")
    charset = CHARSET.search(record.content_type or "")
    result = FetchResult(url=url, final_url=url, status=record.status, content_type=ctype,
                         charset=charset.group(1).lower() if charset else None, body=record.body,
                         n_bytes=len(record.body), elapsed_s=0.0, attempts=0, fetched_at=record.date,
                         error=None, message=None, headers=record.headers)
    return Page(page_ref(url, "warc", archive.path), result)


def fetch_log_row(kind: str, result: FetchResult) -> dict:
    """A row of the fetch_log table."""
    return {"url": result.url, "final_url": result.final_url, "kind": kind, "status": result.status,
            "content_type": result.content_type, "n_bytes": result.n_bytes,
            "elapsed_s": result.elapsed_s, "attempts": result.attempts, "error": result.error,
            "message": result.message, "redirects": list(result.redirects),
            "fetched_at": result.fetched_at}


def raw_page_row(result: FetchResult) -> dict:
    """A row of the raw_pages table: the body as received, and the headers needed to decode it."""
    body = result.body or b""
    headers = [(k, v) for k, v in result.headers
               if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")]
    return {"url": result.url, "final_url": result.final_url, "status": result.status,
            "content_type": result.content_type, "charset": result.charset,
            "headers": json.dumps(headers, ensure_ascii=False), "body": body,
            "sha256": hashlib.sha256(body).hexdigest(), "fetched_at": result.fetched_at}


def stored_result(row: dict) -> FetchResult:
    """A raw_pages row as the FetchResult it was (no network)."""
    body = row["body"]
    return FetchResult(url=row["url"], final_url=row["final_url"], status=row["status"],
                       content_type=row["content_type"], charset=row["charset"], body=body,
                       n_bytes=len(body), elapsed_s=0.0, attempts=0, fetched_at=row["fetched_at"],
                       error=None, message=None, headers=tuple(map(tuple, json.loads(row["headers"]))))


def _iso_date(value: str | None) -> str | None:
    """trafilatura's date if it is an ISO date (YYYY-MM-DD), else None."""
    if not value:
        return None
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d").date().isoformat()
    except ValueError:
        return None


def _language(value: str | None) -> str | None:
    """A two-letter language marsad reads, from codes like `ar`, `en-US`, `en_GB`."""
    code = (value or "")[:2].lower()
    return code if code in KNOWN_LANGUAGES else None
