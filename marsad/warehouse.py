"""Build the DuckDB warehouse from the lake: source views, sql/ models in order, data tests.

A build writes a new file beside the warehouse and swaps it in with os.replace only after the
data tests pass, so readers are never blocked and never see a half-built or failing warehouse.

Builds are incremental (dbt's delete+insert pattern): when the lake only gained files since the
published build and the SQL is the same, the build starts from a copy of the published file and,
for each mart that names a change set (`-- incremental: changed_docs`), deletes the rows of the
changed keys and inserts them again from the models' SQL; the change sets (sql/changes/) hold
every key, so a full build runs the very same SQL. Data tests then check the changed rows.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb
import pyarrow as pa

from . import compaction, translit
from .catalog import PublishReport, publish as publish_to_catalog
from .errors import DataTestFailed, MarsadError, QueryRefused, WarehouseError
from . import storage
from .schema import TABLES
from .settings import Settings

log = logging.getLogger(__name__)

LAYERS = ("staging", "changes", "marts")
MATERIALIZE = {"staging": "view", "changes": "table", "marts": "table"}
CHANGES = "changes"             # schema of the change sets (sql/changes/), out of the marts' way
BUILD_TABLE = "marsad_build"
FILES_TABLE = "marsad_build_files"  # the lake files a build read: the next one reads only newer
DOCS_TABLE = "marsad_build_docs"    # which documents each lake file holds
BOOKKEEPING = (BUILD_TABLE, FILES_TABLE, DOCS_TABLE)     # tables of the build, not marts
DOC_CHANGES = "changed_docs"        # the change set the lake tables below are narrowed to
ACTOR_CHANGES = "changed_actors"    # the actors whose names romanize() learns (actors.name)
# Lake tables every model reads only through `changed_docs` (after that change set is made):
# an incremental build then reads only their files that hold a changed document. doc_actors is
# not one: `actors` reads every current mention of a changed actor.
BY_DOCUMENT = ("documents", "sentences", "extractions", "actor_mentions", "claims",
               "claim_mentions", "claim_speakers", "events")
BUILD_LOCK = ".build.lock"      # in the data dir: held for a whole build (see build_lock)
IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
REPLACED = "_replaced"     # changes.<mart>_replaced: the rows of <mart> an incremental build replaced
COMMENT = re.compile(r"--[^\n]*")
GRAIN = re.compile(r"^--\s*grain:\s*(.+)$", re.MULTILINE)
INCREMENTAL = re.compile(r"^--\s*incremental:\s*(\w+)", re.MULTILINE)
TEST_SCOPE = re.compile(r"^--\s*tests scope:\s*(\w+)", re.MULTILINE)  # else the incremental set
FILES_SCHEMA = pa.schema([("lake_table", pa.string()), ("file", pa.string()),
                          ("size_bytes", pa.int64()), ("mtime_ns", pa.int64())])
# Marts the data tests always read whole: other marts' rows are checked against them.
WHOLE_IN_TESTS = ("actors",)
# Data tests run this many at a time, each on its own cursor: the three offsets tests are each
# one core's work (sentences_offsets_in_text 0.39 s of wall and of CPU on 10,000 corpus articles,
# all 35 tests 1.25 s wall, 1.53 s CPU one after another; 2026-12-07, this 2-core machine).
TEST_THREADS = 2
# A full build runs this many models at a time, each on its own cursor (DuckDB runs a query on
# every core, but many models spend part of their time on one: 10,000 corpus articles, the
# models one after another 3.5 s wall, 5.0 s CPU; 2026-12-07, this 2-core machine).
BUILD_THREADS = 2


@dataclass(frozen=True)
class Model:
    """One SQL model: a select statement in sql/<layer>/<name>.sql."""

    name: str
    layer: str
    sql: str
    grain: str | None
    incremental: str | None = None  # the change set whose keys an incremental build replaces
    test_scope: str | None = None   # the change set the data tests read its rows by, if not that one
    keeps_replaced: bool = False    # another model reads the rows a build replaced (changes.<name>_replaced)

    @property
    def body(self) -> str:
        """The statement without comments or a trailing semicolon."""
        return COMMENT.sub("", self.sql).strip().rstrip(";")


@dataclass
class BuildReport:
    """What a build did: row counts per mart, tests run, and whether it was skipped."""

    path: Path
    rows: dict[str, int] = field(default_factory=dict)
    tests: int = 0
    skipped: bool = False
    seconds: float = 0.0
    catalog: PublishReport | None = None    # when the marts were published to a catalog (--catalog)

    def as_markdown(self) -> str:
        """The build as Markdown, for the build's artifact in the Prefect UI."""
        state = "already up to date" if self.skipped else f"rebuilt; {self.tests} data tests passed"
        table = "\n".join(f"| {name} | {count:,} |" for name, count in sorted(self.rows.items()))
        return (f"# marsad warehouse\n\n`{self.path}`: {state} in {self.seconds:.1f} s.{self._published()}\n\n"
                f"| table | rows |\n| --- | ---: |\n{table}\n")

    def _published(self) -> str:
        """A sentence on the catalog publish, if there was one."""
        if self.catalog is None:
            return ""
        if self.catalog.skipped:
            return " The catalog already held these marts."
        return (f" Published to the catalog: {self.catalog.added:,} rows added, {self.catalog.removed:,} "
                f"removed (snapshot {self.catalog.snapshot}).")


