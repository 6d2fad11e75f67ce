"""The Prefect flows on a test harness: results, batching, and failure on a data test."""

import shutil

import pytest

from conftest import ROOT, SEED
from marsad.ingest import Sources
from marsad.settings import Settings
from web_site import site  # noqa: F401  (the loopback web server fixture)

pytestmark = pytest.mark.prefect


@pytest.fixture
def data_dir(tmp_path):
    return str(tmp_path / "data")


def run_settings(data_dir: str, **overrides) -> Settings:
    """A run's settings: the packaged defaults, this data dir and the overrides."""
    return Settings.load({"data_dir": data_dir, **overrides}, environ={})


def test_pipeline_ingests_and_builds(prefect_harness, data_dir, articles):
    articles("bad.txt", b"")
    shutil.copy(SEED, articles.folder / SEED.name)
    from flows.pipeline import pipeline

    summary = pipeline(Sources((str(articles.folder),)), run_settings(data_dir))
    assert summary.as_dict()["documents"]["new"] == 1
    assert [r["reason"] for r in summary.as_dict()["rejects"]] == ["empty"]
    assert summary.build.rows["documents"] == 1 and summary.build.rows["sentences"] == 35


def test_ingest_works_in_batches(prefect_harness, data_dir, articles):
    for i in range(7):
        articles(f"{i}.txt", f"Story {i}\nParagraph number {i} of the story.\n")
    from flows.ingest import ingest

    report = ingest(Sources((str(articles.folder),)), run_settings(data_dir, batch_size=3))
    assert report.counts == {"new": 7}
    files = list((ROOT / data_dir / "lake" / "documents").glob("*.parquet"))
    assert len(files) == 3


def test_failing_data_test_fails_the_flow_run(prefect_harness, data_dir, tmp_path, monkeypatch):
    sql_dir = tmp_path / "sql"
    shutil.copytree(ROOT / "sql", sql_dir)
    (sql_dir / "tests" / "titles_are_short.sql").write_text(
        "select doc_id from documents where length(title) > 10", encoding="utf-8")
    from flows.ingest import ingest
    from flows.build_warehouse import build_warehouse

    settings = run_settings(data_dir, sql_dir=sql_dir)
    ingest(Sources((str(SEED),)), settings)
    state = build_warehouse(settings=settings, return_state=True)
    assert state.is_failed()
    assert "titles_are_short" in state.message or "titles_are_short" in str(state.result(raise_on_failure=False))


def test_pipeline_publishes_summary_and_rejects_artifacts(prefect_harness, data_dir, articles):
    articles("bad.txt", b"")
    shutil.copy(SEED, articles.folder / SEED.name)
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.pipeline import pipeline
    from tasks.report import REJECTS_KEY, SUMMARY_KEY

    pipeline(Sources((str(articles.folder),)), run_settings(data_dir))
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[SUMMARY_KEY, REJECTS_KEY])))
    found = {a.key: a for a in sorted(artifacts, key=lambda a: a.created)}   # the latest per key
    assert "| new documents | 1 |" in found[SUMMARY_KEY].data
    assert "| claims added |" in found[SUMMARY_KEY].data
    assert "empty" in str(found[REJECTS_KEY].data)


def test_every_deployment_entrypoint_imports_and_is_a_flow():
    import importlib.util

    import yaml
    from prefect import Flow

    spec = yaml.safe_load((ROOT / "deployments" / "prefect.yaml").read_text(encoding="utf-8"))
    for deployment in spec["deployments"]:
        path, name = deployment["entrypoint"].split(":")
        module_spec = importlib.util.spec_from_file_location(path.replace("/", ".")[:-3], ROOT / path)
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        assert isinstance(getattr(module, name), Flow), deployment["entrypoint"]


def test_ingest_reports_its_progress_as_an_artifact(prefect_harness, data_dir, articles):
    for i in range(5):
        articles(f"{i}.txt", f"Story {i}\nParagraph number {i} of the story.\n")
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.ingest import PROGRESS_KEY, ingest

    ingest(Sources((str(articles.folder),)), run_settings(data_dir, batch_size=2))
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[PROGRESS_KEY])))
    artifact = max(found, key=lambda a: a.created)          # this run's (the harness keeps others)
    assert artifact.data == 100.0 and "5 files" in artifact.description


