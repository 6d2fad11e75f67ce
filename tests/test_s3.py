"""The lake on S3 (`--lake s3://bucket/prefix`), against a real S3-compatible server: moto's server
mode on 127.0.0.1, started here. A run there builds the warehouse a local run builds, a re-run
adds nothing, and a run or an upload killed half-way leaves a lake that reads whole."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest

from conftest import ARTICLES_DIR, ROOT, SEED
from marsad import storage
from marsad.errors import SettingsError
from marsad.settings import Settings

KEY, SECRET, REGION = "marsad-test", "marsad-test-secret", "eu-west-1"
START_SECONDS = 60      # moto's server starts in 2-5 s here; generous for a loaded CI machine


def _free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return sock.getsockname()[1]


def _wait_listening(port: int, proc: subprocess.Popen) -> None:
    """Return once the server accepts connections; fail if it exits or takes too long."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"moto_server exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"moto_server did not listen on 127.0.0.1:{port} within {START_SECONDS} s")


@pytest.fixture(scope="session")
def s3_endpoint():
    """A moto S3 server on a free loopback port for the session: its endpoint URL."""
    pytest.importorskip("moto.server", reason="the S3 lake tests need moto's server mode: pip install 'moto[server]'")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        _wait_listening(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def aws_env(endpoint: str) -> dict[str, str]:
    """The standard AWS variables naming the test server."""
    return {"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": KEY, "AWS_SECRET_ACCESS_KEY": SECRET,
            "AWS_REGION": REGION}


@pytest.fixture
def s3_lake(s3_endpoint, monkeypatch) -> str:
    """A fresh bucket on the test server, the AWS variables set: the lake URL s3://BUCKET/marsad."""
    import pyarrow.fs as pafs

    for name, value in aws_env(s3_endpoint).items():
        monkeypatch.setenv(name, value)
    bucket = f"lake-{uuid.uuid4().hex[:12]}"
    config = storage.S3Config.from_env(os.environ)
    pafs.S3FileSystem(access_key=KEY, secret_key=SECRET, region=REGION, endpoint_override=config.endpoint,
                      scheme="http", allow_bucket_creation=True).create_dir(bucket)
    return f"s3://{bucket}/marsad"


def lake_settings(data_dir, lake: str = "", **overrides) -> Settings:
    """Settings of a data dir and lake, small batches so that every table has several files."""
    return Settings.load({"data_dir": str(data_dir), "lake": lake, "batch_size": 2, **overrides}, environ={})


def warehouse_rows(path) -> dict[str, list]:
    """Every warehouse table's rows, sorted, without the columns that stamp when a run happened
    (and without the build's own book-keeping, which names the lake's files). Tables only: the
    source views read the lake itself (on S3, with the secret a build connection has)."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute("""select table_name, list(column_name order by ordinal_position)
            from information_schema.columns where table_schema = 'main' and data_type not like 'TIMESTAMP%'
            and column_name not in ('elapsed_s', 'seconds') and not starts_with(table_name, 'marsad_build')
            and table_name in (select table_name from information_schema.tables
                               where table_schema = 'main' and table_type = 'BASE TABLE')
            group by table_name""").fetchall()
        return {table: sorted(con.execute("select " + ", ".join(f'"{c}"' for c in cols) + f' from "{table}"')
                              .fetchall(), key=repr) for table, cols in columns}


def lake_listing(lake: str) -> dict[str, list[tuple[str, int, int]]]:
    """Every lake table's objects: name, size, modification time."""
    from marsad.schema import TABLES

    return {table: storage.store(lake).files(table) for table in TABLES}


# ---------------------------------------------------------------- settings


@pytest.mark.parametrize("given, expected", [
    ("s3://news/marsad/", "s3://news/marsad"),
    ("s3://news", "s3://news"),
    (" s3://news/a/b ", "s3://news/a/b"),
])
def test_an_s3_lake_is_a_url(tmp_path, given, expected):
    settings = Settings.load({"data_dir": tmp_path, "lake": given}, environ={})
    assert settings.lake_dir == expected and settings.warehouse_path == tmp_path.resolve() / "marsad.duckdb"


def test_the_lake_is_in_the_data_dir_by_default_or_any_local_folder(tmp_path, monkeypatch):
    assert Settings.load({"data_dir": tmp_path}, environ={}).lake_dir == tmp_path.resolve() / "lake"
    monkeypatch.chdir(tmp_path)
    assert Settings.load({"data_dir": "d"}, environ={"MARSAD_LAKE": "elsewhere/lake"}).lake_dir == \
        tmp_path.resolve() / "elsewhere" / "lake"


@pytest.mark.parametrize("bad", ["s3://", "s3:///", "gs://bucket/lake", "https://example.com/lake"])
def test_a_lake_url_other_than_s3_or_without_a_bucket_is_refused(tmp_path, bad):
    with pytest.raises(SettingsError, match="setting lake"):
        Settings.load({"data_dir": tmp_path, "lake": bad}, environ={})


def test_the_lake_flag_and_env_reach_the_run(tmp_path, monkeypatch):
    import flows.pipeline
    from marsad.cli import main
    from marsad.summary import RunSummary

    seen = []

    class Summary(RunSummary):
        def __init__(self):
            pass

        def render(self):
            return "done"

    monkeypatch.setattr(flows.pipeline, "pipeline", lambda sources, settings, force=False: seen.append(settings) or Summary())
    monkeypatch.setattr("marsad.temp_api.start_temporary_api", lambda: None)
    monkeypatch.setattr("marsad.rerun.check", lambda *args, **kwargs: (None, None))   # no lake to read here
    monkeypatch.setenv("MARSAD_LAKE", "s3://from-env/lake")
    assert main(["run", str(SEED), "--data-dir", str(tmp_path / "a")]) == 0
    assert main(["run", str(SEED), "--data-dir", str(tmp_path / "b"), "--lake", "s3://from-flag/x"]) == 0
    assert [s.lake_dir for s in seen] == ["s3://from-env/lake", "s3://from-flag/x"]


@pytest.mark.parametrize("endpoint, host, ssl", [
    ("http://127.0.0.1:9000", "127.0.0.1:9000", False),
    ("https://minio.example.org", "minio.example.org", True),
    ("minio.example.org:9000", "minio.example.org:9000", True),
    (None, None, True),
])
def test_the_store_is_named_by_the_standard_aws_variables(endpoint, host, ssl):
    env = {"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s'ecret", "AWS_DEFAULT_REGION": "me-south-1"}
    config = storage.S3Config.from_env({**env, **({"AWS_ENDPOINT_URL": endpoint} if endpoint else {})})
    assert (config.endpoint, config.use_ssl, config.key_id, config.region) == (host, ssl, "k", "me-south-1")
    sql = config.secret_sql()
    assert "temporary secret" in sql and "'s''ecret'" in sql and f"use_ssl {str(ssl).lower()}" in sql
    assert ("url_style 'path'" in sql) == bool(endpoint)


# ---------------------------------------------------------------- the store on a real server


def test_files_are_written_listed_and_read_back_through_duckdb(s3_lake):
    import duckdb

    from marsad.lake import connect, has_files, read_lake, table_files, write_rows

    assert not has_files(s3_lake, "rejects") and table_files(s3_lake, "rejects") == []
    row = {"reject_id": "r1", "source_uri": "/x/a.txt", "reason": "too_large", "message": "بعيد جداً"}
    first = write_rows(s3_lake, "rejects", [row], ("reject_id",))
    again = write_rows(s3_lake, "rejects", [{**row, "message": "replaced"}], ("reject_id",))
    assert first == again and first.startswith(s3_lake + "/rejects/part-") and table_files(s3_lake, "rejects") == [first]
    for con in (duckdb.connect(), connect(s3_lake), connect(s3_lake)):   # any connection; a cursor of a shared one
        with con:
            assert read_lake(con, s3_lake, "rejects", "select reject_id, message from {rejects}") == [("r1", "replaced")]
    [(name, size, mtime_ns)] = storage.store(s3_lake).files("rejects")
    assert name == first and size > 0 and mtime_ns > 0


def test_a_missing_bucket_is_a_clear_error(s3_lake):
    from marsad.lake import write_rows

    with pytest.raises(OSError, match="(?i)bucket"):
        write_rows("s3://no-such-bucket-here/lake", "rejects", [{"reject_id": "r"}], ("reject_id",))


# ---------------------------------------------------------------- runs on a real server


@pytest.fixture(scope="module")
def local_run(prefect_harness, tmp_path_factory) -> dict:
    """The document counts and warehouse rows of a run on the seed and the test articles with the
    lake on local disk."""
    from flows.pipeline import pipeline
    from marsad.ingest import Sources

    summary = pipeline(Sources((str(SEED), str(ARTICLES_DIR))), lake_settings(tmp_path_factory.mktemp("local")))
    return {"documents": summary.as_dict()["documents"], "rows": warehouse_rows(summary.build.path)}


@pytest.mark.prefect
def test_a_run_on_s3_builds_the_warehouse_of_a_local_run_and_a_rerun_adds_nothing(local_run, s3_lake, tmp_path):
    from flows.pipeline import pipeline
    from marsad.ingest import Sources

    settings = lake_settings(tmp_path / "data", s3_lake)
    sources = Sources((str(SEED), str(ARTICLES_DIR)))
    first = pipeline(sources, settings)
    assert first.as_dict()["documents"] == local_run["documents"] and first.build.rows["actor_mentions"] > 0
    assert warehouse_rows(settings.warehouse_path) == local_run["rows"]
    assert not (tmp_path / "data" / "lake").exists()        # the lake is on S3, the warehouse here
    objects = lake_listing(s3_lake)
    assert len(objects["documents"]) >= 2 and len(objects["extractions"]) >= 1
    again = pipeline(sources, settings)
    assert again.as_dict()["documents"]["new"] == 0 and again.build.skipped
    assert lake_listing(s3_lake) == objects                 # not one object written again
    assert warehouse_rows(settings.warehouse_path) == local_run["rows"]


@pytest.mark.prefect
def test_a_run_killed_while_writing_to_s3_leaves_a_readable_lake_that_the_next_run_completes(
        local_run, s3_lake, tmp_path):
    from prefect.settings import PREFECT_API_URL

    from flows.pipeline import pipeline
    from marsad.ingest import Sources
    from marsad.lake import LakeState

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_API_URL": PREFECT_API_URL.value(),
           "MARSAD_LAKE": s3_lake}
    command = [sys.executable, "-m", "marsad.cli", "run", str(SEED), str(ARTICLES_DIR), "--data-dir",
               str(tmp_path / "data"), "--batch-size", "1"]
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None and not storage.store(s3_lake).files("documents"):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)                        # after its first document, mid-ingest
    assert proc.wait() == -signal.SIGKILL, f"the run ended ({proc.returncode}) before it could be killed"
    state = LakeState.load(s3_lake)                         # every object reads whole
    assert 1 <= len(state.doc_ids) < local_run["documents"]["new"]
    settings = lake_settings(tmp_path / "data", s3_lake)
    pipeline(Sources((str(SEED), str(ARTICLES_DIR))), settings)
    assert warehouse_rows(settings.warehouse_path) == local_run["rows"]


