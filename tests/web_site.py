"""A real HTTP server on 127.0.0.1 serving test pages, feeds, sitemaps and faults.

Tests import the fixture with `from web_site import site  # noqa`. Every request is logged
(path, host, start time) and the server counts requests in flight per path prefix, so tests
assert on what actually reached the server. robots.txt depends on the Host header: on
`127.0.0.1` it only disallows /private/; on `localhost` it also asks for a crawl delay.
"""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

DATA = Path(__file__).resolve().parent / "data" / "web"
ROBOTS = "User-agent: *\nDisallow: /private/\n"
ROBOTS_SLOW = "User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n"
STATIC = {
    "/news/en.html": ("article_en.html", "text/html; charset=utf-8"),
    "/news/ar.html": ("article_ar.html", "text/html; charset=utf-8"),
    "/news/ar-1256.html": ("article_ar_1256.html", "text/html"),
    "/news/ar-1256-nometa.html": ("article_ar_1256_nometa.html", "text/html; charset=ISO-8859-1"),
    "/private/secret.html": ("article_en.html", "text/html; charset=utf-8"),
    "/feed.rss": ("feed.rss", "application/rss+xml; charset=utf-8"),
    "/feed.atom": ("feed.atom", "application/atom+xml"),
    "/sitemap.xml": ("sitemap_index.xml", "application/xml"),
    "/sitemap-pages.xml": ("sitemap_pages.xml", "text/xml"),
    "/sitemap-news.xml.gz": ("sitemap_news.xml", "application/x-gzip"),
    "/doc.pdf": ("doc.pdf", "application/pdf"),
}


@dataclass
class Hit:
    """One request as the server saw it."""

    path: str
    host: str
    started: float
    user_agent: str


@dataclass
class Site:
    """The running server: its base URL, request log and in-flight counters."""

    base: str
    port: int
    hits: list[Hit] = field(default_factory=list)
    inflight: dict[str, int] = field(default_factory=dict)
    max_inflight: dict[str, int] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        """The URL of a path on the server (`host` may be `localhost` for the slow robots)."""
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        return [h.path for h in self.hits]

    def count(self, path: str) -> int:
        """How many times a path was requested."""
        return sum(h.path == path for h in self.hits)

    def bump(self, key: str) -> int:
        """Increment and return a per-server counter (for faults that change over time)."""
        with self.lock:
            self.counters[key] = self.counters.get(key, 0) + 1
            return self.counters[key]


class Handler(BaseHTTPRequestHandler):
    """Routes: static files, robots.txt by host, and faults."""

    site: Site

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        prefix = "/" + path.strip("/").split("/")[0]
        self._enter(path, prefix)
        try:
            self._route(path)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self._leave()

    def _leave(self) -> None:
        """The request stops counting as in flight (once): before its response is sent, since the
        client may send its next request as soon as it has read the response, before this
        thread would get back to count it out (the count then overlapped: max 3 for a limit of 2)."""
        prefix = getattr(self, "_prefix", None)
        if prefix is not None:
            self._prefix = None
            with self.site.lock:
                self.site.inflight[prefix] -= 1

    def _enter(self, path: str, prefix: str) -> None:
        site = self.site
        with site.lock:
            site.hits.append(Hit(path, self.headers.get("Host", ""), time.monotonic(),
                                 self.headers.get("User-Agent", "")))
            site.inflight[prefix] = site.inflight.get(prefix, 0) + 1
            site.max_inflight[prefix] = max(site.max_inflight.get(prefix, 0), site.inflight[prefix])
        self._prefix = prefix

    def _route(self, path: str) -> None:
        if path == "/robots.txt":
            slow = self.headers.get("Host", "").startswith("localhost")
            return self._send(200, (ROBOTS_SLOW if slow else ROBOTS).encode(), "text/plain")
        if path in STATIC:
            return self._static(*STATIC[path])
        fault = FAULTS.get(path) or FAULTS.get("/" + path.strip("/").split("/")[0] + "/")
        if fault is None:
            return self._send(404, b"<h1>Not found</h1>", "text/html")
        fault(self)

    def _static(self, name: str, content_type: str) -> None:
        data = (DATA / name).read_bytes()
        if name.endswith((".xml", ".rss", ".atom")):
            data = data.replace(b"{base}", f"http://127.0.0.1:{self.site.port}".encode())
        if self.path.endswith(".gz"):
            data = gzip.compress(data)
        self._send(200, data, content_type)

    def _send(self, status: int, body: bytes, content_type: str | None,
              headers: dict[str, str] | None = None) -> None:
        self._leave()
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _page(h: Handler) -> None:
    h._static("article_en.html", "text/html; charset=utf-8")


