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
second, CPU seconds of the whole process tree and of its parts (the run's own process, Prefect's
temporary API, the extraction fork server and workers; a part's figure is its last sample, so up
to 0.25 s short), seconds of each stage (the run's summary), peak summed PSS of all its processes,
and whether the two warehouses hold the same rows. Each run's temporary API writes a fresh copy of
a migrated Prefect database (PREFECT_SERVER_DATABASE_CONNECTION_URL; built once in .bench/, as
marsad's own temporary API does per run), so what the run sent to the API is counted afterwards:
flow runs, task runs, task-run states, log records, events, artifacts, and the database's size.

With --growth N,M (alone): for each size, with a kept Prefect server, a cold run of the first N
articles, a run adding the next 100, and a run with nothing new: wall and CPU seconds, each run's
share of the cold one, and the +100 runs of the two sizes against each other (issue 15).

Run:  .venv/bin/python bench/bench_pool.py [--articles 2000] [--workers 2] [--batch-size 500] [--end-to-end]
      .venv/bin/python bench/bench_pool.py --articles 2000 --end-to-end --e2e-only --e2e-workers 2 \
          --repo /path/to/other/checkout      # only the cold run with 2 workers, of another checkout
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
from contextlib import nullcontext
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import CACHE_DIR, CORPUS, REPO_ROOT as ROOT, articles_dir  # noqa: E402

log = logging.getLogger("bench_pool")
SAMPLE_SECONDS = 0.25       # memory sampling period (a batch of 500 documents takes seconds)
MIB = 1024 * 1024
ALL_ARTICLES = 31030        # the corpus's articles: growth runs link theirs from .bench/articles-31030
GROWTH = 100                # articles a growth run adds (issue 15: +100 to 10,000 and to 31,000)


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


class Sampler:
    """A background thread that takes one sample now and every SAMPLE_SECONDS until the block ends."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        self._sample()
        while not self._stop.wait(SAMPLE_SECONDS):
            self._sample()

    def _sample(self) -> None:
        """One sample (subclasses)."""
        raise NotImplementedError


class Peak(Sampler):
    """The peak of the summed PSS, USS and RSS of this process and its descendants."""

    def __init__(self) -> None:
        super().__init__()
        self.pss = self.uss = self.rss = 0
        self.processes = 0
        self.each: list[int] = []       # PSS MiB of each process at the peak

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
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


def prefect_template() -> Path:
    """A migrated, empty Prefect database for this Prefect version, made once (marsad's own temporary
    API keeps such a template in the state dir and copies it for each run)."""
    import prefect

    from marsad import temp_api

    path = CACHE_DIR / f"prefect-{prefect.__version__}.db"
    if not path.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        temp_api.make_template(path)
    return path


class KeptServer:
    """A kept Prefect server (`marsad run`'s "local" mode) in a state dir of its own for the cold runs,
    stopped afterwards; each run's share of its CPU is the difference across the run."""

    def __init__(self, state: Path, repo: Path) -> None:
        self.state, self.repo, self.pid = state, repo, None

    def __enter__(self) -> "KeptServer":
        sys.path.insert(0, str(self.repo))
        from marsad import local_server

        self.pid = local_server.ensure(self.state)[0].pid
        return self

    def __exit__(self, *exc) -> None:
        from marsad import local_server

        local_server.stop(self.state)

    def cpu(self) -> float:
        """CPU seconds of the server so far."""
        import psutil

        times = psutil.Process(self.pid).cpu_times()
        return times.user + times.system

    def pss(self) -> float:
        """The server's PSS, MiB."""
        import psutil

        return psutil.Process(self.pid).memory_full_info().pss / MIB


def end_to_end(articles: Path | list[Path], data: Path, workers: int, repo: Path,
               server: KeptServer | None = None, sample: bool = True) -> dict:
    """`marsad run ARTICLES... --json` of the checkout `repo` into a data dir (fresh, for a cold run) with `workers` extraction
    workers (a temporary Prefect API on a fresh copy of a migrated database, as a cold run without a
    server); wall, CPU of the whole tree and of its parts, peak summed PSS (unless not `sample`:
    reading every process's memory map every 0.25 s costs CPU), what reached the API."""
    import psutil

    db = data.with_name(data.name + ".prefect.db")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("MARSAD_", "PREFECT_"))},
           "PYTHONPATH": str(repo), "MARSAD_EXTRACT_WORKERS": str(workers)}
    if server is None:
        shutil.copyfile(prefect_template(), db)
        env.update({"MARSAD_PREFECT_SERVER": "temporary", "MARSAD_STATE_DIR": str(data.with_name(data.name + ".state")),
                    "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{db}"})
    else:
        env.update({"MARSAD_PREFECT_SERVER": "local", "MARSAD_STATE_DIR": str(server.state)})
        db = server.state / "prefect" / "prefect.db"
        server_cpu, before = server.cpu(), api_counts(db)      # the kept server's database holds earlier runs
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        folders = [str(a) for a in (articles if isinstance(articles, list) else [articles])]
        proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "run", *folders, "--data-dir", str(data),
                                 "--json"], stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=repo)
        with TreeSampler(psutil.Process(proc.pid)) if sample else nullcontext() as tree:
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - started
        out.seek(0)
        summary = json.loads(out.read()) if os.waitstatus_to_exitcode(status) == 0 else {}
    cpu = usage.ru_utime + usage.ru_stime
    parts = tree.parts() if sample else {"api": 0.0, "pool": 0.0}
    if server is not None:      # the kept server is not the run's child: its CPU across the run
        parts["api"] = server.cpu() - server_cpu
        cpu += parts["api"]
    return {"workers": workers, "wall": wall, "cpu": cpu, "pss": tree.pss / MIB if sample else 0.0,
            "processes": tree.count if sample else 0,
            "api_cpu": parts["api"], "pool_cpu": parts["pool"], "run_cpu": cpu - parts["api"] - parts["pool"],
            "stages": [summary.get(f"{s}_seconds", 0.0) for s in ("ingest", "extract", "build")],
            "documents": summary.get("extracted_documents", 0), "ok": bool(summary),
            "api": api_counts(db) if server is None else _added(before, api_counts(db))}