def test_scheduled_run_tags_logs_and_warns_of_a_source_failing_three_runs(prefect_harness, data_dir, articles,
                                                                         tmp_path):
    articles("bad.txt", b"")
    articles("good.txt", "Title\nA first paragraph of the story.\n")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'paths = ["{articles.folder}"]\n', encoding="utf-8")
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogHandler

    from flows.scheduled import ingest_sources

    states = [ingest_sources(str(sources), data_dir, return_state=True) for _ in range(3)]
    summary = states[-1].result()
    assert summary.as_dict()["failing_sources"][0]["runs"] == 3
    APILogHandler().flush()
    parent = states[-1].state_details.flow_run_id
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs()
        children = [r for r in runs if r.name in (f"pipeline {data_dir}", f"ingest {data_dir}")]
        logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(
            any_=[parent, *[r.id for r in children]])))
    assert len(children) == 6 and all("files" in r.tags for r in children)
    messages = [log.message for log in logs]
    assert any("files found" in m for m in messages)                      # the flow's run logger
    assert any("bad.txt has failed 3 runs in a row" in m for m in messages)


def test_pipeline_fetches_a_feed_from_a_real_server_and_tags_the_run_web(prefect_harness, data_dir, site):
    from prefect import tags

    from flows.pipeline import pipeline

    sources = Sources((site.url("/news/en.html"),), feeds=(site.url("/feed.atom"),))
    settings = run_settings(data_dir, allow_private_networks=True)
    with tags("web"):
        summary = pipeline(sources, settings)
    again = pipeline(sources, settings)
    assert summary.as_dict()["documents"]["new"] >= 2
    assert summary.build.rows["fetch_log"] >= 3
    assert again.as_dict()["documents"]["new"] == 0
    assert site.count("/news/en.html") == 1            # the second run asked nothing again


def test_a_warehouse_build_alone_publishes_its_own_artifact(prefect_harness, data_dir):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.build_warehouse import build_warehouse
    from flows.ingest import ingest
    from tasks.report import BUILD_KEY

    ingest(Sources((str(SEED),)), run_settings(data_dir))
    build_warehouse(data_dir)
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[BUILD_KEY])))
    latest = max(found, key=lambda a: a.created).data
    assert "data tests passed" in latest and "| documents | 1 |" in latest


def _warehouse_rows(path) -> dict[str, list]:
    """Every warehouse table's rows, sorted, without the columns that stamp when a run happened."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute("""select table_name, list(column_name order by ordinal_position)
            from information_schema.columns where table_schema = 'main' and data_type not like 'TIMESTAMP%'
            and column_name not in ('elapsed_s', 'seconds') and not starts_with(table_name, 'marsad_build')
            group by table_name""").fetchall()       # marsad_build*: the build's own book-keeping (lake file paths)
        return {table: sorted(con.execute(f'select {", ".join(map(repr, cols)).replace(chr(39), chr(34))} '
                                          f'from "{table}"').fetchall(), key=repr) for table, cols in columns}


def test_a_dask_run_on_two_worker_processes_builds_the_same_warehouse(prefect_harness, tmp_path):
    pytest.importorskip("prefect_dask")
    from flows.pipeline import pipeline

    sources = Sources((str(SEED), str(ROOT / "tests" / "data" / "articles")))
    default = pipeline(sources, run_settings(str(tmp_path / "default"), batch_size=2))
    dask = pipeline(sources, run_settings(str(tmp_path / "dask"), batch_size=2, task_runner="dask", dask_workers=2))
    assert dask.as_dict()["documents"] == default.as_dict()["documents"]
    assert dask.build.rows == default.build.rows and default.build.rows["actor_mentions"] > 0
    assert _warehouse_rows(dask.build.path) == _warehouse_rows(default.build.path)


def test_flow_runs_of_marsad_run_send_no_heartbeats(prefect_harness):
    """Each flow run's end waited up to 1 s for Prefect's heartbeat thread (flows/runner.py)."""
    from prefect.settings import get_current_settings

    from flows.runner import without_heartbeats

    with without_heartbeats():
        assert get_current_settings().flows.heartbeat_frequency is None
        assert get_current_settings().api.url                  # the rest of the settings kept


def test_prefect_does_not_walk_the_outcomes_a_flow_returns():
    """Prefect visits a flow's return value for futures: 10,000 outcomes cost 0.31 s a visit."""
    from prefect.utilities.collections import visit_collection

    from marsad.ingest import IngestReport, Outcome

    report = IngestReport([Outcome(f"file:///a/{i}.txt", "new", f"{i:016x}") for i in range(1000)])
    seen = []
    visit_collection(report, visit_fn=lambda x: seen.append(x), return_data=False)
    assert not [x for x in seen if isinstance(x, Outcome)] and len(seen) < 20
    assert report.counts["new"] == 1000 and report.outcomes == report.outcomes.data     # still a list to us
