"""`marsad export`: every table in every format, read back with a standard reader."""

from __future__ import annotations

import csv
import json

import duckdb
import pyarrow.parquet as pq
import pytest

from marsad.cli import main
from marsad.errors import SettingsError, WarehouseError
from marsad.export import TABLES, export_table


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def read_parquet(path):
    return pq.read_table(path).to_pylist()


READERS = {"csv": read_csv, "jsonl": read_jsonl, "parquet": read_parquet}


def table_rows(settings, table):
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        columns = [r[0] for r in con.execute(f"describe {table}").fetchall()]
        return con.execute(f"select count(*) from {table}").fetchone()[0], columns


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("fmt", sorted(READERS))
def test_every_row_and_column_read_back(built_warehouse, tmp_path, table, fmt):
    out = tmp_path / f"{table}.{fmt}"
    written = export_table(built_warehouse.warehouse_path, table, fmt, out)
    rows = READERS[fmt](out)
    count, columns = table_rows(built_warehouse, table)
    assert written == len(rows) == count > 0
    assert list(rows[0]) == columns


def test_arabic_text_and_lists_survive_csv(built_warehouse, tmp_path):
    out = tmp_path / "actors.csv"
    export_table(built_warehouse.warehouse_path, "actors", "csv", out)
    rows = read_csv(out)
    assert any("العراق" in (r["name_ar"] or "") for r in rows)
    assert all(isinstance(json.loads(r["aliases"]), list) for r in rows if r["aliases"])


def test_polecat_records_are_factual_events_with_actors_and_source(built_warehouse, tmp_path):
    out = tmp_path / "events.jsonl"
    written = export_table(built_warehouse.warehouse_path, "events", "polecat", out)
    records = read_jsonl(out)
    with duckdb.connect(str(built_warehouse.warehouse_path), read_only=True) as con:
        factual = con.execute("select count(*) from events where factual").fetchone()[0]
    assert written == len(records) == factual
    dyad = next(r for r in records if r["actor"] and r["recipient"])
    assert dyad["event_type"] and dyad["date"] and dyad["text"] and dyad["source"]["doc_id"]
    assert dyad["actor"]["code"] and dyad["actor"]["name"] and dyad["recipient"]["code"]
    assert dyad["quad_code"] in (1, 2, 3, 4)


def test_cli_writes_to_stdout(built_warehouse, capsys):
    code = main(["export", "--table", "claims", "--format", "jsonl",
                 "--data-dir", str(built_warehouse.data_dir)])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0 and lines and json.loads(lines[0])["claim_id"]


@pytest.mark.parametrize("table, fmt, out, message", [
    ("documents", "csv", None, "unknown table"),
    ("events", "xml", None, "unknown format"),
    ("events", "parquet", None, "give --out"),
    ("claims", "polecat", None, "use --table events"),
])
def test_bad_requests_are_refused_with_a_reason(built_warehouse, table, fmt, out, message):
    with pytest.raises(SettingsError, match=message):
        export_table(built_warehouse.warehouse_path, table, fmt, out)


def test_missing_warehouse_says_to_run_first(tmp_path, capsys):
    code = main(["export", "--table", "events", "--format", "csv", "--data-dir", str(tmp_path)])
    assert code == 1 and "marsad run" in capsys.readouterr().err


def test_unknown_table_on_the_command_line_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--table", "people", "--format", "csv"])
    assert exit_info.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_older_warehouse_without_the_table_asks_for_a_rebuild(tmp_path):
    path = tmp_path / "old.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(WarehouseError, match="force-build"):
        export_table(path, "event_clusters", "csv", tmp_path / "x.csv")
