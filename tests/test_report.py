"""`marsad report`: one HTML file, complete (every panel has data) and self-contained (no request)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest

from marsad.cli import main
from marsad.report import ACTORS_SQL, ARABIC, direction, periods, write_report
from marsad.warehouse import connect_readonly

PANELS = ("timeline", "actors", "dyads", "speakers", "places", "quality")
URL_ATTRIBUTES = {"src", "href", "xlink:href", "action", "poster", "data", "srcset", "background", "formaction"}


class Page(HTMLParser):
    """What a test needs from the page: sections, figures, SQL, links, Arabic text and its direction."""

    def __init__(self) -> None:
        super().__init__()
        self.sections, self.figures, self.sql, self.links, self.tags = {}, [], [], [], []
        self.stack: list[tuple[str, dict]] = []
        self.undirected: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        self.links += [v for k, v in attrs.items() if k in URL_ATTRIBUTES and v is not None]
        if tag == "section":
            self.sections[attrs["id"]] = int(attrs["data-rows"])
        if tag == "figure":
            self.figures.append(int(attrs["data-rows"]))
        if tag == "code" and self.stack and self.stack[-1][0] == "pre":
            self.sql.append("")
        self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.stack[-2:] and [t for t, _ in self.stack[-2:]] == ["pre", "code"]:
            self.sql[-1] += data
        tooltip = self.stack and self.stack[-1][0] == "title"      # shown on hover, by the system
        if ARABIC.search(data) and not tooltip and not any("dir" in a or "direction" in a for _, a in self.stack):
            self.undirected.append(data)


@pytest.fixture(scope="module")
def report(built_warehouse, tmp_path_factory):
    """The report of the whole test warehouse, parsed."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    info = write_report(built_warehouse.warehouse_path, out)
    page = Page()
    text = out.read_text(encoding="utf-8")
    page.feed(text)
    return info, text, page


def test_every_panel_is_there_with_data(report):
    info, _, page = report
    assert list(page.sections) == list(PANELS)
    assert all(page.sections[p] > 0 for p in PANELS), page.sections
    assert info.rows == page.sections


def test_the_default_period_starts_a_week_before_the_first_publication(built_warehouse, report):
    info, _, _ = report
    with connect_readonly(built_warehouse.warehouse_path) as con:
        first, last = con.execute("select min(cast(coalesce(published_at, ingested_at) as date)), "
                                  "max(cast(coalesce(published_at, ingested_at) as date)) from documents").fetchone()
    assert (info.since, info.until) == (first - timedelta(days=7), last)


def test_every_chart_shows_sql_that_gives_its_rows(built_warehouse, report):
    _, _, page = report
    assert len(page.sql) == len(page.figures) >= len(PANELS) + 1      # + the key figures
    with connect_readonly(built_warehouse.warehouse_path) as con:
        counts = [len(con.execute(sql).fetchall()) for sql in page.sql]
    assert counts == page.figures


def test_the_page_requests_nothing(report):
    _, text, page = report
    assert all(link.startswith("#") for link in page.links), page.links
    assert not {"script", "link", "img", "iframe", "object", "embed", "audio", "video"} & set(page.tags)
    assert "default-src 'none'" in text                      # the browser refuses any fetch
    assert not re.search(r"https?://|url\((?!#)|@import|//[a-z0-9.-]+\.[a-z]{2,}/", text, re.IGNORECASE)


def test_arabic_text_reads_right_to_left(report):
    _, text, page = report
    assert 'dir="rtl"' in text and page.undirected == []


def test_the_network_names_both_sides_of_a_dyad(report):
    _, text, _ = report
    dyads = text.split('id="dyads"')[1].split("</section>")[0]
    assert "<svg" in dyads and dyads.count("<line") >= 2 and dyads.count('class="label"') >= 3


def test_actors_known_only_in_arabic_show_their_latin_name_and_their_arabic(built_warehouse, report):
    _, text, _ = report
    with connect_readonly(built_warehouse.warehouse_path) as con:
        rows = con.execute(ACTORS_SQL, {"since": date(1900, 1, 1), "until": date(2100, 1, 1)}).fetchall()
    romanised = [(name, arabic) for name, arabic, *_ in rows if arabic and not ARABIC.search(name)]
    assert romanised and all(name in text and arabic in text for name, arabic in romanised)
    assert not [name for name, *_ in rows if ARABIC.search(name)]


@pytest.mark.parametrize("since, until, expect", [
    (date(1990, 1, 1), date(1990, 12, 31), 0),           # nothing happened then: the panels say so
    (date(2024, 4, 17), date(2024, 4, 17), 1),           # one day of the test articles
])
def test_the_period_bounds_what_is_counted(built_warehouse, tmp_path, since, until, expect):
    out = tmp_path / "period.html"
    info = write_report(built_warehouse.warehouse_path, out, since, until)
    text = out.read_text(encoding="utf-8")
    assert (info.since, info.until) == (since, until) and f"{since} to {until}" in text
    assert (info.rows["timeline"] > 0) == bool(expect)
    assert expect or "No rows in this period." in text


@pytest.mark.parametrize("since, until, unit, expect", [
    (date(2024, 4, 29), date(2024, 5, 1), "day", [date(2024, 4, 29), date(2024, 4, 30), date(2024, 5, 1)]),
    (date(2024, 4, 3), date(2024, 4, 16), "week", [date(2024, 4, 1), date(2024, 4, 8), date(2024, 4, 15)]),
    (date(2023, 11, 20), date(2024, 2, 1), "month",
     [date(2023, 11, 1), date(2023, 12, 1), date(2024, 1, 1), date(2024, 2, 1)]),
])
def test_periods_of_the_time_chart(since, until, unit, expect):
    assert periods(since, until, unit) == expect


@pytest.mark.parametrize("text, expect", [
    ("قال وزير الخارجية", ' dir="rtl" lang="ar"'),
    ("وزارة الخارجية Iraq", ' dir="rtl" lang="ar"'),
    ("Iraq: «العراق»", ' dir="auto" lang="ar"'),
    ("United States", ""),
])
def test_direction_of_a_cell(text, expect):
    assert direction(text) == expect


def test_cli_writes_the_report_in_the_data_dir(built_warehouse, capsys):
    code = main(["report", "--data-dir", str(built_warehouse.data_dir)])
    assert code == 0 and "wrote the report" in capsys.readouterr().err
    assert (built_warehouse.data_dir / "report.html").stat().st_size > 10_000


def test_cli_refuses_a_period_that_ends_before_it_starts(built_warehouse, capsys):
    code = main(["report", "--since", "2024-05-01", "--until", "2024-04-01",
                 "--data-dir", str(built_warehouse.data_dir)])
    assert code == 2 and "after --until" in capsys.readouterr().err


@pytest.mark.prefect
def test_a_run_links_its_report_as_an_artifact(prefect_harness, built_warehouse):
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from tasks.report import REPORT_KEY, publish_report

    path = flow(name="report-only")(lambda: publish_report(str(built_warehouse.data_dir)))()
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[REPORT_KEY])))
    assert path.endswith("report.html") and any(path.split("/")[-1] in str(a.data) for a in found)