@pytest.mark.prefect
def test_a_lake_on_s3_is_compacted_and_the_warehouse_stays_the_same(local_run, s3_lake, tmp_path, monkeypatch):
    from flows.build_warehouse import build_warehouse
    from flows.pipeline import pipeline
    from marsad import compaction
    from marsad.ingest import Sources

    settings = lake_settings(tmp_path / "data", s3_lake)
    pipeline(Sources((str(SEED), str(ARTICLES_DIR))), settings)
    before = lake_listing(s3_lake)
    monkeypatch.setattr(compaction, "MAX_FILES", 1)
    build_warehouse(settings=settings)                    # compacts what the warehouse read, then builds
    after = lake_listing(s3_lake)
    assert len(before["documents"]) > 1 and len(after["documents"]) == 1
    assert compaction.replaced(s3_lake)                    # the manifests, on S3 too
    assert warehouse_rows(settings.warehouse_path) == local_run["rows"]


UPLOAD = """
import os, sys, pyarrow as pa
from marsad import storage
data = pa.table({"blob": pa.array([os.urandom(int(sys.argv[2]))], pa.large_binary())})
storage.store(sys.argv[1]).write("documents", "part-big.parquet", data, compression="none")
print("done", flush=True)
"""
BIG = 24_000_000        # above pyarrow's 10 MB part size: a multipart upload, long enough to catch


def test_an_upload_killed_half_way_leaves_no_object(s3_lake):
    import boto3

    bucket = s3_lake[len("s3://"):].split("/")[0]
    client = boto3.client("s3")
    proc = subprocess.Popen([sys.executable, "-c", UPLOAD, s3_lake, str(BIG)], env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, text=True)
    while proc.poll() is None and not client.list_multipart_uploads(Bucket=bucket).get("Uploads"):
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "the upload ended before it could be killed"
    assert client.list_multipart_uploads(Bucket=bucket)["Uploads"]     # begun, never completed
    assert storage.store(s3_lake).files("documents") == []
    assert client.list_objects_v2(Bucket=bucket).get("KeyCount") == 0
