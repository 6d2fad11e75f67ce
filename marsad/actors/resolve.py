"""Turn lexicon matches into actor mentions: compose roles with countries, find people, link.

One document at a time, in three passes: compose (roles, countries, named people), resolve
titles without names against the people the article named, then link surnames.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter

from ..normalize import Normalized, fold, normalize
from .lexicon import Actor, LanguageLexicon, Lexicon, Role
from .followers import forces_of, person_starts
from .matcher import Match, select, whole
from .names import (coordinated_names, said_before, distinctive_given, distinctive_surname, find_names, modifiers_end, name_after,
                    nisba_cue, regnal, title_end)
from .orgs import (CLOSERS, PAIRS, busy, country_after, head_anaphors, linked, name_proper, new_organisations,
                   portfolio_end, short_names, word_list)
from .people import TOKEN, find_surnames, honorific_surnames, surname_of
from .places import placed
from .scan import scan

# Confidence by how a mention was linked. Set by hand from the seed and the test articles:
# a listed name is rarely wrong, a capital or a title resolved by context more often is.
CONFIDENCE = {
    "name": 0.95, "acronym": 0.9, "nisba": 0.85, "metonym": 0.75, "role": 0.9,
    "role_default": 0.7, "person": 0.9, "person_apposition": 0.75, "surname": 0.85,
    "title_repeat": 0.8, "person_context": 0.7, "short": 0.8, "organisation": 0.7, "place": 0.85,
    "place_cue": 0.75,
}
ARMED_SECTORS = frozenset({"REB", "INS", "SEP", "UAF", "IMG"})
ORG_KINDS = frozenset({"organization", "armed_group", "media"})
PLACE_KINDS = frozenset({"country", "location"})      # a place written by name may be (part of) an org's name
PLACE_MENTIONS = frozenset({"name", "metonym"})
APPOSED = re.compile(r"[ \t]*(?:[،,][ \t]*)?")   # between a name and its title: a blank, a comma
BLANKS = re.compile(r"[ \t]*")
ASIDE = frozenset({"place", "anaphor", "follower"})   # matches read apart from the others (Document)
START = attrgetter("start")     # the sort key of mentions in text order
LAST_WORD = re.compile(r"(\w+)[ \t]+$")    # the word right before an offset (searched up to it)
MAX_GAP = 3    # a modifier is adjacent when at most this many blanks separate it from the head
PREMODIFIED_GAP = 40   # characters between a country and its title over premodifiers (two or three words)


@dataclass(frozen=True)
class Mention:
    """One actor mention, with offsets into the document's displayed text."""

    start: int
    end: int
    surface: str
    actor: Actor
    kind: str
    confidence: float


@dataclass(slots=True)
class Found:
    """A mention in the matching text, before offsets are mapped back."""

    start: int
    end: int
    actor: Actor | None
    kind: str
    confidence: float
    role: Role | None = None
    qual: Actor | None = None
    title: str | None = None


class Document:
    """The state of one document's resolution."""

    def __init__(self, text: str, lexicon: Lexicon, lex: LanguageLexicon, hits=None):
        self.norm: Normalized = normalize(text)
        self.t = self.norm.text
        self.lexicon, self.lex = lexicon, lex
        self.roles = lexicon.roles.get(lex.code, {})
        # every word list in one pass (scan.py), or the actor lists' hits of the document's one pass
        self.scan = scan(self.t, lex, hits.of_actors(lex) if hits is not None else None)
        matches = select(self.scan.forms, len(self.t))
        self.anaphors = [m for m in matches if m.what == "anaphor"]     # read last (bare_heads_pass)
        # words of a person's forces (forces_pass); a role's form may be one too (قوات: forces)
        self.followers = [(m.start, m.end) for m in matches if m.what == "follower" or
                          m.what == "role" and self.t[m.start:m.end] in lex.followers]
        self.matches = [m for m in matches if m.what not in ASIDE or
                        m.what == "place" and placed(self.t, m, lex.place_cues)]
        self.outers = [m.outer for m in self.matches]   # ascending: the matches never overlap
        self.match_starts = frozenset(self.outers)
        self.found: list[Found] = []
        self.people: dict[str, Actor] = {}
        self.titles: dict[str, str] = {}
        self.held: dict[str, list[tuple[str | None, str, int]]] = {}   # holders by role (_holder)
        self.first_names: dict[str, str] = {}         # given name -> the one person named in full with it
        self.surnames: dict[str, list[str]] = {}      # person key -> surname forms (link_surnames)
        self.about_one = False                        # the document is about its main country (main_country)

    def gap(self, a: int, b: int) -> str | None:
        """The text between two offsets, when it is short and holds no line break."""
        between = self.t[a:b]
        return between if len(between) <= MAX_GAP + 3 and "\n" not in between else None


def extract_mentions(text: str, language: str, lexicon: Lexicon, outlet: str | None = None,
                     hits=None) -> list[Mention]:
    """Every actor mention of a document, in text order.

    The document's own outlet (from its sidecar) is its byline, not an actor of the story. `hits`:
    the word-list hits of the document's one pass (analysis.document_hits), when made.
    """
    lex = lexicon.language(language)
    if lex is None or not text:
        return []
    doc = Document(text, lexicon, lex, hits)
    compose(doc)
    read_theatres(doc)
    context_people(doc)
    home = main_country(doc)
    place_people(doc, home)
    resolve_titles(doc, home)
    modified_titles(doc)
    stacked_titles(doc)
    construct_titles(doc)
    loyal_spans(doc)
    find_new_organisations(doc, home)
    quoted_names(doc)
    follower_people(doc)
    coordinated_people(doc)
    link_surnames(doc)
    merge_people(doc)
    link_short_names(doc)
    forces_pass(doc)
    linked_spans(doc)
    nest_names(doc)
    head_anaphors_pass(doc)
    bare_heads_pass(doc)
    byline = _is_outlet(outlet)
    return _one_per_span(_mentions(doc, [f for f in sorted(doc.found, key=START) if f.actor and not byline(f.actor)]))


def _one_per_span(mentions: list[Mention]) -> list[Mention]:
    """One mention per span and actor: a name found twice (by two passes) is written once, the surer
    reading kept (the first of equals), so the run's counts and the actor_mentions table agree."""
    best: dict[tuple[int, int, str], int] = {}
    for i, m in enumerate(mentions):
        k = best.setdefault((m.start, m.end, m.actor.key), i)
        if m.confidence > mentions[k].confidence:
            best[(m.start, m.end, m.actor.key)] = i
    if len(best) == len(mentions):
        return mentions
    return [mentions[i] for i in sorted(best.values())]


def _is_outlet(outlet: str | None):
    """A test for actors that are the document's own outlet (media named like it)."""
    wanted = _folded(outlet) if outlet else None

    def test(actor: Actor) -> bool:
        return (bool(wanted) and actor.kind == "media"
                and wanted in (_folded(actor.name), _folded(actor.name_ar or "")))
    return test


@lru_cache(maxsize=4096)
def _folded(name: str) -> str:
    """Lower-cased matching form of a name (cached: outlets and media names repeat)."""
    return fold(name).lower()


def compose(doc: Document) -> None:
    """Pass 1: roles with their qualifiers, names after titles, plain aliases."""
    used: set[int] = set()
    starts = {m.outer for m in doc.matches if m.what not in ("block", "place")}   # a name may end in a place's name
    for i, m in enumerate(doc.matches):
        if m.what == "role" and i not in used:
            _role(doc, i, used, starts)
    names, family = _person_marks(doc)
    for i, m in enumerate(doc.matches):
        if m.what == "alias" and i not in used and not (m.entry.kind == "nisba" and family[m.start] and family[m.end - 1]):
            _alias(doc, m)     # not اللواء منصور التركي's Turkey
        elif m.what == "place":
            _place(doc, m, names)


