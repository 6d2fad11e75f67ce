"""The Parquet lake: atomic, idempotent batch writes and the state a run starts from."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterator

import duckdb
import pyarrow as pa

from . import storage
from .ids import content_id
from .reading import Fingerprint
from .schema import TABLES
from .web.simhash import NearDuplicates
from .web.urls import normalize

log = logging.getLogger(__name__)

# zstd level 3: smaller than snappy and as fast (20,000 docs: 19.9 MB in 0.38 s, stack.md).
COMPRESSION, COMPRESSION_LEVEL = "zstd", 3
MISSING_SHOWN = 5       # sources named in the warning about missing lake rows


def table_files(lake_dir: Path | str, table: str) -> list[str]:
    """Names DuckDB reads a lake table's Parquet files by (absolute paths or s3:// URLs), sorted.

    Passed to read_parquet as a parameter (a list, not a glob), so a data dir whose path holds a
    quote or a glob character (`'`, `[`, `*`, `?`) is read like any other.
    """
    return [name for name, _, _ in storage.store(lake_dir).files(table)]


def has_files(lake_dir: Path | str, table: str) -> bool:
    """Whether a lake table has at least one Parquet file."""
    return bool(storage.store(lake_dir).files(table))


def write_rows(lake_dir: Path | str, table: str, rows: list[dict[str, Any]],
               key_columns: tuple[str, ...]) -> str | None:
    """Write rows as one Parquet file named by their keys; atomic, and a re-write replaces it."""
    if not rows:
        return None
    name = f"part-{content_id(table, sorted(_key_ids(rows, key_columns)))}.parquet"
    data = pa.Table.from_pylist(rows, schema=TABLES[table])
    return storage.store(lake_dir).write(table, name, data, compression=COMPRESSION,
                                         compression_level=COMPRESSION_LEVEL)


def _key_ids(rows: list[dict[str, Any]], key_columns: tuple[str, ...]) -> Iterator[str]:
    """The content id of each row's key (one column's value, or the columns' values in order)."""
    keys = map(itemgetter(*key_columns), rows)
    return map(content_id, keys) if len(key_columns) == 1 else (content_id(*key) for key in keys)


