"""Warehouse benchmark: what a run that adds 100 articles costs as the warehouse grows.

For each size N (default 1,000 and 10,000 SaudiNewsNet articles) it:

  1. prepares, once, a lake of the first N corpus articles (ingest + extraction, no Prefect),
     cached under .bench/warehouse/lake-N/ and reused by later runs;
  2. copies that lake into a fresh data dir and builds the warehouse fully (`full N`);
  3. ingests and extracts the next 100 articles, then times the build that follows (`+100`);
  4. times a build with nothing new (`no-op`) and a forced full rebuild (`force`);
  5. reports the warehouse file's size after each step.

Only `marsad.warehouse.build` is timed: wall seconds, and CPU seconds of this process (DuckDB's
threads included; steadier than wall time on a shared machine). Ingest and extraction of the
100 articles are reported apart. Run it with the code to compare first on the path:

    PYTHONPATH=/path/to/checkout .venv/bin/python bench/bench_warehouse.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import logging
import shutil
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import CACHE_DIR, article_lines, corpus_records, sidecar  # noqa: E402

import json  # noqa: E402

import duckdb  # noqa: E402

from marsad.extract import Extractor, default_extractor, extract_batch, pending, read_documents, write_extraction  # noqa: E402
from marsad.ingest import Sources  # noqa: E402
from marsad.lake import table_files  # noqa: E402
from marsad.settings import Settings  # noqa: E402
from marsad.warehouse import build  # noqa: E402

log = logging.getLogger("bench_warehouse")

# Generated articles and prepared lakes (gitignored with the rest of .bench/).
BENCH_DIR = CACHE_DIR / "warehouse"
# Article counts measured when --sizes is not given.
DEFAULT_SIZES = [1000, 10000]
# Articles a measured run adds.
DEFAULT_ADD = 100
MIB = 1 << 20


def write_range(target: Path, start: int, stop: int) -> int:
    """Write corpus records start..stop-1 as article files with sidecars; return the count."""
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    for i, record in enumerate(corpus_records(stop)):
        if i < start:
            continue
        stem = target / f"{i:05d}"
        stem.with_suffix(".txt").write_text("\n".join(article_lines(record)) + "\n", encoding="utf-8")
        Path(f"{stem}.meta.json").write_text(json.dumps(sidecar(record), ensure_ascii=False), encoding="utf-8")
        count += 1
    return count


def articles(start: int, stop: int) -> Path:
    """The cached folder of corpus articles start..stop-1, written once."""
    folder = BENCH_DIR / f"articles-{start}-{stop}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_range(folder, start, stop)
        (folder / ".complete").touch()
    return folder


def settings_for(data_dir: Path) -> Settings:
    """Settings of a data dir, defaults otherwise."""
    return Settings.load(dict(data_dir=str(data_dir)))


def ingest_and_extract(folder: Path, settings: Settings) -> float:
    """Ingest a folder and extract what is new; return the seconds it took.

    New documents are extracted under the fingerprint of the lake's extractor, so that a lake
    prepared by an older extractor is not extracted again whole (this times builds, not extraction).
    """
    started = time.perf_counter()
    from flows.ingest import ingest

    ingest(Sources((str(folder),)), settings)
    extractor = lake_extractor(settings)        # the extract flow's core steps, under that name
    todo = pending(settings.lake_dir, extractor.fingerprint)
    write_extraction(settings.lake_dir, extract_batch(read_documents(settings.lake_dir, todo), extractor,
                                                      datetime.now(timezone.utc)))
    return time.perf_counter() - started


def lake_extractor(settings: Settings) -> Extractor:
    """Today's extractor, named by the fingerprint of the lake's latest extraction if it has one."""
    extractor = default_extractor()
    files = table_files(settings.lake_dir, "extractions")
    if not files:
        return extractor
    with duckdb.connect() as con:
        latest = con.execute("select extractor from read_parquet($files) order by extracted_at desc limit 1",
                             {"files": files}).fetchone()[0]
    return dataclasses.replace(extractor, fingerprint=latest)


def base_lake(n: int) -> Path:
    """The cached data dir holding the lake of the first n articles (no warehouse)."""
    done = BENCH_DIR / f"lake-{n}"
    if (done / ".complete").exists():
        return done
    building = BENCH_DIR / f"lake-{n}.building"
    shutil.rmtree(building, ignore_errors=True)
    start = max((m for m in cached_sizes() if m < n), default=0)
    if start:                           # grow the largest smaller lake: the same documents
        shutil.copytree(BENCH_DIR / f"lake-{start}" / "lake", building / "lake")
    seconds = ingest_and_extract(articles(start, n), settings_for(building))
    log.warning("prepared the lake of %d articles in %.0f s", n, seconds)
    (building / ".complete").touch()
    shutil.rmtree(done, ignore_errors=True)
    building.rename(done)
    return done


def cached_sizes() -> list[int]:
    """Sizes of the lakes already prepared."""
    return [int(p.name.split("-")[1]) for p in BENCH_DIR.glob("lake-*") if (p / ".complete").exists()]


def size_mib(settings: Settings) -> float:
    """Size of the warehouse file in MiB."""
    return settings.warehouse_path.stat().st_size / MIB


def timed_build(settings: Settings, force: bool = False) -> tuple[float, float, bool]:
    """Wall and CPU seconds (all threads of this process) a build took, and whether it was skipped."""
    started, cpu = time.perf_counter(), time.process_time()
    report = build(settings, force=force)
    return time.perf_counter() - started, time.process_time() - cpu, report.skipped


def bench_size(n: int, add: int, work: Path) -> list[tuple]:
    """Rows (N, step, wall s, CPU s, skipped, MiB, note) for one size."""
    data_dir = work / f"data-{n}"
    shutil.copytree(base_lake(n) / "lake", data_dir / "lake")
    settings = settings_for(data_dir)
    rows = [(n, "full", *timed_build(settings), size_mib(settings), "")]
    extra = ingest_and_extract(articles(n, n + add), settings)
    rows.append((n, f"+{add}", *timed_build(settings), size_mib(settings), f"ingest+extract {extra:.1f} s"))
    rows.append((n, "no-op", *timed_build(settings), size_mib(settings), ""))
    incremental = marts(settings.warehouse_path)
    rows.append((n, "force", *timed_build(settings, force=True), size_mib(settings), ""))
    differ = [name for name, rows_ in marts(settings.warehouse_path).items() if incremental.get(name) != rows_]
    rows[-1] = rows[-1][:-1] + ("same tables as +%d" % add if not differ else "DIFFERS: " + ", ".join(differ),)
    return rows


def marts(path: Path) -> dict[str, str]:
    """A hash of every mart's sorted rows, by name."""
    with duckdb.connect(str(path), read_only=True) as con:
        names = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main' "
            "and table_name not like 'marsad_build%'").fetchall()]
        return {name: digest(con.execute(f'select * from "{name}" order by all').fetchall()) for name in names}


def digest(rows: list[tuple]) -> str:
    """A hash of rows (lists inside rows are not hashable: hash their text)."""
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def print_rows(rows: list[tuple]) -> None:
    """The results as a plain table on stdout."""
    print(f"{'N':>6}  {'step':<6}  {'wall s':>7}  {'CPU s':>7}  {'skipped':>7}  {'file MiB':>8}  note")
    for n, step, wall, cpu, skipped, mib, note in rows:
        print(f"{n:>6}  {step:<6}  {wall:>7.2f}  {cpu:>7.2f}  {str(skipped):>7}  {mib:>8.1f}  {note}")


def main(argv: list[str] | None = None) -> int:
    """Prepare the lakes, run the steps for every size, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--add", type=int, default=DEFAULT_ADD)
    parser.add_argument("--prepare-only", action="store_true", help="only prepare the cached lakes")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    if args.prepare_only:
        for n in args.sizes:
            base_lake(n)
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-warehouse-") as work:
        for n in args.sizes:
            rows += bench_size(n, args.add, Path(work))
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
