"""Fetching from a real HTTP server on 127.0.0.1: good pages, every fault, politeness, the guard."""

from __future__ import annotations

import ipaddress
import threading
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from marsad.settings import DEFAULTS
from marsad.web.charset import decode_html
from marsad.web.fetch import Fetcher, FetchConfig, retry_after
from marsad.web.limiter import HostLimiter
from marsad.web.netguard import NetGuard, is_public
from marsad.web.urls import host_of, normalize
from web_site import site  # noqa: F401  (the fixture)


def config(**changes) -> FetchConfig:
    """Short timeouts and backoffs; loopback allowed; politeness out of the way unless asked."""
    base = dict(timeout_s=2.0, connect_timeout_s=1.0, retries=2, backoff_base_s=0.01,
                backoff_max_s=0.05, allow_private=True, per_host_rps=1000.0,
                per_host_concurrency=4, workers=4)
    return FetchConfig(**{**base, **changes})


@pytest.fixture
def fetcher():
    with Fetcher(config()) as f:
        yield f


@pytest.mark.parametrize("path, needle", [
    ("/news/en.html", "port of Aqaba"),
    ("/news/ar.html", "ملف المياه"),
    ("/untyped", "port of Aqaba"),
    ("/to-page", "port of Aqaba"),
    ("/hops/3", "port of Aqaba"),
])
def test_good_pages_come_back(site, fetcher, path, needle):
    result = fetcher.fetch(site.url(path))
    assert result.ok, result.message
    assert result.status == 200 and result.error is None and result.attempts == 1
    assert needle in decode_html(result.body, result.charset)[0]
    assert result.n_bytes == len(result.body)
    assert result.fetched_at.tzinfo is timezone.utc


def test_redirects_are_recorded(site, fetcher):
    result = fetcher.fetch(site.url("/hops/2"))
    assert result.final_url == site.url("/hops/0")
    assert result.redirects == (site.url("/hops/2"), site.url("/hops/1"))


@pytest.mark.parametrize("path, error, message, hits", [
    ("/missing", "http_status", "HTTP 404 Not Found", 1),
    ("/doc.pdf", "not_html", "content type application/pdf is not HTML or XHTML", 1),
    ("/loop/a", "redirect_loop", "redirect loop", 2),
    ("/hops/9", "too_many_redirects", "more than 5 redirects", 6),
    ("/private/secret.html", "robots_disallowed", "robots.txt of 127.0.0.1", 0),
    ("/very-busy", "http_status", "Retry-After 3600 s is over the cap of 120 s", 1),
])
def test_faults_are_recorded_without_pointless_retries(site, fetcher, path, error, message, hits):
    result = fetcher.fetch(site.url(path))
    assert not result.ok
    assert result.error == error
    assert message in result.message
    assert result.attempts == 1
    assert sum(p.startswith(path.rsplit("/", 1)[0] or path) for p in site.paths()
               if p != "/robots.txt") == hits


def test_500_then_200_is_retried(site, fetcher):
    result = fetcher.fetch(site.url("/flaky"))
    assert result.ok and result.attempts == 2
    assert site.count("/flaky") == 2


def test_429_honours_retry_after(site, fetcher):
    result = fetcher.fetch(site.url("/busy"))
    assert result.ok and result.attempts == 2
    first, second = [h.started for h in site.hits if h.path == "/busy"]
    assert second - first >= 0.9  # Retry-After: 1, not the 10 ms backoff


@pytest.mark.parametrize("path", ["/hang", "/drip", "/drip-headers"])
def test_slow_responses_time_out_and_are_retried(site, path):
    with Fetcher(config(timeout_s=0.4, retries=1)) as fetcher:
        result = fetcher.fetch(site.url(path))
    assert result.error == "timeout"
    assert result.attempts == 2 and site.count(path) == 2
    assert result.elapsed_s < 2.0  # the drip would take 3 s per attempt


@pytest.mark.parametrize("path", ["/big", "/big-stream"])
def test_body_over_the_limit(site, path):
    with Fetcher(config(max_bytes=50_000)) as fetcher:
        result = fetcher.fetch(site.url(path))
    assert result.error == "too_large" and result.body is None
    assert result.message == "body over the limit of 50,000 bytes (setting fetch_max_bytes)"


