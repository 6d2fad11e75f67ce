"""`marsad run` reports to one Prefect server kept running per user; `marsad server` shows and stops it."""

import json
import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from marsad import cli, local_server
from marsad.errors import MarsadError
from marsad.settings import Settings

from conftest import ROOT, SEED


def marsad(env, *args, wait=True):
    """The CLI in a child process, as a user runs it (no terminal: stdin and stderr are pipes)."""
    command = [sys.executable, "-m", "marsad.cli", *args]
    if not wait:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                text=True, env=env, cwd=ROOT)
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)


@pytest.fixture(scope="module")
def state(tmp_path_factory):
    """A state dir of these tests' own whose server is stopped at the end, whatever the tests did."""
    path = tmp_path_factory.mktemp("state")
    yield path
    local_server.stop(path)


@pytest.fixture(scope="module")
def env(tmp_path_factory, state):
    """No PREFECT_API_URL and no MARSAD_ setting but the state dir and the kept server."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MARSAD_"))}
    return {**environ, "PREFECT_HOME": str(tmp_path_factory.mktemp("client-home")),
            "MARSAD_STATE_DIR": str(state), "MARSAD_PREFECT_SERVER": "local"}


@pytest.fixture(scope="module")
def runs(env, state, tmp_path_factory):
    """Two first runs at once on two data dirs, then a third run on the first data dir by default
    (no terminal), with the server record after each step."""
    dirs = [tmp_path_factory.mktemp(name) / "data" for name in ("one", "two")]
    started = [marsad(env, "run", str(SEED.parent), "--data-dir", str(d), wait=False) for d in dirs]
    both = [(*p.communicate(timeout=900), p.returncode) for p in started]
    first_state = json.loads((local_server.home(state) / local_server.STATE_FILE).read_text())
    default = {k: v for k, v in env.items() if k != "MARSAD_PREFECT_SERVER"}
    # --force-build: a re-run with nothing new would not be a flow run at all (marsad/rerun.py)
    third = marsad(default, "run", str(SEED.parent), "--data-dir", str(dirs[0]), "--force-build")
    return both, first_state, third


@pytest.mark.prefect
def test_two_first_runs_at_once_start_one_server_that_stays_running(runs, state):
    both, record, _ = runs
    assert [code for _, _, code in both] == [0, 0], both
    assert sum("starting your Prefect server" in err for _, err, _ in both) == 1
    assert sum("left running" in err and "marsad server stop" in err for _, err, _ in both) == 1
    assert all(record["url"] in err for _, err, _ in both)
    assert httpx.get(f"{record['url']}/health", timeout=10).status_code == 200
    assert prefect_servers(state) == [record["pid"]]


@pytest.mark.prefect
def test_a_later_run_without_a_terminal_reports_to_the_running_server(runs):
    _, record, third = runs
    assert third.returncode == 0, third.stderr
    assert "1 unchanged" in third.stdout
    assert "starting" not in third.stderr and record["url"] in third.stderr


@pytest.mark.prefect
def test_every_run_stays_visible_on_the_server(runs):
    _, record, _ = runs
    found = httpx.post(f"{record['url']}/flow_runs/filter", json={}, timeout=30).json()
    pipelines = [r for r in found if r["name"].startswith("pipeline")]
    assert [r["state"]["type"] for r in pipelines] == ["COMPLETED"] * 3


@pytest.mark.prefect
def test_server_status_names_the_ui_and_stop_ends_it(runs, state, env):
    _, record, _ = runs
    status = marsad(env, "server", "status")
    assert status.returncode == 0 and record["url"].removesuffix("/api") in status.stdout
    stopped = marsad(env, "server", "stop")
    assert stopped.returncode == 0 and f"pid {record['pid']}" in stopped.stderr
    assert local_server.recorded(state) is None
    with pytest.raises(ProcessLookupError):
        os.kill(record["pid"], 0)
    again = marsad(env, "server", "status")
    assert again.returncode == 0 and "no Prefect server is running" in again.stderr


def prefect_servers(state) -> list[int]:
    """Pids of the `prefect server start` processes whose PREFECT_HOME is this state's."""
    import psutil

    found = []
    for process in psutil.process_iter(["pid", "cmdline"]):
        try:
            words = process.info["cmdline"] or []
            if "prefect" in words and "server" in words and "start" in words and \
                    process.environ().get("PREFECT_HOME") == str(local_server.home(state)):
                found.append(process.info["pid"])
        except psutil.Error:
            continue
    return found


