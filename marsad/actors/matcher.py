"""Find lexicon forms in a text with one Aho-Corasick pass, at word boundaries, longest first."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from .lexicon import Entry, LanguageLexicon
from .scan import scan


START = attrgetter("start")


@dataclass(slots=True)
class Match:
    """A lexicon form found in the matching text; start skips any proclitic (never mutated)."""

    start: int
    end: int
    entry: Entry
    outer: int          # start including the proclitic
    what: str           # the entry's: alias, role or honorific (a field: read ~250 times a document)


def find(text: str, lex: LanguageLexicon) -> list[Match]:
    """Every lexicon form in `text` (the folded text) that starts and ends on a word boundary."""
    return select(scan(text, lex).forms, len(text))


# Words whose whole-form aliases are kept per lexicon (whole) before the table is emptied: bounds the
# memory of a long run (the first 1,000 corpus articles ask about some 3,000 words).
WHOLE_KEPT = 100_000


def whole(form: str, lex: LanguageLexicon) -> tuple[Match, ...]:
    """The lexicon aliases that span all of `form` (a word or name asked about again and again:
    nisbas, quoted names), remembered per lexicon; the matches are never mutated."""
    known = lex.__dict__.setdefault("_whole_forms", {})
    found = known.get(form)
    if found is None:
        if len(known) >= WHOLE_KEPT:
            known.clear()
        found = known[form] = tuple(m for m in find(form, lex)
                                    if m.what == "alias" and m.outer == 0 and m.end == len(form))
    return found


def select(found: list[tuple[int, int, int, Entry]], length: int) -> list[Match]:
    """Non-overlapping matches, preferring the longest, then the listed form, then the earliest.

    found holds (-length, priority, start, entry): one per span, so the sort never reaches entry;
    length is the text's (no match ends past it).
    """
    taken: list[Match] = []
    busy = bytearray(length)
    for neg, _, start, entry in sorted(found):
        end = start - neg
        if busy.find(1, start, end) < 0:
            busy[start:end] = b"\1" * (end - start)
            taken.append(Match(start + entry.clitic, end, entry, start, entry.what))
    taken.sort(key=START)
    return taken


def longest_first(found: list[tuple]) -> list[tuple]:
    """Matches (start, end, ...) left to right, the longest at each start, none overlapping."""
    kept, edge = [], -1
    for match in sorted(found, key=lambda m: (m[0], m[0] - m[1])):
        if match[0] >= edge:
            kept.append(match)
            edge = match[1]
    return kept
