"""Score the warehouse against gold readings (`tests/gold`, format in ../shared/gold/README.md).

Actors match on their code and on a name, a surname or a mention the gold lists. The gold's
actor list is complete, but its mention strings are the ones that must be linked, not every
mention, so:
- recall counts each occurrence of a required gold mention string (as a whole word, Arabic
  proclitics and article allowed) that a mention of the matching actor overlaps; occurrences
  inside a longer gold mention of another actor are not required;
- a predicted mention is wrong when it overlaps gold mentions of other actors only (nested
  spans do not count: the country inside an institution, the country inside a title), or when
  its actor matches no gold actor; otherwise it is right.
Matching is tolerant of spelling: both sides are compared in the matching form (tatweel and
diacritics removed, alef, ya and ta marbuta unified, lower case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

from .errors import MarsadError
from .normalize import fold, normalize
from .warehouse import connect_readonly

# Arabic letters a gold mention may carry in front: a conjunction, a preposition, the article.
LEAD_AR = "(?:[وف]?[بكل]?(?:ال)?)"


@dataclass
class Score:
    """True positives, false positives and false negatives, and what they were."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of predictions that are right (1.0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of required gold items found (1.0 when none is required)."""
        return self.tp_required / (self.tp_required + self.fn) if self.tp_required + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    tp_required: int = 0

    def add(self, other: "Score") -> None:
        """Add another score's counts and lists."""
        for name in ("tp", "fp", "fn", "tp_required"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.extras += other.extras


@dataclass
class DocumentEval:
    """Scores of one gold document."""

    document: str
    found: bool
    actors: Score = field(default_factory=Score)
    mentions: Score = field(default_factory=Score)
    claims: Score = field(default_factory=Score)
    events: Score = field(default_factory=Score)
    factual_errors: int = 0
    speakers_checked: int = 0
    speakers_right: int = 0
    not_claims: int = 0


@dataclass
class EvalReport:
    """Scores per document and in total."""

    documents: list[DocumentEval]

    def total(self, what: str) -> Score:
        """Summed score of actors or mentions."""
        out = Score()
        for doc in self.documents:
            out.add(getattr(doc, what))
        return out

    def speaker_accuracy(self, docs: list[DocumentEval] | None = None) -> float:
        """Share of content-matched required claims whose speaker is right."""
        docs = self.documents if docs is None else docs
        checked = sum(d.speakers_checked for d in docs)
        return sum(d.speakers_right for d in docs) / checked if checked else 1.0

    def render(self) -> str:
        """A table a person reads, then what was missed and what was wrong."""
        lines = [f"{'document':30} {'actors P':>8} {'R':>5} {'F1':>5}  {'mentions P':>10} {'R':>5} {'F1':>5}"
                 f"  {'claims P':>8} {'R':>5} {'F1':>5} {'speaker':>7} {'not_claims':>10}"
                 f"  {'events P':>8} {'R':>5} {'F1':>5} {'factual_err':>11}"]
        total = DocumentEval("TOTAL", True, self.total("actors"), self.total("mentions"), self.total("claims"),
                             self.total("events"), sum(d.factual_errors for d in self.documents),
                             sum(d.speakers_checked for d in self.documents),
                             sum(d.speakers_right for d in self.documents),
                             sum(d.not_claims for d in self.documents))
        for d in self.documents + [total]:
            if not d.found:
                lines.append(f"{d.document:30} not in the warehouse (run marsad run on it first)")
                continue
            a, m, c = d.actors, d.mentions, d.claims
            lines.append(f"{d.document[:30]:30} {a.precision:8.2f} {a.recall:5.2f} {a.f1:5.2f}  "
                         f"{m.precision:10.2f} {m.recall:5.2f} {m.f1:5.2f}  "
                         f"{c.precision:8.2f} {c.recall:5.2f} {c.f1:5.2f} {self.speaker_accuracy([d]):7.2f} "
                         f"{d.not_claims:10d}  {d.events.precision:8.2f} {d.events.recall:5.2f} "
                         f"{d.events.f1:5.2f} {d.factual_errors:11d}")
        for what in ("actors", "mentions", "claims", "events"):
            score = self.total(what)
            lines += [f"missed {what[:-1]}: {x}" for x in score.misses]
            lines += [f"wrong {what[:-1]}: {x}" for x in score.extras]
        return "\n".join(lines)

    def as_dict(self) -> dict:
        """Scores as plain data (for --json)."""
        def score(s: Score) -> dict:
            return {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4), "tp": s.tp, "fp": s.fp, "fn": s.fn,
                    "missed": s.misses, "wrong": s.extras}
        return {"documents": [{"document": d.document, "found": d.found, "actors": score(d.actors),
                               "mentions": score(d.mentions), "claims": score(d.claims),
                               "speaker_accuracy": round(self.speaker_accuracy([d]), 4),
                               "not_claims_reported": d.not_claims, "events": score(d.events),
                               "factual_errors": d.factual_errors} for d in self.documents],
                "total": {"actors": score(self.total("actors")), "mentions": score(self.total("mentions")),
                          "claims": score(self.total("claims")),
                          "speaker_accuracy": round(self.speaker_accuracy(), 4),
                          "not_claims_reported": sum(d.not_claims for d in self.documents),
                          "events": score(self.total("events")),
                          "factual_errors": sum(d.factual_errors for d in self.documents)}}


