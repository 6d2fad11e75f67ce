"""Find lexicon forms in a text with one Aho-Corasick pass, at word boundaries, longest first."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Entry, LanguageLexicon


@dataclass(frozen=True)
class Match:
    """A lexicon form found in the matching text; start skips any proclitic."""

    start: int
    end: int
    entry: Entry
    outer: int          # start including the proclitic

    @property
    def what(self) -> str:
        """alias, role or honorific."""
        return self.entry.what


def lower_same_length(text: str) -> str:
    """Lower-case without changing any offset (characters that would grow stay as they are)."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def is_word(ch: str) -> bool:
    """Whether a character continues a word."""
    return ch.isalnum()


def find(text: str, lex: LanguageLexicon) -> list[Match]:
    """Every lexicon form in `text` (the folded text) that starts and ends on a word boundary."""
    hay = lower_same_length(text) if lex.grammar.cased else text
    found = []
    for last, (length, entry) in lex.automaton.iter(hay):
        start, end = last - length + 1, last + 1
        if start > 0 and is_word(text[start - 1]) or end < len(text) and is_word(text[end]):
            continue
        if entry.exact is not None and text[start:end] != entry.exact:
            continue
        found.append(Match(start + entry.clitic, end, entry, start))
    return select(found)


def select(found: list[Match]) -> list[Match]:
    """Non-overlapping matches, preferring the longest, then the listed form, then the earliest."""
    taken: list[Match] = []
    busy = bytearray(max((m.end for m in found), default=0))
    for m in sorted(found, key=lambda m: (m.outer - m.end, m.entry.priority, m.outer)):
        if not any(busy[m.outer:m.end]):
            busy[m.outer:m.end] = b"\1" * (m.end - m.outer)
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def longest_first(found: list[tuple]) -> list[tuple]:
    """Matches (start, end, ...) left to right, the longest at each start, none overlapping."""
    kept, edge = [], -1
    for match in sorted(found, key=lambda m: (m[0], m[0] - m[1])):
        if match[0] >= edge:
            kept.append(match)
            edge = match[1]
    return kept
