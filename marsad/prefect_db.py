"""How long a Prefect server of marsad keeps its runs, and `marsad prune`, which deletes older ones now.

A server that records a run every 30 minutes grows without end unless old runs are deleted: a
day of runs on the temporary API's old database (~/.prefect/prefect.db) took 558 MB here, 80% of
it events. The kept server and `marsad serve` therefore run Prefect's own database vacuum
(`PREFECT_SERVER_SERVICES_DB_VACUUM_*`, hourly): flow runs that ended more than RETENTION_DAYS
ago are deleted with their task runs, states, logs and artifacts, and events older than that
too; a user's own setting of those variables wins. Deleted pages are reused, so an SQLite file
stops growing at about RETENTION_DAYS of runs; `marsad prune` deletes at once (any age, a day
or more) and compacts the file (VACUUM), which returns the space to the disk.

No Prefect import at module level: `prune` imports Prefect's server code when it runs.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .errors import MarsadError

log = logging.getLogger(__name__)

# Runs and events a server keeps. A week covers the questions asked of a run's history (what
# failed since Monday, the last runs of a deployment) while bounding the file: 48 scheduled runs a
# day of about 20 task runs each, kept a week, is ~7,000 task runs (~80 MB of SQLite), against
# Prefect's own defaults of 90 days for flow runs (off unless enabled) and 7 days for events.
RETENTION_DAYS = 7
SQLITE = "sqlite+aiosqlite:///"
# What prune counts before and after (the tables a run writes most to).
TABLES = ("flow_run", "task_run", "log", "artifact", "events")


def retention_env(days: int = RETENTION_DAYS) -> dict[str, str]:
    """The server settings that delete flow runs and events older than `days` (Prefect's vacuum)."""
    period = f"P{days}D"            # ISO 8601, which both settings read
    return {"PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED": "events,flow_runs",
            "PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD": period,
            "PREFECT_SERVER_EVENTS_RETENTION_PERIOD": period}


def server_env(environ: dict[str, str]) -> dict[str, str]:
    """The retention settings for a server, each unless `environ` (the user's) sets it."""
    return {key: environ.get(key, value) for key, value in retention_env().items()}


@dataclass
class Pruned:
    """What `prune` found before and after, per table, and the database file's size (bytes; 0 when
    the database is not a local SQLite file)."""

    before: dict[str, int]
    after: dict[str, int]
    bytes_before: int = 0
    bytes_after: int = 0
    compacted: bool = False


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite database URL; None for another database."""
    return Path(url[len(SQLITE):]) if url.startswith(SQLITE) and ":memory:" not in url else None


def prune(url: str, days: int) -> Pruned:
    """Delete the flow runs that ended more than `days` days ago (their task runs, states, logs and
    artifacts with them) and the events older than that from the Prefect database at `url`, with
    Prefect's own vacuum; then compact an SQLite file. Runs in this process (Prefect is imported here)."""
    if days < 1:
        raise MarsadError(f"--older-than must be 1 day or more (Prefect keeps runs at least an hour), got {days}")
    path = sqlite_file(url)
    if path is not None and not path.exists():
        raise MarsadError(f"no Prefect database at {path}")
    os.environ.update({**retention_env(days), "PREFECT_SERVER_DATABASE_CONNECTION_URL": url})
    result = Pruned(_counts(path), {}, _size(path))
    asyncio.run(_vacuum())
    result.compacted = path is not None and _compact(path)
    result.after, result.bytes_after = _counts(path), _size(path)
    return result


async def _vacuum() -> None:
    """Prefect's vacuum of old flow runs (with their logs and artifacts) and old events, once."""
    from prefect.server.database import provide_database_interface
    from prefect.server.services import db_vacuum

    db = provide_database_interface()
    await db_vacuum.vacuum_old_flow_runs(db=db)
    await db_vacuum.vacuum_events_with_retention_overrides(db=db)
    await db_vacuum.vacuum_old_events(db=db)


def _compact(path: Path) -> bool:
    """VACUUM an SQLite file (and empty its WAL); False when a server holds it busy."""
    try:
        con = sqlite3.connect(path, timeout=30)
        try:
            con.execute("VACUUM")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
    except sqlite3.OperationalError as err:
        log.warning("could not compact %s (%s): the rows are deleted, the file keeps its size; "
                    "stop the server (marsad server stop) and prune again to shrink it", path, err)
        return False
    return True


def _counts(path: Path | None) -> dict[str, int]:
    """Rows per table of an SQLite Prefect database (empty for another database)."""
    if path is None:
        return {}
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def _size(path: Path | None) -> int:
    """Bytes of an SQLite database with its WAL and shared-memory files."""
    if path is None:
        return 0
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