def read_theatres(doc: Document) -> None:
    """Pass 1a: a bare alias of theatres.tsv («التحالف», the coalition), alone or qualifying a title
    (طيران التحالف), names the actor whose theatre the document names most (Yemen: the Saudi-led
    coalition); the actor its aliases file gives when the document names no theatre."""
    bare = [(f, readings) for f in doc.found if (readings := _theatre_readings(doc, f)) is not None] \
        if doc.lex.theatres else []
    if not bare:
        return
    named = Counter(k for f in doc.found if f.actor is not None for k in {f.actor.key, f.actor.country} if k)
    for f, readings in bare:
        score = [sum(named[k] for k in theatre) for _, theatre in readings]
        if max(score) > 0:
            actor = doc.lexicon.actors[readings[score.index(max(score))][0]]
            f.actor, f.qual = (actor, f.qual) if f.kind == "name" else (f.actor, actor)


def _theatre_readings(doc: Document, f: Found) -> tuple | None:
    """The theatres.tsv readings of a mention written as a bare alias, or of the bare alias that
    qualifies a title (the qualifier's words ending or opening the title); None otherwise."""
    if f.kind == "name":
        surface = doc.t[f.start:f.end]
        return doc.lex.theatres.get(surface.lower() if doc.lex.grammar.cased else surface)
    if f.kind != "role" or f.qual is None or not f.title:
        return None
    words = f.title.lower().split() if doc.lex.grammar.cased else f.title.split()
    for n in (1, 2):
        for part in (" ".join(words[-n:]), " ".join(words[:n])):
            readings = doc.lex.theatres.get(part)
            if readings and any(key == f.qual.key for key, _ in readings):
                return readings
    return None


def _person_marks(doc: Document) -> tuple[bytearray, bytearray]:
    """The characters of the people found after titles (their titles too), and of their names
    alone: a nisba inside a name is its family name."""
    names, family = bytearray(len(doc.t) + 1), bytearray(len(doc.t) + 1)
    for f in doc.found:
        if f.actor is not None and f.actor.kind == "person":
            names[f.start:f.end] = b"\1" * (f.end - f.start)
            if f.kind == "name":
                family[f.start:f.end] = b"\1" * (f.end - f.start)
    return names, family


def _alias(doc: Document, m: Match) -> None:
    """A lexicon alias: a country, organisation or known person.

    A person's alias that starts with a title (الملك عبدالله الثاني) is two mentions: the title
    (kind role) and the name.
    """
    actor = doc.lexicon.actors[m.entry.target]
    start = title_end(doc.t, m.start, m.end, doc.lex) if actor.kind == "person" else m.start
    if start > m.start:
        doc.found.append(Found(m.start, doc.t.rindex(" ", m.start, start), actor, "role", CONFIDENCE["role"]))
    doc.found.append(Found(start, m.end, actor, m.entry.kind, CONFIDENCE[m.entry.kind]))
    if actor.kind == "person":
        doc.people[actor.key] = actor


def _place(doc: Document, m: Match, names: bytearray) -> None:
    """A city or region (places.py), unless it is part of a name found after a title."""
    if names.find(1, m.start, m.end) >= 0:
        return
    confidence = CONFIDENCE["place" if m.entry.kind == "free" else "place_cue"]
    doc.found.append(Found(m.start, m.end, doc.lexicon.actors[m.entry.target], "name", confidence))


def _qualifier(doc: Document, m: Match | None, genitive: bool) -> Actor | None:
    """The actor a match names when it can qualify a role: a country, or (after ل) any group."""
    if m is None or m.what != "alias":
        return None
    actor = doc.lexicon.actors[m.entry.target]
    if actor.kind == "person":
        return None
    if m.entry.clitic == 0:
        return actor
    return actor if genitive and actor.kind != "country" and doc.t[m.outer] == "ل" and m.entry.clitic == 1 else None


def _role(doc: Document, i: int, used: set[int], starts: set[int]) -> None:
    """A role: find what qualifies it, then a person's name after a title."""
    ms = doc.matches
    head, end, j = ms[i], ms[i].end, i
    while j + 1 < len(ms) and _chained(doc, ms[j], ms[j + 1]):
        j += 1
        end = ms[j].end
    role = doc.roles[head.entry.target]
    if j == i:
        role, end = _portfolio(doc, head, role, end)
    role, start = _subordinate(doc, role, head.start)
    qual, start, end, k = _find_qualifier(doc, i, j, start, end)
    if qual is None:
        qual, end = _anaphor(doc, i, end)
    used.update(range(min(i, k), max(j, k) + 1))
    if qual is not None and ms[k].what == "alias":
        _alias(doc, ms[k])   # the country inside an institution is a mention of the country too
    title = doc.t[start:end]
    if role.holder == "person" and _person(doc, role, qual, title, start, end, starts, used, k):
        return
    doc.found.append(Found(start, end, None, "role", CONFIDENCE["role"], role, qual, title))
    if qual is not None and qual.kind == "country":
        _coordinated(doc, max(j, k), role, used)


def _portfolio(doc: Document, head: Match, role: Role, end: int) -> tuple[Role, int]:
    """A title of portfolio_titles.txt and its portfolio (وزير التعليم): the role of that portfolio
    (its own key: the holder of one portfolio is not the other's) and the title's new end."""
    if doc.t[head.start:head.end] not in word_list(doc.lex.code, "portfolio_titles.txt"):
        return role, end
    starts = doc.match_starts
    stop = portfolio_end(doc.t, end, doc.lex, starts.__contains__)
    if stop is None:
        return role, end
    return replace(role, key=f"{role.key}:{' '.join(doc.t[end:stop].split())}"), stop


def _subordinate(doc: Document, role: Role, start: int) -> tuple[Role, int]:
    """A person's title after a word of grammar.toml's `subordinates` (Deputy Foreign Minister): an
    office of its own (its holder is not the title's), and the title's new start."""
    if not doc.lex.grammar.subordinates or role.holder != "person":
        return role, start
    word = LAST_WORD.search(doc.t, max(0, start - 16), start)
    if word is None or word.group(1).lower() not in doc.lex.grammar.subordinates:
        return role, start
    rank = word.group(1).lower()
    return replace(role, key=f"{rank}-{role.key}", bare=False, name=f"{rank.title()} {role.name}"), word.start(1)


def _chained(doc: Document, a: Match, b: Match) -> bool:
    """Whether b continues a's title as a genitive (المستشار الاعلامي لرئيس مجلس الوزراء)."""
    if b.what != "role" or b.entry.clitic != 1 or doc.t[b.outer] != "ل":
        return False
    return doc.gap(a.end, b.outer) is not None and not doc.t[a.end:b.outer].strip()


def _find_qualifier(doc: Document, i: int, j: int, start: int, end: int):
    """What qualifies the role matches i..j, and the title span including it."""
    ms, g = doc.matches, doc.lex.grammar
    nxt = ms[j + 1] if j + 1 < len(ms) else None
    if g.modifier_after_head:
        qual = _qualifier(doc, nxt, genitive=True) if nxt else None
        if qual is not None and _adjacent(doc, end, nxt.outer):
            return qual, start, nxt.end, j + 1
        return None, start, end, j
    prev = ms[i - 1] if i > 0 else None
    qual = _qualifier(doc, prev, genitive=False)
    if qual is not None and _premodified(doc, prev.end, start, g.possessive + ("the",)):
        return qual, prev.start, end, i - 1
    qual = _qualifier(doc, nxt, genitive=False)
    # A country after the title qualifies it only through a genitive word (the government of Iraq):
    # a name right after the title is the head it modifies (the opposition coalition: not the
    # coalition's opposition).
    between = doc.t[end:nxt.outer].strip() if nxt else ""
    if qual is not None and between and _adjacent(doc, end, nxt.outer, tuple(f"{w} the" for w in g.genitive) + g.genitive):
        return qual, start, nxt.end, j + 1
    return None, start, end, j


