"""`marsad run` reports to a Prefect server kept running for its data dir; `marsad server` shows and stops it."""

import json
import os
import subprocess
import sys

import httpx
import pytest

from marsad import local_server

from conftest import ROOT, SEED

pytestmark = pytest.mark.prefect


def marsad(env, *args):
    """The CLI in a child process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=900)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A data dir whose server is stopped at the end, whatever the tests did."""
    data = tmp_path_factory.mktemp("kept") / "data"
    yield data
    local_server.stop(data)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """No PREFECT_API_URL, no MARSAD_ setting but the one asking for a kept server."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MARSAD_"))}
    return {**environ, "PREFECT_HOME": str(tmp_path_factory.mktemp("client-home")), "MARSAD_PREFECT_SERVER": "local"}


@pytest.fixture(scope="module")
def two_runs(data_dir, env):
    """Two runs on the seed into one data dir, with the server record after each."""
    out = []
    for _ in range(2):
        result = marsad(env, "run", str(SEED.parent), "--data-dir", str(data_dir))
        state = json.loads((data_dir / "prefect" / "server.json").read_text())
        out.append((result, state))
    return out


def test_the_first_run_starts_a_server_that_stays_running(two_runs):
    (first, state), _ = two_runs
    assert first.returncode == 0, first.stderr
    assert "left running" in first.stderr and "marsad server stop" in first.stderr
    assert httpx.get(f"{state['url']}/health", timeout=10).status_code == 200


def test_the_next_run_reports_to_the_same_server_without_starting_one(two_runs):
    (_, first_state), (second, second_state) = two_runs
    assert second.returncode == 0, second.stderr
    assert "1 unchanged" in second.stdout
    assert second_state == first_state and "starting" not in second.stderr
    assert first_state["url"] in second.stderr


def test_both_runs_stay_visible_on_the_server(two_runs):
    (_, state), _ = two_runs
    runs = httpx.post(f"{state['url']}/flow_runs/filter", json={}, timeout=30).json()
    pipelines = [r for r in runs if r["name"].startswith("pipeline")]
    assert [r["state"]["type"] for r in pipelines] == ["COMPLETED", "COMPLETED"]


def test_server_status_names_the_ui_and_stop_ends_it(two_runs, data_dir, env):
    (_, state), _ = two_runs
    status = marsad(env, "server", "status", "--data-dir", str(data_dir))
    assert status.returncode == 0 and state["url"].removesuffix("/api") in status.stdout
    stopped = marsad(env, "server", "stop", "--data-dir", str(data_dir))
    assert stopped.returncode == 0 and f"pid {state['pid']}" in stopped.stderr
    assert not (data_dir / "prefect" / "server.json").exists()
    with pytest.raises(ProcessLookupError):
        os.kill(state["pid"], 0)
    again = marsad(env, "server", "status", "--data-dir", str(data_dir))
    assert again.returncode == 0 and "no Prefect server is running" in again.stderr


def test_a_stale_record_is_forgotten(tmp_path):
    local_server.record(tmp_path, "http://127.0.0.1:9/api", 2 ** 22 + 12345, "run")
    assert local_server.running(tmp_path) is None
    assert not (tmp_path / "prefect" / "server.json").exists()


def test_by_default_a_run_leaves_no_server_behind(tmp_path, env):
    default = {k: v for k, v in env.items() if k != "MARSAD_PREFECT_SERVER"}
    result = marsad(default, "run", str(SEED.parent), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert "temporary API" in result.stderr and not (tmp_path / "data" / "prefect" / "server.json").exists()