class TreeSampler(Sampler):
    """Every SAMPLE_SECONDS: the summed PSS of a process tree (its peak) and each descendant's CPU
    seconds (the last seen), by part: Prefect's temporary API, or the extraction pool."""

    def __init__(self, root) -> None:
        super().__init__()
        self.root, self.pss, self.count = root, 0, 0
        self.cpu: dict[int, tuple[str, float]] = {}

    def _sample(self) -> None:
        import psutil

        from bench_runners import tree_memory

        pss, count = tree_memory(self.root, "pss")
        self.pss, self.count = max(self.pss, pss), max(self.count, count)
        try:
            children = self.root.children(recursive=True)
        except psutil.Error:
            return
        for proc in children:
            try:
                part = "api" if "marsad.temp_api" in " ".join(proc.cmdline()) else "pool"
                times = proc.cpu_times()
            except psutil.Error:
                continue
            self.cpu[proc.pid] = (part, times.user + times.system)

    def parts(self) -> dict[str, float]:
        """CPU seconds by part."""
        out = {"api": 0.0, "pool": 0.0}
        for part, seconds in self.cpu.values():
            out[part] += seconds
        return out


API_TABLES = ("flow_run", "task_run", "task_run_state", "log", "events", "artifact")


def _added(before: dict, after: dict) -> dict:
    """What a run added to the kept server's database (its size: the growth)."""
    return {key: after[key] - before.get(key, 0) for key in after}


def api_counts(db: Path) -> dict:
    """Rows of the Prefect tables a run writes to, and the database's size (MiB, with its WAL)."""
    import sqlite3

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in API_TABLES}
    finally:
        con.close()
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    return {**counts, "mib": size / MIB}