def load_models(sql_dir: Path) -> list[Model]:
    """Models of every layer, in dependency order."""
    models = {}
    for layer in LAYERS:
        for path in sorted((Path(sql_dir) / layer).glob("*.sql")):
            sql = path.read_text(encoding="utf-8")
            grain, incremental, scope = GRAIN.search(sql), INCREMENTAL.search(sql), TEST_SCOPE.search(sql)
            models[path.stem] = Model(path.stem, layer, sql, grain.group(1).strip() if grain else None,
                                      incremental.group(1) if incremental else None,
                                      scope.group(1) if scope else None)
    graph = {name: _references(model, models) for name, model in models.items()}
    kept = set().union(*(_replaced_read(model, models) for model in models.values()))
    if unkept := sorted(name for name in kept if not models[name].incremental):
        raise WarehouseError(f"{', '.join(f'{n}{REPLACED}' for n in unkept)}: read by a model, but "
                             "only a mart an incremental build updates replaces rows")
    ordered = [models[name] for name in TopologicalSorter(graph).static_order()]
    return [replace(m, keeps_replaced=True) if m.name in kept else m for m in ordered]


def _references(model: Model, models: dict[str, Model]) -> set[str]:
    """Names of other models a model's SQL mentions (reading <name>_replaced counts as reading
    <name>: it is made as <name> is updated), and its change set."""
    named = {w for w in IDENTIFIER.findall(model.body.lower()) if w in models and w != model.name}
    return named | _replaced_read(model, models) | ({model.incremental} if model.incremental in models else set())


def _replaced_read(model: Model, models: dict[str, Model]) -> set[str]:
    """The models whose replaced rows (changes.<name>_replaced) a model reads."""
    words = IDENTIFIER.findall(model.body.lower())
    return {w[:-len(REPLACED)] for w in words if w.endswith(REPLACED) and w[:-len(REPLACED)] in models}


def load_tests(sql_dir: Path) -> dict[str, str]:
    """Data tests by name: queries that must return no rows."""
    return {p.stem: COMMENT.sub("", p.read_text(encoding="utf-8")).strip().rstrip(";")
            for p in sorted((Path(sql_dir) / "tests").glob("*.sql"))}


class Stamp(str):
    """A build's fingerprint; `full` when the build must start from scratch (--force-build)."""

    full: bool = False


@dataclass
class Plan:
    """What a build reads: every lake file (path, size, mtime) per table, and which are new."""

    files: dict[str, list[tuple[str, int, int]]]
    new: dict[str, list[str]]
    incremental: bool
    # (table, file the last build read) -> the compacted file that now holds its rows (compaction.py)
    renamed: dict[tuple[str, str], str] = field(default_factory=dict)


