"""The default task runner reads documents for actors, claims and events on worker processes."""

import pytest

from conftest import ROOT, SEED
from flows.runner import Steps
from marsad.forkserver import POOL_DOCUMENTS
from marsad.ingest import Sources
from marsad.settings import Settings
from test_flows import _warehouse_rows


def settings(data_dir, **overrides) -> Settings:
    return Settings.load({"data_dir": data_dir, **overrides}, environ={})


@pytest.mark.parametrize("overrides, documents, expected", [
    ({"extract_workers": 2}, POOL_DOCUMENTS, (True, 2)),      # one batch worth sharing: two worker processes
    ({"extract_workers": 2}, POOL_DOCUMENTS - 1, (False, 1)),  # a few documents: no worker to start
    ({"batch_size": 2}, 4, (True, 2)),                        # two batches, however small
    ({}, 1000, (True, 2)),                                    # by default two (defaults.toml)
    ({"extract_workers": 1}, 1000, (False, 1)),               # one: the flow's own process
    ({"extract_workers": 3}, 1000, (True, 3)),
    ({"task_runner": "dask"}, 1000, (True, 1)),               # Dask's own workers, no pool
])
def test_large_runs_hand_extraction_to_worker_processes(tmp_path, overrides, documents, expected):
    steps = Steps.of(settings(tmp_path, **overrides), documents)
    assert (steps.fan_out, steps.processes) == expected


@pytest.mark.prefect
def test_extraction_on_worker_processes_finds_what_one_process_finds(prefect_harness, tmp_path, monkeypatch):
    import tasks.extract
    from flows.pipeline import pipeline

    handed, parts = [], []
    real = tasks.extract.run_parts_on_pool

    def recorded(*args):
        handed.append(len(args[3]))
        parts.append(len(done := real(*args)))
        return done

    monkeypatch.setattr(tasks.extract, "run_parts_on_pool", recorded)
    sources = Sources((str(SEED), str(ROOT / "tests" / "data" / "articles")))
    one = pipeline(sources, settings(str(tmp_path / "one"), batch_size=2, extract_workers=1))
    assert handed == []
    pooled = pipeline(sources, settings(str(tmp_path / "pooled"), batch_size=2, extract_workers=2))
    # every document, batch by batch, each batch of 2 in one part per worker
    assert sum(handed) == one.build.rows["documents"] == 4 and handed == [2, 2] and parts == [2, 2]
    # handed to the workers as ingest wrote them (flows/extract.py ReadAsWritten), counted once
    assert pooled.ingest.extracted.documents == sum(handed) == pooled.extract.documents == one.extract.documents
    assert pooled.build.rows == one.build.rows and one.build.rows["actor_mentions"] > 0
    assert _warehouse_rows(pooled.build.path) == _warehouse_rows(one.build.path)
    assert not tasks.pool._POOLS                                   # the workers were stopped


def test_workers_share_the_lexicons_their_fork_server_loaded():
    from marsad.extract import default_fingerprint
    from tasks.pool import close_pools, run_on_pool

    try:
        loaded = [run_on_pool(2, _loaded_before) for _ in range(4)]
    finally:
        close_pools()
    assert loaded == [(True, default_fingerprint())] * 4      # loaded by the fork server, not by the worker


def _loaded_before() -> tuple[bool, str]:
    """In a worker: whether the extractor was loaded before this call, and its fingerprint."""
    from marsad.extract import default_extractor
    before = default_extractor.cache_info().currsize == 1
    return before, default_extractor().fingerprint


KILLED = """
import os, time
from tasks.pool import run_on_pool
if __name__ == "__main__":
    print(os.getpid(), flush=True)
    run_on_pool(2, time.sleep, 300)
"""


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    import pathlib
    found = set()
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="reads /proc")
def test_a_killed_run_leaves_no_worker_behind(tmp_path):
    import os, signal, subprocess, sys, time
    script = tmp_path / "run.py"
    script.write_text(KILLED)
    run = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    pid = int(run.stdout.readline())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(_children(c) for c in _children(pid)):
        time.sleep(0.2)                                 # the forkserver and its worker are up
    spawned = _children(pid) | {w for c in _children(pid) for w in _children(c)}
    assert spawned
    os.kill(pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{p}") for p in spawned):
        time.sleep(0.2)
    assert not [p for p in spawned if os.path.exists(f"/proc/{p}")]


@pytest.mark.parametrize("to_read, pending, workers, started", [
    (1000, 0, 2, True),         # two batches to read: extraction on workers, the lexicons load now
    (10, 0, 2, False),          # a few pages (a web-only run): extraction stays in-process
    (10, 900, 2, True),         # a few new, many pending (a new extractor): on workers
    (0, 5000, 2, False),        # nothing to read: no ingest to overlap, the pool starts its server
    (1000, 0, 1, False),        # one extraction process: no worker, no server
])
def test_the_fork_server_starts_early_with_the_lexicons_only_for_extraction_on_workers(
        tmp_path, monkeypatch, to_read, pending, workers, started):
    import flows.ingest
    from marsad.lake import LakeState

    calls = []
    monkeypatch.setattr(flows.ingest.forkserver, "start", lambda *a: calls.append(a))
    monkeypatch.setattr(flows.ingest.Run, "_pending", lambda self: ["d"] * pending)
    run = flows.ingest.Run(settings(tmp_path, batch_size=500, extract_workers=workers), LakeState(),
                           extraction_next=True)
    run.prepare_extraction(to_read)
    assert bool(calls) == started
    assert (run.reading is not None) == started        # each written batch is then handed to the workers


@pytest.mark.prefect
def test_a_batch_that_fails_while_ingest_writes_is_read_by_the_extract_flow(prefect_harness, tmp_path, monkeypatch):
    import tasks.extract
    from flows.pipeline import pipeline
    from marsad import extract

    def failing(workers, work, *args):
        assert work is extract.extract_texts
        raise OSError("disk full")

    monkeypatch.setattr(tasks.extract, "run_parts_on_pool", failing)
    monkeypatch.setattr(tasks.extract.extract_texts, "retries", 0)
    sources = Sources((str(SEED), str(ROOT / "tests" / "data" / "articles")))
    done = pipeline(sources, settings(str(tmp_path / "pooled"), batch_size=2, extract_workers=2))
    assert done.ingest.extracted.documents == 0                          # every early batch failed
    assert done.extract.documents == done.build.rows["documents"] > 0      # the extract flow read them all
    assert done.build.rows["actor_mentions"] > 0
