"""How a language attaches words to actor names: proclitics, article, nisba endings, word order,
and the word endings and openings the name rules test.

Each language pack states these facts in `lang/<code>/actors/grammar.toml`; this module turns a
lexicon surface into every written form the matcher must recognise.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LexiconError
from ..normalize import fold

# Settings that hold words of the language: compared with the matching text, so folded on load.
WORD_SETTINGS = ("proclitics", "article", "genitive", "possessive", "coordinator", "locative",
                 "surname_particles", "nisba_shape", "nisba_adjective_endings", "pronoun_suffixes",
                 "purpose_prefixes", "loyalty_prefixes", "premodifiers", "subordinates")


@dataclass(frozen=True)
class Grammar:
    """The attachment rules of one language."""

    proclitics: tuple[str, ...]
    article: str
    article_contractions: dict
    nisba_endings: tuple[str, ...]
    modifier_after_head: bool
    genitive: tuple[str, ...]
    possessive: tuple[str, ...]
    coordinator: str
    locative: tuple[str, ...]
    capitalized_names: bool
    name_max_tokens: int
    name_min_tokens: int
    surname_prefixes: tuple[str, ...]
    surname_particles: tuple[str, ...] = ()
    # Word endings the actor passes test (none where a language's file lists none): a word shaped
    # like a nisba (looked up as a country's then), a nisba adjective in an organisation's name, an
    # attached pronoun (the word starts no name).
    nisba_shape: tuple[str, ...] = ()
    nisba_adjective_endings: tuple[str, ...] = ()
    pronoun_suffixes: tuple[str, ...] = ()
    # Word openings (none where the file lists none: startswith(()) is False): the preposition of
    # purpose in a company's name (نور للاتصالات), the preposition before whom a force is loyal to
    # (الموالي للشرعية).
    purpose_prefixes: tuple[str, ...] = ()
    loyalty_prefixes: tuple[str, ...] = ()
    # Words that may stand between a title and the country before it where modifiers precede the
    # head (Syria's interim government, the Iraqi new cabinet); none where they follow it.
    premodifiers: tuple[str, ...] = ()
    # Words that make a person's title before which they stand another office (Deputy Foreign
    # Minister, vice minister): not the title's holder, a rank below it.
    subordinates: tuple[str, ...] = ()
    cased: bool = field(init=False, compare=False)

    @classmethod
    def load(cls, path: Path) -> "Grammar":
        """Read a grammar.toml, naming the file when a setting is missing or malformed."""
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
            for key in WORD_SETTINGS:
                if isinstance(raw.get(key), list):
                    raw[key] = [fold(w) for w in raw[key]]
                elif isinstance(raw.get(key), str):
                    raw[key] = fold(raw[key])
            raw["article_contractions"] = {fold(k): fold(v) for k, v in raw.get("article_contractions", {}).items()}
            return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()})
        except (tomllib.TOMLDecodeError, TypeError) as err:
            raise LexiconError(f"{path}: {err}") from None

    def __post_init__(self) -> None:
        """Whether the script has letter case (then matching lower-cases the text): `cased`, a
        field rather than a property (read some 40,000 times per 1,000 articles)."""
        object.__setattr__(self, "cased", self.capitalized_names)

    def with_clitics(self, form: str) -> list[tuple[str, int]]:
        """Every written form of `form` with a proclitic, and the proclitic's length."""
        out = [(form, 0)] + [(p + form, len(p)) for p in self.proclitics]
        if self.article and form.startswith(self.article):
            rest = form[len(self.article):]
            out += [(c + rest, len(c) - 1) for c in self.article_contractions.values()]
        return out

    def nisba_forms(self, stem: str) -> list[str]:
        """Inflected forms of a masculine-singular nisba, with and without the article."""
        forms = [stem + ending for ending in self.nisba_endings]
        return forms + [self.article + f for f in forms] if self.article else forms

    def article_variants(self, surface: str) -> list[str]:
        """A role surface with the article added to or removed from its first word."""
        if not self.article:
            return [surface]
        if surface.startswith(self.article):
            return [surface, surface[len(self.article):]]
        return [surface, self.article + surface]
