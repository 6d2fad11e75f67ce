"""Find lexicon forms in a text with one Aho-Corasick pass, at word boundaries, longest first."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Entry, LanguageLexicon


@dataclass(slots=True)
class Match:
    """A lexicon form found in the matching text; start skips any proclitic (never mutated)."""

    start: int
    end: int
    entry: Entry
    outer: int          # start including the proclitic
    what: str           # the entry's: alias, role or honorific (a field: read ~250 times a document)


def lower_same_length(text: str) -> str:
    """Lower-case without changing any offset (characters that would grow stay as they are)."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def is_word(ch: str) -> bool:
    """Whether a character continues a word."""
    return ch.isalnum()


def find(text: str, lex: LanguageLexicon) -> list[Match]:
    """Every lexicon form in `text` (the folded text) that starts and ends on a word boundary."""
    hay = lower_same_length(text) if lex.grammar.cased else text
    found, n = [], len(text)
    for last, (length, entry) in lex.automaton.iter(hay):   # is_word inlined: the loop is hot
        start, end = last - length + 1, last + 1
        if start > 0 and text[start - 1].isalnum() or end < n and text[end].isalnum():
            continue
        if entry.exact is not None and text[start:end] != entry.exact:
            continue
        found.append((start - end, entry.priority, start, entry))
    return select(found, n)


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
    taken.sort(key=lambda m: m.start)
    return taken


def longest_first(found: list[tuple]) -> list[tuple]:
    """Matches (start, end, ...) left to right, the longest at each start, none overlapping."""
    kept, edge = [], -1
    for match in sorted(found, key=lambda m: (m[0], m[0] - m[1])):
        if match[0] >= edge:
            kept.append(match)
            edge = match[1]
    return kept