def _anaphor(doc: Document, i: int, end: int) -> tuple[Actor | None, int]:
    """A title qualified by an anaphor (المتحدث باسم الجماعة): the last group of that kind before."""
    word = TOKEN.match(doc.t, end)
    kinds = doc.lex.anaphors.get(word.group(1)) if word else None
    if not kinds:
        return None, end
    for m in reversed(doc.matches[:i]):
        actor = doc.lexicon.actors.get(m.entry.target) if m.what == "alias" else None
        if actor is not None and actor.kind in kinds:
            return actor, word.end(1)
    return None, end


def _adjacent(doc: Document, a: int, b: int, joiners: tuple[str, ...] = ()) -> bool:
    """Whether only blanks (or one of the joining words) separate offsets a and b."""
    between = doc.gap(a, b)
    if between is None:
        return False
    word = " ".join(between.split())
    return not word or word.lower() in joiners


def _premodified(doc: Document, a: int, b: int, joiners: tuple[str, ...]) -> bool:
    """Whether a country at a qualifies the title at b: blanks, or a joining word, then only the
    title's premodifiers (grammar.toml) between them (Syria's interim government)."""
    between = doc.t[a:b]
    if len(between) > PREMODIFIED_GAP or "\n" in between:
        return False
    words = between.lower().split()
    if words and words[0] in joiners:
        words = words[1:]
    return all(w in doc.lex.grammar.premodifiers for w in words)


def _coordinated(doc: Document, k: int, role: Role, used: set[int]) -> None:
    """A second country joined by the coordinator shares the role (مسؤولون امريكيون وعراقيون)."""
    ms, g = doc.matches, doc.lex.grammar
    nxt = ms[k + 1] if k + 1 < len(ms) else None
    if nxt is None or nxt.what != "alias" or nxt.entry.kind != "nisba":
        return
    actor = doc.lexicon.actors[nxt.entry.target]
    joined = doc.t[ms[k].end:nxt.start].strip() == g.coordinator
    if actor.kind == "country" and joined and doc.gap(ms[k].end, nxt.outer) is not None:
        used.add(k + 1)
        doc.found.append(Found(nxt.start, nxt.end, None, "role", CONFIDENCE["role"], role, actor,
                               doc.t[nxt.start:nxt.end]))


def _person(doc: Document, role: Role, qual: Actor | None, title: str, start: int, end: int,
            starts: set[int], used: set[int], k: int) -> bool:
    """A title followed by a known or a new person's name; True when one was found.

    The title itself becomes a mention of the person too (kind role).
    """
    after = _skip_place(doc, end, k)
    known = _known_person(doc, after, used)
    if known is not None:
        person = known.actor
    else:
        name = name_after(doc.t, doc.norm.original, after, doc.lex, starts)
        if name is None:
            return False
        person = _found_name(doc, name)
        if person is None:
            kind = "person" if name.known_first or doc.lex.grammar.capitalized_names else "person_apposition"
            person = _new_person(doc, name, role, qual)
            doc.found.append(Found(name.start, name.end, person, "name", CONFIDENCE[kind], role, qual, title))
    doc.found.append(Found(start, end, person, "role", CONFIDENCE["role"], role, qual, title))
    _holds(doc, person.key, title, role, qual, start)
    return True


def _found_name(doc: Document, name) -> Actor | None:
    """The person whose name the title before this one found already (وزير الداخلية اللواء فلان):
    a name after stacked titles is found once, coded by the first title (names.py hook, issue 13)."""
    return next((f.actor for f in doc.found[-3:] if f.kind == "name" and f.start == name.start
                 and f.end == name.end), None)


def _holds(doc: Document, key: str, title: str, role: Role, qual: Actor | None, at: int) -> None:
    """Record that a person of the document holds a title."""
    doc.titles[title] = key
    doc.held.setdefault(role.key, []).append((qual.key if qual else None, key, at))


def _skip_place(doc: Document, end: int, k: int) -> int:
    """Offset after a place phrase that follows a title (سفيره الولايات المتحده في بغداد)."""
    ms = doc.matches
    nxt = ms[k + 1] if k + 1 < len(ms) else None
    if nxt is None or nxt.what != "alias":
        return end
    word = doc.t[end:nxt.outer].strip()
    return nxt.end if word in doc.lex.grammar.locative and _adjacent(doc, end, nxt.outer, (word,)) else end


def _known_person(doc: Document, pos: int, used: set[int]) -> Found | None:
    """A lexicon person (or honorific and person) right after a title."""
    ms = doc.matches
    for idx in range(bisect_left(doc.outers, pos), len(ms)):   # the first match at or after pos
        m = ms[idx]
        if m.what == "honorific" and _adjacent(doc, pos, m.outer, (",", "،")):
            pos = m.end
            continue
        actor = doc.lexicon.actors.get(m.entry.target) if m.what == "alias" else None
        if actor is None or actor.kind != "person" or not _adjacent(doc, pos, m.outer, (",", "،")):
            return None
        used.add(idx)
        found = Found(m.start, m.end, actor, m.entry.kind, CONFIDENCE["name"])
        doc.found.append(found)
        doc.people[actor.key] = actor
        return found
    return None


def _new_person(doc: Document, name, role: Role, qual: Actor | None) -> Actor:
    """An actor for a person the lexicon does not know, coded by the title and its qualifier.

    Its key is the name's matching form, so the same name is one actor across articles.
    """
    start, end = doc.norm.span(name.start, name.end)
    shown = doc.norm.original[start:end]
    key = f"person:{doc.lex.code}:{name.text}"
    code, country, sector = _coding(qual, role)
    actor = Actor(key, "person", code, country, sector, shown, shown if doc.lex.code == "ar" else None)
    doc.people[key] = actor
    return actor


def _coding(qual: Actor | None, role: Role) -> tuple[str | None, str | None, str | None]:
    """(code, country, sector) of a role held for a country or an organisation."""
    if qual is None:
        return None, None, role.sector      # placed in the document's main country later
    if qual.kind == "country":
        return qual.key + role.sector, qual.key, role.sector
    return qual.code, qual.country, qual.sector or role.sector


# --- people named without a title (marsad/actors/names.py) ---

def context_people(doc: Document) -> None:
    """Pass 1b: people found by context; a title right after the name (apposition) codes them."""
    busy = bytearray(len(doc.t) + 1)
    for f in doc.found:
        busy[f.start:f.end] = b"\1" * (f.end - f.start)
    for m in doc.matches:
        busy[m.outer:m.end] = b"\1" * (m.end - m.outer)
    honorific = {m.end for m in doc.matches if m.what == "honorific"}
    cues = sorted(honorific) + [m.end for m in doc.matches if m.entry.kind == "nisba"
                                and nisba_cue(doc.t, m.start, m.outer, doc.lex, honorific, busy)]
    names = find_names(doc.t, doc.norm.original, doc.lex, busy, cues, doc.scan.names)
    ends = [f.end for f in doc.found if f.actor is not None and f.actor.kind == "person" and f.kind != "role"]
    names += coordinated_names(doc.t, ends + [n.end for n in names], doc.lex, busy)
    if names:
        _drop_parts(doc, names)
        _add_context_people(doc, names)


