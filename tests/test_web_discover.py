"""Feeds and sitemaps read from the test server: article URLs found, failures kept."""

from __future__ import annotations

import gzip

import pytest

from marsad.web.discover import discover_feed, discover_sitemap, feed_entries, sitemap_entries
from marsad.web.fetch import Fetcher, FetchConfig
from web_site import site  # noqa: F401  (the fixture)


@pytest.fixture
def fetcher():
    config = FetchConfig(timeout_s=2.0, retries=0, allow_private=True, per_host_rps=1000.0)
    with Fetcher(config) as f:
        yield f


@pytest.mark.parametrize("path, pages", [
    # the PDF item is filtered out; the tracking parameters are dropped
    ("/feed.rss", ["/news/ar.html", "/news/en.html", "/news/ar-1256.html"]),
    ("/feed.atom", ["/news/en.html", "/news/ar.html"]),
])
def test_feeds(site, fetcher, path, pages):
    found = discover_feed(fetcher, site.url(path))
    assert found.urls == [site.url(p) for p in pages]
    assert found.failures == []


def test_feed_dates(site, fetcher):
    found = discover_feed(fetcher, site.url("/feed.atom"))
    assert found.dates[site.url("/news/en.html")] == "2024-03-14T09:30:00Z"


def test_sitemap_index_with_gzip_child(site, fetcher):
    found = discover_sitemap(fetcher, site.url("/sitemap.xml"))
    assert found.urls == [site.url(p) for p in ("/news/ar.html", "/news/ar-1256.html", "/news/en.html")]
    assert found.dates[site.url("/news/ar.html")] == "2024-05-02T11:00:00+03:00"
    assert [f.error for f in found.failures] == ["http_status"]  # the missing child sitemap
    assert found.sitemaps[0] == site.url("/sitemap.xml")
    assert site.count("/sitemap-news.xml.gz") == 1


def test_sitemap_depth_limit(site, fetcher):
    found = discover_sitemap(fetcher, site.url("/sitemap.xml"), max_depth=0)
    assert found.urls == [] and found.sitemaps == [site.url("/sitemap.xml")]


def test_sitemap_url_cap(site, fetcher):
    assert len(discover_sitemap(fetcher, site.url("/sitemap.xml"), max_urls=2).urls) == 2


def test_failed_feed_is_reported(site, fetcher):
    found = discover_feed(fetcher, site.url("/no-feed.xml"))
    assert found.urls == [] and found.failures[0].status == 404


def test_feed_not_fetched_when_blocked(site):
    with Fetcher(FetchConfig(retries=0)) as fetcher:
        found = discover_feed(fetcher, site.url("/feed.rss"))
    assert found.failures[0].error == "blocked_address" and site.hits == []


def test_text_sitemap_and_json_feed():
    body = b"https://example.com/news/one.html\nhttps://example.com/news/two.html\n"
    assert [u for u, _ in sitemap_entries(body, "https://example.com/s.txt")[1]] == [
        "https://example.com/news/one.html", "https://example.com/news/two.html"]
    json_feed = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "https://example.com/a/b"}]}'
    assert feed_entries(json_feed, "https://example.com/feed.json") == [("https://example.com/a/b", None)]


def test_gzip_bomb_is_cut(site):
    from marsad.web.discover import _unzip
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000)
    assert len(_unzip(bomb, 100_000)) == 100_000


def test_xml_entities_are_not_expanded():
    body = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<urlset><url><loc>https://example.com/news/&x;</loc></url></urlset>')
    _, pages = sitemap_entries(body, "https://example.com/sitemap.xml")
    assert all("root:" not in url for url, _ in pages)
