"""Warehouse tables written as files other tools read: CSV, JSON lines, Parquet, POLECAT-style JSON.

`polecat` writes one JSON record a line per factual event, shaped like POLECAT's PLOVER records:
event type and mode, the actor and the recipient with their codes and names, the date, the
place, the sentence, and the article's URL and id.
"""

from __future__ import annotations

import csv
import json
import logging
from datetime import date, datetime
from pathlib import Path
from typing import IO, Callable, Iterator

import duckdb
import pyarrow.parquet as pq

from .errors import SettingsError, WarehouseError
from .warehouse import connect_readonly

log = logging.getLogger(__name__)

TABLES = ("events", "claims", "actors", "event_clusters")
FORMATS = ("csv", "jsonl", "parquet", "polecat")
BATCH = 5_000        # rows fetched at a time: bounded memory on big warehouses
POLECAT_VERSION = "marsad-plover-1"

# Factual events with both actors' names and codes, the document's URL and outlet.
POLECAT_SQL = """
select
    e.event_id, e.event_type, e.mode, e.cameo_root, e.quad_class, e.goldstein,
    coalesce(e.event_date, cast(d.published_at as date)) as event_date,
    case when e.event_date is null then 'publication' else e.date_precision end as date_precision,
    e.date_text, e.location, e.quantity, e.quantity_unit, e.sentence, e.trigger, e.confidence,
    src.actor_id as src_id, src.name as src_name, src.name_ar as src_name_ar, src.code as src_code,
    src.country as src_country, src.sector as src_sector, src.kind as src_kind,
    tgt.actor_id as tgt_id, tgt.name as tgt_name, tgt.name_ar as tgt_name_ar, tgt.code as tgt_code,
    tgt.country as tgt_country, tgt.sector as tgt_sector, tgt.kind as tgt_kind,
    m.event_cluster_id, d.doc_id, d.url, d.outlet, d.title, d.language, d.published_at
from events as e
join documents as d using (doc_id)
left join actors as src on src.actor_id = e.source_actor_id
left join actors as tgt on tgt.actor_id = e.target_actor_id
left join event_cluster_members as m using (event_id)
where e.factual
order by d.doc_id, e."start"
"""


def export_table(warehouse: Path, table: str, fmt: str, out: Path | None = None,
                 stream: IO[str] | None = None) -> int:
    """Write one warehouse table to out (or the text stream) in fmt; return the rows written."""
    check_request(table, fmt, out)
    with connect_readonly(warehouse) as con:
        require_table(con, table)
        if fmt == "parquet":
            count = write_parquet(con, table, out)
        elif out is None:
            count = WRITERS[fmt](con, table, stream)
        else:
            with open(out, "w", encoding="utf-8", newline="") as handle:
                count = WRITERS[fmt](con, table, handle)
    log.info("exported %d rows of %s as %s", count, table, fmt)
    return count


def check_request(table: str, fmt: str, out: Path | None) -> None:
    """Refuse an unknown table or format, a binary format on a terminal, polecat off events."""
    if table not in TABLES:
        raise SettingsError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise SettingsError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet" and out is None:
        raise SettingsError("parquet is a binary format: give --out FILE")
    if fmt == "polecat" and table != "events":
        raise SettingsError("polecat records are events: use --table events")


