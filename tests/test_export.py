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
from marsad.translit import ARABIC_LETTER


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


# Field names and nesting of the records POLECAT's coder (NGEC) writes, and of the PLOVER manual's
# JSON data fields: a reader of either finds what it looks for where it looks.
NGEC_FIELDS = {"id", "date", "event_type", "event_mode", "contexts", "event_text", "attributes",
               "event_geolocation", "date_resolved", "date_raw", "pub_date", "headline", "publisher",
               "story_id", "version"}
NGEC_ACTOR = {"text", "qa_start_char", "qa_end_char", "wiki", "country", "country_name", "code_1", "code_2"}
PLOVER_FIELDS = {"id", "date", "source", "recipient", "event", "mode", "context", "event_loc", "event_text",
                 "quad_code", "event_scale", "link", "text", "text_info", "cite_info", "coder"}
PLOVER_ACTOR = {"code", "sector", "actor_text", "identifier_id", "identifier_text"}


def event_records(settings, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}.jsonl"
    written = export_table(settings.warehouse_path, "events", fmt, out)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        factual = con.execute("select count(*) from events where factual").fetchone()[0]
    records = read_jsonl(out)
    assert written == len(records) == factual > 0
    return records


def test_polecat_records_have_ngec_fields_and_spans(built_warehouse, tmp_path):
    records = event_records(built_warehouse, tmp_path, "polecat")
    assert all(NGEC_FIELDS <= set(r) for r in records)
    dyad = next(r for r in records if r["attributes"]["ACTOR"] and r["attributes"]["RECIP"])
    for actor in dyad["attributes"]["ACTOR"] + dyad["attributes"]["RECIP"]:
        assert NGEC_ACTOR <= set(actor)
        assert actor["country"] or actor["code_1"]
        assert dyad["event_text"][actor["qa_start_char"]:actor["qa_end_char"]] == actor["text"]
    assert isinstance(dyad["event_mode"], list) and isinstance(dyad["contexts"], list)
    assert dyad["date_resolved"] == dyad["date"] and dyad["quad_code"] in (1, 2, 3, 4)
    undated = [r for r in records if r["attributes"]["DATE"] == []]
    assert undated and all(r["date_raw"].startswith("<No date detected") for r in undated)
    located = [r for r in records if r["event_geolocation"]["geo"]]
    assert located and all(r["event_geolocation"]["reason"] for r in records)
    assert any(r["event_geolocation"]["geo"]["country_code3"] == "IRQ" for r in located)


def test_plover_records_have_the_manuals_fields(built_warehouse, tmp_path):
    records = event_records(built_warehouse, tmp_path, "plover")
    assert all(PLOVER_FIELDS <= set(r) for r in records)
    assert all(isinstance(r["source"], list) and isinstance(r["event"], list) for r in records)
    dyad = next(r for r in records if r["source"] and r["recipient"])
    actor = dyad["source"][0]
    assert PLOVER_ACTOR <= set(actor) and len(actor["code"]) == 3 and actor["actor_text"] in dyad["text"]
    assert dyad["text_info"]["end"] - dyad["text_info"]["start"] == len(dyad["text"])
    assert dyad["cite_info"]["citation"] and dyad["event_text"][0] in dyad["text"]


@pytest.mark.parametrize("fmt, side, name", [("polecat", "ACTOR", "wiki"), ("plover", "source", "identifier_text")])
def test_event_records_name_actors_in_latin_letters_with_the_arabic_beside(built_warehouse, tmp_path, fmt, side,
                                                                          name):
    records = event_records(built_warehouse, tmp_path, fmt)
    actors = [a for r in records for a in (r["attributes"][side] if fmt == "polecat" else r[side])]
    assert actors and all(a[name] and not ARABIC_LETTER.search(a[name]) for a in actors)
    assert any(a["name_ar"] and ARABIC_LETTER.search(a["name_ar"]) for a in actors)


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
    ("actors", "plover", None, "use --table events"),
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
