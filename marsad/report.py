"""`marsad report`: the warehouse as one self-contained HTML page a person reads in a browser.

Panels: events over time by type, the most active actors and their dyads (a network picture), who
said what, events by country and place, and the data's quality. Every chart shows the SQL it ran
(runnable as is with `marsad query`). Styles and pictures (SVG) are inline and a
Content-Security-Policy forbids every fetch, so opening the file sends no request.
"""

from __future__ import annotations

import html
import logging
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

import duckdb

from .errors import MarsadError
from .settings import Settings
from .warehouse import connect_readonly

log = logging.getLogger(__name__)

ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN = re.compile(r"[A-Za-z]")
MAX_CELL = 280          # characters of a claim or sentence shown in a cell; the rest is cut (page size)
LABEL = 30             # characters of an actor's label in the network: what fits between circle and edge
MAX_BARS = 120          # periods on the time chart before days become weeks, then months
# Days before the first publication the default period starts: on 2,000 corpus articles, 93% of the
# happenings dated to the day happened at most 7 days before their first report (79% the same day).
LEAD_DAYS = 7

# Documents of the period: published (else ingested) between since and until, both included.
DOCS = """with docs as (
    select doc_id from documents
    where cast(coalesce(published_at, ingested_at) as date) between $since and $until
)"""

SUMMARY_SQL = DOCS + """
select
    (select count(*) from docs) as documents,
    (select count(*) from events semi join docs using (doc_id)) as event_mentions,
    (select count(*) from events semi join docs using (doc_id) where factual) as factual_mentions,
    (select count(*) from event_clusters where day between $since and $until) as happenings,
    (select count(*) from claims semi join docs using (doc_id)) as claims,
    (select count(distinct actor_id) from actor_mentions semi join docs using (doc_id)) as actors"""

TIMELINE_SQL = """select cast(date_trunc($bucket, day) as date) as period, event_type,
       sum(clusters) as happenings, sum(events) as mentions
from daily_event_counts
where day between $since and $until
group by all
order by period, event_type"""

ACTORS_SQL = DOCS + """,
mentioned as (
    select actor_id, count(*) as mentions, count(distinct doc_id) as documents
    from actor_mentions semi join docs using (doc_id)
    group by actor_id
),
involved as (
    select actor_id, count(*) filter (where side = 'source') as as_source,
           count(*) filter (where side = 'target') as as_target
    from (select source_actor_id as actor_id, 'source' as side from events semi join docs using (doc_id)
          where factual
          union all
          select target_actor_id, 'target' from events semi join docs using (doc_id) where factual)
    where actor_id is not null
    group by actor_id
)
select a.name, a.name_ar, a.code, a.kind,
       coalesce(i.as_source, 0) + coalesce(i.as_target, 0) as events,
       coalesce(i.as_source, 0) as as_source, coalesce(i.as_target, 0) as as_target,
       m.documents, m.mentions
from mentioned as m
join actors as a using (actor_id)
left join involved as i using (actor_id)
where a.kind <> 'location'
order by events desc, m.documents desc, m.mentions desc, name
limit 15"""

DYADS_SQL = """select src.name as source, src.name_ar as source_ar, tgt.name as target,
       tgt.name_ar as target_ar,
       count(*) as happenings, sum(c.mentions) as mentions,
       count(*) filter (where c.quad_class in (3, 4)) as conflict,
       count(*) filter (where c.quad_class in (1, 2)) as cooperation,
       string_agg(distinct c.event_type, ', ' order by c.event_type) as event_types
from event_clusters as c
join actors as src on src.actor_id = c.source_actor_id
join actors as tgt on tgt.actor_id = c.target_actor_id
where c.day between $since and $until
group by all
order by happenings desc, mentions desc, source, target
limit 30"""