def load_gold(gold_dir: Path) -> list[dict]:
    """Every gold file of a folder, sorted by name."""
    paths = sorted(Path(gold_dir).glob("*.yaml"))
    if not paths:
        raise MarsadError(f"{gold_dir}: no gold files (*.yaml) found")
    out = []
    for path in paths:
        try:
            gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as err:
            raise MarsadError(f"{path}: not valid YAML: {err}") from None
        if not isinstance(gold, dict) or not gold.get("document"):
            raise MarsadError(f"{path}: no `document:` key (the article's file name without its "
                              "extension, e.g. `document: 000_41b2fde5789d507b`)")
        out.append(gold)
    return out


def evaluate(warehouse: Path, gold_dir: Path) -> EvalReport:
    """Compare the warehouse's actors and mentions with every gold file."""
    golds = load_gold(gold_dir)
    with connect_readonly(warehouse) as con:
        docs = _documents(con)
        return EvalReport([_evaluate_doc(con, g, docs.get(g["document"])) for g in golds])


def _documents(con) -> dict[str, tuple[str, str]]:
    """(doc_id, text) of each current document, by the stem of a file it was read from."""
    rows = con.sql("""
        select s.source_uri, d.doc_id, d.text
        from document_sources s join documents d using (doc_id) where s.is_current
    """).fetchall()
    return {Path(unquote(urlparse(uri).path)).stem: (doc_id, text) for uri, doc_id, text in rows}


def _evaluate_doc(con, gold: dict, doc: tuple[str, str] | None) -> DocumentEval:
    """Scores of one document."""
    name = str(gold["document"])
    if doc is None:
        return DocumentEval(name, False)
    doc_id, text = doc
    actors = {r[0]: r for r in con.execute(
        "select actor_id, name, name_ar, kind, code from actors "
        "where actor_id in (select actor_id from actor_mentions where doc_id = ?)", [doc_id]).fetchall()}
    mentions = con.execute('select "start", "end", surface, actor_id from actor_mentions where doc_id = ?',
                           [doc_id]).fetchall()
    surfaces = {}
    for _, _, surface, actor_id in mentions:
        surfaces.setdefault(actor_id, set()).add(fold(surface).lower())
    gold_actors = gold.get("actors") or []
    link = {aid: {i for i, g in enumerate(gold_actors) if _same_actor(row, surfaces.get(aid, set()), g)}
            for aid, row in actors.items()}
    spans = gold_spans(text, gold_actors, gold.get("language", "ar"))
    result = DocumentEval(name, True, _score_actors(gold_actors, actors, link, name),
                          _score_mentions(spans, mentions, link, actors, text, name))
    claims = con.execute("""
        select c.content_start, c.content_end, c.content, c.speaker_actor_id, a.name, a.code, c.cue
        from claims c left join actors a on a.actor_id = c.speaker_actor_id where c.doc_id = ?""",
                         [doc_id]).fetchall()
    _score_claims(result, gold, claims, text, link, gold_actors)
    events = con.execute("""
        select e."start", e."end", e.event_type, e.factual, e.trigger,
               e.source_actor_id, s.name, s.code, e.target_actor_id, t.name, t.code
        from events e left join actors s on s.actor_id = e.source_actor_id
        left join actors t on t.actor_id = e.target_actor_id where e.doc_id = ?""", [doc_id]).fetchall()
    _score_events(result, gold, events, text, link, gold_actors)
    return result


