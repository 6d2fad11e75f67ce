"""Split each block of an article into sentences, as character spans of the displayed text.

Boundaries: . ! ? ؟ ؛ followed by optional closing quotes or brackets, then whitespace or the
end of the block; every block end. Not a boundary: a full stop inside a number (2.5), an
ellipsis (.. or …, used between clauses of Arabic headlines), a full stop after an abbreviation
or a single capital initial, a full stop followed by a lower-case word, and any mark inside a
balanced quotation («...», “...”, "...") of the same block that runs past no line break and is no
longer than MAX_QUOTE_CHARS (a longer one pairs marks of different quotations: its sentences are
cut at their marks). A sentence longer than
MAX_SENTENCE_CHARS is cut at its last space before that length, so no step of extraction works
on an unbounded span.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate

from . import lang

# A candidate boundary: a run of marks, optional closing quotes or brackets, then whitespace or
# the end of the block, the run's first mark not right after a full stop or an ellipsis:
#   (?<![.…])([.!?؟؛]+)(["'»”’)\]]*)(?=\s|$)
# Matched as MARK_RUN, which opens with its character class so that the regex engine skips to the
# next mark in C instead of trying the look-behind at every character (0.13 -> 0.04 s over the
# 14,169 blocks of 2,000 corpus articles); _candidates applies the look-behind.
MARK_RUN = re.compile(r"([.!?؟؛][.!?؟؛]*)[\"'»”’)\]]*(?=\s|$)")
NEXT_CHAR = re.compile(r"\s*(\S)")
QUOTE_MARK = re.compile(r'[«»“”"]')
QUOTE_PAIRS = {"«": "»", "“": "”"}
CLOSERS = {closer: opener for opener, closer in QUOTE_PAIRS.items()}
# Longest sentence kept whole. Set from 52,251 sentences of 5,000 saudinewsnet articles: the
# 99.9th percentile is 1,356 characters, the longest 5,950; 2,000 cuts 0.05% of them. Extraction
# does per-sentence work for each trigger it finds there, so a document with no sentence mark
# (or one quotation around all of it) would cost time in the square of its length.
MAX_SENTENCE_CHARS = 2_000
# Longest span read as one quotation. Set from the balanced quotations of 31,030 saudinewsnet
# articles (blocks with as many « as », “ as ” and an even number of "): the longest is 3,566
# characters, the 99.99th percentile 1,408. Beyond that a «...» pairs an unmatched mark with one of
# a later quotation (a 4.9 MB paragraph of joined articles made one region of 3.44 M characters, so
# its sentences were cut only at MAX_SENTENCE_CHARS).
MAX_QUOTE_CHARS = 4_000
# How far back a full stop looks for the start of its word: longer than any abbreviation.
LONGEST_ABBREVIATION = 40


def split_block(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) covering text[start:end], trimmed of whitespace."""
    block = text[start:end]
    stops = _stops(block, language)
    stops.append(len(block))
    spans, begin = [], 0
    for stop in stops:
        span = _trim(block, begin, stop, start)
        if span and span[1] - span[0] > MAX_SENTENCE_CHARS:
            spans += _cut(block, span[0] - start, span[1] - start, start)
        elif span:
            spans.append(span)
        begin = stop
    return spans


def _stops(block: str, language: str) -> list[int]:
    """Where the block's sentences end, but at the block's end."""
    candidates = _candidates(block)
    # A candidate at the block's end (only the last can be) ends the last sentence whether or not
    # it is a boundary, so it is not judged: a paragraph usually has one.
    if candidates and candidates[-1][2] == len(block):
        candidates.pop()
    if not candidates:
        return []
    regions = _quoted_regions(block) if QUOTE_MARK.search(block) else []
    quoted = Quoted(regions) if regions else None
    abbreviations = _abbreviations(language)
    return [stop for at, marks, stop in candidates if _is_boundary(block, at, marks, stop, quoted, abbreviations)]


