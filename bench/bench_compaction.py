"""What many small lake files cost a run, and what compaction (marsad/compaction.py) gives back.

A cold `marsad run` of N corpus articles writes its lake (default batch size), then every table's
rows are rewritten as K files, as K scheduled runs would have left them, and the warehouse is
built from them. Timed then, best of three in this process: the no-op check a re-run starts with
(marsad/rerun.py), finding the pending documents, and a full build (in a process of its own, with its peak RSS); then the
compaction itself, the build after it (incremental), the check and pending again, and a full
build of the compacted lake. The
warehouse after compaction is compared with the full build of the unsplit lake.

Run:  .venv/bin/python bench/bench_compaction.py [--articles 10000] [--files 500]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import articles_dir, same_warehouses  # noqa: E402

from marsad import compaction, storage, warehouse  # noqa: E402
from marsad.extract import default_fingerprint, pending  # noqa: E402
from marsad.ingest import Sources  # noqa: E402
from marsad.rerun import check  # noqa: E402
from marsad.schema import TABLES  # noqa: E402
from marsad.settings import Settings  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def cold_run(articles: Path, data: Path) -> None:
    """`marsad run` of the articles into a fresh data dir, on a temporary Prefect API."""
    env = {**os.environ, "MARSAD_PREFECT_SERVER": "temporary", "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "marsad.cli", "run", str(articles), "--data-dir", str(data), "--json"],
                   env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def split(lake: Path, files: int) -> None:
    """Rewrite every table's rows as `files` files (fewer when it has fewer rows)."""
    for table in TABLES:
        folder = lake / table
        old = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
        if not old:
            continue
        data = pa.concat_tables([pq.read_table(f) for f in old], promote_options="default")
        for f in old:
            f.unlink()
        step = -(-data.num_rows // max(1, min(files, data.num_rows)))
        for start in range(0, data.num_rows, step):
            name = hashlib.sha256(f"{table}/{start}".encode()).hexdigest()[:16]
            pq.write_table(data.slice(start, step), folder / f"part-{name}.parquet", compression="zstd")


def best(work, times: int = 3) -> float:
    """The fastest of `times` runs of work(), in seconds."""
    spans = []
    for _ in range(times):
        started = time.perf_counter()
        work()
        spans.append(time.perf_counter() - started)
    return min(spans)


BUILD = "import sys; from marsad import warehouse; from marsad.settings import Settings; " \
        "warehouse.build(Settings.load({'data_dir': sys.argv[1]}), force=sys.argv[2] == 'full')"


def build(data: Path, how: str) -> tuple[float, int]:
    """A build in a process of its own ("full" or incremental): its seconds and peak RSS (MiB,
    sampled every 0.1 s)."""
    started, peak = time.perf_counter(), 0
    child = subprocess.Popen([sys.executable, "-c", BUILD, str(data), how], env={**os.environ, "PYTHONPATH": str(REPO)})
    watched = psutil.Process(child.pid)
    while child.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss >> 20)
        except psutil.Error:
            pass
        time.sleep(0.1)
    if child.returncode:
        raise SystemExit(f"the build failed ({child.returncode})")
    return time.perf_counter() - started, peak


def figures(settings: Settings, articles: Path) -> tuple[float, float]:
    """The no-op check's and the pending documents' seconds."""
    sources, fingerprint = Sources((str(articles),)), default_fingerprint()
    return (best(lambda: check(sources, settings, False)),
            best(lambda: pending(settings.lake_dir, fingerprint)))


def main() -> int:
    """Print the figures of a split lake before and after compaction."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="corpus articles (default 10,000)")
    parser.add_argument("--files", type=int, default=500, help="files a table is split into (default 500)")
    args = parser.parse_args()
    articles = articles_dir(args.articles)
    if articles is None:
        print("skipped: the corpus is not in ../shared (bench_compaction needs it)")
        return 0
    with tempfile.TemporaryDirectory(prefix="marsad-bench-compaction-") as tmp:
        data = Path(tmp) / "data"
        cold_run(articles, data)
        settings = Settings.load({"data_dir": str(data)})
        whole = Path(tmp) / "whole.duckdb"
        shutil.copyfile(settings.warehouse_path, whole)
        split(settings.lake_dir, args.files)
        full_s, full_mib = build(data, "full")
        check_s, pending_s = figures(settings, articles)
        counts = {t: len(storage.store(settings.lake_dir).files(t)) for t in TABLES}
        started = time.perf_counter()
        done = compaction.compact(settings.lake_dir, warehouse.read_files(settings))
        compact_s = time.perf_counter() - started
        after_s, after_mib = build(data, "incremental")
        check2_s, pending2_s = figures(settings, articles)
        same = same_warehouses(settings.warehouse_path, whole)
        full2_s, full2_mib = build(data, "full")
        shutil.rmtree(data, ignore_errors=True)
    print(f"compaction: {args.articles:,} corpus articles, every table split into up to {args.files} files "
          f"({max(counts.values())} at most; {sum(counts.values()):,} in all), then compacted")
    print("| | no-op check s | pending s | build s | build peak RSS MiB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| {args.files} files a table | {check_s:.2f} | {pending_s:.2f} | {full_s:.1f} (full) | {full_mib} |")
    print(f"| compacted ({done.files_before:,} files merged in {compact_s:.1f} s) | {check2_s:.2f} | "
          f"{pending2_s:.2f} | {after_s:.1f} (incremental) | {after_mib} |")
    print(f"| compacted, a full build | | | {full2_s:.1f} (full) | {full2_mib} |")
    print("warehouse after compaction and its incremental build = full build of the unsplit lake:",
          "yes" if same else "NO")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
