"""Kill-at-random matrix (issue 17): `marsad run` killed with SIGKILL at seeded random points of its
ingest, extract and build stages, again and again, then run to the end; its tables must equal those
of one clean run on the same articles.

The input folder grows by one chunk of corpus articles before each run, as a news folder does, so
every run has documents to ingest, extract and build. A kill point is a stage (each in turn, in a
seeded order) and a random moment in it: after the next 1-3 lake files of ingest or extract, or once
the warehouse build has begun, plus a random delay. Each run is a real `marsad run` (its own
process, Prefect flows and tasks); they all report to one Prefect API started here, so a run does
not wait 10-20 s for a temporary server of its own. The clean run calls the same library stages in
this process, without Prefect.

    python bench/kill_matrix.py --articles 2000 --kills 20 --seed 17

Prints one line per run (the stage aimed at, killed or not, the stages the kill fell in), then the
comparison with the clean run: rows per table, rows missing or extra, duplicate keys in the lake.
Exit 1 on any difference."""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "bench"))
sys.path.insert(0, str(REPO_ROOT))

from bench_ingest import CORPUS, write_articles  # noqa: E402

log = logging.getLogger("kill_matrix")

# Columns that record when something happened, not what: they differ between any two runs.
VOLATILE = re.compile(r"(_at|elapsed_s)$")
SKIPPED_TABLES = {"marsad_build", "marsad_build_files", "marsad_build_docs"}   # the build's own book-keeping
# Keys that must be unique in the lake (a duplicate is a row written twice).
LAKE_KEYS = {"documents": "doc_id", "sentences": "sentence_id", "extractions": "doc_id, extractor",
             "claims": "claim_id, extractor", "events": "event_id, extractor"}
# The log lines that show a stage had begun (task runs log when they finish; flows log as they go).
BEGUN = {
    "ingest": ("files sorted before the flow", "read-parse-documents", "parse-documents", "write-lake"),
    # extract-written-batch and the waiting line: the pipeline's extraction of each batch as ingest
    # writes it (on workers; flows/extract.py ReadAsWritten); then the extract flow's own tasks
    "extract": ("extract-written-batch", "waiting for the extraction workers", "find-pending-extractions",
                "extract-batch"),
}
# The lines that show ingest had read and written every document (extraction may still run).
INGEST_DONE = re.compile(r"waiting for the extraction workers|ingested: |Beginning subflow run 'extract")
STAGES = ("ingest", "extract", "build")
# How often the data dir is looked at for a kill point (a directory listing: cheap).
POLL_SECONDS = 0.01
# Chunks of the input per kill asked for: a run that ends before its kill point is not a kill, and
# the next chunk aims at the same stage (twice as many chunks as kills was always enough at 2,000).
SPARE_RUNS = 2


@dataclass
class Run:
    """One `marsad run`: whether it was killed, after how long, the stages the kill interrupted."""

    seconds: float
    killed: bool
    stages: frozenset[str]
    code: int | None

    @property
    def stage(self) -> str:
        """The stages the kill fell in, joined ('ingest+extract': extraction runs as ingest writes)."""
        return "+".join(s for s in STAGES if s in self.stages) or "done"


@dataclass(frozen=True)
class Written:
    """What a run had written when looked at: its lake files so far, whether its build had begun."""

    documents: int
    extractions: int
    building: bool


@dataclass
class Outcome:
    """The matrix's result: the runs, and how the final tables compare with the clean run's."""

    runs: list[Run] = field(default_factory=list)
    clean_seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)
    missing: dict[str, int] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)
    duplicates: dict[str, int] = field(default_factory=dict)

    @property
    def identical(self) -> bool:
        """Final tables equal the clean run's, with no duplicate key in the lake."""
        return not (any(self.missing.values()) or any(self.extra.values()) or any(self.duplicates.values()))

    @property
    def kills(self) -> int:
        """How many runs were really killed (a run may finish before its moment)."""
        return sum(run.killed for run in self.runs)

    @property
    def interrupted(self) -> set[str]:
        """Every stage some kill fell in."""
        return set().union(*(run.stages for run in self.runs if run.killed))


def marsad(folder: Path, data_dir: Path, batch_size: int, env: dict, when: Callable[[], bool] | None = None,
           delay: float = 0.0) -> Run:
    """Run `marsad run` on folder; SIGKILL it `delay` seconds after `when()` turns true, if it runs still."""
    command = [sys.executable, "-m", "marsad.cli", "run", str(folder), "--data-dir", str(data_dir),
               "--batch-size", str(batch_size), "--verbose"]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        started, since = time.monotonic(), time.time_ns()
        before = written(data_dir, since)
        proc = subprocess.Popen(command, env=env, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=err,
                                stdin=subprocess.DEVNULL)
        at_kill = _kill_when(proc, when, delay, lambda: written(data_dir, since)) if when else None
        proc.wait()
        seconds = time.monotonic() - started
        err.seek(0)
        log_text = err.read()
    if at_kill is None and proc.returncode != 0:
        raise RuntimeError(f"marsad run failed ({proc.returncode}):\n{log_text[-3000:]}")
    stages = stages_at_kill(log_text, before, at_kill) if at_kill else frozenset()
    return Run(seconds, at_kill is not None, stages, proc.returncode)