def lake_files(settings: Settings) -> dict[str, list[tuple[str, int, int]]]:
    """Every lake table's Parquet files, with size and modification time (local or on S3)."""
    lake = storage.store(settings.lake_dir)
    return {table: lake.files(table) for table in TABLES}


def sql_hash(sql_dir: Path) -> str:
    """Hash of every SQL file: a build from other SQL starts from scratch."""
    digest = hashlib.sha256()
    for path in sorted(Path(sql_dir).rglob("*.sql")):
        digest.update(f"{path.relative_to(sql_dir)}\n".encode() + path.read_bytes())
    return digest.hexdigest()


def fingerprint(settings: Settings) -> str:
    """Hash of every lake file (path, size, mtime) and every SQL file, to skip needless builds."""
    digest = hashlib.sha256(sql_hash(settings.sql_dir).encode())
    for table, files in lake_files(settings).items():
        for path, size, mtime in files:
            digest.update(f"{table}/{path}:{size}:{mtime}\n".encode())
    return digest.hexdigest()


def needs_build(settings: Settings, force: bool = False) -> Stamp | None:
    """The fingerprint to build for (full when forced), or None when the warehouse is up to date."""
    stamp = Stamp(fingerprint(settings))
    stamp.full = force
    return stamp if force or _built_stamp(settings.warehouse_path) != stamp else None


def plan_build(settings: Settings, full: bool = False) -> Plan:
    """Incremental when the published build read a subset of today's lake files with today's SQL."""
    files = lake_files(settings)
    current = {(table, *f) for table, rows in files.items() for f in rows}
    previous = None if full else _built_files(settings.warehouse_path, sql_hash(settings.sql_dir))
    renamed = _compacted(settings, previous, files) if previous is not None else {}
    covered = {(table, *f) for table, f in renamed}
    if previous is None or not previous <= current | covered:
        return Plan(files, {table: [f[0] for f in rows] for table, rows in files.items()}, False)
    merged = set(renamed.values())
    new = {table: [f[0] for f in rows if (table, *f) not in previous and (table, f[0]) not in merged]
           for table, rows in files.items()}
    return Plan(files, new, True, {(table, f[0]): name for (table, f), (_, name) in renamed.items()})


def _compacted(settings: Settings, previous: set, files: dict[str, list[tuple[str, int, int]]]
               ) -> dict[tuple[str, tuple[str, int, int]], tuple[str, str]]:
    """(table, file the last build read) -> (table, compacted file holding its rows), for the
    compacted files whose every source that build read: their rows are not new."""
    out = {}
    for (table, name), sources in compaction.replaced(settings.lake_dir, files).items():
        if all((table, *f) in previous for f in sources):
            out.update({(table, tuple(f)): (table, name) for f in sources})
    return out


def read_files(settings: Settings) -> set[tuple[str, str]]:
    """(table, file) of every lake file the published warehouse read (none without one, or when
    the SQL changed since: its next build reads everything)."""
    built = _built_files(settings.warehouse_path, sql_hash(settings.sql_dir)) or set()
    return {(table, name) for table, name, _, _ in built}


def _built_files(path: Path, sql: str) -> set[tuple[str, str, int, int]] | None:
    """The lake files the published build read, if it was built from the same SQL."""
    if not path.exists():
        return None
    try:
        with storage.quiet_connect(str(path), read_only=True) as con:
            if con.execute(f"select sql_hash from {BUILD_TABLE}").fetchone()[0] != sql:
                return None
            return set(con.execute(f"select lake_table, file, size_bytes, mtime_ns from {FILES_TABLE}").fetchall())
    except duckdb.Error:
        return None


def candidate_path(settings: Settings) -> Path:
    """Where a build writes before the swap."""
    target = settings.warehouse_path
    return target.with_name(target.name + ".building")