SPEAKERS_SQL = DOCS + """,
spoken as materialized (
    select a.name as speaker, a.name_ar as speaker_ar, a.code, c.doc_id, c.content, c.confidence, c.claim_id
    from claims as c
    join actors as a on a.actor_id = c.speaker_actor_id
    where c.doc_id in (select doc_id from docs)
),
top as (
    select speaker, speaker_ar, code, count(*) as claims, count(distinct doc_id) as documents
    from spoken
    group by all
    order by claims desc, documents desc, speaker, speaker_ar, code
    limit 15
)
select top.speaker, top.speaker_ar, top.code, top.claims, top.documents,
       list(s.content order by s.confidence desc, length(s.content), s.claim_id)[1:3] as said
from top
join spoken as s on s.speaker is not distinct from top.speaker and s.speaker_ar is not distinct from top.speaker_ar
                    and s.code is not distinct from top.code
group by all
order by claims desc, documents desc, speaker, speaker_ar, code"""

PLACED = """with placed as (
    select c.location, c.mentions,
           coalesce(nullif(regexp_extract(c.location, ', ([A-Z]{3})$', 1), ''), land.country) as country
    from event_clusters as c
    left join actors as land on land.kind = 'country' and land.name = c.location
    where c.day between $since and $until and c.location is not null
)"""

COUNTRIES_SQL = PLACED + """
select placed.country, any_value(land.name) as name, count(*) as happenings, sum(placed.mentions) as mentions
from placed
left join actors as land on land.kind = 'country' and land.code = placed.country
group by placed.country
order by happenings desc, mentions desc, placed.country
limit 15"""

PLACES_SQL = PLACED + """
select location as place, country, count(*) as happenings, sum(mentions) as mentions
from placed
group by all
order by happenings desc, mentions desc, place
limit 15"""

SOURCES_SQL = DOCS + """
select coalesce(d.outlet, '(no outlet)') as outlet, d.language, d.source_kind,
       count(*) as documents,
       count(*) filter (where d.published_at is null) as undated,
       count(*) filter (where d.duplicate_of is not null) as near_copies
from documents as d
semi join docs using (doc_id)
group by all
order by documents desc, outlet
limit 15"""

REJECTS_SQL = """select reason, count(*) as inputs, any_value(message) as example
from rejects
where is_current
group by reason
order by inputs desc, reason"""

MEASURES_SQL = DOCS + """,
ev as (select * from events semi join docs using (doc_id)),
cl as (select * from claims semi join docs using (doc_id))
select 'event mentions reported as happening (factual)' as measure,
       avg(cast(factual as int)) as share, count(*) as out_of from ev
union all select 'event mentions with at least one actor',
       avg(cast(source_actor_id is not null or target_actor_id is not null as int)), count(*) from ev
union all select 'event mentions dated by their text', avg(cast(event_date is not null as int)), count(*) from ev
union all select 'event mentions with a place', avg(cast(location is not null as int)), count(*) from ev
union all select 'claims with a speaker', avg(cast(speaker_actor_id is not null as int)), count(*) from cl
union all select 'happenings carried by more than one outlet', avg(cast(outlets > 1 as int)), count(*)
       from event_clusters where day between $since and $until"""

MODALITY_SQL = DOCS + """
select modality, count(*) as mentions
from events semi join docs using (doc_id)
group by modality
order by mentions desc, modality"""


@dataclass
class Chart:
    """One query of a panel and how its rows are drawn."""

    title: str
    sql: str
    draw: Callable[[list[dict]], str]
    rows: list[dict] = field(default_factory=list)
    query: str = ""


@dataclass
class Panel:
    """A section of the page: a heading, a sentence saying what it shows, its charts."""

    key: str
    title: str
    intro: str
    charts: list[Chart]

    @property
    def n_rows(self) -> int:
        """Rows behind the panel's charts."""
        return sum(len(c.rows) for c in self.charts)


@dataclass
class ReportInfo:
    """What `write_report` wrote."""

    path: Path
    n_bytes: int
    since: date | None
    until: date | None
    rows: dict[str, int]