def _kill_when(proc: subprocess.Popen, when: Callable[[], bool], delay: float,
               look: Callable[[], Written]) -> Written | None:
    """SIGKILL proc `delay` seconds after when() is first true, and what it had written then; None
    if proc ends before."""
    while proc.poll() is None:
        if when():
            time.sleep(delay)
            seen = look()
            if proc.poll() is not None:
                return None
            proc.send_signal(signal.SIGKILL)
            return seen
        time.sleep(POLL_SECONDS)
    return None


def kill_point(rng: random.Random, stage: str, data_dir: Path) -> tuple[Callable[[], bool], float]:
    """A seeded random moment of a stage: after the next 1-3 lake files of the stage, or once the
    warehouse build has begun, plus a random delay."""
    if stage == "build":                  # a killed build leaves its file: wait for this run's
        building, since = data_dir / "marsad.duckdb.building", time.time_ns()
        return (lambda: modified_since(building, since)), rng.uniform(0.0, 0.5)
    folder = data_dir / "lake" / ("documents" if stage == "ingest" else "extractions")
    target = parquet_files(folder) + rng.randint(1, 3)
    return (lambda: parquet_files(folder) >= target), rng.uniform(0.0, 0.3)


def modified_since(path: Path, since_ns: int) -> bool:
    """Whether the file exists and was written at or after since_ns."""
    try:
        return path.stat().st_mtime_ns >= since_ns
    except FileNotFoundError:
        return False


def parquet_files(folder: Path) -> int:
    """How many Parquet files a lake folder holds."""
    return sum(1 for _ in folder.rglob("*.parquet")) if folder.exists() else 0


def written(data_dir: Path, since_ns: int) -> Written:
    """The run's lake files so far and whether its build (begun at or after since_ns) has begun."""
    lake = data_dir / "lake"
    return Written(parquet_files(lake / "documents"), parquet_files(lake / "extractions"),
                   modified_since(data_dir / "marsad.duckdb.building", since_ns))


def stages_at_kill(log_text: str, before: Written, at_kill: Written) -> frozenset[str]:
    """The stages a kill interrupted ({'start-up'} before any). Ingest and extraction overlap (each
    batch is extracted as soon as ingest writes it), so a kill may fall in both: ingest until its
    log shows every document written, extract once the run wrote an extraction file or its log
    shows extraction begun; the build once its file was written this run."""
    if at_kill.building:
        return frozenset({"build"})
    stages = set()
    began = {stage: any(line in log_text for line in lines) for stage, lines in BEGUN.items()}
    if (began["ingest"] or at_kill.documents > before.documents) and not INGEST_DONE.search(log_text):
        stages.add("ingest")
    if began["extract"] or at_kill.extractions > before.extractions:
        stages.add("extract")
    return frozenset(stages or {"start-up"})


def snapshot(data_dir: Path) -> dict[str, list[tuple]]:
    """Every warehouse table's rows (volatile columns left out), sorted."""
    with duckdb.connect(str(data_dir / "marsad.duckdb"), read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from information_schema.tables "
                                            "where table_type = 'BASE TABLE' and table_schema = 'main' order by 1").fetchall()]
        out = {}
        for table in tables:
            if table in SKIPPED_TABLES:
                continue
            columns = [c for (c,) in con.execute("select column_name from information_schema.columns "
                                                 "where table_schema = 'main' and table_name = ? order by ordinal_position", [table]).fetchall()
                       if not VOLATILE.search(c)]
            quoted = ", ".join(f'"{c}"' for c in columns)
            rows = con.execute(f"select {quoted} from {table}").fetchall()
            out[table] = sorted(rows, key=repr)
    return out


def lake_duplicates(data_dir: Path) -> dict[str, int]:
    """Rows whose key appears more than once, per lake table."""
    found = {}
    for table, key in LAKE_KEYS.items():
        files = sorted(str(p) for p in (data_dir / "lake" / table).rglob("*.parquet"))
        if not files:
            continue
        total, distinct = duckdb.execute(
            f"select count(*), count(distinct ({key})) from read_parquet($files, union_by_name=true)",
            {"files": files}).fetchone()
        found[table] = total - distinct
    return found


def compare(outcome: Outcome, clean: dict, final: dict) -> None:
    """Fill the outcome's per-table row counts and differences."""
    from collections import Counter

    for table in sorted(set(clean) | set(final)):
        a, b = Counter(map(repr, clean.get(table, []))), Counter(map(repr, final.get(table, [])))
        outcome.rows[table] = sum(a.values())
        outcome.missing[table] = sum((a - b).values())
        outcome.extra[table] = sum((b - a).values())