def _drop_parts(doc: Document, names: list) -> None:
    """Drop what lies inside a longer name found by context (عبد الأمير, حمدان بن محمد بن راشد)."""
    mask = bytearray(len(doc.t) + 1)
    for n in names:
        mask[n.start:n.end] = b"\1" * (n.end - n.start)
    doc.found = [f for f in doc.found if not (mask[f.start] and mask[f.end - 1])]


def _add_context_people(doc: Document, names: list) -> None:
    """A mention for each name: a lexicon person's surname, a titled person, or an untitled one."""
    owned = {form for n in names for form in surname_of(n.text, doc.lex)}
    index = _name_index(doc)
    owned.update(form for key, actor in doc.people.items() for form in _surnames(doc, key, actor, index))
    titles = {f.start: f for f in doc.found if f.actor is None and f.role is not None and f.role.holder == "person"}
    for name in names:
        if name.key is not None:
            _alias_surname(doc, name)
            continue
        if name.text in owned:
            continue                   # a surname alone: linked to its person in pass 3
        title = titles.get(APPOSED.match(doc.t, name.end).end())
        if title is not None and title.actor is None:
            title.actor = _new_person(doc, name, title.role, title.qual)
            _holds(doc, title.actor.key, title.title, title.role, title.qual, title.start)
        person = title.actor if title is not None else _untitled_person(doc, name)
        doc.found.append(Found(name.start, name.end, person, "name", CONFIDENCE["person_context"]))


def _alias_surname(doc: Document, name) -> None:
    """A lexicon person's surname standing alone (نتنياهو): a mention of that person. With a first
    name before it that the person's listed name lacks, it is someone else of that family name."""
    actor = doc.lexicon.actors[name.key]
    first = name.text.split()[0] if " " in name.text else None
    if first is not None and first not in _folded_words(actor.name_ar or ""):
        actor = _untitled_person(doc, name)
    doc.people.setdefault(actor.key, actor)
    doc.found.append(Found(name.start, name.end, actor, "surname" if first is None else "name",
                           CONFIDENCE["surname" if first is None else "person_context"]))


@lru_cache(maxsize=4096)
def _folded_words(name: str) -> frozenset[str]:
    """The words of a name in the matching form."""
    return frozenset(normalize(name).text.split())


def _untitled_person(doc: Document, name) -> Actor:
    """An unknown person named without a title: kind person, no code, country or sector."""
    key = f"person:{doc.lex.code}:{name.text}"
    if key not in doc.people:
        start, end = doc.norm.span(name.start, name.end)
        shown = doc.norm.original[start:end]
        doc.people[key] = Actor(key, "person", None, None, None, shown, shown if doc.lex.code == "ar" else None)
    return doc.people[key]


def main_country(doc: Document) -> str | None:
    """The country a document is mostly about: the most mentioned, the first on a tie."""
    seen = [f.actor.key if f.actor and f.actor.kind == "country" else
            f.qual.key if f.qual is not None and f.qual.kind == "country" else None
            for f in sorted(doc.found, key=START)]
    seen = [key for key in seen if key]
    if not seen:
        return None
    counts = Counter(seen)
    home = max(counts, key=lambda c: (counts[c], -seen.index(c)))
    doc.about_one = _about_one(doc, home)
    return home


# A document is about one country when it names that country or its places at least this many times
# and as often as all the other countries and places together: then a bare «الجيش» is that
# country's army. Set by hand, and checked on the gold articles (8 bare titles, 7 in stories about
# one country, all right) and on ANERcorp's chunks of unrelated sentences (80 bare titles, 7 of
# them in a chunk about one country).
ABOUT_ONE = 2


def _about_one(doc: Document, home: str) -> bool:
    """Whether the document's countries and places are mostly the home country's."""
    seen = [f.actor.country if f.actor and f.actor.kind in PLACE_KINDS else
            f.qual.key if f.qual is not None and f.qual.kind == "country" else None for f in doc.found]
    seen = [key for key in seen if key]
    mine = seen.count(home)
    return mine >= ABOUT_ONE and 2 * mine >= len(seen)


def place_people(doc: Document, home: str | None) -> None:
    """New people whose title named no country or group belong to the document's main country."""
    for f in doc.found:
        actor = f.actor
        if actor is not None and actor.key.startswith("person:") and actor.code is None and actor.sector:
            code = (home or "") + (actor.sector or "") or None
            f.actor = doc.people[actor.key] = replace(actor, country=home, code=code)


def resolve_titles(doc: Document, home: str | None) -> None:
    """Pass 2: roles without a name become a named holder, an office, or the home country's (a bare
    title of org_national.txt, «الجيش», when the document is about that country)."""
    for f in doc.found:
        if f.actor is not None or f.role is None:
            continue
        holder = doc.titles.get(f.title) or _holder(doc, f)
        if holder:
            f.actor, f.kind, f.confidence = doc.people[holder], "role", CONFIDENCE["title_repeat"]
        elif f.qual is not None or f.role.bare or doc.about_one and f.title in doc.lex.national:
            qual = f.qual or doc.lexicon.actors.get(home or "")
            if qual is None:
                continue
            f.actor, f.kind = _office(doc, f.role, qual), "role"
            f.confidence = CONFIDENCE["role"] if f.qual else CONFIDENCE["role_default"]


def modified_titles(doc: Document) -> None:
    """Pass 2a: a title runs on over the modifiers after it (النظام السابق, الحكومة الجديدة,
    الرئيس الحالي; names.toml's title_modifiers): the noun phrase that names the actor."""
    for f in doc.found:
        if f.kind == "role" and f.actor is not None:
            f.end = modifiers_end(doc.t, f.end, doc.lex)


def stacked_titles(doc: Document) -> None:
    """Pass 2b: titles of a person side by side with no name between (ولي العهد وزير الداخلية)
    name one holder when one of them names a person: each is that person's, and the first spans
    them all. Not after a one-word title without the article (نائب رئيس الحزب, مستشار الرئيس: the
    second is the first's superior), nor when another country's office is among them (استقبل
    الرئيس السفير الإماراتي: two people)."""
    titles = sorted((f for f in doc.found if f.kind == "role" and f.role is not None and f.role.holder == "person"),
                    key=START)
    group: list[Found] = []
    for f in titles + [None]:
        if f is not None and group and _apposed_titles(doc, group[-1], f):
            group.append(f)
            continue
        if len(group) > 1:
            _one_holder(group)
        group = [f]


def construct_titles(doc: Document) -> None:
    """Pass 2c: an institution's title without the article right before a person's title (حكومة
    الرئيس الأفغاني, قوات الرئيس السوري بشار الأسد, إدارة الرئيس أوباما) is that person's country's
    institution, and spans the person's title and name (the genitive of the construct)."""
    starts = {f.start: f for f in doc.found if f.actor is not None and f.kind in ("role", "name")}
    for f in [f for f in doc.found if f.kind == "role" and f.role is not None and f.role.holder != "person"]:
        g = starts.get(BLANKS.match(doc.t, f.end).end())
        country = _genitive_country(doc, f, g)
        if country is None:
            continue
        if f.actor is None or f.actor.country != country.key:
            f.actor, f.confidence = _office(doc, f.role, country), CONFIDENCE["role"]
        name = starts.get(BLANKS.match(doc.t, g.end).end())
        f.end = name.end if name is not None and name.kind == "name" and name.actor is g.actor else g.end


def _genitive_country(doc: Document, f: Found, g: Found | None) -> Actor | None:
    """The country of the person's title g that is the genitive of the one-word title f without the
    article (حكومة الرئيس الأفغاني: Afghanistan), or None."""
    if g is None or g.kind != "role" or g.role is None or g.role.holder != "person" or not g.actor.country:
        return None
    head = doc.t[f.start:f.end]
    article = doc.lex.grammar.article
    return None if " " in head or article and head.startswith(article) else doc.lexicon.actors.get(g.actor.country)


