"""The shared catalog on PostgreSQL (`--catalog ducklake:postgres:...`), against a real server
started here (tests/postgres.py; skipped with the reason where none can be had): a build
publishes there, writers publishing at once are serialised (the catalog ends equal to one
warehouse, never a mix, no row twice), and plain DuckDB attaches it."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
import threading
import uuid

import pytest

import postgres
from marsad import catalog, storage, warehouse
from marsad.settings import Settings

from test_catalog import (LATER, assert_same_as_warehouse, ingest_and_extract, open_catalog,  # noqa: F401
                          two_articles, write)

pytestmark = pytest.mark.skipif(postgres.missing_reason() is not None, reason=str(postgres.missing_reason()))


@pytest.fixture(scope="module")
def server():
    """A real PostgreSQL server on 127.0.0.1 for the tests of this module."""
    started = postgres.Server().start()
    yield started
    started.stop()


@pytest.fixture
def conninfo(server) -> str:
    """A new empty database for one catalog: its libpq connection string."""
    name = f"lake_{uuid.uuid4().hex[:8]}"
    server.create_database(name)
    return f"dbname={name} host=127.0.0.1 port={server.port} user=postgres"


@pytest.fixture
def lake(tmp_path, conninfo, two_articles) -> Settings:
    """Settings with a PostgreSQL catalog beside a lake holding two extracted articles."""
    shutil.copytree(two_articles, tmp_path / "data" / "lake")
    return Settings.load({"data_dir": tmp_path / "data", "catalog": f"ducklake:postgres:{conninfo}"}, environ={})


def test_a_build_publishes_into_the_postgresql_catalog(lake, server, conninfo):
    report = warehouse.build(lake)
    assert report.catalog.added > 0
    assert len(assert_same_as_warehouse(lake)["documents"]) == 2
    database = conninfo.split()[0].removeprefix("dbname=")
    assert int(server.sql("select count(*) from ducklake_snapshot", database)) >= 2    # the metadata is there
    assert warehouse.build(lake).catalog.skipped


def test_writers_publishing_at_once_are_serialised(lake, tmp_path):
    """Two data dirs over one lake: one warehouse of 2 articles, one of 3, published at the same time."""
    first = dataclasses.replace(lake, lake=str(lake.lake_dir), data_dir=tmp_path / "first")
    warehouse.build(dataclasses.replace(first, catalog=""))
    ingest_and_extract(lake, write(tmp_path / "later", LATER))
    second = dataclasses.replace(first, data_dir=tmp_path / "second")
    warehouse.build(dataclasses.replace(second, catalog=""))
    start, reports, errors = threading.Barrier(2), {}, []

    def publish(settings: Settings) -> None:
        start.wait()
        try:
            reports[settings.data_dir.name] = catalog.publish(settings)
        except Exception as err:        # reported below, with the other writer's outcome
            errors.append(err)

    writers = [threading.Thread(target=publish, args=(s,)) for s in (first, second)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=300)
    assert not errors and len(reports) == 2
    with open_catalog(first) as con:
        last = con.execute(f"select fingerprint from marsad.{catalog.PUBLISHES} order by published_at desc "
                           "limit 1").fetchone()[0]
    winner = first if last == catalog.warehouse_fingerprint(first.warehouse_path) else second
    published = assert_same_as_warehouse(winner)          # one warehouse whole, no row twice
    assert len(published["documents"]) == (2 if winner is first else 3)


# The packaged extension files: the scripts load them offline, as an analyst without network would
# (with network, `INSTALL ducklake` does the same); nothing is installed into ~/.duckdb.
EXT = {name: str(storage.extension_file(name, "the catalog tests")) for name in ("ducklake", "httpfs", "postgres")}

ANALYST = """
import duckdb
con = duckdb.connect()
con.execute("SET extension_directory = '{extensions}'")
con.execute("LOAD '{ducklake}'; INSTALL '{postgres}'; LOAD postgres_scanner")
con.execute("ATTACH 'ducklake:postgres:{conninfo}' AS marsad (READ_ONLY)")
print(con.execute("select count(*) from marsad.documents").fetchone()[0])
"""


def test_plain_duckdb_attaches_the_postgresql_catalog(lake, conninfo, tmp_path):
    warehouse.build(lake)
    out = subprocess.run([sys.executable, "-c", ANALYST.format(**EXT, extensions=tmp_path / 'ext', conninfo=conninfo)], capture_output=True,
                         text=True, check=True, timeout=120).stdout
    assert out.split() == ["2"]


def test_an_unreachable_catalog_fails_with_a_clear_message(lake, server):
    warehouse.build(dataclasses.replace(lake, catalog=""))
    closed = dataclasses.replace(lake, catalog="ducklake:postgres:dbname=none host=127.0.0.1 port=1 user=postgres")
    with pytest.raises(catalog.CatalogError, match="could not open the catalog ducklake:postgres:.*Connection refused"):
        catalog.publish(closed)