def test_unreachable_host_is_a_connection_error():
    with Fetcher(config(retries=1, obey_robots=False)) as fetcher:
        result = fetcher.fetch("http://127.0.0.1:9/nothing.html")
    assert result.error == "connection" and result.attempts == 2


def test_unreachable_robots_disallows_the_host():
    with Fetcher(config(retries=1)) as fetcher:
        result = fetcher.fetch("http://127.0.0.1:9/nothing.html")
    assert result.error == "robots_unavailable" and "robots.txt unreachable" in result.message
    assert result.attempts == 1


@pytest.mark.parametrize("url", ["ftp://example.com/a", "not a url", "http:///nohost"])
def test_bad_urls(fetcher, url):
    result = fetcher.fetch(url)
    assert result.error == "bad_url" and result.status is None and result.attempts == 1


def test_guard_blocks_loopback_by_default(site):
    with Fetcher(config(allow_private=False)) as fetcher:
        result = fetcher.fetch(site.url("/news/en.html"))
    assert result.error == "blocked_address" and "127.0.0.1" in result.message
    assert site.hits == []


def test_guard_blocks_a_redirect_to_a_private_address(site):
    # A test seam: the loopback test server counts as public, everything else is checked.
    guard = NetGuard(allow_private=False,
                     allowed=lambda ip: ip == ipaddress.ip_address("127.0.0.1") or is_public(ip))
    with Fetcher(config(allow_private=False), guard=guard) as fetcher:
        result = fetcher.fetch(site.url("/to-private"))
    assert result.error == "blocked_address" and "10.1.2.3" in result.message
    assert result.redirects == (site.url("/to-private"),)


def test_guard_refuses_a_name_resolving_to_a_private_address():
    guard = NetGuard(resolver=lambda host, port: ["93.184.215.14", "192.168.1.20"])
    with Fetcher(config(allow_private=False), guard=guard) as fetcher:
        result = fetcher.fetch("http://innocent.example.com/")
    assert result.error == "blocked_address" and "192.168.1.20" in result.message


