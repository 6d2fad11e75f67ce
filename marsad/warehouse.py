"""Build the DuckDB warehouse from the lake: source views, sql/ models in order, data tests.

A build writes a new file beside the warehouse and swaps it in with os.replace only after the
data tests pass, so readers are never blocked and never see a half-built or failing warehouse.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb
import pyarrow as pa

from . import translit
from .errors import DataTestFailed, MarsadError, QueryRefused, WarehouseError
from .lake import has_files, table_files
from .schema import TABLES
from .settings import Settings

log = logging.getLogger(__name__)

LAYERS = ("staging", "marts")
MATERIALIZE = {"staging": "view", "marts": "table"}
BUILD_TABLE = "marsad_build"
BUILD_LOCK = ".build.lock"      # in the data dir: held for a whole build (see build_lock)
IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
COMMENT = re.compile(r"--[^\n]*")
GRAIN = re.compile(r"^--\s*grain:\s*(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Model:
    """One SQL model: a select statement in sql/<layer>/<name>.sql."""

    name: str
    layer: str
    sql: str
    grain: str | None

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

    def as_markdown(self) -> str:
        """The build as Markdown, for the build's artifact in the Prefect UI."""
        state = "already up to date" if self.skipped else f"rebuilt; {self.tests} data tests passed"
        table = "\n".join(f"| {name} | {count:,} |" for name, count in sorted(self.rows.items()))
        return (f"# marsad warehouse\n\n`{self.path}`: {state} in {self.seconds:.1f} s.\n\n"
                f"| table | rows |\n| --- | ---: |\n{table}\n")


def load_models(sql_dir: Path) -> list[Model]:
    """Models of every layer, in dependency order."""
    models = {}
    for layer in LAYERS:
        for path in sorted((Path(sql_dir) / layer).glob("*.sql")):
            sql = path.read_text(encoding="utf-8")
            grain = GRAIN.search(sql)
            models[path.stem] = Model(path.stem, layer, sql, grain.group(1).strip() if grain else None)
    graph = {name: _references(model, models) for name, model in models.items()}
    return [models[name] for name in TopologicalSorter(graph).static_order()]


def _references(model: Model, models: dict[str, Model]) -> set[str]:
    """Names of other models a model's SQL mentions."""
    return {w for w in IDENTIFIER.findall(model.body.lower()) if w in models and w != model.name}


def load_tests(sql_dir: Path) -> dict[str, str]:
    """Data tests by name: queries that must return no rows."""
    return {p.stem: COMMENT.sub("", p.read_text(encoding="utf-8")).strip().rstrip(";")
            for p in sorted((Path(sql_dir) / "tests").glob("*.sql"))}


def fingerprint(settings: Settings) -> str:
    """Hash of every lake file (name, size, mtime) and every SQL file, to skip needless builds."""
    digest = hashlib.sha256()
    for table in TABLES:
        folder = settings.lake_dir / table
        for path in sorted(folder.glob("*.parquet")) if folder.is_dir() else ():
            st = path.stat()
            digest.update(f"{table}/{path.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    for path in sorted(Path(settings.sql_dir).rglob("*.sql")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def needs_build(settings: Settings, force: bool = False) -> str | None:
    """The fingerprint to build for, or None when the warehouse is already up to date."""
    stamp = fingerprint(settings)
    return stamp if force or _built_stamp(settings.warehouse_path) != stamp else None


def candidate_path(settings: Settings) -> Path:
    """Where a build writes before the swap."""
    target = settings.warehouse_path
    return target.with_name(target.name + ".building")


def build_candidate(settings: Settings, stamp: str) -> Path:
    """Build sources and models into a new file beside the warehouse; return its path."""
    temp = candidate_path(settings)
    discard(temp)
    temp.parent.mkdir(parents=True, exist_ok=True)
    try:
        with duckdb.connect(str(temp)) as con:
            for table, schema in TABLES.items():
                con.execute(_source_view(settings.lake_dir, table, schema))
            translit.register(con)      # hook (helper report): romanize() for actors.name_latin
            for model in load_models(settings.sql_dir):
                _create(con, model)
            con.execute(f"create or replace table {BUILD_TABLE} as "
                        "select ? as fingerprint, now() as built_at", [stamp])
            con.execute("checkpoint")
    except BaseException:
        discard(temp)
        raise
    return temp


def _create(con: duckdb.DuckDBPyConnection, model: Model) -> None:
    """Create one model as a view (staging) or table (marts)."""
    try:
        con.execute(f"create or replace {MATERIALIZE[model.layer]} {model.name} as\n{model.body}")
    except duckdb.Error as err:
        raise WarehouseError(f"model {model.layer}/{model.name}.sql failed: {err}") from None


def test_candidate(path: Path, sql_dir: Path) -> int:
    """Run the data tests on a built file; discard it and raise if one fails."""
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return run_tests(con, sql_dir)
    except BaseException:
        discard(path)
        raise


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
            return up_to_date(settings, started)
        candidate = build_candidate(settings, stamp)
        tests = test_candidate(candidate, settings.sql_dir)
        publish(candidate, target)
    return BuildReport(target, mart_counts(target), tests, seconds=time.perf_counter() - started)


def up_to_date(settings: Settings, started: float) -> BuildReport:
    """The report of a build skipped because the warehouse is current."""
    target = settings.warehouse_path
    return BuildReport(target, mart_counts(target), skipped=True,
                       seconds=time.perf_counter() - started)


def run_tests(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> int:
    """Run every data test; raise DataTestFailed on the first that returns rows."""
    tests = load_tests(sql_dir)
    for name, sql in tests.items():
        try:
            result = con.execute(sql)
        except duckdb.Error as err:
            raise WarehouseError(f"data test {name} could not run: {err}") from None
        rows = result.fetchmany(100)
        if rows:
            raise DataTestFailed(name, rows, [d[0] for d in result.description])
    return len(tests)


def _source_view(lake_dir: Path, table: str, schema: pa.Schema) -> str:
    """A src_<table> view over the lake, typed by the schema even when the table is empty."""
    columns = ", ".join(f'cast(null as {_duck_type(f.type)}) as "{f.name}"' for f in schema)
    empty = f"select {columns} where false"
    if not has_files(lake_dir, table):
        return f"create or replace view src_{table} as {empty}"
    # A view takes no parameters: the files, as quoted literals (fixed at build time, which is
    # what the build's fingerprint covers), not a glob a path's `[` or `*` would break.
    files = ", ".join("'" + path.replace("'", "''") + "'" for path in table_files(lake_dir, table))
    return (f"create or replace view src_{table} as {empty} union all by name "
            f"select * from read_parquet([{files}], union_by_name = true)")


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
        with duckdb.connect(str(path), read_only=True) as con:
            return con.execute(f"select fingerprint from {BUILD_TABLE}").fetchone()[0]
    except duckdb.Error:
        return None


def mart_counts(path: Path) -> dict[str, int]:
    """Rows per mart table of a built warehouse."""
    with duckdb.connect(str(path), read_only=True) as con:
        names = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where table_name <> ? order by 1",
            [BUILD_TABLE]).fetchall()]
        return {n: con.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names}


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
    return duckdb.connect(str(path), read_only=True, config=LOCKED_DOWN)


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
