"""Two `prefect worker` processes on the `marsad` pool, several runs on one data dir at once.

Against a real Prefect server started here on 127.0.0.1: the deployments of
deployments/prefect.yaml, two workers (one flow run at a time each, so two runs always overlap),
and three `ingest-sources`, two `rebuild-warehouse` and one `backfill` run of the same inputs
submitted together over one data dir (`ingest-sources` allows one run at a time, the others
none: only the data dir's run lock keeps them apart). Every run completes, each document is read
and extracted once (one run reports the new documents, the others find them unchanged), the
lake holds no key twice, and the warehouse equals that of one clean `marsad run` on the same
inputs (run meanwhile, on another data dir).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from conftest import ARTICLES_DIR, ROOT, SEED
from test_flows import _warehouse_rows
from test_server import start_server

pytestmark = pytest.mark.prefect
# Six runs, at most two at a time, each importing Prefect and loading the lexicons (~10 s) on a
# shared 2-core machine: about 5 minutes measured; the limit leaves room for a loaded machine.
RUNS_SECONDS = 900
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def _post(url: str, json: dict, timeout: float = 30, attempts: int = 6) -> httpx.Response:
    """POST as Prefect's own client does: a busy server's 503 or 429 is retried with back-off."""
    for attempt in range(attempts):
        reply = httpx.post(url, json=json, timeout=timeout)
        if reply.status_code not in (429, 503) or attempt == attempts - 1:
            return reply
        time.sleep(2 ** attempt)
    return reply


def _env(home: Path, **extra) -> dict[str, str]:
    """This environment without Prefect or marsad settings, plus the given ones."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MARSAD_"))}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", **extra)
    return env


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real `prefect server start`; a run waiting for a deployment's slot is retried after 1 s."""
    home = tmp_path_factory.mktemp("prefect-server")
    env = _env(home, PREFECT_UI_ENABLED="false", PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS="1")
    url, process = start_server(env)
    yield url
    process.terminate()
    process.wait(timeout=30)


def _prefect(server: str, home: Path, *args: str) -> subprocess.CompletedProcess:
    """The prefect CLI against the test server, from the repository root."""
    return subprocess.run([sys.executable, "-m", "prefect", *args], capture_output=True, text=True,
                          env=_env(home, PREFECT_API_URL=server), cwd=ROOT, timeout=600)


def _deploy(server: str, home: Path) -> dict[str, str]:
    """Create the pool, deploy deployments/prefect.yaml; deployment ids by name."""
    assert _prefect(server, home, "work-pool", "create", "marsad", "--type", "process").returncode == 0
    deployed = _prefect(server, home, "--no-prompt", "deploy", "--all", "--prefect-file", "deployments/prefect.yaml")
    assert deployed.returncode == 0, deployed.stderr
    return {d["name"]: d["id"] for d in _post(f"{server}/deployments/filter", json={}, timeout=30).json()}


def _submit(server: str, deployment_id: str, **parameters) -> str:
    """Create a flow run of a deployment now; its id."""
    reply = _post(f"{server}/deployments/{deployment_id}/create_flow_run",
                       json={"parameters": parameters}, timeout=30)
    reply.raise_for_status()
    return reply.json()["id"]


def _wait(server: str, run_ids: list[str]) -> dict[str, dict]:
    """Poll until every run is in a terminal state (or time runs out); the runs by id."""
    deadline, runs = time.monotonic() + RUNS_SECONDS, {}
    while time.monotonic() < deadline:
        found = _post(f"{server}/flow_runs/filter", json={"flow_runs": {"id": {"any_": run_ids}}},
                           timeout=30).json()
        runs = {r["id"]: r for r in found}
        if len(runs) == len(run_ids) and all(r["state"]["type"] in TERMINAL for r in runs.values()):
            break
        time.sleep(2)
    return runs


