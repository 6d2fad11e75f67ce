"""Places: cities and regions as actors of kind location, with their country, decided by context."""

from __future__ import annotations

from collections import Counter

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.actors.build_places import CorpusCounts, Place, blocked, context
from marsad.actors.lexicon import load_lexicon, package_dirs
from marsad.errors import LexiconError


def places(text: str, language: str = "ar") -> list[tuple[str, str | None, str]]:
    """(surface, country, English name) of every location mention of a text."""
    return [(m.surface, m.actor.country, m.actor.name) for m in extract_mentions(text, language, default_lexicon())
            if m.actor.kind == "location"]


@pytest.mark.parametrize("text, surface, country, name", [
    ("وصل الوفد إلى حلب صباح اليوم.", "حلب", "SYR", "Aleppo"),
    ("وقع انفجار وبالموصل سقط قتلى.", "الموصل", "IRQ", "Mosul"),
    ("تتواصل الاشتباكات في محافظة أبين.", "أبين", "YEM", "Abyan"),
    ("وأمطرت السماء على منطقة عسير.", "عسير", "SAU", "Asir"),
    ("أدى المعتمرون الصلاة في مكة المكرمة.", "مكة", "SAU", "Mecca"),
    ("نزح السكان من ديالى والأنبار.", "ديالى", "IRQ", "Diyala"),
    ("نزح السكان من ديالى والأنبار.", "الأنبار", "IRQ", "Al Anbar"),
    ("سيطرت القوات على زنجبار عاصمة المحافظة.", "زنجبار", "YEM", "Zinjibār"),
    ("عادت السفن إلى البحر الأحمر.", "البحر الأحمر", None, "Red Sea"),
    ("Talks were held in Geneva on Monday.", "Geneva", "CHE", "Geneva"),
])
def test_place_found_with_its_country(text, surface, country, name):
    lang = "en" if text.isascii() else "ar"
    assert (surface, country, name) in places(text, lang)


@pytest.mark.parametrize("text, surface, code", [
    ("أعلنت بغداد رفضها للقرار.", "بغداد", "IRQ"),        # a capital stays its government
    ("ردت الرياض على البيان.", "الرياض", "SAU"),
    ("وصل أمير منطقة الرياض إلى المحافظة.", "الرياض", "SAU"),   # the title keeps its qualifier
])
def test_capital_keeps_standing_for_its_country(text, surface, code):
    found = {m.surface: (m.actor.kind, m.actor.code) for m in extract_mentions(text, "ar", default_lexicon())}
    assert found[surface] == ("country", code)


@pytest.mark.parametrize("text, wanted", [
    ("دارت معارك عنيفة في صلاح الدين أمس.", True),      # a name that is also a person's: after في
    ("قال صلاح الدين إن الأمر انتهى.", False),
    ("ولدت كريمة في قرية صغيرة.", False),              # كريمة is a word, not ك + ريمة
    ("جرى ذلك في إطار التعاون بين البلدين.", False),    # إطار is a noun (and a town in GeoNames)
    ("The talks were held in geneva.", False),          # English names match as capitalised
])
def test_ambiguous_names_need_context(text, wanted):
    lang = "en" if text.isascii() else "ar"
    assert bool(places(text, lang)) is wanted


def test_person_name_after_title_is_not_cut_at_a_place_name():
    text = "وقال الرئيس الكولومبي خوان مانويل سانتوس إن المحادثات مستمرة."    # Santos is a city too
    people = [m.surface for m in extract_mentions(text, "ar", default_lexicon()) if m.actor.kind == "person"]
    assert "خوان مانويل سانتوس" in people and places(text) == []


def _counts(words: list[str], cues=frozenset({"في"})) -> CorpusCounts:
    counts = CorpusCounts(cues, frozenset({"الى"}))
    counts.add(words)
    return counts


CITY = Place("place:1", "Town", "بلده", "IRQ", 200_000)


@pytest.mark.parametrize("words, form, wanted", [
    (["في", "زاخو", "و"] * 30, "زاخو", "free"),                        # after في: a place
    (["قال", "زاخو", "و"] * 30, "زاخو", None),                         # never after a cue: a name
    (["في", "اطار", "و", "الاطار"] * 30, "اطار", None),               # also with the article: a noun
    (["في", "اطار", "التعاون"] * 30, "اطار", None),                    # followed by a definite noun
    (["في", "زاخو"] * 5, "زاخو", "free"),                             # rare: no common word
])
def test_context_rule_on_corpus_counts(words, form, wanted):
    assert context(form, CITY, _counts(words), ("و", "ب"), frozenset(), "ال") == wanted


def test_proclitic_form_that_is_a_word_is_blocked():
    counts = _counts(["كريمه"] * 20 + ["ريمه"] * 2)
    assert blocked("ريمه", counts, ("و", "ك")) == ["كريمه"]


def test_unknown_country_in_places_file_fails(tmp_path):
    common, langs = package_dirs()
    for name in ("sectors.tsv", "countries.tsv", "actors.tsv"):
        (tmp_path / name).write_text((common / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "places.tsv").write_text("place:1\tNowhere\tلا مكان\tXXX\t5\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="places.tsv:1"):
        load_lexicon(tmp_path, langs)


def test_generated_files_agree_with_each_other():
    lexicon = default_lexicon()
    kinds = Counter(a.kind for a in lexicon.actors.values())
    assert kinds["location"] > 3000