def write_report(warehouse: Path, out: Path, since: date | None = None, until: date | None = None) -> ReportInfo:
    """Read the warehouse (read-only) and write the report page to out."""
    with connect_readonly(warehouse) as con:
        since, until = period(con, since, until)
        values = {"since": since, "until": until, "bucket": bucket(since, until)}
        panels = build_panels(periods(since, until, values["bucket"]))
        for chart in (c for p in panels for c in p.charts):
            run_chart(con, chart, values)
        built = con.execute("select max(built_at) from marsad_build").fetchone()[0]
        summary = run_chart(con, Chart("summary", SUMMARY_SQL, draw_summary), values)
    page = render_page(panels, summary, since, until, built)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    log.info("report of %s to %s written to %s", since, until, out)
    return ReportInfo(out, out.stat().st_size, since, until, {p.key: p.n_rows for p in panels})


def publish_report(data_dir: str | Path) -> ReportInfo | None:
    """DIR/report.html of the whole warehouse after a run; a failure is logged, never raised."""
    settings = Settings.load(dict(data_dir=data_dir))
    try:
        return write_report(settings.warehouse_path, settings.data_dir / "report.html")
    except (MarsadError, duckdb.Error, OSError) as err:       # the run's data is built: keep it
        log.warning("the report could not be written: %s", err)
        return None


def period(con: duckdb.DuckDBPyConnection, since: date | None, until: date | None) -> tuple[date, date]:
    """The period asked for, its open ends closed by the first publication (else ingest) day less
    LEAD_DAYS and by the last one.

    Not by the happenings' days: a text that recalls 1948 would stretch the time chart over decades.
    """
    first, last = con.execute(
        "select min(day), max(day) from (select cast(coalesce(published_at, ingested_at) as date) as day "
        "from documents)").fetchone()
    today = datetime.now(timezone.utc).date()
    start = first - timedelta(days=LEAD_DAYS) if first else today
    return since or start, until or last or today


def bucket(since: date, until: date) -> str:
    """Day, week or month: the finest that keeps the time chart within MAX_BARS bars."""
    days = (until - since).days + 1
    if days <= MAX_BARS:
        return "day"
    return "week" if days <= MAX_BARS * 7 else "month"


def periods(since: date, until: date, unit: str) -> list[date]:
    """Every period of the unit from the one holding since to the one holding until (as date_trunc)."""
    first = {"day": since, "week": since - timedelta(days=since.weekday()), "month": since.replace(day=1)}[unit]
    found = [first]
    while (nxt := next_period(found[-1], unit)) <= until:
        found.append(nxt)
    return found


def next_period(start: date, unit: str) -> date:
    """The first day of the period after the one starting on start."""
    if unit == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=7 if unit == "week" else 1)


def literal(value: object) -> str:
    """A parameter as SQL text: dates as DATE literals, words quoted."""
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def run_chart(con: duckdb.DuckDBPyConnection, chart: Chart, values: dict) -> Chart:
    """Run the chart's SQL, its parameters written in, and keep the rows; the page shows that text."""
    chart.query = re.sub(r"\$(\w+)", lambda m: literal(values[m.group(1)]), chart.sql)
    relation = con.execute(chart.query)
    columns = [d[0] for d in relation.description]
    chart.rows = [dict(zip(columns, row)) for row in relation.fetchall()]
    return chart


# ---------------------------------------------------------------- cells and tables

def text_cell(value: object, tag: str = "td") -> str:
    """One cell; Arabic text right to left (dir=rtl when it starts Arabic, else auto)."""
    if value is None:
        return f'<{tag} class="null">–</{tag}>'
    if isinstance(value, float):
        return f'<{tag} class="num">{value:.2f}</{tag}>'
    if isinstance(value, int):
        return f'<{tag} class="num">{value:,}</{tag}>'
    text = str(value)
    text = text if len(text) <= MAX_CELL else text[:MAX_CELL].rstrip() + "…"
    return f"<{tag}{direction(text)}>{html.escape(text)}</{tag}>"


