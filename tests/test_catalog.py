"""The shared catalog (`--catalog ducklake:...`): a build publishes the marts into a DuckLake
catalog (here an embedded catalog file; PostgreSQL in test_catalog_postgres.py) with the very
rows of the warehouse, a re-run adds nothing, new articles add only their rows, and plain DuckDB
attaches the catalog in two lines.

Driven through the core steps (no Prefect), but for one run of the pipeline flow with --catalog.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pyarrow.fs as pafs
import pytest

from marsad import catalog, extract, ingest, sources, storage, warehouse
from marsad.catalog import CatalogError
from marsad.errors import SettingsError
from marsad.lake import LakeState
from marsad.settings import Settings

from conftest import SEED
from test_s3 import s3_endpoint, s3_lake  # noqa: F401 (fixtures: moto's S3 server on 127.0.0.1)

# Short articles written for these tests.
ARTICLES = {
    "a.txt": "Ministers meet in Muscat\nTalks on trade.\n"
             "The foreign minister of Oman met the Kuwaiti foreign minister in Muscat on Sunday.\n"
             "The two ministers said they would raise trade between their countries, the Omani news agency reported.\n",
    "b.txt": "وزير الصحة يفتتح مستشفى في جدة\nافتتاح جديد.\n"
             "افتتح وزير الصحة السعودي مستشفى جديدا في جدة يوم الاثنين.\n"
             "وقال الوزير إن المستشفى سيخدم آلاف المرضى في المنطقة.\n",
}
LATER = {
    "c.txt": "Police disperse protest in Basra\nClashes overnight.\n"
             "Iraqi police fired tear gas at protesters in Basra on Tuesday, witnesses said.\n"
             "The governor of Basra called for calm and promised to meet the demands.\n",
}
MORE = {
    "d.txt": "أمير الكويت يستقبل رئيس وزراء الأردن\nزيارة رسمية.\n"
             "استقبل أمير الكويت رئيس الوزراء الأردني في قصر بيان يوم الأربعاء.\n"
             "وأكد الجانبان حرصهما على تعزيز التعاون بين البلدين.\n",
}
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)


def write(folder: Path, texts: dict[str, str]) -> Path:
    """Write articles into a folder; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def ingest_and_extract(settings: Settings, folder: Path) -> None:
    """Ingest a folder and extract what is new, through the core steps the flows compose."""
    state = LakeState.load(settings.lake_dir)
    todo, _ = ingest.triage(sources.discover([folder]).sources, state)
    raws = ingest.read_items(todo, settings.max_file_bytes, settings.fetch_max_bytes)
    ingest.write_batch(settings.lake_dir, ingest.parse_batch(raws, NOW), state, NOW)
    extractor = extract.default_extractor()
    ids = extract.pending(settings.lake_dir, extractor.fingerprint)
    extract.write_extraction(settings.lake_dir, extract.extract_batch(
        extract.read_documents(settings.lake_dir, ids), extractor, NOW))


@pytest.fixture(scope="session")
def two_articles(tmp_path_factory) -> Path:
    """A lake holding the two articles, extracted (made once; tests copy it)."""
    data = tmp_path_factory.mktemp("two") / "data"
    ingest_and_extract(Settings.load({"data_dir": data}, environ={}), write(data.parent / "articles", ARTICLES))
    return data / "lake"


@pytest.fixture
def lake(tmp_path: Path, two_articles: Path) -> Settings:
    """Settings with an embedded catalog beside a lake holding two extracted articles."""
    data = tmp_path / "data"
    shutil.copytree(two_articles, data / "lake")
    return Settings.load({"data_dir": data, "catalog": f"ducklake:{data / 'catalog.ducklake'}"}, environ={})


