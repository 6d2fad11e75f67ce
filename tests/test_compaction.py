"""Lake compaction (marsad/compaction.py): many small files merged into few, the same rows, and a
warehouse that goes on building incrementally and equal to a full build."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import duckdb
import pytest

from marsad import compaction, storage, warehouse
from marsad.schema import TABLES

from conftest import ARTICLES_DIR, SEED, harness, run_extract, run_ingest
from test_incremental import OWN, same_as_full, was_incremental


def lake_rows(settings) -> dict[str, list[tuple]]:
    """Every lake table's rows (duplicates kept), sorted."""
    store, out = storage.store(settings.lake_dir), {}
    with duckdb.connect() as con:
        for table in TABLES:
            files = [f[0] for f in store.files(table)]
            out[table] = sorted(map(repr, con.execute("select * from read_parquet($f, union_by_name = true)",
                                                      {"f": files}).fetchall())) if files else []
    return out


def file_counts(settings) -> dict[str, int]:
    store = storage.store(settings.lake_dir)
    return {table: len(store.files(table)) for table in TABLES}


@pytest.fixture
def small(settings, monkeypatch):
    """Settings that write one lake file per two documents, and compaction above 2 files a table."""
    monkeypatch.setattr(compaction, "MAX_FILES", 2)
    return dataclasses.replace(settings, batch_size=2)


@pytest.fixture
def grown(small, tmp_path):
    """A lake grown by three runs (seed and test articles, then two of our own, then two more),
    each built, so the warehouse has read every file."""
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder)
    for path in sorted(ARTICLES_DIR.glob("*.txt")):
        shutil.copy(path, folder)
    for step in ([], list(OWN)[:2], list(OWN)[2:]):
        for name in step:
            (folder / name).write_text(OWN[name], encoding="utf-8")
        run_ingest([folder], small)
        run_extract(small)
        warehouse.build(small)
    return small


def test_small_files_are_merged_with_the_same_rows(grown):
    before, counts = lake_rows(grown), file_counts(grown)
    done = compaction.compact(grown.lake_dir, warehouse.read_files(grown))
    after = file_counts(grown)
    assert done.merged and all(after[t] == 1 for t in done.merged)
    assert all(after[t] < counts[t] for t in done.merged)
    assert lake_rows(grown) == before


def test_the_next_build_stays_incremental_and_equals_a_full_one(grown):
    compaction.compact(grown.lake_dir, warehouse.read_files(grown))
    plan = warehouse.plan_build(grown)
    assert plan.incremental and not any(plan.new.values())
    warehouse.build(grown)
    same_as_full(grown)


def test_only_files_the_warehouse_read_are_merged(grown):
    done = compaction.compact(grown.lake_dir, set())
    assert not done.merged
    assert compaction.compact(grown.lake_dir, {("documents", f[0]) for f in
                                               storage.store(grown.lake_dir).files("documents")}).merged.keys() \
        == {"documents"}


def test_a_compaction_stopped_before_deleting_is_finished_by_the_next(grown, monkeypatch):
    before = lake_rows(grown)
    readable = warehouse.read_files(grown)

    def stopped(self, names):
        raise KeyboardInterrupt          # killed between writing the merged file and deleting

    monkeypatch.setattr(storage.Store, "delete", stopped)
    with pytest.raises(KeyboardInterrupt):
        compaction.compact(grown.lake_dir, readable)
    monkeypatch.undo()
    monkeypatch.setattr(compaction, "MAX_FILES", 2)
    assert lake_rows(grown) != before                 # rows of the first table twice for now
    warehouse.build(grown)                            # marts deduplicate meanwhile
    compaction.compact(grown.lake_dir, warehouse.read_files(grown))
    assert lake_rows(grown) == before
    warehouse.build(grown)
    same_as_full(grown)


def test_the_build_flow_compacts_before_it_builds(grown):
    from flows.build_warehouse import build_warehouse

    harness()
    counts = file_counts(grown)
    build_warehouse(settings=grown)
    assert file_counts(grown)["documents"] < counts["documents"]
    assert was_incremental(grown.warehouse_path)
    same_as_full(grown)


def test_a_file_that_cannot_be_read_leaves_its_table_as_it_is(grown, caplog):
    store = storage.store(grown.lake_dir)
    broken = store.files("events")[0][0]
    with open(broken, "wb") as handle:
        handle.write(b"not parquet")
    counts = file_counts(grown)
    done = compaction.compact(grown.lake_dir, warehouse.read_files(grown))
    assert "events" not in done.merged and file_counts(grown)["events"] == counts["events"]
    assert "documents" in done.merged                    # the other tables are compacted
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("events" in text and Path(broken).name in text for text in warned), warned
