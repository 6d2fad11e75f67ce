"""Ingest benchmark for marsad on the real SaudiNewsNet corpus: throughput and peak memory.

For each size N (default 1,000 and 10,000 articles) it measures, each in its own child
process so that wall time and peak RSS belong to that run alone:

  cli first    `marsad run ARTICLES --data-dir TMP --json` into a fresh, empty data dir
  cli second   the same command again on the unchanged inputs (everything is "unchanged")
  kept start   the same again, reporting to a kept Prefect server (`--prefect-server local`, a
               state dir of the benchmark's own), which this run starts
  no-op kept   the same again: a no-op re-run without any server start (issue 15: under 5 s);
               the kept server is stopped afterwards
  dask 2       `marsad run ... --task-runner dask --workers 2` into another fresh data dir;
               its warehouse must equal the first run's, table for table, row for row

Every CLI run but the kept ones includes Prefect's fixed start-up (a temporary API server, about 15-20 s);
it is reported as is, which is why "new/ingest s" (marsad's own ingest timer) and
"N/wall s" differ so much at small N. Peak memory is ru_maxrss from os.wait4: the largest
resident set of the child or of any descendant it waited for (not a sum over processes: a
Dask worker's own peak is not added to the run's).

The article files are built once from ../shared/corpus (first N lines of the corpus) into
.bench/articles-N/ under the repo root and reused; child stderr goes to .bench/logs/.

Run:  make bench
      .venv/bin/python bench/bench_ingest.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# The repository root (this file lives in bench/).
REPO_ROOT = Path(__file__).resolve().parent.parent
# The shared corpus; the benchmark needs it and skips cleanly without it.
CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "saudinewsnet" / "saudinewsnet_all_31030.jsonl.gz"
# Gitignored cache for generated article folders and child logs.
CACHE_DIR = REPO_ROOT / ".bench"
# Where each child's stderr is kept, for looking into a failure.
LOG_DIR = CACHE_DIR / "logs"
# Article counts measured when --sizes is not given.
DEFAULT_SIZES = [1000, 10000]
# The console script installed beside the Python that runs this file (.venv/bin/marsad).
MARSAD = Path(sys.executable).parent / "marsad"
# Format of the corpus's date_extracted field, e.g. "2015-07-21 02:51:32".
CORPUS_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
# Digits in article file names: 00000.txt, 00000.meta.json, ...
NAME_DIGITS = 5
# The Dask run measured beside the default one (a local cluster of 2 worker processes).
DASK = ("--task-runner", "dask", "--workers", "2")
# Tables whose row counts the report shows.
SHOWN_TABLES = ("documents", "sentences")
# Column headers and widths of the printed table.
COLUMNS = [("N", 6), ("mode", 11), ("wall s", 7), ("ingest s", 8), ("build s", 7),
           ("new/ingest s", 12), ("N/wall s", 8), ("peak MiB", 8), ("new", 6),
           ("documents", 9), ("sentences", 9)]


@dataclass
class Result:
    """One measured run: timings, memory and counts, or why it failed."""

    n: int
    mode: str
    wall: float = 0.0
    peak_kib: int = 0
    ingest: float | None = None
    build: float | None = None
    new: int | None = None
    rows: dict | None = None
    error: str | None = None


@dataclass
class Child:
    """What a finished child process left: exit code, stdout, wall time and peak RSS."""

    code: int
    stdout: str
    wall: float
    peak_kib: int
    log: Path


# ---------------------------------------------------------------- article files


def article_lines(record: dict) -> list[str]:
    """Title on line 1, then the content's paragraphs one per line (stripped, no empties)."""
    title = " ".join((record.get("title") or "").split())
    paragraphs = (record.get("content") or "").replace("\r\n", "\n").split("\n\n")
    lines = [line.strip() for para in paragraphs for line in para.split("\n")]
    return [title] + [line for line in lines if line]


def sidecar(record: dict) -> dict:
    """The .meta.json content: url, ISO published date (when parseable) and outlet."""
    meta = {"url": record.get("url"), "outlet": record.get("source")}
    try:
        meta["published"] = datetime.strptime(record["date_extracted"], CORPUS_DATE_FORMAT).isoformat()
    except (KeyError, TypeError, ValueError):
        pass
    return {k: v for k, v in meta.items() if v}