def direction(text: str) -> str:
    """The dir and lang attributes of a text holding Arabic, else nothing."""
    arabic = ARABIC.search(text)
    if not arabic:
        return ""
    latin = LATIN.search(text)
    rtl = latin is None or arabic.start() < latin.start()
    return f' dir="{"rtl" if rtl else "auto"}" lang="ar"'


def table(rows: list[dict], columns: list[str] | None = None) -> str:
    """Rows as an HTML table."""
    if not rows:
        return '<p class="empty">No rows in this period.</p>'
    columns = columns or list(rows[0])
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(text_cell(r[c]) for c in columns) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def bars(rows: list[dict], label: str, value: str, extra: tuple[str, ...] = ()) -> str:
    """Ranked rows as a table with a bar proportional to value."""
    if not rows:
        return '<p class="empty">No rows in this period.</p>'
    top = max(r[value] or 0 for r in rows) or 1
    head = "".join(f"<th>{html.escape(c)}</th>" for c in (label, value, *extra))
    body = "".join(
        f"<tr>{text_cell(r[label])}<td class=\"bar\"><span style=\"width:{100 * (r[value] or 0) / top:.1f}%\">"
        f"</span>{r[value]:,}</td>" + "".join(text_cell(r[c]) for c in extra) + "</tr>" for r in rows)
    return f'<table class="bars"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


# ---------------------------------------------------------------- charts

# One colour per event type, grouped by quad class: cooperation greens and blues, conflict reds.
TYPE_COLOURS = {
    "AGREE": "#1b9e77", "CONSULT": "#66c2a5", "SUPPORT": "#a6d854", "CONCEDE": "#b3de69",
    "COOPERATE": "#377eb8", "AID": "#80b1d3", "RETREAT": "#bebada",
    "REQUEST": "#fdb462", "DEMAND": "#ffd92f", "ACCUSE": "#fc8d62", "REJECT": "#e5c494", "THREATEN": "#e78ac3",
    "PROTEST": "#984ea3", "SANCTION": "#a65628", "MOBILIZE": "#f781bf", "COERCE": "#e41a1c", "ASSAULT": "#99000d",
}


def colour(event_type: str) -> str:
    """The colour of an event type (grey for one not listed)."""
    return TYPE_COLOURS.get(event_type, "#999999")


def draw_timeline(rows: list[dict], periods: list[date]) -> str:
    """Happenings per period, stacked by event type, as an SVG bar chart with its legend."""
    if not rows:
        return '<p class="empty">No events in this period.</p>'
    totals = dict.fromkeys(periods, 0)
    for r in rows:
        totals[r["period"]] += r["happenings"]
    width, height, left, bottom = 900, 260, 40, 30
    step = (width - left) / len(periods)
    scale = (height - bottom - 10) / max(totals.values())
    parts = [axis(width, height, left, bottom, max(totals.values()))]
    base, position = dict.fromkeys(periods, 0), {p: i for i, p in enumerate(periods)}
    for r in rows:
        x = left + position[r["period"]] * step
        h = r["happenings"] * scale
        y = height - bottom - (base[r["period"]] + r["happenings"]) * scale
        base[r["period"]] += r["happenings"]
        parts.append(f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" height="{h:.1f}" '
                     f'fill="{colour(r["event_type"])}"><title>{r["period"]} {r["event_type"]}: '
                     f'{r["happenings"]} happenings, {r["mentions"]} mentions</title></rect>')
    parts += period_labels(periods, left, step, height)
    svg = svg_tag(width, height, "Happenings per period by event type", "".join(parts))
    return svg + legend(sorted({r["event_type"] for r in rows}))


def axis(width: int, height: int, left: int, bottom: int, top: int) -> str:
    """The x axis line and the y axis's top value."""
    return (f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" class="axis"/>'
            f'<text x="{left - 4}" y="16" class="tick" text-anchor="end">{top}</text>'
            f'<text x="{left - 4}" y="{height - bottom}" class="tick" text-anchor="end">0</text>')


