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


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real `prefect server start` on a free loopback port, with its own home and database."""
    home, port = tmp_path_factory.mktemp("prefect-server"), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_UI_ENABLED="false")
    prefect = [sys.executable, "-m", "prefect"]
    process = subprocess.Popen([*prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail(f"prefect server did not start on port {port}")
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
