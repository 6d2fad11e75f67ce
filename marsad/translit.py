"""Romanised names: Arabic names written in Latin letters so English readers can sort and search them.

Deterministic, offline and readable rather than scholarly: each word is looked up first in
`lang/ar/translit/words.tsv` (given names and particles as English-language news spells them:
محمد Mohammed, عبد الله Abdullah, بن bin), else spelt letter by letter from `letters.tsv` with
the vowels unvocalised Arabic leaves unwritten guessed by a few rules: the article ال is `al-`;
ا is a; و and ي are u and i between consonants or at the end, w and y elsewhere; ع is a before a
consonant, silent before a vowel letter; ة and ى are a; between two consonants an a is put,
or an i right after a long a (the fa'il pattern of قاسم Qasim), never twice in a row nor right
after an initial vowel, so الشمري is al-Shamri, الأعرجي al-Araji, السوداني al-Sudani. A name with
no Arabic letter is returned as it is.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyarrow as pa

from .normalize import fold_char

log = logging.getLogger(__name__)

LANG_DIR = Path(__file__).resolve().parent / "lang"
ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
DIACRITICS = re.compile(r"[\u064b-\u065f\u0670\u0640]")       # harakat, shadda, sukun, dagger alef, tatweel
QUOTES = str.maketrans({"«": '"', "»": '"'})
ALEFS = frozenset("اأآٱ")
SEMIVOWELS = frozenset("وي")
VOWEL_LETTERS = ALEFS | frozenset("إىةؤئء")          # letters that are a vowel whatever their context
LOWER_WORDS = frozenset({"bin"})
ARTICLES = frozenset({"ال", "ٱل"})       # the article as written: إل and أل begin other words (إلينا)
SERVANT = "عبد"                            # عبد + a name: Abdul Amir (عبد الأمير), the name's article dropped


@dataclass(frozen=True)
class Scheme:
    """A language's romanisation: whole words and single letters."""

    words: dict[str, str]
    letters: dict[str, str]


def read_tsv(path: Path) -> dict[str, str]:
    """A two-column TSV (comments with #) as a dict."""
    pairs = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


@cache
def scheme(code: str = "ar") -> Scheme:
    """The romanisation data of a language, loaded once."""
    folder = LANG_DIR / code / "translit"
    words = {fold(k): v for k, v in read_tsv(folder / "words.tsv").items()}
    return Scheme(words, read_tsv(folder / "letters.tsv"))


def fold(text: str) -> str:
    """The matching form of a word (no diacritics; أ إ آ as ا, ى as ي, ة as ه)."""
    return "".join(fold_char(ch) for ch in text)


def romanize(name: str | None, code: str = "ar") -> str | None:
    """The name in Latin letters; a name without Arabic letters unchanged; None stays None."""
    if not name or not ARABIC_LETTER.search(name):
        return name
    words = DIACRITICS.sub("", name.translate(QUOTES)).split()
    table, out, i = scheme(code), [], 0
    while i < len(words):
        pair = fold(" ".join(words[i:i + 2]))
        if i + 1 < len(words) and pair in table.words:
            out.append(table.words[pair])
            i += 2
            continue
        if fold(words[i]) == SERVANT and i + 1 < len(words):
            out.append("Abdul " + word_latin(strip_article(words[i + 1]), table))
            i += 2
            continue
        out.append(word_latin(words[i], table))
        i += 1
    return " ".join(out)


def strip_article(word: str) -> str:
    """A word without its article (الأمير -> أمير)."""
    return word[2:] if word[:2] in ARTICLES and len(word) > 3 else word


def word_latin(word: str, table: Scheme) -> str:
    """One word: as listed, with its article, or spelt; Latin words and numbers kept."""
    if not ARABIC_LETTER.search(word):
        return word
    lead, core, tail = split_punctuation(word)
    key = fold(core)
    if key in table.words:
        return lead + table.words[key] + tail
    if key.startswith("عبدال") and len(key) > 6:              # عبدالكريم written as one word
        return lead + "Abdul" + word_latin(core[5:], table).lower() + tail
    if core[:2] in ARTICLES and len(core) > 3:
        return lead + "al-" + capital(table.words.get(key[2:]) or spell(core[2:], table)) + tail
    return lead + capital(spell(core, table)) + tail


