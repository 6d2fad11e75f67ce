"""Full-text search of claims and sentences, ranked (BM25), with DuckDB's fts extension offline.

The extension comes from its PyPI package (`duckdb-extension-fts`, built for DuckDB 1.5.5), so
nothing is downloaded. The warehouse stays read-only: the index lives in DIR/search.duckdb,
built from the warehouse on the first search and again when the warehouse is rebuilt (its build
fingerprint changes). Words are lower-cased, accents and Arabic vowel marks stripped, and
stemmed with Snowball's Arabic stemmer (الهجمات and هجمات find each other; English words are
matched as written, case aside). A claim's hit names its speaker (`actors.name`, in Latin
letters, and `name_ar`).
"""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb

from .errors import SettingsError
from .warehouse import connect_readonly
from .storage import extension_file, quiet_connect

log = logging.getLogger(__name__)

# What can be searched: the table, its key, its text, and the actor a hit is by (a claim's speaker).
TARGETS = {
    "claims": ("claims", "claim_id", "content", "speaker_actor_id"),
    "sentences": ("sentences", "sentence_id", "text", None),
}
STATE = "search_index_state"        # one row per indexed target: the warehouse fingerprint it was built from

SEARCH_SQL = """
select hits.{key} as id, round(hits.score, 3) as score, hits.{text} as text, who.name as speaker,
       who.name_ar as speaker_ar, d.title, d.outlet, cast(coalesce(d.published_at, d.ingested_at) as date) as day,
       d.url
from (select *, fts_main_{table}.match_bm25({key}, $words) as score from {table}) as hits
join w.documents as d using (doc_id)
left join w.actors as who on who.actor_id = {actor}
where hits.score is not null
order by hits.score desc, hits.{key}
limit $limit
"""


def search(warehouse: Path, index: Path, words: str, target: str = "claims",
           limit: int = 20) -> tuple[list[str], list[tuple]]:
    """The best hits for words in the target's texts: columns and rows, best first."""
    if target not in TARGETS:
        raise SettingsError(f"unknown search target {target!r}: choose one of {', '.join(TARGETS)}")
    if not words.strip():
        raise SettingsError("give words to search for")
    table, key, text, actor = TARGETS[target]
    with open_index(warehouse, index) as con:
        ensure_index(con, target)
        who = f"hits.{actor}" if actor else "null"
        relation = con.execute(SEARCH_SQL.format(table=table, key=key, text=text, actor=who),
                               {"words": words, "limit": limit})
        return [d[0] for d in relation.description], relation.fetchall()


def open_index(warehouse: Path, index: Path) -> duckdb.DuckDBPyConnection:
    """The index database, with fts loaded and the warehouse attached read-only as `w`."""
    connect_readonly(warehouse).close()                 # a clear error when there is no warehouse
    con = quiet_connect(str(index))
    con.execute(f"load '{extension_file('fts', 'full-text search')}'")
    con.execute(f"attach '{warehouse}' as w (read_only)")
    con.execute(f"create table if not exists {STATE} (target varchar primary key, fingerprint varchar)")
    return con


def ensure_index(con: duckdb.DuckDBPyConnection, target: str) -> bool:
    """Build the target's index unless it was built from this very warehouse; True if built."""
    stamp = con.execute("select max(fingerprint) from w.marsad_build").fetchone()[0]
    built = con.execute(f"select fingerprint from {STATE} where target = ?", [target]).fetchone()
    if built and built[0] == stamp:
        return False
    table, key, text, actor = TARGETS[target]
    columns = ", ".join(c for c in (key, "doc_id", text, actor) if c)
    con.execute(f"create or replace table {table} as select {columns} from w.{table}")
    con.execute(f"pragma create_fts_index('{table}', '{key}', '{text}', stemmer = 'arabic', "
                "strip_accents = 1, overwrite = 1)")
    con.execute(f"insert or replace into {STATE} values (?, ?)", [target, stamp])
    log.info("built the full-text index of %s", table)
    return True