def _same_actor(row: tuple, surfaces: set[str], gold: dict) -> bool:
    """Whether a warehouse actor is the gold actor: same code, and a name, surname or mention."""
    _, name, name_ar, kind, code = row
    if (code or "") != str(gold.get("code", "")):
        return False
    if gold.get("kind") == "country":
        return kind == "country"
    return _named_alike(name, gold) or _known_by_surname(name_ar or name, surfaces, gold)


def _named_alike(name: str | None, gold: dict) -> bool:
    """Whether the actor's name is a gold name, or one holds the other."""
    own = (name or "").lower()
    names = [str(n).lower() for n in gold.get("names") or []]
    return any(n == own or n in own or (own and own in n) for n in names)


def _known_by_surname(name: str | None, surfaces: set[str], gold: dict) -> bool:
    """Whether the gold surname is in the actor's name or among its surfaces, or a gold mention is."""
    surname = fold(str(gold.get("surname", ""))).lower()
    if surname and (surname in fold(name or "").split() or surname in surfaces):
        return True
    return any(fold(str(m)).lower() in surfaces for m in gold.get("mentions") or [])


def _score_actors(gold_actors: list[dict], actors: dict, link: dict, doc: str) -> Score:
    """Actor precision over the document's actors and recall over the required gold actors."""
    score = Score()
    matched = set().union(*link.values()) if link else set()
    for i, g in enumerate(gold_actors):
        if g.get("required", True):
            if i in matched:
                score.tp_required += 1
            else:
                score.fn += 1
                score.misses.append(f"{doc}: {g.get('code')} {(g.get('names') or [''])[0]}")
    for aid, row in actors.items():
        if link[aid]:
            score.tp += 1
        else:
            score.fp += 1
            score.extras.append(f"{doc}: {row[4]} {row[1]}")
    return score


@dataclass(frozen=True)
class GoldSpan:
    """An occurrence of a gold mention in the text."""

    start: int
    end: int
    actor: int
    required: bool


def gold_spans(text: str, gold_actors: list[dict], language: str) -> list[GoldSpan]:
    """Occurrences of every gold mention string as a whole word (Arabic: after any proclitic)."""
    norm = normalize(text)
    hay = norm.text.lower()
    found = []
    for i, g in enumerate(gold_actors):
        names = [(m, g.get("required", True)) for m in g.get("mentions") or []]
        names += [(n, False) for n in g.get("names") or []]
        for m, required in names:
            for start, end in _occurrences(hay, fold(str(m)).lower(), language):
                found.append(GoldSpan(*norm.span(start, end), i, required))
    found = list(dict.fromkeys(found))
    return [GoldSpan(s.start, s.end, s.actor, s.required and not _nested(s, found)) for s in found]