def _stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM, then SIGKILL after 60 s (a loaded machine may be slow to end a worker's last run)."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=60)


def _lake_duplicates(lake: Path) -> dict[str, int]:
    """Per lake table, how many rows repeat a key (the schema's keys) of another row."""
    from marsad.lake import table_files
    from marsad.schema import KEYS

    repeated = {}
    with duckdb.connect() as con:
        for table, keys in KEYS.items():
            files = table_files(lake, table)
            if files:
                cols = ", ".join(f'"{k}"' for k in keys)
                repeated[table] = con.execute(f"select count(*) - count(distinct ({cols})) "
                                              "from read_parquet($f, union_by_name = true)", {"f": files}).fetchone()[0]
    return repeated


def _new_documents(server: str, data: Path) -> list[int]:
    """The `new documents` figure of the summary of each pipeline run on this data dir."""
    artifacts = _post(f"{server}/artifacts/filter", json={"artifacts": {"key": {"any_": ["marsad-run-summary"]}}},
                           timeout=30).json()
    names = {r["id"]: r["name"] for r in _post(f"{server}/flow_runs/filter", json={}, timeout=30).json()}
    return [int(re.search(r"\| new documents \| (\d+) \|", a["data"]).group(1)) for a in artifacts
            if names.get(a["flow_run_id"]) == f"pipeline {data}"]


def test_two_workers_serve_concurrent_runs_on_one_data_dir_once_and_cleanly(server, tmp_path):
    home, data, clean = tmp_path / "client-home", tmp_path / "data", tmp_path / "clean"
    single = subprocess.Popen([sys.executable, "-m", "marsad.cli", "run", str(SEED), str(ARTICLES_DIR),
                               "--data-dir", str(clean)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT, env=_env(tmp_path / "clean-home", PREFECT_API_URL=server))
    ids = _deploy(server, home)
    sources = tmp_path / "sources.toml"
    sources.write_text(f'paths = ["{SEED}", "{ARTICLES_DIR}"]\n', encoding="utf-8")
    logs = [tmp_path / f"worker-{n}.log" for n in (1, 2)]
    workers = [subprocess.Popen([sys.executable, "-m", "prefect", "worker", "start", "--pool", "marsad",
                                 "--name", f"worker-{n}", "--limit", "1"],
                                env=_env(home, PREFECT_API_URL=server, PREFECT_WORKER_QUERY_SECONDS="1"),
                                cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
               for n, log in zip((1, 2), logs)]
    try:
        ingest = ("ingest-sources", dict(sources_file=str(sources), data_dir=str(data)))
        build = ("rebuild-warehouse", dict(data_dir=str(data), force=True))
        backfill = ("backfill", dict(paths=[str(SEED), str(ARTICLES_DIR)], data_dir=str(data)))
        runs = [_submit(server, ids[name], **params) for name, params in (ingest, build, backfill, ingest, build, ingest)]
        found = _wait(server, runs)
    finally:
        _stop(workers)
    deployment = {v: k for k, v in ids.items()}
    states = sorted((deployment[r["deployment_id"]], r["state"]["type"]) for r in found.values())
    assert states == [("backfill", "COMPLETED")] + [("ingest-sources", "COMPLETED")] * 3 + \
        [("rebuild-warehouse", "COMPLETED")] * 2
    # a run's own log lines (in the log of the worker that started it) link to it: flow-run/<id>
    served = [set(re.findall(r"flow-run/(" + "|".join(runs) + ")", log.read_text())) for log in logs]
    assert all(served) and not served[0] & served[1] and served[0] | served[1] == set(runs)

    new = sorted(_new_documents(server, data))
    assert new[:3] == [0, 0, 0] and new[3] > 0 and len(new) == 4   # one run read the documents, the others none
    assert set(_lake_duplicates(data / "lake").values()) == {0}
    _, err = single.communicate(timeout=600)
    assert single.returncode == 0, err
    assert _warehouse_rows(data / "marsad.duckdb") == _warehouse_rows(clean / "marsad.duckdb")


def test_a_forced_build_asked_for_before_a_full_build_was_published_is_served_by_it(tmp_path):
    from marsad import warehouse
    from marsad.settings import Settings

    settings = Settings.load({"data_dir": tmp_path / "data"}, environ={})
    asked = time.time()
    assert not warehouse.built_fully_since(settings.warehouse_path, asked)     # nothing published yet
    warehouse.build(settings, force=True)
    assert warehouse.built_fully_since(settings.warehouse_path, asked)
    assert not warehouse.built_fully_since(settings.warehouse_path, time.time() + 60)   # asked after it
