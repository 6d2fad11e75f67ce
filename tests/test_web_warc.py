"""WARC files built with warcio in the test: HTTP responses come back, other records do not."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.web.warc import read_warc

ARABIC = "<html><body><p>خبر عاجل من الرياض</p></body></html>".encode("utf-8")


def write_warc(path: Path, gzip: bool) -> None:
    """Two responses (200, 404), a request and a metadata record."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for url, status, body in [("https://example.com/news/1", "200 OK", ARABIC),
                                  ("https://example.com/gone", "404 Not Found", b"gone")]:
            headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers))
        request = StatusAndHeaders("GET /news/1 HTTP/1.1", [("Host", "example.com")], is_http_request=True)
        writer.write_record(writer.create_warc_record(
            "https://example.com/news/1", "request", payload=io.BytesIO(b""), http_headers=request))
        writer.write_record(writer.create_warc_record(
            "https://example.com/news/1", "metadata", payload=io.BytesIO(b"fetchTimeMs: 12"),
            warc_content_type="text/plain"))


@pytest.mark.parametrize("name, gzip", [("pages.warc", False), ("pages.warc.gz", True)])
def test_read_warc(tmp_path, name, gzip):
    path = tmp_path / name
    write_warc(path, gzip)
    pages = list(read_warc(path))
    assert [(p.url, p.status) for p in pages] == [("https://example.com/news/1", 200),
                                                  ("https://example.com/gone", 404)]
    assert pages[0].body == ARABIC
    assert pages[0].content_type == "text/html; charset=utf-8"
    assert pages[0].date is not None and pages[0].date.tzinfo is not None
    assert pages[0].record_id.startswith("<urn:uuid:")


def test_not_a_warc(tmp_path):
    path = tmp_path / "bad.warc"
    path.write_bytes(b"this is not a warc file\n" * 10)
    with pytest.raises(ValueError, match="not a WARC file"):
        list(read_warc(path))
