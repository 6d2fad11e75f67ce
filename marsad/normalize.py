"""The matching form of a text, and the map from its offsets back to the displayed text.

Extraction matches on the matching form; every offset it reports is mapped back with
`Normalized.span`, so spans always point into `documents.text` as published.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

TATWEEL = "\u0640"
# Arabic harakat, tanwin, shadda, sukun, dagger alef and Quranic marks; zero-width and
# direction marks that editors leave in copied text.
REMOVED = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
    "\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
FOLDED = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
    **{chr(0x0660 + d): str(d) for d in range(10)},   # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},   # Persian digits
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
})


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Matching form of one character (possibly empty, possibly several characters)."""
    if REMOVED.match(ch):
        return ""
    return REMOVED.sub("", unicodedata.normalize("NFKC", ch)).translate(FOLDED)


def _kept() -> re.Pattern:
    """Runs of the common characters (ASCII, Latin, Arabic) whose matching form is themselves.

    set(text) makes one string object per non-Latin character; dropping these runs first
    leaves only the few characters that may change (the ranges are where news text lives).
    """
    ranges = (range(0x09, 0x0E), range(0x20, 0x250), range(0x0600, 0x0700), range(0x0750, 0x0780))
    kept = [chr(c) for r in ranges for c in r if fold_char(chr(c)) == chr(c)]
    return re.compile("[" + "".join(re.escape(ch) for ch in kept) + "]+")


KEPT = _kept()
# Characters of Arabic text that fold and stand in nearly every article (ة أ ى إ آ: 1,126 to 1,961
# of 2,000 corpus articles): each ends a run of KEPT, and a run per few words made its pass slow.
# Their presence is asked with `in`; the pass skips them (normalize: 78 -> 22 ms on 2,000 articles).
FREQUENT = "ةأىإآ"
KEPT_OR_FREQUENT = re.compile(KEPT.pattern[:-2] + re.escape(FREQUENT) + "]+")
# Characters a text changes often (the Arabic block: hamza forms, ta marbuta, harakat; the folded
# quotes and dashes): one str.replace each. The others (presentation forms, ligatures, which NFKC
# folds) are rare in a text, and many distinct: from RARE_PASS of them on, one regex pass replaces
# them all. Set on the 4.9 MB article of bench_long (134 changed characters, 100 of them
# presentation forms: 0.31 -> 0.11 s); a corpus article changes 5 to 15 characters.
COMMON = frozenset(map(chr, range(0x0600, 0x0700))) | frozenset(map(chr, FOLDED))
RARE_PASS = 8


def fold(text: str) -> str:
    """Matching form of a text, for lexicon entries and gold fragments."""
    return normalize(text).text


