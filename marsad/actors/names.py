"""People found by context: names the lexicon does not list, recognised by what surrounds them.

A name starts at a known given name, after an honorific or a verb of saying, inside a nasab
chain (X بن Y), or (in a cased script) as a run of capitalised words with a given name or next
to a verb of saying. It runs on over name-shaped words and stops at a boundary: a word of
`not_names.txt` (verbs, adverbs, particles, prepositions), a word joined by a conjunction, a
word with the article and a proclitic, a lexicon match, or the end of the line. Each language
states its cues in `lang/<code>/actors/names.toml`; this module holds no word of any language.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from importlib import resources

from ..normalize import fold
from .lexicon import LanguageLexicon
from .matcher import whole
from .people import COMMA, TOKEN, Name, _clitic_article, _key, _stopped
from .people import name_after as people_name_after

# Characters after a name that close it (it cannot run on): punctuation and the line end.
CLOSERS = frozenset("،,.:؛;()\"«»-ـ!?؟'[]\n")
# A quotation mark that may open a name after a cue.
OPENING = re.compile(r"[ \t]*[\"«]?")
# A word of not_name_words.tsv used fewer times than this in the corpus may still be a family name
# when a boundary follows it (دوران 46, باول 131); more frequent ones never (قوله 665, ردا 298).
# Set by reading the words around the cut in the generated list.
RARE_WORD = 150
WORD_SETTINGS = ("cues_before", "cues_after", "not_after_cue", "chain", "nasab", "weak_given",
                 "title_modifiers", "named_places", "kinship", "regnal", "name_titles", "construct_given",
                 "relations", "chain_given")


@dataclass(frozen=True)
class NameGrammar:
    """How one language announces a person's name (lang/<code>/actors/names.toml)."""

    cues_before: frozenset[str]
    cues_after: frozenset[str]
    not_after_cue: frozenset[str]
    chain: frozenset[str]
    nasab: frozenset[str]
    weak_given: frozenset[str]
    title_modifiers: frozenset[str]
    named_places: frozenset[str]
    kinship: frozenset[str]
    regnal: frozenset[str]
    name_titles: frozenset[str]
    construct_given: frozenset[str]
    relations: frozenset[str]
    chain_given: frozenset[str]
    conjunction: str
    given_clitics: tuple[str, ...]
    cue_clitics: tuple[str, ...]
    not_name_endings: tuple[str, ...]
    participle: tuple[str, ...]
    family_ending: str
    verb_prefixes: tuple[str, ...]
    verb_letters: tuple[str, ...]
    inflection_prefixes: tuple[str, ...]
    inflection_suffixes: tuple[tuple[str, str], ...]     # (suffix, what replaces it in the bare word)
    not_name_prefixes: tuple[str, ...]
    adjective_shape: re.Pattern
    verb_shape: re.Pattern
    max_tokens: int
    max_unknown_tokens: int
    # words the corpus almost never writes in a name, with their uses (not_name_words.tsv)
    no_name: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class NameSpan:
    """A person's name found by context, in the matching text."""

    start: int
    end: int
    text: str
    how: str        # given, cue, honorific, nasab, capitals, or surname (of a lexicon person)
    key: str | None = None    # the lexicon person a surname stands for


@dataclass
class Finder:
    """The name grammar of one language, and the answers of _name_word so far."""

    grammar: NameGrammar
    words: dict = field(default_factory=dict)


@lru_cache(maxsize=None)
def name_grammar(code: str, cased: bool) -> NameGrammar | None:
    """The packaged name grammar of a language, or None when it has none."""
    path = resources.files("marsad").joinpath("lang", code, "actors", "names.toml")
    if not path.is_file():
        return None
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    for key in WORD_SETTINGS:
        raw[key] = frozenset(fold(w).lower() if cased else fold(w) for w in raw.get(key, []))
    raw["conjunction"] = fold(raw.get("conjunction", ""))
    raw["family_ending"] = fold(raw.get("family_ending", ""))
    for key in ("verb_shape", "adjective_shape"):
        raw[key] = re.compile(fold(raw.get(key, "")) or "(?!)")
    raw["inflection_suffixes"] = tuple((fold(a), fold(b)) for a, b in raw.get("inflection_suffixes", []))
    for key in ("given_clitics", "cue_clitics", "not_name_endings", "participle", "verb_prefixes", "verb_letters",
                "not_name_prefixes", "inflection_prefixes"):
        raw[key] = tuple(fold(c) for c in raw.get(key, []))
    raw["no_name"] = _no_name_words(code, cased)
    return NameGrammar(**raw)