def _occurrences(hay: str, needle: str, language: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of needle; in Arabic after proclitics, the article, or لل."""
    if not needle:
        return []
    patterns = [rf"(?<!\w){LEAD_AR if language == 'ar' else ''}({re.escape(needle)})(?!\w)"]
    if language == "ar" and needle.startswith("ال"):
        patterns.append(rf"(?<!\w)[وف]?لل({re.escape(needle[2:])})(?!\w)")
    return [(hit.start(1), hit.end(1)) for p in patterns for hit in re.finditer(p, hay)]


def _nested_pair(span: GoldSpan, start: int, end: int) -> bool:
    """Whether a gold span and a predicted span are nested one inside the other, not equal."""
    if (span.start, span.end) == (start, end):
        return False
    return (span.start <= start and end <= span.end) or (start <= span.start and span.end <= end)


def _nested(span: GoldSpan, spans: list[GoldSpan]) -> bool:
    """Whether a span lies inside a longer gold mention of another actor."""
    return any(o.actor != span.actor and o.start <= span.start and span.end <= o.end
               and o.end - o.start > span.end - span.start for o in spans)


def _score_mentions(spans: list[GoldSpan], mentions: list[tuple], link: dict, actors: dict,
                    text: str, doc: str) -> Score:
    """Mention precision over predicted mentions and recall over required gold spans."""
    score = Score()
    for start, end, surface, actor_id in mentions:
        if _mention_right(spans, start, end, link.get(actor_id, ())):
            score.tp += 1
        else:
            score.fp += 1
            score.extras.append(f"{doc}: {surface!r} at {start} -> {actors[actor_id][4]} {actors[actor_id][1]}")
    for s in (s for s in spans if s.required):
        if any(s.actor in link.get(aid, ()) and start < s.end and s.start < end for start, end, _, aid in mentions):
            score.tp_required += 1
        else:
            score.fn += 1
            score.misses.append(f"{doc}: {text[s.start:s.end]!r} at {s.start}")
    return score


def _mention_right(spans: list[GoldSpan], start: int, end: int, linked) -> bool:
    """A predicted mention over a gold span of its actor, or a linked actor's with no rival reading.

    Spans nested either way (a country inside an institution, or inside a title) are parts, not
    rival readings of the same words.
    """
    over = [s for s in spans if s.start < end and start < s.end]
    if any(s.actor in linked for s in over):
        return True
    return bool(linked) and not [s for s in over if not _nested_pair(s, start, end)]


def _line_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each line (1-based line n is item n - 1)."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _content_matches(claim: tuple, g: dict, lines: list[tuple[int, int]]) -> bool:
    """Whether a predicted claim holds the gold fragment and overlaps the gold line."""
    start, end, content = claim[0], claim[1], claim[2]
    n = int(g.get("line", 0)) - 1
    on_line = not 0 <= n < len(lines) or (start < lines[n][1] and lines[n][0] < end)
    return on_line and fold(str(g.get("contains", ""))).lower() in fold(content).lower()


def _speaker_right(claim: tuple, g: dict, link: dict, gold_actors: list[dict]) -> bool:
    """Whether a predicted claim's speaker is one the gold accepts (a code prefix or a name)."""
    return _accepts((claim[3], claim[4], claim[5]), g.get("speaker") or [], link, gold_actors)


def _score_claims(result: DocumentEval, gold: dict, claims: list[tuple], text: str, link: dict,
                  gold_actors: list[dict]) -> None:
    """Claim precision and recall, speaker accuracy, and not_claims reported as claims."""
    lines, score, doc = _line_spans(text), result.claims, result.document
    golds = gold.get("claims") or []
    for g in (g for g in golds if g.get("required", True)):
        _score_gold_claim(result, g, [c for c in claims if _content_matches(c, g, lines)], link, gold_actors)
    for c in claims:
        if any(_content_matches(c, g, lines) for g in golds):
            score.tp += 1
        else:
            score.fp += 1
            score.extras.append(f"{doc}: {c[6]} -> {c[4]}: «{c[2][:60]}»")
    names = {fold(str(n)).lower() for n in gold.get("not_claims") or []}
    result.not_claims += sum(fold(c[2]).strip().lower() in names for c in claims)


def _score_gold_claim(result: DocumentEval, g: dict, found: list[tuple], link: dict, gold_actors: list[dict]) -> None:
    """Recall and speaker accuracy of one required gold claim, given the claims holding its content."""
    right = [c for c in found if _speaker_right(c, g, link, gold_actors)]
    result.speakers_checked += bool(found)
    result.speakers_right += bool(right)
    if right:
        result.claims.tp_required += 1
        return
    result.claims.fn += 1
    who = f"speaker {found[0][4]!r}" if found else "not found"
    result.claims.misses.append(f"{result.document}: line {g.get('line')} {g.get('cue')} «{g.get('contains')}» ({who})")


def _event_matches(event: tuple, g: dict, lines, link, gold_actors) -> bool:
    """Same line, an acceptable type, and at least one participant the gold accepts."""
    start, end, etype = event[0], event[1], event[2]
    n = int(g.get("line", 0)) - 1
    if not (0 <= n < len(lines) and start < lines[n][1] and lines[n][0] < end):
        return False
    if etype not in [g.get("type"), *(g.get("also") or [])]:
        return False
    source = (event[5], event[6], event[7])
    target = (event[8], event[9], event[10])
    wants = [("source", "target")] + ([("target", "source")] if g.get("symmetric") else [])
    for src_key, tgt_key in wants:
        ok_src = bool(g.get(src_key)) and _accepts(source, g.get(src_key), link, gold_actors)
        ok_tgt = bool(g.get(tgt_key)) and _accepts(target, g.get(tgt_key), link, gold_actors)
        if ok_src or ok_tgt:
            return True
    return False


def _same_trigger(surface: str | None, wanted: str | None) -> bool:
    """Whether an event's trigger is the gold's (one holds the other, folded); any when none is given.

    Only the factual check needs it: an unrelated factual event of the same line, type and
    participant (the summit that was held, beside the meeting that was not) is no factual error.
    """
    if not wanted:
        return True
    have, want = fold(surface or "").lower(), fold(str(wanted)).lower()
    return bool(have) and (want in have or have in want)


def _accepts(actor: tuple, wants: list, link: dict, gold_actors: list[dict]) -> bool:
    """Whether an (actor_id, name, code) is one the gold lists (a code prefix or a name)."""
    actor_id, name, code = actor[0], (actor[1] or "").lower(), actor[2] or ""
    if actor_id is None:
        return False
    for want in wants:
        want = str(want)
        if want.isupper() and code.startswith(want):
            return True
        low = want.lower()
        if low in name or (name and name in low):
            return True
        named = {i for i, a in enumerate(gold_actors)
                 if any(low in str(n).lower() for n in a.get("names") or [])}
        if named & link.get(actor_id, set()):
            return True
    return False


def _score_events(result: DocumentEval, gold: dict, events: list[tuple], text: str, link: dict,
                  gold_actors: list[dict]) -> None:
    """Event precision and recall, and events reported as factual that the gold says are not."""
    lines, score, doc = _line_spans(text), result.events, result.document
    golds = gold.get("events") or []
    for g in golds:
        found = [e for e in events if _event_matches(e, g, lines, link, gold_actors)]
        if g.get("factual") is False:
            result.factual_errors += sum(1 for e in found if e[3] and _same_trigger(e[4], g.get("trigger")))
        if not g.get("required", True):
            continue
        if found:
            score.tp_required += 1
        else:
            score.fn += 1
            score.misses.append(f"{doc}: line {g.get('line')} {g.get('type')} {g.get('trigger')!r}")
    for e in events:
        if any(_event_matches(e, g, lines, link, gold_actors) for g in golds):
            score.tp += 1
        else:
            score.fp += 1
            line = text.count("\n", 0, e[0]) + 1
            score.extras.append(f"{doc}: line {line} {e[2]} {e[4]!r} {e[7]}->{e[10]}")
