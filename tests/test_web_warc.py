"""WARC files built with warcio in the test: HTTP responses come back, other records do not."""

from __future__ import annotations

import io
import re
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
    pages = list(read_warc(path, 1_000_000))
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
        list(read_warc(path, 1_000_000))


def bomb(path: Path, size: int) -> None:
    """A .warc.gz with a small page, then one whose body inflates to `size` bytes, then a small one."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body in [("https://example.com/a", ARABIC), ("https://example.com/bomb", b" " * size),
                          ("https://example.com/b", ARABIC)]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_a_record_over_the_cap_is_not_read_into_memory(tmp_path):
    import tracemalloc

    path = tmp_path / "bomb.warc.gz"
    bomb(path, 64_000_000)
    assert path.stat().st_size < 1_000_000
    tracemalloc.start()
    pages = list(read_warc(path, 1_000_000))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(p.url, p.oversized, len(p.body)) for p in pages] == [
        ("https://example.com/a", False, len(ARABIC)), ("https://example.com/bomb", True, 0),
        ("https://example.com/b", False, len(ARABIC))]
    assert peak < 32_000_000          # half the record: it is never held whole


def test_an_oversized_record_is_rejected_and_the_others_land(tmp_path):
    from conftest import run_ingest
    from marsad.settings import Settings

    path = tmp_path / "bomb.warc.gz"
    bomb(path, 3_000_000)
    settings = Settings.load({"data_dir": tmp_path / "data", "fetch_max_bytes": 1_000_000}, environ={})
    report = run_ingest([path], settings)
    assert ("https://example.com/bomb", "too_large") in [(o.uri, o.reason) for o in report.rejects]
    assert report.counts["archive"] == 1
    assert {"https://example.com/a", "https://example.com/b"} <= {o.uri for o in report.outcomes}


@pytest.mark.parametrize("content", [b"WARC/1.0\r\n" + bytes(range(256)) * 20, b"WARC/1.0\r\n\r\n"])
def test_warc_magic_followed_by_junk_is_not_an_archive(tmp_path, content):
    path = tmp_path / "junk.warc"
    path.write_bytes(content)
    with pytest.raises(ValueError, match="no record could be read"):
        list(read_warc(path, 1_000_000))


@pytest.mark.parametrize("gzip", [True, False])
@pytest.mark.parametrize("keep", [0.35, 0.5, 0.6, 0.77])
def test_a_cut_archive_yields_what_precedes_the_cut_and_warns(tmp_path, caplog, gzip, keep):
    import logging

    whole = tmp_path / "whole.warc"
    write_warc(whole, gzip)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[:int(len(data) * keep)])
    with caplog.at_level(logging.WARNING, logger="marsad"):
        pages = list(read_warc(cut, 1_000_000))
    assert [p.url for p in pages][:1] == ["https://example.com/news/1"]
    assert "cut short or damaged" in caplog.text and "the rest is lost" in caplog.text


@pytest.mark.parametrize("gzip", [True, False])
def test_a_whole_archive_gives_no_warning(tmp_path, caplog, gzip):
    path = tmp_path / "whole.warc"
    write_warc(path, gzip)
    list(read_warc(path, 1_000_000))
    assert "cut short" not in caplog.text


@pytest.mark.parametrize("gzip", [True, False])
def test_a_record_cut_short_is_never_a_page(tmp_path, gzip):
    whole = tmp_path / "whole.warc"
    write_warc(whole, gzip)
    data = whole.read_bytes()
    complete = [(p.url, p.body) for p in read_warc(whole, 1_000_000)]
    cut = tmp_path / "cut.warc"
    for end in range(20, len(data), 3):
        cut.write_bytes(data[:end])
        try:
            pages = [(p.url, p.body) for p in read_warc(cut, 1_000_000)]
        except ValueError:
            continue
        assert pages == complete[:len(pages)], end


OTHER = ("<html><body><article><p>" + "The harbour reopened on Monday after three days of storms. " * 4
         + "</p></article></body></html>").encode()


def damaged(path: Path, payload_digest: str | None = None, transfer: str | None = None) -> None:
    """An uncompressed WARC of two pages; the first one's body then has a byte changed (same
    length), or, given `payload_digest`, its WARC-Payload-Digest header says that instead."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        for n, body in enumerate((ARABIC, OTHER)):
            fields = [("Content-Type", "text/html")] + ([("Transfer-Encoding", transfer)] if transfer and not n else [])
            headers = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://example.com/{n}", "response",
                                                          payload=io.BytesIO(body), http_headers=headers))
    data = path.read_bytes()
    if payload_digest is None:
        at = data.index(ARABIC)
        path.write_bytes(data[:at] + b"X" + data[at + 1:])
    else:
        path.write_bytes(re.sub(rb"(WARC-Payload-Digest: )\S+", rb"\g<1>" + payload_digest.encode(), data, count=1))


def test_a_record_whose_bytes_do_not_match_its_digests_is_refused_naming_them(tmp_path):
    path = tmp_path / "damaged.warc"
    damaged(path)
    first, second = read_warc(path, 1_000_000)
    assert first.body == b"" and "block digest failed" in first.bad_digest and "payload digest" in first.bad_digest
    assert second.bad_digest is None and second.body == OTHER


def test_a_wrong_payload_digest_alone_is_refused_but_not_over_a_transfer_encoding(tmp_path):
    wrong = "sha1:" + "A" * 32
    path = tmp_path / "claimed.warc"
    damaged(path, payload_digest=wrong)
    first, _ = read_warc(path, 1_000_000)
    assert first.body == b"" and first.bad_digest.startswith("payload digest failed")
    damaged(path, payload_digest=wrong, transfer="identity")     # tools disagree on what it covers then
    first, _ = read_warc(path, 1_000_000)
    assert first.bad_digest is None and first.body == ARABIC


def test_a_damaged_record_is_a_bad_digest_reject_and_the_others_land(tmp_path):
    from conftest import run_ingest
    from marsad.settings import Settings

    path = tmp_path / "damaged.warc"
    damaged(path)
    report = run_ingest([path], Settings.load({"data_dir": tmp_path / "data"}, environ={}))
    [reject] = [o for o in report.rejects if o.uri == "https://example.com/0"]
    assert reject.reason == "bad_digest" and "block digest failed" in reject.message
    assert ("https://example.com/1", "new") in [(o.uri, o.status) for o in report.outcomes]
