"""Places (cities and regions) as actors of kind `location`, read from the generated place files.

`marsad/lexicon/places.tsv` gives each place its English and Arabic name and its country;
`marsad/lang/<code>/actors/places.tsv` the written forms, each with a context: `free` (a place
wherever it is written) or `cue` (a place only after a locative cue of `place_cues.txt`, or, in
Arabic, with the proclitic ب written on it). Both files are built by `build_places.py`. Forms go
into the language's one Aho-Corasick automaton, below every other lexicon entry, so a country,
a capital standing for its government (بغداد) or a listed organisation keeps its reading.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import LexiconError

PRIORITY = 3          # weaker than listed (0), inflected (1) and proclitic (2) forms of other entries
CONTEXTS = frozenset({"free", "cue", "block"})


def load_places(common: Path, known: dict) -> dict:
    """Place actors by key from marsad/lexicon/places.tsv (none when the file is absent)."""
    from .lexicon import Actor, rows
    path = common / "places.tsv"
    if not path.is_file():
        return {}
    places = {}
    for n, (key, name, name_ar, country, _population) in rows(path, 5):
        if country != "-" and country not in known:
            raise LexiconError(f"{path}:{n}: unknown country {country!r} (not in countries.tsv)")
        where = None if country == "-" else country        # a sea or a region of several countries
        places[key] = Actor(key, "location", where, where, None, name, name_ar)
    return places


def load_cues(path: Path, coordinator: str = "و") -> frozenset[str]:
    """Locative cue words in matching form, also with the coordinator written on them (وفي)."""
    from .lexicon import words
    cues = {w.lower() for w in words(path)}
    return frozenset(cues | {coordinator + w for w in cues})


def add_places(build, folder: Path, places: dict) -> None:
    """Put a language's place forms into its lexicon builder (absent file: none)."""
    from .lexicon import Entry, rows
    path = folder / "places.tsv"
    if not path.is_file():
        return
    for n, (surface, key, context) in rows(path, 3):
        if key not in places or context not in CONTEXTS:
            raise LexiconError(f"{path}:{n}: unknown place {key!r} or context {context!r} (free, cue, block)")
        if context == "block":        # كريمة is a word, not ك + ريمة
            build.add(surface, Entry("block", surface, "block", 0, None, PRIORITY), f"{path}:{n}")
        else:
            build.add(surface, Entry("place", key, context, 0, None, PRIORITY), f"{path}:{n}")


def placed(text: str, m, cues: frozenset[str]) -> bool:
    """Whether a place match stands: a `free` form always, a `cue` form after a locative cue."""
    return m.entry.kind == "free" or cued(text, m.start, m.outer, cues)


def cued(text: str, start: int, outer: int, cues: frozenset[str]) -> bool:
    """Whether a place written at text[outer:] (name from `start`) follows a locative cue."""
    if outer < start and text[outer:start].lower() in cues:
        return True                                   # ببغداد, وبحلب: a proclitic listed as a cue
    end = outer
    while end > 0 and text[end - 1] == " ":
        end -= 1
    begin = end
    while begin > 0 and text[begin - 1].isalnum():
        begin -= 1
    return text[begin:end].lower() in cues


def agents(mentions: list) -> list:
    """The mentions that may speak or act (claims, events): every actor but places."""
    return [m for m in mentions if m.actor.kind != "location"]
