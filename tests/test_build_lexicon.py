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
