"""The lexicon build (tools/build_lexicon.py): parsing the open dictionaries, spelling Arabic
lemmas as news writes them, pairing Arabic and English names."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from marsad.normalize import fold

SPEC = importlib.util.spec_from_file_location(
    "build_lexicon", Path(__file__).resolve().parent.parent / "tools" / "build_lexicon.py")
build = importlib.util.module_from_spec(SPEC)
sys.modules["build_lexicon"] = build     # dataclasses look their module up
SPEC.loader.exec_module(build)


def test_petrarch_entry_keeps_synonyms_and_the_latest_role(tmp_path):
    path = tmp_path / "x.actors.txt"
    path.write_text("JOHN_SMITH_  # CountryInfo.txt\n+J._SMITH\n+SMITH\n\t[GBRELI 600101-991231]\n"
                    "\t[GBRGOV >000101]\n\nACME_WORKERS_PARTY_ [GBRPTY]\n", encoding="utf-8")
    person, party = build.parse(path)
    assert person.names == ["JOHN_SMITH", "J._SMITH", "SMITH"] and "CountryInfo" in person.note
    assert build.current(person.codes) == "GBRGOV"
    assert party.names == ["ACME_WORKERS_PARTY"] and build.current(party.codes) == "GBRPTY"


@pytest.mark.parametrize("lemma, spelled", [
    (["حزب", "وفد"], "حزب الوفد"),
    (["بنك", "قطر", "وطني"], "بنك قطر الوطني"),
    (["جبهة", "تحرير", "وطني"], "جبهة التحرير الوطني"),
])
def test_arabic_lemma_has_the_spelling_news_uses_among_its_variants(lemma, spelled):
    assert spelled in build.org_variants(lemma)


@pytest.mark.parametrize("lemma, named", [
    (["حزب", "وفد"], True),
    (["حزب", "حاكم"], False),
    (["شركة", "أمريكي"], False),
])
def test_generic_organisation_lemmas_are_left_out(lemma, named):
    assert build.proper([fold(w) for w in lemma]) is named


@pytest.mark.parametrize("english, arabic", [
    ("Nouri al-Maliki", "نوري المالكي"),
    ("Juan Manuel Santos", "خوان مانويل سانتوس"),
    ("Pierre Nkurunziza", "بيير نكورونزيزا"),
    ("Marwan Hamadeh", "مروان حمادة"),
])
def test_arabic_and_english_names_share_a_skeleton(english, arabic):
    assert build.skeleton_en(english) == build.skeleton_ar(arabic)


def test_different_first_names_do_not_pair():
    assert build.skeleton_en("Mahmoud Abu Zeid") != build.skeleton_ar("أحمد أبو زيد")


def _hand_written(folder: Path) -> dict[str, str]:
    """Folded form -> actor key of a language's hand-written aliases."""
    from marsad.actors.lexicon import rows
    return {fold(surface).lower(): key for path in sorted(folder.glob("aliases_*.tsv"))
            if path.name != "aliases_sources.tsv" for _, (surface, key, _) in rows(path, 3)}


def test_a_generated_name_with_the_article_is_not_a_second_actor():
    """The sources' "The United Nations" is the hand-written United Nations, not an actor of its own
    (an English and an Arabic article naming the UN must count for one actor)."""
    from marsad.actors.lexicon import rows
    folder = Path(build.__file__).resolve().parent.parent / "marsad" / "lang" / "en" / "actors"
    hand = _hand_written(folder)
    doubled = [surface for _, (surface, _, _) in rows(folder / "aliases_sources.tsv", 3)
               if fold(surface).lower().removeprefix("the ") in hand]
    assert doubled == []


@pytest.mark.parametrize("text, key", [
    ("The United Nations called for calm.", "un"),
    ("The European Union said it would help.", "eu"),
    ("The Security Council met on Monday.", "unsc"),
])
def test_the_article_before_a_listed_name_names_the_same_actor(text, key):
    from marsad.actors import default_lexicon, extract_mentions
    assert key in [m.actor.key for m in extract_mentions(text, "en", default_lexicon())]
