"""One run at a time per data dir: a second run fails at once naming the first; a dead holder frees it."""

import os
import signal
import subprocess
import sys

import pytest

from marsad.cli import main
from marsad.extract import run_extract
from marsad.ingest import run_ingest
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
