"""Split each block of an article into sentences, as character spans of the displayed text.

Boundaries: . ! ? ؟ ؛ followed by optional closing quotes or brackets, then whitespace or the
end of the block; every block end. Not a boundary: a full stop inside a number (2.5), an
ellipsis (.. or …, used between clauses of Arabic headlines), a full stop after an abbreviation
or a single capital initial, a full stop followed by a lower-case word, and any mark inside a
balanced quotation («...», “...”, "...") of the same block.
"""

from __future__ import annotations

import re

from . import lang

BOUNDARY = re.compile(r"(?<![.…])([.!?؟؛]+)([\"'»”’)\]]*)(?=\s|$)")
WORD_BEFORE = re.compile(r"(\S+)$")
QUOTE_PAIRS = (("«", "»"), ("“", "”"))


def split_block(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) covering text[start:end], trimmed of whitespace."""
    block = text[start:end]
    quoted = _quoted_regions(block)
    abbreviations = lang.pack(language).abbreviations if language in lang.codes() else frozenset()
    spans, begin = [], 0
    for match in BOUNDARY.finditer(block):
        if _is_boundary(block, match, quoted, abbreviations):
            spans.append((begin, match.end()))
            begin = match.end()
    spans.append((begin, len(block)))
    return [s for s in (_trim(block, a, b, start) for a, b in spans) if s]


def _is_boundary(block: str, match: re.Match, quoted: list[tuple[int, int]],
                 abbreviations: frozenset[str]) -> bool:
    """Whether a candidate mark really ends a sentence."""
    marks, at = match.group(1), match.start()
    if any(a < at and match.end() < b for a, b in quoted):
        return False
    if marks.startswith("..") or marks == ".":
        if len(marks) > 1:
            return False
        before = WORD_BEFORE.search(block, 0, at)
        if before and _abbreviation(before.group(1), abbreviations):
            return False
        following = block[match.end():].lstrip()[:1]
        if following.islower():
            return False
    return True


def _abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    """A token that a full stop abbreviates (Dr, U.S, د) or a single capital initial (F)."""
    word = word.lstrip("(«\"'“")
    return word.lower() in abbreviations or (len(word) == 1 and word.isupper())


def _quoted_regions(block: str) -> list[tuple[int, int]]:
    """[open, close] spans of balanced quotations; unmatched marks are ignored."""
    regions = []
    for opener, closer in QUOTE_PAIRS:
        stack = []
        for i, ch in enumerate(block):
            if ch == opener:
                stack.append(i)
            elif ch == closer and stack:
                regions.append((stack.pop(), i + 1))
    straight = [i for i, ch in enumerate(block) if ch == '"']
    if len(straight) % 2 == 0:
        regions += [(straight[k], straight[k + 1] + 1) for k in range(0, len(straight), 2)]
    return regions


def _trim(block: str, a: int, b: int, offset: int) -> tuple[int, int] | None:
    """Span without surrounding whitespace, shifted to absolute offsets; None if empty."""
    piece = block[a:b]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return offset + a + lead, offset + a + lead + len(stripped)
