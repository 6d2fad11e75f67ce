"""Bad input from the web: a feed that is gone is not asked again on every run (issue 17).

A feed or sitemap answering 404 or 410 rests before it is fetched again (1 day, then 2, 4, ...
30 days while it stays gone); `--refresh` asks at once.
"""

from __future__ import annotations

from datetime import timedelta

from conftest import run_ingest
from marsad.web.sources import WebSources, resting_listings

from test_web_ingest import lake, web_settings
from web_site import site  # noqa: F401  (the server fixture)


def test_a_feed_gone_is_not_fetched_again_until_its_rest_is_over_or_refresh(tmp_path, site):
    settings = web_settings(tmp_path)
    gone = WebSources(feeds=(site.url("/gone.rss"),), urls=(site.url("/news/en.html"),))
    run_ingest([], settings, gone)
    assert site.count("/gone.rss") == 1
    report = run_ingest([], settings, gone)                 # the next run, minutes later: not asked
    assert site.count("/gone.rss") == 1 and report.counts["unchanged"] == 1
    run_ingest([], settings, WebSources(gone.urls, gone.feeds, refresh=True))
    assert site.count("/gone.rss") == 2                     # --refresh asks at once
    [(last,)] = lake(settings, "select max(fetched_at) from fetch_log where status = 404")
    assert site.url("/gone.rss") in resting_listings(settings.lake_dir, gone, last + timedelta(days=1.5))
    assert resting_listings(settings.lake_dir, gone, last + timedelta(days=2.5)) == {}   # two 404s: 2 days
    assert resting_listings(settings.lake_dir, WebSources(feeds=gone.feeds, refresh=True), last) == {}


def test_a_feed_that_answers_is_fetched_on_every_run(tmp_path, site):
    settings = web_settings(tmp_path)
    feed = WebSources(feeds=(site.url("/feed.rss"),))
    run_ingest([], settings, feed)
    run_ingest([], settings, feed)
    assert site.count("/feed.rss") == 2
