"""Web sources end to end through the ingest flow: a real server on 127.0.0.1 -> the lake -> the warehouse.

Each fault of the test site gets its recorded outcome while the good pages land; a second run
asks nothing again; pages are kept raw so that documents can be rebuilt without the network.
"""

from __future__ import annotations

import io
import shutil

import duckdb
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import run_ingest
from marsad.settings import Settings
from marsad.warehouse import build
from marsad.web.sources import WebSources

from web_site import DATA, site  # noqa: F401  (the server fixture)

ARTICLES = ("/news/en.html", "/news/ar.html", "/news/ar-1256.html")


def web_settings(tmp_path, **overrides) -> Settings:
    """Settings for the loopback site: private networks allowed, short timeouts, fast politeness."""
    values = dict(data_dir=tmp_path / "data", allow_private_networks=True, fetch_timeout=1,
                  fetch_retries=1, per_host_rps=50, per_host_concurrency=4, fetch_max_bytes=100_000,
                  fetch_retry_after_max=2)
    return Settings.load({**values, **overrides}, environ={})


def lake(settings: Settings, sql: str) -> list[tuple]:
    """Rows of a query over the lake's Parquet tables (tables as views named like the lake's)."""
    with duckdb.connect() as con:
        for table in ("documents", "rejects", "fetch_log", "raw_pages", "source_versions"):
            files = settings.lake_dir / table
            if any(files.glob("*.parquet")):
                con.execute(f"create view {table} as select * from read_parquet('{files}/*.parquet', "
                            "union_by_name = true)")
        return con.sql(sql).fetchall()


def test_feed_and_sitemap_pages_land_as_documents(tmp_path, site):
    settings = web_settings(tmp_path)
    report = run_ingest([], settings, WebSources(feeds=(site.url("/feed.rss"),),
                                                 sitemaps=(site.url("/sitemap.xml"),)))
    titles = {t for (t,) in lake(settings, "select title from documents")}
    assert any("port reopening" in t.lower() for t in titles)
    assert any("المياه" in t for t in titles)
    assert report.counts["new"] == 3          # the feed's PDF link is not a page: courlan drops it
    [(uri, reason, message)] = lake(settings, "select source_uri, reason, message from rejects")
    assert uri == site.url("/sitemap.xml") and reason == "http_status"
    assert "sitemap-missing.xml: HTTP 404" in message      # a child sitemap of the index is missing


@pytest.mark.parametrize("path, reason", [
    ("/nothing-here", "http_status"),
    ("/very-busy", "http_status"),
    ("/hang", "timeout"),
    ("/drip", "timeout"),
    ("/big", "too_large"),
    ("/big-stream", "too_large"),
    ("/doc.pdf", "not_html"),
    ("/loop/a", "redirect_loop"),
    ("/hops/9", "too_many_redirects"),
    ("/private/secret.html", "robots_disallowed"),
])
def test_each_fault_is_recorded_and_the_good_page_still_lands(tmp_path, site, path, reason):
    settings = web_settings(tmp_path)
    run_ingest([site.url(path), site.url("/news/ar.html")], settings)
    assert lake(settings, "select reason from rejects") == [(reason,)]
    assert lake(settings, "select count(*) from documents") == [(1,)]
    [(error, message)] = lake(settings, f"select error, message from fetch_log where url like '%{path}'")
    assert error == reason and message


@pytest.mark.parametrize("path", ["/flaky", "/busy"])
def test_a_retried_fault_lands_on_its_second_attempt(tmp_path, site, path):
    settings = web_settings(tmp_path)
    run_ingest([site.url(path)], settings)
    assert site.count(path) == 2
    assert lake(settings, f"select attempts, status from fetch_log where url like '%{path}'") == [(2, 200)]
    assert lake(settings, "select count(*) from documents") == [(1,)]


def test_private_addresses_are_refused_by_default(tmp_path, site):
    settings = web_settings(tmp_path, allow_private_networks=False)
    run_ingest([site.url("/news/en.html")], settings)
    assert lake(settings, "select reason from rejects") == [("blocked_address",)]
    assert site.hits == []


def test_a_second_run_makes_no_request_for_known_pages(tmp_path, site):
    settings = web_settings(tmp_path)
    sources = WebSources(urls=tuple(site.url(p) for p in ARTICLES), feeds=(site.url("/feed.rss"),))
    run_ingest([], settings, sources)
    before = [p for p in site.paths() if p in ARTICLES]
    report = run_ingest([], settings, sources)
    assert [p for p in site.paths() if p in ARTICLES] == before
    assert report.counts["new"] == 0 and report.counts["unchanged"] == 3