def corpus_records(limit: int):
    """The first `limit` corpus records, parsed."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if i >= limit:
                return
            yield json.loads(line)


def write_articles(target: Path, n: int) -> int:
    """Write n article files with sidecars into target; return how many were written."""
    count = 0
    for i, record in enumerate(corpus_records(n)):
        stem = target / f"{i:0{NAME_DIGITS}d}"
        stem.with_suffix(".txt").write_text("\n".join(article_lines(record)) + "\n", encoding="utf-8")
        Path(f"{stem}.meta.json").write_text(json.dumps(sidecar(record), ensure_ascii=False), encoding="utf-8")
        count += 1
    return count


def is_complete(folder: Path, n: int) -> bool:
    """Whether a cached article folder holds exactly n articles."""
    return folder.is_dir() and sum(1 for p in folder.iterdir() if p.suffix == ".txt") == n


def articles_dir(n: int) -> Path | None:
    """The cached folder of n articles, built (atomically) if absent; None if the corpus is too small."""
    folder = CACHE_DIR / f"articles-{n}"
    if is_complete(folder, n):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f"articles-{n}.building-", dir=CACHE_DIR))
    note(f"building {n:,} article files in {folder.relative_to(REPO_ROOT)}/ ...")
    written = write_articles(building, n)
    if written < n:
        shutil.rmtree(building)
        note(f"skipping N={n:,}: the corpus has only {written:,} articles")
        return None
    building.rename(folder)
    return folder


# ---------------------------------------------------------------- measuring


def run_child(argv: list[str], log_name: str, env: dict[str, str] | None = None) -> Child:
    """Run argv with stdout captured and stderr to a log (environment: this one, a temporary API
    unless `env` says otherwise); return its rusage-based measures."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = LOG_DIR / f"{log_name}.stderr"
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, open(log, "w", encoding="utf-8") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=REPO_ROOT,
                                env={**os.environ, "MARSAD_PREFECT_SERVER": "temporary", **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        stdout = out.read()
    return Child(proc.returncode, stdout, wall, usage.ru_maxrss, log)


def failure(child: Child) -> str:
    """A one-line reason for a failed child: exit code and the last line it wrote to stderr."""
    lines = [line for line in child.log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    last = lines[-1].strip() if lines else "no output"
    return f"exit {child.code}: {last} (log: {child.log.relative_to(REPO_ROOT)})"


def parse_json(child: Child) -> dict | None:
    """The JSON object a child printed on stdout, or None if there is none."""
    try:
        data = json.loads(child.stdout)
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None


def cli_run(n: int, mode: str, articles: Path, data_dir: Path, extra: tuple = (),
            env: dict[str, str] | None = None) -> Result:
    """One `marsad run --json` in a child; its summary, wall time and peak memory."""
    child = run_child([str(MARSAD), "run", str(articles), "--data-dir", str(data_dir), "--json", *extra],
                      f"{n}-{mode.replace(' ', '-')}", env)
    result = Result(n, mode, child.wall, child.peak_kib)
    summary = parse_json(child)
    if child.code != 0 or summary is None:
        result.error = failure(child) if child.code != 0 else "no JSON summary on stdout"
        return result
    result.ingest, result.build = summary.get("ingest_seconds"), summary.get("build_seconds")
    result.new = summary.get("documents", {}).get("new")
    result.rows = summary.get("rows", {})
    return result


def lake_rows(lake: Path) -> dict:
    """Rows per shown table in the lake's Parquet files (from footers, cheap)."""
    import pyarrow.parquet as pq

    return {table: sum(pq.ParquetFile(p).metadata.num_rows for p in (lake / table).glob("*.parquet"))
            for table in SHOWN_TABLES}


def same_warehouses(a: Path, b: Path) -> bool:
    """Whether two warehouses hold the same rows in every table (run timestamps aside; tables only:
    the views read the lake's files, and the build's book-keeping names them)."""
    import duckdb

    def rows(path: Path) -> dict:
        with duckdb.connect(str(path), read_only=True) as con:
            columns = con.execute("""select table_name, list(column_name order by ordinal_position)
                from information_schema.columns where table_schema = 'main'
                and data_type not like 'TIMESTAMP%' and column_name not in ('elapsed_s', 'seconds')
                and not starts_with(table_name, 'marsad_build')
                and table_name in (select table_name from information_schema.tables
                                   where table_schema = 'main' and table_type = 'BASE TABLE')
                group by table_name""").fetchall()
            return {t: sorted(con.execute("select " + ", ".join(f'"{c}"' for c in cols) + f' from "{t}"').fetchall(),
                              key=repr) for t, cols in columns}

    return rows(a) == rows(b)


def bench_size(n: int) -> list[Result]:
    """The three measured runs for n articles, each in a fresh temporary data dir."""
    articles = articles_dir(n)
    if articles is None:
        return []
    results = []
    with tempfile.TemporaryDirectory(prefix=f"marsad-bench-{n}-") as tmp:
        data_dir = Path(tmp) / "cli"
        for mode in ("cli first", "cli second"):
            note(f"N={n:,}: {mode} run ...")
            results.append(cli_run(n, mode, articles, data_dir))
        results += kept_runs(n, articles, data_dir, Path(tmp) / "state")
        note(f"N={n:,}: dask 2 workers ...")
        dask = cli_run(n, "dask 2", articles, Path(tmp) / "dask", DASK)
        results.append(dask)
        if not dask.error and not same_warehouses(data_dir / "marsad.duckdb", Path(tmp) / "dask" / "marsad.duckdb"):
            dask.error = "the Dask run's warehouse differs from the default run's"
    return results


def kept_runs(n: int, articles: Path, data_dir: Path, state: Path) -> list[Result]:
    """Two re-runs reporting to a kept server in `state`: the first starts it, the second is the
    no-op re-run users see once their server runs; the server is stopped at the end."""
    sys.path.insert(0, str(REPO_ROOT))
    from marsad import local_server

    env = {"MARSAD_PREFECT_SERVER": "local", "MARSAD_STATE_DIR": str(state)}
    try:
        note(f"N={n:,}: re-runs with a kept server ...")
        return [cli_run(n, mode, articles, data_dir, env=env) for mode in ("kept start", "no-op kept")]
    finally:
        local_server.stop(state)


# ---------------------------------------------------------------- reporting


def fmt(value, digits: int = 1) -> str:
    """A number for the table, '-' when absent."""
    if value is None:
        return "-"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.{digits}f}"


def rate(count: int | None, seconds: float | None) -> float | None:
    """count per second, or None when either is missing or zero."""
    return count / seconds if count and seconds else None


def table_row(r: Result) -> list[str]:
    """The printed cells of one result."""
    rows = r.rows or {}
    return [fmt(r.n), r.mode, fmt(r.wall), fmt(r.ingest, 2), fmt(r.build, 2),
            fmt(rate(r.new, r.ingest)), fmt(rate(r.n, r.wall)), fmt(r.peak_kib / 1024, 0),
            fmt(r.new), fmt(rows.get("documents")), fmt(rows.get("sentences"))]


def print_table(results: list[Result]) -> None:
    """The results as an aligned text table, then any failures one per line."""
    print("  ".join(f"{name:>{width}}" if i != 1 else f"{name:<{width}}"
                    for i, (name, width) in enumerate(COLUMNS)))
    for r in results:
        cells = table_row(r)
        print("  ".join(f"{c:>{w}}" if i != 1 else f"{c:<{w}}" for i, (c, (_, w)) in enumerate(zip(cells, COLUMNS))))
    for r in results:
        if r.error:
            print(f"failed: N={r.n:,} {r.mode}: {r.error}")


def note(message: str) -> None:
    """A progress line on stderr."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description="marsad ingest benchmark (documents per second, peak memory)")
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES, metavar="N",
                        help="article counts to measure (default: 1000 10000)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Measure every size and print the table; exit 0 without the corpus."""
    args = parse_args(argv)
    if not CORPUS.is_file():
        print(f"bench: skipped, the benchmark needs the corpus at {CORPUS} (../shared/corpus)")
        return 0
    if not MARSAD.exists():
        print(f"bench: {MARSAD} not found; run `make bench` (it installs marsad into .venv)")
        return 1
    results: list[Result] = []
    try:
        for n in args.sizes:
            results += bench_size(n)
    except KeyboardInterrupt:
        note("interrupted; results so far:")
    print_table(results)
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
