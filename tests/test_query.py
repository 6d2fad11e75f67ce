"""`marsad query`: what a query may do (docs/promises.md), run in-process on a warehouse of the seed."""

import subprocess
import sys

import pytest

from marsad.cli import main
from conftest import run_ingest
from marsad.settings import Settings
from marsad.warehouse import build

from conftest import ROOT, SEED


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A data dir with the seed's warehouse, built once for the module."""
    data = tmp_path_factory.mktemp("query") / "data"
    settings = Settings.load({"data_dir": data}, environ={})
    run_ingest([SEED], settings)
    build(settings)
    return data


def query(data_dir, sql, *extra):
    return main(["query", sql, "--data-dir", str(data_dir), *extra])


def test_normal_queries_work(data_dir, capsys):
    assert query(data_dir, "select count(*) as n from documents", "--format", "csv") == 0
    assert capsys.readouterr().out.splitlines() == ["n", "1"]


@pytest.mark.parametrize("sql", [
    "select * from read_text('/etc/passwd')",
    "select * from read_csv('/etc/passwd')",
    "select * from glob('/*')",
    "select * from read_parquet('{lake}/documents/*.parquet')",
    "copy (select 1) to '{out}'",
    "copy documents to '{warehouse}'",
    "copy documents to '{warehouse}.wal'",
    "copy documents to '{warehouse}' (use_tmp_file false)",
    "export database '{outdir}'",
    "attach '{other}' as other (read_only false)",
    "install fts",
    "load parquet",
    "set enable_external_access = true",
    "reset enable_external_access",
    "set lock_configuration = false",
    "set allowed_directories = ['/']",
    "select * from src_documents",
    "select 1; copy (select 1) to '{out}'",
    "pragma enable_profiling",
    "create table x as select 1",
    "delete from documents",
    "drop table documents",
])
def test_the_file_system_and_other_databases_are_out_of_reach(data_dir, tmp_path, capsys, sql):
    paths = dict(warehouse=data_dir / "marsad.duckdb", out=tmp_path / "out.csv",
                 outdir=tmp_path / "export", other=tmp_path / "other.duckdb", lake=data_dir / "lake")
    before = (data_dir / "marsad.duckdb").read_bytes(), sorted(data_dir.iterdir())
    assert query(data_dir, sql.format(**paths)) == 1
    err = capsys.readouterr().err
    assert "query refused" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
    assert ((data_dir / "marsad.duckdb").read_bytes(), sorted(data_dir.iterdir())) == before
    assert query(data_dir, "select count(*) from documents", "--format", "csv") == 0


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_a_reader_that_stops_early_is_no_error(data_dir, fmt):
    sql = "select range as n, repeat('x', 200) as pad from range(200000)"
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "query", sql, "--data-dir", str(data_dir),
                             "--format", fmt, "--max-rows", "100000"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdout.readline()
    proc.stdout.close()                     # what `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and err == ""