def test_refresh_fetches_known_pages_again(tmp_path, site):
    settings = web_settings(tmp_path)
    run_ingest([site.url("/news/en.html")], settings)
    run_ingest([], settings, WebSources(urls=(site.url("/news/en.html"),), refresh=True))
    assert site.count("/news/en.html") == 2


def test_same_article_under_two_urls_is_one_document(tmp_path, site):
    settings = web_settings(tmp_path)
    report = run_ingest([site.url("/news/en.html"), site.url("/untyped")], settings)
    assert report.counts == {"new": 1, "duplicate": 1}
    assert lake(settings, "select count(*) from documents") == [(1,)]


def test_windows_1256_page_comes_out_right(tmp_path, site):
    settings = web_settings(tmp_path)
    run_ingest([site.url("/news/ar-1256.html"), site.url("/news/ar-1256-nometa.html")], settings)
    rows = lake(settings, "select encoding, text, language from documents")
    assert rows and all(enc == "windows-1256" and lang == "ar" and "ال" in text for enc, text, lang in rows)


def test_documents_come_back_from_raw_pages_without_the_network(tmp_path, site):
    settings = web_settings(tmp_path)
    run_ingest([site.url("/news/ar.html")], settings)
    for table in ("documents", "sentences", "source_versions"):
        shutil.rmtree(settings.lake_dir / table)
    requests = len(site.hits)
    report = run_ingest([site.url("/news/ar.html")], settings)
    assert report.counts == {"new": 1} and len(site.hits) == requests


def test_fetch_log_and_raw_pages_reach_the_warehouse(tmp_path, site):
    settings = web_settings(tmp_path)
    run_ingest([site.url("/news/en.html"), site.url("/nothing-here")], settings)
    build(settings)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        log = con.sql("select url, status, error from fetch_log order by url").fetchall()
        docs = con.sql("select source_kind, source_uri from documents").fetchall()
    assert {(u.removeprefix(site.base), s) for u, s, _ in log} >= {("/news/en.html", 200), ("/nothing-here", 404),
                                                                   ("/robots.txt", 200)}
    assert docs == [("web", site.url("/news/en.html"))]


def saved_page(title: str, paragraphs: list[str]) -> str:
    """A minimal saved news page."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html lang='ar'><head><title>{title}</title></head><body><nav>الرئيسية | أخبار</nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>جميع الحقوق محفوظة</footer></body></html>")


def test_near_copy_is_marked_duplicate_of(tmp_path, articles):
    settings = web_settings(tmp_path)
    story = [f"الجملة رقم {i} من خبر وكالة الأنباء عن الاجتماع الوزاري في الرياض اليوم." for i in range(30)]
    other = [f"نص مختلف تماما رقم {i} عن موضوع الطقس والأمطار في المنطقة الشرقية." for i in range(30)]
    articles("a.html", saved_page("خبر الاجتماع", story))
    articles("b.html", saved_page("خبر الاجتماع الوزاري", ["الرياض - واس:"] + story + ["(واس)"]))
    articles("c.html", saved_page("خبر آخر", other))
    run_ingest([articles.folder], settings)
    rows = dict(lake(settings, "select regexp_extract(source_uri, '(\\w)\\.html$', 1), duplicate_of from documents"))
    ids = dict(lake(settings, "select regexp_extract(source_uri, '(\\w)\\.html$', 1), doc_id from documents"))
    assert rows == {"a": None, "b": ids["a"], "c": None}


def test_text_files_are_not_checked_for_near_copies(settings, articles):
    articles("a.txt", "Title\nA first paragraph of the story, long enough to be one.\n")
    run_ingest([articles.folder], settings)
    assert lake(settings, "select simhash, duplicate_of from documents") == [(None, None)]


def warc_file(path, pages: dict[str, bytes]) -> None:
    """A gzip'd WARC with one HTTP response record per page, as Common Crawl News writes them."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_warc_records_become_documents_and_an_unchanged_archive_is_not_read_again(tmp_path):
    settings = web_settings(tmp_path)
    archive = tmp_path / "news.warc.gz"
    warc_file(archive, {"https://example.com/en": (DATA / "article_en.html").read_bytes(),
                        "https://example.com/ar": (DATA / "article_ar.html").read_bytes()})
    first = run_ingest([archive], settings)
    second = run_ingest([archive], settings)
    assert first.counts == {"new": 2, "archive": 1}
    assert second.counts == {"unchanged": 1}
    assert sorted(u for (u,) in lake(settings, "select source_uri from documents")) == [
        "https://example.com/ar", "https://example.com/en"]