def chunks(folder: Path, parts: int) -> list[list[Path]]:
    """The article files (with their sidecars) of folder, split into `parts` chunks in name order."""
    stems = sorted(p.with_suffix("") for p in folder.glob("*.txt"))
    size = -(-len(stems) // parts)
    return [[f for stem in stems[k:k + size] for f in (stem.with_suffix(".txt"), Path(f"{stem}.meta.json"))
             if f.exists()] for k in range(0, len(stems), size)]


def run_env(home: Path) -> dict:
    """Environment of the runs: marsad's quiet Prefect defaults and a Prefect home of their own."""
    from marsad import prefect_env as defaults

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MARSAD_"))}
    # stages_at_kill reads the task runs' own log lines, which marsad's defaults keep off the console
    task_lines = {"PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "INFO"}
    return {**env, **defaults.DEFAULTS, **task_lines, "PREFECT_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)}


def run_matrix(articles: int, kills: int, seed: int, batch_size: int, work: Path) -> Outcome:
    """The clean run, then the killed runs on a growing folder, the final run, and the comparison."""
    from marsad.temp_api import start_server, stop_server

    pool, grown = work / "articles", work / "input"          # both runs read the same paths
    pool.mkdir(parents=True)
    if write_articles(pool, articles) < articles:
        raise RuntimeError(f"the corpus has fewer than {articles} articles")
    shutil.copytree(pool, grown)
    outcome, env = Outcome(), run_env(work / "prefect-home")
    url, server = start_server(180, env)         # one API for every run: no 10-20 s start each time
    try:
        env = {**env, "PREFECT_API_URL": url}
        outcome.clean_seconds = marsad(grown, work / "clean", batch_size, env).seconds   # the reference
        shutil.rmtree(grown)
        grown.mkdir()
        _killed_runs(outcome, env, pool, grown, work / "killed", random.Random(seed), kills, batch_size)
    finally:
        stop_server(server)
    compare(outcome, snapshot(work / "clean"), snapshot(work / "killed"))
    outcome.duplicates = lake_duplicates(work / "killed")
    return outcome


def _killed_runs(outcome: Outcome, env: dict, pool: Path, grown: Path, data_dir: Path, rng: random.Random,
                 kills: int, batch_size: int) -> None:
    """Add a chunk of articles, run, kill at a random point of a stage until `kills` runs were really
    killed and every stage was interrupted at least once (a run may end before its moment, and a
    kill aimed at ingest may land once ingest is done: the stage is aimed at again with the next
    chunk); then the chunks left and a final run to the end."""
    order = list(STAGES)
    rng.shuffle(order)
    parts = chunks(pool, SPARE_RUNS * kills)
    while parts and (outcome.kills < kills or not set(STAGES) <= outcome.interrupted):
        for path in parts.pop(0):
            shutil.copy2(path, grown / path.name)
        stage = next((s for s in order if s not in outcome.interrupted), order[outcome.kills % len(order)])
        when, delay = kill_point(rng, stage, data_dir)
        run = marsad(grown, data_dir, batch_size, env, when, delay)
        outcome.runs.append(run)
        log.info("run %2d: aimed at %-7s %-6s after %5.1f s, in %s", len(outcome.runs) - 1, stage,
                 "killed" if run.killed else "ended", run.seconds, run.stage)
    for path in (f for part in parts for f in part):
        shutil.copy2(path, grown / path.name)
    outcome.runs.append(marsad(grown, data_dir, batch_size, env))
    log.info("final run: %.1f s", outcome.runs[-1].seconds)


def report(outcome: Outcome) -> str:
    """A short text report of the matrix."""
    stages = {}
    for run in outcome.runs:
        if run.killed:
            stages[run.stage] = stages.get(run.stage, 0) + 1   # 'ingest+extract' counted as one
    lines = [f"kills: {outcome.kills} ({', '.join(f'{s} {n}' for s, n in sorted(stages.items()))}); "
             f"runs: {len(outcome.runs)}; clean run (marsad run, no kill) {outcome.clean_seconds:.1f} s",
             f"rows compared: {sum(outcome.rows.values()):,} in {len(outcome.rows)} tables; "
             f"missing {sum(outcome.missing.values())}, extra {sum(outcome.extra.values())}; "
             f"duplicate lake keys {sum(outcome.duplicates.values())} {json.dumps(outcome.duplicates)}",
             "identical to the clean run" if outcome.identical else "DIFFERENT from the clean run"]
    lines += [f"  {t}: {outcome.rows[t]} rows, missing {outcome.missing[t]}, extra {outcome.extra[t]}"
              for t in outcome.rows if outcome.missing[t] or outcome.extra[t]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the matrix with the given sizes; print the report; 1 if the tables differ."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=17)
    # small batches: each run writes several lake files per stage, so a kill point after 1-3 of them
    # falls inside the stage (at 100, a run of ~100 new articles wrote one and ended before most)
    parser.add_argument("--batch-size", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not CORPUS.exists():
        log.error("needs the corpus at %s", CORPUS)
        return 2
    work = Path(tempfile.mkdtemp(prefix="kill-matrix-"))
    try:
        outcome = run_matrix(args.articles, args.kills, args.seed, args.batch_size, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(report(outcome))
    return 0 if outcome.identical else 1


if __name__ == "__main__":
    sys.exit(main())
