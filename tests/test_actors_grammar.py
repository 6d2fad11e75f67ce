"""The word endings the actor passes test are each language's data (lang/<code>/actors/grammar.toml)."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from marsad.actors.grammar import Grammar
from marsad.actors.lexicon import package_dirs
from marsad.actors.people import _name_shaped

ENDINGS = ("nisba_shape", "nisba_adjective_endings", "pronoun_suffixes")
PREFIXES = ("purpose_prefixes", "loyalty_prefixes")


def _grammar(code: str) -> Grammar:
    """A packaged language's actor grammar."""
    return Grammar.load(package_dirs()[1] / code / "actors" / "grammar.toml")


@pytest.mark.parametrize("code, key, ending", [
    ("ar", "nisba_shape", "يه"),                  # written ية, folded on load
    ("ar", "nisba_adjective_endings", "ي"),
    ("ar", "pronoun_suffixes", "هم"),
    ("en", "nisba_shape", "ian"),
    ("ar", "purpose_prefixes", "لل"),
    ("ar", "loyalty_prefixes", "ل"),
])
def test_endings_are_read_from_the_language_file(code, key, ending):
    assert ending in getattr(_grammar(code), key)


@pytest.mark.parametrize("code, key, absent", [
    ("ar", "nisba_shape", "ian"),                 # each language its own endings
    ("en", "nisba_shape", "ي"),
    ("en", "pronoun_suffixes", "ه"),
    ("en", "purpose_prefixes", "لل"),
    ("en", "loyalty_prefixes", "ل"),
])
def test_a_language_has_only_its_own_endings(code, key, absent):
    assert absent not in getattr(_grammar(code), key)


@pytest.mark.parametrize("key", ENDINGS + PREFIXES)
def test_a_language_file_without_the_endings_has_none(tmp_path, key):
    text = (package_dirs()[1] / "en" / "actors" / "grammar.toml").read_text(encoding="utf-8")
    third = tmp_path / "grammar.toml"
    third.write_text("\n".join(ln for ln in text.splitlines() if not ln.startswith(ENDINGS + PREFIXES)), encoding="utf-8")
    assert getattr(Grammar.load(third), key) == ()


@pytest.mark.parametrize("word, suffixes, shaped", [
    ("دعمه", ("ه",), False),         # an attached pronoun: no name starts so
    ("دعمه", (), True),              # the same word, with a grammar that lists none
    ("الدعم", (), False),            # the article, from the same grammar
])
def test_name_shape_reads_the_grammar(word, suffixes, shaped):
    lex = SimpleNamespace(grammar=replace(_grammar("ar"), pronoun_suffixes=suffixes))
    assert _name_shaped([word], lex) is shaped


@pytest.mark.parametrize("code, word, opens", [
    ("ar", "للاتصالات", True),       # نور للاتصالات: the purpose runs the name on
    ("ar", "لهادي", False),
    ("en", "للاتصالات", False),      # a language that lists none: no word opens so
])
def test_purpose_prefixes_are_the_languages_own(code, word, opens):
    assert word.startswith(_grammar(code).purpose_prefixes) is opens
