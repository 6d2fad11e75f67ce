"""People: names after titles, surnames and repeated titles that refer back to a named person."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .bounds import occurrences
from .lexicon import LanguageLexicon
from .matcher import Match, longest_first

# A word: letters, apostrophes and hyphens inside (Jean-Marc, al-Assad), never a hyphen at its end
# (a byline's «عوض الفهمي- سبق-»: the name is عوض الفهمي).
TOKEN = re.compile(r"[ \t]*([^\W\d_](?:[\w']|-(?=\w))*)")
COMMA = re.compile(r"[ \t]*[،,][ \t]*")
# Lower-case words allowed inside a capitalised name (Mohammed bin Salman, Ursula von der Leyen).
PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "van", "von", "der", "al-", "el-"})


@dataclass(frozen=True)
class Name:
    """An unknown person's name found after a title."""

    start: int
    end: int
    text: str
    known_first: bool     # first token (or two) is a known given name
    apposition: bool      # set off by commas
    closed: bool          # ends at punctuation and its first word has no article or pronoun


def name_after(text: str, original: str, pos: int, lex: LanguageLexicon,
               starts: set[int]) -> Name | None:
    """The name that follows a title ending at `pos`, if the next words look like one."""
    comma = COMMA.match(text, pos)
    p = comma.end() if comma else pos
    tokens = []
    while len(tokens) < lex.grammar.name_max_tokens:
        m = TOKEN.match(text, p)
        bound = bool(tokens) and _key(tokens[-1].group(1), lex) in lex.grammar.surname_particles
        if not m or not (bound or _name_token(m, original, lex, starts, first=not tokens)):
            break
        tokens.append(m)
        p = m.end()
    tokens = _trim_particles(tokens, lex)
    if not tokens:
        return None
    words = [_key(t.group(1), lex) for t in tokens]
    known = words[0] in lex.given_names or " ".join(words[:2]) in lex.given_names
    after = text[p:p + 2].lstrip()[:1]
    closed = after in ("،", ",", ".", ")", "")
    name = Name(tokens[0].start(1), tokens[-1].end(1), text[tokens[0].start(1):tokens[-1].end(1)],
                known, bool(comma) and closed, closed and _name_shaped(words, lex))
    return name if _plausible(name, len(tokens), lex) else None


def _name_token(m: re.Match, original: str, lex: LanguageLexicon, starts: set[int], first: bool) -> bool:
    """Whether a token can continue a name."""
    word = m.group(1)
    if m.start(1) in starts or len(word) < 2 or _stopped(_key(word, lex), lex) or _clitic_article(word, lex):
        return False
    if lex.grammar.capitalized_names:
        shown = original[m.start(1):m.end(1)]
        return shown[:1].isupper() or (not first and word.lower() in PARTICLES)
    return True


def _clitic_article(word: str, lex: LanguageLexicon) -> bool:
    """Whether a word starts with a proclitic and the article (والممثله, للشرق): not a name."""
    heads = _cached(lex).heads
    return bool(heads) and word.startswith(heads) and any(
        word.startswith(h) and len(word) > len(h) + 1 for h in heads)


def _stopped(word: str, lex: LanguageLexicon) -> bool:
    """Whether a word (or the word after a proclitic: وقال) ends a name."""
    return word in _cached(lex).stopped


@dataclass(frozen=True)
class _Forms:
    """Word sets derived once per language lexicon."""

    stopped: frozenset[str]     # stop words, alone and with each proclitic
    heads: tuple[str, ...]      # proclitic + article (وال, بال, لل ...)
    clitics: tuple[str, ...]    # what may come before a surname: proclitics, or al- in English


