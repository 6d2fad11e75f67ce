"""Identify a document's language (ar, en or other) offline, from script and function words."""

from __future__ import annotations

import re
from functools import lru_cache

from . import lang
from .normalize import fold_once

OTHER = "other"
# Share of letters that must be in a pack's script for it to be considered. Measured on 4,824
# saudinewsnet articles: 99% score >= 0.955; Persian text scores 0.77 and Urdu 0.58 (their own
# letters are outside the Arabic pack's class), so 0.85 separates them.
SCRIPT_SHARE = 0.85
# Share of words that must be the pack's function words. Arabic news (matching form): 1st
# percentile 0.04, median 0.14, but a 51-word brief scored 0.0196; an English wire story 0.36;
# French against English 0.0. Persian and Urdu are told apart by script share, not here.
STOPWORD_SHARE = 0.01
# The first 2,000 characters (about 350 words) decide; more changed no result on the corpus
# sample and cost time (identification was half of parsing time at 5,000).
SAMPLE_CHARS = 2000
WORD = re.compile(r"\w+")
# Letters ([^\W\d_]) are the word characters (\w, found for the function words anyway) less the
# digits and underscores among them: a regex pass deleting the runs of the others cost as much as
# finding the words (identification took 0.63 ms a corpus document, 40% of parsing; then 0.39).
# (Written to open with its class, so the engine skips to the next digit in C: [\d_]+ is tried at
# every character.)
DIGITS = re.compile(r"[\d_][\d_]*")
# Word gaps removed before a pack's letters are counted, when its class holds neither: the
# deleting pass costs a match per run of other characters, and most runs are one space (the
# Arabic pack's count over 2,000 corpus articles: 0.084 -> 0.045 s).
BLANKS = (" ", "\n")
CLASS = re.compile(r"\[(?!\^)(?:[^\\\]]|\\.)+\]")     # one character class, not negated (a pack's letters)


def identify(text: str) -> str:
    """Return the language code of the best-matching pack, or 'other'."""
    sample = fold_once(text[:SAMPLE_CHARS])
    found = WORD.findall(sample)
    joined = " ".join(found)
    letters = _letters(joined, found)
    if not letters:
        return OTHER
    words, compact = _lowered(joined, found), _without_blanks(sample)
    best, best_score = OTHER, 0.0
    for code in lang.codes():
        pack = lang.pack(code)
        if _count(sample, pack.letters, compact) < SCRIPT_SHARE * letters:
            continue
        score = sum(map(pack.stopwords.__contains__, words)) / max(len(words), 1)
        if score >= STOPWORD_SHARE and score > best_score:
            best, best_score = code, score
    return best


def _lowered(joined: str, words: list[str]) -> list[str]:
    """Each word lower-cased, given the words joined by spaces (kept when nothing in them changes)."""
    # A space is neither cased nor case-ignorable, so a word joined by spaces lowers as it does
    # alone (a final sigma too), and no lower-case form holds one.
    return joined.lower().split(" ") if CASE_CHANGED.search(joined) else words


def _case_changed() -> re.Pattern:
    """Any character but those below U+0800 (Latin to Arabic) that lower-casing keeps as they are."""
    kept = (chr(c) for c in range(0x800) if chr(c).lower() == chr(c))
    return re.compile("[^" + "".join(map(re.escape, kept)) + "]")


# Lower-casing looks up every character of a word (0.04 ms a corpus sample); a scan for one it may
# change takes a third of that, and nine Arabic samples in ten have none.
CASE_CHANGED = _case_changed()


def _letters(joined: str, words: list[str]) -> int:
    """How many letters ([^\\W\\d_]) a text holds, given its words (WORD's matches) joined by spaces."""
    if not words:
        return 0
    return len(joined) - (len(words) - 1) - sum(map(len, DIGITS.findall(joined)))


def _without_blanks(text: str) -> str:
    """text without its BLANKS."""
    for blank in BLANKS:
        text = text.replace(blank, "")
    return text


def _count(text: str, letters: re.Pattern, compact: str | None = None) -> int:
    """How many characters of text a pack's letter class matches (`compact`: text without BLANKS)."""
    others = _others(letters.pattern)
    if others is None:
        return len(letters.findall(text))
    outside = _outside(letters)
    if compact is not None and outside == BLANKS:
        return len(others.sub("", compact))
    for blank in outside:
        text = text.replace(blank, "")
    return len(others.sub("", text))


@lru_cache(maxsize=None)
def _outside(letters: re.Pattern) -> tuple[str, ...]:
    """The BLANKS a letter class does not match."""
    return tuple(blank for blank in BLANKS if not letters.match(blank))


@lru_cache(maxsize=None)
def _others(pattern: str) -> re.Pattern | None:
    """Runs of the characters outside a character class `[...]` (None for another pattern)."""
    if not CLASS.fullmatch(pattern):
        return None
    return re.compile("[^" + pattern[1:-1] + "]+")
