"""A re-run with nothing new is answered from the lake without a flow run; anything new goes to the flow."""

import os
import shutil
from dataclasses import replace

import pytest

from conftest import ARTICLES_DIR, SEED, harness
from marsad.ingest import Sources
from marsad.rerun import check, nothing_new
from marsad.settings import Settings


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """Settings and sources of a pipeline run on a copy of the seed and the test articles."""
    from flows.pipeline import pipeline

    root = tmp_path_factory.mktemp("rerun")
    shutil.copytree(ARTICLES_DIR, root / "articles")
    shutil.copy(SEED, root / "articles" / SEED.name)
    settings = Settings.load({"data_dir": root / "data"}, environ={})
    sources = Sources((str(root / "articles"),))
    harness()
    first = pipeline(sources, settings)
    return settings, sources, first


@pytest.mark.prefect
def test_a_rerun_with_nothing_new_is_summed_up_without_a_flow_run(ran):
    settings, sources, first = ran
    summary = nothing_new(sources, settings)
    assert summary is not None and not summary.flow_run
    counts = summary.as_dict()["documents"]
    assert counts["new"] == 0 and counts["unchanged"] == first.as_dict()["documents"]["new"]
    assert counts["rejected"] == first.as_dict()["documents"]["rejected"]
    assert summary.build.skipped and summary.build.rows == first.build.rows
    assert "without a Prefect flow run" in summary.render()


def _touch(settings, sources):
    path = min(p.path for p in os.scandir(sources.paths[0]) if p.name.endswith(".txt"))
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    return settings, lambda: os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _add_file(settings, sources):
    path = os.path.join(sources.paths[0], "zz_new.txt")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("وصل الوفد إلى الرياض صباح اليوم لإجراء محادثات.\n")
    return settings, lambda: os.remove(path)


def _report_gone(settings, sources):
    report = settings.data_dir / "report.html"
    kept = report.rename(report.with_suffix(".kept"))
    return settings, lambda: kept.rename(report)


def _lake_file_gone(table):
    """A lake Parquet file of `table` deleted (issue 17 case 6): the sources still look unchanged."""
    def change(settings, sources):
        path = min((settings.lake_dir / table).glob("*.parquet"))
        kept = path.rename(settings.data_dir / f"kept-{table}.parquet")
        return settings, lambda: kept.rename(path)
    return change


def _sql_changed(settings, sources):
    sql = settings.data_dir.parent / "sql-changed"
    shutil.copytree(settings.sql_dir, sql)
    model = min((sql / "marts").glob("*.sql"))
    model.write_text(model.read_text(encoding="utf-8") + "\n-- changed\n", encoding="utf-8")
    return replace(settings, sql_dir=sql), lambda: shutil.rmtree(sql)


def _extractor_changed(settings, sources):
    from marsad import extract

    extract.default_fingerprint.cache_clear()
    real = extract.extraction_fingerprint
    extract.extraction_fingerprint = lambda lexicons: real(lexicons) + "-changed"

    def undo():
        extract.extraction_fingerprint = real
        extract.default_fingerprint.cache_clear()
    return settings, undo


CHANGES = [_touch, _add_file, _report_gone, _lake_file_gone("documents"), _lake_file_gone("sentences"),
           _lake_file_gone("extractions"), _lake_file_gone("events"), _sql_changed, _extractor_changed]


@pytest.mark.prefect
@pytest.mark.parametrize("change", CHANGES, ids=[
    "touched", "added", "report-gone", "documents-file-gone", "sentences-file-gone",
    "extractions-file-gone", "events-file-gone", "sql-changed", "extractor-changed"])
def test_anything_to_do_goes_to_the_flow(ran, change):
    settings, sources, _ = ran
    changed, undo = change(settings, sources)
    try:
        assert nothing_new(sources, changed) is None
    finally:
        undo()
    assert nothing_new(sources, settings) is not None


@pytest.mark.prefect
@pytest.mark.parametrize("ask", [
    dict(force_build=True), dict(catalog="ducklake:x.ducklake"), dict(url=True), dict(missing=True)],
    ids=["force-build", "catalog", "web", "missing-path"])
def test_what_the_flow_must_do_is_never_skipped(ran, ask, tmp_path):
    settings, sources, _ = ran
    if "catalog" in ask:
        settings = replace(settings, catalog=ask["catalog"])
    paths = sources.paths + (("https://example.com/news/1.html",) if "url" in ask else ()) + (
        (str(tmp_path / "gone.txt"),) if "missing" in ask else ())
    assert nothing_new(Sources(paths), settings, ask.get("force_build", False)) is None


@pytest.fixture
def two_articles(tmp_path):
    """Settings and sources of a run on two of the test articles, the first of them already read."""
    from flows.pipeline import pipeline

    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(ARTICLES_DIR / "102_yemen_truce_talks.txt", folder)
    settings = Settings.load({"data_dir": tmp_path / "data"}, environ={})
    sources = Sources((str(folder),))
    harness()
    pipeline(sources, settings)
    shutil.copy(ARTICLES_DIR / "101_jordan_iraq_border.txt", folder)
    return settings, sources


@pytest.mark.prefect
def test_the_ingest_flow_takes_the_files_as_sorted_before_it(two_articles, monkeypatch):
    """`marsad run` sorts the files to see whether anything is new; its flow does not sort them again."""
    from flows.pipeline import pipeline
    from marsad import sources as sources_module
    from marsad.ingest import handed_over, take_over

    settings, sources = two_articles
    summary, triaged = check(sources, settings)
    assert summary is None and [ref.uri.rsplit("/", 1)[-1] for ref in triaged.todo] == ["101_jordan_iraq_border.txt"]
    monkeypatch.setattr(sources_module, "discover", lambda paths: pytest.fail("the flow sorted the files again"))
    with handed_over(list(sources.paths), settings.lake_dir, triaged):
        done = pipeline(sources, settings).as_dict()["documents"]
    assert done["new"] == 1 and done["unchanged"] == 1
    assert take_over(list(sources.paths), settings.lake_dir) is None        # held only for that flow


@pytest.mark.prefect
def test_a_sorting_of_other_paths_is_not_taken(two_articles):
    from flows.pipeline import pipeline
    from marsad.ingest import handed_over

    settings, sources = two_articles
    _, triaged = check(sources, settings)
    with handed_over(["/elsewhere"], settings.lake_dir, triaged):
        done = pipeline(sources, settings).as_dict()["documents"]
    assert done["new"] == 1 and done["unchanged"] == 1