def _cached(lex: LanguageLexicon) -> _Forms:
    """The derived word sets of a lexicon, built on first use and kept on it."""
    forms = lex.__dict__.get("_people_forms")
    if forms is None:
        g = lex.grammar
        # a proclitic and a stop word may spell a given name (ف + راس = فراس): the name wins
        stopped = set(lex.stop) | ({p + w for p in g.proclitics for w in lex.stop} - lex.given_names)
        heads = [p + g.article for p in g.proclitics] + list(g.article_contractions.values()) if g.article else []
        clitics = tuple(g.proclitics) or ("al-", "el-")
        forms = lex.__dict__["_people_forms"] = _Forms(frozenset(stopped), tuple(heads), clitics)
    return forms


def _trim_particles(tokens: list, lex: LanguageLexicon) -> list:
    """Drop trailing particles: a name does not end with 'bin' or بن."""
    while tokens and (tokens[-1].group(1).lower() in PARTICLES
                      or _key(tokens[-1].group(1), lex) in lex.grammar.surname_particles):
        tokens.pop()
    return tokens


def _plausible(name: Name, n: int, lex: LanguageLexicon) -> bool:
    """A name needs a known given name, or capitals, or enough words set off by commas."""
    if lex.grammar.capitalized_names or name.known_first:
        return True
    return n >= lex.grammar.name_min_tokens and (name.apposition or name.closed)


def _name_shaped(words: list[str], lex: LanguageLexicon) -> bool:
    """Whether an unknown first word can start a name: no article, no attached pronoun."""
    first, g = words[0], lex.grammar
    return not (g.article and first.startswith(g.article)) and not first.endswith(g.pronoun_suffixes)


def _key(word: str, lex: LanguageLexicon) -> str:
    """Lookup form of a word."""
    return word.lower() if lex.grammar.cased else word


def surname_of(name: str, lex: LanguageLexicon) -> list[str]:
    """The written forms of a person's surname (last word; English also without al-)."""
    parts = name.split()
    if len(parts) < 2:
        return []
    last = parts[-1]
    if len(parts) >= 3 and _key(parts[-2], lex) in lex.grammar.surname_particles:
        last = " ".join(parts[-2:])      # عبد السلام, آل جابر, أبو الغيط
    forms = [last]
    for prefix in lex.grammar.surname_prefixes:
        if last.lower().startswith(prefix) and len(last) > len(prefix) + 2:
            forms.append(last[len(prefix):])
    return [f for f in forms if len(f) >= 3 and _key(f, lex) not in lex.stop]


def find_surnames(text: str, forms: dict[str, str], lex: LanguageLexicon) -> list[tuple[int, int, str]]:
    """(start, end, actor key) of every occurrence of the given surname forms in text.

    A form may carry a proclitic (وقال الأعرجي: و) or, in English, al-/el- before it. Plain
    string search per form: compiling one pattern per document cost more than the search.
    """
    clitics, n = _cached(lex).clitics, len(text)
    found = [(i, j, key) for i, j, key in occurrences(text, forms)      # _wordy inlined: a call per occurrence
             if (j == n or not (text[j].isalnum() or text[j] == "_")) and _word_start(text, i, clitics)]
    return longest_first(found)


def _wordy(ch: str) -> bool:
    """Whether a character continues a word (regular-expression \\w)."""
    return ch.isalnum() or ch == "_"


def _word_start(text: str, i: int, clitics: tuple[str, ...]) -> bool:
    """Whether offset i starts a word, possibly after a proclitic that starts one."""
    if i == 0 or not (_wordy(text[i - 1]) or text[i - 1] == "-"):
        return True
    return any(text.startswith(c, i - len(c)) and (i == len(c) or not (_wordy(text[i - len(c) - 1])
               or text[i - len(c) - 1] == "-")) for c in clitics)


def honorific_surnames(text: str, matches: list[Match], lex: LanguageLexicon) -> list[tuple[int, int, str]]:
    """Known people named by an honorific and a lexicon surname (السيد السوداني)."""
    out = []
    for m in matches:
        if m.what != "honorific":
            continue
        tok = TOKEN.match(text, m.end)
        if not tok:
            continue
        keys = lex.surnames.get(tok.group(1), ())
        if len(keys) == 1:
            out.append((tok.start(1), tok.end(1), keys[0]))
    return out
