"""`marsad serve --database`: the Prefect server on PostgreSQL (a real one, started here), and runs reporting to it."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import postgres
from marsad import local_server

from conftest import ROOT, SEED

pytestmark = [pytest.mark.prefect,
              pytest.mark.skipif(postgres.missing_reason() is not None, reason=str(postgres.missing_reason()))]


@pytest.fixture(scope="module")
def database():
    """A real PostgreSQL server on 127.0.0.1 with an empty database for Prefect."""
    server = postgres.Server().start()
    yield server, server.create_database("prefect")
    server.stop()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(database, tmp_path_factory):
    """`marsad serve --database URL` running until the tests of this module end (then Ctrl-C)."""
    data = tmp_path_factory.mktemp("served") / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MARSAD_"))}
    env["MARSAD_STATE_DIR"] = str(tmp_path_factory.mktemp("state"))    # never the user's kept server
    process = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--port", str(free_port()),
                                "--data-dir", str(data), "--database", database[1]],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in process.stderr:                  # "marsad: serving; UI at ..." once the worker runs
        lines.append(line)
        if "serving" in line or process.poll() is not None:
            break
    assert "serving" in lines[-1], "".join(lines)
    yield data, env, process
    process.send_signal(signal.SIGINT)
    process.wait(timeout=120)


def test_bad_database_urls_are_refused_with_a_clear_message(tmp_path):
    result = subprocess.run([sys.executable, "-m", "marsad.cli", "serve", "--database", "mysql://x@y/z",
                             "--data-dir", str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and "--database must be a PostgreSQL URL" in result.stderr


def test_a_run_reports_to_the_served_server_whose_state_is_in_postgresql(served, database):
    data, env, _ = served
    result = subprocess.run([sys.executable, "-m", "marsad.cli", "run", str(SEED.parent), "--data-dir", str(data)],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stderr
    assert "starting" not in result.stderr                # the server `marsad serve` runs, found by its record
    server, _ = database
    query = "select count(*) from flow_run r join flow f on f.id = r.flow_id where f.name = 'pipeline' " \
            "and r.state_type = 'COMPLETED'"
    assert server.sql(query, "prefect").strip() == "1"
    names = server.sql("select name from deployment order by name", "prefect").split()
    assert {"ingest-sources", "rebuild-warehouse", "backfill"} <= set(names)


def test_stopping_serve_forgets_its_server(served):
    _, env, process = served
    state = Path(env["MARSAD_STATE_DIR"])
    assert local_server.running(state) is not None
    process.send_signal(signal.SIGINT)
    process.wait(timeout=120)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and local_server.recorded(state) is not None:
        time.sleep(0.5)
    assert local_server.running(state) is None
