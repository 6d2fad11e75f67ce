"""Organisations by context: short forms that are also ordinary words, and unknown names.

A `short` alias (القاعدة "the base", الهلال "the crescent", الجزيرة "the island") names its
organisation when the article names it in full, or when a cue word of the organisation's sector
stands near it (`short_cues.tsv`: فريق, مدرب for clubs; مراسل, قناة for media; عناصر, مسلحي for
armed groups). A head noun and an unknown name (حزب X, شركة «X»; `org_heads.tsv`) make a new
organisation, whose name alone counts again later in the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from importlib import resources

from ..normalize import fold
from .bounds import occurrences
from .lexicon import Actor, LanguageLexicon

# Words either side of a short form searched for a cue. Set by hand: news puts the cue right
# next to the name («مدرب الهلال», «مراسل الجزيرة»); a window of 3 picked up cues of other phrases
# in corpus sentences («نشرت الصحف العربية»). Only one-word short forms are confirmed by a cue
# (الشرق الأوسط is also the region after «مراسل ... في»).
WINDOW = 2
WORD = re.compile(r"[^\W\d_]+")


def _outer(text: str, at: int, clitics: tuple[str, ...]) -> int | None:
    """Where the word holding a form at `at` starts, when only a proclitic precedes the form."""
    if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "-"):
        return at
    for c in clitics:
        s = at - len(c)
        if s >= 0 and text[s:at] == c and (s == 0 or not text[s - 1].isalnum()):
            return s
    return None


def busy(length: int, taken: list[tuple[int, int]]) -> bytearray:
    """A mask of the characters inside the spans already taken."""
    mask = bytearray(length + 1)
    for s, e in taken:
        mask[s:e] = b"\1" * (e - s)
    return mask


def short_names(text: str, lex: LanguageLexicon, actors: dict[str, Actor], taken: list[tuple[int, int]],
                named: dict, new: dict[str, str], near=None, hits=()) -> list[tuple[int, int, str]]:
    """(start, end, actor key) of short forms outside `taken`: of an organisation the article
    names in full (`named`), or, for one-word forms, confirmed by a nearby cue or a nearby
    organisation of the same sector (`near()`: (offset, sector), sorted); and the names of new
    organisations (`new`: name -> key) said again without their head. `hits` are the lexicon's
    short forms in the text (scan.py: (outer start, start, end, form))."""
    out, mask, sectors = [], None, None
    for outer, start, end, form in _both(text, lex, tuple(sorted(new)), hits):
        mask = mask or busy(len(text), taken)
        if any(mask[start:end]):
            continue
        keys = [new[form]] if form in new else [k for k in lex.shorts.get(form, ()) if k in named]
        if not keys and " " not in form and lex.short_cues:
            keys = _by_sector(lex.shorts.get(form, ()), actors, _cued(text, outer, end, lex))
            if not keys and near is not None:
                sectors = near() if sectors is None else sectors
                keys = _by_sector(lex.shorts.get(form, ()), actors, _sectors_near(sectors, outer, end, text))
        if keys:
            out.append((start, end, keys[0]))
            mask[start:end] = b"\1" * (end - start)
    return out


def _by_sector(keys: tuple[str, ...], actors: dict[str, Actor], sectors: frozenset[str]) -> list[str]:
    """The keys whose organisation is of one of the sectors."""
    return [k for k in keys if actors[k].sector in sectors] if sectors else []


def _both(text: str, lex: LanguageLexicon, new: tuple[str, ...], hits):
    """Occurrences of the lexicon's short forms (`hits`) and of this article's new names."""
    yield from hits
    starts = _apart(text, new)
    for name in new:
        for at in starts.get(name, ()):
            end = at + len(name)
            outer = _outer(text, at, lex.grammar.proclitics)
            if outer is not None and not (end < len(text) and text[end].isalnum()):
                yield outer, at, end, name


def _apart(text: str, names: tuple[str, ...]) -> dict[str, list[int]]:
    """The starts of each name's occurrences, each after the one before it ends (as str.find
    from the end of the last finds them); one pass for many names (bounds.occurrences)."""
    found: dict[str, list[int]] = {}
    for at, end, name in sorted(occurrences(text, {name: name for name in names})):
        starts = found.setdefault(name, [])
        if not starts or at >= starts[-1] + len(name):
            starts.append(at)
    return found


def _cued(text: str, start: int, end: int, lex: LanguageLexicon) -> frozenset[str]:
    """Sectors named by the cue words within WINDOW words of a span."""
    before = WORD.findall(text[max(0, start - 80):start])[-WINDOW:]
    after = WORD.findall(text[end:end + 80])[:WINDOW]
    found: frozenset[str] = frozenset()
    for word in before + after:
        found |= lex.short_cues.get(word, frozenset()) | lex.short_cues.get(_strip(word, lex), frozenset())
    return found


# Characters either side of a short form within which an organisation found by its full name
# confirms the short form's sector (تشلسي ... أمام ليفربول: two clubs in one clause). Set by hand:
# about six words; the same line only.
NEAR = 40


def _sectors_near(near: list[tuple[int, str]], start: int, end: int, text: str) -> frozenset[str]:
    """Sectors of the organisations found within NEAR characters of a span, on the same line."""
    if not near:
        return frozenset()
    i, out = bisect_left(near, (start - NEAR, "")), set()
    while i < len(near) and near[i][0] <= end + NEAR:
        at = near[i][0]
        if "\n" not in text[min(at, start):max(at, end)]:
            out.add(near[i][1])
        i += 1
    return frozenset(out)


@lru_cache(maxsize=8)
def _longest_first(clitics: tuple[str, ...]) -> tuple[str, ...]:
    """Proclitics, longest first."""
    return tuple(sorted(clitics, key=len, reverse=True))


def _strip(word: str, lex: LanguageLexicon) -> str:
    """A word without its longest proclitic (ومدرب -> مدرب)."""
    for p in _longest_first(lex.grammar.proclitics):
        if word.startswith(p) and len(word) > len(p) + 2:
            return word[len(p):]
    return word


# Words of a new organisation's name after its head: one to this many (set by hand: party and
# company names in news are one or two words; longer runs took in the rest of the clause). A name
# that starts with a word of org_name_words.txt («كتيبة شهداء أبو سليم») may take one word more.
NAME_MAX = 2
NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]{3,})")
QUOTED = re.compile(r"[ \t]*([«(\"“])([^»)\"”\n]{2,40})([»)\"”])")
CLOSERS = frozenset("»)\"”")
PAIRS = {"«": "»", "(": ")", '"': '"', "“": "”"}


def new_organisations(text: str, lex: LanguageLexicon, parts, hits) -> list[tuple[int, int, str, str]]:
    """(start, end, name, head) of organisations the lexicon does not know: a head noun
    (حزب, شركة; `hits`, found by scan.py) and a name after it. `parts()` gives, once a head is
    seen, the spans already taken, which no name may overlap, and the places found
    (start -> end), which may be the name or end it (جامعة حلوان, ثوار بنغازي)."""
    if not lex.org_heads:
        return []
    out = []
    mask = places = None
    for _, start, head_end, head in hits:
        if places is None:
            taken, places = parts()
            mask = busy(len(text), taken)
        _, _, part, quoted_only = lex.org_heads[head]
        quoted = _quoted(text, head_end)
        span = quoted or (None if quoted_only else _unquoted(text, head_end, lex, places, part, head))
        if span and not any(mask[start:span[1]]):
            end = _closed(text, span[1]) if quoted else span[1]
            out.append((start, end, text[start if span[0] < 0 else span[0]:span[1]], head))
    out.sort()
    return out


def _closed(text: str, end: int) -> int:
    """The end of a name with its closing quotation mark, blanks before it allowed («X », " X ")."""
    at = end
    while at < len(text) and text[at] in " \t":
        at += 1
    return at + 1 if at < len(text) and text[at] in CLOSERS else end


def _unquoted(text: str, pos: int, lex: LanguageLexicon, places: dict[int, int],
              part: bool, head: str = "") -> tuple[int, int] | None:
    """The name words after a head; a place may be the name only after a head that is part of the
    name (جامعة حلوان, but قناة السويس is a canal and موقع is also a site)."""
    span = _name_words(text, pos, lex, places if part else {})
    if span and not part and any(at in places for at in range(*span)):     # the span's offsets, not every place
        return None
    if span is None and part and head in definite_heads(lex.code):
        return _definite(text, pos, lex)
    return span


def definite_heads(code: str) -> frozenset[str]:
    """The heads whose organisation a definite complement names (lang/<code>/actors/org_definite.txt)."""
    return word_list(code, "org_definite.txt")


@lru_cache(maxsize=None)
def word_list(code: str, name: str) -> frozenset[str]:
    """The folded words of a packaged list, lang/<code>/actors/<name> (none when it is absent)."""
    path = resources.files("marsad").joinpath("lang", code, "actors", name)
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(ln.strip()) for ln in lines if ln.strip() and not ln.startswith("#"))


def portfolio_end(text: str, pos: int, lex: LanguageLexicon, matched) -> int | None:
    """Where the portfolio after a title ending at `pos` ends (وزير التعليم العالي: after العالي): a
    word with the article after at most one construct noun, then up to ADJECTIVES words with the
    article (or و and the article) that start no lexicon match (`matched(offset)`: الصحة اليمني
    keeps اليمني for the qualifier); None when no portfolio follows."""
    return _definite_phrase(text, pos, lex, matched, lambda word, at: not matched(at))


def _definite_phrase(text: str, pos: int, lex: LanguageLexicon, matched, more) -> int | None:
    """End of a definite phrase after `pos`: a word with the article, after at most one noun in the
    construct state, then up to ADJECTIVES words with the article (or و and the article) that
    `more(word, offset)` accepts; None when none follows or `matched(offset)` (a lexicon match)
    takes its first word (portfolio_end and _definite)."""
    g = lex.grammar
    m = NEXT_WORD.match(text, pos)
    if m and not m.group(1).startswith(g.article) and m.group(1) in lex.common and not matched(m.start(1)):
        m = NEXT_WORD.match(text, m.end())            # وزير شؤون المرأة, حقوق الانسان: a construct noun
    if not m or matched(m.start(1)) or not _definite_word(m.group(1), lex):
        return None
    end = m.end(1)
    for _ in range(ADJECTIVES):
        nxt = NEXT_WORD.match(text, end)
        word = nxt.group(1) if nxt else ""
        if word.startswith(g.coordinator) and _definite_word(word[len(g.coordinator):], lex):
            word = word[len(g.coordinator):]          # المجلس الاقتصادي والاجتماعي: a second adjective
        if not _definite_word(word, lex) or not more(word, nxt.start(1)):
            break
        end = nxt.end(1)
    return end


def _definite(text: str, pos: int, lex: LanguageLexicon) -> tuple[int, int] | None:
    """(-1, end) of a definite complement after a head that is part of the name: a word with the
    article, after at most one noun in the construct state, and up to ADJECTIVES nisba adjectives
    (منظمة الصحة العالمية, منظمة حقوق المرأة الدولية, ائتلاف الأحرار). -1: the name is the whole
    phrase with its head (its complement alone is a common noun, never the name again)."""
    end = _definite_phrase(text, pos, lex, lambda at: False, lambda word, at: word.endswith(lex.grammar.nisba_adjective_endings))
    return None if end is None else (-1, end)


def _definite_word(word: str, lex: LanguageLexicon) -> bool:
    """A word with the article that may be part of a name (no stopword, no head of its own)."""
    g = lex.grammar
    return bool(g.article) and word.startswith(g.article) and len(word) > len(g.article) + 1 \
        and word not in lex.stop and word[len(g.article):] not in lex.org_heads


def _quoted(text: str, pos: int) -> tuple[int, int] | None:
    """A name in «», () or "" right after the head."""
    q = QUOTED.match(text, pos)
    if not q or PAIRS[q.group(1)] != q.group(3) or not q.group(2).strip():
        return None
    inner = q.group(2)
    return q.start(2) + len(inner) - len(inner.lstrip()), q.end(2) - len(inner) + len(inner.rstrip())


def _name_words(text: str, pos: int, lex: LanguageLexicon, places: dict[int, int]) -> tuple[int, int] | None:
    """One to NAME_MAX words after the head that look like a name (see org_heads.tsv); a place
    (`places`: start -> end) ends the name."""
    first = last = None
    p, limit = pos, NAME_MAX
    group = False
    while limit > 0:
        m = NEXT_WORD.match(text, p)
        if not m:
            break
        if m.start(1) in places:                      # a place ends the name: ثوار بنغازي
            return (m.start(1) if first is None else first), places[m.start(1)]
        end = _name_word(text, m, lex, group)
        if not end:
            break
        if first is None:
            first, group = m.start(1), m.group(1) in lex.org_words
            limit += group
        last = p = end
        limit -= 1
    return (first, _purpose(text, last, lex)) if first is not None else None


def _purpose(text: str, end: int, lex: LanguageLexicon) -> int:
    """The end of a name with what it does after ل and the article (نور للاتصالات, كنان للتطوير
    العقاري: a word and one nisba adjective), or `end` when none follows."""
    g = lex.grammar
    m = NEXT_WORD.match(text, end)
    if not m or not m.group(1).startswith(g.purpose_prefixes):
        return end
    adj = NEXT_WORD.match(text, m.end())
    if adj and adj.group(1).startswith(g.article) and adj.group(1).endswith(g.nisba_adjective_endings) and adj.group(1) not in lex.stop:
        return adj.end(1)
    return m.end(1)


def _name_word(text: str, m: re.Match, lex: LanguageLexicon, group: bool) -> int:
    """Where the name's word matched by m ends (after a kunya pair: أبو سليم); 0 when it is none."""
    word, g = m.group(1), lex.grammar
    if word in lex.org_words or _namelike(word, lex):
        return m.end(1)
    if group and g.article and word.startswith(g.article) and word not in lex.stop:
        return m.end(1)                               # after a group word: أنصار الشريعة
    if word in g.surname_particles:                   # a kunya or nasab pair is a name
        nxt = NEXT_WORD.match(text, m.end())
        if nxt and nxt.group(1) not in lex.stop:
            return nxt.end(1)
    return 0