def _no_name_words(code: str, cased: bool) -> dict[str, int]:
    """The generated words that are almost never part of a name, with their corpus uses."""
    path = resources.files("marsad").joinpath("lang", code, "actors", "not_name_words.tsv")
    if not path.is_file():
        return {}
    rows = (ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#")
    return {fold(w).lower() if cased else fold(w): int(n) for w, n in rows}


def finder(lex: LanguageLexicon) -> Finder | None:
    """The cached finder of a language lexicon (built on first use)."""
    cached = getattr(lex, "_name_finder", None)
    if cached is None:
        grammar = name_grammar(lex.code, lex.grammar.cased)
        cached = Finder(grammar) if grammar else False
        object.__setattr__(lex, "_name_finder", cached)
    return cached or None


def _lone_surnames(lex: LanguageLexicon, g: NameGrammar) -> list[str]:
    """Lexicon surnames that name their person even where the full name is absent (نتنياهو).

    Only those of one person, that are no given name or common word, and pass the
    family-name test (with the article, the nisba ending: المالكي yes, الأسد no).
    """
    return [form for form, keys in lex.surnames.items() if len(keys) == 1 and " " not in form
            and form not in g.weak_given and not _stopped(form, lex) and _family_shaped(form, lex, g)]


def cue_forms(lex: LanguageLexicon) -> dict[str, tuple[str, int, str]]:
    """The words that start a name (given names, cues, nasab particles, lone surnames) with their
    proclitic forms: form -> (what, proclitic length, word); scan.py finds them in one pass with
    the lexicon. A cased script finds names by their capitals: none."""
    g = name_grammar(lex.code, lex.grammar.cased)
    if lex.grammar.cased or g is None:
        return {}
    items = [(w, "given", g.given_clitics) for w in lex.given_names]
    items += [(w, "cue", g.cue_clitics) for w in g.cues_before | g.relations]
    items += [(w, "nasab", ()) for w in g.nasab]
    items += [(w, "surname", lex.grammar.proclitics) for w in _lone_surnames(lex, g)]
    forms: dict[str, tuple[str, int, str]] = {}
    for word, what, clitics in items:
        for form, clitic in [(word, 0)] + [(c + word, len(c)) for c in clitics]:
            old = forms.get(form)
            if old is None or old[1] > clitic:
                forms[form] = (what, clitic, word)
    return forms


def find_names(text: str, original: str, lex: LanguageLexicon, busy: bytearray,
               cue_ends: list[int], hits: list[tuple]) -> list[NameSpan]:
    """Names by context in `text` (the matching form); `busy` marks characters already taken.

    `cue_ends` are offsets right after words that announce a name found by the caller
    (honorifics): a name may start there. `hits` are the words of `cue_forms` found in the text
    (scan.py): (start, end, what, proclitic length, word), by end.
    """
    f = finder(lex)
    if f is None:
        return []
    if lex.grammar.cased:
        return _capitalised(text, original, lex, f.grammar, busy)
    found: list[NameSpan] = []
    for pos in sorted(cue_ends):
        _keep(found, busy, _after_cue(text, pos, lex, f.grammar, busy, "honorific"), text, f.grammar)
    for start, last, what, clitic, word in hits:
        if what == "surname":
            _keep(found, busy, _lone_surname(text, start, clitic, last, word, lex, f.grammar, busy))
        elif busy.find(1, start + clitic, last) < 0:       # _at_hit's first test, without the calls
            _keep(found, busy, _at_hit(text, start + clitic, last, what, lex, f.grammar, busy), text, f.grammar)
    return sorted(found, key=attrgetter("start"))


def _lone_surname(text: str, start: int, clitic: int, end: int, word: str, lex: LanguageLexicon,
                  g: NameGrammar, busy: bytearray) -> NameSpan:
    """A lexicon person's surname standing alone; a first name right before it (no proclitic on
    the surname) names the person in full and the span covers it (سارة نتنياهو)."""
    key = lex.surnames[word][0]
    before = None if clitic else _previous_token(text, start)
    if before is None or not _first_before_surname(before, lex, g, busy):
        return NameSpan(start + clitic, end, word, "surname", key)
    return NameSpan(before.start(1), end, text[before.start(1):end], "surname", key)


def _first_before_surname(before: re.Match, lex: LanguageLexicon, g: NameGrammar, busy: bytearray) -> bool:
    """Whether the word before a lone surname is a first name: a given name that is no common word,
    or a particle of one (فان); an unknown word is too often a verb or a noun (سيرأس، مستشارو)."""
    word = before.group(1)
    if busy.find(1, before.start(1), before.end(1)) >= 0 or _stopped(word, lex):
        return False
    return word in g.chain or word in lex.given_names and word not in g.weak_given


def coordinated_names(text: str, ends: list[int], lex: LanguageLexicon, busy: bytearray) -> list[NameSpan]:
    """Names joined by the conjunction to a person's name ending at one of `ends` (شارون وبلير);
    a name so found may lead to the next (X وY وZ)."""
    f = finder(lex)
    if f is None or lex.grammar.cased or not f.grammar.conjunction:
        return []
    found: list[NameSpan] = []
    queue = sorted(ends)
    while queue:
        name = _joined(text, queue.pop(0), lex, f.grammar, busy)
        if name is not None and not busy[name.start]:
            _keep(found, busy, name, text, f.grammar)
            queue.append(name.end)
    return found


def _joined(text: str, pos: int, lex: LanguageLexicon, g: NameGrammar, busy: bytearray) -> NameSpan | None:
    """The name right after `pos` that starts with the conjunction: an unknown one must be closed
    and hold no word the corpus uses as a word (given names are found by the automaton)."""
    m = TOKEN.match(text, pos)
    if m is None or busy[m.start(1)] or not m.group(1).startswith(g.conjunction) or len(m.group(1)) < 4:
        return None
    tokens = _walk(text, m.start(1) + len(g.conjunction), lex, g, busy, g.max_unknown_tokens, after_cue=True)
    if not tokens:
        return None
    first = tokens[0].group(1)
    if first in lex.given_names or first in g.not_after_cue or _no_name(first, lex, g) \
            or _verb_shaped(first, lex) or _common(tokens, lex, g):
        return None
    return _span(text, tokens, "coordinated") if _closed(text, tokens[-1].end(1), lex, busy) else None


def _names_a_place(text: str, start: int, g: NameGrammar) -> bool:
    """Whether one of the two words before a name makes it the name of a place or body
    (مستشفى الملك خالد، جامعة الأميرة نورة، دوري عبداللطيف جميل)."""
    words = text[max(0, start - 40):start].split()[-2:]
    return any(w in g.named_places or w[1:] in g.named_places for w in words)    # بمسجد


def regnal(form: str, lex: LanguageLexicon) -> bool:
    """Whether a word is a regnal ordinal (الثاني): the end of a name, never a surname."""
    f = finder(lex)
    return f is not None and _key(form, lex) in f.grammar.regnal


def distinctive_given(word: str, lex: LanguageLexicon) -> bool:
    """Whether a given name can stand alone for the person named in full with it: no common word
    (علي is على), no chain particle (أبو), none the corpus uses as a word."""
    f = finder(lex)
    g = f.grammar if f is not None else None
    return g is not None and word in lex.given_names and word not in g.weak_given and word not in g.chain \
        and word not in g.no_name


def distinctive_surname(form: str, lex: LanguageLexicon) -> bool:
    """Whether a surname can stand alone for a person named without a title.

    With the article it must have the family-name ending (القرضاوي): a common noun (المسجد)
    read as the end of a name would otherwise be linked wherever it recurs.
    """
    f = finder(lex)
    if f is None:
        return False
    word = _key(form, lex)
    if word in f.grammar.regnal:     # محمد السادس: an ordinal names no one
        return False
    if word in lex.given_names:      # احمد سليم حمدان ... حمدان: a given name is a surname too
        return word not in f.grammar.weak_given and word not in f.grammar.no_name
    return _family_shaped(word, lex, f.grammar) and not _is_nisba(word, lex)   # المصري stays the country's


def _family_shaped(word: str, lex: LanguageLexicon, g: NameGrammar) -> bool:
    """Whether a word can be a family name standing alone (no given name, no pronoun ending)."""
    if word in lex.given_names or word.endswith(g.not_name_endings or "\0"):
        return False
    article = lex.grammar.article
    return not (article and word.startswith(article)) or word.endswith(g.family_ending or "\0")


def title_end(text: str, start: int, end: int, lex: LanguageLexicon) -> int:
    """Where the name starts in a lexicon person's alias that opens with a title (الملك محمد
    السادس): after the title and its blank; `start` when it opens with none."""
    f = finder(lex)
    m = TOKEN.match(text, start, end)
    if f is None or m is None or m.end(1) >= end or m.group(1) not in f.grammar.name_titles:
        return start
    return TOKEN.match(text, m.end(1), end).start(1)


def nisba_cue(text: str, start: int, outer: int, lex: LanguageLexicon, honorific: set[int],
              taken: bytearray) -> bool:
    """Whether a definite nisba stands for a person whose name follows (فاز الروسي فلان).

    Not when it qualifies an actor's noun before it (الجيش الفرنسي, `taken`): the word before has
    no article, is an honorific (اللاعب البرتغالي فلان) or names no actor (المهاجم الانكليزي فلان).
    """
    article = lex.grammar.article
    if not article or not text.startswith(article, start):
        return False
    before = _previous_token(text, outer)
    return before is None or not before.group(1).startswith(article) or before.end(1) in honorific \
        or not taken[before.start(1)]


def _keep(found: list[NameSpan], busy: bytearray, name: NameSpan | None, text: str = "",
          g: NameGrammar | None = None) -> None:
    """Add a name when it overlaps nothing taken and names no place or body, and mark it taken."""
    if name is None or busy[name.start] or g is not None and _names_a_place(text, name.start, g):
        return
    busy[name.start:name.end] = b"\1" * (name.end - name.start)
    found.append(name)


def _at_hit(text: str, start: int, end: int, what: str, lex: LanguageLexicon, g: NameGrammar,
            busy: bytearray) -> NameSpan | None:
    """The name a cue, a given name or a nasab particle starts."""
    if busy.find(1, start, end) >= 0:     # busy holds 0 and 1 only; find scans without a copy
        return None
    if what == "cue":
        return _after_cue(text, end, lex, g, busy, "cue")
    if what == "nasab":
        return _nasab(text, start, end, lex, g, busy)
    word = text[start:end]
    left = text.rfind(" ", max(0, start - 6), start - 1) + 1
    if left and text[left:start - 1] in g.chain and busy.find(1, left, start) < 0:
        start = left                     # ابو عبد الله, بن خالد: the particle belongs to the name
    elif not _name_word(word, lex, g, first=True) and _lone_particle(text, start, word, lex, g):
        return None                      # على: what _walk would refuse first, without it (most hits)
    tokens = _walk(text, start, lex, g, busy, g.max_tokens)
    if not tokens:
        return None
    if len(tokens) < 2 or word in g.weak_given and not _vouched(tokens, lex, g):
        return None
    return _span(text, tokens, "given")


def _lone_particle(text: str, start: int, word: str, lex: LanguageLexicon, g: NameGrammar) -> bool:
    """Whether the word at `start` (a given name that is no name word first: spelled like a
    particle) is refused as a name's first word: no name word follows it (_particle_given)."""
    m = TOKEN.match(text, start)
    return m is not None and m.group(1) == word and not _particle_given(m, lex, g)


def _after_cue(text: str, pos: int, lex: LanguageLexicon, g: NameGrammar, busy: bytearray,
               how: str) -> NameSpan | None:
    """A name right after a cue word: a given name, or unknown words closed by a boundary."""
    pos = OPENING.match(text, pos).end()          # وقال "فلان فلان" نائب ...
    tokens = _walk(text, pos, lex, g, busy, g.max_tokens, after_cue=True)
    if not tokens:
        return None
    first = tokens[0].group(1)
    if first in lex.given_names:
        return _span(text, tokens, how)
    if _verb_shaped(first, lex) or _inflected(first, lex, g):
        return None                        # والكمبودي يتفوق، الألماني لمناخ: a verb or a noun, no name
    tokens = _trim_common(tokens, lex, g)
    if first in g.not_after_cue or _no_name(first, lex, g) or len(tokens) > g.max_unknown_tokens \
            or _common(tokens, lex, g):
        return None
    return _span(text, tokens, how) if _closed(text, tokens[-1].end(1), lex, busy) else None


def said_before(text: str, start: int, lex: LanguageLexicon) -> bool:
    """Whether a verb of saying (names.toml cues_before, with its conjunction) stands right
    before offset `start`: the word there is its subject (وقالت البعثة)."""
    f = finder(lex)
    if f is None or start < 2 or text[start - 1] != " ":
        return False
    word = text[max(text.rfind(" ", 0, start - 1), text.rfind("\n", 0, start - 1)) + 1:start - 1]
    return word in f.grammar.cues_before or any(
        word.startswith(c) and word[len(c):] in f.grammar.cues_before for c in f.grammar.cue_clitics)


def _nasab(text: str, start: int, end: int, lex: LanguageLexicon, g: NameGrammar,
           busy: bytearray) -> NameSpan | None:
    """X بن Y: the word before a nasab particle starts a name when a name word follows it."""
    before = _previous_token(text, start)
    if before is None or busy.find(1, before.start(1), before.end(1)) >= 0:
        return None
    if before.group(1) in g.chain_given:       # سعيد بن محمد: a given name that is also a common word
        tokens = [before, *_walk(text, before.end(), lex, g, busy, g.max_tokens + 1)]
    elif _name_word(before.group(1), lex, g, first=True):
        tokens = _walk(text, before.start(1), lex, g, busy, g.max_tokens + 2)
    else:
        return None
    return _span(text, tokens, "nasab") if len(tokens) >= 3 else None


WORD_BEFORE = re.compile(r"([^\W\d_][\w'\-]*)[ \t]+$")


def _previous_token(text: str, start: int) -> re.Match | None:
    """The word right before offset `start` on the same line: WORD_BEFORE searched in the 40
    characters before it, from the last blank before that word on (the engine tried every offset)."""
    low = max(0, start - 40)
    end = start - 1 if start > low and text[start - 1] == "\n" else start     # $ matches before a last \n
    while end > low and text[end - 1] in " \t":
        end -= 1
    first = max(text.rfind(" ", low, end), text.rfind("\t", low, end)) + 1   # no match starts before it
    return WORD_BEFORE.search(text, max(first, low), start)


def _walk(text: str, pos: int, lex: LanguageLexicon, g: NameGrammar, busy: bytearray,
          limit: int, after_cue: bool = False, apposed: bool = False, titled: bool = False) -> list[re.Match]:
    """The name words from `pos`: chain particles join, the article ends a name after one word.

    An apposed name (set off by a comma) may start with what looks like the article (إلينا).
    After a cue or a title (`titled`) a weak given name may take a nisba family name.
    Chain particles carry a name over what the lexicon knows (حمدان بن محمد بن راشد آل مكتوم).
    """
    tokens: list[re.Match] = []
    ended, unknown, words, previous = False, 0, 0, None
    while words < limit:
        m = TOKEN.match(text, pos)
        if not m:          # TOKEN skips only blanks and tabs: a line break stops it by itself
            break
        word = m.group(1)
        bound = bool(tokens) and (previous in g.chain or word in g.chain)
        if _refused(m, bound, ended, busy, lex, g, first=not tokens and not apposed, cue=after_cue):
            _take_nisba(tokens, m, ended, lex, g, (after_cue, titled))
            break
        if tokens and not bound and _unknown(tokens, word, lex, g):
            unknown += 1
            if _too_unknown(word, unknown, lex, g) or _runs_on(text, tokens, m, lex, g, busy):
                break      # two unknown words at most, the second a family name: سهير رمزي بمشاركة
        ended = bool(tokens) and not bound and (_ends_name(previous, word, lex) or word in g.regnal)
        tokens.append(m)
        previous = word
        words += word not in g.chain      # particles do not count: آل مكتوم, بن جبر go on
        pos = m.end()
    return _trim_chain(tokens, g)


def _take_nisba(tokens: list[re.Match], m: re.Match, ended: bool, lex: LanguageLexicon, g: NameGrammar,
                cued: tuple[bool, bool] = (False, False)) -> None:
    """Add the refused word at m to a name that has not ended when it is its nisba family name
    (`cued`: whether a cue, and whether a title, came before the name)."""
    if not ended and _nisba_surname(tokens, m, lex, g, any(cued)):
        tokens.append(m)


def _nisba_surname(tokens: list[re.Match], m: re.Match, lex: LanguageLexicon, g: NameGrammar,
                   after_cue: bool = False) -> bool:
    """Whether a nisba with the article is the family name of the one- or two-word name before it
    that starts with a given name (فيصل الجامايكي، أبو حمزة المصري), on the same line; not after a
    given name that is also a common word (على التايلاندي), unless a title or cue before it shows
    it is a name (اللواء منصور التركي: a person, not Turkey)."""
    first = tokens[0].group(1) if tokens else None
    weak = first in g.weak_given and not (after_cue and not _stopped(first, lex))
    if first is None or len(tokens) > 2 or weak or not (first in lex.given_names or first in g.chain):
        return False
    word, article = m.group(1), lex.grammar.article
    if not article or not word.startswith(article) or not word.endswith(g.family_ending or "\0") \
            or "\n" in m.string[tokens[-1].end(1):m.start(1)]:
        return False
    return _is_nisba(word, lex)


def _is_nisba(word: str, lex: LanguageLexicon) -> bool:
    """Whether a word is a lexicon nisba as a whole (remembered with the name-word answers)."""
    known = finder(lex).words
    answer = known.get((word, "nisba"))
    if answer is None:
        answer = known[word, "nisba"] = any(hit.entry.kind == "nisba" for hit in whole(word, lex))
    return answer


def _unknown(tokens: list[re.Match], word: str, lex: LanguageLexicon, g: NameGrammar) -> bool:
    """Whether a word after the first of a name is no given name nor a regnal ordinal."""
    return word not in lex.given_names and not _regnal(tokens, word, lex, g)


def _regnal(tokens: list[re.Match], word: str, lex: LanguageLexicon, g: NameGrammar) -> bool:
    """Whether a word is a regnal ordinal right after a lone given name (محمد الخامس)."""
    return word in g.regnal and len(tokens) == 1 and tokens[0].group(1) in lex.given_names


def _runs_on(text: str, tokens: list[re.Match], m: re.Match, lex: LanguageLexicon, g: NameGrammar,
             busy: bytearray) -> bool:
    """Whether a name that starts with a given name would run on into a word the corpus almost
    never writes in a name (محمد فاضل الدور, مبارك تناولت التعاون, ابو عبد الله يسمع)."""
    word, first = m.group(1), tokens[0].group(1)
    if not _no_name(word, lex, g):
        return False
    known = first in lex.given_names or first in g.chain
    if not known and len(tokens) < 2:
        return False      # كواليس السياسة: one unknown word before a frequent one is no name (rejected whole)
    if len(word) <= VERB_LETTERS and word.startswith(g.verb_letters or "\0"):
        return True       # مدحت صالح يغني: a verb ends the name whatever follows it
    return (known or g.no_name[word] >= RARE_WORD) and not _last_surname(text, m, lex, busy)


# Longest imperfect verb without a suffix (يستفعل): a longer word opening with a verb letter is
# read as a foreign name (تساكالوتوس), never as a verb.
VERB_LETTERS = 6


def _trim_common(tokens: list[re.Match], lex: LanguageLexicon, g: NameGrammar) -> list[re.Match]:
    """An unknown name without its last words when they are frequent words almost never in a name
    (الإسباني فلان فلان المصنف ثانيا: the name ends before المصنف, which closes it); two words stay
    (one unknown word before a frequent one is too often a noun: كواليس السياسة)."""
    while len(tokens) > 2 and _common(tokens[-1:], lex, g):
        tokens = tokens[:-1]
    return tokens


def _common(tokens: list[re.Match], lex: LanguageLexicon, g: NameGrammar) -> bool:
    """Whether an unknown name holds a frequent word that is almost never a name (الوزير دخول الشركة)."""
    return any(g.no_name.get(t.group(1), 0) >= RARE_WORD and t.group(1) not in lex.surnames for t in tokens)


def _no_name(word: str, lex: LanguageLexicon, g: NameGrammar) -> bool:
    """Whether a word is one the corpus almost never writes after a given name (no lexicon surname)."""
    return word in g.no_name and word not in lex.surnames


def _last_surname(text: str, m: re.Match, lex: LanguageLexicon, busy: bytearray) -> bool:
    """Whether a word the corpus rarely writes in names is still this name's last: a title or an
    actor follows, or it is less common and a boundary follows (ماكسيم دوران قال; not عباس قوله إن)."""
    nxt = TOKEN.match(text, m.end(1))
    if nxt is not None and busy[nxt.start(1)] and "\n" not in text[m.end(1):nxt.start(1)] \
            and not _adjective_after(nxt.group(1), lex):
        return True           # a title or an actor follows: أحمد التوفيق وزير الشؤون ...
    return finder(lex).grammar.no_name[m.group(1)] < RARE_WORD and _closed(text, m.end(1), lex, busy, common=False)


def _adjective_after(word: str, lex: LanguageLexicon) -> bool:
    """Whether an actor word after a frequent word is its adjective (الموقف الأمريكي: a definite
    nisba), not a title set after a name."""
    g, article = finder(lex).grammar, lex.grammar.article
    return bool(article) and word.startswith(article) and word.endswith(g.family_ending or "\0")


def _trim_chain(tokens: list[re.Match], g: NameGrammar) -> list[re.Match]:
    """A name does not end with a chain particle (بن, آل)."""
    while tokens and tokens[-1].group(1) in g.chain:
        tokens.pop()
    return tokens


def _refused(m: re.Match, bound: bool, ended: bool, busy: bytearray, lex: LanguageLexicon, g: NameGrammar,
             first: bool, cue: bool) -> bool:
    """Whether the word at m cannot go on the name: after a chain particle only a kinship noun
    (ابن خالة فلان) stops it; otherwise a word taken, after the name ended, or no name word."""
    word = m.group(1)
    if bound:
        return word in g.kinship
    return busy.find(1, m.start(1), m.end(1)) >= 0 or ended or not (
        _name_word(word, lex, g, first=first, cue=cue) or _particle_given(m, lex, g, middle=not first))


def _particle_given(m: re.Match, lex: LanguageLexicon, g: NameGrammar, middle: bool = False) -> bool:
    """Whether a given name spelled like a particle (علي, folded على) starts or goes on with a name:
    the next word is a chain particle, a given name, or a family name (علي بن موسى، علي الأحمدي);
    inside a name (`middle`) any given name (صالح علي حسن)."""
    if m.group(1) not in lex.given_names:
        return False
    nxt = TOKEN.match(m.string, m.end())
    if nxt is None or "\n" in m.string[m.end():nxt.start(1)]:
        return False
    return _vouching(nxt.group(1), lex, g) or middle and nxt.group(1) in lex.given_names


def _vouching(word: str, lex: LanguageLexicon, g: NameGrammar) -> bool:
    """Whether a word after a weak given name shows it is a name: a chain particle, a given name
    that is no common word, or a family name with the article (الأحمدي, not المستوى)."""
    if word in g.chain or word in lex.given_names and word not in g.weak_given:
        return True
    article = lex.grammar.article or "\0"
    return word.startswith(article) and word.endswith(g.family_ending or "\0") and word not in g.no_name \
        and not _stopped(word, lex)


def _too_unknown(word: str, unknown: int, lex: LanguageLexicon, g: NameGrammar) -> bool:
    """Whether an unknown word ends the name: one too many, a verb's shape, or a second one
    without the article that the corpus uses as a word (a rare one is a foreign name: فيليب دوست بلازي)."""
    return unknown > g.max_unknown_tokens - 1 or bool(g.verb_shape.match(word)) or _inflected(word, lex, g) \
        or unknown > 1 and not word.startswith(lex.grammar.article or "\0") and word in g.no_name


# Shortest stem of an inflected word that _inflected looks up: shorter stems collide with names
# (كامل is ك + امل "hope", سعيد is س + عيد). Set by reading the names of the corpus so cut.
STEM_AFTER_PREFIX, STEM_BEFORE_SUFFIX = 4, 3


def _inflected(word: str, lex: LanguageLexicon, g: NameGrammar) -> bool:
    """Whether a word is one the corpus almost never writes in a name with a proclitic before it or
    a suffix after it (بمجهود، سيقرر، حلمه، جيشا، مستشارو for مستشارون): it ends a name as the bare
    word would (remembered with the name-word answers)."""
    known = finder(lex).words
    answer = known.get((word, "inflected"))
    if answer is None:
        answer = known[word, "inflected"] = _inflected_now(word, lex, g)
    return answer


def _inflected_now(word: str, lex: LanguageLexicon, g: NameGrammar) -> bool:
    """_inflected, computed."""
    for prefix in g.inflection_prefixes:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= STEM_AFTER_PREFIX and _no_name(rest, lex, g):
            return True
    return any(word.endswith(suffix) and len(word) - len(suffix) >= STEM_BEFORE_SUFFIX
               and _no_name(word[:-len(suffix)] + bare, lex, g) for suffix, bare in g.inflection_suffixes)


def _ends_name(previous: str, word: str, lex: LanguageLexicon) -> bool:
    """A word with the article after a name word ends the name (صلاح الدين, a given name, goes on)."""
    return word.startswith(lex.grammar.article or "\0") and f"{previous} {word}" not in lex.given_names


def _name_word(word: str, lex: LanguageLexicon, g: NameGrammar, first: bool, cue: bool = False) -> bool:
    """Whether a word can be part of a name at this place (remembered per language: a word's
    answer depends on the word and `first` only, and the same words come back in every article)."""
    known = finder(lex).words
    answer = known.get((word, first))
    if answer is None:
        if len(known) >= WORDS_KEPT:
            known.clear()
        answer = known[word, first] = _name_word_now(word, lex, g, first)
    return answer


# Answers of _name_word kept per language before the table is emptied (set to bound the memory of
# a long run: the first 1,000 corpus articles ask about some 20,000 words).
WORDS_KEPT = 200_000


def _name_word_now(word: str, lex: LanguageLexicon, g: NameGrammar, first: bool) -> bool:
    """Whether a word can be part of a name at this place."""
    if len(word) < 2 or _stopped(word, lex):
        return False
    if word in lex.given_names or word in g.chain:
        return True                    # فاليري is no ف + ال + يري
    if _no_name_shape(word, lex, g):
        return False
    if not first and word.startswith(lex.grammar.article or "\0") and g.adjective_shape.search(word):
        return False                   # كلية الملك فهد الأمنية: a feminine adjective, no family name
    if first:
        article = lex.grammar.article
        return not (article and word.startswith(article)) and not word.endswith(lex.grammar.pronoun_suffixes)
    return True


def _no_name_shape(word: str, lex: LanguageLexicon, g: NameGrammar) -> bool:
    """A word whose shape says it is no name: a clitic and the article, a conjunction in front
    (وأحمد: a second person), a non-name ending or prefix, an adverbial participle."""
    return bool(_clitic_article(word, lex) or (g.conjunction and word.startswith(g.conjunction))
                or word.endswith(g.not_name_endings) or _adverbial(word, g)
                or word.startswith(g.not_name_prefixes))


def _adverbial(word: str, g: NameGrammar) -> bool:
    """Whether a word has the shape of an adverbial participle (مؤكدا, موضحا): no name word."""
    return bool(g.participle) and len(word) >= 5 and word.startswith(g.participle[0]) \
        and word.endswith(g.participle[1])


def _vouched(tokens: list[re.Match], lex: LanguageLexicon, g: NameGrammar) -> bool:
    """Whether a weak given name (also a common word) is followed by a word that shows it is a name."""
    return _vouching(tokens[1].group(1), lex, g) or _definite_family(tokens[0].group(1), tokens[1].group(1), lex, g)


def _definite_family(first: str, word: str, lex: LanguageLexicon, g: NameGrammar, titled: bool = False) -> bool:
    """Whether a definite word is the family name of the weak given name before it (ماجد المحرج,
    whatever its ending): a word the corpus writes after given names (not in not_name_words.tsv),
    no feminine adjective; not after a given name that heads constructs (حسن الجوار), nor (unless
    `titled`) after one spelled like a particle."""
    article = lex.grammar.article
    return bool(article) and word.startswith(article) and len(word) > len(article) + 2 \
        and first not in g.construct_given and (titled or not _stopped(first, lex)) and word not in g.no_name \
        and not _stopped(word, lex) and not g.adjective_shape.search(word)


def _particle_after_title(text: str, pos: int, lex: LanguageLexicon, g: NameGrammar) -> list[re.Match]:
    """A given name spelled like a particle and its definite family name right after a title
    (السفير علي الصادق): after a title the preposition is followed by a frequent word (حصل الوزير
    على الدعم), which not_name_words.tsv lists."""
    m = TOKEN.match(text, pos)
    if m is None or m.group(1) not in lex.given_names or not _stopped(m.group(1), lex):
        return []
    nxt = TOKEN.match(text, m.end())
    if nxt is None or "\n" in text[m.end():nxt.start(1)] or not _definite_family(m.group(1), nxt.group(1), lex, g, True):
        return []
    return [m, nxt]


def _chain_given_after_title(text: str, pos: int, lex: LanguageLexicon, g: NameGrammar,
                             busy: _Starts) -> list[re.Match]:
    """A given name that is also a common word or a verb (names.toml chain_given) right after a
    title, when a chain particle follows it (الرئيس أشرف عبد الغني, الدكتور مساعد بن محمد)."""
    m = TOKEN.match(text, pos)
    if m is None or m.group(1) not in g.chain_given:
        return []
    rest = _walk(text, m.end(), lex, g, busy, g.max_tokens - 1)
    return [m, *rest] if rest and rest[0].group(1) in g.chain and len(rest) > 1 else []


def _closed(text: str, end: int, lex: LanguageLexicon, busy: bytearray, common: bool = True) -> bool:
    """Whether what follows offset `end` ends a name: punctuation, line end, a boundary word, a match,
    or (`common`) a word the corpus almost never writes in a name."""
    m = TOKEN.match(text, end)
    rest = text[end:end + 3].lstrip(" \t")
    if not rest or rest[0] in CLOSERS or m is None or "\n" in text[end:m.start(1)]:
        return True
    word = m.group(1)
    g = finder(lex).grammar
    return _stopped(word, lex) or bool(busy[m.start(1)]) or _verb_shaped(word, lex) or bool(g.verb_shape.match(word)) \
        or _conjoined(word, lex, g) or common and (_no_name(word, lex, g) or _inflected(word, lex, g))


def _conjoined(word: str, lex: LanguageLexicon, g: NameGrammar) -> bool:
    """Whether a word is the conjunction and a name (وجيورجيوس, وخالد): a second person starts
    there (X Y وZ W), so the name before it ends; not the conjunction and a common word (وتقديرنا)."""
    if not g.conjunction or not word.startswith(g.conjunction) or len(word) <= len(g.conjunction) + 2:
        return False
    rest = word[len(g.conjunction):]
    if rest in lex.given_names:
        return rest not in g.weak_given
    return rest not in lex.common and not _no_name(rest, lex, g) and _name_word(rest, lex, g, first=True) \
        and not _verb_shaped(rest, lex)


def _verb_shaped(word: str, lex: LanguageLexicon) -> bool:
    """Whether a word after a name looks like an imperfect verb (يتحدث، تعلن)."""
    f = finder(lex)
    return len(word) >= 4 and word not in lex.given_names and word.startswith(f.grammar.verb_prefixes or "\0")


def _span(text: str, tokens: list[re.Match], how: str) -> NameSpan | None:
    """The NameSpan covering the tokens."""
    if not tokens:
        return None
    start, end = tokens[0].start(1), tokens[-1].end(1)
    return NameSpan(start, end, text[start:end], how)


@lru_cache(maxsize=None)
def _capitals_of(g: NameGrammar) -> re.Pattern:
    """The cached capitalised-run pattern of a grammar."""
    return _capitals(g)


def _capitals(g: NameGrammar) -> re.Pattern:
    """Runs of capitalised words, with the grammar's lower-case particles inside (bin, van der)."""
    particles = "|".join(sorted(map(re.escape, g.chain), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![\w\-])[A-Z][\w'\-]*(?:[ \t]+(?:[A-Z][\w'\-]*|(?:{particles})(?=[ \t-])))*")



