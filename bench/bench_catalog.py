"""Catalog benchmark: what publishing the marts into a DuckLake catalog (`--catalog`) costs.

For a lake of N SaudiNewsNet articles (default 1,000; prepared and cached by bench_warehouse.py)
it copies the lake into a fresh data dir, builds the warehouse, then times:

  1. `first`: the first publish into an empty embedded catalog (every mart copied);
  2. `no-op`: a publish with nothing new (the catalog already holds the warehouse);
  3. `+100`: after ingesting and extracting 100 more articles and an incremental build, the
     publish of the difference;
and checks that the catalog's tables then equal the warehouse's; then the same +100 publish again
from the saved catalog with every mart compared whole (what a catalog that missed a build does). Only `marsad.catalog.publish`
is timed (wall seconds, CPU seconds of this process), beside the build it follows.

    PYTHONPATH=/path/to/checkout .venv/bin/python bench/bench_catalog.py --size 1000
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import duckdb  # noqa: E402

from bench_warehouse import articles, base_lake, ingest_and_extract, settings_for  # noqa: E402
from marsad import catalog  # noqa: E402
from marsad.warehouse import build  # noqa: E402

log = logging.getLogger("bench_catalog")
MIB = 1 << 20


def timed(step, *args) -> tuple[float, float, object]:
    """Wall and CPU seconds of a call, and its result."""
    started, cpu = time.perf_counter(), time.process_time()
    result = step(*args)
    return time.perf_counter() - started, time.process_time() - cpu, result


def differing(settings) -> list[str]:
    """Marts whose rows differ between the warehouse and the catalog."""
    with duckdb.connect() as con:
        catalog.load_extensions(con, settings.catalog)
        con.execute(catalog.attach_sql(settings.catalog, read_only=True))
        con.execute(f"attach '{settings.warehouse_path}' as {catalog.WAREHOUSE} (read_only)")
        return [t for t in catalog.tables(con, catalog.WAREHOUSE) if con.execute(
            f'select count(*) from (select * from {catalog.WAREHOUSE}."{t}" except all select * from marsad."{t}") '
            f'union all select count(*) from (select * from marsad."{t}" except all '
            f'select * from {catalog.WAREHOUSE}."{t}")').fetchall() != [(0,), (0,)]]


def agreement(settings, report) -> str:
    """Whether the catalog now equals the warehouse, and how many marts went by change set."""
    differ = differing(settings)
    same = "catalog = warehouse" if not differ else "DIFFERS: " + ", ".join(differ)
    return f"{same}; {report.by_change_set} marts by change set"


def keep(settings, saved: Path, restore: bool = False) -> Path:
    """Copy the catalog file and its data files aside (or back, when restoring); return the copy."""
    file, files = Path(settings.catalog.removeprefix("ducklake:")), Path(catalog.data_path(settings))
    saved.mkdir(parents=True, exist_ok=True)
    pairs = [(file, saved / file.name), (files, saved / files.name)]
    for live, copy in pairs:
        source, target = (copy, live) if restore else (live, copy)
        if target.is_dir():
            shutil.rmtree(target)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    return saved


def folder_mib(path: Path) -> float:
    """Size of the files under a folder in MiB."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / MIB


def bench(n: int, add: int, work: Path) -> list[tuple]:
    """Rows (step, build s, publish wall s, publish CPU s, rows added, rows removed, note)."""
    data_dir = work / "data"
    shutil.copytree(base_lake(n) / "lake", data_dir / "lake")
    plain = settings_for(data_dir)
    settings = dataclasses.replace(plain, catalog=f"ducklake:{data_dir / 'catalog.ducklake'}")
    built = timed(build, plain)[0]
    wall, cpu, first = timed(catalog.publish, settings)
    rows = [("first", built, wall, cpu, first.added, first.removed, "")]
    wall, cpu, noop = timed(catalog.publish, settings)
    rows.append(("no-op", 0.0, wall, cpu, noop.added, noop.removed, "skipped" if noop.skipped else "NOT SKIPPED"))
    ingest_and_extract(articles(n, n + add), plain)
    built = timed(build, plain)[0]
    saved = keep(settings, work / "saved")
    wall, cpu, more = timed(catalog.publish, settings)
    rows.append((f"+{add}", built, wall, cpu, more.added, more.removed, agreement(settings, more)))
    keep(settings, saved, restore=True)
    change_sets, catalog._change_sets = catalog._change_sets, lambda *args: {}
    try:
        wall, cpu, whole = timed(catalog.publish, settings)
    finally:
        catalog._change_sets = change_sets
    rows.append((f"+{add}", 0.0, wall, cpu, whole.added, whole.removed, "compared whole: " + agreement(settings, whole)))
    log.warning("warehouse %.1f MiB; catalog data files %.1f MiB; catalog file %.1f MiB",
                plain.warehouse_path.stat().st_size / MIB, folder_mib(data_dir / "lake" / catalog.DATA_FOLDER),
                (data_dir / "catalog.ducklake").stat().st_size / MIB)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Prepare the lake, run the steps, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--add", type=int, default=100)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    with tempfile.TemporaryDirectory(prefix="bench-catalog-") as work:
        rows = bench(args.size, args.add, Path(work))
    print(f"{'step':<6}  {'build s':>7}  {'publish s':>9}  {'CPU s':>6}  {'added':>7}  {'removed':>7}  note")
    for step, built, wall, cpu, added, removed, note in rows:
        print(f"{step:<6}  {built:>7.2f}  {wall:>9.2f}  {cpu:>6.2f}  {added:>7}  {removed:>7}  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
