"""The two task runners on N corpus articles: the default run against `--task-runner dask`.

For N articles (default 10,000; files with sidecars built from ../shared/corpus, as
bench_ingest.py does, cached in .bench/articles-N/):

  stages       the core steps without Prefect, in this process, timed apart: reading files,
               parsing, writing the lake (the flow's own work under Dask), reading documents back,
               extracting, writing extractions, building the warehouse. They feed the projection.
  default      `marsad run ARTICLES --json` into a fresh data dir (extraction on the default
               runner's pool when MARSAD_EXTRACT_WORKERS > 1, 1 by default: tasks/pool.py)
  dask         `marsad run ... --task-runner dask --workers W` into another one
               Each run: wall time, and the peak of the summed resident memory of the run's whole
               process tree (the CLI, Prefect's temporary API, the extraction pool or the Dask
               scheduler, nannies and workers), sampled every 0.2 s with psutil.
  identical    `marsad run` both ways on the first M articles (default 2,000): every table of
               the two warehouses must hold the same rows (run timestamps and the build's
               book-keeping aside). M = N reuses the two runs above.
  overhead     a task that does nothing, run T times in the flow's process (the default runner)
               and submitted to a local Dask cluster of W processes: milliseconds per task.

Then the projection: the run's time on P cores from the stage times, what stays serial named.

Run:  .venv/bin/python bench/bench_runners.py [--articles 10000] [--identical 2000] [--workers 2]
      nice -n 10 .venv/bin/python bench/bench_runners.py --articles 2000 --identical 2000
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import CACHE_DIR as CACHE, CORPUS, LOG_DIR, MARSAD, REPO_ROOT, articles_dir  # noqa: E402

log = logging.getLogger("bench_runners")
SAMPLE_SECONDS = 0.2        # RSS sampling period: a Dask worker lives for the whole run, far longer
MIB = 1024 * 1024
BOOKKEEPING = "marsad_build"   # warehouse tables that name lake files and build times: not compared


@dataclass
class Run:
    """One measured `marsad run`."""

    label: str
    wall: float = 0.0
    peak_mib: float = 0.0
    processes: int = 0
    summary: dict = field(default_factory=dict)
    error: str | None = None


# ---------------------------------------------------------------- the runs


def tree_memory(root, field: str = "rss") -> tuple[int, int]:
    """Summed memory (bytes) of a process and all its descendants, and how many they are. `field`:
    rss (shared pages counted in each process), or pss / uss (psutil's full info: slower to read)."""
    import psutil

    total, count = 0, 0
    try:
        tree = [root, *root.children(recursive=True)]
    except psutil.Error:            # the run has just ended
        return 0, 0
    for proc in tree:
        try:
            info = proc.memory_info() if field == "rss" else proc.memory_full_info()
        except psutil.Error:        # ended between the listing and the reading
            continue
        total, count = total + getattr(info, field), count + 1
    return total, count


def measured_run(label: str, argv: list[str], env: dict[str, str]) -> Run:
    """Run argv; its wall time, the peak of its process tree's summed RSS, its JSON summary."""
    import psutil

    LOG_DIR.mkdir(parents=True, exist_ok=True)
    run, stop = Run(label), threading.Event()
    with open(LOG_DIR / f"runners-{label}.stderr", "w") as err, tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=REPO_ROOT)
        root = psutil.Process(proc.pid)

        def sample() -> None:
            while not stop.wait(SAMPLE_SECONDS):
                rss, count = tree_memory(root)
                run.peak_mib, run.processes = max(run.peak_mib, rss / MIB), max(run.processes, count)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = proc.wait()
        run.wall = time.perf_counter() - started
        stop.set()
        sampler.join()
        out.seek(0)
        text = out.read()
    if code != 0:
        run.error = f"exit {code} (log: {LOG_DIR / f'runners-{label}.stderr'})"
    else:
        run.summary = json.loads(text)
    return run