@pytest.mark.parametrize("address, public", [
    ("8.8.8.8", True), ("127.0.0.1", False), ("10.0.0.1", False), ("172.16.5.4", False),
    ("192.168.0.1", False), ("169.254.169.254", False), ("100.64.0.1", False),
    ("224.0.0.1", False), ("0.0.0.0", False), ("240.0.0.1", False), ("::1", False),
    ("fe80::1", False), ("fc00::1", False), ("::ffff:127.0.0.1", False),
    ("2606:4700::1111", True),
])
def test_public_addresses(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


def test_user_agent_is_sent(site, fetcher):
    fetcher.fetch(site.url("/news/en.html"))
    assert {h.user_agent for h in site.hits} == {DEFAULTS["user_agent"]}


def test_robots_is_fetched_once_per_host(site, fetcher):
    fetcher.fetch_many([site.url(p) for p in ("/news/en.html", "/news/ar.html", "/untyped")])
    assert site.count("/robots.txt") == 1


def test_crawl_delay_spaces_requests(site):
    with Fetcher(config()) as fetcher:
        results = fetcher.fetch_many([site.url(p, host="localhost")
                                      for p in ("/news/en.html", "/news/ar.html")])
    assert all(r.ok for r in results)
    pages = sorted(h.started for h in site.hits if h.path.startswith("/news/"))
    assert pages[1] - pages[0] >= 0.8  # Crawl-delay: 1 (loosely)
    assert fetcher.limiter.interval("localhost:%d" % site.port) == 1.0


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_per_host_concurrency_is_never_exceeded(site, limit):
    with Fetcher(config(per_host_concurrency=limit, workers=6)) as fetcher:
        results = fetcher.fetch_many([site.url(f"/slow/{i}") for i in range(6)])
    assert all(r.ok for r in results)
    assert site.max_inflight["/slow"] == limit


def test_fetch_many_keeps_order(site, fetcher):
    urls = [site.url(p) for p in ("/news/ar.html", "/missing", "/news/en.html", "/doc.pdf")]
    results = fetcher.fetch_many(urls)
    assert [r.url for r in results] == urls
    assert [r.error for r in results] == [None, "http_status", None, "not_html"]


def test_limiter_spacing_is_shared_across_threads():
    limiter = HostLimiter(concurrency=4, rps=20)
    starts, lock = [], threading.Lock()

    def hit():
        with limiter.slot("example.com"):
            with lock:
                starts.append(__import__("time").monotonic())

    threads = [threading.Thread(target=hit) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    gaps = [b - a for a, b in zip(sorted(starts), sorted(starts)[1:])]
    assert min(gaps) >= 0.04  # 20 per second: 50 ms apart


def test_retry_after_forms():
    now = datetime(2024, 1, 1, tzinfo=timezone.utc)
    assert retry_after("7", now) == 7.0
    assert retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
    assert retry_after("soon", now) is None and retry_after(None) is None


@pytest.mark.parametrize("path, header", [
    ("/news/ar-1256.html", None),               # <meta http-equiv> names windows-1256
    ("/news/ar-1256-nometa.html", "iso-8859-1"),  # a server default and no meta: detection
])
def test_windows_1256_pages_decode(site, fetcher, path, header):
    result = fetcher.fetch(site.url(path))
    assert result.ok and result.charset == header
    text, encoding = decode_html(result.body, result.charset)
    assert encoding == "cp1256"
    assert "أمطار غزيرة تغلق الطرق في جنوب المملكة" in text


@pytest.mark.parametrize("body, header, encoding", [
    ("<p>خبر</p>".encode("utf-8"), "utf-8", "utf-8"),
    ("<p>خبر</p>".encode("utf-8"), None, "utf-8"),
    (b"\xef\xbb\xbf<p>" + "خبر".encode("utf-8"), "windows-1256", "utf-8-sig"),  # BOM wins
    ('<meta charset="windows-1256"><p>خبر</p>'.encode("cp1256"), None, "cp1256"),
    ('<p>خبر</p>'.encode("cp1256"), "windows-1256", "cp1256"),
    ('<p>café</p>'.encode("cp1252"), "iso-8859-1", "cp1252"),
])
def test_charset_order(body, header, encoding):
    text, used = decode_html(body, header)
    assert used == encoding
    assert "خبر" in text or "café" in text


@pytest.mark.parametrize("url, expected", [
    ("HTTP://Example.COM:80/News/a?b=2&a=1&utm_source=x#top", "http://example.com/News/a?a=1&b=2"),
    ("https://example.com/ال/خبر", "https://example.com/%D8%A7%D9%84/%D8%AE%D8%A8%D8%B1"),
    ("http://127.0.0.1:8080/news/a.html?fbclid=1", "http://127.0.0.1:8080/news/a.html"),
    ("http://localhost:8080/news/a.html", "http://localhost:8080/news/a.html"),
    ("https://example.com/report.pdf", None),
    ("ftp://example.com/a", None),
    ("mailto:desk@example.com", None),
    ("https://user:pw@example.com/a", None),
    ("/relative/path", None),
])
def test_normalize(url, expected):
    assert normalize(url) == expected


def test_host_of():
    assert host_of("https://Example.com:443/a") == "example.com"
    assert host_of("http://127.0.0.1:8080/a") == "127.0.0.1:8080"


@pytest.mark.parametrize("status, error, allowed", [
    (200, None, True), (404, "http_status", True), (403, "http_status", True),
    (503, "http_status", False), (None, "timeout", False), (None, "connection", False),
])
def test_robots_policy(status, error, allowed):
    from urllib.robotparser import RobotFileParser

    from marsad.web.fetch import FetchResult
    from marsad.web.robots import _apply

    result = FetchResult(url="http://x.example/robots.txt", final_url="http://x.example/robots.txt",
                         status=status, content_type="text/plain", charset=None,
                         body=b"User-agent: *\nAllow: /\n" if status == 200 else None, n_bytes=0,
                         elapsed_s=0.0, attempts=1, fetched_at=datetime.now(timezone.utc),
                         error=error, message=error)
    parser = RobotFileParser()
    failure = _apply(parser, result)
    assert (failure is None) is allowed
    assert parser.can_fetch("marsad/0.1", "http://x.example/news/a.html") is allowed