def flaky(h: Handler) -> None:
    """500 on the first request, then the English article."""
    if h.site.bump("flaky") == 1:
        return h._send(500, b"oops", "text/plain")
    _page(h)


def busy(h: Handler) -> None:
    """429 with Retry-After: 1 on the first request, then the article."""
    if h.site.bump("busy") == 1:
        return h._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
    _page(h)


def very_busy(h: Handler) -> None:
    """429 asking for an hour."""
    h._send(429, b"come back later", "text/plain", {"Retry-After": "3600"})


def hang(h: Handler) -> None:
    """No response for 2 s (the client's timeout is shorter)."""
    time.sleep(2)
    _page(h)


def drip(h: Handler) -> None:
    """Headers at once, then one byte every 50 ms for 3 s (never a long silence)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "60")
    h.end_headers()
    for _ in range(60):
        h.wfile.write(b"x")
        h.wfile.flush()
        time.sleep(0.05)


def drip_headers(h: Handler) -> None:
    """The status line, then the headers one byte every 50 ms for 3 s (never a long silence)."""
    h.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for byte in b"Content-Type: text/html\r\nX-Padding: " + b"x" * 40 + b"\r\n":
        h.wfile.write(bytes([byte]))
        h.wfile.flush()
        time.sleep(0.05)
    h.wfile.write(b"Content-Length: 2\r\n\r\nok")
    h.close_connection = True


def big(h: Handler) -> None:
    """200 KB of HTML with a Content-Length."""
    h._send(200, b"<html><body>" + b"<p>words</p>" * 17000 + b"</body></html>", "text/html")


def big_stream(h: Handler) -> None:
    """200 KB of HTML without a Content-Length (the limit must hold while streaming)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    h.wfile.write(b"<html><body>")
    for _ in range(200):
        h.wfile.write(b"<p>" + b"w" * 1000 + b"</p>")
    h.close_connection = True


def untyped(h: Handler) -> None:
    """An HTML page without a Content-Type."""
    h._send(200, (DATA / "article_en.html").read_bytes(), None)


def loop(h: Handler) -> None:
    """/loop/a -> /loop/b -> /loop/a."""
    target = "/loop/b" if h.path.endswith("/a") else "/loop/a"
    h._send(302, b"", "text/html", {"Location": target})


def hops(h: Handler) -> None:
    """/hops/N redirects to /hops/N-1 ... /hops/0 is the article."""
    n = int(h.path.rsplit("/", 1)[1])
    if n == 0:
        return _page(h)
    h._send(301, b"", "text/html", {"Location": f"/hops/{n - 1}"})


def to_private(h: Handler) -> None:
    """A redirect to a private address (the guard must stop it)."""
    h._send(302, b"", "text/html", {"Location": "http://10.1.2.3/admin"})


def to_page(h: Handler) -> None:
    """A redirect to the English article on this server."""
    h._send(301, b"", "text/html", {"Location": "/news/en.html"})


def slow(h: Handler) -> None:
    """The article after 150 ms (for concurrency counting)."""
    time.sleep(0.15)
    _page(h)


FAULTS = {
    "/flaky": flaky, "/busy": busy, "/very-busy": very_busy, "/hang": hang, "/drip": drip, "/drip-headers": drip_headers,
    "/big": big, "/big-stream": big_stream, "/untyped": untyped, "/loop/": loop,
    "/hops/": hops, "/to-private": to_private, "/to-page": to_page, "/slow/": slow,
}


@pytest.fixture
def site():
    """A fresh server on a free port of 127.0.0.1 for one test."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False
    port = server.server_address[1]
    state = Site(base=f"http://127.0.0.1:{port}", port=port)
    handler = type("SiteHandler", (Handler,), {"site": state})
    server.RequestHandlerClass = handler
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
