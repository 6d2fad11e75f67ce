"""Lake compaction: a table's many small Parquet files merged into a few, so that reading the lake
costs what it holds, not how many runs wrote it.

Every run writes one file per table and batch, so a run every 30 minutes adds 11 or more files a
day and a year of them 190,000: every run reads the lake's state through all of them. Measured on
10,000 corpus articles (2026-12-07, this 2-core machine), the same rows in 20 and in 500 files a
table: the no-op check 0.56 -> 3.69 s, the pending documents 0.10 -> 0.71 s, a full build
10.2 -> 19.7 s and 638 -> 910 MiB.

A table is compacted when it holds more than MAX_FILES files: its files smaller than SMALL_BYTES
that the published warehouse has read are merged, in name order, into files of at most
TARGET_BYTES (of input), each named by a hash of the names it merges, a row found twice whole kept
once. The merged file is written first (atomically), then a manifest naming the files it
replaces (LAKE/_compacted/TABLE/NAME.json), then those files are deleted: a crash in between
leaves some rows twice until the next compaction (marts deduplicate them meanwhile), which merges
the merged file with what was left and keeps each row once. `bench/bench_compaction.py` prints
these figures and the ones after compaction. Because every merged file holds
only rows the warehouse has read, the next build stays incremental (warehouse.plan_build reads
the manifests). Runs compact under the run lock, before their build: the published warehouse's
staging views (stg_*, which read lake files) fail for the seconds until that build is published;
its marts are tables and never do.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from . import storage
from .lake import COMPRESSION, COMPRESSION_LEVEL
from .ids import content_id
from .schema import KEYS, TABLES

log = logging.getLogger(__name__)

# A table is compacted above this many files: 128 files cost a no-op run ~1 s of reading the
# state (the 20-to-500 figures above, about 6 ms a file across the tables), and the cold run of
# the whole corpus (62 files a table at the default batch size) stays below it.
MAX_FILES = 128
# Files below this size are merged: a batch of 500 corpus articles makes 0.1-0.7 MB a table,
# so every batch file is; a merged file grows past it and is left alone.
SMALL_BYTES = 4 * 2**20
# At most this much input goes into one merged file (DuckDB reads files of tens of MB well).
TARGET_BYTES = 64 * 2**20
MANIFESTS = "_compacted"


@dataclass
class Compacted:
    """What a compaction did: files merged and written, per table."""

    merged: dict[str, int] = field(default_factory=dict)     # table -> small files merged
    written: dict[str, int] = field(default_factory=dict)    # table -> merged files written

    @property
    def files_before(self) -> int:
        """Files merged away, all tables."""
        return sum(self.merged.values())


def compact(lake_dir: Path | str, readable: set[tuple[str, str]]) -> Compacted:
    """Merge the small files of every table holding more than MAX_FILES, among `readable`
    ((table, file) pairs the published warehouse has read)."""
    store, done = storage.store(lake_dir), Compacted()
    for table in TABLES:
        files = store.files(table)
        if len(files) <= MAX_FILES:
            continue
        small = [f for f in files if f[1] < SMALL_BYTES and (table, f[0]) in readable]
        groups = [g for g in _groups(small) if len(g) > 1 and _merged(store, table, g)]
        if groups:
            done.merged[table] = sum(map(len, groups))
            done.written[table] = len(groups)
            log.info("compacted %s: %d files into %d", table, done.merged[table], len(groups))
    if done.merged:             # manifests go stale only when merged files are merged again
        _prune(store)
    return done


def _groups(files: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Consecutive files, in name order, in groups of at most TARGET_BYTES."""
    groups: list[list[tuple[str, int, int]]] = [[]]
    size = 0
    for f in files:
        if groups[-1] and size + f[1] > TARGET_BYTES:
            groups.append([])
            size = 0
        groups[-1].append(f)
        size += f[1]
    return [g for g in groups if g]


