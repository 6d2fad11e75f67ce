"""The Prefect flows on a test harness: results, batching, and failure on a data test."""

import shutil

import pytest

from conftest import ROOT, SEED

pytestmark = pytest.mark.prefect


@pytest.fixture
def data_dir(tmp_path):
    return str(tmp_path / "data")


def test_pipeline_ingests_and_builds(prefect_harness, data_dir, articles):
    articles("bad.txt", b"")
    shutil.copy(SEED, articles.folder / SEED.name)
    from flows.pipeline import pipeline

    summary = pipeline([str(articles.folder)], data_dir)
    assert summary.as_dict()["documents"]["new"] == 1
    assert [r["reason"] for r in summary.as_dict()["rejects"]] == ["empty"]
    assert summary.build.rows["documents"] == 1 and summary.build.rows["sentences"] == 35


def test_ingest_works_in_batches(prefect_harness, data_dir, articles):
    for i in range(7):
        articles(f"{i}.txt", f"Story {i}\nParagraph number {i} of the story.\n")
    from flows.ingest import ingest

    report = ingest([str(articles.folder)], data_dir, batch_size=3)
    assert report.counts == {"new": 7}
    files = list((ROOT / data_dir / "lake" / "documents").glob("*.parquet"))
    assert len(files) == 3


def test_failing_data_test_fails_the_flow_run(prefect_harness, data_dir, tmp_path, monkeypatch):
    sql_dir = tmp_path / "sql"
    shutil.copytree(ROOT / "sql", sql_dir)
    (sql_dir / "tests" / "titles_are_short.sql").write_text(
        "select doc_id from documents where length(title) > 10", encoding="utf-8")
    monkeypatch.setenv("MARSAD_SQL_DIR", str(sql_dir))
    from flows.ingest import ingest
    from flows.build_warehouse import build_warehouse

    ingest([str(SEED)], data_dir)
    state = build_warehouse(data_dir, return_state=True)
    assert state.is_failed()
    assert "titles_are_short" in state.message or "titles_are_short" in str(state.result(raise_on_failure=False))