def open_catalog(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A connection with the catalog attached read-only as `marsad`, the warehouse as `warehouse`."""
    con = duckdb.connect()
    catalog.load_extensions(con, settings.catalog)
    storage.store(settings.lake_dir).prepare(con)           # an S3 lake: httpfs and the secret
    con.execute(catalog.attach_sql(settings.catalog, read_only=True))
    con.execute(f"attach '{settings.warehouse_path}' as warehouse (read_only)")
    return con


def contents(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted, in the warehouse or the catalog."""
    return {t: con.execute(f'select * from {database}."{t}" order by all').fetchall()
            for t in catalog.tables(con, database)}


def snapshots(con: duckdb.DuckDBPyConnection) -> int:
    """How many snapshots the catalog has."""
    return con.execute("select count(*) from marsad.snapshots()").fetchone()[0]


def assert_same_as_warehouse(settings: Settings) -> dict[str, list[tuple]]:
    """The catalog holds every mart with the warehouse's rows, none twice; return them."""
    with open_catalog(settings) as con:
        published, built = contents(con, "marsad"), contents(con, "warehouse")
        for table in published:
            distinct = con.execute(f'select count(*) from (select distinct * from marsad."{table}")').fetchone()[0]
            assert distinct == len(published[table]), f"{table} holds a row twice"
    assert published == built
    return published


@pytest.mark.parametrize("value, expected", [
    ("", ""),
    ("ducklake:postgres:dbname=marsad host=db.internal user=marsad",
     "ducklake:postgres:dbname=marsad host=db.internal user=marsad"),
    ("  ducklake:/srv/marsad/catalog.ducklake ", "ducklake:/srv/marsad/catalog.ducklake"),
])
def test_catalog_settings_name_an_embedded_file_or_postgresql(value, expected):
    assert Settings.load({"catalog": value}, environ={}).catalog == expected


def test_a_relative_catalog_file_is_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert Settings.load({}, environ={"MARSAD_CATALOG": "ducklake:cat.ducklake"}).catalog == \
        f"ducklake:{tmp_path / 'cat.ducklake'}"


@pytest.mark.parametrize("value, says", [
    ("postgresql://db/marsad", "must be ducklake:PATH"),
    ("ducklake:", "must be ducklake:PATH"),
    ("ducklake:sqlite:cat.db", "only a local file or postgres:"),
    ("ducklake:s3://bucket/cat.ducklake", "only a local file or postgres:"),
])
def test_other_catalogs_are_refused_with_a_clear_message(value, says):
    with pytest.raises(SettingsError, match=says):
        Settings.load({"catalog": value}, environ={})


def test_without_a_catalog_a_build_publishes_nothing(lake):
    plain = dataclasses.replace(lake, catalog="")
    report = warehouse.build(plain)
    assert report.catalog is None
    assert not (lake.data_dir / "catalog.ducklake").exists()


def test_a_build_publishes_every_mart_with_the_warehouse_rows(lake):
    report = warehouse.build(lake)
    assert report.catalog is not None and not report.catalog.skipped
    published = assert_same_as_warehouse(lake)
    assert set(published) == set(report.rows)
    assert len(published["documents"]) == 2 and published["sentences"] and published["actors"]
    assert report.catalog.added == sum(len(rows) for rows in published.values())
    assert list((Path(lake.lake_dir) / catalog.DATA_FOLDER).rglob("*.parquet")), "no data file under the lake"
    assert "Published to the catalog" in report.as_markdown()


def test_a_rerun_adds_no_snapshot_and_no_row(lake):
    warehouse.build(lake)
    with open_catalog(lake) as con:
        before, rows = snapshots(con), contents(con, "marsad")
    assert warehouse.build(lake).catalog.skipped
    assert warehouse.build(lake, force=True).catalog.skipped      # the same lake: the same fingerprint
    with open_catalog(lake) as con:
        assert snapshots(con) == before
        assert contents(con, "marsad") == rows
        assert con.execute(f"select count(*) from marsad.{catalog.PUBLISHES}").fetchone()[0] == 1


def test_new_articles_publish_only_their_rows(lake, tmp_path):
    first = warehouse.build(lake).catalog
    ingest_and_extract(lake, write(tmp_path / "later", LATER))
    second = warehouse.build(lake).catalog
    published = assert_same_as_warehouse(lake)
    assert len(published["documents"]) == 3
    assert 0 < second.added < first.added
    assert first.by_change_set == 0 and second.by_change_set >= 10     # documents, sentences, claims, ...
    with open_catalog(lake) as con:
        assert con.execute(f"select count(*) from marsad.{catalog.PUBLISHES}").fetchone()[0] == 2


def test_a_catalog_that_missed_a_publish_catches_up_on_the_next_run(lake):
    warehouse.build(dataclasses.replace(lake, catalog=""))         # built, nothing published
    report = warehouse.build(lake)                                  # up to date, but the catalog lags
    assert report.skipped and not report.catalog.skipped
    assert_same_as_warehouse(lake)


def test_a_catalog_behind_by_two_builds_is_compared_whole(lake, tmp_path):
    warehouse.build(lake)
    ingest_and_extract(lake, write(tmp_path / "later", LATER))
    warehouse.build(dataclasses.replace(lake, catalog=""))         # a build the catalog missed
    ingest_and_extract(lake, write(tmp_path / "more", MORE))
    report = warehouse.build(lake).catalog
    assert report.by_change_set == 0                                # its change sets start from the missed build
    assert len(assert_same_as_warehouse(lake)["documents"]) == 4


# The packaged extension files: the scripts load them offline, as an analyst without network would
# (with network, `INSTALL ducklake` does the same); nothing is installed into ~/.duckdb.
EXT = {name: str(storage.extension_file(name, "the catalog tests")) for name in ("ducklake", "httpfs", "postgres")}

ANALYST = """
import duckdb, sys
con = duckdb.connect()
con.execute("LOAD '{ducklake}'")
con.execute("ATTACH 'ducklake:{path}' AS marsad (READ_ONLY)")
print(con.execute("select count(*) from marsad.documents").fetchone()[0])
print(con.execute("select count(*) from marsad.sentences").fetchone()[0])
"""


def test_plain_duckdb_attaches_the_catalog_in_two_lines(lake):
    report = warehouse.build(lake)
    path = lake.catalog.removeprefix("ducklake:")
    out = subprocess.run([sys.executable, "-c", ANALYST.format(**EXT, path=path)], capture_output=True, text=True,
                         check=True, timeout=120).stdout.split()
    assert [int(n) for n in out] == [report.rows["documents"], report.rows["sentences"]]


HOLDER = """
import duckdb, sys, time
con = duckdb.connect()
con.execute("LOAD '{ducklake}'")
con.execute("ATTACH 'ducklake:{path}' AS marsad (READ_ONLY)")
print("attached", flush=True)
sys.stdin.readline()
"""


def test_a_catalog_file_held_by_a_reader_fails_clearly_and_the_next_run_publishes(lake, tmp_path):
    warehouse.build(lake)
    ingest_and_extract(lake, write(tmp_path / "later", LATER))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER.format(**EXT, path=lake.catalog.removeprefix("ducklake:"))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "attached"
        warehouse.build(dataclasses.replace(lake, catalog=""))
        with pytest.raises(CatalogError, match="held by another process"):
            catalog.publish(lake, wait=1)
    finally:
        holder.communicate("\n", timeout=60)
    assert not catalog.publish(lake).skipped
    assert len(assert_same_as_warehouse(lake)["documents"]) == 3


@pytest.mark.prefect
def test_marsad_run_with_a_catalog_publishes_it(tmp_path):
    from flows.pipeline import pipeline
    from marsad.ingest import Sources

    from conftest import harness

    data = tmp_path / "data"
    settings = Settings.load({"data_dir": data, "catalog": f"ducklake:{data / 'catalog.ducklake'}"}, environ={})
    harness()
    summary = pipeline(Sources((str(SEED),)), settings)
    assert summary.build.catalog is not None and summary.build.catalog.added > 0
    assert len(assert_same_as_warehouse(settings)["documents"]) == 1


ANALYST_S3 = """
import duckdb, os
con = duckdb.connect()
con.execute("LOAD '{ducklake}'; LOAD '{httpfs}'")
con.execute(f"CREATE SECRET (TYPE s3, KEY_ID '{key}', SECRET '{secret}', REGION '{region}', ENDPOINT '{endpoint}', "
            "URL_STYLE 'path', USE_SSL false)")
con.execute("ATTACH 'ducklake:{path}' AS marsad (READ_ONLY)")
print(con.execute("select count(*) from marsad.documents").fetchone()[0])
"""


def test_the_catalog_data_files_go_to_an_s3_lake(s3_lake, tmp_path):
    from test_s3 import KEY, REGION, SECRET

    data = tmp_path / "data"
    local = Settings.load({"data_dir": data}, environ={})
    settings = dataclasses.replace(local, lake=s3_lake, catalog=f"ducklake:{data / 'catalog.ducklake'}")
    ingest_and_extract(settings, write(tmp_path / "articles", ARTICLES))
    report = warehouse.build(settings)
    assert report.catalog.added > 0 and assert_same_as_warehouse(settings)["documents"]
    bucket, prefix = s3_lake.removeprefix("s3://").split("/", 1)
    store = storage.store(s3_lake)
    objects = store.fs.get_file_info(pafs.FileSelector(f"{bucket}/{prefix}/{catalog.DATA_FOLDER}", recursive=True))
    assert any(o.path.endswith(".parquet") for o in objects)
    assert not list(data.rglob("*.parquet")), "a data file was written locally"
    endpoint = store.s3.endpoint
    out = subprocess.run([sys.executable, "-c", ANALYST_S3.format(**EXT, 
        key=KEY, secret=SECRET, region=REGION, endpoint=endpoint, path=data / "catalog.ducklake")],
        capture_output=True, text=True, check=True, timeout=120).stdout
    assert out.split() == ["2"]
    assert warehouse.build(settings).catalog.skipped
