"""kill -9 of `marsad run` leaves no Prefect temporary API server behind (issue 17, case 9)."""

import os
import signal
import subprocess
import sys
import time
import urllib.request

import psutil
import pytest

from conftest import ROOT, SEED

# A killed parent's server must be gone within this long (it goes in well under a second here).
GONE_SECONDS = 5

CHILD = ("import sys, time\n"
         "if sys.argv[1] == 'watch-only': sys.platform = 'other'   # the portable path, no prctl\n"
         "from marsad.temp_api import die_with_parent\n"
         "die_with_parent(int(sys.argv[2])); print('ready', flush=True); time.sleep(600)")
PARENT = ("import subprocess, sys, time\n"
          "child = subprocess.Popen([sys.executable, '-c', sys.argv[1], sys.argv[2], str(__import__('os').getpid())],"
          " stdout=subprocess.PIPE, text=True)\n"
          "assert child.stdout.readline().strip() == 'ready'\n"
          "print(child.pid, flush=True); time.sleep(600)")


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def gone_within(pids, seconds: float) -> bool:
    """Wait up to `seconds` for every pid to end."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(alive(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("mode", ["prctl", "watch-only"])
def test_a_child_dies_with_its_killed_parent(mode):
    parent = subprocess.Popen([sys.executable, "-c", PARENT, CHILD, mode], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    child = int(parent.stdout.readline())
    assert alive(child)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    assert gone_within([child], GONE_SECONDS)


def test_a_configured_server_is_used_as_is(monkeypatch):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from marsad import temp_api

    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}):
        assert temp_api.start_temporary_api() is None
    assert temp_api.started_url() is None


def processes_of(home: str) -> list[int]:
    """Pids of the processes (zombies aside) whose environment names this Prefect home."""
    found = []
    for proc in psutil.process_iter(["pid"]):
        try:
            if proc.environ().get("PREFECT_HOME") == home and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc.pid)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def wait_for_server(run: subprocess.Popen, timeout: float = 300) -> psutil.Process:
    """The run's API server child once its health endpoint answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and run.poll() is None:
        for child in psutil.Process(run.pid).children():
            ports = [c.laddr.port for c in child.net_connections("tcp") if c.status == psutil.CONN_LISTEN]
            if ports and healthy(ports[0]):
                return child
        time.sleep(0.2)
    pytest.fail(f"no healthy API server under the run (exit code {run.poll()})")


def healthy(port: int) -> bool:
    """True when the API at this port answers its health check."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.mark.prefect
def test_kill_9_of_marsad_run_leaves_no_server_and_a_rerun_completes(tmp_path):
    home, data = str(tmp_path / "prefect-home"), tmp_path / "data"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MARSAD_"))},
           "PREFECT_HOME": home, "PYTHONPATH": str(ROOT), "MARSAD_PREFECT_SERVER": "temporary"}
    command = [sys.executable, "-m", "marsad.cli", "run", str(SEED.parent), "--data-dir", str(data)]
    run = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = wait_for_server(run)
    assert server.memory_info().rss > 50_000_000          # the real server, not a stub
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert gone_within([server.pid], GONE_SECONDS)
    assert processes_of(home) == []
    rerun = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert "1 new documents" in rerun.stdout or "1 unchanged" in rerun.stdout
    assert gone_within(processes_of(home), GONE_SECONDS)


@pytest.mark.prefect
def test_kill_9_of_marsad_serve_stops_its_server_and_worker(tmp_path):
    data = tmp_path / "data"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MARSAD_"))},
           "PYTHONPATH": str(ROOT)}
    port = free_port()
    serve = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--port", str(port), "--data-dir", str(data)],
                             env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in serve.stderr:                    # "marsad: serving; UI at ..." once the worker runs
        if "serving" in line:
            break
    children = [c.pid for c in psutil.Process(serve.pid).children()]
    assert len(children) == 2 and healthy(port)
    serve.send_signal(signal.SIGKILL)
    serve.wait()
    assert gone_within(children, 60)
    assert gone_within(processes_of(str((data / "prefect").resolve())), 30)


def free_port() -> int:
    """A loopback port free now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