def _apposed_titles(doc: Document, f: Found, g: Found) -> bool:
    """Whether title g stands right after title f as its apposition (blanks only between; f not a
    lone construct noun, نائب or مستشار, whose genitive g would be)."""
    if g.start <= f.end or doc.t[f.end:g.start].strip(" \t"):
        return False
    text = doc.t[f.start:f.end]
    return " " in text or text.startswith(doc.lex.grammar.article or "\0")


def _one_holder(group: list[Found]) -> None:
    """The titles of one holder: the one named person among their actors, whose country the
    offices share; the first title spans them all."""
    people = {id(f.actor): f.actor for f in group if f.actor is not None and not f.actor.key.startswith("role:")}
    if len(people) != 1:
        return
    holder = next(iter(people.values()))
    if any(f.actor is not None and f.actor.country not in (None, holder.country) for f in group):
        return
    for f in group:
        f.actor = holder
    group[0].end = group[-1].end


def loyal_spans(doc: Document) -> None:
    """Pass 2b: a title of a group or an institution runs on over a word of loyalty and whom it is
    loyal to (الجيش الموالي للشرعية, القوات التابعة للحكومة: org_loyal.txt)."""
    if not doc.lex.loyal:
        return
    taken = None
    for f in doc.found:
        if f.kind == "role" and f.actor is not None and f.actor.kind in ORG_KINDS:
            word = TOKEN.match(doc.t, f.end)
            whom = TOKEN.match(doc.t, word.end()) if word and word.group(1) in doc.lex.loyal else None
            if whom is None or not whom.group(1).startswith(doc.lex.grammar.loyalty_prefixes) \
                    or "\n" in doc.t[f.end:whom.end()]:
                continue
            taken = taken or busy(len(doc.t), [(g.start, g.end) for g in doc.found])
            if taken.find(1, f.end, whom.end()) < 0:      # not over another mention (لوزارة الدفاع)
                f.end = whom.end()


def _holder(doc: Document, f: Found) -> str | None:
    """The named person of the document holding the same role: the only one, else the latest before."""
    if f.role.holder != "person":
        return None
    qual = f.qual.key if f.qual else None
    held = [(at, key) for q, key, at in doc.held.get(f.role.key, ())
            if qual is None or q is None or q == qual]
    if len({key for _, key in held}) == 1:
        return held[0][1]
    before = [(at, key) for at, key in held if at < f.start]
    return max(before)[1] if before else None    # the latest holder named before it


def _office(doc: Document, role: Role, qual: Actor) -> Actor:
    """The actor for a role of a country or group: an institution, a group or an office."""
    listed = doc.lexicon.actors.get(f"role:{role.key}:{qual.key}")
    if listed is not None:
        return listed
    kind = ("person" if role.holder == "person" else
            "armed_group" if role.sector in ARMED_SECTORS else "organization")
    shown = doc.lexicon.demonyms.get(qual.key) if qual.kind == "country" else qual.name
    code, country, sector = _coding(qual, role)
    return Actor(f"role:{role.key}:{qual.key}", kind, code, country, sector,
                 f"{shown or qual.name} {role.name}", None)


def link_surnames(doc: Document) -> None:
    """Pass 3: surnames of the document's people, and honorific + lexicon surname."""
    for start, end, key in honorific_surnames(doc.t, doc.matches, doc.lex):
        doc.people.setdefault(key, doc.lexicon.actors[key])
    index = _name_index(doc)
    doc.first_names = _first_names(doc, index)
    doc.surnames = {key: _surnames(doc, key, actor, index) for key, actor in doc.people.items()}
    forms = dict(doc.first_names)
    for key, listed in doc.surnames.items():
        for form in listed:
            forms[form] = forms.get(form, key)
    taken = bytearray(len(doc.t) + 1)
    for f in doc.found:
        if f.actor is not None and f.actor.kind not in ("country", "location"):
            taken[f.start:f.end] = b"\1" * (f.end - f.start)
    places = _place_spans(doc.found, len(doc.t))
    # The surnames do not overlap (longest_first): drop what they cover in one pass, not one
    # pass over doc.found per surname (quadratic in the length of the document).
    added = [Found(start, end, doc.people[key], "surname", CONFIDENCE["surname"])
             for start, end, key in find_surnames(doc.t, forms, doc.lex)
             if taken.find(1, start, end) < 0 and places.allows(start, end)]
    cut = bytearray(len(doc.t) + 1)
    for f in added:
        cut[f.start:f.end] = b"\1" * (f.end - f.start)
    doc.found = [f for f in doc.found if cut.find(1, f.start, f.end) < 0] + added


def follower_people(doc: Document) -> None:
    """Pass 3a: a word of followers before a surname the lexicon lists for one person only names
    that person (قوات الأسد, فلول المخلوع صالح: followers.txt, epithets.txt); link_surnames then
    finds the surname there and wherever else the document writes it."""
    if not doc.followers:
        return
    taken = busy(len(doc.t), [(f.start, f.end) for f in doc.found])
    for _, end in doc.followers:
        for at, word in person_starts(doc.t, end, doc.lex):
            keys = doc.lex.surnames.get(word, ())
            if len(keys) == 1 and taken.find(1, at, at + len(word)) < 0 and _name_ends(doc, at + len(word)):
                actor = doc.lexicon.actors.get(keys[0])
                if actor is not None and actor.kind == "person":
                    doc.people.setdefault(keys[0], actor)


LEFT_CONJUNCTS = frozenset({"person", "armed_group"})   # who a surname joined by «و» may follow


def coordinated_people(doc: Document) -> None:
    """Pass 3b: a surname the lexicon lists for one person only, joined by the coordinator to a
    person or an armed group named before it (الحوثي وصالح, أوباما وكيري), names that person."""
    joiner = doc.lex.grammar.coordinator
    if not joiner:
        return
    for f in doc.found:
        if f.actor is None or f.actor.kind not in LEFT_CONJUNCTS:
            continue
        if not doc.t.startswith(joiner, f.end + 1):
            continue                                  # one blank, then «و»: most mentions stop here
        tok = TOKEN.match(doc.t, f.end)
        word = tok.group(1) if tok is not None and tok.start(1) > f.end else ""
        keys = doc.lex.surnames.get(word[len(joiner):], ()) if word.startswith(joiner) else ()
        actor = doc.lexicon.actors.get(keys[0]) if len(keys) == 1 and _name_ends(doc, tok.end()) else None
        if actor is not None and actor.kind == "person":
            doc.people.setdefault(keys[0], actor)


def _name_ends(doc: Document, end: int) -> bool:
    """Whether a name ends at `end`: no given name or listed surname follows (والطيب صالح is
    another, two-word name)."""
    tok = TOKEN.match(doc.t, end)
    return tok is None or (tok.group(1) not in doc.lex.given_names and tok.group(1) not in doc.lex.surnames)


def forces_pass(doc: Document) -> None:
    """Pass 5a: a word of followers and the person after it (titles and epithets between) are one
    mention of the person's forces, an armed group (قوات المخلوع صالح: Ali Abdullah Saleh forces)."""
    if not doc.followers:
        return
    people = {f.start: f for f in doc.found if f.actor is not None and f.actor.kind == "person"}
    for start, end in doc.followers:
        f = next((people[at] for at, _ in person_starts(doc.t, end, doc.lex) if at in people), None)
        if f is not None:
            doc.found.append(Found(start, f.end, forces_of(f.actor), "organisation", CONFIDENCE["organisation"]))