def connect(lake_dir: Path | str) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection for reading the lake with read_lake (on S3: httpfs already loaded)."""
    return storage.store(lake_dir).connect()


def sweep_staging(lake_dir: Path | str, now: float | None = None) -> int:
    """Delete staging files left by crashed runs; return how many were removed."""
    return storage.store(lake_dir).sweep(now)


@dataclass
class SourceState:
    """The latest thing recorded about one source."""

    fingerprint: Fingerprint
    doc_id: str | None
    reject_id: str | None


@dataclass
class LakeDelta:
    """What one batch added to the lake, returned by the step that wrote it.

    The flow folds each delta into its LakeState (`LakeState.merge`), so no step changes a
    state it was given: a step may run in another process and still leave the run consistent.
    """

    sources: dict[str, SourceState] = field(default_factory=dict)
    doc_ids: set[str] = field(default_factory=set)
    rejects: dict[str, tuple[str, str]] = field(default_factory=dict)
    raws: list[tuple[str, str, str]] = field(default_factory=list)    # (url, final_url, sha256)
    near: list[tuple[str, int]] = field(default_factory=list)          # (doc_id, simhash) in order


@dataclass
class LakeState:
    """What the lake already holds: latest state per source, known document and reject ids."""

    sources: dict[str, SourceState] = field(default_factory=dict)
    doc_ids: set[str] = field(default_factory=set)
    rejects: dict[str, tuple[str, str]] = field(default_factory=dict)
    raw_urls: set[str] = field(default_factory=set)          # pages stored in raw_pages
    raw_aliases: dict[str, str] = field(default_factory=dict)  # a stored page's final URL -> its URL
    raw_bodies: set[tuple[str, str]] = field(default_factory=set)   # (url, sha256) stored
    near: NearDuplicates = field(default_factory=NearDuplicates)

    def stored_as(self, url: str) -> str | None:
        """The raw_pages URL holding this page (itself, or a page redirected to it), if any."""
        return url if url in self.raw_urls else self.raw_aliases.get(url)

    def add_raw(self, url: str, final_url: str, sha256: str) -> None:
        """Record a stored body (its URL and, normalised, the URL it came from in the end)."""
        self.raw_urls.add(url)
        self.raw_bodies.add((url, sha256))
        final = normalize(final_url, pages_only=False)
        if final and final != url:
            self.raw_aliases.setdefault(final, url)

    def merge(self, delta: LakeDelta) -> None:
        """Fold in what a batch wrote (newer entries win); called by the flow that owns the state."""
        self.sources.update(delta.sources)
        self.doc_ids.update(delta.doc_ids)
        self.rejects.update(delta.rejects)
        for url, final_url, sha in delta.raws:
            self.add_raw(url, final_url, sha)
        for doc_id, fp in delta.near:
            self.near.add(doc_id, fp)

    def forget_missing(self, sentenced: set[str]) -> list[str]:
        """Forget the sources whose document (or its sentences) or reject the lake no longer
        holds, so that this run reads them again; return their URIs.

        A lake file deleted or lost would otherwise leave its sources "unchanged" for good. Web
        archives are read again too: their records are the sources (re-reading is idempotent).
        """
        self.doc_ids &= sentenced
        missing = sorted(uri for uri, s in self.sources.items()
                         if (s.doc_id and s.doc_id not in self.doc_ids)
                         or (s.reject_id and s.reject_id not in self.rejects))
        if not missing:
            return []
        missing += sorted(uri for uri, s in self.sources.items() if s.doc_id is None and s.reject_id is None)
        for uri in missing:
            del self.sources[uri]
        shown = ", ".join(missing[:MISSING_SHOWN]) + (" ..." if len(missing) > MISSING_SHOWN else "")
        log.warning("the lake lacks what %d sources were read into (a lake file deleted or lost?); "
                    "reading them again: %s", len(missing), shown)
        return missing

    @classmethod
    def load(cls, lake_dir: Path) -> "LakeState":
        """Read the state from the lake (empty when the lake is new)."""
        state = cls()
        if sweep_staging(lake_dir):
            log.info("removed leftovers of an interrupted run from %s", storage.store(lake_dir).staging())
        with connect(lake_dir) as con:
            if has_files(lake_dir, "documents"):
                state.doc_ids = {r[0] for r in read_lake(
                    con, lake_dir, "documents", "select doc_id from {documents}")}
            if has_files(lake_dir, "rejects"):
                state.rejects = {r[0]: (r[1], r[2]) for r in read_lake(
                    con, lake_dir, "rejects", "select reject_id, reason, message from {rejects}")}
            near: list[tuple[str, int]] = []
            if has_files(lake_dir, "source_versions"):
                state.sources, near = _latest_sources(lake_dir)
            state.forget_missing(_with_sentences(con, lake_dir))
            if has_files(lake_dir, "raw_pages"):
                for url, final_url, sha in read_lake(
                        con, lake_dir, "raw_pages", "select distinct url, final_url, sha256 from {raw_pages}"):
                    state.add_raw(url, final_url, sha)
            current = {s.doc_id for s in state.sources.values() if s.doc_id}
            for doc_id, simhash in near:    # first ingested first (sql/staging/state_documents.sql)
                if doc_id in current:       # and not forgotten for want of its sentences (forget_missing)
                    state.near.add(doc_id, unsigned(simhash))
        return state


def _with_sentences(con: duckdb.DuckDBPyConnection, lake_dir: Path) -> set[str]:
    """Ids of the documents that have sentences in the lake."""
    if not has_files(lake_dir, "sentences"):
        return set()
    return {r[0] for r in read_lake(con, lake_dir, "sentences", "select distinct doc_id from {sentences}")}


def read_raw_pages(lake_dir: Path, urls: list[str]) -> list[dict[str, Any]]:
    """The latest raw_pages row of each of the URLs (as stored: see LakeState.stored_as)."""
    if not urls or not has_files(lake_dir, "raw_pages"):
        return []
    wanted = pa.table({"url": pa.array(urls, pa.string())})
    with connect(lake_dir) as con:
        con.register("wanted", wanted)
        return con.execute("""
            select r.* from read_parquet($raw_pages, union_by_name = true) r
            semi join wanted using (url)
            qualify row_number() over (partition by url order by fetched_at desc) = 1
        """, {"raw_pages": table_files(lake_dir, "raw_pages")}).to_arrow_table().to_pylist()


def read_lake(con: duckdb.DuckDBPyConnection, lake_dir: Path, tables: str | tuple[str, ...],
              sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
    """Rows of sql, where {table} stands for that lake table's files (read as a parameter)."""
    names = (tables,) if isinstance(tables, str) else tables
    storage.store(lake_dir).prepare(con)
    relations = {t: f"read_parquet(${t}, union_by_name = true)" for t in names}
    files = {t: table_files(lake_dir, t) for t in names}
    return con.execute(sql.format(**relations), {**files, **(params or {})}).fetchall()


def signed(fingerprint: int) -> int:
    """A 64-bit fingerprint as the signed integer Parquet's int64 stores."""
    return fingerprint - (1 << 64) if fingerprint >= 1 << 63 else fingerprint


def unsigned(value: int) -> int:
    """The 64-bit fingerprint of a stored signed integer."""
    return value + (1 << 64) if value < 0 else value


def _latest_sources(lake_dir: Path) -> tuple[dict[str, SourceState], list[tuple[str, int]]]:
    """Latest recorded row of every source (sql/staging/state_sources.sql, as the warehouse reads
    it), and the simhash of every current document, first ingested first (state_documents.sql)."""
    from .lakestate import sources_and_near_index      # lakestate reads lake files: imported when used

    latest, near = sources_and_near_index(lake_dir)
    return {uri: SourceState(Fingerprint(size, mtime, side), doc, rej)
            for uri, size, mtime, side, doc, rej in latest}, near