def _candidates(block: str) -> list[tuple[int, str, int]]:
    """(start, marks, end) of each candidate boundary, as the pattern in MARK_RUN's comment matches them."""
    if "…" not in block:
        return [(match.start(), match.group(1), match.end()) for match in MARK_RUN.finditer(block)]
    return list(_after_ellipses(block))


def _after_ellipses(block: str):
    """_candidates of a block holding an ellipsis: a run after one starts at its first mark not after a full stop."""
    for match in MARK_RUN.finditer(block):
        at, marks = match.start(), match.group(1)
        if at and block[at - 1] == "…":
            skip = len(marks) - len(marks.lstrip(".")) + 1
            if skip >= len(marks):
                continue
            at, marks = at + skip, marks[skip:]
        yield at, marks, match.end()


@lru_cache(maxsize=None)
def _abbreviations(language: str) -> frozenset[str]:
    """The language's abbreviations (none for a language without a pack)."""
    return lang.pack(language).abbreviations if language in lang.codes() else frozenset()


def _cut(block: str, a: int, b: int, offset: int) -> list[tuple[int, int]]:
    """Pieces of at most MAX_SENTENCE_CHARS of the sentence block[a:b], cut at a space when
    there is one in the second half of the piece; absolute offsets, trimmed."""
    pieces = []
    while b - a > MAX_SENTENCE_CHARS:
        limit = a + MAX_SENTENCE_CHARS
        space = max(block.rfind(" ", a + MAX_SENTENCE_CHARS // 2, limit),
                    block.rfind("\n", a + MAX_SENTENCE_CHARS // 2, limit))
        cut = space if space >= 0 else limit
        pieces.append(_trim(block, a, cut, offset))
        a = cut
    pieces.append(_trim(block, a, b, offset))
    return [p for p in pieces if p]


class Quoted:
    """Quotation spans of a block, answering "is this mark inside one?" in logarithmic time."""

    def __init__(self, regions: list[tuple[int, int]]):
        regions = sorted(regions)
        self.opens = [a for a, _ in regions]
        self.reach = list(accumulate((b for _, b in regions), max))   # farthest close so far

    def around(self, at: int, end: int) -> bool:
        """Whether a quotation opened before `at` closes after `end`."""
        k = bisect_left(self.opens, at)
        return k > 0 and self.reach[k - 1] > end


def _is_boundary(block: str, at: int, marks: str, end: int, quoted: Quoted | None,
                 abbreviations: frozenset[str]) -> bool:
    """Whether a candidate mark (marks at `at`, the candidate ending at `end`) really ends a sentence."""
    if quoted is not None and quoted.around(at, end):
        return False
    if marks.startswith("..") or marks == ".":
        if len(marks) > 1:
            return False
        lo = max(0, at - LONGEST_ABBREVIATION)       # a bounded look back: no scan to the block's start
        space = max(block.rfind(" ", lo, at), block.rfind("\n", lo, at))
        word_start = space + 1 if space >= 0 else lo
        if at > word_start and _abbreviation(block[word_start:at], abbreviations):
            return False
        following = NEXT_CHAR.match(block, end)
        if following and following.group(1).islower():
            return False
    return True


def _abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    """A token that a full stop abbreviates (Dr, U.S, د) or a single capital initial (F)."""
    word = word.lstrip("(«\"'“")
    return word.lower() in abbreviations or (len(word) == 1 and word.isupper())


def _quoted_regions(block: str) -> list[tuple[int, int]]:
    """[open, close] spans of balanced quotations on one line of at most MAX_QUOTE_CHARS; unmatched
    marks are ignored."""
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
    return [(a, b) for a, b in regions if b - a <= MAX_QUOTE_CHARS and block.find("\n", a, b) < 0]


def _trim(block: str, a: int, b: int, offset: int) -> tuple[int, int] | None:
    """Span without surrounding whitespace, shifted to absolute offsets; None if empty."""
    piece = block[a:b]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return offset + a + lead, offset + a + lead + len(stripped)