class _Places:
    """Where places were named: a surname found by repetition never takes a place mention or a
    part of one (كوريا of Rafael Correa inside كوريا الجنوبية; a town read as the last word of a
    name after a title). Measured on ANERcorp's development half: place recall 0.799 -> 0.808
    with person recall unchanged."""

    def __init__(self, size: int):
        self.marked = bytearray(size + 1)

    def allows(self, start: int, end: int) -> bool:
        """Whether a surname at start:end leaves every place mention alone."""
        return self.marked.find(1, start, end) < 0


def _place_spans(found: list, size: int) -> _Places:
    """The places and countries named so far (by name or capital: a nisba such as السوداني may
    still be a surname)."""
    places = _Places(size)
    for f in found:
        if f.actor is not None and f.actor.kind in ("country", "location") and f.kind in PLACE_MENTIONS:
            places.marked[f.start:f.end] = b"\1" * (f.end - f.start)
    return places


def _first_names(doc: Document, index: dict[int, list[str]]) -> dict[str, str]:
    """Given names that stand for the one person of the document named in full with them
    (هيلاري كلينتون ... هيلاري); not a given name that is also a common word."""
    owners: dict[str, set[str]] = {}
    for key, actor in doc.people.items():
        if actor.kind == "person":
            for name in _written_names(key, actor, index):
                words = name.split()
                if len(words) >= 2 and distinctive_given(words[0], doc.lex):
                    owners.setdefault(words[0], set()).add(key)
    return {form: next(iter(keys)) for form, keys in owners.items() if len(keys) == 1}


def merge_people(doc: Document) -> None:
    """Pass 3b: a new person named by one word (الرئيس عباس, وقالت هيلاري) is the person the
    article names in full with that surname or given name, else the lexicon's only person with it."""
    owners: dict[str, set[str]] = {form: {key} for form, key in doc.first_names.items()}
    for key, listed in doc.surnames.items():       # as link_surnames found them, just before
        for form in listed:
            owners.setdefault(form, set()).add(key)
    moved = {}
    for key in [k for k in doc.people if k.startswith("person:")]:
        word = key.split(":", 2)[2]
        if " " in word:
            continue
        held = owners.get(word, set()) - {key}
        listed = () if word in doc.lex.given_names else doc.lex.surnames.get(word, ())   # العميد صالح
        target = next(iter(held)) if len(held) == 1 else _only(listed)
        if target is not None:
            moved[key] = doc.people.get(target) or doc.lexicon.actors[target]
    for f in doc.found:
        if f.actor is not None and f.actor.key in moved:
            f.actor = moved[f.actor.key]
    _titled_surnames(doc)
    _title_spans(doc)


def _title_spans(doc: Document) -> None:
    """A title right before its holder's one-word name spans it too (الرئيس عباس): the noun phrase
    that names the person by title and surname; the name keeps its own mention."""
    named = {f.start: f for f in doc.found if f.kind in ("name", "surname") and f.actor is not None}
    for f in doc.found:
        if f.kind == "role" and f.actor is not None and f.actor.kind == "person":
            name = named.get(BLANKS.match(doc.t, f.end).end())
            if name is not None and name.actor is f.actor and name.start > f.end and _one_word(doc, name):
                f.end = name.end


def _one_word(doc: Document, f: Found) -> bool:
    """Whether a mention is a single word."""
    return not any(c.isspace() for c in doc.t[f.start:f.end])


def _titled_surnames(doc: Document) -> None:
    """A title left without a holder right before a surname (الوزير الحمداني) is that person's."""
    named = {f.start: f.actor for f in doc.found if f.kind == "surname" and f.actor is not None}
    for f in doc.found:
        if f.actor is None and f.role is not None and f.role.holder == "person":
            actor = named.get(APPOSED.match(doc.t, f.end).end())
            if actor is not None and actor.kind == "person":
                f.actor, f.kind, f.confidence = actor, "role", CONFIDENCE["title_repeat"]


def _only(keys) -> str | None:
    """The one key of a sequence, or None."""
    return keys[0] if len(keys) == 1 else None


def find_new_organisations(doc: Document, home: str | None) -> None:
    """Organisations the lexicon does not know, after a head noun (حزب X); see orgs.py.

    Its key is the name's matching form, so the same name is one actor across articles; the
    name alone counts again later in the article, as a surname does. Its country is the nisba
    after it (صحيفة حريت التركية), else that of a place in its name (ثوار بنغازي), else the
    document's main country, as for new people. A place inside the name is no mention of its own.
    """
    parts: dict = {}
    found = new_organisations(doc.t, doc.lex, lambda: _name_parts(doc, parts), doc.scan.heads)
    if not found:
        return
    nisbas, seen = _nisbas(doc), {}
    loose, absorb = _inside_marks(parts["loose"], len(doc.t)), _Absorber(doc.found)
    for start, end, name, head in found:
        if loose[end]:
            continue                          # a name found by context runs on past it
        inside = absorb.take(start, end, parts["places"])        # the mentions inside are dropped
        country = country_after(doc.t, end, nisbas, doc.lex) or inside or home
        actor = _new_organisation(doc, start, end, name, head, country, seen)
        absorb.add(Found(start, end, actor, "name", CONFIDENCE["organisation"]))
    doc.found = absorb.kept()


def _inside_marks(spans: dict[int, int], size: int) -> bytearray:
    """The offsets strictly inside one of the spans (start -> end)."""
    marks = bytearray(size + 2)
    for a, b in spans.items():
        if b > a + 1:
            marks[a + 1:b] = b"\1" * (b - a - 1)
    return marks


class _Absorber:
    """The mentions found so far and the new organisations added after them: the mentions inside
    each new organisation's name are dropped (by bisection over their starts: one pass over all
    the mentions per organisation grew with the square of a long document's length)."""

    def __init__(self, found: list[Found]):
        self.found = list(found)
        self.starts = sorted((f.start, i) for i, f in enumerate(self.found))
        self.dropped: set[int] = set()

    def add(self, f: Found) -> None:
        """A new mention, after the others."""
        insort(self.starts, (f.start, len(self.found)))
        self.found.append(f)

    def take(self, start: int, end: int, places: dict[int, int]) -> str | None:
        """Drop the mentions inside text[start:end]; the country of a place among them."""
        k = bisect_left(self.starts, (start, -1))
        inside = sorted(i for at, i in self.starts[k:bisect_left(self.starts, (end + 1, -1))]
                        if i not in self.dropped and self.found[i].end <= end)
        self.dropped.update(inside)
        return next((self.found[i].actor.country for i in inside if self.found[i].start in places), None)

    def kept(self) -> list[Found]:
        """The mentions not dropped, in order."""
        return [f for i, f in enumerate(self.found) if i not in self.dropped]


def _name_parts(doc: Document, parts: dict) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """The spans of the mentions no new organisation's name may overlap, and the places found
    (start -> end), which it may hold (جامعة حلوان); `parts` keeps the places and the loose words it
    may hold too (a group word read as a role, ثوار; a person named by context alone)."""
    places, loose, taken = {}, {}, []
    words, t = doc.lex.org_words, doc.t
    for f in doc.found:
        a = f.actor
        if a is not None and a.kind in PLACE_KINDS and f.kind in PLACE_MENTIONS:
            places[f.start] = f.end
        elif f.role is not None and t[f.start:f.end] in words or \
                f.role is None and a is not None and a.sector is None and a.key.startswith("person:"):
            loose[f.start] = f.end
        else:
            taken.append((f.start, f.end))
    parts.update(places=places, loose=loose)
    return taken, places


def _nisbas(doc: Document) -> dict[int, str]:
    """Start -> country of each country nisba found."""
    return {f.start: f.actor.key for f in doc.found
            if f.kind == "nisba" and f.actor is not None and f.actor.kind == "country"}


