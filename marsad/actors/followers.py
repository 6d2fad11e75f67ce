"""A person's forces: a word of followers and a person (قوات صالح, فلول الرئيس المخلوع ...).

The words are per language (followers.txt, found in the one pass of scan.py; epithets.txt). The
resolver (resolve.py) names the person first, by the surname the lexicon lists for one person
only, then the forces.
"""

from __future__ import annotations

from collections.abc import Iterator

from .lexicon import Actor, LanguageLexicon
from .people import TOKEN

ARMED = frozenset({"REB", "INS", "SEP", "UAF", "IMG"})    # a leader's own armed sector passes to the forces


def person_starts(text: str, end: int, lex: LanguageLexicon) -> Iterator[tuple[int, str]]:
    """(offset, word) of the words after a word of followers where the person may start: the
    first, and each after a title or epithet (قوات الرئيس المخلوع علي ...), on the same line."""
    tok = TOKEN.match(text, end)
    while tok is not None:
        yield tok.start(1), tok.group(1)
        if tok.group(1) not in lex.epithets:
            return
        tok = TOKEN.match(text, tok.end())


def forces_of(person: Actor) -> Actor:
    """The armed group of a person's forces: the person's country, its own armed sector or MIL."""
    sector = person.sector if person.sector in ARMED else "MIL"
    return Actor(f"forces:{person.key}", "armed_group", (person.country or "") + sector, person.country, sector,
                 f"{person.name} forces", None)
