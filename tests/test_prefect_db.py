"""What a run costs Prefect's database, and how that database stays bounded (issue 15).

A temporary API writes into a copy of a migrated template, deleted with it; the kept server and
`marsad serve` delete runs older than a week (Prefect's vacuum); `marsad prune` deletes now; an
ingest batch is one read-and-parse task run, and a task run's "Finished" line is not sent.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from marsad import prefect_db, temp_api
from marsad.ingest import Sources
from marsad.serve import Service
from marsad.settings import Settings


def fake_database(path: Path, revision: str = "rev1") -> Path:
    """An SQLite file with an alembic_version row, as a migrated Prefect database has."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.execute("create table alembic_version (version_num text)")
    con.execute("insert into alembic_version values (?)", (revision,))
    con.commit()
    con.close()
    return path


def ended_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_temporary_api_gets_a_copy_of_the_template_that_needs_no_migration(tmp_path):
    template = fake_database(temp_api._template(tmp_path))
    database = temp_api.run_database(tmp_path, None)
    assert database.own == tmp_path / f"run-{os.getpid()}.db" and database.own.read_bytes() == template.read_bytes()
    assert not database.migrate and database.env()["PREFECT_SERVER_DATABASE_MIGRATE_ON_START"] == "false"
    assert database.url == f"sqlite+aiosqlite:///{database.own}"


def test_the_first_temporary_api_migrates_a_new_database_and_keeps_it_as_the_template(tmp_path):
    database = temp_api.run_database(tmp_path, None)
    assert database.migrate and not database.own.exists()
    fake_database(database.own, "rev2")
    temp_api.save_template(database.own, tmp_path)
    assert temp_api._revision(temp_api._template(tmp_path)) == "rev2"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([database.own.name, temp_api._template(tmp_path).name])


def test_databases_of_ended_runs_are_deleted_and_those_of_running_ones_kept(tmp_path):
    fake_database(temp_api._template(tmp_path))
    ended, running = tmp_path / f"run-{ended_pid()}.db", tmp_path / f"run-{os.getppid()}.db"
    for path in (ended, running, Path(f"{ended}-wal")):
        path.write_bytes(b"x")
    temp_api.run_database(tmp_path, None)
    assert not ended.exists() and not Path(f"{ended}-wal").exists() and running.exists()


@pytest.mark.parametrize("revision, migrate", [("rev1", False), ("rev0", True)])
def test_a_configured_database_is_used_as_is_and_migrated_only_when_behind(tmp_path, revision, migrate):
    fake_database(temp_api._template(tmp_path), "rev1")
    mine = fake_database(tmp_path / "mine" / "prefect.db", revision)
    database = temp_api.run_database(tmp_path, f"sqlite+aiosqlite:///{mine}")
    assert database.own is None and database.migrate is migrate


def test_the_kept_server_and_serve_delete_runs_older_than_a_week_unless_told_otherwise(tmp_path, monkeypatch):
    service = Service("127.0.0.1", 4200, tmp_path, ROOT)
    monkeypatch.delenv("PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD", raising=False)
    env = service.env()
    assert set(env["PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED"].split(",")) == {"events", "flow_runs"}
    assert env["PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD"] == "P7D"
    assert env["PREFECT_SERVER_EVENTS_RETENTION_PERIOD"] == "P7D"
    monkeypatch.setenv("PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD", "172800")
    assert service.env()["PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD"] == "172800"


def test_prune_refuses_less_than_a_day(tmp_path):
    from marsad.errors import MarsadError

    with pytest.raises(MarsadError, match="1 day or more"):
        prefect_db.prune(f"sqlite+aiosqlite:///{tmp_path / 'prefect.db'}", 0)


# ------------------------------------------------------------------ against real Prefect servers


def marsad(env: dict, *args: str) -> subprocess.CompletedProcess:
    """The CLI in a child process."""
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=900)


