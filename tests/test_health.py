"""Source health: a source failing three runs in a row is named in a warning; a success clears it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from marsad.health import WARN_AFTER_RUNS, health_path, load_health, update_health
from marsad.ingest import Outcome
from conftest import run_ingest
from marsad.summary import RunSummary
from marsad.warehouse import BuildReport

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
BAD, GOOD = Outcome("file:///a.txt", "rejected", None, "empty", "empty file"), Outcome("file:///a.txt", "new", "d1")


def runs(tmp_path, outcomes_per_run):
    """Record several runs; return the failing list of the last one."""
    failing = []
    for i, outcomes in enumerate(outcomes_per_run):
        failing = update_health(tmp_path, outcomes, T0 + timedelta(minutes=30 * i))
    return failing


@pytest.mark.parametrize("history, warned", [
    ([[BAD]], False),
    ([[BAD], [BAD]], False),
    ([[BAD], [BAD], [BAD]], True),
    ([[BAD], [BAD], [BAD], [BAD]], True),
    ([[BAD], [BAD], [GOOD], [BAD]], False),       # a success resets the streak
    ([[BAD], [BAD], [], [BAD]], True),             # a run that did not see the source does not
])
def test_warns_after_three_failed_runs_in_a_row(tmp_path, history, warned):
    failing = runs(tmp_path, history)
    assert bool(failing) == warned
    if warned:
        assert failing[0].uri == "file:///a.txt" and failing[0].runs >= WARN_AFTER_RUNS
        assert failing[0].since == T0.isoformat()


def test_only_failing_sources_are_kept(tmp_path):
    runs(tmp_path, [[BAD, Outcome("file:///b.txt", "new", "d2")], [GOOD]])
    assert load_health(tmp_path) == {}


def test_unreadable_health_file_starts_again(tmp_path):
    health_path(tmp_path).write_text("{not json", encoding="utf-8")
    assert runs(tmp_path, [[BAD]]) == []
    assert load_health(tmp_path)["file:///a.txt"]["runs"] == 1


def test_a_bad_file_three_runs_in_a_row_is_a_warning_in_the_summary(settings, articles):
    articles("bad.txt", b"")
    articles("good.txt", "Title\nA first paragraph of text.\n")
    for _ in range(WARN_AFTER_RUNS):
        report = run_ingest([articles.folder], settings)
    [failing] = report.failing
    assert failing.uri.endswith("bad.txt") and failing.runs == WARN_AFTER_RUNS
    summary = RunSummary(report, BuildReport(settings.warehouse_path, {}, 0, skipped=True))
    assert "bad.txt has failed 3 runs in a row" in summary.render()
    assert "**Warning:**" in summary.as_markdown()
    assert summary.as_dict()["failing_sources"][0]["runs"] == 3


def test_several_failures_of_one_source_in_one_run_count_once(tmp_path):
    children = [Outcome("https://x.org/sitemap.xml", "rejected", None, "http_status", f"child {i}: HTTP 404")
                for i in range(3)]
    assert runs(tmp_path, [children]) == []
    assert load_health(tmp_path)["https://x.org/sitemap.xml"]["runs"] == 1


def test_a_feed_read_without_failure_clears_its_streak(tmp_path):
    feed = "https://x.org/rss"
    bad, read = Outcome(feed, "rejected", None, "timeout", "timed out"), Outcome(feed, "listed")
    assert runs(tmp_path, [[bad], [bad], [read], [bad]]) == []


def test_a_page_that_is_no_article_is_no_failure(tmp_path):
    pdf = Outcome("https://x.org/a.pdf", "rejected", None, "not_html", "content type application/pdf")
    assert runs(tmp_path, [[pdf]] * 4) == []
