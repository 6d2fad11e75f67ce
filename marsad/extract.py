"""Extract: find the actors and claims of every document the current extractor has not read.

The stage works off the lake, so documents ingested before a lexicon change (or before marsad
found actors at all) are extracted again by the next run, and a crash mid-stage is finished by
re-running: the extractions row is written last for each batch.
"""

from __future__ import annotations

import gc
import logging
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from .actors.lexicon import Lexicon, default_lexicon, lexicon_fingerprint, package_dirs
from .actors.byline import byline_end, reporters
from .actors.places import agents
from .actors.resolve import Mention, extract_mentions
from .analysis import Analysis, WordLists, document_hits, keep_lists, word_lists
from .claims.attribution import Claim, extract_claims
from .claims.lexicon import ClaimLexicon, default_claims
from .events.coder import Event, extract_events
from .events.lexicon import EventLexicon, default_events
from .fingerprint import extraction_fingerprint
from .ids import content_id
from .lang import warm_up_text
from .errors import MarsadError
from . import extractor_cache, lakestate
from .lake import connect, has_files, read_lake, write_rows
from .schema import EXTRACT_ORDER, KEYS
from .segment import split_block
from .structure import BODY
from .settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extractor:
    """Everything extraction reads: lexicons, and the fingerprint that names its output."""

    lexicon: Lexicon
    claims: dict[str, ClaimLexicon]
    events: dict[str, EventLexicon]
    fingerprint: str


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The packaged extractor: actor, claim and event lexicons, fingerprinted with the code; read
    from the user's extractor cache when it holds this fingerprint (marsad/extractor_cache.py)."""
    fingerprint, folder = default_fingerprint(), _cache_folder()
    cached = extractor_cache.load(folder, fingerprint) if folder else None
    if _is_extractor(cached, fingerprint):
        extractor, lists = cached
        keep_lists(lists)
    else:
        extractor = _load_extractor(fingerprint)
        if folder:
            extractor_cache.store(folder, fingerprint, (extractor, _lists_of(extractor)))
        gc.collect()    # the loading's garbage, not to be frozen (a cache read leaves none: 0.22 s saved)
    # The lexicons are ~800,000 objects that live as long as the process: frozen out of the cyclic
    # garbage collector, which walked them all on every full collection (a quarter of the CPU time
    # of a 2.45 MB article: 5.96 -> 4.61 s, bench/bench_long.py's text; output unchanged).
    gc.freeze()
    return extractor


def warm_up(extractor: Extractor) -> None:
    """Extract each language's warm-up paragraph once (marsad/lang), so that what extraction loads
    on first use (name and place lists, scope tables, derived word sets) is loaded here. The
    workers' fork server does this before forking: the workers then share those pages instead
    of each loading its own copy (2 workers on 10,000 articles: see marsad/preload_extractor.py)."""
    for code in extractor.events:
        text = warm_up_text(code)
        if text:
            starts = tuple(start for start, _ in split_block(text, 0, len(text), code))
            _extract(DocText("warm-up", text, code, starts, tuple(map(str, starts))), extractor)


def _load_extractor(fingerprint: str) -> Extractor:
    """The packaged lexicons loaded from their files, and the one-pass automaton of each language."""
    extractor = Extractor(default_lexicon(), default_claims(), default_events(), fingerprint)
    _lists_of(extractor)
    return extractor


def _lists_of(extractor: Extractor) -> list[WordLists]:
    """The one-pass automaton of each language of the extractor (built on first use)."""
    lists = (word_lists(extractor.lexicon.language(code), extractor.claims.get(code), events)
             for code, events in extractor.events.items())
    return [found for found in lists if found is not None]


def _is_extractor(cached: object, fingerprint: str) -> bool:
    """Whether a cache's content is an extractor of this fingerprint with its word lists."""
    return (isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], Extractor)
            and cached[0].fingerprint == fingerprint and isinstance(cached[1], list)
            and all(isinstance(found, WordLists) for found in cached[1]))


def _cache_folder() -> Path | None:
    """The extractor cache's folder (setting `cache_dir`), or None when it cannot be known (settings
    that do not read, no home directory)."""
    try:
        return Settings.load().cache_path
    except Exception as err:        # a speed-up only: never a reason for extraction to fail
        log.debug("no extractor cache (%s)", err)
        return None


@lru_cache(maxsize=1)
def default_fingerprint() -> str:
    """The packaged extractor's fingerprint from its files alone (loading the lexicons takes seconds)."""
    return extraction_fingerprint(lexicon_fingerprint(*package_dirs()))