@pytest.fixture
def clean_env(tmp_path) -> dict:
    """No PREFECT_ or MARSAD_ setting but a Prefect home and a state dir of the test's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MARSAD_"))}
    return {**env, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "home"),
            "MARSAD_STATE_DIR": str(tmp_path / "state"), "MARSAD_PREFECT_SERVER": "temporary"}


def rows(db: Path, sql: str) -> list[tuple]:
    """Rows of a query on an SQLite file."""
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.prefect
def test_a_temporary_api_leaves_no_database_behind(clean_env, tmp_path):
    run = subprocess.Popen([sys.executable, "-m", "marsad.cli", "run", str(SEED), "--data-dir", str(tmp_path / "d")],
                           env=clean_env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = run.communicate(timeout=900)
    assert run.returncode == 0, err
    assert "1 new documents" in out
    assert not (tmp_path / "home" / "prefect.db").exists()       # Prefect's default database: untouched
    folder = temp_api.databases_dir()
    assert not list(folder.glob(f"run-{run.pid}.db*")) and list(folder.glob("template-*.db"))


@pytest.mark.prefect
def test_prune_deletes_the_runs_older_than_asked_and_shrinks_the_file(clean_env, tmp_path):
    template = temp_api._template(temp_api.databases_dir())
    if not template.exists():
        temp_api.make_template(template)
    db = tmp_path / "kept.db"
    shutil.copyfile(template, db)
    env = {**clean_env, "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{db}"}
    for name in ("old", "new"):
        done = marsad(env, "run", str(SEED), "--data-dir", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
    old = rows(db, "select count(*) from flow_run where name like '%/old'")[0][0]
    total, tasks = rows(db, "select count(*) from flow_run")[0][0], rows(db, "select count(*) from task_run")[0][0]
    assert old == 4 and total == 8 and tasks > 0
    shift = "strftime('%Y-%m-%d %H:%M:%f', {0}, '-10 days')"
    con = sqlite3.connect(db)
    con.execute(f"update flow_run set end_time = {shift.format('end_time')} where name like '%/old'")
    con.execute(f"update events set occurred = {shift.format('occurred')} where occurred < "
                "(select min(start_time) from flow_run where name like '%/new')")
    con.commit()
    con.close()
    before = db.stat().st_size
    pruned = marsad(env, "prune", "--database", str(db), "--older-than", "7")
    assert pruned.returncode == 0, pruned.stderr
    assert "flow_run: 8 -> 4" in pruned.stdout
    assert rows(db, "select count(*) from flow_run where name like '%/old'")[0][0] == 0
    assert rows(db, "select count(*) from flow_run where name like '%/new'")[0][0] == 4
    assert 0 < rows(db, "select count(*) from task_run")[0][0] < tasks
    assert db.stat().st_size < before


@pytest.mark.prefect
def test_an_ingest_batch_is_one_task_run_and_sends_no_finished_lines(prefect_harness, tmp_path, articles):
    for i in range(7):
        articles(f"{i}.txt", f"Story {i}\nParagraph number {i} of the story.\n")
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId, LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogHandler

    from flows.ingest import ingest

    settings = Settings.load({"data_dir": tmp_path / "data", "batch_size": 3}, environ={})
    flow_run = ingest(Sources((str(articles.folder),)), settings, return_state=True).state_details.flow_run_id
    APILogHandler().flush()
    names = task_run_names(flow_run, "record-source-health")
    assert names.count("read-parse-documents") == 3 and names.count("write-lake") == 3
    assert not {"read-sources", "parse-documents"} & set(names)
    with get_client(sync_client=True) as client:
        logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run])))
        assert client.read_flow_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run])))
    assert any("files found" in log.message for log in logs)          # the flow's own lines stay
    assert not [log for log in logs if log.task_run_id and "Finished in state" in log.message]


def task_run_names(flow_run, last: str, within: float = 30.0) -> list[str]:
    """Names of a flow run's task runs, once the one named `last` is recorded (the server records
    task runs from events, a moment after they happen)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    deadline = time.monotonic() + within
    with get_client(sync_client=True) as client:
        while True:
            runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run])))
            names = [r.name.rsplit("-", 1)[0] for r in runs]
            if last in names or time.monotonic() > deadline:
                return names
            time.sleep(0.5)


@pytest.mark.parametrize("verbose, level", [(False, "WARNING"), (True, "INFO")])
def test_verbose_shows_each_task_runs_end(monkeypatch, verbose, level):
    from marsad import prefect_env

    environ = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_LOGGING_")}
    monkeypatch.setattr(os, "environ", environ)        # configure() sets defaults: keep them here
    prefect_env.configure(verbose)
    assert os.environ["PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL"] == level