def _namelike(word: str, lex: LanguageLexicon) -> bool:
    """A word that may be (part of) a name: no article, not common, not a stopword or a title."""
    g = lex.grammar
    if g.article and word.startswith(g.article) or word in lex.common or word in lex.stop:
        return False
    if any(word.startswith(c) for c in g.article_contractions.values()):
        return False                                  # للعيون: ل and the article
    bare = _strip(word, lex)                          # لاقتحام, وخطوة, بالخوف: a proclitic on a word
    if bare != word and (g.article and bare.startswith(g.article) or bare in lex.common):
        return False
    return bare not in lex.stop and word not in lex.org_heads


def country_after(text: str, end: int, nisbas: dict[int, str], lex: LanguageLexicon) -> str | None:
    """The country of a nisba after offset end, past up to ADJECTIVES adjectives with the
    article (حزب ميرتس اليساري الاسرائيلي)."""
    p = end
    for _ in range(ADJECTIVES + 1):
        m = NEXT_WORD.match(text, p)
        if not m:
            return None
        if m.start(1) in nisbas:
            return nisbas[m.start(1)]
        if not m.group(1).startswith(lex.grammar.article):
            return None
        p = m.end()
    return None


# Adjectives skipped between a name and the nisba giving its country (set by hand: news writes
# one or two, «اليساري», «المعارض»; further on the nisba often qualifies another noun).
ADJECTIVES = 2