@dataclass(frozen=True)
class DocText:
    """What extraction needs of one document."""

    doc_id: str
    text: str
    language: str
    sentence_starts: tuple[int, ...]
    sentence_ids: tuple[str, ...]
    outlet: str | None = None
    published: datetime | None = None
    sentence_parts: tuple[str, ...] = ()


@dataclass
class ExtractReport:
    """What an extract stage did."""

    documents: int = 0
    mentions: int = 0
    claims: int = 0
    events: int = 0
    actor_ids: set[str] = field(default_factory=set)
    seconds: float = 0.0

    def add(self, other: "ExtractReport") -> None:
        """Add a batch's counts."""
        self.documents += other.documents
        self.mentions += other.mentions
        self.claims += other.claims
        self.events += other.events
        self.actor_ids |= other.actor_ids


def pending(lake_dir: Path, extractor: str) -> list[str]:
    """Ids of the current documents whose latest extraction is not by this extractor, in a stable
    order (sql/staging/state_extractions.sql: the extraction the warehouse shows is the latest)."""
    if not has_files(lake_dir, "documents"):
        return []
    return lakestate.pending(lake_dir, extractor)


def read_documents(lake_dir: Path, doc_ids: list[str]) -> list[DocText]:
    """Text, language, outlet, date and sentence starts of the given documents, from the lake."""
    with connect(lake_dir) as con:
        con.execute("set TimeZone = 'UTC'")     # dates as written (UTC), not in the machine's time zone
        con.register("wanted", pa.table({"doc_id": doc_ids}))
        rows = read_lake(con, lake_dir, ("documents", "sentences"), """
            with docs as (
                select distinct on (doc_id) doc_id, text, language, outlet, published_at
                from {documents} semi join wanted using (doc_id)
            ), sents as (
                select doc_id, list("start" order by "start") as starts,
                       list(sentence_id order by "start") as ids, list(part order by "start") as parts
                from {sentences} semi join wanted using (doc_id)
                group by doc_id
            )
            select doc_id, text, language, starts, ids, outlet, published_at, parts
            from docs left join sents using (doc_id)
            order by doc_id
        """)
    return [DocText(d, t or "", lang or "other", tuple(s or ()), tuple(i or ()), outlet, pub, tuple(p or ()))
            for d, t, lang, s, i, outlet, pub, p in rows]


def extract_batch(docs: list[DocText], extractor: Extractor, now: datetime) -> dict[str, list[dict]]:
    """Rows of the extraction tables for a batch of documents (pure: no I/O)."""
    rows: dict[str, list[dict]] = {table: [] for table in EXTRACT_ORDER}
    fp = extractor.fingerprint
    for doc in docs:
        mentions, claims, events = _extract(doc, extractor)
        rows["actor_mentions"] += _mention_rows(doc, mentions, fp)
        # speakers read by structure (an unnamed source, an unknown name) are actors of the document
        read = [m for c in claims for m in (c.speaker, *c.co_speakers, *c.mentions, c.via) if m is not None]
        rows["doc_actors"] += _actor_rows(doc.doc_id, mentions + read, fp)
        spans = Contents([_add_claim(rows, doc, claim, fp) for claim in claims])
        rows["events"] += [_event_row(doc, e, spans, fp) for e in events]
        rows["extractions"].append({"doc_id": doc.doc_id, "extractor": fp,
                                    "extracted_at": now, "n_mentions": len(mentions)})
    return rows


def _add_claim(rows: dict[str, list[dict]], doc: DocText, claim: Claim, fp: str) -> tuple[int, int, str]:
    """Add a claim's rows (claims, claim_mentions, claim_speakers); return its content span and id."""
    row = _claim_row(doc, claim, fp)
    rows["claims"].append(row)
    rows["claim_mentions"] += [{"doc_id": doc.doc_id, "claim_id": row["claim_id"], "actor_id": aid,
                                "extractor": fp} for aid in dict.fromkeys(m.actor.actor_id for m in claim.mentions)]
    group = [claim.speaker] + claim.co_speakers if claim.speaker else []
    rows["claim_speakers"] += [{"doc_id": doc.doc_id, "claim_id": row["claim_id"], "actor_id": aid,
                                "position": n, "extractor": fp}
                               for n, aid in enumerate(dict.fromkeys(m.actor.actor_id for m in group), 1)]
    return row["content_start"], row["content_end"], row["claim_id"]