def build_candidate(settings: Settings, stamp: str) -> Path:
    """Build sources and models into a new file beside the warehouse; return its path.

    An incremental build starts from a copy of the published file (never from the file itself,
    which readers may hold).
    """
    temp = candidate_path(settings)
    discard(temp)
    temp.parent.mkdir(parents=True, exist_ok=True)
    plan = plan_build(settings, getattr(stamp, "full", False))
    try:
        if plan.incremental:
            shutil.copyfile(settings.warehouse_path, temp)
        with storage.quiet_connect(str(temp), config={"memory_limit": settings.build_memory_limit}) as con:
            storage.store(settings.lake_dir).prepare(con)      # an S3 lake is read through httpfs
            _run_models(con, settings.sql_dir, plan)
            _record_build(con, stamp, plan, sql_hash(settings.sql_dir))
            con.execute("checkpoint")
    except BaseException:
        discard(temp)
        raise
    new = sum(len(files) for files in plan.new.values())
    log.info("built %s (%s, %d new lake files)", temp, "incremental" if plan.incremental else "full", new)
    return temp


def _run_models(con: duckdb.DuckDBPyConnection, sql_dir: Path, plan: Plan) -> None:
    """Source views over all lake files and over the new ones, then every model in order."""
    con.execute(f"create schema if not exists {CHANGES}")
    con.execute(f"set search_path = 'main,{CHANGES}'")
    for table, schema in TABLES.items():
        con.execute(_source_view(f"src_{table}", [f[0] for f in plan.files[table]], schema))
        con.execute(_source_view(f"{CHANGES}.new_{table}", plan.new[table], schema))
    _index_documents(con, plan)
    if plan.incremental:
        _build_in_order(con, load_models(sql_dir))
    else:
        _build_in_parallel(con, load_models(sql_dir))
    for table in BY_DOCUMENT:                   # the published views read the whole lake
        con.execute(_source_view(f"src_{table}", [f[0] for f in plan.files[table]], TABLES[table]))


def _build_in_order(con: duckdb.DuckDBPyConnection, models: list[Model]) -> None:
    """An incremental build: the models one after another (the lake views are narrowed to the
    changed documents' files once their change set is known: the models after it read those)."""
    for model in models:
        _timed_create(con, model, True)
        if model.name == DOC_CHANGES:
            _narrow_sources(con)
        if model.name == ACTOR_CHANGES:
            translit.install(con, _romanized_changed_actors(con))


def _build_in_parallel(con: duckdb.DuckDBPyConnection, models: list[Model]) -> None:
    """A full build: each model as soon as the models it reads are built, BUILD_THREADS at a
    time, each thread on a cursor of its own; the first model that fails stops the build."""
    by_name = {model.name: model for model in models}
    graph = TopologicalSorter({model.name: _references(model, by_name) for model in models})
    graph.prepare()
    cursors = _BuildCursors(con)
    try:
        with ThreadPoolExecutor(BUILD_THREADS, thread_name_prefix="build-model") as pool:
            running: set = set()
            while graph.is_active():
                running |= {pool.submit(cursors.create, by_name[name]) for name in graph.get_ready()}
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    graph.done(future.result())
    finally:
        cursors.close()