def report_end_to_end(n: int, counts: list[int], tmp: Path, repo: Path, kept: bool = False) -> bool:
    """The cold runs, their figures, and whether the warehouses hold the same rows."""
    from bench_runners import differing_tables

    load, cache = os.getloadavg()[0], _cache_state(repo)
    if kept:
        with KeptServer(tmp / "kept-state", repo) as server:
            runs = [end_to_end(articles_dir(n), tmp / f"e2e-{w}", w, repo, server) for w in counts]
            server_pss = server.pss()
        how = f"the kept Prefect server (`local`; its CPU in the run's figures, {server_pss:.0f} MiB PSS apart)"
    else:
        runs = [end_to_end(articles_dir(n), tmp / f"e2e-{w}", w, repo) for w in counts]
        how = "a temporary Prefect API (started by the run, in its figures)"
    print(f"`marsad run` of {repo} on {n:,} articles into fresh data dirs, with {how}, extractor cache {cache}, "
          f"load {load:.1f} before, {os.getloadavg()[0]:.1f} after")
    print("| extract workers | wall s | articles/s | CPU s (all processes) | of which run / API / pool "
          "| ingest / extract / build s | peak PSS MiB (all processes) | processes |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in runs:
        print(f"| {r['workers']} | {r['wall']:.1f} | {n / r['wall']:.0f} | {r['cpu']:.1f} | {r['run_cpu']:.1f} / "
              f"{r['api_cpu']:.1f} / {r['pool_cpu']:.1f} | {' / '.join(f'{s:.1f}' for s in r['stages'])} | "
              f"{r['pss']:.0f} | {r['processes']} |" + ("" if r["ok"] else " FAILED"))
    print("what each run sent to Prefect's API:")
    print("| extract workers | " + " | ".join(API_TABLES) + " | database MiB |")
    print("| ---: |" + " ---: |" * (len(API_TABLES) + 1))
    for r in runs:
        print(f"| {r['workers']} | " + " | ".join(f"{r['api'][t]:,}" for t in API_TABLES) + f" | {r['api']['mib']:.1f} |")
    differ = [] if len(runs) < 2 else differing_tables(tmp / f"e2e-{counts[0]}" / "marsad.duckdb",
                                                       tmp / f"e2e-{counts[-1]}" / "marsad.duckdb")
    if len(runs) > 1:
        print("same warehouse rows:", "yes" if not differ else f"NO: {differ}")
    return all(r["ok"] for r in runs) and not differ


def growth_folders(n: int, tmp: Path) -> tuple[Path, Path] | None:
    """Folders of the corpus articles 0..n-1 and n..n+GROWTH-1: hard links to the cached files of
    every article (.bench/articles-31030), so their sizes and times are the files'. None if the
    corpus has too few articles."""
    every = articles_dir(ALL_ARTICLES)
    stems = sorted(p.name[:-4] for p in every.glob("*.txt")) if every else []
    if len(stems) < n + GROWTH:
        return None
    base, plus = tmp / f"growth-{n}-base", tmp / f"growth-{n}-plus"
    for folder, part in ((base, stems[:n]), (plus, stems[n:n + GROWTH])):
        folder.mkdir()
        for stem in part:
            for name in (f"{stem}.txt", f"{stem}.meta.json"):
                if (every / name).exists():
                    os.link(every / name, folder / name)
    return base, plus


def report_growth(sizes: list[int], tmp: Path, repo: Path) -> bool:
    """For each size N: a cold run of N articles, the run that adds the next GROWTH, a run with
    nothing new; their wall and CPU seconds, and the two growth runs against each other."""
    rows, load, cache = [], os.getloadavg()[0], _cache_state(repo)
    with KeptServer(tmp / "growth-state", repo) as server:
        for n in sizes:
            folders = growth_folders(n, tmp)
            if folders is None:
                print(f"growth: skipped N={n:,}, the corpus is too small")
                continue
            data = tmp / f"growth-{n}"
            steps = [("cold", [folders[0]]), (f"+{GROWTH}", list(folders)), ("no-op", list(folders))]
            rows += [(n, step, end_to_end(paths, data, 2, repo, server, sample=False)) for step, paths in steps]
    print(f"growth: `marsad run` of {repo} with the kept Prefect server (its CPU counted), 2 extraction workers, "
          f"extractor cache {cache}, load {load:.1f} before, {os.getloadavg()[0]:.1f} after")
    print("| articles | run | wall s | CPU s (all processes) | ingest / extract / build s | share of the cold run |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    cold = {n: r["wall"] for n, step, r in rows if step == "cold"}
    for n, step, r in rows:
        print(f"| {n:,} | {step} | {r['wall']:.1f} | {r['cpu']:.1f} | {' / '.join(f'{s:.1f}' for s in r['stages'])} | "
              f"{r['wall'] / cold[n]:.0%} |" + ("" if r["ok"] else " FAILED"))
    added = [r["wall"] for _, step, r in rows if step == f"+{GROWTH}"]
    if len(added) > 1:
        print(f"+{GROWTH} at {max(sizes):,} against at {min(sizes):,}: x{added[-1] / added[0]:.2f} (wall)")
    return all(r["ok"] for _, _, r in rows)


def _cache_state(repo: Path) -> str:
    """Whether the user's extractor cache holds the checkout's extractor (marsad/extractor_cache.py)."""
    found = subprocess.run([sys.executable, "-c", "from marsad import extract, extractor_cache as c; "
                            "print(c.cache_file(extract._cache_folder(), extract.default_fingerprint()).exists())"],
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(repo)}, cwd=repo)
    return {"True": "warm", "False": "cold (the first run loads the lexicons and writes it)"}.get(
        found.stdout.strip(), "absent (this checkout has none)")


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
    parser.add_argument("--e2e-only", action="store_true", help="only the cold `marsad run`s (with --end-to-end)")
    parser.add_argument("--e2e-workers", metavar="N,M", help="extraction worker counts of the cold runs "
                        "(default: 1 and --workers)")
    parser.add_argument("--server", choices=("temporary", "local"), default="temporary",
                        help="the Prefect API of the cold runs: a temporary one each (in their figures), or a "
                             "kept server started before them (marsad run's `local`, its CPU counted)")
    parser.add_argument("--repo", type=Path, default=ROOT,
                        help="the checkout whose `marsad run` the cold runs measure (default: this one)")
    parser.add_argument("--growth", metavar="N,M", help=f"only the growth runs: a cold run of N articles, one "
                        f"adding the next {GROWTH}, a no-op run (kept server), for each size")
    parser.add_argument("--one", metavar="DATA_DIR", help=argparse.SUPPRESS)
    parser.add_argument("--now", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(Path(args.one), args.workers, args.batch_size, datetime.fromisoformat(args.now))))
        return 0
    if not CORPUS.exists():
        print(f"bench_pool: skipped, no corpus at {CORPUS}")
        return 0
    if args.growth:
        with tempfile.TemporaryDirectory(prefix="bench-growth-", dir=CACHE_DIR) as tmp:    # hard links: same disk
            return 0 if report_growth([int(n) for n in args.growth.split(",")], Path(tmp), args.repo.resolve()) else 1
    counts = [int(w) for w in args.e2e_workers.split(",")] if args.e2e_workers else [1, args.workers]
    with tempfile.TemporaryDirectory(prefix="bench-pool-") as tmp:
        same = True if args.e2e_only else compare_extraction(args, Path(tmp))
        whole = report_end_to_end(args.articles, counts, Path(tmp), args.repo.resolve(),
                                  args.server == "local") if args.end_to_end else True
    return 0 if same and whole else 1


def compare_extraction(args: argparse.Namespace, tmp: Path) -> bool:
    """Extraction alone on 1 and W workers, reported; whether both wrote the same rows."""
    template, now = template_lake(args.articles, args.batch_size), datetime.now(timezone.utc)
    runs = [measure(template, w, args.batch_size, now, tmp) for w in (1, args.workers)]
    same = extraction_rows(runs[0]["data"] / "lake") == extraction_rows(runs[1]["data"] / "lake")
    report_extraction(runs, args.batch_size, same)
    return same


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    sys.exit(main())