def cli_run(label: str, articles: Path, data_dir: Path, extra: tuple = ()) -> Run:
    """`marsad run ARTICLES --data-dir DIR --json [extra]`, measured."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARSAD_")}
    env["MARSAD_PREFECT_SERVER"] = "temporary"     # each run cold, its own API, and none left running
    return measured_run(label, [str(MARSAD), "run", str(articles), "--data-dir", str(data_dir), "--json", *extra], env)


def warehouse_rows(path: Path) -> dict[str, list]:
    """Every table's rows, sorted, without timestamps or the build's book-keeping."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute("""select table_name, list(column_name order by ordinal_position)
            from information_schema.columns where table_schema = 'main' and data_type not like 'TIMESTAMP%'
            and column_name not in ('elapsed_s', 'seconds') and not starts_with(table_name, $book)
            group by table_name""", {"book": BOOKKEEPING}).fetchall()
        return {t: sorted(con.execute("select " + ", ".join(f'"{c}"' for c in cols) + f' from "{t}"').fetchall(),
                          key=repr) for t, cols in columns}


def differing_tables(a: Path, b: Path) -> list[str]:
    """Tables whose rows differ between two warehouses (empty when identical)."""
    rows_a, rows_b = warehouse_rows(a), warehouse_rows(b)
    return sorted(t for t in set(rows_a) | set(rows_b) if rows_a.get(t) != rows_b.get(t))


# ---------------------------------------------------------------- the stages, in-process


def stage_times(articles: Path, data_dir: Path, batch_size: int) -> dict[str, float]:
    """Seconds of each core step over all batches, in this process (one core), as the flows run them."""
    from marsad import extract, ingest, sources, warehouse
    from marsad.lake import LakeState
    from marsad.settings import Settings

    settings = Settings.load({"data_dir": data_dir, "batch_size": batch_size}, environ={})
    now, t = datetime.now(timezone.utc), Timer()
    state = LakeState.load(settings.lake_dir)
    with t("discover"):
        todo, _ = ingest.triage(sources.discover([articles]).sources, state)
    for batch in ingest.batches(todo, batch_size):
        with t("read"):
            raws = ingest.read_items(batch, settings.max_file_bytes, settings.fetch_max_bytes)
        with t("parse"):
            parsed = ingest.parse_batch(raws, now)
        with t("write"):
            state.merge(ingest.write_batch(settings.lake_dir, parsed, state, now).delta)
    with t("load lexicons"):
        extractor = extract.default_extractor()
    with t("find pending"):
        ids = extract.pending(settings.lake_dir, extractor.fingerprint)
    for batch in ingest.batches(ids, batch_size):
        with t("read documents"):
            docs = extract.read_documents(settings.lake_dir, batch)
        with t("extract"):
            rows = extract.extract_batch(docs, extractor, now)
        with t("write extractions"):
            extract.write_extraction(settings.lake_dir, rows)
    with t("build warehouse"):
        warehouse.build(settings)
    t.seconds["batches"] = math.ceil(len(todo) / batch_size)
    return t.seconds


class Timer:
    """Adds up the seconds spent under each label."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def __call__(self, label: str) -> "Timer":
        self.label = label
        return self

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc) -> None:
        self.seconds[self.label] = self.seconds.get(self.label, 0.0) + time.perf_counter() - self.started


# ---------------------------------------------------------------- per-task overhead


def task_overhead(n: int, workers: int) -> tuple[float, float, float]:
    """Milliseconds per trivial task: in the flow's process, and on a local Dask cluster
    (submitted all at once); and the cluster's start-up in seconds."""
    from distributed import LocalCluster
    from prefect import flow, task
    from prefect.client.orchestration import get_client
    from prefect.testing.utilities import prefect_test_harness
    from prefect_dask import DaskTaskRunner

    noop = task(lambda i: i, name="noop")

    @flow
    def direct(k: int) -> float:
        started = time.perf_counter()
        for i in range(k):
            noop(i)
        return (time.perf_counter() - started) / k

    @flow
    def submitted(k: int) -> float:
        started = time.perf_counter()
        [f.result() for f in [noop.submit(i) for i in range(k)]]
        return (time.perf_counter() - started) / k

    with prefect_test_harness(server_startup_timeout=180):
        direct(2)
        default = direct(n)
        with get_client(sync_client=True) as client:
            env = {"PREFECT_API_URL": str(client.api_url)}
        started = time.perf_counter()
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None, env=env) as cluster:
            start = time.perf_counter() - started
            dask = submitted.with_options(task_runner=DaskTaskRunner(address=cluster.scheduler_address))
            dask(2 * workers)                       # warm: every worker imports Prefect and marsad's tasks
            per_task = dask(n)
    return default * 1000, per_task * 1000, start


# ---------------------------------------------------------------- report


def projection(stages: dict[str, float], fixed: float, overhead_ms: float, cores: int, start_s: float) -> float:
    """Seconds of a run on `cores` Dask worker processes, from the one-core stage times.

    Parallel: reading and parsing files, and extraction (each task reads its documents and
    writes its rows). Serial: the flow's lake writes (overlapped with parsing: the slower of the
    two counts), finding pending documents, the warehouse build, and the fixed cost (Prefect's
    API, imports); plus the cluster's start and each worker loading the lexicons once.
    """
    parse = stages.get("read", 0) + stages.get("parse", 0)
    extract = stages.get("read documents", 0) + stages.get("extract", 0) + stages.get("write extractions", 0)
    tasks = 3 * stages.get("batches", 0)            # read-sources, parse-documents, extract-batch
    ingest = max(stages.get("write", 0), parse / cores) + stages.get("discover", 0)
    return (fixed + start_s + stages.get("load lexicons", 0) + ingest + stages.get("find pending", 0)
            + extract / cores + tasks * overhead_ms / 1000 / cores + stages.get("build warehouse", 0))


