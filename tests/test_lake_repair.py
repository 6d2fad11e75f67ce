"""A lake that checks itself: what a deleted lake file held is read again, named, not lost."""

import duckdb
import pytest

from conftest import run_extract
from conftest import run_ingest
from marsad.settings import Settings
from marsad.warehouse import build

STORY = "عنوان الخبر {k}\nقال وزير الخارجية العراقي إن الوفد سيصل إلى بغداد يوم الأحد في زيارة رقم {k}.\n"


def run(settings, folder):
    report = run_ingest([folder], settings)
    run_extract(settings)
    build(settings)
    return report


def counts(settings):
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return [con.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("documents", "sentences", "actor_mentions", "source_state")]


def file_holding(settings, table, doc_title):
    """The lake file of `table` that holds the rows of the document titled doc_title."""
    doc_id = duckdb.execute("select doc_id from read_parquet($f) where title = $t",
                            {"f": str(settings.lake_dir / "documents" / "*.parquet"), "t": doc_title}).fetchone()[0]
    for path in sorted((settings.lake_dir / table).glob("*.parquet")):
        if duckdb.execute("select count(*) from read_parquet($p) where doc_id = $d",
                          {"p": str(path), "d": doc_id}).fetchone()[0]:
            return path
    raise AssertionError(f"no {table} file holds {doc_title}")


@pytest.mark.parametrize("table", ["documents", "sentences", "extractions", "actor_mentions"])
def test_a_deleted_lake_file_is_read_again_and_named(tmp_path, articles, marsad_warnings, table):
    settings = Settings.load({"data_dir": tmp_path / "data", "batch_size": 1}, environ={})
    for k in range(3):
        articles(f"a{k}.txt", STORY.format(k=k))
    run(settings, articles.folder)
    clean = counts(settings)
    file_holding(settings, table, "عنوان الخبر 1").unlink()
    if table == "actor_mentions":       # its extraction record too: a partial extraction is redone
        file_holding(settings, "extractions", "عنوان الخبر 1").unlink()
    report = run(settings, articles.folder)
    assert counts(settings) == clean
    if table in ("documents", "sentences"):
        assert report.counts["new"] == 1
        assert "a1.txt" in marsad_warnings.text and "reading them again" in marsad_warnings.text


def test_a_deleted_file_of_web_archive_records_reads_the_archive_again(tmp_path):
    from test_web_ingest import DATA, warc_file

    settings = Settings.load({"data_dir": tmp_path / "data", "batch_size": 1}, environ={})
    archive = tmp_path / "news.warc.gz"
    warc_file(archive, {"https://example.com/en": (DATA / "article_en.html").read_bytes(),
                        "https://example.com/ar": (DATA / "article_ar.html").read_bytes()})
    run(settings, archive)
    clean = counts(settings)
    for path in (settings.lake_dir / "documents").glob("*.parquet"):
        path.unlink()
    report = run(settings, archive)
    assert counts(settings) == clean and report.counts["new"] == 2