class _ThreadCursors:
    """One cursor of a connection per thread, readied once (e.g. with temporary views)."""

    def __init__(self, con: duckdb.DuckDBPyConnection,
                 prepare: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> None:
        self.con, self.prepare, self.local, self.opened = con, prepare, threading.local(), []
        self.lock = threading.Lock()

    def mine(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor, opened and readied on first use."""
        if not hasattr(self.local, "cursor"):
            with self.lock:
                cursor = self.con.cursor()
                self.opened.append(cursor)
            cursor.execute(storage.QUIET)
            if self.prepare is not None:
                self.prepare(cursor)
            self.local.cursor = cursor
        return self.local.cursor

    def close(self) -> None:
        """Close every cursor opened."""
        for cursor in self.opened:
            cursor.close()


class _BuildCursors(_ThreadCursors):
    """One cursor of the build's connection per thread (search path set; the romanize macros
    installed once the changed actors are known, before any model that reads them runs)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        super().__init__(con, lambda cursor: cursor.execute(f"set search_path = 'main,{CHANGES}'"))
        self.names: pa.Table | None = None      # romanised names, once ACTOR_CHANGES is built

    def create(self, model: Model) -> str:
        """Build one model on this thread's cursor; its name."""
        cursor = self.mine()
        if self.names is not None and not getattr(self.local, "romanizes", False):
            translit.install(cursor, self.names)
            self.local.romanizes = True
        _timed_create(cursor, model, False)
        if model.name == ACTOR_CHANGES:
            self.names = _romanized_changed_actors(cursor)
        return model.name


def _timed_create(con: duckdb.DuckDBPyConnection, model: Model, incremental: bool) -> None:
    """`_create`, its time logged at debug level."""
    started = time.perf_counter()
    _create(con, model, incremental)
    log.debug("model %s: %.3f s", model.name, time.perf_counter() - started)


def _romanized_changed_actors(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The romanised names (marsad/translit.py) of the changed actors only: the only ones
    `actors` reads. translit.romanized reads the Arabic names of src_doc_actors (14,328 names,
    1.1 s of CPU for 10,000 articles, on every build); a temporary view of that name, found
    first, holds the changed actors' rows while it does."""
    database = _database(con)
    con.execute(f'create temp view src_doc_actors as select * from "{database}".main.src_doc_actors '
                f'semi join "{database}".{CHANGES}.{ACTOR_CHANGES} using (actor_id)')
    try:
        return translit.romanized(con)
    finally:
        con.execute("drop view temp.src_doc_actors")


def _database(con: duckdb.DuckDBPyConnection) -> str:
    """The connection's database name, quoted for a fully qualified name (temp objects shadow main's)."""
    return con.execute("select current_database()").fetchone()[0].replace('"', '""')


def _index_documents(con: duckdb.DuckDBPyConnection, plan: Plan) -> None:
    """Record which documents each new lake file of the tables keyed by document holds."""
    if not plan.incremental:
        con.execute(f"create or replace table {DOCS_TABLE} (lake_table varchar, file varchar, doc_id varchar)")
    if plan.renamed:        # compacted files hold the documents of the files they replaced
        names = pa.table({"lake_table": [t for t, _ in plan.renamed], "old": [f for _, f in plan.renamed],
                          "file": list(plan.renamed.values())})
        con.register("renamed_files", names)
        con.execute(f"update {DOCS_TABLE} set file = r.file from renamed_files r "
                    f"where {DOCS_TABLE}.lake_table = r.lake_table and {DOCS_TABLE}.file = r.old")
        con.unregister("renamed_files")
    for table in BY_DOCUMENT:
        if plan.new[table]:
            con.execute(f"insert into {DOCS_TABLE} select distinct $table, filename, doc_id "
                        "from read_parquet($files, filename = true)", {"table": table, "files": plan.new[table]})


def _narrow_sources(con: duckdb.DuckDBPyConnection) -> None:
    """Point the source views of the tables keyed by document at the files holding a changed one."""
    for table in BY_DOCUMENT:
        files = [r[0] for r in con.execute(
            f"select distinct file from {DOCS_TABLE} semi join {CHANGES}.{DOC_CHANGES} using (doc_id) "
            "where lake_table = ? order by file", [table]).fetchall()]
        con.execute(_source_view(f"src_{table}", files, TABLES[table]))


def _record_build(con: duckdb.DuckDBPyConnection, stamp: str, plan: Plan, sql: str) -> None:
    """Store the build's fingerprint, SQL hash, the build it started from and the lake files it read."""
    previous = _previous_fingerprint(con) if plan.incremental else None
    con.execute(f"create or replace table {BUILD_TABLE} as select ? as fingerprint, now() as built_at, "
                "? as sql_hash, ? as incremental, cast(? as varchar) as previous",
                [str(stamp), sql, plan.incremental, previous])
    rows = [(table, *f) for table, listing in plan.files.items() for f in listing]
    files = pa.Table.from_pylist([dict(zip(FILES_SCHEMA.names, row)) for row in rows], schema=FILES_SCHEMA)
    con.register("lake_files_read", files)
    con.execute(f"create or replace table {FILES_TABLE} as select * from lake_files_read")
    con.unregister("lake_files_read")


def _previous_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint of the build an incremental build copied (a catalog at that build can be
    brought up to this one by the change sets alone: marsad/catalog.py)."""
    return con.execute(f"select fingerprint from {BUILD_TABLE}").fetchone()[0]


def _create(con: duckdb.DuckDBPyConnection, model: Model, incremental: bool) -> None:
    """Create one model as a view (staging) or table; update an incremental mart in place."""
    name = f"{CHANGES}.{model.name}" if model.layer == CHANGES else model.name
    try:
        if incremental and model.incremental:
            _replace_changed(con, name, model)
        else:
            con.execute(f"create or replace {MATERIALIZE[model.layer]} {name} as\n{model.body}")
            if model.keeps_replaced:        # a full build replaces no row
                con.execute(f"create or replace table {CHANGES}.{model.name}{REPLACED} as from {name} where false")
    except duckdb.Error as err:
        raise WarehouseError(f"model {model.layer}/{model.name}.sql failed: {err}") from None


def _replace_changed(con: duckdb.DuckDBPyConnection, name: str, model: Model) -> None:
    """dbt's delete+insert: drop the rows of the changed keys, insert them again from the SQL
    (the rows dropped kept as changes.<name>_replaced when another model reads them)."""
    match = " and ".join(f'{name}."{key}" is not distinct from changed."{key}"'
                         for key in _columns(con, model.incremental))
    if model.keeps_replaced:
        con.execute(f"create or replace table {CHANGES}.{model.name}{REPLACED} as select {name}.* from {name} "
                    f"semi join {CHANGES}.{model.incremental} as changed on {match}")
    con.execute(f"delete from {name} using {CHANGES}.{model.incremental} as changed where {match}")
    con.execute(f"insert into {name} by name\n{model.body}")


def _columns(con: duckdb.DuckDBPyConnection, change_set: str) -> list[str]:
    """Key columns of a change set."""
    return [r[0] for r in con.execute(
        "select column_name from duckdb_columns() where schema_name = ? and table_name = ? "
        "order by column_index", [CHANGES, change_set]).fetchall()]


def test_candidate(path: Path, sql_dir: Path, whole: bool = False, memory_limit: str | None = None) -> int:
    """Run the data tests on a built file; discard it and raise if one fails.

    After an incremental build the tests read only the changed rows of the incremental marts
    (the other marts whole), unless `whole`. `memory_limit`: DuckDB's (setting build_memory_limit).
    """
    config = {"memory_limit": memory_limit} if memory_limit else None
    try:
        with storage.quiet_connect(str(path), read_only=True, config=config) as con:
            if whole or not _was_incremental(con):
                return run_tests(con, sql_dir)
            models = load_models(sql_dir)
            return run_tests(con, sql_dir, lambda cursor: _scope_to_changes(cursor, models))
    except BaseException:
        discard(path)
        raise


def check(settings: Settings) -> int:
    """Run every data test on every row of the published warehouse (the full check)."""
    with storage.quiet_connect(str(settings.warehouse_path), read_only=True) as con:
        return run_tests(con, settings.sql_dir)


def _was_incremental(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the build in this file was incremental."""
    return bool(con.execute(f"select incremental from {BUILD_TABLE}").fetchone()[0])


def built_fully_since(path: Path, when: float) -> bool:
    """Whether the published warehouse is a full (not incremental) build made after `when` (epoch s)."""
    if not path.exists():
        return False
    try:
        with storage.quiet_connect(str(path), read_only=True) as con:
            full, built = con.execute(f"select not incremental, epoch(built_at) from {BUILD_TABLE}").fetchone()
    except duckdb.Error:
        return False
    return bool(full) and built >= when


def _scope_to_changes(con: duckdb.DuckDBPyConnection, models: list[Model]) -> None:
    """Temporary views, found before the marts, holding only the changed rows of each
    incremental mart."""
    database = _database(con)
    for model in models:
        if model.layer == "marts" and model.incremental and model.name not in WHOLE_IN_TESTS:
            scope = model.test_scope or model.incremental
            keys = ", ".join(f'"{k}"' for k in _columns(con, scope))
            con.execute(f'create temp view {model.name} as select * from "{database}".main.{model.name} '
                        f'semi join "{database}".{CHANGES}.{scope} using ({keys})')


def publish(candidate: Path, target: Path) -> None:
    """Swap a tested build into place; open readers keep their old snapshot."""
    os.replace(candidate, target)
    log.info("warehouse published at %s", target)


@contextmanager
def build_lock(settings: Settings):
    """Hold the data dir's build lock: one build at a time; a second one waits its turn.

    Readers never take it: they open the published file, which a build replaces atomically.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.data_dir / BUILD_LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(settings: Settings, force: bool = False) -> BuildReport:
    """Build, test and publish the warehouse without Prefect; skip when nothing changed."""
    started, target = time.perf_counter(), settings.warehouse_path
    with build_lock(settings):
        stamp = needs_build(settings, force)
        if stamp is None:
            report = up_to_date(settings, started)
        else:
            candidate = build_candidate(settings, stamp)
            tests = test_candidate(candidate, settings.sql_dir, memory_limit=settings.build_memory_limit)
            publish(candidate, target)
            report = BuildReport(target, mart_counts(target), tests, seconds=time.perf_counter() - started)
        if settings.catalog:            # also when up to date: a catalog that missed a publish catches up
            report.catalog = publish_to_catalog(settings)
    return report


def up_to_date(settings: Settings, started: float) -> BuildReport:
    """The report of a build skipped because the warehouse is current."""
    target = settings.warehouse_path
    return BuildReport(target, mart_counts(target), skipped=True,
                       seconds=time.perf_counter() - started)


def run_tests(con: duckdb.DuckDBPyConnection, sql_dir: Path,
              prepare: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> int:
    """Run every data test, TEST_THREADS at once, each thread on a cursor `prepare` readies; raise
    DataTestFailed for the first test (in sql/tests order) that returns rows."""
    tests = load_tests(sql_dir)
    cursors = _ThreadCursors(con, prepare)
    try:
        with ThreadPoolExecutor(TEST_THREADS, thread_name_prefix="data-test") as pool:
            found = dict(pool.map(lambda item: (item[0], _run_test(cursors.mine(), *item)), tests.items()))
    finally:
        cursors.close()
    for name in tests:
        if found[name] is not None:
            raise DataTestFailed(name, *found[name])
    return len(tests)


def _run_test(cursor: duckdb.DuckDBPyConnection, name: str, sql: str) -> tuple[list, list[str]] | None:
    """One data test's offending rows (at most 100) and their column names; None when it passes."""
    started = time.perf_counter()
    try:
        result = cursor.execute(sql)
    except duckdb.Error as err:
        raise WarehouseError(f"data test {name} could not run: {err}") from None
    rows = result.fetchmany(100)
    log.debug("data test %s: %.3f s", name, time.perf_counter() - started)
    return (rows, [d[0] for d in result.description]) if rows else None


def _source_view(name: str, files: list[str], schema: pa.Schema) -> str:
    """A view over some lake files, typed by the table's schema even when there are none."""
    columns = ", ".join(f'cast(null as {_duck_type(f.type)}) as "{f.name}"' for f in schema)
    empty = f"select {columns} where false"
    if not files:
        return f"create or replace view {name} as {empty}"
    # A view takes no parameters: the files, as quoted literals (fixed at build time, which is
    # what the build's fingerprint covers), not a glob a path's `[` or `*` would break.
    listed = ", ".join("'" + path.replace("'", "''") + "'" for path in files)
    return (f"create or replace view {name} as {empty} union all by name "
            f"select * from read_parquet([{listed}], union_by_name = true)")


def _duck_type(kind: pa.DataType) -> str:
    """DuckDB type name of an Arrow type used in the lake schemas."""
    if pa.types.is_list(kind):
        return _duck_type(kind.value_type) + "[]"
    if pa.types.is_date32(kind):
        return "date"
    if pa.types.is_timestamp(kind):
        return "timestamptz" if kind.tz else "timestamp"
    names = {pa.string(): "varchar", pa.large_string(): "varchar", pa.int32(): "integer",
             pa.int64(): "bigint", pa.bool_(): "boolean", pa.float32(): "float",
             pa.float64(): "double", pa.large_binary(): "blob"}
    return names[kind]


def _built_stamp(path: Path) -> str | None:
    """Fingerprint stored by the build that made the warehouse at path, if readable."""
    if not path.exists():
        return None
    try:
        with storage.quiet_connect(str(path), read_only=True) as con:
            return con.execute(f"select fingerprint from {BUILD_TABLE}").fetchone()[0]
    except duckdb.Error:
        return None


def mart_counts(path: Path) -> dict[str, int]:
    """Rows per mart table of a built warehouse."""
    with storage.quiet_connect(str(path), read_only=True) as con:
        return {n: con.execute(f'select count(*) from "{n}"').fetchone()[0] for n in mart_tables(con)}


def mart_tables(con: duckdb.DuckDBPyConnection, database: str | None = None, skip: tuple[str, ...] = ()) -> list[str]:
    """The mart tables, by name: every table of the warehouse (of `database`, when several are
    attached) but the build's bookkeeping and `skip`."""
    names = BOOKKEEPING + skip
    where = "database_name = ? and " if database else ""
    return [r[0] for r in con.execute(
        f"select table_name from duckdb_tables() where {where}schema_name = 'main' "
        f"and table_name not in ({', '.join('?' * len(names))}) order by 1",
        [*([database] if database else []), *names]).fetchall()]


# A query connection sees the warehouse's tables and nothing else: no file read or written
# (read_text, read_csv, glob, COPY TO, EXPORT), no other database attached, no extension
# loaded, and no setting changed back (docs/promises.md).
LOCKED_DOWN = {"enable_external_access": False, "autoload_known_extensions": False,
               "lock_configuration": True}
# DuckDB still lets such a connection write its own file's companions (COPY ... TO
# 'marsad.duckdb.wal' succeeds in 1.5.5), so only statements that cannot write are let through.
QUERY_STATEMENTS = ("SELECT", "EXPLAIN")
REFUSAL = ("marsad query reads the warehouse's tables only: no files, other databases, "
           "extensions or settings (docs/promises.md)")


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only, locked-down connection to the warehouse, or WarehouseError if there is none."""
    if not Path(path).exists():
        raise WarehouseError(f"no warehouse at {path}: run `marsad run` first")
    return storage.quiet_connect(str(path), read_only=True, config=LOCKED_DOWN)


def check_query(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise QueryRefused unless every statement of sql is a SELECT or an EXPLAIN."""
    for statement in con.extract_statements(sql):
        if statement.type.name not in QUERY_STATEMENTS:
            raise QueryRefused(f"query refused: {statement.type.name} statements are not allowed\n  {REFUSAL}")


def refusal(err: duckdb.Error) -> MarsadError:
    """The error to show for a DuckDB error of a query: refused, or just failed."""
    text = str(err)
    if isinstance(err, duckdb.PermissionException) or "configuration has been locked" in text:
        return QueryRefused(f"query refused: {text.split(': ', 1)[-1]}\n  {REFUSAL}")
    return MarsadError(f"query failed: {text}")


def discard(path: Path) -> None:
    """Delete a build file and its WAL if present."""
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)