def period_labels(periods: list, left: int, step: float, height: int) -> list[str]:
    """Up to eight evenly spaced period labels under the bars."""
    every = max(1, math.ceil(len(periods) / 8))
    return [f'<text x="{left + i * step + step / 2:.1f}" y="{height - 10}" class="tick" text-anchor="middle">'
            f'{p}</text>' for i, p in enumerate(periods) if i % every == 0]


def legend(types: list[str]) -> str:
    """Coloured squares naming the event types drawn."""
    items = "".join(f'<li><span style="background:{colour(t)}"></span>{html.escape(t)}</li>' for t in types)
    return f'<ul class="legend">{items}</ul>'


def svg_tag(width: int, height: int, label: str, body: str) -> str:
    """An inline SVG element."""
    return (f'<svg viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{html.escape(label)}">{body}</svg>')


def label_of(row: dict, side: str) -> str:
    """An actor's label in the network: its (English or romanised) name."""
    return row[side] or row.get(f"{side}_ar") or "?"


def draw_network(rows: list[dict]) -> str:
    """Dyads as a circle of actors joined by arrows (width: happenings; colour: conflict or cooperation)."""
    if not rows:
        return '<p class="empty">No dyads in this period.</p>'
    names = list(dict.fromkeys(n for r in rows for n in (label_of(r, "source"), label_of(r, "target"))))
    width, height, radius = 900, 560, 200
    where = {n: (width / 2 + radius * math.cos(2 * math.pi * i / len(names)),
                 height / 2 + radius * math.sin(2 * math.pi * i / len(names))) for i, n in enumerate(names)}
    top = max(r["happenings"] for r in rows)
    parts = [ARROW] + [edge(r, where, top) for r in rows] + [node(n, where[n], width / 2) for n in names]
    return svg_tag(width, height, "Dyads: who acted on whom", "".join(parts)) + NETWORK_KEY


ARROW = ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" '
         'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>')
NETWORK_KEY = ('<ul class="legend"><li><span style="background:#c0392b"></span>mostly conflict</li>'
               '<li><span style="background:#27ae60"></span>mostly cooperation</li>'
               '<li><span style="background:#7f8c8d"></span>mixed</li></ul>')


def edge(row: dict, where: dict, top: int) -> str:
    """One dyad as an arrow from source to target."""
    (x1, y1), (x2, y2) = where[label_of(row, "source")], where[label_of(row, "target")]
    length = math.hypot(x2 - x1, y2 - y1) or 1
    x2, y2 = x2 - (x2 - x1) * 8 / length, y2 - (y2 - y1) * 8 / length      # the tip stops at the dot
    tone = "#c0392b" if row["conflict"] > row["cooperation"] else (
        "#27ae60" if row["cooperation"] > row["conflict"] else "#7f8c8d")
    stroke = 1 + 5 * row["happenings"] / top
    title = html.escape(f'{label_of(row, "source")} → {label_of(row, "target")}: {row["happenings"]} '
                        f'happenings ({row["event_types"]})')
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{tone}" '
            f'stroke-width="{stroke:.1f}" stroke-opacity="0.7" marker-end="url(#arrow)"><title>{title}</title></line>')


def node(name: str, xy: tuple[float, float], middle: float) -> str:
    """One actor: a dot and its name on the outer side."""
    x, y = xy
    right = x >= middle
    rtl = ' direction="rtl"' if direction(name).startswith(' dir="rtl"') else ""
    anchor = "start" if right != bool(rtl) else "end"          # right to left: start is the right edge
    return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" class="node"/>'
            f'<text x="{x + (9 if right else -9):.1f}" y="{y + 4:.1f}" text-anchor="{anchor}"{rtl} '
            f'class="label">{html.escape(short(name))}<title>{html.escape(name)}</title></text>')


def short(name: str) -> str:
    """A label that fits beside the circle: LABEL characters at most (the full name on hover)."""
    return name if len(name) <= LABEL else name[:LABEL - 1].rstrip() + "…"