def _capitalised(text: str, original: str, lex: LanguageLexicon, g: NameGrammar,
                 busy: bytearray) -> list[NameSpan]:
    """Runs of capitalised words that start with a given name, or stand next to a verb of saying."""
    found: list[NameSpan] = []
    for run in _capitals_of(g).finditer(original):
        words = [(m.start(1), m.end(1)) for m in TOKEN.finditer(text, run.start(), run.end())]
        while words and _key(text[words[0][0]:words[0][1]], lex) in lex.stop:
            words.pop(0)                 # "But", "The": sentence-initial words are no names
        while words and text[words[-1][0]:words[-1][1]].lower() in g.chain:
            words.pop()
        if not words or any(_stopped(_key(text[a:b], lex), lex) for a, b in words):
            continue
        start, end = words[0][0], words[-1][1]
        first = _key(text[start:words[0][1]], lex)
        said = _cue_around(text, start, end, g)
        if (first in lex.given_names and len(words) >= 2) or (said and len(words) <= g.max_unknown_tokens):
            _keep(found, busy, NameSpan(start, end, text[start:end], "capitals"))
    return found


def _cue_around(text: str, start: int, end: int, g: NameGrammar) -> bool:
    """Whether a verb of saying follows the name, or a cue phrase comes right before it."""
    after = TOKEN.match(text, end)
    if after and after.group(1).lower() in g.cues_after and text[end:after.start(1)].strip(" ,") == "":
        return True
    head = text[max(0, start - 20):start].lower().rstrip()
    return any(head.endswith(c) for c in g.cues_before)


