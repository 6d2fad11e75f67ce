"""Publish the warehouse's marts into a shared DuckLake catalog (`--catalog`, env MARSAD_CATALOG).

DuckLake is DuckDB's lakehouse format: a catalog database (an embedded DuckDB file, or PostgreSQL
for many writers and readers) plus Parquet data files, here under the lake (`LAKE/ducklake/`,
local or s3://). After each build the marts are copied into the catalog in ONE transaction:
when the warehouse is an incremental build of the very build the catalog holds, each mart the
build updated by a change set is updated by the same change set (the cost follows what is new);
otherwise, and for the aggregates, rows are compared by a hash of their columns (an unchanged
table is recognised by a checksum and not written). The warehouse's fingerprint is recorded in
`marsad_publishes`: a catalog that already holds it is left alone, so a re-run adds no snapshot.
Concurrent publishers are serialised by the catalog's transactions: a conflicting commit is
rolled back and retried on the new state.

An analyst attaches it from plain DuckDB (the ducklake extension; the postgres one for a
PostgreSQL catalog):  INSTALL ducklake;  ATTACH 'ducklake:DIR/catalog.ducklake' AS marsad (READ_ONLY);
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from . import storage
from .errors import MarsadError
from .settings import CATALOG_POSTGRES, CATALOG_PREFIX, Settings

log = logging.getLogger(__name__)

ALIAS = "marsad"                    # the catalog's name in marsad's own connections
WAREHOUSE = "warehouse"             # the published warehouse, attached read-only beside it
PUBLISHES = "marsad_publishes"      # one row per publish: the warehouse fingerprint it holds
DATA_FOLDER = "ducklake"            # the catalog's data files: LAKE/ducklake/ (no lake table has this name)
# A commit that meets another writer's is retried this many times (each on the new state).
CONFLICT_RETRIES = 5
# How long to wait for an embedded catalog file another process holds (an analyst's ATTACH
# holds it for as long as it stays attached); a publish takes 1-3 s, so 60 s covers queued runs.
LOCK_WAIT_SECONDS = 60.0
RETRY_PAUSE = 0.5


class CatalogError(MarsadError):
    """The catalog could not be reached or written."""


@dataclass
class PublishReport:
    """What a publish did: the catalog, whether it was already current, rows added and removed."""

    catalog: str
    skipped: bool = False
    tables: int = 0
    added: int = 0
    removed: int = 0
    by_change_set: int = 0          # marts updated by the build's change set rather than compared whole
    snapshot: int | None = None
    seconds: float = 0.0


def data_path(settings: Settings) -> str:
    """Where the catalog's Parquet files go: the lake's `ducklake/` folder (local or s3://)."""
    return f"{str(settings.lake_dir).rstrip('/')}/{DATA_FOLDER}/"


def is_postgres(catalog: str) -> bool:
    """Whether the catalog database is PostgreSQL (else an embedded DuckDB file)."""
    return catalog.startswith(CATALOG_PREFIX + CATALOG_POSTGRES)


def attach_sql(catalog: str, alias: str = ALIAS, path: str | None = None, read_only: bool = False) -> str:
    """The ATTACH statement of a catalog (with its data path when given)."""
    options = [f"data_path {_literal(path)}"] if path else []
    options += ["read_only"] if read_only else []
    listed = f" ({', '.join(options)})" if options else ""
    return f"attach {_literal(catalog)} as {alias}{listed}"


def _literal(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def connect(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A new DuckDB connection with the catalog attached as `marsad`, read-write (close it after use)."""
    con = storage.quiet_connect()
    try:
        load_extensions(con, settings.catalog)
        storage.store(settings.lake_dir).prepare(con)       # httpfs and the secret for an S3 lake
        con.execute(attach_sql(settings.catalog, path=data_path(settings)))
    except BaseException:
        con.close()
        raise
    return con


def load_extensions(con: duckdb.DuckDBPyConnection, catalog: str) -> None:
    """Load ducklake from its PyPI package's file (offline), and for a PostgreSQL catalog install and
    load postgres from its package (its file's name is not its entry point's, so it goes through
    DuckDB's extension directory)."""
    con.execute(f"load {_literal(str(storage.extension_file('ducklake', 'a DuckLake catalog')))}")
    if is_postgres(catalog):
        con.execute(f"install {_literal(str(storage.extension_file('postgres', 'a PostgreSQL catalog')))}")
        con.execute("load postgres_scanner")


def publish(settings: Settings, wait: float = LOCK_WAIT_SECONDS) -> PublishReport:
    """Make the catalog's marts equal to the published warehouse's, unless it already holds them."""
    started, deadline, conflicts = time.perf_counter(), time.monotonic() + wait, 0
    warehouse_fingerprint(settings.warehouse_path)          # a clear error when there is none
    while True:
        try:
            with connect(settings) as con:
                report = _publish_once(con, settings)
            report.seconds = time.perf_counter() - started
            return report
        except duckdb.IOException as err:
            if "lock" not in str(err).lower() or time.monotonic() > deadline:
                raise CatalogError(_busy(settings.catalog, err)) from None
        except duckdb.Error as err:
            conflicts += 1
            if not _conflict(err) or conflicts > CONFLICT_RETRIES:
                raise CatalogError(f"could not publish to {settings.catalog}: {err}") from None
            log.info("catalog commit conflicted with another writer; retrying (%d): %s", conflicts, err)
        time.sleep(RETRY_PAUSE)


def _conflict(err: duckdb.Error) -> bool:
    """Whether an error is another writer's doing, gone on a retry: a conflicting commit, or two
    writers creating the same new catalog at once (PostgreSQL: its metadata tables "already exist")."""
    return isinstance(err, duckdb.TransactionException) or "already exists" in str(err)


def _busy(catalog: str, err: Exception) -> str:
    """The message of a catalog that could not be opened."""
    text = str(err).splitlines()[0]
    if "lock" in text.lower():
        return (f"the catalog file {catalog} is held by another process (an analyst's ATTACH?): {text}; "
                "the next run publishes again. A catalog shared by readers and writers belongs in "
                "PostgreSQL (--catalog ducklake:postgres:...)")
    return f"could not open the catalog {catalog}: {text}"


def warehouse_fingerprint(path: Path) -> str:
    """The fingerprint of the published warehouse's build, or CatalogError if there is none."""
    try:
        with storage.quiet_connect(str(path), read_only=True) as con:
            return con.execute("select fingerprint from marsad_build").fetchone()[0]
    except duckdb.Error as err:
        raise CatalogError(f"no built warehouse at {path} to publish: {err}") from None


def _publish_once(con: duckdb.DuckDBPyConnection, settings: Settings) -> PublishReport:
    """One transaction: compare every mart and apply the difference, or nothing if current."""
    report = PublishReport(settings.catalog)
    con.execute(f"attach {_literal(str(settings.warehouse_path))} as {WAREHOUSE} (read_only)")
    fingerprint = con.execute(f"select fingerprint from {WAREHOUSE}.marsad_build").fetchone()[0]
    con.execute("begin")
    try:
        con.execute(f"create table if not exists {ALIAS}.{PUBLISHES} (fingerprint varchar, "
                    "published_at timestamp with time zone, tables integer, added bigint, removed bigint)")
        previous = published_fingerprint(con)
        if previous == fingerprint:
            con.execute("rollback")
            report.skipped = True
            return report
        _sync_all(con, report, _change_sets(con, settings.sql_dir, previous))
        con.execute(f"insert into {ALIAS}.{PUBLISHES} values (?, now(), ?, ?, ?)",
                    [fingerprint, report.tables, report.added, report.removed])
        con.execute(f"call {ALIAS}.set_commit_message('marsad', 'publish the warehouse', extra_info => ?)",
                    [fingerprint])
        con.execute("commit")
    except BaseException:
        _rollback(con)
        raise
    report.snapshot = con.execute(f"select max(snapshot_id) from {ALIAS}.snapshots()").fetchone()[0]
    log.info("published %d tables to %s: %d rows added, %d removed (snapshot %s)",
             report.tables, settings.catalog, report.added, report.removed, report.snapshot)
    return report


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if any (a failed commit has already ended it)."""
    try:
        con.execute("rollback")
    except duckdb.Error:
        pass


def published_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    """The warehouse fingerprint of the catalog's latest publish, or None."""
    row = con.execute(f"select fingerprint from {ALIAS}.{PUBLISHES} "
                      "order by published_at desc limit 1").fetchone()
    return row[0] if row else None


def _sync_all(con: duckdb.DuckDBPyConnection, report: PublishReport, change_sets: dict[str, str]) -> None:
    """Sync every mart, by its change set when it has one (see _change_sets), else compared
    whole; drop the catalog's tables that are no longer marts."""
    marts = tables(con, WAREHOUSE)
    for name in marts:
        added, removed = _sync_changed(con, name, change_sets[name]) if name in change_sets else _sync(con, name)
        report.added, report.removed = report.added + added, report.removed + removed
    report.by_change_set = len(set(change_sets) & set(marts))
    for name in set(tables(con, ALIAS)) - set(marts):
        con.execute(f'drop table {ALIAS}."{name}"')
        log.info("dropped %s from the catalog: no longer a mart", name)
    report.tables = len(marts)


def _change_sets(con: duckdb.DuckDBPyConnection, sql_dir: Path, previous: str | None) -> dict[str, str]:
    """The change set of each incremental mart when the warehouse is an incremental build of
    the very build the catalog holds (`previous`): such a mart is then updated as the build
    updated it, so the cost follows what is new. Else none: every mart is compared whole."""
    from .warehouse import CHANGES, load_models     # warehouse.py imports this module

    try:
        built = con.execute(f"select incremental, previous from {WAREHOUSE}.marsad_build").fetchone()
    except duckdb.Error:            # a warehouse built before the column existed
        return {}
    if previous is None or not built[0] or built[1] != previous:
        return {}
    models = load_models(sql_dir)
    present = {r[0] for r in con.execute("select table_name from duckdb_tables() where database_name = ? "
                                         "and schema_name = ?", [WAREHOUSE, CHANGES]).fetchall()}
    return {m.name: m.incremental for m in models
            if m.layer == "marts" and m.incremental and m.incremental in present}


def _sync_changed(con: duckdb.DuckDBPyConnection, name: str, change_set: str) -> tuple[int, int]:
    """dbt's delete+insert, as the build did it: the rows of the changed keys deleted from the
    catalog's table and inserted again from the warehouse's; compared whole if counts then differ."""
    source, target, changed = f'{WAREHOUSE}."{name}"', f'{ALIAS}."{name}"', f'{WAREHOUSE}.changes."{change_set}"'
    keys = [c for c, _ in con.execute("select column_name, data_type from duckdb_columns() where database_name = ? "
                                      "and schema_name = 'changes' and table_name = ? order by column_index",
                                      [WAREHOUSE, change_set]).fetchall()]
    if _columns(con, ALIAS, name) != _columns(con, WAREHOUSE, name):
        return _sync(con, name)
    on = " and ".join(f't."{k}" is not distinct from k."{k}"' for k in keys)
    removed = con.execute(f"delete from {target} where rowid in (select t.rowid from {target} t "
                          f"semi join {changed} k on {on})").fetchone()[0]
    added = con.execute(f"insert into {target} select t.* from {source} t semi join {changed} k on {on}").fetchone()[0]
    counts = con.execute(f"select (select count(*) from {source}), (select count(*) from {target})").fetchone()
    if counts[0] != counts[1]:
        log.warning("catalog table %s differs from the warehouse after its change set: compared whole", name)
        more, fewer = _sync(con, name)
        return added + more, removed + fewer
    return added, removed


def tables(con: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    """The mart tables of an attached database (the warehouse, or the catalog), by name."""
    from .warehouse import mart_tables     # warehouse imports this module

    return mart_tables(con, database, (PUBLISHES,))


def _sync(con: duckdb.DuckDBPyConnection, name: str) -> tuple[int, int]:
    """Make the catalog's table equal the warehouse's: (rows added, rows removed).

    Rows are compared by a 64-bit hash of all their columns (marts hold no row twice: the data
    tests check their grain), and a table whose count and XOR of row hashes match is left alone:
    two different row sets agree by chance with a probability of about 2^-64.
    """
    source, target = f'{WAREHOUSE}."{name}"', f'{ALIAS}."{name}"'
    columns = _columns(con, WAREHOUSE, name)
    existing = _columns(con, ALIAS, name)
    if existing != columns:             # new, or its columns changed with the SQL: replace it whole
        removed = con.execute(f"select count(*) from {target}").fetchone()[0] if existing else 0
        con.execute(f"drop table if exists {target}")
        con.execute(f"create table {target} as select * from {source}")
        return con.execute(f"select count(*) from {target}").fetchone()[0], removed
    row = "hash(" + ", ".join(f'"{c}"' for c, _ in columns) + ")"
    sums = con.execute(f"select (select (count(*), bit_xor({row})) from {source}), "
                       f"(select (count(*), bit_xor({row})) from {target})").fetchone()
    if sums[0] == sums[1]:
        return 0, 0
    removed = con.execute(f"delete from {target} where rowid in (select rowid from (select rowid, {row} as h "
                          f"from {target}) anti join (select {row} as h from {source}) using (h))").fetchone()[0]
    added = con.execute(f"insert into {target} select * exclude (h) from (select *, {row} as h from {source}) "
                        f"anti join (select {row} as h from {target}) using (h)").fetchone()[0]
    return added, removed


def _columns(con: duckdb.DuckDBPyConnection, database: str, name: str) -> list[tuple[str, str]]:
    """(name, type) of a table's columns in order; empty when there is no such table."""
    return con.execute("select column_name, data_type from duckdb_columns() where database_name = ? "
                       "and schema_name = 'main' and table_name = ? order by column_index",
                       [database, name]).fetchall()
