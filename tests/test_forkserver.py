"""The workers' fork server loads the extractor only when extraction runs on workers, and stops."""

import os
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from marsad import forkserver

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the server in /proc")


def _extractor_loaded() -> bool:
    """In a worker: whether the extractor was loaded before this call (by the fork server)."""
    from marsad.extract import default_extractor
    return default_extractor.cache_info().currsize == 1


def _server() -> int:
    """In a worker: its parent, the fork server."""
    return os.getppid()


@pytest.fixture
def no_server():
    """No extraction pool and no fork server left by an earlier test (a cached pool of the same size
    would be reused, its workers forked from a server this test did not start)."""
    from tasks.pool import close_pools

    close_pools()
    forkserver.stop()
    yield
    close_pools()
    forkserver.stop()


@linux
def test_page_workers_fork_from_a_server_without_the_lexicons_until_extraction_needs_them(no_server):
    from marsad.ingest import PagePool
    from tasks.pool import close_pools, run_on_pool

    with PagePool(2) as pages:
        pages.parse([], None)                   # too few pages: nothing started
        assert pages._pool is None
        with ProcessPoolExecutor(1, mp_context=forkserver.context(extractor=False)) as pool:
            assert pool.submit(_extractor_loaded).result() is False
            page_server = pool.submit(_server).result()
    assert not forkserver.has_extractor()
    try:
        assert run_on_pool(2, _extractor_loaded) is True       # the server was replaced, with the lexicons
        assert run_on_pool(2, _server) != page_server
        assert forkserver.has_extractor()
    finally:
        close_pools()
    assert not forkserver.has_extractor()


@linux
def test_stop_ends_the_server_and_a_later_pool_starts_another(no_server):
    forkserver.start(extractor=False)
    first = forkserver._running["pid"]
    forkserver.stop()
    assert forkserver._state(first) in (None, "Z")             # ended (reaped by the next start or at exit)
    with ProcessPoolExecutor(1, mp_context=forkserver.context(extractor=False)) as pool:
        assert pool.submit(_server).result() not in (first, os.getpid())
    forkserver.stop()
    forkserver.stop()                                            # twice: nothing to do


def test_no_private_multiprocessing_call():
    import inspect
    assert "._stop" not in inspect.getsource(forkserver)


def test_a_server_not_yet_exec_d_is_found_a_moment_later(monkeypatch):
    """Just spawned, the server still shows this process's command line: it is looked for again."""
    answers = iter([None, None, 4242])
    monkeypatch.setattr(forkserver, "_server_pid", lambda: next(answers))
    monkeypatch.setattr(forkserver, "_running", {})
    forkserver._remember(forkserver.EXTRACTOR)
    assert forkserver._running == {"pid": 4242, "preload": forkserver.EXTRACTOR}


@pytest.mark.parametrize("overrides, documents, started", [
    ({"batch_size": 2}, 4, True),                        # two batches: extraction on workers, server now
    ({"batch_size": 2}, 2, False),                       # one small batch: extracted in the run's process
    ({}, 100, True),                                     # one batch of 100: its halves on two workers
    ({}, 19, False),                                     # a few documents: in the run's process
    ({"batch_size": 2, "extract_workers": 1}, 40, False),
    ({"batch_size": 2, "task_runner": "dask"}, 40, False),   # Dask's workers load their own
])
def test_marsad_run_starts_the_server_with_the_lexicons_only_when_workers_will_extract(
        no_server, tmp_path, overrides, documents, started):
    from marsad.settings import Settings

    settings = Settings.load({"data_dir": str(tmp_path), **overrides}, environ={})
    assert forkserver.start_for(settings, documents) is started
    assert forkserver.has_extractor() is (started and sys.platform.startswith("linux"))
