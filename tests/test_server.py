"""With PREFECT_API_URL set, `marsad run` reports its flow runs to that (real) Prefect server."""

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from conftest import ROOT, SEED

pytestmark = pytest.mark.prefect
STARTUP_SECONDS = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict[str, str]):
    """A real `prefect server start` on a free loopback port, with the environment given; its URL
    and process, or the test fails naming the port."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url, deadline = f"http://127.0.0.1:{port}/api", time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return url, process
        except httpx.HTTPError:
            time.sleep(0.5)
    process.kill()
    pytest.fail(f"prefect server did not start on port {port}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real `prefect server start` on a free loopback port, with its own home and database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path_factory.mktemp("prefect-server")), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_UI_ENABLED="false")
    url, process = start_server(env)
    yield url
    process.terminate()
    process.wait(timeout=30)


def test_run_reports_to_the_server(server, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MARSAD_"))}
    env.update(PREFECT_API_URL=server, PREFECT_HOME=str(tmp_path / "client-home"))
    result = subprocess.run([sys.executable, "-m", "marsad.cli", "run", str(SEED),
                             "--data-dir", str(tmp_path / "data")],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    assert server in result.stderr
    runs = httpx.post(f"{server}/flow_runs/filter", json={}, timeout=30).json()
    names = {(r["name"].split()[0], r["state"]["type"]) for r in runs}
    assert {("pipeline", "COMPLETED"), ("ingest", "COMPLETED"), ("build-warehouse", "COMPLETED")} <= names
    [top] = [r for r in runs if r["name"].startswith("pipeline")]
    assert {"marsad", "manual", "files"} <= set(top["tags"])
    tasks = httpx.post(f"{server}/task_runs/filter", json={}, timeout=30).json()
    subflows = {r["name"].split()[0] for r in runs}      # a subflow's parent task run carries the tags
    tagged = [t["name"] for t in tasks if t["tags"] and t["name"].rsplit("-", 1)[0] not in subflows]
    assert tasks and not tagged     # no concurrency-slot round trip for each task run
    events = httpx.post(f"{server}/events/filter", json={"filter": {"event": {"prefix": ["prefect.flow-run."]}}},
                        timeout=30).json()["events"]
    names = {e["event"] for e in events}
    assert "prefect.flow-run.Completed" in names and "prefect.flow-run.heartbeat" not in names


def _prefect(server, home, *args, timeout=300):
    """Run the prefect CLI against the test server from the repository root."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MARSAD_"))}
    env.update(PREFECT_API_URL=server, PREFECT_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "prefect", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=timeout)


def test_deployments_from_prefect_yaml_run_on_a_worker(server, tmp_path):
    home = tmp_path / "client-home"
    assert _prefect(server, home, "work-pool", "create", "marsad", "--type", "process").returncode == 0
    deployed = _prefect(server, home, "--no-prompt", "deploy", "--all", "--prefect-file",
                        "deployments/prefect.yaml")
    assert deployed.returncode == 0, deployed.stderr
    found = {d["name"]: d for d in httpx.post(f"{server}/deployments/filter", json={}, timeout=30).json()}
    assert set(found) >= {"ingest-sources", "rebuild-warehouse", "backfill"}
    assert [s["schedule"]["interval"] for s in found["ingest-sources"]["schedules"]] == [1800.0]
    assert [s["schedule"]["cron"] for s in found["rebuild-warehouse"]["schedules"]] == ["30 3 * * *"]
    assert found["backfill"]["schedules"] == []
    limit = found["ingest-sources"].get("global_concurrency_limit") or {}
    assert limit.get("limit") == 1 or found["ingest-sources"]["concurrency_limit"] == 1   # runs never overlap
    assert found["ingest-sources"]["job_variables"]["env"]["PREFECT_LOGGING_EXTRA_LOGGERS"] == "marsad"

    sources = tmp_path / "sources.toml"
    sources.write_text(f'paths = ["{SEED}"]\n', encoding="utf-8")
    started = _prefect(server, home, "deployment", "run", "ingest-sources/ingest-sources",
                       "--param", f"sources_file={sources}", "--param", f"data_dir={tmp_path / 'data'}")
    assert started.returncode == 0, started.stderr
    worker = _prefect(server, home, "worker", "start", "--pool", "marsad", "--run-once", timeout=600)
    assert worker.returncode == 0, worker.stderr
    runs = httpx.post(f"{server}/flow_runs/filter", json={}, timeout=30).json()
    assert {("ingest-sources", "COMPLETED"), ("pipeline", "COMPLETED")} <= \
        {(r["name"].split()[0], r["state"]["type"]) for r in runs}
    artifacts = {a["key"]: a for a in httpx.post(f"{server}/artifacts/filter", json={}, timeout=30).json()}
    assert "| new documents | 1 |" in artifacts["marsad-run-summary"]["data"]
    assert "no rejects" in str(artifacts["marsad-rejects"]["data"])
    assert "data tests passed" in artifacts["marsad-warehouse"]["data"]


def test_serve_starts_everything_and_stops_on_ctrl_c(tmp_path):
    import signal

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MARSAD_"))}
    env["MARSAD_STATE_DIR"] = str(tmp_path / "state")         # never the user's kept server
    process = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--port", str(port),
                                "--data-dir", str(tmp_path / "data")], env=env, cwd=ROOT,
                               stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/api"
    deadline, names = time.monotonic() + 300, set()
    while time.monotonic() < deadline and process.poll() is None and "backfill" not in names:
        try:
            names = {d["name"] for d in httpx.post(f"{url}/deployments/filter", json={}, timeout=5).json()}
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(1)
    assert names >= {"ingest-sources", "rebuild-warehouse", "backfill"}
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0 and "stopped" in err and "Traceback" not in err
    assert (tmp_path / "state" / "prefect" / "prefect.db").is_file()   # its database, in the state dir
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{url}/health", timeout=2)
