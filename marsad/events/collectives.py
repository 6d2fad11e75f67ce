"""Collective actors: unnamed groups of people (protesters, settlers, residents, gunmen, civilians).

The event coder's matcher finds their words (`lang/<code>/events/unnamed.tsv`); each becomes an
actor mention of kind `collective` whose actor is composed CAMEO-style from its context: the
country of an adjective on it («المتظاهرين العراقيين», "Iraqi protesters"), else of the place
its sentence names after a locative («في بغداد») or right after it («سكان غزة»), else the
country the document mentions most; then its sector (protesters OPP: `IRQOPP`). The actor's id
is stable: one per country and group.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

from ..actors.lexicon import Actor
from ..actors.resolve import Mention

KIND = "collective"     # actors-table kind of a collective (not a named entity kind: ANERcorp tags none)
CONFIDENCE = 0.5        # below a listed name's 0.95: the group is named by a common noun only
PLACE_KINDS = frozenset({"country", "location"})


def compose(template: Actor, country: str | None) -> Actor:
    """The collective of a country: key, code (country + sector) and English name."""
    group = template.key.split(":")[-1]
    code = f"{country or ''}{template.sector or ''}" or None
    return Actor(f"{KIND}:{country or '-'}:{group}", template.kind, code, country, template.sector, template.name,
                 template.name_ar)


def group_of(actor: Actor) -> str:
    """The group key of a collective actor (civilians), whatever its country."""
    return actor.key.split(":")[-1]


def adjective(spans: list, starts: list[int], start: int, end: int, text: str, after: bool):
    """The nisba mention written on a collective (after it in Arabic, before it in English), or None."""
    if after:
        k = bisect_left(starts, end)
        x = spans[k] if k < len(spans) else None
        ok = x is not None and not text[end:x[0]].strip()
    else:
        k = bisect_right(starts, start) - 1
        x = spans[k] if k >= 0 and spans[k][1] <= start else None
        ok = x is not None and not text[x[1]:start].strip()
    return x if ok and x[2].kind == "nisba" and x[2].actor.country else None


def place_country(places: list, text: str, end: int, s_start: int, s_end: int, locative: frozenset[str]):
    """The country of the place right after a collective (سكان غزة), else of the first place of
    its sentence named after a locative word (في بغداد); None when there is none."""
    inside = [x for x in places if s_start <= x[0] < s_end and x[2].actor.country]
    for x in inside:
        if x[0] >= end and not text[end:x[0]].strip():
            return x[2].actor.country
    for x in inside:
        words = text[max(s_start, x[0] - 12):x[0]].split()
        if words and (words[-1] in locative or words[-1][1:] in locative):
            return x[2].actor.country
    return None


def is_place(x) -> bool:
    """Whether a mention names a place or country (a capital standing for it counts)."""
    return x[2].actor.kind in PLACE_KINDS or x[2].kind == "metonym"


def phrase_places(doc, inside: list, locality: frozenset[str]) -> list:
    """A sentence's mentions without the places that only say where a collective is from (المئات من
    أهالي مدينة الموصل شمالي العراق, residents of the city of Mosul in northern Iraq): a place after
    a collective, or after such a place, with only words of `locality` and places between (nothing
    after a collective in the construct state: سكان غزة)."""
    kept, anchor, construct = [], None, False
    for x in inside:
        if anchor is not None and is_place(x):
            gap = _off_places(doc, anchor, x[0])
            if (gap or construct) and _locality(gap, locality):
                anchor, construct = x[1], False
                continue
        anchor = x[1] if x[2].kind == KIND else None
        construct = anchor is not None and not doc._complete(doc.t[x[0]:x[1]])    # أهالي البصرة: its genitive
        kept.append(x)
    return kept


def _locality(gap: list[str], locality: frozenset[str]) -> bool:
    """Whether words between a collective and a place are all of its place phrase: words of
    `locality`, or a name right after one (محافظة البصرة where the gazetteer lacks the city)."""
    return all(w in locality or i and gap[i - 1] in locality for i, w in enumerate(gap))


def _off_places(doc, a: int, b: int) -> list[str]:
    """The words of the event document's text [a, b) outside its place spans (a city named on the way)."""
    k, words = bisect_left(doc.place_starts, a), []
    while k < len(doc.places) and doc.places[k][0] < b:
        words += doc.words_in(a, doc.places[k][0])
        a, k = max(a, doc.places[k][1]), k + 1
    return words + doc.words_in(a, b)


def home_country(spans: list) -> str | None:
    """The country the document mentions most (first on a tie; outlets left out)."""
    seen = [x[2].actor.country for x in spans if x[2].actor.country and x[2].actor.kind not in ("media", KIND)]
    if not seen:
        return None
    counts = Counter(seen)
    return max(counts, key=lambda c: (counts[c], -seen.index(c)))


def mention(norm, start: int, end: int, actor: Actor) -> Mention:
    """A collective mention over [start, end) of the matching form, in displayed offsets."""
    cs, ce = norm.span(start, end)
    return Mention(cs, ce, norm.original[cs:ce], actor, KIND, CONFIDENCE)