def _extract(doc: DocText, extractor: Extractor) -> tuple[list[Mention], list[Claim], list[Event]]:
    """A document's mentions (with the collectives the event coder found), claims and events; an
    unexpected error costs this document's only."""
    try:
        # one pass over the text for the word lists of all three stages (analysis.py)
        hits = document_hits(doc.text, extractor.lexicon.language(doc.language), extractor.claims.get(doc.language),
                             extractor.events.get(doc.language))
        mentions = _without_reporters(doc, extract_mentions(doc.text, doc.language, extractor.lexicon, doc.outlet,
                                                            hits))
        acting = agents(mentions)       # places are where things happen, not who speaks or acts
        places = [m for m in mentions if m.actor.kind == "location"]
        analysis = Analysis(doc.text, doc.language, acting, doc.sentence_starts, doc.published, doc.outlet, places,
                            hits)
        # events first: the collectives they find (المصابون, protesters) may speak in claims
        events = extract_events(doc.text, doc.language, acting, extractor.events.get(doc.language),
                                doc.sentence_starts, doc.published, _restated(doc), analysis)
        claims = extract_claims(doc.text, doc.language, acting, extractor.claims.get(doc.language),
                                doc.published, doc.sentence_starts, analysis)
        return mentions + analysis.collectives, claims, events
    except Exception:  # a bug met on odd input must not stop the run
        log.exception("could not extract from document %s", doc.doc_id)
        return [], [], []


def _without_reporters(doc: DocText, mentions: list[Mention]) -> list[Mention]:
    """The mentions but the reporters a byline opening the body names (marsad/actors/byline.py)."""
    body = next((start for start, part in zip(doc.sentence_starts, doc.sentence_parts) if part == BODY),
                doc.sentence_starts[0] if doc.sentence_starts and not doc.sentence_parts else None)
    end = byline_end(doc.text, body, mentions) if body is not None else None
    if end is None:
        return mentions
    drop = reporters(mentions, body, end)
    return [m for i, m in enumerate(mentions) if i not in drop]


def _restated(doc: DocText) -> list[tuple[int, int]]:
    """Spans of the title: it restates events the body reports (headings are read: a short line
    taken for a heading may be a body line, and a heading's event is tied like any other)."""
    starts = list(doc.sentence_starts) + [len(doc.text)]
    return [(starts[k], starts[k + 1]) for k, part in enumerate(doc.sentence_parts) if part == "title"]


class Contents:
    """Claim content spans (start, end, claim id), asked which claim holds an offset."""

    def __init__(self, spans: list[tuple[int, int, str]]):
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self.starts = [spans[i][0] for i in self.order]
        self.longest = max((e - s for s, e, _ in spans), default=0)

    def holding(self, pos: int) -> str | None:
        """The id of the first claim (in claim order) whose content holds pos, found by bisection
        (a scan of every claim for every event grew with the square of a document's length)."""
        best, k = None, bisect_right(self.starts, pos) - 1
        while k >= 0 and self.starts[k] > pos - self.longest:     # a content starting earlier ends before pos
            i = self.order[k]
            if pos < self.spans[i][1] and (best is None or i < best):
                best = i
            k -= 1
        return self.spans[best][2] if best is not None else None


def _event_row(doc: DocText, e: Event, claims: Contents, extractor: str) -> dict:
    """A row of the events table; its id hashes the document, the trigger span and the type."""
    k = bisect_right(doc.sentence_starts, e.start) - 1
    s_start = doc.sentence_starts[k] if k >= 0 else 0
    s_end = doc.sentence_starts[k + 1] if k + 1 < len(doc.sentence_starts) else len(doc.text)
    claim = claims.holding(e.start)
    info = e.trigger_info
    return {"doc_id": doc.doc_id, "event_id": content_id("event", doc.doc_id, e.start, e.end, info.event_type),
            "sentence_id": _sentence(doc, e.start), "sentence": doc.text[s_start:s_end].strip(),
            "trigger": e.trigger, "start": e.start, "end": e.end, "event_type": info.event_type,
            "mode": info.mode, "cameo_root": info.cameo_root,
            "source_actor_id": e.source.actor.actor_id if e.source else None,
            "target_actor_id": e.target.actor.actor_id if e.target else None,
            "event_date": e.event_date, "date_precision": e.date_precision, "date_text": e.date_text,
            "location": e.location, "quantity": e.quantity, "quantity_unit": e.quantity_unit,
            "factual": e.factual, "modality": e.modality, "historical": e.historical,
            "claim_id": claim, "confidence": e.confidence, "extractor": extractor}


def _sentence(doc: DocText, pos: int) -> str | None:
    """Id of the sentence holding an offset."""
    k = bisect_right(doc.sentence_starts, pos) - 1
    return doc.sentence_ids[k] if k >= 0 else None


