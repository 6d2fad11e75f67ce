"""Where the batch tasks run: in the flow's process (default) or on Dask (prefect-dask).

The flows write one sequence of steps; `Steps` runs each batch step either by calling the task
(in this process, one batch after another) or by submitting it to the flow's task runner, a few
batches ahead, and hands back the results in batch order either way.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, is_dataclass, replace

from marsad.errors import MarsadError
from marsad.forkserver import pool_size
from marsad.settings import Settings

# Batches submitted ahead of the one the flow waits for, per Dask worker: enough to keep every
# worker busy while the flow writes, few enough that parsed batches do not pile up in memory.
AHEAD_PER_WORKER = 2
# How a run name shows the data dir of a deployment run given none (its flow loads the settings).
DEFAULT_DATA_DIR = "(MARSAD_DATA_DIR or ./data)"


@dataclass(frozen=True)
class Steps:
    """How the flow runs its batch steps under the chosen task runner."""

    fan_out: bool = False
    ahead: int = 0
    # Worker processes a batch task hands its work to (tasks/pool.py); 1: the task does it itself.
    processes: int = 1

    @classmethod
    def of(cls, settings: Settings, documents: int = 0) -> "Steps":
        """Call in-process by default; submit to the task runner for Dask; for the default runner's
        pooled steps (extraction) of `documents` documents, submit to the flow's threads, which
        hand the work to `extract_workers` processes (2 by default) when there are enough
        (marsad/forkserver.py pool_size)."""
        if settings.task_runner == "dask":
            return cls(True, AHEAD_PER_WORKER * settings.dask_workers)
        workers = pool_size(settings, documents)
        return cls(True, AHEAD_PER_WORKER * workers, workers) if workers > 1 else cls()

    def here(self, task, *args):
        """Run a task in the flow's process (steps that share the run's state or fetcher)."""
        return task(*_quoted(args))

    def batch(self, task, *args):
        """Run a batch task: its result in-process, or its future when fanned out.

        Submitted arguments are not quoted: Prefect's quote is a namedtuple, which Dask takes
        apart on the way to the worker (a batch's inputs are small: source refs, ids, pages)."""
        return task.submit(*args) if self.fan_out else task(*_quoted(args))

    def in_order(self, work: Callable, items: Iterable) -> Iterator:
        """work(item) for each item, results in order; futures are started `ahead` items early."""
        if not self.fan_out:
            yield from (work(item) for item in items)
            return
        started: deque = deque()
        for item in items:
            started.append(work(item))
            if len(started) > self.ahead:
                yield started.popleft().result()
        while started:
            yield started.popleft().result()


@contextmanager
def untagged() -> Iterator[None]:
    """Task runs started here carry no tags; the flow runs keep the run's (marsad, manual, files...).
    Each flow wraps its body's task calls in it (subflows are called outside it, to keep their tags).

    Prefect asks its server for concurrency slots of every tag a task run carries, one round trip
    per task run even when no limit exists: 51 task runs of a 10,000-article run spent 4.3 s
    waiting for these answers (cProfile of `marsad run`, kept server, 2026-12-07). The UI's
    filters are on flow runs; a task-run concurrency limit by tag is therefore not available."""
    from prefect.context import TagsContext

    with TagsContext(current_tags=set()):
        yield


@contextmanager
def without_heartbeats() -> Iterator[None]:
    """Flow runs started here send Prefect no heartbeats.

    Prefect's heartbeat thread sleeps in 1 s steps, and each flow run's end waits for it: a trivial
    flow took 1.09 s with it against 0.09 s without (2026-12-07), so up to 1 s for each of the
    4 flow runs of a `marsad run`. Heartbeats (every 180 s) serve only an automation a user
    creates to find crashed runs; deployment runs (`marsad serve`, workers) keep them."""
    from prefect.context import SettingsContext, get_settings_context

    context = get_settings_context()
    flows = context.settings.flows.model_copy(update={"heartbeat_frequency": None})
    with SettingsContext(profile=context.profile, settings=context.settings.model_copy(update={"flows": flows})):
        yield


def _quoted(args: tuple) -> list:
    """Arguments with every collection quoted: Prefect would otherwise walk every object of a large
    input looking for futures (10,000 documents: 99.8 s through Prefect against 35.9 s without; see
    README). A future stays as it is, so Dask passes one batch step's result to the next."""
    from prefect.futures import PrefectFuture
    from prefect.utilities.annotations import quote

    return [quote(a) if _collection(a) and not isinstance(a, PrefectFuture) else a for a in args]


def _collection(value) -> bool:
    """A list, set, dict, tuple or dataclass instance (what Prefect would walk)."""
    return isinstance(value, (list, tuple, dict, set)) or (is_dataclass(value) and not isinstance(value, type))


def task_runner(settings: Settings):
    """The task runner for a flow of this run: None keeps the flow's default (in-process)."""
    if settings.task_runner != "dask":
        return None
    _require_dask()
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(address=settings.dask_address)


def _worker_env() -> dict[str, str]:
    """The workers report to this run's Prefect API: without it, each would start a temporary
    API of its own (about a minute each) and its task runs would not show in the run's UI."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return {"PREFECT_API_URL": str(client.api_url)}


def _require_dask() -> None:
    """Fail with what to install when prefect-dask is missing (a dependency since issue 14)."""
    import importlib.util

    if importlib.util.find_spec("prefect_dask") is None or importlib.util.find_spec("distributed") is None:
        raise MarsadError("--task-runner dask needs prefect-dask and distributed: "
                          "pip install -e . (or make test / make run, which install them)")


def with_runner(flow, settings: Settings):
    """The flow, set to run its submitted tasks on the run's task runner."""
    runner = task_runner(settings)
    return flow if runner is None else flow.with_options(task_runner=runner)


@contextmanager
def dask_cluster(settings: Settings) -> Iterator[Settings]:
    """The settings with a Dask scheduler address: a local cluster of `dask_workers` processes
    for the whole run when Dask is chosen without an address (stopped at the end)."""
    if settings.task_runner != "dask" or settings.dask_address:
        yield settings
        return
    _require_dask()
    from distributed import LocalCluster

    with LocalCluster(n_workers=settings.dask_workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, env=_worker_env()) as cluster:
        yield replace(settings, dask_address=cluster.scheduler_address)


def run_name(flow_name: str) -> Callable[[], str]:
    """A flow-run namer: the flow's name and its data dir, from the settings the run was given or its
    `data_dir` parameter. Nothing is loaded here: a deployment run given neither loads its settings
    once, in the flow (the worker's MARSAD_DATA_DIR, else ./data), and is named so."""

    def name() -> str:
        from prefect.runtime import flow_run

        return f"{flow_name} {named_data_dir(flow_run.parameters)}"

    return name


def named_data_dir(params: dict) -> str:
    """The data dir a flow run's parameters name: its settings', its data_dir, or the worker's default."""
    settings = params.get("settings")
    data_dir = settings.get("data_dir") if isinstance(settings, dict) else getattr(settings, "data_dir", None)
    return str(data_dir or params.get("data_dir") or DEFAULT_DATA_DIR)