def draw_summary(rows: list[dict]) -> str:
    """The key figures as a row of tiles."""
    tiles = "".join(f'<div class="tile"><b>{v:,}</b>{html.escape(k.replace("_", " "))}</div>'
                    for k, v in rows[0].items())
    return f'<div class="tiles">{tiles}</div>'


def draw_actors(rows: list[dict]) -> str:
    """Most active actors: a bar by factual events, with their share as source and target."""
    return bars(rows, "name", "events", ("name_ar", "code", "kind", "as_source", "as_target", "documents", "mentions"))


def draw_dyads(rows: list[dict]) -> str:
    """The network picture, then the dyads as a table."""
    columns = ["source", "target", "happenings", "mentions", "conflict", "cooperation", "event_types"]
    return draw_network(rows) + table(rows, columns)


def draw_speakers(rows: list[dict]) -> str:
    """Each speaker with its count and up to three of its claims."""
    if not rows:
        return '<p class="empty">No claims with a speaker in this period.</p>'
    items = []
    for r in rows:
        said = "".join(f"<li{direction(s)}>{html.escape(clip(s))}</li>" for s in r["said"])
        name = html.escape(r["speaker"] or r["speaker_ar"] or "?")
        arabic = r["speaker_ar"] and f' <span dir="rtl" lang="ar">{html.escape(r["speaker_ar"])}</span>'
        items.append(f'<div class="speaker"><h4{direction(name)}>{name}{arabic or ""} <small>{html.escape(r["code"] or "")} · '
                     f'{r["claims"]} claims in {r["documents"]} documents</small></h4><ul>{said}</ul></div>')
    return "".join(items)


def clip(text: str) -> str:
    """A text cut to MAX_CELL characters."""
    return text if len(text) <= MAX_CELL else text[:MAX_CELL].rstrip() + "…"


def draw_countries(rows: list[dict]) -> str:
    """Happenings by country."""
    return bars(rows, "country", "happenings", ("name", "mentions"))


def draw_places(rows: list[dict]) -> str:
    """Happenings by place."""
    return bars(rows, "place", "happenings", ("country", "mentions"))


def draw_measures(rows: list[dict]) -> str:
    """Shares as percentages with what they are out of."""
    shown = [{"measure": r["measure"], "share": f'{100 * r["share"]:.0f}%' if r["share"] is not None else None,
              "out_of": r["out_of"]} for r in rows]
    return table(shown)


def build_panels(timeline: list[date]) -> list[Panel]:
    """The panels of the page, in reading order; timeline lists the periods of the time chart."""
    return [
        Panel("timeline", "Events over time", "Happenings (an event reported by one or more articles, "
              "counted once) per period and event type; the day is the event's own date when the text "
              "gives it, else the publication day.",
              [Chart("Happenings by event type", TIMELINE_SQL, lambda rows: draw_timeline(rows, timeline))]),
        Panel("actors", "Most active actors", "Actors (places left out) ranked by the factual events "
              "they take part in, then by the documents naming them.",
              [Chart("Most active actors", ACTORS_SQL, draw_actors)]),
        Panel("dyads", "Dyads: who acted on whom", "Pairs of actors by happenings in which the first acted "
              "on the second; an arrow's width is the number of happenings, its colour their quad class.",
              [Chart("Top dyads", DYADS_SQL, draw_dyads)]),
        Panel("speakers", "Who said what", "The speakers with the most claims, each with up to three of "
              "its claims (the surest first).", [Chart("Top speakers and their claims", SPEAKERS_SQL, draw_speakers)]),
        Panel("places", "Where", "Located happenings by country (the place's country) and by place.",
              [Chart("Happenings by country", COUNTRIES_SQL, draw_countries),
               Chart("Happenings by place", PLACES_SQL, draw_places)]),
        Panel("quality", "Data quality", "What the tables above rest on: the sources read, the inputs "
              "rejected (all current rejections, whatever the period), and how much of the output is sure.",
              [Chart("Sources", SOURCES_SQL, table), Chart("Rejected inputs", REJECTS_SQL, table),
               Chart("Shares", MEASURES_SQL, draw_measures), Chart("Event mentions by modality", MODALITY_SQL,
                                                                   lambda rows: bars(rows, "modality", "mentions"))]),
    ]