def _mention_rows(doc: DocText, mentions: list[Mention], extractor: str) -> list[dict]:
    """The rows of the actor_mentions table of a document's mentions, in one comprehension (37 rows
    a document on the corpus: a call per row, and one more to find its sentence, were most of their cost)."""
    doc_id, starts, ids = doc.doc_id, doc.sentence_starts, doc.sentence_ids
    return [{"doc_id": doc_id, "sentence_id": ids[k] if (k := bisect_right(starts, m.start) - 1) >= 0 else None,
             "start": m.start, "end": m.end, "surface": m.surface, "actor_id": m.actor.actor_id,
             "mention_kind": m.kind, "confidence": m.confidence, "extractor": extractor} for m in mentions]


def _actor_rows(doc_id: str, mentions: list[Mention], extractor: str) -> list[dict]:
    """One row per distinct actor of a document."""
    actors = {m.actor.actor_id: m.actor for m in mentions}
    return [{"doc_id": doc_id, "actor_id": aid, "name": a.name, "name_ar": a.name_ar,
             "kind": a.kind, "code": a.code, "country": a.country, "sector": a.sector,
             "extractor": extractor} for aid, a in actors.items()]


def _claim_row(doc: DocText, c: Claim, extractor: str) -> dict:
    """A row of the claims table; its id hashes the document and the cue and content spans."""
    speaker = c.speaker
    return {"doc_id": doc.doc_id, "claim_id": content_id("claim", doc.doc_id, c.cue_start, c.start, c.end),
            "sentence_id": _sentence(doc, c.cue_start),
            "speaker_actor_id": speaker.actor.actor_id if speaker else None,
            "speaker_text": speaker.surface if speaker else c.speaker_text,
            "via_actor_id": c.via.actor.actor_id if c.via else None, "cue": c.cue,
            "cue_start": c.cue_start, "cue_end": c.cue_end, "kind": c.kind, "content": c.content,
            "content_start": c.start, "content_end": c.end, "channel": c.channel,
            "claim_date": c.claim_date, "date_precision": c.date_precision,
            "confidence": c.confidence, "extractor": extractor}


def write_extraction(lake_dir: Path, rows: dict[str, list[dict]]) -> ExtractReport:
    """Write a batch's extraction rows, the extractions table last; return its counts."""
    for table in EXTRACT_ORDER:
        write_rows(lake_dir, table, rows[table], KEYS[table])
    return ExtractReport(len(rows["extractions"]), len(rows["actor_mentions"]), len(rows["claims"]),
                         len(rows["events"]), {r["actor_id"] for r in rows["doc_actors"]})


def extract_documents(lake_dir: Path, doc_ids: list[str], fingerprint: str, now: datetime) -> ExtractReport:
    """Read, extract and write one batch of documents with this process's extractor; its counts.

    `fingerprint` is the extractor the run chose: a worker whose code or data differ (another
    version of marsad) refuses rather than write rows under the wrong name.
    """
    return extract_texts(lake_dir, read_documents(lake_dir, doc_ids), fingerprint, now)


def extract_texts(lake_dir: Path, docs: list[DocText], fingerprint: str, now: datetime) -> ExtractReport:
    """Extract and write documents given as text (just written to the lake by the caller); their counts."""
    extractor = default_extractor()
    if extractor.fingerprint != fingerprint:
        raise ExtractorMismatch(f"this process's extractor is {extractor.fingerprint}, the run's is "
                                f"{fingerprint}: run the same marsad version everywhere")
    return write_extraction(lake_dir, extract_batch(docs, extractor, now))


def written_texts(items: list, new: set[str]) -> list[DocText]:
    """The documents among ingested items whose ids a lake write added (`new`), once each, in order."""
    texts, seen = [], set()
    for item in items:
        doc_id = getattr(item, "doc_id", None)      # parsed documents (rejects have none)
        if doc_id in new and doc_id not in seen and hasattr(item, "sentences"):
            seen.add(doc_id)
            texts.append(doc_text(item.row, item.sentences))
    return texts


def doc_text(row: dict, sentences: list[dict]) -> DocText:
    """What extraction needs of a document, from its lake rows as written (read_documents' reading)."""
    ordered = sorted(sentences, key=lambda s: s["start"])
    return DocText(row["doc_id"], row["text"] or "", row["language"] or "other",
                   tuple(s["start"] for s in ordered), tuple(s["sentence_id"] for s in ordered),
                   row.get("outlet"), row.get("published_at"), tuple(s.get("part") for s in ordered))


class ExtractorMismatch(MarsadError):
    """A worker's extractor differs from the one the run chose."""