def report(n: int, workers: int, stages: dict, default: Run, dask: Run, identical: tuple, overhead: tuple) -> None:
    """Print the figures and the projection."""
    print(f"\n## Task runners on {n:,} corpus articles (`marsad run`, 2-core machine; load average "
          f"{os.getloadavg()[0]:.1f} at the end: the machine is shared)\n")
    print("| run | wall s | ingest s | extract s | build s | peak MiB (all processes) | processes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in (default, dask):
        s = r.summary
        print(f"| {r.label} | {r.wall:.1f} | {s.get('ingest_seconds', 0):.1f} | {s.get('extract_seconds', 0):.1f} "
              f"| {s.get('build_seconds', 0):.1f} | {r.peak_mib:,.0f} | {r.processes} |" if not r.error
              else f"| {r.label} | failed: {r.error} | | | | | |")
    if not (default.error or dask.error):
        print(f"\nspeedup (default wall / dask wall): {default.wall / dask.wall:.2f}")
    m, diff = identical
    print(f"identical warehouses on {m:,} articles: " + ("yes, every table" if not diff else f"NO: {', '.join(diff)}"))
    d_ms, k_ms, start_s = overhead
    print(f"per-task overhead: default (in-process) {d_ms:.1f} ms, Dask {workers} workers {k_ms:.1f} ms "
          f"(+{k_ms - d_ms:.1f} ms a task; a local cluster starts in {start_s:.1f} s)")
    print("\n### One core, per stage (core steps without Prefect)\n")
    print("| stage | s |\n| --- | ---: |")
    for label, s in stages.items():
        print(f"| {label} | {s:.1f} |" if label != "batches" else f"| batches of documents | {s:.0f} |")
    fixed = max(0.0, default.wall - sum(default.summary.get(k, 0) for k in
                                        ("ingest_seconds", "extract_seconds", "build_seconds")))
    print(f"\n### Projection (fixed cost of a run outside the stages, measured: {fixed:.1f} s)\n")
    print("| Dask worker processes | projected wall s | speedup over default |\n| ---: | ---: | ---: |")
    base = default.wall if not default.error else projection(stages, fixed, d_ms, 1, 0)
    for cores in (workers, 16, 64):
        t = projection(stages, fixed, k_ms - d_ms, cores, start_s)
        print(f"| {cores} | {t:.1f} | {base / t:.2f} |")
    serial = (stages.get("write", 0) + stages.get("discover", 0) + stages.get("find pending", 0)
              + stages.get("build warehouse", 0))
    print(f"\nserial whatever the cores: {fixed:.1f} s fixed + {serial:.1f} s (lake writes in the flow, "
          f"discovery, finding pending documents, the warehouse build); Amdahl bound {base / (fixed + serial):.1f}x")


def main(argv: list[str] | None = None) -> int:
    """Measure and print; 1 when the warehouses differ or a run fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles timed (default 10,000)")
    parser.add_argument("--identical", type=int, default=2_000, help="articles of the identity check (0: skip)")
    parser.add_argument("--workers", type=int, default=2, help="Dask worker processes (default 2)")
    parser.add_argument("--tasks", type=int, default=50, help="trivial tasks timed for the overhead")
    parser.add_argument("--batch-size", type=int, default=500, help="documents per batch (marsad's default)")
    parser.add_argument("--stages-only", action="store_true", help="only the in-process stage times")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if not CORPUS.exists():
        log.info("skipped: %s is absent", CORPUS)
        return 0
    dask_args = ("--task-runner", "dask", "--workers", str(args.workers))
    with tempfile.TemporaryDirectory(prefix="marsad-runners-") as tmp:
        tmp = Path(tmp)
        articles = articles_dir(args.articles)
        log.info("stages, in-process, %d articles", args.articles)
        stages = stage_times(articles, tmp / "stages", args.batch_size)
        if args.stages_only:
            print("\n".join(f"| {label} | {sec:.1f} |" for label, sec in stages.items()))
            return 0
        log.info("default run")
        default = cli_run("default", articles, tmp / "default")
        log.info("dask run")
        dask = cli_run(f"dask {args.workers} workers", articles, tmp / "dask", dask_args)
        identical = identity(args, tmp, articles, default, dask, dask_args)
        saved = CACHE / f"runners-{args.articles}.json"       # the figures survive a failing report
        saved.write_text(json.dumps({"stages": stages, "runs": [default.__dict__, dask.__dict__],
                                     "identical": identical}, indent=1))
        log.info("per-task overhead")
        overhead = task_overhead(args.tasks, args.workers)
        saved.write_text(json.dumps({**json.loads(saved.read_text()), "overhead": overhead}, indent=1))
        report(args.articles, args.workers, stages, default, dask, identical, overhead)
    return 1 if identical[1] or default.error or dask.error else 0


def identity(args, tmp: Path, articles: Path, default: Run, dask: Run, dask_args: tuple) -> tuple[int, list[str]]:
    """(articles compared, tables that differ) between a default and a Dask run."""
    m = args.identical
    if not m:
        return 0, []
    if m != args.articles:
        log.info("identity check on %d articles", m)
        small = articles_dir(m)
        default, dask = cli_run("default-check", small, tmp / "d-check"), cli_run("dask-check", small, tmp / "k-check", dask_args)
    if default.error or dask.error:
        return m, ["(a run failed)"]
    return m, differing_tables(Path(default.summary["warehouse"]), Path(dask.summary["warehouse"]))


if __name__ == "__main__":
    sys.exit(main())
