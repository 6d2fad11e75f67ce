"""Extraction on 1 and on 2 worker processes: articles a second, peak memory of all processes, same rows.

For N corpus articles (default 2,000; built as bench_ingest.py does, cached in .bench/), the
documents are ingested once without Prefect into a template lake (.bench/lake-N/). Then, for each
worker count, a fresh copy of that lake is extracted as the extract flow does it, batch by batch:

  1 worker    in the child's own process (the lexicons load there), one batch after another
  W workers   each batch handed to tasks/pool.py's workers from the flow's threads (AHEAD_PER_WORKER
              batches in flight per worker), the workers forked from the fork server that loaded
              the lexicons (marsad/forkserver.py)

Each in a child process of its own. For each: wall seconds (lexicon loading included: the run pays
it), documents a second, CPU seconds of all its processes (on a machine shared with other jobs,
wall time favours the run with more processes; CPU time shows the work each costs), and the peak over the run of the summed memory of this process and all its descendants, sampled every
0.25 s: PSS (proportional set size: a page shared by k processes counts 1/k in each, so the sum
is the memory the processes really hold), USS (pages of one process alone) and RSS (shared pages
counted once per process; what `top` adds up wrongly). Then every extraction table of the two
lakes must hold the same rows (the same run time is given to both). Exit 1 if they differ.

With --end-to-end, then `marsad run ARTICLES --json` cold into fresh data dirs with 1 and W
extraction workers (MARSAD_EXTRACT_WORKERS; a temporary Prefect API): wall seconds, articles a
second, CPU seconds of the whole process tree, peak summed PSS of all its processes (CLI, Prefect's
API server, fork server, workers), and whether the two warehouses hold the same rows.

Run:  .venv/bin/python bench/bench_pool.py [--articles 2000] [--workers 2] [--batch-size 500] [--end-to-end]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import CACHE_DIR, CORPUS, REPO_ROOT as ROOT, articles_dir  # noqa: E402

log = logging.getLogger("bench_pool")
SAMPLE_SECONDS = 0.25       # memory sampling period (a batch of 500 documents takes seconds)
MIB = 1024 * 1024


def template_lake(n: int, batch_size: int) -> Path:
    """A data dir whose lake holds the N articles ingested (not extracted), built once."""
    from marsad import ingest, sources
    from marsad.lake import LakeState
    from marsad.settings import Settings

    folder = CACHE_DIR / f"lake-{n}"
    if (folder / "done").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    settings = Settings.load({"data_dir": folder, "batch_size": batch_size}, environ={})
    state, now = LakeState.load(settings.lake_dir), datetime.now(timezone.utc)
    todo, _ = ingest.triage(sources.discover([articles_dir(n)]).sources, state)
    for batch in ingest.batches(todo, batch_size):
        raws = ingest.read_items(batch, settings.max_file_bytes, settings.fetch_max_bytes)
        state.merge(ingest.write_batch(settings.lake_dir, ingest.parse_batch(raws, now), state, now).delta)
    (folder / "done").touch()
    return folder


class Peak:
    """The peak of the summed PSS, USS and RSS of this process and its descendants."""

    def __init__(self) -> None:
        self.pss = self.uss = self.rss = 0
        self.processes = 0
        self.each: list[int] = []       # PSS MiB of each process at the peak
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> "Peak":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            pss = uss = rss = 0
            each = []
            for proc in [me, *me.children(recursive=True)]:
                try:
                    info = proc.memory_full_info()
                except psutil.Error:        # ended between the listing and the reading
                    continue
                pss, uss, rss = pss + info.pss, uss + info.uss, rss + info.rss
                each.append(round(info.pss / MIB))
            if pss > self.pss:
                self.pss, self.uss, self.rss, self.processes, self.each = pss, uss, rss, len(each), each
            self._stop.wait(SAMPLE_SECONDS)


def extract_all(lake_dir: Path, workers: int, batch_size: int, now: datetime) -> int:
    """Extract every pending document as the extract flow does; how many there were."""
    from flows.runner import AHEAD_PER_WORKER
    from marsad import extract
    from marsad.ingest import batches
    from tasks.pool import close_pools, run_on_pool

    fingerprint = extract.default_fingerprint()
    todo = batches(extract.pending(lake_dir, fingerprint), batch_size)
    if workers == 1:
        for ids in todo:
            extract.extract_documents(lake_dir, ids, fingerprint, now)
        return sum(map(len, todo))
    with ThreadPoolExecutor(AHEAD_PER_WORKER * workers) as threads:
        done = [threads.submit(run_on_pool, workers, extract.extract_documents, lake_dir, ids, fingerprint, now)
                for ids in todo]
        for future in done:
            future.result()
    close_pools()
    return sum(map(len, todo))


def measure(template: Path, workers: int, batch_size: int, now: datetime, tmp: Path) -> dict:
    """Extract a fresh copy of the template lake on `workers` processes, in a child process of its
    own (so no other run's lexicons count); seconds, documents, memory."""
    data = tmp / f"workers-{workers}"
    shutil.copytree(template, data)
    out = subprocess.run([sys.executable, __file__, "--one", str(data), "--workers", str(workers),
                          "--batch-size", str(batch_size), "--now", now.isoformat()],
                         capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return {**json.loads(out.stdout.splitlines()[-1]), "data": data}


def one(data: Path, workers: int, batch_size: int, now: datetime) -> dict:
    """The child: extract the lake of `data`, measured."""
    with Peak() as peak:
        started, cpu = time.perf_counter(), _cpu()
        n = extract_all(data / "lake", workers, batch_size, now)
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    return {"workers": workers, "documents": n, "seconds": seconds, "cpu": cpu, "pss": peak.pss / MIB,
            "uss": peak.uss / MIB, "rss": peak.rss / MIB, "processes": peak.processes, "each": peak.each}


def _cpu() -> float:
    """CPU seconds of this process and of every descendant waited for (the pool's workers are
    waited for by the fork server, which close_pools stops and waits for)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def extraction_rows(lake_dir: Path) -> dict[str, list]:
    """Every extraction table's rows, sorted."""
    from marsad.lake import connect, has_files, read_lake
    from marsad.schema import EXTRACT_ORDER

    with connect(lake_dir) as con:
        return {t: sorted(map(repr, read_lake(con, lake_dir, t, f"select * from {{{t}}}")))
                for t in EXTRACT_ORDER if has_files(lake_dir, t)}


def end_to_end(articles: Path, data: Path, workers: int) -> dict:
    """`marsad run ARTICLES --json` into a fresh data dir with `workers` extraction workers (a temporary
    Prefect API, as a cold run without a server); wall, CPU of the whole tree, peak summed PSS."""
    import psutil
    from bench_runners import tree_memory

    env = {**{k: v for k, v in os.environ.items() if not k.startswith("MARSAD_")}, "PYTHONPATH": str(ROOT),
           "MARSAD_PREFECT_SERVER": "temporary", "MARSAD_EXTRACT_WORKERS": str(workers)}
    peak, stop = [0, 0], threading.Event()
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "run", str(articles), "--data-dir", str(data),
                                 "--json"], stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
        root = psutil.Process(proc.pid)

        def sample() -> None:
            while not stop.wait(SAMPLE_SECONDS):
                pss, count = tree_memory(root, "pss")
                peak[:] = max(peak[0], pss), max(peak[1], count)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        stop.set()
        sampler.join()
        out.seek(0)
        summary = json.loads(out.read()) if os.waitstatus_to_exitcode(status) == 0 else {}
    return {"workers": workers, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "pss": peak[0] / MIB,
            "processes": peak[1], "documents": summary.get("extracted_documents", 0), "ok": bool(summary)}


def report_end_to_end(n: int, workers: int, tmp: Path) -> bool:
    """Both cold runs, their figures, and whether the two warehouses hold the same rows."""
    from bench_runners import differing_tables

    runs = [end_to_end(articles_dir(n), tmp / f"e2e-{w}", w) for w in (1, workers)]
    print(f"`marsad run` on {n:,} articles, cold, temporary Prefect API, load {os.getloadavg()[0]:.1f}")
    print("| extract workers | wall s | articles/s | CPU s (all processes) | peak PSS MiB (all processes) | processes |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in runs:
        print(f"| {r['workers']} | {r['wall']:.1f} | {n / r['wall']:.0f} | {r['cpu']:.1f} | {r['pss']:.0f} | "
              f"{r['processes']} |" + ("" if r["ok"] else " FAILED"))
    differ = differing_tables(tmp / "e2e-1" / "marsad.duckdb", tmp / f"e2e-{workers}" / "marsad.duckdb")
    print("same warehouse rows:", "yes" if not differ else f"NO: {differ}")
    return all(r["ok"] for r in runs) and not differ


def report_extraction(runs: list[dict], batch_size: int, same: bool) -> None:
    """The extraction table: each worker count's time, rate, CPU and memory."""
    print(f"extraction of {runs[0]['documents']:,} documents (batches of {batch_size}), "
          f"load {os.getloadavg()[0]:.1f}")
    print("| workers | seconds | documents/s | CPU s | documents/CPU s | peak PSS MiB (all processes) | USS MiB "
          "| RSS MiB | processes |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in runs:
        print(f"| {r['workers']} | {r['seconds']:.1f} | {r['documents'] / r['seconds']:.0f} | {r['cpu']:.1f} | "
              f"{r['documents'] / r['cpu']:.0f} | {r['pss']:.0f} | {r['uss']:.0f} | {r['rss']:.0f} | {r['processes']} |")
    print("PSS MiB of each process at the peak:", "; ".join(f"{r['workers']}: {r['each']}" for r in runs))
    print("same rows in every extraction table:", "yes" if same else "NO", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--end-to-end", action="store_true",
                        help="also `marsad run` cold with 1 and W extraction workers: articles/s, peak PSS")
    parser.add_argument("--one", metavar="DATA_DIR", help=argparse.SUPPRESS)
    parser.add_argument("--now", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(Path(args.one), args.workers, args.batch_size, datetime.fromisoformat(args.now))))
        return 0
    if not CORPUS.exists():
        print(f"bench_pool: skipped, no corpus at {CORPUS}")
        return 0
    template, now = template_lake(args.articles, args.batch_size), datetime.now(timezone.utc)
    with tempfile.TemporaryDirectory(prefix="bench-pool-") as tmp:
        runs = [measure(template, w, args.batch_size, now, Path(tmp)) for w in (1, args.workers)]
        same = extraction_rows(runs[0]["data"] / "lake") == extraction_rows(runs[1]["data"] / "lake")
        report_extraction(runs, args.batch_size, same)
        whole = report_end_to_end(args.articles, args.workers, Path(tmp)) if args.end_to_end else True
    return 0 if same and whole else 1


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    sys.exit(main())