def split_punctuation(word: str) -> tuple[str, str, str]:
    """Leading punctuation, the letters, trailing punctuation («"البرج"» -> '"', البرج, '"')."""
    match = re.match(r"^(\W*)(.*?)(\W*)$", word)
    return match.group(1), match.group(2), match.group(3)


def capital(text: str) -> str:
    """First letter upper-case, except particles written lower-case (bin)."""
    return text if text in LOWER_WORDS or not text else text[0].upper() + text[1:]


def spell(word: str, table: Scheme) -> str:
    """A word letter by letter, with the short vowels guessed (see the module's rules)."""
    out, inserted = [], False
    for i in range(len(word)):
        out.append(sound(word, i, table))
        vowel = between(word, i, table, inserted)
        inserted = bool(vowel)
        out.append(vowel)
    return squeeze("".join(out))


def is_consonant(word: str, i: int) -> bool:
    """Whether the letter at i is read as a consonant (و and ي by their neighbours)."""
    ch = word[i]
    if ch in VOWEL_LETTERS or ch == "ع":
        return False
    if ch in SEMIVOWELS:
        prev, nxt = word[i - 1] if i else "", word[i + 1] if i + 1 < len(word) else ""
        after_vowel = prev in ALEFS or (prev in SEMIVOWELS and not is_consonant(word, i - 1))
        return i == 0 or after_vowel or nxt in ALEFS or nxt == "ة"
    return True


def sound(word: str, i: int, table: Scheme) -> str:
    """The Latin for the letter at i in its context."""
    ch, prev, nxt = word[i], word[i - 1] if i else "", word[i + 1] if i + 1 < len(word) else ""
    if ch in SEMIVOWELS:
        return {"و": "w", "ي": "y"}[ch] if is_consonant(word, i) else {"و": "u", "ي": "i"}[ch]
    if ch == "ع":
        return "" if nxt in VOWEL_LETTERS | SEMIVOWELS else "a"
    if ch == "ء":
        return "a" if prev in ALEFS else ""          # علاء Alaa
    if ch == "ة" and prev in ALEFS:
        return ""                                    # حماة Hama
    return VOWELS.get(ch, table.letters.get(ch, ""))


VOWELS = {"ا": "a", "أ": "a", "آ": "a", "ٱ": "a", "إ": "i", "ى": "a", "ة": "a", "ؤ": "u", "ئ": "i"}


def between(word: str, i: int, table: Scheme, inserted: bool) -> str:
    """The short vowel guessed after letter i: between two consonants, not twice in a row."""
    if inserted or i + 1 >= len(word) or (i == 1 and word[0] in ALEFS | {"إ"}):
        return ""               # (after an initial vowel the syllable closes: إلياس Ilyas, أحمد Ahmad)
    if not is_consonant(word, i) or not (is_consonant(word, i + 1) or word[i + 1] == "ع"):
        return ""               # (ع after a consonant takes a vowel before it: سعد Saad)
    return "i" if i and word[i - 1] in ALEFS else "a"


def squeeze(text: str) -> str:
    """Tidy a spelling: no triple vowels, no doubled a at the start (أعرجي Araji)."""
    return re.sub(r"^aa", "a", re.sub(r"([aiu])\1\1+", r"\1\1", text))



# The names of the lake's actors, romanised in Python; the SQL models look them up by these macros.
NAMES_SQL = "select distinct name from src_doc_actors where regexp_matches(name, '[\u0621-\u064a]')"
MACROS_SQL = (
    "create or replace temp macro romanize(n) as "
    "coalesce((select name_latin from translit_names where name = n), n);"
    "create or replace temp macro arabic_or_null(n) as "
    "case when regexp_matches(n, '[\u0621-\u064a]') then n end")


def register(con) -> None:
    """Make `romanize(name)` and `arabic_or_null(name)` callable in the SQL models of a build.

    DuckDB's Python functions need numpy, which marsad does without: the Arabic names of the lake
    are romanised here once, put beside the build as an Arrow table, and a temporary macro looks
    a name up there (other names come back unchanged). `actors.name` is the romanised name,
    `actors.name_ar` keeps the Arabic (arabic_or_null gives it when the lexicon has none).
    """
    names = [row[0] for row in con.execute(NAMES_SQL).fetchall()]
    con.register("translit_names", pa.table({"name": pa.array(names, pa.string()),
                                             "name_latin": pa.array([romanize(n) for n in names], pa.string())}))
    con.execute(MACROS_SQL)
    log.info("romanised %d Arabic actor names", len(names))
