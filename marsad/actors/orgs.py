"""Organisations named by a short form that is also an ordinary word, decided by context.

A `short` alias (القاعدة "the base", الهلال "the crescent", الجزيرة "the island") names its
organisation when the article names it in full (resolve.link_surnames), or when a cue word of
the organisation's sector stands near it (`short_cues.tsv`: فريق, مدرب for clubs; مراسل, قناة
for media; عناصر, مسلحي for armed groups).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Actor, LanguageLexicon

# Words either side of a short form searched for a cue. Set by hand: news puts the cue right
# next to the name («مدرب الهلال», «مراسل الجزيرة»); a window of 3 picked up cues of other phrases
# in corpus sentences («نشرت الصحف العربية»). Only one-word short forms are confirmed by a cue
# (الشرق الأوسط is also the region after «مراسل ... في»).
WINDOW = 2
WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8)
def _pattern(forms: tuple[str, ...], clitics: tuple[str, ...]) -> re.Pattern:
    """One regex over every short form, with an optional proclitic before it."""
    names = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    pre = "|".join(sorted(map(re.escape, clitics), key=len, reverse=True))
    return re.compile(rf"(?<![\w\-])(?:{pre})?({names})(?!\w)" if pre else rf"(?<![\w\-])({names})(?!\w)")


def by_cue(text: str, lex: LanguageLexicon, actors: dict[str, Actor],
           taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, actor key) of short forms outside `taken` that a nearby cue confirms."""
    if not lex.shorts or not lex.short_cues:     # no short names, or a language without cues
        return []
    out = []
    forms = tuple(sorted(f for f in lex.shorts if " " not in f))
    for m in _pattern(forms, lex.grammar.proclitics).finditer(text):
        start, end = m.span(1)
        if any(s < end and start < e for s, e in taken):
            continue
        sectors = _cued(text, m.start(), end, lex)
        keys = [k for k in lex.shorts[m.group(1)] if actors[k].sector in sectors]
        if keys:
            out.append((start, end, keys[0]))
    return out


def _cued(text: str, start: int, end: int, lex: LanguageLexicon) -> frozenset[str]:
    """Sectors named by the cue words within WINDOW words of a span."""
    before = WORD.findall(text[max(0, start - 80):start])[-WINDOW:]
    after = WORD.findall(text[end:end + 80])[:WINDOW]
    found: frozenset[str] = frozenset()
    for word in before + after:
        found |= lex.short_cues.get(word, frozenset()) | lex.short_cues.get(_strip(word, lex), frozenset())
    return found


def _strip(word: str, lex: LanguageLexicon) -> str:
    """A word without its longest proclitic (ومدرب -> مدرب)."""
    for p in sorted(lex.grammar.proclitics, key=len, reverse=True):
        if word.startswith(p) and len(word) > len(p) + 2:
            return word[len(p):]
    return word


# Words of a new organisation's name after its head: one to this many (set by hand: party and
# company names in news are one or two words; longer runs took in the rest of the clause).
NAME_MAX = 2
QUOTED = re.compile(r"[ \t]*«([^»\n]{2,40})»")


@lru_cache(maxsize=8)
def _heads(heads: tuple[str, ...], clitics: tuple[str, ...]) -> re.Pattern:
    """One regex over the head nouns, with an optional proclitic before them."""
    names = "|".join(sorted(map(re.escape, heads), key=len, reverse=True))
    pre = "|".join(sorted(map(re.escape, clitics), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{pre})?({names})(?!\w)")


def new_organisations(text: str, lex: LanguageLexicon,
                      taken: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """(start, end, name, head) of organisations the lexicon does not know: a head noun
    (حزب, شركة) and a name after it, outside the spans already `taken`."""
    if not lex.org_heads:
        return []
    out = []
    for m in _heads(tuple(sorted(lex.org_heads)), lex.grammar.proclitics).finditer(text):
        start = m.start(1)
        span = _quoted(text, m.end()) or _name_words(text, m.end(), lex)
        if span and not any(s < span[1] and start < e for s, e in taken):
            end = span[1] + 1 if text[span[1]:span[1] + 1] == "»" else span[1]
            out.append((start, end, text[span[0]:span[1]], m.group(1)))
    return out


def _quoted(text: str, pos: int) -> tuple[int, int] | None:
    """A name in «» right after the head."""
    q = QUOTED.match(text, pos)
    return (q.start(1), q.end(1)) if q else None


def _name_words(text: str, pos: int, lex: LanguageLexicon) -> tuple[int, int] | None:
    """One to NAME_MAX words after the head that look like a name (see org_heads.tsv)."""
    first = last = None
    p = pos
    for _ in range(NAME_MAX):
        m = re.compile(r"[ \t]+([^\W\d_]{3,})").match(text, p)
        if not m or not _namelike(m.group(1), lex):
            break
        first = m.start(1) if first is None else first
        last, p = m.end(1), m.end()
    return (first, last) if first is not None else None


def _namelike(word: str, lex: LanguageLexicon) -> bool:
    """A word that may be (part of) a name: no article, not common, not a stopword or a title."""
    g = lex.grammar
    if g.article and word.startswith(g.article) or word in lex.common or word in lex.stop:
        return False
    return _strip(word, lex) not in lex.stop and word not in lex.org_heads
