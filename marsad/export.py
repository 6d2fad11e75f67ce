"""Warehouse tables written as files other tools read: CSV, JSON lines, Parquet, event records.

Two event-record formats write one JSON record a line per factual event:

- `polecat`: the records NGEC, the coder behind POLECAT, writes (`event_type`, `event_mode`,
  `contexts`, `event_text`, `attributes` with ACTOR / RECIP / LOC / DATE lists holding each
  span's text and character offsets in `event_text` and the actors' `country`, `code_1`,
  `code_2`, `wiki`; `event_geolocation` with `reason` and `geo`; `date_resolved` and `date_raw`,
  which says when the publication date stands in; `pub_date`, `headline`, `publisher`,
  `story_id`, `version`);
- `plover`: the PLOVER data-interchange record (`id`, `date`, `source` and `recipient` as lists
  of actor objects with `code`, `sector`, `actor_text`, `identifier_id`, `identifier_text`;
  `event` as a list, `mode`, `context`, `event_loc`, `event_text`, `quad_code`,
  `event_scale`, `link`, `text`, `text_info`, `cite_info`, `coder`).

Both carry marsad's own fields beside them (`url`, `cameo_root`, `quad_code`, `goldstein`,
`event_cluster_id`, `confidence`), as the specifications allow.
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
FORMATS = ("csv", "jsonl", "parquet", "polecat", "plover")
EVENT_FORMATS = ("polecat", "plover")
BATCH = 5_000        # rows fetched at a time: bounded memory on big warehouses
POLECAT_VERSION = "marsad-plover-2"      # the record shape: 2 = NGEC/POLECAT field names (2026-12-06)

# Factual events with their actors (names, codes, the mention's span in the sentence), the
# sentence's place in the document, the country names, and the document's metadata.
POLECAT_SQL = """
with spans as (
    select sentence_id, actor_id, arg_min(surface, start) as surface,
           min(start) as span_start, arg_min("end", start) as span_end
    from actor_mentions
    group by sentence_id, actor_id
),
lands as (select code, any_value(name) as name from actors where kind = 'country' group by code)
select
    e.event_id, e.event_type, e.mode, e.cameo_root, e.quad_class, e.goldstein,
    coalesce(e.event_date, cast(d.published_at as date)) as event_date,
    case when e.event_date is null then 'publication' else e.date_precision end as date_precision,
    e.date_text, e.location, e.quantity, e.quantity_unit, e.sentence, e.trigger, e.confidence,
    e."start" - s."start" as trigger_start, e."end" - s."start" as trigger_end,
    s."start" as sentence_start, s."end" as sentence_end,
    cast(right(e.sentence_id, 4) as integer) as sentence_number,
    src.actor_id as src_id, src.name as src_name, src.name_ar as src_name_ar,
    src.code as src_code, src.country as src_country, src.sector as src_sector, src.kind as src_kind,
    src_land.name as src_country_name, src_span.surface as src_text,
    src_span.span_start - s."start" as src_start, src_span.span_end - s."start" as src_end,
    tgt.actor_id as tgt_id, tgt.name as tgt_name, tgt.name_ar as tgt_name_ar,
    tgt.code as tgt_code, tgt.country as tgt_country, tgt.sector as tgt_sector, tgt.kind as tgt_kind,
    tgt_land.name as tgt_country_name, tgt_span.surface as tgt_text,
    tgt_span.span_start - s."start" as tgt_start, tgt_span.span_end - s."start" as tgt_end,
    m.event_cluster_id, d.doc_id, d.url, d.outlet, d.title, d.language,
    cast(d.published_at as date) as pub_date
from events as e
join documents as d using (doc_id)
join sentences as s on s.sentence_id = e.sentence_id
left join actors as src on src.actor_id = e.source_actor_id
left join actors as tgt on tgt.actor_id = e.target_actor_id
left join lands as src_land on src_land.code = src.country
left join lands as tgt_land on tgt_land.code = tgt.country
left join spans as src_span on src_span.sentence_id = e.sentence_id and src_span.actor_id = e.source_actor_id
left join spans as tgt_span on tgt_span.sentence_id = e.sentence_id and tgt_span.actor_id = e.target_actor_id
left join event_cluster_members as m using (event_id)
where e.factual
order by d.doc_id, e."start"
"""
NO_DATE = "<No date detected--using publication date>"     # NGEC's own words for the fall-back


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
    """Refuse an unknown table or format, a binary format on a terminal, event records off events."""
    if table not in TABLES:
        raise SettingsError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise SettingsError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet" and out is None:
        raise SettingsError("parquet is a binary format: give --out FILE")
    if fmt in EVENT_FORMATS and table != "events":
        raise SettingsError(f"{fmt} records are events: use --table events")


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


def write_events(con: duckdb.DuckDBPyConnection, handle: IO[str], shape: Callable[[dict], dict]) -> int:
    """Factual events as JSON records, one a line, each shaped by shape from a POLECAT_SQL row."""
    relation = con.execute(POLECAT_SQL)
    columns = [d[0] for d in relation.description]
    count = 0
    for rows in batches(relation):
        for row in rows:
            handle.write(json.dumps(shape(dict(zip(columns, row))), ensure_ascii=False, default=json_default) + "\n")
        count += len(rows)
    return count


def polecat_record(row: dict) -> dict:
    """One event as NGEC/POLECAT writes it: who did what to whom, when, where, with the spans."""
    return {
        "id": row["event_id"],
        "date": row["event_date"],
        "event_type": row["event_type"],
        "event_mode": [row["mode"]] if row["mode"] else [],
        "contexts": [],
        "event_text": row["sentence"],
        "attributes": {"ACTOR": ngec_actors(row, "src"), "RECIP": ngec_actors(row, "tgt"),
                       "LOC": [{"text": row["location"]}] if row["location"] else [],
                       "DATE": [{"text": row["date_text"]}] if row["date_text"] else []},
        "event_geolocation": ngec_place(row["location"]),
        "date_resolved": row["event_date"],
        "date_raw": row["date_text"] or NO_DATE,
        "pub_date": row["pub_date"],
        "headline": row["title"],
        "publisher": row["outlet"],
        "story_id": row["doc_id"],
        "version": POLECAT_VERSION,
        **marsad_fields(row),
    }


def ngec_actors(row: dict, side: str) -> list[dict]:
    """The actor (src) or recipient (tgt) as NGEC's attribute list: span, country, codes."""
    if row[f"{side}_id"] is None:
        return []
    country, sector = row[f"{side}_country"], row[f"{side}_sector"]
    return [{"text": row[f"{side}_text"] or row[f"{side}_name"],
             "qa_start_char": row[f"{side}_start"], "qa_end_char": row[f"{side}_end"],
             "wiki": row[f"{side}_name"], "country": country or "",
             "country_name": row[f"{side}_country_name"] or "",
             "code_1": sector or ("" if country else row[f"{side}_code"] or ""), "code_2": "",
             "actor_id": row[f"{side}_id"], "name_ar": row[f"{side}_name_ar"], "code": row[f"{side}_code"]}]


