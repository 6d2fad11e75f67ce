"""Speakers by structure: the subject phrase of a reporting cue, read from its words.

A reporting verb's subject stands after it in Arabic (وقال وزير الخارجية) and before it in English
(the minister said), or after an inverted English verb ("...," said Smith). The phrase there is
read in turn as: an unnamed source (مسؤول أمني عراقي, a senior administration official: a
composed actor, country + sector), an actor mention inside it, a pronoun (the last speaker), or
a name the lexicon does not know (a new person). Nearness is never consulted here.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable, NamedTuple

from ..actors.lexicon import Actor
from ..actors.resolve import Mention
from .lexicon import PhraseGrammar, SpeakerWords

# Words (abbreviations with their dots: U.S., Mr., H.; apostrophes: O'Neill) or single marks.
WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[A-Z][a-z]{0,3}\.|[^\W\d_][\w'’\-]*|\S")
# Set by hand on the seed and the test sentences: the longest subject phrase read, in words.
PHRASE_WORDS = 6
NAME_WORDS = 4               # a name the lexicon does not know has at most this many words
CONFIDENCE = {"source": 0.8, "name": 0.75, "anaphor": 0.7}           # below a lexicon speaker (0.9)


class Phrase(NamedTuple):
    """The words of a subject phrase in the matching text: (start, end, word) (a named tuple: one is
    made for nearly every cue)."""

    words: tuple[tuple[int, int, str], ...]

    @property
    def start(self) -> int:
        """Offset of the first word."""
        return self.words[0][0]

    @property
    def end(self) -> int:
        """Offset after the last word."""
        return self.words[-1][1]


def phrase_after(t: str, pos: int, limit: int, words: SpeakerWords, skip_first: bool,
                 name_first: bool = False) -> Phrase | None:
    """The subject phrase right after a verb (Arabic VSO, English "said Smith"); name_first: its
    first word is a name though it folds to a stop word (علي, not على)."""
    out: list[tuple[int, int, str]] = []
    stops, skips = words.stops, words.skips
    for m in WORD.finditer(t, pos, limit):
        word = m.group()
        w = word.lower()
        if not w[0].isalpha() or w in stops and not (name_first and not out):
            break
        if skip_first and not out and w in skips:       # a word that opens with a letter holds no comma
            continue
        out.append((m.start(), m.end(), word))
        if len(out) == PHRASE_WORDS:
            break
    return Phrase(tuple(out)) if out else None


def phrase_before(t: str, floor: int, pos: int, words: SpeakerWords) -> Phrase | None:
    """The subject phrase right before a verb (English: the minister said, Smith also told)."""
    found = list(WORD.finditer(t, floor, pos))
    out: list[tuple[int, int, str]] = []
    skipped = False
    for m in reversed(found):
        w = m.group().lower()
        if not out and (w in words.skips or w.endswith("ly") and len(w) > 4 or skipped and w in words.timings):
            skipped = True      # (the ministry on Tuesday said: "on" opens the skipped time word)
            continue
        if not w[:1].isalpha() or w in words.stops or _lone_and(out, m.group()):
            break
        out.append((m.start(), m.end(), m.group()))
        if len(out) == PHRASE_WORDS:
            break
    return Phrase(tuple(reversed(out))) if out else None


def _lone_and(out, word: str) -> bool:
    """Whether "and" joins clauses rather than two capitalised names (Mr. King and Mr. Schultz)."""
    return word.lower() == "and" and not (out and out[-1][2][:1].isupper())


def pronoun(phrase: Phrase, words: SpeakerWords) -> str | None:
    """The number of a one-word pronoun subject (he: s, they: p), else None."""
    if len(phrase.words) != 1:
        return None
    return words.pronouns.get(phrase.words[0][2].lower())


def source_word(phrase: Phrase, words: SpeakerWords) -> tuple[int, str | None] | None:
    """(index, default sector) of the unnamed-source noun in a phrase (مصدر, official)."""
    sources, article = words.sources, words.article
    for i, (_, _, w) in enumerate(phrase.words):       # _forms inlined: two look-ups a word, no tuple
        key = w.lower()
        if key in sources:
            return i, sources[key]
        if article and key.startswith(article) and key[len(article):] in sources:
            return i, sources[key[len(article):]]
    return None


def is_title(word: str, words: SpeakerWords) -> bool:
    """Whether a word is a title noun, with or without the article (مدير, المدير)."""
    return any(form in words.titles for form in _forms(word.lower(), words.article))


def _forms(key: str, article: str) -> tuple[str, ...]:
    """A word and, when it carries the article, the word without it (الشهود: شهود)."""
    return (key, key[len(article):]) if article and key.startswith(article) else (key,)


def source_phrase(phrase: Phrase, at: int, words: SpeakerWords, covered) -> Phrase:
    """An Arabic source phrase cut after its modifiers: sector words, nisbas and actor mentions
    (مصادر محلية بمحافظة أبين | سقوط قتلى: the verb's object starts after them)."""
    keep = list(phrase.words[:at + 1])
    for w in phrase.words[at + 1:]:
        key = w[2].lower()
        if not (_sector_form(key, words) or covered(w[0], w[1]) or key.endswith(words.shape.nisba_endings)):
            break
        keep.append(w)
    return Phrase(tuple(keep))


def _sector_form(key: str, words: SpeakerWords) -> str | None:
    """The sector of a word, its feminine or plural ending removed (أمنية: MIL)."""
    for bare in _forms(key, words.article):
        for form in (bare, *(bare[:-len(e)] for e in words.shape.sector_endings if bare.endswith(e))):
            if form in words.sectors:
                return words.sectors[form]
    return None


def sector_of(phrase: Phrase, words: SpeakerWords, default: str | None) -> str | None:
    """The sector a phrase's words give an unnamed source (أمني: MIL), else the noun's own."""
    for _, _, w in phrase.words:
        sector = _sector_form(w.lower(), words)
        if sector is not None:
            return sector
    return default


def home_country(mentions: list[tuple[int, int, Mention]]) -> str | None:
    """The country a document mentions most (first on a tie; outlets left out, their country is
    not the story's): where an unplaced source speaks."""
    seen = [m.actor.country for _, _, m in mentions if m.actor.country and m.actor.kind != "media"]
    if not seen:
        return None
    counts = Counter(seen)
    return max(counts, key=lambda c: (counts[c], -seen.index(c)))


def composed_source(inside: list[Mention], sector: str | None, home: Callable[[], str | None],
                    noun: str = "source", kind: str = "other") -> Actor:
    """An unnamed source as an actor: its country (or group) and its sector (IRQ + MIL); home()
    gives the document's country, asked only when no mention inside names one."""
    group = next((m.actor for m in inside if m.actor.kind != "country" and m.actor.code), None)
    if group is not None and (sector is None or group.sector == sector):     # مصادر مقربة من حزب الله:
        return Actor(f"source:{group.key}:{noun}", kind, group.code, group.country, group.sector,
                     f"{group.name} {noun}")                               # the group's (Hezbollah sources)
    country = next((m.actor.country for m in inside if m.actor.country), None) or home()
    code = ((country or "") + (sector or "")) or None
    return Actor(f"source:{code or '-'}:{noun}", kind, code, country, sector, f"{code or ''} {noun}".strip())


def agreement(word: str, words: SpeakerWords) -> tuple[str, str]:
    """(gender, number) of a source noun, with or without the article (speakers.tsv): مصدر (m, s),
    مسؤولة (f, s), سلطات (f, p); (-, -) when the table does not say."""
    return next((words.agreement[k] for k in _forms(word.lower(), words.article) if k in words.agreement),
                ("-", "-"))


def source_noun(word: str, words: SpeakerWords) -> str:
    """The English noun naming an unnamed source's word, with or without the article (المتحدث)."""
    return next((words.names[k] for k in _forms(word.lower(), words.article) if k in words.names), "source")


def is_name(phrase: Phrase, cased: bool, article: str, given: frozenset[str], alone: bool = False,
            single: Callable[[], bool] = bool, shape: PhraseGrammar = PhraseGrammar()) -> bool:
    """Whether a phrase reads as a personal name the lexicon does not know.

    Arabic has no capitals: a known given name first (حمود المخلافي), a family name in the nisba
    form alone (الأصبحي), two or more undefined words that end the subject (كورتيس كوبر إن,
    كورتيس كوبر المتحدث ...); after نقلت ... عن, any one or two words. A definite common noun
    (الصحيفة), one undefined word (أكدت ضرورة: the verb's object) or a construct (عضو مجلس
    الإدارة) is no name. single() tells whether one undefined word may be a name (asked last).
    """
    words = [w for _, _, w in phrase.words]
    if len(words) > NAME_WORDS:
        return False
    if cased:
        return all(w[:1].isupper() or w.lower() in ("de", "van", "von", "al", "bin") for w in words)
    if alone and len(words) <= 2 or words[0] in given:
        return True
    if len(words) == 1:
        if words[0].startswith(article):
            return words[0].endswith(shape.name_nisba_endings)
        return len(words[0]) >= 3 and single()
    return not any(w.startswith(article) or w.endswith(shape.not_name_endings) or len(w) < 3 for w in words)


def new_person(key_text: str, shown: str, language: str) -> Actor:
    """A person the lexicon does not know, keyed like the actor resolver's new people."""
    return Actor(f"person:{language}:{key_text}", "person", None, None, None, shown,
                 shown if language == "ar" else None)


def name_span(phrase: Phrase, cased: bool, at_end: bool, article: str = "",
              given: frozenset[str] = frozenset(), honorifics: frozenset[str] = frozenset(),
              particles: tuple[str, ...] = (), shape: PhraseGrammar = PhraseGrammar()) -> Phrase:
    """The name inside a phrase: English, its capitalised run (at its end before a verb);
    Arabic, from its first known given name, else after its honorifics (الشيخ), up to the first
    definite word (الفريق عثمان المحرج: عثمان المحرج; كورتيس كوبر المتحدث: كورتيس كوبر)."""
    words = list(phrase.words)
    if not cased:
        return _arabic_name(words, article, given, honorifics, particles, shape)
    run = []
    for w in (reversed(words) if at_end else words):
        if not w[2][:1].isupper():
            break
        run.append(w)
    run = sorted(run)[-NAME_WORDS + 1:] if at_end else sorted(run)[:NAME_WORDS - 1]
    return Phrase(tuple(run or words))     # Research Director Raj Shah: the name's last words


def _arabic_name(words: list, article: str, given: frozenset[str], honorifics: frozenset[str],
                 particles: tuple[str, ...], shape: PhraseGrammar) -> Phrase:
    """The Arabic name in a subject phrase's words (see name_span)."""
    breakers = shape.name_breakers
    first = _name_start(words, given, honorifics)
    words = words[first:first + NAME_WORDS] or words
    k = next((i for i, w in enumerate(words) if i and w[2][:1] in breakers and w[2] not in given), len(words))
    words = words[:k]              # عمر ونظراته: a word with a conjunction ends the name
    if words and words[0][2].startswith(article):
        return Phrase(tuple(words[:1]))    # الكناني: a definite word stands alone
    k = next((i for i, w in enumerate(words) if i and w[2].startswith(article)
              and words[i - 1][2] not in particles), len(words))     # محمد عبد الله: one name
    nisba = k < len(words) and words[k][2].endswith(shape.name_nisba_endings)     # محمد الكناني: the nisba too
    return Phrase(tuple(words[:k + 1] if nisba else words[:k]))


def _name_start(words: list, given: frozenset[str], honorifics: frozenset[str]) -> int:
    """Where an Arabic name starts: at its first given name, else after the honorifics."""
    first = next((i for i, w in enumerate(words) if w[2] in given), None)
    if first is None:
        first = next((i for i, w in enumerate(words) if w[2] not in honorifics), len(words))
    return first


def mention(actor: Actor, start: int, end: int, surface: str, how: str) -> Mention:
    """A speaker mention (displayed-text offsets) for an actor read from the subject phrase."""
    return Mention(start, end, surface, actor, "role" if how == "source" else "name", CONFIDENCE[how])