def name_proper(text: str, start: int, end: int, lex: LanguageLexicon, nisba_at) -> tuple[int, int] | None:
    """The name inside an organisation's phrase: without a head set `apart` (صحيفة «X»),
    its quotation marks, and a trailing country nisba (حزب الله اللبناني); None when the
    phrase is the name."""
    s, e = start, end
    head = _head_at(text, s, e, lex, text[e - 1] in CLOSERS)
    if head:
        s += len(head)
        while s < e and (text[s] in " \t" or text[s] in PAIRS):
            s += 1
        while e > s and (text[e - 1] in CLOSERS or text[e - 1] in " \t"):
            e -= 1
    cut = text.rfind(" ", s, e)
    if cut > s and nisba_at(cut + 1, e):
        e = cut
    return (s, e) if (s, e) != (start, end) and e - s >= 2 and text[s:e].strip() == text[s:e] else None


def _head_at(text: str, s: int, e: int, lex: LanguageLexicon, quoted: bool = False) -> str | None:
    """The head noun set `apart` from the name that the phrase text[s:e] starts with (any head
    before a quoted name: the quotation marks set the name apart, مؤسسة «فيتش»)."""
    word = text[s:text.find(" ", s, e) if " " in text[s:e] else e]
    info = lex.org_heads.get(word)
    return word if info is not None and (quoted or not info[2]) and len(word) < e - s else None


