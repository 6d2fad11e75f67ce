"""One definition of lake state: a run (Python) and the warehouse read the same SQL views
(sql/staging/state_*.sql), so they agree where two definitions used to differ: a tie between
two versions of a source recorded at the same time, an edited file whose old version a
near-copy pointed at, and an extraction by another extractor newer than the current one's.

Driven through the core steps (no Prefect): ingest, extract and build are plain functions.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

from marsad import extract, ingest, lakestate, sources, warehouse
from marsad.lake import LakeState, table_files, write_rows
from marsad.settings import Settings

STORY = ("The city council of Northbridge approved a new budget for the public library on Monday, "
         "after a long debate about opening hours, staff salaries and the cost of repairing the old "
         "roof. The mayor said the library would stay open on Sundays. Several residents who spoke "
         "at the meeting asked for more books in foreign languages and a larger reading room for "
         "children, and the council promised to study both requests before the end of the year.")
OTHER = ("Heavy rain flooded several roads in the southern district on Tuesday night. Firefighters "
         "pumped water out of two underground car parks, and the transport company suspended three "
         "bus lines until the morning. No one was hurt, the regional governor said in a statement, "
         "and the weather service expects drier days for the rest of the week across the region.")
PAGE = "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"
T0 = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)


def _ingest(settings: Settings, folder: Path, now: datetime) -> None:
    """One ingest of a folder through the core steps, as the ingest flow composes them."""
    state = LakeState.load(settings.lake_dir)
    todo, _ = ingest.triage(sources.discover([folder]).sources, state)
    raws = ingest.read_items(todo, settings.max_file_bytes, settings.fetch_max_bytes)
    ingest.write_batch(settings.lake_dir, ingest.parse_batch(raws, now), state, now)


def _extract(settings: Settings, extractor: extract.Extractor, now: datetime) -> None:
    """Extract the pending documents with this extractor."""
    ids = extract.pending(settings.lake_dir, extractor.fingerprint)
    rows = extract.extract_batch(extract.read_documents(settings.lake_dir, ids), extractor, now)
    extract.write_extraction(settings.lake_dir, rows)


def _warehouse(settings: Settings, sql: str) -> set[tuple]:
    """Rows of a query on a freshly built warehouse."""
    warehouse.build(settings)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return set(con.execute(sql).fetchall())


def _agree(settings: Settings, extractor: str) -> None:
    """The run's view of sources, current documents and pending extractions is the warehouse's."""
    state = LakeState.load(settings.lake_dir)
    run_sources = {(uri, s.doc_id, s.reject_id) for uri, s in state.sources.items()}
    assert run_sources == _warehouse(settings, "select source_uri, doc_id, reject_id from source_state")
    assert set(lakestate.current_documents(settings.lake_dir).items()) == \
        _warehouse(settings, "select doc_id, duplicate_of from documents")
    stale = _warehouse(settings, f"""select doc_id from documents left join latest_extractions using (doc_id)
                                     where extractor is distinct from '{extractor}'""")
    assert {(d,) for d in extract.pending(settings.lake_dir, extractor)} == stale


@pytest.fixture
def lake(tmp_path):
    """Settings, and a folder holding a page and its near-copy (an agency credit added), ingested."""
    settings = Settings.load({"data_dir": tmp_path / "data"}, environ={})
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE.format(title="Library budget", text=STORY), encoding="utf-8")
    (folder / "b.html").write_text(PAGE.format(title="Library budget", text=STORY + " (Agency)"), encoding="utf-8")
    _ingest(settings, folder, T0)
    return settings, folder


def test_a_near_copy_of_an_edited_files_old_version_is_no_duplicate_for_either(lake):
    settings, folder = lake
    before = lakestate.current_documents(settings.lake_dir)
    assert sorted(map(bool, before.values())) == [False, True]       # b is a near-copy of a
    _agree(settings, "none")
    (folder / "a.html").write_text(PAGE.format(title="Floods", text=OTHER), encoding="utf-8")
    _ingest(settings, folder, T0 + timedelta(hours=1))
    assert set(lakestate.current_documents(settings.lake_dir).values()) == {None}
    _agree(settings, "none")


@pytest.mark.parametrize("name", ["a.html", "b.html"])
def test_two_versions_of_a_source_recorded_at_the_same_time(lake, name):
    settings, _ = lake
    [row] = [r for r in lakestate.sources_and_near_index(settings.lake_dir)[0] if r[0].endswith(name)]
    [other] = set(lakestate.current_documents(settings.lake_dir)) - {row[4]}
    # a second row for the file at the same time, naming the other document: a tie on observed_at
    tie = dict(zip(("source_uri", "size_bytes", "mtime_ns", "sidecar_mtime_ns", "doc_id", "reject_id"), row),
               source_kind="html", doc_id=other, observed_at=T0)
    write_rows(settings.lake_dir, "source_versions", [tie], ("source_uri", "doc_id"))
    _agree(settings, "none")
    latest = LakeState.load(settings.lake_dir).sources[row[0]].doc_id
    assert latest == min(row[4], other)         # the tie is broken by id, the same way on both sides


def test_an_older_extractor_reads_again_what_a_newer_one_read_since(lake):
    settings, _ = lake
    current = extract.default_extractor()
    newer = dataclasses.replace(current, fingerprint="newer-extractor")
    _extract(settings, current, T0)
    assert extract.pending(settings.lake_dir, current.fingerprint) == []
    _agree(settings, current.fingerprint)
    _extract(settings, newer, T0 + timedelta(hours=1))      # e.g. a newer marsad, then rolled back
    assert len(extract.pending(settings.lake_dir, current.fingerprint)) == 2
    _agree(settings, current.fingerprint)
    _extract(settings, current, T0 + timedelta(hours=2))
    assert extract.pending(settings.lake_dir, current.fingerprint) == []
    _agree(settings, current.fingerprint)
    assert table_files(settings.lake_dir, "extractions")


def test_the_warehouse_builds_its_state_marts_on_the_views_runs_read():
    from conftest import ROOT

    marts = {name: (ROOT / "sql" / "marts" / f"{name}.sql").read_text(encoding="utf-8")
             for name in ("source_state", "documents", "latest_extractions")}
    assert "from state_sources" in marts["source_state"]
    assert "join state_documents" in marts["documents"]
    assert "from state_extractions" in marts["latest_extractions"]
    assert all("qualify" not in sql and "row_number" not in sql for sql in marts.values())
