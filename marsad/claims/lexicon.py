"""Claim lexicons: reporting cues, channels and the words that introduce quoted names.

Files live in `marsad/lang/<code>/claims/` (formats in `marsad/lexicon/README.md`); they are
validated on load and read once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
import re
import tomllib

import ahocorasick

from ..actors.bounds import blanked
from ..actors.grammar import Grammar
from ..actors.lexicon import Builder, Entry, rows, words
from ..errors import LexiconError
from ..normalize import fold

FORMS = frozenset({"verb", "participle", "noun", "phrase"})
SPEAKER_WORDS = frozenset({"source", "group", "title", "anaphor", "complement", "sector", "stop", "skip", "relay", "pronoun",
                           "determiner", "affiliation", "timing"})
GENDERS, NUMBERS = frozenset("mf-"), frozenset("sdp-")     # a speaker noun's agreement (speakers.tsv)
CHANNELS = frozenset({"statement", "social_media", "press_conference", "interview"})


@dataclass(frozen=True)
class Cue:
    """A reporting word: its verb, form, and the gender and number it agrees with."""

    key: str
    form: str
    gender: str | None
    number: str | None
    continues: bool


@dataclass(frozen=True)
class PhraseGrammar:
    """Endings and proclitics that shape a speaker phrase and the that-word that opens a claim's
    clause (`claims/grammar.toml`; none when absent)."""

    sector_endings: tuple[str, ...] = ()
    nisba_endings: tuple[str, ...] = ()
    not_name_endings: tuple[str, ...] = ()
    name_breakers: tuple[str, ...] = ()
    name_nisba_endings: tuple[str, ...] = ()    # a family name in the nisba form (الكناني)
    feminine_endings: tuple[str, ...] = ()      # a feminine head noun (وزارة, الحكومة)
    plural_endings: tuple[str, ...] = ()        # a plural subject (الحوثيون)
    that_words: tuple[str, ...] = ()            # the complementiser that opens a claim's clause (أن, إن)
    that_proclitics: tuple[str, ...] = ()       # written onto it (بأن, فإن, وأن)
    that_pronouns: tuple[str, ...] = ()         # attached to it (أنه, إنها)

    @cached_property
    def that(self) -> re.Pattern:
        """A that-word as a whole word, with its proclitic and pronoun; one never matching without."""
        if not self.that_words:
            return NEVER
        return re.compile(r"(?<!\w)" + _either(self.that_proclitics, "?") + _either(self.that_words, "")
                          + _either(self.that_pronouns, "?") + r"(?!\w)")

    @classmethod
    def load(cls, path: Path) -> "PhraseGrammar":
        """Read a claims grammar.toml, naming the file when a key is unknown or not a word list."""
        if not path.is_file():
            return cls()
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
            if bad := [k for k, v in raw.items() if not isinstance(v, list) or not all(isinstance(w, str) for w in v)]:
                raise TypeError(f"{', '.join(bad)} must be lists of strings")
            return cls(**{k: tuple(fold(w) for w in v) for k, v in raw.items()})
        except (tomllib.TOMLDecodeError, TypeError) as err:
            raise LexiconError(f"{path}: {err}") from None


NEVER = re.compile(r"(?!)")


def _either(forms: tuple[str, ...], optional: str) -> str:
    """A non-capturing group of the forms (escaped), optional when asked; empty when none."""
    return "(?:" + "|".join(map(re.escape, forms)) + ")" + optional if forms else ""


@dataclass(frozen=True)
class SpeakerWords:
    """Words that shape a speaker phrase, by what they do (see speakers.tsv)."""

    sources: dict[str, str | None]
    sectors: dict[str, str]
    stops: frozenset[str]
    skips: frozenset[str]
    relays: frozenset[str]
    pronouns: dict[str, str]
    groups: frozenset[str] = frozenset()
    names: dict[str, str] = field(default_factory=dict)     # source noun -> English name (officials)
    titles: frozenset[str] = frozenset()                    # sources only when no name follows (وزير)
    anaphors: dict[str, frozenset[str]] = field(default_factory=dict)   # the network -> {media}
    complements: frozenset[str] = frozenset()               # أشار إلى: the content follows إلى
    article: str = ""                                       # the grammar's article, stripped on look-up
    determiners: frozenset[str] = frozenset()               # open a subject kept as words (the, an, several)
    affiliations: frozenset[str] = frozenset()              # tie a source to a body (مصدر في الوزارة, باسم)
    timings: frozenset[str] = frozenset()                   # open a skipped time word (on Tuesday, last night)
    agreement: dict[str, tuple[str, str]] = field(default_factory=dict)   # noun -> (gender, number)
    shape: PhraseGrammar = field(default_factory=PhraseGrammar)   # claims/grammar.toml



@dataclass
class ClaimLexicon:
    """Cue and channel matchers of one language."""

    code: str
    grammar: Grammar
    automaton: ahocorasick.Automaton     # form -> (length, what, proclitic length, Cue or channel)
    cues: dict[str, Cue]
    channels: dict[str, str]
    name_words: frozenset[str]
    speakers: SpeakerWords
    given_names: frozenset[str] = frozenset()       # the actor lexicon's, for names read by structure
    honorifics: frozenset[str] = frozenset()        # the actor lexicon's (الشيخ), skipped before a name
    bounded: ahocorasick.Automaton | None = None    # the automaton's forms for the blanked text (_bounded)

    @cached_property
    def before_names(self) -> frozenset[str]:
        """Words skipped before a name read by structure: honorifics and title nouns (مدير شركة X)."""
        return self.honorifics | self.speakers.titles


def load_claims(folder: Path, grammar: Grammar) -> ClaimLexicon:
    """The claim lexicon of one language folder (`lang/<code>/claims`)."""
    build, cues, channels = Builder(grammar), {}, {}
    for n, (surface, key, form, gender, number, cont) in rows(folder / "cues.tsv", 6):
        where = f"{folder / 'cues.tsv'}:{n}"
        if form not in FORMS or gender not in ("m", "f", "-") or number not in ("s", "d", "p", "-") \
                or cont not in ("yes", "no"):
            raise LexiconError(f"{where}: form must be verb/participle/noun/phrase, gender m/f/-, "
                               "number s/d/p/-, continues yes/no")
        cues[build.key(surface)] = Cue(key, form, None if gender == "-" else gender,
                                       None if number == "-" else number, cont == "yes")
        build.add(surface, Entry("cue", build.key(surface), form, 0, None, 0), where)
    for n, (surface, channel) in rows(folder / "channels.tsv", 2):
        where = f"{folder / 'channels.tsv'}:{n}"
        if channel not in CHANNELS:
            raise LexiconError(f"{where}: unknown channel {channel!r} (one of {', '.join(sorted(CHANNELS))})")
        channels[build.key(surface)] = channel
        build.add(surface, Entry("channel", build.key(surface), channel, 0, None, 0), where)
    for word in words(folder / "not_cues.txt"):
        build.add(word, Entry("block", word, "block", 0, None, 0), str(folder / "not_cues.txt"))
    names = frozenset(build.key(w) for w in words(folder / "not_claims.txt"))
    compact = _compact(build.automaton(), cues)
    return ClaimLexicon(folder.parent.name, grammar, compact, cues, channels, names,
                        load_speakers(folder / "speakers.tsv", grammar.article if not grammar.cased else ""),
                        frozenset(build.key(w) for w in words(folder.parent / "actors" / "given_names.txt")),
                        frozenset(build.key(w) for w in words(folder.parent / "actors" / "honorifics.txt")),
                        _bounded(compact, grammar))


def _compact(auto: ahocorasick.Automaton, cues: dict[str, Cue]) -> ahocorasick.Automaton:
    """The automaton again, each form giving (length, what, proclitic length, its Cue or channel):
    read per match without attribute look-ups (cue matching is the claim stage's hottest loop)."""
    out = ahocorasick.Automaton()
    for form, (length, entry) in auto.items():
        out.add_word(form, (length, entry.what, entry.clitic, cues[entry.target] if entry.what == "cue" else entry.kind))
    out.make_automaton()
    return out


# A cue ending in a preposition written onto the next word (وفقا لـ: وفقا للوزارة): no boundary after it.
ATTACHED = " ل"


def _bounded(compact: ahocorasick.Automaton, grammar: Grammar) -> ahocorasick.Automaton | None:
    """The forms for the blanked text of actors/bounds.py, so that a cue is reported only on word
    boundaries (two thirds of the hits on the raw text were inside words, each rejected in Python).

    A cue is written with a blank before it and, unless it ends in ATTACHED, after it; channels and
    blocks match anywhere, as on the raw text. Each key gives candidates (length, what, proclitic
    length, Cue or channel, the form when it must be compared as written or None, blanks after it).
    None in a cased script (its text is matched lower-cased as a whole, as before).
    """
    if grammar.cased:
        return None
    keyed: dict[str, list] = {}
    for form, (length, what, clitic, item) in compact.items():
        inner = blanked(form)[1:-1]
        trail = 1 if what == "cue" and not form.endswith(ATTACHED) else 0
        key = (" " + inner + " " * trail) if what == "cue" else inner
        keyed.setdefault(key, []).append((length, what, clitic, item, None if form.isalnum() else form, trail))
    out = ahocorasick.Automaton()
    for key, candidates in keyed.items():
        out.add_word(key, tuple(candidates))
    out.make_automaton()
    return out


def load_speakers(path: Path, article: str = "") -> SpeakerWords:
    """The speaker-phrase words of one language and its phrase grammar beside them (absent: none)."""
    table: dict[str, dict[str, str | None]] = {what: {} for what in SPEAKER_WORDS}
    names: dict[str, str] = {}
    agreement: dict[str, tuple[str, str]] = {}
    for n, (surface, what, value, name, gender, number) in rows(path, 6) if path.is_file() else []:
        if what not in SPEAKER_WORDS:
            raise LexiconError(f"{path}:{n}: what must be one of {', '.join(sorted(SPEAKER_WORDS))}")
        if gender not in GENDERS or number not in NUMBERS:
            raise LexiconError(f"{path}:{n}: gender must be m, f or -; number s, d, p or -")
        key = fold(surface).lower()
        table[what][key] = None if value == "-" else value
        if name != "-":
            names[key] = name
        agreement[key] = (gender, number)
    return SpeakerWords(table["source"] | table["group"] | table["title"], table["sector"],
                        frozenset(table["stop"]), frozenset(table["skip"]), frozenset(table["relay"]),
                        table["pronoun"], frozenset(table["group"]), names, frozenset(table["title"]),
                        {w: frozenset((k or "").split(",")) for w, k in table["anaphor"].items()},
                        frozenset(table["complement"]), article, frozenset(table["determiner"]),
                        frozenset(table["affiliation"]), frozenset(table["timing"]), agreement,
                        PhraseGrammar.load(path.parent / "grammar.toml"))


@lru_cache(maxsize=1)
def default_claims() -> dict[str, ClaimLexicon]:
    """Claim lexicons of every language that has one, loaded once per process."""
    root = Path(str(resources.files("marsad"))) / "lang"
    return {f.parent.name: load_claims(f, Grammar.load(f.parent / "actors" / "grammar.toml"))
            for f in sorted(root.glob("*/claims")) if (f / "cues.tsv").is_file()}