def linked(text: str, start: int, end: int, lex: LanguageLexicon) -> tuple[int, int] | None:
    """(end of the name proper, start of the linked actor) when a link word of org_links.txt
    stands inside text[start:end] (التحالف العربي بقيادة السعودية)."""
    if not lex.org_links or not any(word in text[start:end] for word in lex.org_links):
        return None
    for m in NEXT_WORD.finditer(text, start, end):
        if m.group(1) in lex.org_links and m.end() < end:
            return m.start(), m.end() + 1
    return None


def head_anaphors(text: str, nisbas: dict[int, str], lex: LanguageLexicon):
    """(start, end, head, country) of a head noun with the article right before a country's nisba
    (الشركة الروسية): the last organisation of that head's kind and country, named again."""
    g = lex.grammar
    for at, country in nisbas.items():
        if at < 2 or text[at - 1] != " ":
            continue
        begin = text.rfind(" ", 0, at - 1) + 1
        word = text[begin:at].strip()
        if word.startswith(g.article) and word[len(g.article):] in lex.org_heads and text[begin + len(word):at].strip() == "":
            yield begin, _word_end(text, at), word[len(g.article):], country


def _word_end(text: str, at: int) -> int:
    """Where the word starting at `at` ends."""
    m = WORD.match(text, at)
    return m.end() if m else at