def ngec_place(location: str | None) -> dict:
    """NGEC's event_geolocation: a reason, and the place or None."""
    place = split_place(location)
    if place is None:
        return {"reason": "No location in the event's sentence", "geo": None}
    return {"reason": "The place named after في / in in the event's sentence",
            "geo": {"search_placename": location, "resolved_placename": place[0], "country_code3": place[1]}}


def split_place(location: str | None) -> tuple[str, str | None] | None:
    """«Baghdad, IRQ» as (Baghdad, IRQ); a bare name as (name, None); nothing as None."""
    if not location:
        return None
    name, _, country = location.rpartition(", ")
    if name and len(country) == 3 and country.isupper():
        return name, country
    return location, None


def plover_record(row: dict) -> dict:
    """One event as a PLOVER data-interchange record (JSON data fields of the PLOVER manual)."""
    return {
        "id": row["event_id"],
        "date": row["event_date"],
        "source": plover_actors(row, "src"),
        "recipient": plover_actors(row, "tgt"),
        "event": [row["event_type"]],
        "mode": [row["mode"]] if row["mode"] else [],
        "context": [],
        "event_loc": plover_place(row["location"]),
        "event_text": [row["trigger"]],
        "event_scale": row["goldstein"],
        "link": row["event_cluster_id"],
        "text": row["sentence"],
        "text_info": {"sequence": row["sentence_number"], "start": row["sentence_start"],
                      "end": row["sentence_end"]},
        "cite_info": {"citation": row["doc_id"], "url": row["url"], "title": row["title"],
                      "language": row["language"], "publication": row["outlet"], "coder": "marsad",
                      "codebook": "plover", "version": POLECAT_VERSION},
        "coder": "marsad",
        **marsad_fields(row),
    }


def plover_actors(row: dict, side: str) -> list[dict]:
    """The source (src) or recipient (tgt) as a list of PLOVER actor objects (empty if none)."""
    if row[f"{side}_id"] is None:
        return []
    top = row[f"{side}_country"] or row[f"{side}_code"]
    return [{"code": top, "sector": row[f"{side}_sector"], "actor_text": row[f"{side}_text"],
             "identifier_id": row[f"{side}_id"], "identifier_text": row[f"{side}_name"],
             "name_ar": row[f"{side}_name_ar"]}]


def plover_place(location: str | None) -> dict | None:
    """PLOVER's location object (GeoNames field names, cc3 for the alpha-3 country), or None."""
    place = split_place(location)
    return None if place is None else {"name": place[0], "cc3": place[1]}


def marsad_fields(row: dict) -> dict:
    """What marsad adds to either record: CAMEO, the date's precision, the count, the URL."""
    return {"url": row["url"], "cameo_root": row["cameo_root"], "quad_code": row["quad_class"],
            "goldstein": row["goldstein"], "date_precision": row["date_precision"],
            "quantity": row["quantity"], "quantity_unit": row["quantity_unit"], "trigger": row["trigger"],
            "trigger_start": row["trigger_start"], "trigger_end": row["trigger_end"],
            "event_cluster_id": row["event_cluster_id"], "confidence": round(row["confidence"], 3), "language": row["language"]}


def json_default(value: object) -> object:
    """JSON for the values DuckDB returns that json cannot write (dates, decimals ...)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


WRITERS: dict[str, Callable[[duckdb.DuckDBPyConnection, str, IO[str]], int]] = {
    "csv": write_csv, "jsonl": write_jsonl,
    "polecat": lambda con, table, handle: write_events(con, handle, polecat_record),
    "plover": lambda con, table, handle: write_events(con, handle, plover_record),
}
