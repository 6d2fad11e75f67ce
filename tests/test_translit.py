"""Romanised names: actors known only in Arabic get a Latin `name` an English reader can sort and
search, and keep the Arabic in `name_ar`."""

from __future__ import annotations

import duckdb
import pytest

from marsad.build_translit import word_pairs
from marsad.translit import ARABIC_LETTER, LANG_DIR, fold, read_tsv, romanize


@pytest.mark.parametrize("arabic, latin", [
    # listed given names and particles, spelt as English-language news spells them
    ("محمد بن سلمان", "Mohammed bin Salman"),
    ("عبد الله", "Abdullah"),
    ("مُحَمَّد", "Mohammed"),                       # vowel marks do not matter
    ("سعيدًا", "Saeed"),                            # nor the accusative ending ًا
    ("أبو علي", "Abu Ali"),
    ("خديجة آل ثاني", "Khadija Al Thani"),
    # عبد + a name: Abdul and the name without its article
    ("عبد الكريم", "Abdul Karim"),
    ("عبدالرزاق", "Abdulrazaq"),
    # the article, and family names spelt by rule
    ("قاسم الأعرجي", "Qassem al-Araji"),
    ("حسين السوداني", "Hussein al-Sudani"),
    ("علي المالكي", "Ali al-Maliki"),
    ("سعد الشمري", "Saad al-Shamri"),
    ("جعفر", "Jaafar"),
    ("سالم", "Salim"),                              # fa'il: an i after the long a
    ("الجبوري", "al-Jubouri"),                     # as the lexicon spells it
    ("علاء", "Alaa"),
    ("حماة", "Hama"),
    ("إلياس", "Ilyas"),                             # إل is no article
])
def test_arabic_names_are_romanised(arabic, latin):
    assert romanize(arabic) == latin


@pytest.mark.parametrize("arabic, latin", [
    # words of names news has spelt in English (the lexicon's people, GeoNames' cities), in new names
    ("جون ماكرون", "John Macron"),
    ("سان فرانسيسكو", "San Francisco"),
    # a foreign name: no vowel guessed, English endings
    ("جون ساندرز", "John Sanders"),
    ("ريتشارد بيرتون", "Richard Burton"),
    ("روبرت دوڤال", "Robert Doval"),
    ("كارل ساغان", "Karl Sagan"),
    # a foreign given name (foreign_given.tsv) makes the name foreign
    ("جيمس ويلسون", "James Wilson"),
])
def test_foreign_names_are_spelt_as_in_english(arabic, latin):
    assert romanize(arabic) == latin


@pytest.mark.parametrize("arabic, latin", [
    ("غالي", "Ghali"),                              # not Galle (a city of Sri Lanka)
    ("علي رشيد", "Ali Rashid"),                     # not Rosetta (رشيد, a town of Egypt)
    ("إبراهيم الخليل", "Ibrahim al-Khalil"),        # not Hebron
    ("عثمان الشهري", "Othman al-Shahri"),
])
def test_arab_names_keep_the_arab_scheme(arabic, latin):
    assert romanize(arabic) == latin


@pytest.mark.parametrize("arabic, latin", [
    ("صحيفة «الشرق»", '"al-Sharq" (newspaper)'),
    ("شركة ماكرون", "Macron (company)"),
    ("صحيفة", "Sahifa"),                            # a head alone is a word like any other
])
def test_an_organisation_head_goes_after_the_name_in_english(arabic, latin):
    assert romanize(arabic) == latin


@pytest.mark.parametrize("arabic, english, pairs", [
    ("سان فرانسيسكو", "San Francisco", [("سان", "San"), ("فرانسيسكو", "Francisco")]),
    ("الكويت", "al-Kuwait", [("الكويت", "al-Kuwait")]),
    ("مدينة الكويت", "Kuwait City", []),            # the order differs: no word pair
    ("نيويورك", "New York", []),                    # the word counts differ
])
def test_known_names_pair_words_that_sound_alike(arabic, english, pairs):
    assert word_pairs(arabic, english) == pairs


@pytest.mark.parametrize("name", ["Ayman Safadi", "Protesters", "IRQGOV 2024", None, ""])
def test_names_without_arabic_letters_are_kept(name):
    assert romanize(name) == name


def test_romanised_names_are_plain_latin():
    names = ["عبد الأمير الخزاعي", "فاطمة الزهراء", "ضياء الدين", "غسان خوري", "ظافر العتيبي"]
    for name in names:
        latin = romanize(name)
        assert latin.isascii() and latin[0].isupper(), latin


def test_the_same_name_gives_the_same_spelling():
    assert romanize("عبد الأمير الشمري") == romanize("عبد الأمير الشمري") == "Abdul Amir al-Shamri"


def test_actor_names_are_latin_and_name_ar_keeps_the_arabic(built_warehouse):
    with duckdb.connect(str(built_warehouse.warehouse_path), read_only=True) as con:
        rows = con.execute("select name, name_ar, kind from actors").fetchall()
        columns = {r[0] for r in con.execute("select column_name from duckdb_columns() where table_name = 'actors'").fetchall()}
    assert rows and not [n for n, _, _ in rows if ARABIC_LETTER.search(n)]
    people = {ar: n for n, ar, kind in rows if kind == "person" and ar}
    assert people.get("قاسم الأعرجي") == "Qassem al-Araji"              # the seed's adviser, unknown to the lexicon
    assert "name_latin" not in columns                                   # one name column, no alias


def test_lexicon_actors_keep_their_english_name(built_warehouse):
    with duckdb.connect(str(built_warehouse.warehouse_path), read_only=True) as con:
        rows = dict(con.execute("select name_ar, name from actors where name_ar is not null").fetchall())
    assert rows.get("العراق") == "Iraq"


def test_the_known_names_hold_the_hand_list_of_foreign_given_names():
    folder = LANG_DIR / "ar" / "translit"
    known = {row[0]: (row[1], row[2]) for row in read_tsv(folder / "known.tsv", 3)}
    given = read_tsv(folder / "foreign_given.tsv")
    assert given and all(known.get(fold(a), ("", ""))[1] == "foreign" for a, _ in given), \
        "run python -m marsad.build_translit"