@dataclass(frozen=True)
class Normalized:
    """A text's matching form with anchors mapping its offsets to the original's."""

    text: str
    original: str
    _norm_at: tuple[int, ...]
    _orig_at: tuple[int, ...]

    def offset(self, pos: int) -> int:
        """Original offset of the character at matching-form offset pos."""
        k = bisect_right(self._norm_at, pos) - 1
        return self._orig_at[k] + (pos - self._norm_at[k])

    def to_norm(self, pos: int) -> int:
        """Matching-form offset of original offset pos (pos on a character boundary): where the
        matching form of the character at pos begins (the first of several it folds to)."""
        k = bisect_left(self._orig_at, pos)       # the first anchor at or after pos
        if k == 0:
            return self._norm_at[0]
        at = self._norm_at[k - 1] + (pos - self._orig_at[k - 1])
        return at if k == len(self._orig_at) or at < self._norm_at[k] else self._norm_at[k]

    def to_norm_all(self, positions) -> list[int]:
        """to_norm of each offset (>= 0); the offsets themselves when the text changed no length."""
        orig_at, norm_at, n = self._orig_at, self._norm_at, len(self._orig_at)
        if n == 1:
            return list(positions)
        out = []
        for pos in positions:                       # to_norm inlined: a call per mention end cost a third
            k = bisect_left(orig_at, pos)
            if k == 0:
                out.append(norm_at[0])
                continue
            at = norm_at[k - 1] + (pos - orig_at[k - 1])
            out.append(at if k == n or at < norm_at[k] else norm_at[k])
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the matching-form span [start, end)."""
        if end <= start:
            at = self.offset(start) if start < len(self.text) else len(self.original)
            return at, at
        norm_at, orig_at = self._norm_at, self._orig_at     # offset() inlined: a hot path
        k, j = bisect_right(norm_at, start) - 1, bisect_right(norm_at, end - 1) - 1
        return orig_at[k] + (start - norm_at[k]), orig_at[j] + (end - 1 - norm_at[j]) + 1


    def spans(self, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """span of each (start, end) pair, in one call (a document's mentions)."""
        norm_at, orig_at, span = self._norm_at, self._orig_at, self.span
        if len(norm_at) == 1:        # nothing removed or expanded: the offsets are the original's
            return [(s, e) if e > s else span(s, e) for s, e in pairs]
        out = []
        for s, e in pairs:
            if e <= s:
                out.append(span(s, e))
                continue
            k, j = bisect_right(norm_at, s) - 1, bisect_right(norm_at, e - 1) - 1
            out.append((orig_at[k] + (s - norm_at[k]), orig_at[j] + (e - 1 - norm_at[j]) + 1))
        return out


@lru_cache(maxsize=64)
def normalize(text: str) -> Normalized:
    """Build the matching form of text with its offset map (one pass over changed chars).

    The last results are cached: actor, claim and event extraction read the same document in
    turn. 64, not 4: the short strings folded between them (speaker surfaces) evicted the
    document from a cache of 4, and events normalised it again.
    """
    changed = _changes(text)
    if not changed:
        return Normalized(text, text, (0,), (0,))
    norm = _replace_all(text, changed)
    uneven = [ch for ch, out in changed.items() if len(out) != 1]
    norm_at, orig_at = [0], [0]
    if uneven and not any(len(out) > 1 for out in changed.values()):
        _removed(text, uneven, norm_at, orig_at)
    elif uneven:
        _anchor(text, changed, re.compile("|".join(map(re.escape, uneven))), norm_at, orig_at)
    return Normalized(norm, text, tuple(norm_at), tuple(orig_at))


def fold_once(text: str) -> str:
    """fold(text) without the offset map nor the cache, for a text never mapped back (a language sample)."""
    changed = _changes(text)
    return _replace_all(text, changed) if changed else text


def _changes(text: str) -> dict[str, str]:
    """The characters of text whose matching form differs from them, with that form."""
    present = set(KEPT_OR_FREQUENT.sub("", text))
    present.update(ch for ch in FREQUENT if ch in text)
    changed = {ch: fold_char(ch) for ch in present}
    return {ch: out for ch, out in changed.items() if out != ch}


def _removed(text: str, removed: list[str], norm_at: list[int], orig_at: list[int]) -> None:
    """The anchors of _anchor when every uneven character is removed (harakat, tatweel: the
    common case), without its loop: the k-th removed character, at i, gives (i - k, i + 1).

    Found by str.find, character by character (a scan in C each; a regex pass over the class
    tested every character: 22 -> 6 ms on 500 corpus articles)."""
    at = []
    for ch in removed:
        i = text.find(ch)
        while i >= 0:
            at.append(i)
            i = text.find(ch, i + 1)
    if len(removed) > 1:
        at.sort()
    norm_at += [i - k for k, i in enumerate(at)]
    orig_at += [i + 1 for i in at]


def _replace_all(text: str, changed: dict[str, str]) -> str:
    """text with every changed character replaced at once.

    One str.replace per distinct character: on Arabic text str.translate looks each character
    up in a dict (0.5 s per 1,000 corpus articles), the replaces scan in C (about 10x less).
    Replacing in turn equals replacing at once when no replacement holds a replaced character.
    """
    if not changed.keys().isdisjoint("".join(changed.values())):
        return text.translate(str.maketrans(changed))
    rare = {ch: out for ch, out in changed.items() if ch not in COMMON}
    if len(rare) < RARE_PASS:
        rare = {}
    for ch, out in changed.items():
        if ch not in rare:
            text = text.replace(ch, out)
    if rare:      # presentation forms, ligatures: one pass for all, a call per (rare) occurrence
        text = re.compile("[" + "".join(map(re.escape, rare)) + "]").sub(lambda m: rare[m.group()], text)
    return text


def _anchor(text: str, changed: dict[str, str], pattern: re.Pattern,
            norm_at: list[int], orig_at: list[int]) -> None:
    """Add anchors where a character was removed or expanded to several."""
    shift = 0  # original offset minus matching-form offset, before the current match
    for match in pattern.finditer(text):
        i = match.start()
        width = len(changed[text[i]])
        at = i - shift
        for j in range(1, width):
            norm_at.append(at + j)
            orig_at.append(i)
        shift += 1 - width
        norm_at.append(at + width)
        orig_at.append(i + 1)
