"""One run at a time per data dir: a second run fails at once naming the first; a dead holder frees it."""

import os
from datetime import datetime, timezone
import signal
import subprocess
import sys

import pytest

from marsad.cli import main
from conftest import run_extract
from conftest import run_ingest
from marsad.runlock import RunLocked, run_lock

from conftest import ROOT, SEED

HOLD = ("import sys; from marsad.runlock import run_lock\n"
        "with run_lock(sys.argv[1]):\n    print('held', flush=True); sys.stdin.read()")


@pytest.fixture
def holder(settings):
    """Another process holding the data dir's run lock until the test ends."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(settings.data_dir)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


def test_a_second_marsad_run_fails_at_once_naming_the_first(settings, holder, capsys):
    assert main(["run", str(SEED), "--data-dir", str(settings.data_dir)]) == 1
    err = capsys.readouterr().err
    assert f"another marsad run is writing {settings.data_dir}" in err and f"pid {holder.pid}" in err
    assert not settings.lake_dir.exists()


@pytest.mark.parametrize("stage", [lambda s: run_ingest([SEED], s), run_extract])
def test_library_runs_refuse_a_locked_data_dir(settings, holder, stage):
    with pytest.raises(RunLocked, match=f"pid {holder.pid}"):
        stage(settings)
    assert not settings.lake_dir.exists()


def test_a_killed_holder_frees_the_data_dir(settings, holder):
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert run_ingest([SEED], settings).counts["new"] == 1


def test_the_lock_is_reentrant_within_a_process(settings):
    with run_lock(settings.data_dir), run_lock(settings.data_dir):
        assert run_ingest([SEED], settings).counts["new"] == 1
    with run_lock(settings.data_dir):       # released by the outer exit: taken again
        pass


def test_writes_are_idempotent_whatever_the_batching(tmp_path, articles):
    """Two extractions of the same documents in different batches (what two runs with different
    --batch-size wrote before the lock) build to the same tables as one clean run."""
    import duckdb

    from marsad.extract import (default_extractor, extract_batch, pending, read_documents,
                                write_extraction)
    from marsad.settings import Settings
    from marsad.warehouse import build

    from test_lake_repair import STORY, counts

    def warehouse(name, batches):
        settings = Settings.load({"data_dir": tmp_path / name}, environ={})
        run_ingest([articles.folder], settings)
        ex = default_extractor()
        ids = pending(settings.lake_dir, ex.fingerprint)
        for size in batches:
            for k in range(0, len(ids), size):
                docs = read_documents(settings.lake_dir, ids[k:k + size])
                write_extraction(settings.lake_dir, extract_batch(docs, ex, datetime.now(timezone.utc)))
        build(settings)
        with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
            tables = [con.execute(f"select count(*) from {t}").fetchone()[0]
                      for t in ("claims", "events", "claim_mentions", "claim_speakers", "actors")]
        return counts(settings) + tables

    for k in range(4):
        articles(f"a{k}.txt", STORY.format(k=k) + "وقال المتحدث باسم الحكومة العراقية إن القوات الأمريكية قصفت مواقع في الموصل.\n")
    assert warehouse("twice", [3, 2]) == warehouse("once", [4])