def name_after(text: str, original: str, pos: int, lex: LanguageLexicon, starts: set[int]) -> Name | None:
    """The name that follows a title ending at `pos`; stops at the same boundaries as context names.

    Skips a comma, modifiers of the title (السابق) and a short genitive complement before a
    given name (وزير المعادن أحمد ...). A cased script keeps the capitalised-run reading.
    """
    f = finder(lex)
    if f is None or lex.grammar.cased:
        return people_name_after(text, original, pos, lex, starts)
    g, busy = f.grammar, _Starts(starts)
    comma = COMMA.match(text, pos)
    pos = _skip_modifiers(text, comma.end() if comma else pos, g)
    tokens = _walk(text, pos, lex, g, busy, g.max_tokens, apposed=bool(comma), titled=True) \
        or _particle_after_title(text, pos, lex, g) \
        or _chain_given_after_title(text, pos, lex, g, busy)
    if not comma and (not tokens or tokens[0].group(1) not in lex.given_names):
        tokens = _given_after_complement(text, pos, lex, g, busy) or tokens
    if not tokens:
        return None
    known = tokens[0].group(1) in lex.given_names or tokens[0].group(1) in g.chain_given
    closed = _closed(text, tokens[-1].end(1), lex, busy)
    apposed = bool(comma) and closed        # set off by commas: سفيرة ...، إلينا رومانوسكي،
    if not known and not _unknown_name_ok(tokens, closed, apposed, lex, g):
        return None
    start, end = tokens[0].start(1), tokens[-1].end(1)
    return Name(start, end, text[start:end], known, apposed, closed)