@pytest.mark.prefect
def test_by_default_a_run_without_a_terminal_leaves_no_server_behind(tmp_path, env):
    default = {k: v for k, v in env.items() if k != "MARSAD_PREFECT_SERVER"}
    default["MARSAD_STATE_DIR"] = str(tmp_path / "state")
    try:
        result = marsad(default, "run", str(SEED.parent), "--data-dir", str(tmp_path / "data"))
        assert result.returncode == 0, result.stderr
        assert "temporary API" in result.stderr and local_server.recorded(tmp_path / "state") is None
        assert prefect_servers(tmp_path / "state") == []
    finally:                                             # a regression's server does not outlive the test
        local_server.stop(tmp_path / "state")
        for pid in prefect_servers(tmp_path / "state"):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("terminal, mode, expected", [
    (True, "auto", "local"), (False, "auto", "running"), (True, "temporary", "temporary"),
    (False, "local", "local")])
def test_auto_keeps_a_server_only_for_a_run_in_a_terminal(monkeypatch, terminal, mode, expected):
    for stream in ("stdin", "stderr"):
        monkeypatch.setattr(f"sys.{stream}.isatty", lambda: terminal, raising=False)
    settings = Settings.load({"prefect_server": mode}, environ={})
    assert cli._server_mode(settings) == expected


def test_the_state_dir_is_per_user_and_can_be_moved(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert Settings.load(environ={}).state_path == tmp_path / ".local" / "state" / "marsad"
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert Settings.load(environ={}).state_path == tmp_path / "xdg" / "marsad"
    assert Settings.load(environ={"MARSAD_STATE_DIR": str(tmp_path / "s")}).state_path == tmp_path / "s"


def test_a_record_of_a_dead_process_is_forgotten(tmp_path):
    local_server.record(tmp_path, "http://127.0.0.1:9/api", 2 ** 22 + 12345, "run")
    assert local_server.running(tmp_path) is None
    assert local_server.stop(tmp_path) is None and local_server.recorded(tmp_path) is None


def test_a_reused_pid_is_not_ended(tmp_path):
    local_server.record(tmp_path, "http://127.0.0.1:9/api", os.getpid(), "run")   # alive, not a server
    assert local_server.stop(tmp_path) is None and local_server.recorded(tmp_path) is None


def test_a_server_of_ours_that_stopped_answering_is_ended_and_forgotten(tmp_path, monkeypatch):
    # A process whose command line reads like a server's, answering nothing.
    hung = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", "prefect", "server", "start"],
                            start_new_session=True)
    deadline = time.monotonic() + 10
    while not local_server._ours(hung.pid) and time.monotonic() < deadline:
        time.sleep(0.05)                                 # its command line shows once it has started
    monkeypatch.setattr(local_server, "UNHEALTHY_GRACE_SECONDS", 0.5)
    local_server.record(tmp_path, "http://127.0.0.1:9/api", hung.pid, "run")
    with local_server._locked(tmp_path):
        assert local_server._recover(tmp_path) is None
    assert hung.wait(timeout=10) is not None and local_server.recorded(tmp_path) is None


def test_a_server_run_by_marsad_serve_is_not_stopped_from_outside(tmp_path):
    local_server.record(tmp_path, "http://127.0.0.1:9/api", os.getpid(), "serve")
    with pytest.raises(MarsadError, match="marsad serve"):
        local_server.stop(tmp_path)
