"""Extract: find the actors of every document the current extractor has not read yet.

The stage works off the lake, so documents ingested before a lexicon change (or before marsad
found actors at all) are extracted again by the next run, and a crash mid-stage is finished by
re-running: the extractions row is written last for each batch.
"""

from __future__ import annotations

import logging
import time
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa

from .actors.lexicon import Lexicon, default_lexicon
from .actors.resolve import Mention, extract_mentions
from .ingest import batches
from .lake import has_files, table_glob, write_rows
from .schema import EXTRACT_ORDER, KEYS
from .settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocText:
    """What extraction needs of one document."""

    doc_id: str
    text: str
    language: str
    sentence_starts: tuple[int, ...]
    sentence_ids: tuple[str, ...]
    outlet: str | None = None


@dataclass
class ExtractReport:
    """What an extract stage did."""

    documents: int = 0
    mentions: int = 0
    actor_ids: set[str] = field(default_factory=set)
    seconds: float = 0.0

    def add(self, other: "ExtractReport") -> None:
        """Add a batch's counts."""
        self.documents += other.documents
        self.mentions += other.mentions
        self.actor_ids |= other.actor_ids


def pending(lake_dir: Path, extractor: str) -> list[str]:
    """Ids of lake documents that have no extraction by this extractor, in a stable order."""
    if not has_files(lake_dir, "documents"):
        return []
    done = (f"anti join (select doc_id from read_parquet('{table_glob(lake_dir, 'extractions')}') "
            f"where extractor = $extractor) using (doc_id)" if has_files(lake_dir, "extractions") else "")
    query = (f"select distinct doc_id from read_parquet('{table_glob(lake_dir, 'documents')}') "
             f"{done} order by doc_id")
    with duckdb.connect() as con:
        params = {"extractor": extractor} if done else {}
        return [r[0] for r in con.execute(query, params).fetchall()]


def read_documents(lake_dir: Path, doc_ids: list[str]) -> list[DocText]:
    """Text, language and sentence starts of the given documents, read from the lake."""
    with duckdb.connect() as con:
        con.register("wanted", pa.table({"doc_id": doc_ids}))
        rows = con.execute(f"""
            with docs as (
                select distinct on (doc_id) doc_id, text, language, outlet
                from read_parquet('{table_glob(lake_dir, 'documents')}') semi join wanted using (doc_id)
            ), sents as (
                select doc_id, list("start" order by "start") as starts,
                       list(sentence_id order by "start") as ids
                from read_parquet('{table_glob(lake_dir, 'sentences')}') semi join wanted using (doc_id)
                group by doc_id
            )
            select doc_id, text, language, starts, ids, outlet from docs left join sents using (doc_id)
            order by doc_id
        """).fetchall()
    return [DocText(d, t or "", lang or "other", tuple(s or ()), tuple(i or ()), outlet)
            for d, t, lang, s, i, outlet in rows]


def extract_batch(docs: list[DocText], lexicon: Lexicon, now: datetime) -> dict[str, list[dict]]:
    """Rows of the extraction tables for a batch of documents (pure: no I/O)."""
    rows: dict[str, list[dict]] = {table: [] for table in EXTRACT_ORDER}
    for doc in docs:
        mentions = _mentions(doc, lexicon)
        rows["actor_mentions"] += [_mention_row(doc, m, lexicon.fingerprint) for m in mentions]
        rows["doc_actors"] += _actor_rows(doc.doc_id, mentions, lexicon.fingerprint)
        rows["extractions"].append({"doc_id": doc.doc_id, "extractor": lexicon.fingerprint,
                                    "extracted_at": now, "n_mentions": len(mentions)})
    return rows


def _mentions(doc: DocText, lexicon: Lexicon) -> list[Mention]:
    """A document's mentions; an unexpected error costs this document's actors, not the run."""
    try:
        return extract_mentions(doc.text, doc.language, lexicon, doc.outlet)
    except Exception:  # a bug met on odd input must not stop the run
        log.exception("could not extract actors from document %s", doc.doc_id)
        return []


def _mention_row(doc: DocText, m: Mention, extractor: str) -> dict:
    """A row of the actor_mentions table."""
    k = bisect_right(doc.sentence_starts, m.start) - 1
    return {"doc_id": doc.doc_id, "sentence_id": doc.sentence_ids[k] if k >= 0 else None,
            "start": m.start, "end": m.end, "surface": m.surface, "actor_id": m.actor.actor_id,
            "mention_kind": m.kind, "confidence": m.confidence, "extractor": extractor}


def _actor_rows(doc_id: str, mentions: list[Mention], extractor: str) -> list[dict]:
    """One row per distinct actor of a document."""
    actors = {m.actor.actor_id: m.actor for m in mentions}
    return [{"doc_id": doc_id, "actor_id": aid, "name": a.name, "name_ar": a.name_ar,
             "kind": a.kind, "code": a.code, "country": a.country, "sector": a.sector,
             "extractor": extractor} for aid, a in actors.items()]


def write_extraction(lake_dir: Path, rows: dict[str, list[dict]]) -> ExtractReport:
    """Write a batch's extraction rows, the extractions table last; return its counts."""
    for table in EXTRACT_ORDER:
        write_rows(lake_dir, table, rows[table], KEYS[table])
    return ExtractReport(len(rows["extractions"]), len(rows["actor_mentions"]),
                         {r["actor_id"] for r in rows["doc_actors"]})


def run_extract(settings: Settings, lexicon: Lexicon | None = None) -> ExtractReport:
    """The whole extract stage without Prefect."""
    started, now = time.perf_counter(), datetime.now(timezone.utc)
    lexicon = lexicon or default_lexicon()
    report = ExtractReport()
    for ids in batches(pending(settings.lake_dir, lexicon.fingerprint), settings.batch_size):
        docs = read_documents(settings.lake_dir, ids)
        report.add(write_extraction(settings.lake_dir, extract_batch(docs, lexicon, now)))
    report.seconds = time.perf_counter() - started
    return report