def _new_organisation(doc: Document, start: int, end: int, name: str, head: str, country: str | None,
                      seen: dict) -> Actor:
    """The actor of a new organisation: the lexicon's when a quoted name is listed, else one made
    from its head's kind and sector (one per name in the document)."""
    kind, sector = doc.lex.org_heads[head][:2]
    a, b = doc.norm.span(start, end)
    shown = doc.norm.original[a:b]
    key = f"org:{doc.lex.code}:{name}"
    quoted = doc.t[end - 1] in CLOSERS                                 # unquoted: no alias
    listed = (_listed(doc, f"{head} {name}") or _listed(doc, name)) if quoted else None
    actor = listed or seen.get(key) or Actor(
        key, kind, (country or "") + sector, country, sector, shown, shown if doc.lex.code == "ar" else None)
    seen[key] = actor
    return actor


def _listed(doc: Document, name: str) -> Actor | None:
    """The lexicon organisation a quoted name names in full (قناة «الإخبارية») or by its short form."""
    listed = whole(name, doc.lex)
    keys = listed[0].entry.target if listed else (doc.lex.shorts.get(name) or (None,))[0]
    actor = doc.lexicon.actors.get(keys) if keys else None
    return actor if actor is not None and actor.kind != "country" else None


QUOTES = re.compile(r"([«\"“])[ \t]*([^»\"”\n]{2,40}?)[ \t]*([»\"”])")
OPENERS = frozenset("«\"“")


def quoted_names(doc: Document) -> None:
    """Pass 3c: a name in quotation marks that a listed organisation's name has after its head
    («الحياة», «عكاظ»: صحيفة الحياة, صحيفة عكاظ) names that organisation, unless it was read as
    something else (a place: «الشرق الأوسط» is the newspaper or the region)."""
    if not doc.lex.tails or not any(q in doc.t for q in OPENERS):
        return
    hits = [(q.start(2), q.end(2), doc.lex.tails[q.group(2)]) for q in _quotes(doc.t)
            if q.group(2) in doc.lex.tails and PAIRS[q.group(1)] == q.group(3)]
    if not hits:
        return
    taken = busy(len(doc.t), [(f.start, f.end) for f in doc.found])
    for start, end, key in hits:
        if taken.find(1, start, end) < 0:
            doc.found.append(Found(start, end, doc.lexicon.actors[key], "short", CONFIDENCE["short"]))


def _quotes(text: str):
    """The matches of QUOTES.finditer(text), the pattern tried only where a quotation mark opens
    (found by str.find: the regex engine tried every offset, 2% of the actor stage)."""
    opened = sorted(i for mark in OPENERS for i in _offsets(text, mark))
    pos = 0
    for i in opened:
        q = QUOTES.match(text, i) if i >= pos else None
        if q is not None:
            yield q
            pos = q.end()


def _offsets(text: str, mark: str):
    """The offsets of a character in text."""
    i = text.find(mark)
    while i >= 0:
        yield i
        i = text.find(mark, i + 1)


def link_short_names(doc: Document) -> None:
    """Pass 4: short names of organisations the article names in full or a cue confirms, and the
    names of new organisations said again without their head (see orgs.py). A short name read as
    a place before is the organisation then (مدرب روما: the club)."""
    taken = [(f.start, f.end) for f in doc.found if f.actor is None or f.actor.kind != "location"]
    named = {f.actor.key: f.actor for f in doc.found if f.actor is not None and f.actor.kind != "country"}
    new = {key.split(":", 2)[2]: key for key in named if key.startswith("org:")}
    near = lambda: _sectors_found(doc)          # noqa: E731  (built only when a short form needs it)
    hits = short_names(doc.t, doc.lex, doc.lexicon.actors, taken, named, new, near, doc.scan.shorts)
    if hits and len(taken) < len(doc.found):        # a city's club: the city is no mention then
        _drop_overlapping(doc, hits)
    for start, end, key in hits:
        actor = named.get(key) or doc.lexicon.actors[key]
        doc.found.append(Found(start, end, actor, "short", CONFIDENCE["short"]))


def linked_spans(doc: Document) -> None:
    """Pass 4b: a new organisation runs on over a link word of org_links.txt and the person or
    country named right after it (ائتلاف الوطنية بزعامة اياد علاوي): the phrase names it, as a
    listed one does (التحالف بقيادة السعودية); nest_names gives the name proper and the actor."""
    if not doc.lex.org_links:
        return
    starts = {f.start: f for f in reversed(doc.found) if f.actor is not None}
    for f in doc.found:
        if f.actor is None or f.kind != "name" or f.role is not None or not f.actor.key.startswith("org:"):
            continue
        word = TOKEN.match(doc.t, f.end)
        if word is None or word.group(1) not in doc.lex.org_links or "\n" in doc.t[f.end:word.end()]:
            continue
        other = starts.get(BLANKS.match(doc.t, word.end()).end())
        if other is not None and other.actor.kind in LEADERS and other.actor is not f.actor:
            f.end = other.end


LEADERS = frozenset({"person", "country"})    # who may lead an organisation (بزعامة فلان, بقيادة السعودية)


def nest_names(doc: Document) -> None:
    """Pass 5: the name proper inside an organisation's phrase is a mention too (صحيفة «الحياة»:
    الحياة; حزب الله اللبناني: حزب الله), of kind short, and so is an actor named after a link
    word (التحالف بقيادة السعودية: Saudi Arabia); see orgs.name_proper and orgs.linked."""
    for f in list(doc.found):
        if f.actor is None or f.role is not None or f.kind != "name" or f.actor.kind not in ORG_KINDS \
                or " " not in doc.t[f.start:f.end]:
            continue                               # one word is the name proper already
        link = linked(doc.t, f.start, f.end, doc.lex)
        if link is not None:
            _linked_actor(doc, link[1], f.end)
        inner = (f.start, link[0]) if link else (f.start, f.end)
        inner = name_proper(doc.t, *inner, doc.lex, lambda s, e: _country_nisba(doc, s, e)) or \
            (inner if link else None)
        if inner:
            doc.found.append(Found(inner[0], inner[1], f.actor, "short", CONFIDENCE["short"]))


COMPANIES = frozenset({"BUS", "MNC"})


def head_anaphors_pass(doc: Document) -> None:
    """Pass 6: a head noun and a nisba (الشركة الروسية) name the last organisation of that kind
    and country before them; see orgs.head_anaphors."""
    nisbas = _nisbas(doc)
    if not doc.lex.org_heads or not nisbas:
        return
    hits = list(head_anaphors(doc.t, nisbas, doc.lex))
    orgs: dict[tuple[str, str | None], list] = {}      # by kind and country, in text order
    for at, a in sorted(((f.start, f.actor) for f in doc.found if f.actor is not None and f.actor.kind in ORG_KINDS),
                        key=lambda pair: pair[0]) if hits else []:
        orgs.setdefault((a.kind, a.country), []).append((at, a))
    for start, end, head, country in hits:
        kind, sector = doc.lex.org_heads[head][:2]
        same = _last_of_kind(orgs.get((kind, country), []), start, kind, sector, country)
        if same is not None:                       # the nisba stays a mention of its country
            doc.found.append(Found(start, end, same, "short", CONFIDENCE["short"]))


ANTECEDENTS = ORG_KINDS | {"country"}