def _merged(store: storage.Store, table: str, group: list[tuple[str, int, int]]) -> bool:
    """Merge a group; a file that cannot be read or deleted leaves the group as it is (warned,
    naming it): compaction is a speed-up, never a reason for a run to fail."""
    try:
        _merge(store, table, group)
        return True
    except (OSError, pa.ArrowException) as err:
        log.warning("could not compact %d files of the lake's %s table, left as they are: %s",
                    len(group), table, err)
        return False


def _merge(store: storage.Store, table: str, group: list[tuple[str, int, int]]) -> None:
    """Write one file of the group's rows (a row found twice whole, once), its manifest, then
    delete the group. Its name is a hash of the names it merges: a compaction repeated after a
    crash merges a different set (the merged file and what was left) under a new name."""
    data = _unique(pa.concat_tables([_read(store, f[0], table) for f in group]), KEYS[table])
    name = f"part-{content_id(table, 'compacted', sorted(Path(f[0]).name for f in group))}.parquet"
    merged = store.write(table, name, data, compression=COMPRESSION, compression_level=COMPRESSION_LEVEL)
    _write_manifest(store, table, name, [f for f in group if f[0] != merged])
    store.delete([f[0] for f in group if f[0] != merged])


def _read(store: storage.Store, name: str, table: str) -> pa.Table:
    """One lake file, in the table's schema (a file of an older schema gets the new columns empty)."""
    data = pq.read_table(store.path(name), filesystem=store.fs)
    schema = TABLES[table]
    columns = [data.column(f.name).cast(f.type) if f.name in data.column_names
               else pa.nulls(data.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def _unique(data: pa.Table, keys: tuple[str, ...]) -> pa.Table:
    """The rows of a table, each row once: a row written twice whole (a compaction stopped before
    it deleted what it merged) is one row. Rows that differ in any column are all kept (two
    observations of one source version; a crashed batch's second write, which marts deduplicate).
    Only rows whose key repeats are compared whole."""
    first: dict[tuple, list[int]] = {}
    repeated = []
    for i, key in enumerate(zip(*(data.column(c).to_pylist() for c in keys))):
        if key in first:
            repeated.append(i)
        first.setdefault(key, []).append(i)
    if not repeated:
        return data
    rows = data.to_pylist()
    drop = {i for i in repeated
            if any(rows[j] == rows[i] for j in first[tuple(rows[i][c] for c in keys)] if j < i)}
    return data.take([i for i in range(data.num_rows) if i not in drop])


def _write_manifest(store: storage.Store, table: str, name: str, replaced: list[tuple[str, int, int]]) -> None:
    """Record which files a merged file replaces (read by warehouse.plan_build)."""
    body = json.dumps({"replaces": [list(f) for f in replaced]}).encode()
    store.put_bytes(f"{MANIFESTS}/{table}/{name}.json", body)


def replaced(lake_dir: Path | str, files: dict[str, list[tuple[str, int, int]]] | None = None
             ) -> dict[tuple[str, str], list[tuple[str, int, int]]]:
    """(table, merged file) -> the files it replaced, for the merged files the lake still holds
    (`files`: each table's files, when the caller has listed them already)."""
    store, out = storage.store(lake_dir), {}
    for table in TABLES:
        present = {f[0] for f in (files[table] if files is not None else store.files(table))}
        for path, body in store.read_all(f"{MANIFESTS}/{table}", ".json"):
            merged = store.uri(f"{store.root}/{table}/{Path(path).name.removesuffix('.json')}")
            if merged in present:
                out[(table, merged)] = [tuple(f) for f in json.loads(body)["replaces"]]
    return out


def _prune(store: storage.Store) -> None:
    """Delete the manifests of merged files that are gone (merged again)."""
    for table in TABLES:
        present = {Path(f[0]).name for f in store.files(table)}
        gone = [path for path, _ in store.read_all(f"{MANIFESTS}/{table}", ".json")
                if Path(path).name.removesuffix(".json") not in present]
        store.delete(gone)