def test_a_warehouse_builds_after_a_warc_ingest_and_again_on_the_next_run(tmp_path):
    settings = web_settings(tmp_path)
    archive = tmp_path / "news.warc.gz"
    warc_file(archive, {"https://example.com/en": (DATA / "article_en.html").read_bytes(),
                        "https://example.com/ar": (DATA / "article_ar.html").read_bytes()})
    for _ in range(2):
        run_ingest([archive], settings)
        build(settings, force=True)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        states = con.execute("select source_uri, state from source_state order by 1").fetchall()
        assert con.execute("select count(*) from documents").fetchone()[0] == 2
    assert states == [(archive.resolve().as_uri(), "archive"), ("https://example.com/ar", "document"),
                      ("https://example.com/en", "document")]


def test_a_saved_html_file_is_read_as_an_article(tmp_path, settings):
    page = tmp_path / "saved.html"
    shutil.copy(DATA / "article_ar.html", page)
    report = run_ingest([page], settings)
    assert report.counts == {"new": 1}
    [(kind, title)] = lake(settings, "select source_kind, title from documents")
    assert kind == "html" and "المياه" in title


def test_a_file_that_is_not_a_warc_is_rejected_with_the_reason(tmp_path, settings):
    bad = tmp_path / "bad.warc"
    bad.write_text("not an archive", encoding="utf-8")
    report = run_ingest([bad], settings)
    assert [(o.reason, "not a WARC" in o.message) for o in report.rejects] == [("bad_archive", True)]


def test_pages_parsed_on_worker_processes_come_out_as_in_process(tmp_path):
    from datetime import datetime, timezone

    from marsad.ingest import PARALLEL_PAGES, close_page_pools, page_pool, parse_batch
    from marsad.web.fetch import FetchResult
    from marsad.web.pages import Page, page_ref

    now = datetime(2026, 11, 29, tzinfo=timezone.utc)
    bodies = [(DATA / name).read_bytes() for name in ("article_en.html", "article_ar.html")]
    pages = [Page(page_ref(f"https://example.com/{i}"), FetchResult(
        f"https://example.com/{i}", f"https://example.com/{i}", 200, "text/html", "utf-8", bodies[i % 2],
        len(bodies[i % 2]), 0.0, 1, now, None, None)) for i in range(PARALLEL_PAGES)]
    try:
        pooled = parse_batch(pages, now, 2)
        assert page_pool(2)._pool is not None              # the workers did the parsing
    finally:
        close_page_pools()
    alone = parse_batch(pages, now)
    assert [d.row for d in pooled] == [d.row for d in alone]
    assert [d.sentences for d in pooled] == [d.sentences for d in alone]


def test_reparse_rebuilds_documents_from_stored_pages_without_the_network(tmp_path, site, monkeypatch):
    import marsad.web.pages as pages

    settings = web_settings(tmp_path)
    run_ingest([site.url("/news/ar.html"), site.url("/news/en.html")], settings)
    requests = len(site.hits)
    same = run_ingest([], settings, WebSources(reparse=True))
    extract = pages.extract_article
    monkeypatch.setattr(pages, "extract_article",           # a changed extractor: titles marked
                        lambda html, url=None: _marked(extract(html, url)))
    changed = run_ingest([], settings, WebSources(reparse=True))
    assert same.counts == {"unchanged": 2} and changed.counts == {"changed": 2}
    assert len(site.hits) == requests
    assert sum(t.endswith("[v2]") for (t,) in lake(settings, "select title from documents")) == 2


def _marked(article):
    """An article whose title ends in a marker."""
    from dataclasses import replace

    return replace(article, title=f"{article.title} [v2]")


def test_a_refresh_that_fails_keeps_the_stored_page(tmp_path, site):
    settings = web_settings(tmp_path, fetch_retries=0)
    run_ingest([site.url("/flaky")], settings)                  # 500: rejected, stored nothing
    run_ingest([site.url("/flaky")], settings)                  # 200: a document
    site.counters["flaky"] = 0                                   # the next request gets a 500 again
    report = run_ingest([], settings, WebSources(urls=(site.url("/flaky"),), refresh=True))
    assert report.counts == {"unchanged": 1}
    build(settings)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        assert con.sql("select count(*) from documents").fetchone() == (1,)


def test_a_page_reached_by_a_redirect_is_not_fetched_again_under_its_own_url(tmp_path, site):
    settings = web_settings(tmp_path)
    run_ingest([site.url("/to-page")], settings)
    report = run_ingest([site.url("/news/en.html")], settings)
    assert site.count("/news/en.html") == 1 and report.counts == {"duplicate": 1}


def test_refreshing_an_unchanged_page_stores_its_body_once(tmp_path, site):
    settings = web_settings(tmp_path)
    run_ingest([site.url("/news/en.html")], settings)
    run_ingest([], settings, WebSources(urls=(site.url("/news/en.html"),), refresh=True))
    assert site.count("/news/en.html") == 2
    assert lake(settings, "select count(*) from raw_pages") == [(1,)]
    assert lake(settings, "select count(*) from fetch_log where url like '%en.html'") == [(2,)]