def _unknown_name_ok(tokens: list[re.Match], closed: bool, apposed: bool, lex: LanguageLexicon,
                     g: NameGrammar) -> bool:
    """Whether words with no given name first make a name after a title: few, closed, and (unless
    set off by commas) no frequent word that is almost never a name."""
    return len(tokens) <= g.max_unknown_tokens and closed and (apposed or not _common(tokens, lex, g))


class _Starts:
    """The match starts as the `busy` marks of _walk and _closed, without a bytearray the length
    of the text for each title (quadratic in the length of the document)."""

    def __init__(self, starts: set[int]):
        self.starts = starts

    def __getitem__(self, i: int) -> int:
        return int(i in self.starts)

    def find(self, _value: int, start: int, end: int) -> int:
        """The first marked offset in [start, end), or -1 (names are a few words long)."""
        if self.starts.isdisjoint(range(start, end)):
            return -1
        return next(i for i in range(start, end) if i in self.starts)


def modifiers_end(text: str, pos: int, lex: LanguageLexicon) -> int:
    """Offset after the title modifiers (السابق، الحالي) right after `pos`; `pos` when none follows."""
    f = finder(lex)
    return pos if f is None else _skip_modifiers(text, pos, f.grammar)


def _skip_modifiers(text: str, pos: int, g: NameGrammar) -> int:
    """Offset after the title modifiers (السابق، الركن) that follow `pos`."""
    m = TOKEN.match(text, pos)
    while m and m.group(1) in g.title_modifiers:
        pos = m.end()
        m = TOKEN.match(text, pos)
    return pos


def _given_after_complement(text: str, pos: int, lex: LanguageLexicon, g: NameGrammar,
                            busy: bytearray) -> list[re.Match]:
    """A name after one or two article words (وزير المعادن أحمد): a given name, or two closed words."""
    article = lex.grammar.article
    for _ in range(2):
        m = TOKEN.match(text, pos)
        if not m or not article or not m.group(1).startswith(article) or _stopped(m.group(1), lex):
            return []
        pos = _skip_modifiers(text, m.end(), g)
        tokens = _walk(text, pos, lex, g, busy, g.max_tokens)
        if tokens and (tokens[0].group(1) in lex.given_names or len(tokens) <= g.max_unknown_tokens - 1
                       and _closed(text, tokens[-1].end(1), lex, busy)):
            return tokens             # وزير الطاقة السابق فلان فلان الذي ...
    return []
