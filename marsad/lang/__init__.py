"""Language packs: one folder per language holding its word lists, loaded once.

A pack folder (`marsad/lang/<code>/`) holds `script.txt` (a regular-expression character class
of the language's letters), `stopwords.txt` (frequent function words, used to identify the
language) and `abbreviations.txt` (tokens after which a full stop does not end a sentence), read
here; and one sub-folder per stage, read by that stage's loader: `actors/` (names, roles, places,
the name grammar: marsad/actors/lexicon.py), `claims/` (reporting cues, speakers, the speaker
grammar: marsad/claims/lexicon.py), `events/` (trigger lemmas and patterns, modality and scope
words: marsad/events/lexicon.py), `dates/` (month and weekday names, date patterns:
marsad/dates.py) and, for Arabic, `translit/` (Latin spellings of names: marsad/translit.py).
An optional `warmup.txt` is a short news paragraph written for the pack, never an evaluation
text: the extraction workers' fork server reads it once before forking (marsad/extract.py
`warm_up`). Adding a language means adding a folder; no code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class LanguagePack:
    """The data marsad needs about one language."""

    code: str
    letters: re.Pattern
    stopwords: frozenset[str]
    abbreviations: frozenset[str]


def _lines(code: str, name: str) -> list[str]:
    """Non-empty, non-comment lines of a pack's data file."""
    path = resources.files(__package__).joinpath(code, name)
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=None)
def pack(code: str) -> LanguagePack:
    """Load a language pack by its code (cached: each pack is read once per process)."""
    script = _lines(code, "script.txt")
    if not script:
        raise KeyError(f"no language pack {code!r} (expected marsad/lang/{code}/script.txt)")
    return LanguagePack(
        code=code,
        letters=re.compile(script[0]),
        stopwords=frozenset(_lines(code, "stopwords.txt")),
        abbreviations=frozenset(w.lower() for w in _lines(code, "abbreviations.txt")),
    )


@lru_cache(maxsize=1)
def codes() -> tuple[str, ...]:
    """Codes of every installed language pack."""
    root = resources.files(__package__)
    return tuple(sorted(p.name for p in root.iterdir() if p.joinpath("script.txt").is_file()))


def warm_up_text(code: str) -> str:
    """A pack's warm-up paragraph (warmup.txt), or "" when it has none."""
    path = resources.files(__package__).joinpath(code, "warmup.txt")
    return path.read_text(encoding="utf-8").strip() if path.is_file() else ""