def bare_heads_pass(doc: Document) -> None:
    """Pass 7: a head noun standing alone as the subject of a verb of saying (وقالت البعثة, وأكدت
    المملكة; org_anaphors.txt) names the last organisation or country before it, in its paragraph
    or the one before, named with that head: as the article wrote it (بعثة الأمم المتحدة), by a
    listed name (المملكة العربية السعودية for السعودية) or by a title (وزارة الخارجية). A head
    followed by a word with the article (الحركة الوطنية) is another name. Elsewhere the head is
    left alone: ANERcorp tags no such anaphor (P 0.720 kept), and inside a verb's object (كشف عن
    قيام الشركة) it misled the speaker reader (articles speaker_acc 0.850 -> 0.802 when read
    everywhere)."""
    hits = [m for m in doc.anaphors if said_before(doc.t, m.outer, doc.lex)]
    if not hits:
        return
    taken = busy(len(doc.t), [(f.start, f.end) for f in doc.found])
    before = sorted((f for f in doc.found if f.actor is not None and f.actor.kind in ANTECEDENTS),
                    key=START)
    starts = [f.start for f in before]
    for m in hits:
        if taken.find(1, m.outer, m.end) >= 0 or _qualified(doc, m.end):
            continue
        actor = _antecedent(doc, before, bisect_left(starts, m.start), m.entry.target, m.start)
        if actor is not None:
            doc.found.append(Found(m.start, m.end, actor, "short", CONFIDENCE["short"]))


def _qualified(doc: Document, end: int) -> bool:
    """Whether a word with the article follows a head: an adjective or a complement that makes it
    another body (الحركة الوطنية, المؤسسة العامة للسينما)."""
    word = TOKEN.match(doc.t, end)
    article = doc.lex.grammar.article
    return bool(word) and bool(article) and word.group(1).startswith(article)


# How many paragraph breaks back an antecedent may stand: 1 (this paragraph or the one before),
# as news paragraphs often cut one sentence in two (set by hand; two paragraphs back names
# another body as often as the same one).
PARAGRAPHS_BACK = 1


def _antecedent(doc: Document, before: list[Found], k: int, head: str, at: int) -> Actor | None:
    """The actor of the last mention before index k (and offset at), in the same or the previous
    paragraph, named with the head."""
    keys = doc.lex.headed.get(head, frozenset())
    article = doc.lex.grammar.article
    for f in reversed(before[:k]):
        if doc.t.count("\n", f.start, at) > PARAGRAPHS_BACK:
            return None
        first = doc.t[f.start:f.end].split(" ", 1)[0]
        first = first[len(article):] if article and first.startswith(article) else first
        if first == head or f.actor.key in keys or (f.role is not None and "role:" + f.role.key in keys):
            return f.actor
    return None


def _last_of_kind(orgs: list, start: int, kind: str, sector: str, country: str) -> Actor | None:
    """The last organisation of a head's kind before start (orgs: (start, actor) of one kind and
    country, in order; searched back from start, not through every organisation for every head)."""
    k = bisect_left(orgs, start, key=lambda pair: pair[0]) - 1
    while k >= 0 and not _same_kind(orgs[k][1], kind, sector, country):
        k -= 1
    return orgs[k][1] if k >= 0 else None


def _same_kind(actor: Actor, kind: str, sector: str, country: str) -> bool:
    """Whether an organisation is of a head's kind and sector (companies: BUS or MNC) and country."""
    return actor.kind == kind and actor.country == country and \
        (actor.sector == sector or {actor.sector, sector} <= COMPANIES)


def _linked_actor(doc: Document, start: int, end: int) -> None:
    """The actor named after a link word inside an organisation's name, as a mention of its own."""
    sub = doc.t[start:end]
    for m in whole(sub, doc.lex):
        actor = doc.lexicon.actors[m.entry.target]
        doc.found.append(Found(start + m.start, end, actor, m.entry.kind, CONFIDENCE[m.entry.kind]))


def _country_nisba(doc: Document, s: int, e: int) -> bool:
    """Whether text[s:e] is a country's nisba (اللبناني); only a word shaped like one is looked up."""
    word = doc.t[s:e]
    if not word.endswith(doc.lex.grammar.nisba_shape):
        return False
    return any(m.entry.kind == "nisba" and doc.lexicon.actors[m.entry.target].kind == "country"
               for m in whole(word, doc.lex))


def _drop_overlapping(doc: Document, spans: list[tuple[int, int, str]]) -> None:
    """Drop the mentions that overlap any of the spans (marked once: not one pass over the spans
    per mention)."""
    mask = bytearray(len(doc.t) + 1)
    for s, e, _ in spans:
        mask[s:e] = b"\1" * (e - s)
    doc.found = [f for f in doc.found if not _overlaps(f, mask, spans)]


def _overlaps(f: Found, mask: bytearray, spans: list[tuple[int, int, str]]) -> bool:
    """Whether a mention shares a character with a marked span (an empty one: lies inside one)."""
    if f.end > f.start:
        return mask.find(1, f.start, f.end) >= 0
    return any(f.start < e and s < f.end for s, e, _ in spans)


def _sectors_found(doc: Document) -> list[tuple[int, str]]:
    """(start, sector) of the organisations found by their full name, in text order."""
    return sorted((f.start, f.actor.sector) for f in doc.found
                  if f.actor is not None and f.actor.kind in ORG_KINDS and f.actor.sector and f.kind == "name")


def _surnames(doc: Document, key: str, actor: Actor, index: dict[int, list[str]]) -> list[str]:
    """Surname forms of a person: the lexicon's, or the last word of a found name."""
    listed = doc.lex.surnames_of.get(key)
    if listed:
        return list(listed)
    if actor.kind != "person":
        return []
    return list(_name_surnames(doc.lex, tuple(_written_names(key, actor, index)), bool(actor.sector)))


# Answers of _name_surnames kept per lexicon before the table is emptied (bounds a long run's memory).
SURNAMES_KEPT = 100_000


def _name_surnames(lex: LanguageLexicon, names: tuple[str, ...], titled: bool) -> tuple[str, ...]:
    """The surname forms of a person written with these names (a titled one: any but an ordinal),
    remembered per lexicon: the same people come back in article after article."""
    known = lex.__dict__.setdefault("_name_surnames", {})
    forms = known.get((names, titled))
    if forms is None:
        if len(known) >= SURNAMES_KEPT:
            known.clear()
        forms = dict.fromkeys(f for name in names for f in surname_of(name, lex))
        forms = known[names, titled] = tuple(f for f in forms if (titled and not regnal(f, lex))
                                             or distinctive_surname(f, lex))
    return forms


def _written_names(key: str, actor: Actor, index: dict[int, list[str]]) -> list[str]:
    """A person's names as this document writes them: a found name's key, or the spans that name
    a lexicon person (a generated lexicon person has no surname listed: كوفي أنان ... أنان)."""
    if key.startswith("person:"):
        return [key.split(":", 2)[2]]
    return index.get(id(actor), [])


def _name_index(doc: Document) -> dict[int, list[str]]:
    """The text of each mention of kind name, by its actor (the object: id), in found order; one
    pass over the mentions for all the people of the document, not one pass per person."""
    index: dict[int, list[str]] = {}
    for f in doc.found:
        if f.kind == "name" and f.actor is not None:
            index.setdefault(id(f.actor), []).append(doc.t[f.start:f.end])
    return index


def _mentions(doc: Document, found: list[Found]) -> list[Mention]:
    """The Founds with offsets mapped back to the displayed text (one call for all the spans).

    Built without the frozen class's __init__ (one object.__setattr__ per field: 3% of the
    stage on the corpus); the fields are set once, as __init__ would.
    """
    out, original = [], doc.norm.original
    for f, (start, end) in zip(found, doc.norm.spans([(f.start, f.end) for f in found])):
        mention = _NEW(Mention)
        mention.__dict__.update(start=start, end=end, surface=original[start:end], actor=f.actor,
                                kind=f.kind, confidence=f.confidence)
        out.append(mention)
    return out


_NEW = object.__new__
