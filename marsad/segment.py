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
NEXT_CHAR = re.compile(r"\s*(\S)")
QUOTE_MARK = re.compile(r'[«»“”"]')
QUOTE_PAIRS = {"«": "»", "“": "”"}
CLOSERS = {closer: opener for opener, closer in QUOTE_PAIRS.items()}


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
        word_start = max(block.rfind(" ", 0, at), block.rfind("\n", 0, at)) + 1
        if at > word_start and _abbreviation(block[word_start:at], abbreviations):
            return False
        following = NEXT_CHAR.match(block, match.end())
        if following and following.group(1).islower():
            return False
    return True


def _abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    """A token that a full stop abbreviates (Dr, U.S, د) or a single capital initial (F)."""
    word = word.lstrip("(«\"'“")
    return word.lower() in abbreviations or (len(word) == 1 and word.isupper())


def _quoted_regions(block: str) -> list[tuple[int, int]]:
    """[open, close] spans of balanced quotations; unmatched marks are ignored."""
    regions, stacks, straight = [], {opener: [] for opener in QUOTE_PAIRS}, []
    for match in QUOTE_MARK.finditer(block):
        mark, i = match.group(), match.start()
        if mark in stacks:
            stacks[mark].append(i)
        elif mark in CLOSERS:
            if stacks[CLOSERS[mark]]:
                regions.append((stacks[CLOSERS[mark]].pop(), i + 1))
        else:
            straight.append(i)
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