def require_table(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Raise WarehouseError when the warehouse (an older build) lacks the table."""
    found = con.execute("select count(*) from duckdb_tables() where table_name = ?", [table]).fetchone()[0]
    if not found:
        raise WarehouseError(f"the warehouse has no table {table}: rebuild it with `marsad run --force-build`")


def batches(relation: duckdb.DuckDBPyRelation) -> Iterator[list[tuple]]:
    """The relation's rows, BATCH at a time."""
    while rows := relation.fetchmany(BATCH):
        yield rows


def write_csv(con: duckdb.DuckDBPyConnection, table: str, handle: IO[str]) -> int:
    """CSV with a header row; lists as JSON arrays, nulls as empty cells."""
    relation = con.execute(f'select * from "{table}"')
    writer = csv.writer(handle)
    writer.writerow([d[0] for d in relation.description])
    count = 0
    for rows in batches(relation):
        writer.writerows([[csv_cell(v) for v in row] for row in rows])
        count += len(rows)
    return count


def csv_cell(value: object) -> object:
    """One value as a CSV cell."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=json_default)
    return "" if value is None else value


def write_jsonl(con: duckdb.DuckDBPyConnection, table: str, handle: IO[str]) -> int:
    """One JSON object a line, keyed by column name; dates in ISO 8601."""
    relation = con.execute(f'select * from "{table}"')
    columns = [d[0] for d in relation.description]
    count = 0
    for rows in batches(relation):
        for row in rows:
            handle.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=json_default) + "\n")
        count += len(rows)
    return count


def write_parquet(con: duckdb.DuckDBPyConnection, table: str, out: Path) -> int:
    """The table as one Parquet file (types kept: lists, dates, timestamps)."""
    data = con.execute(f'select * from "{table}"').to_arrow_table()
    pq.write_table(data, out)
    return data.num_rows


def write_polecat(con: duckdb.DuckDBPyConnection, table: str, handle: IO[str]) -> int:
    """Factual events as POLECAT/PLOVER-style JSON records, one a line."""
    relation = con.execute(POLECAT_SQL)
    columns = [d[0] for d in relation.description]
    count = 0
    for rows in batches(relation):
        for row in rows:
            record = polecat_record(dict(zip(columns, row)))
            handle.write(json.dumps(record, ensure_ascii=False, default=json_default) + "\n")
        count += len(rows)
    return count


def polecat_record(row: dict) -> dict:
    """One event row (POLECAT_SQL) as a PLOVER record: who did what to whom, when, where."""
    return {
        "id": row["event_id"],
        "event_type": row["event_type"],
        "mode": row["mode"],
        "context": [],
        "cameo_root": row["cameo_root"],
        "quad_code": row["quad_class"],
        "goldstein": row["goldstein"],
        "actor": polecat_actor(row, "src"),
        "recipient": polecat_actor(row, "tgt"),
        "date": row["event_date"],
        "date_precision": row["date_precision"],
        "date_raw": row["date_text"],
        "location": polecat_place(row["location"]),
        "quantity": row["quantity"],
        "quantity_unit": row["quantity_unit"],
        "text": row["sentence"],
        "trigger": row["trigger"],
        "confidence": row["confidence"],
        "event_cluster_id": row["event_cluster_id"],
        "source": {"doc_id": row["doc_id"], "url": row["url"], "outlet": row["outlet"],
                   "headline": row["title"], "language": row["language"],
                   "publication_date": row["published_at"]},
        "version": POLECAT_VERSION,
    }


def polecat_actor(row: dict, side: str) -> dict | None:
    """The actor or recipient of a row: its id, names and CAMEO-style code, or None."""
    if row[f"{side}_id"] is None:
        return None
    fields = ("id", "name", "name_ar", "code", "country", "sector", "kind")
    return {field: row[f"{side}_{field}"] for field in fields}


def polecat_place(location: str | None) -> dict | None:
    """«Baghdad, IRQ» as a placename and its country; a bare name as a placename."""
    if not location:
        return None
    name, _, country = location.rpartition(", ")
    if name and len(country) == 3 and country.isupper():
        return {"placename": name, "country": country, "raw": location}
    return {"placename": location, "country": None, "raw": location}


def json_default(value: object) -> object:
    """JSON for the values DuckDB returns that json cannot write (dates, decimals ...)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


WRITERS: dict[str, Callable[[duckdb.DuckDBPyConnection, str, IO[str]], int]] = {
    "csv": write_csv, "jsonl": write_jsonl, "polecat": write_polecat,
}
