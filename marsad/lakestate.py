"""The lake's state as runs read it, through the very SQL the warehouse builds from.

Which version of a source is its latest, which documents are current (and their duplicate_of)
and which extraction counts for a document are each defined once, as the staging views
sql/staging/state_sources.sql, state_documents.sql and state_extractions.sql. The warehouse
builds its marts on them; a run creates the same views over the lake files here and reads them,
so a run and the warehouse cannot disagree (tests/test_lake_state.py).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb
import pyarrow as pa

from .lake import connect, table_files
from .schema import TABLES
from .settings import REPO_ROOT

STAGING = REPO_ROOT / "sql" / "staging"
# The state views and the staging views they read, in creation order.
VIEWS = ("stg_source_versions", "stg_documents", "stg_extractions",
         "state_sources", "state_documents", "state_extractions")
SOURCE = re.compile(r"\bsrc_(\w+)")
COMMENT = re.compile(r"--[^\n]*")


@contextmanager
def state_views(lake_dir: Path, staging: Path = STAGING) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection holding the state views over the lake's current files."""
    with connect(lake_dir) as con:    # on S3 a cursor of a shared database: views are temporary, its own
        for name in VIEWS:
            body = COMMENT.sub("", (staging / f"{name}.sql").read_text(encoding="utf-8")).strip().rstrip(";")
            for table in SOURCE.findall(body):
                _source_view(con, lake_dir, table)
            con.execute(f"create or replace temp view {name} as\n{body}")
        yield con


def _source_view(con: duckdb.DuckDBPyConnection, lake_dir: Path, table: str) -> None:
    """src_<table>: the table's lake files, typed by its schema even when there are none."""
    con.register(f"empty_{table}", pa.table({f.name: pa.array([], f.type) for f in TABLES[table]}))
    files = table_files(lake_dir, table)
    # a view takes no parameters: the files as quoted literals, not a glob (see lake.table_files)
    listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
    rest = f" union all by name select * from read_parquet([{listed}], union_by_name = true)" if files else ""
    con.execute(f"create or replace temp view src_{table} as select * from empty_{table}{rest}")


def sources_and_near_index(lake_dir: Path) -> tuple[list[tuple], list[tuple[str, int]]]:
    """(source_uri, size_bytes, mtime_ns, sidecar_mtime_ns, doc_id, reject_id) of every source's
    latest version, and (doc_id, simhash) of the current documents first ingested first (what new
    ones are checked against), through one set of views: the latest versions computed once
    (state_documents reads them too): 0.33 -> 0.23 s of 31,000 sources (2026-12-07)."""
    with state_views(lake_dir) as con:
        con.execute("create temp table latest_versions as from state_sources")
        con.execute("create or replace temp view state_sources as from latest_versions")
        latest = con.execute("select source_uri, size_bytes, mtime_ns, sidecar_mtime_ns, doc_id, reject_id "
                             "from state_sources").fetchall()
        near = con.execute("select doc_id, simhash from state_documents where simhash is not null "
                           "order by ingested_at, doc_id").fetchall()
        return latest, near


def current_documents(lake_dir: Path) -> dict[str, str | None]:
    """Every current document's id and its current duplicate_of."""
    with state_views(lake_dir) as con:
        return dict(con.execute("select doc_id, duplicate_of from state_documents").fetchall())


def pending(lake_dir: Path, extractor: str) -> list[str]:
    """Current documents whose latest extraction is not by this extractor (or that have none), by id."""
    with state_views(lake_dir) as con:
        return [r[0] for r in con.execute("""
            select doc_id from state_documents
            anti join (select doc_id from state_extractions where extractor = $extractor) using (doc_id)
            order by doc_id""", {"extractor": extractor}).fetchall()]