# ---------------------------------------------------------------- the page

def render_chart(chart: Chart) -> str:
    """A chart: its heading, its drawing, and the SQL behind it."""
    return (f'<figure data-rows="{len(chart.rows)}"><figcaption>{html.escape(chart.title)}</figcaption>'
            f'{chart.draw(chart.rows)}<details class="sql"><summary>SQL behind this chart</summary>'
            f'<pre><code>{html.escape(chart.query)}</code></pre></details></figure>')


def render_panel(panel: Panel) -> str:
    """A section of the page."""
    charts = "".join(render_chart(c) for c in panel.charts)
    return (f'<section id="{panel.key}" data-rows="{panel.n_rows}"><h2>{html.escape(panel.title)}</h2>'
            f'<p class="intro">{html.escape(panel.intro)}</p>{charts}</section>')


def render_page(panels: list[Panel], summary: Chart, since: date, until: date, built: datetime | None) -> str:
    """The whole HTML document."""
    toc = "".join(f'<a href="#{p.key}">{html.escape(p.title)}</a>' for p in panels)
    body = "".join(render_panel(p) for p in panels)
    stamp = f"warehouse built {built:%Y-%m-%d %H:%M} UTC · " if built else ""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>marsad report {since} – {until}</title><style>{CSS}</style></head><body>'
            f'<header><h1>marsad report <span dir="rtl" lang="ar">مرصد</span></h1>'
            f'<p>Documents published {since} to {until} · {stamp}report written '
            f'{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC</p>{render_chart(summary)}<nav>{toc}</nav></header>'
            f'<main>{body}</main><footer>Every chart shows its SQL: paste it into <code>marsad query</code>. '
            f'Columns are described in docs/tables.md.</footer></body></html>\n')


# Nothing may be fetched: no script, font, image or frame from anywhere; inline styles only.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Arabic",Tahoma,sans-serif;
margin:0;color:#222;background:#f6f6f4}
header,main,footer{max-width:1000px;margin:0 auto;padding:0 16px}
header h1{margin:16px 0 4px}header p{color:#555;margin:0 0 8px}
nav a{margin-right:14px;color:#225}
section{background:#fff;border:1px solid #ddd;border-radius:6px;margin:16px 0;padding:8px 16px 16px}
h2{margin:8px 0 2px}.intro{color:#555;margin:0 0 8px}
figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}
svg{width:100%;height:auto;background:#fff}
.axis{stroke:#999}.tick{font-size:11px;fill:#555}.label{font-size:12px;fill:#222}.node{fill:#34495e}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid #eee;padding:3px 6px;
text-align:start;vertical-align:top}th{background:#fafafa;font-weight:600}
td.num{text-align:end;font-variant-numeric:tabular-nums}td.null{color:#aaa}
td[dir=rtl],li[dir=rtl]{font-size:15px}
.bar span{display:inline-block;height:10px;background:#5b7db1;margin-inline-end:6px;vertical-align:middle}
.bars td.bar{width:30%;white-space:nowrap}
.legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px}
.legend span{display:inline-block;width:10px;height:10px;margin-inline-end:4px}
.tiles{display:flex;flex-wrap:wrap;gap:8px}.tile{background:#fff;border:1px solid #ddd;border-radius:6px;
padding:6px 12px;min-width:110px;color:#555}.tile b{display:block;font-size:20px;color:#222}
.speaker{border-top:1px solid #eee;padding:4px 0}.speaker h4{margin:4px 0}.speaker small{color:#777;font-weight:400}
.speaker ul{margin:2px 0 6px}
details.sql summary{cursor:pointer;color:#555;font-size:12px}
pre{background:#f4f4f4;padding:8px;overflow:auto;font-size:12px;direction:ltr}
.empty{color:#888;font-style:italic}footer{color:#777;font-size:12px;padding:8px 16px 24px}
"""
