"""Romanised names: Arabic-only actors get a Latin `name_latin` an English reader can sort and search."""

from __future__ import annotations

import duckdb
import pytest

from marsad.translit import latin_or_name, romanize


@pytest.mark.parametrize("arabic, latin", [
    # listed given names and particles, spelt as English-language news spells them
    ("محمد بن سلمان", "Mohammed bin Salman"),
    ("عبد الله", "Abdullah"),
    ("مُحَمَّد", "Mohammed"),                       # vowel marks do not matter
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
    ("الجبوري", "al-Jaburi"),
    ("علاء", "Alaa"),
    ("حماة", "Hama"),
    ("إلياس", "Ilyas"),                             # إل is no article
])
def test_arabic_names_are_romanised(arabic, latin):
    assert romanize(arabic) == latin


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


def test_actors_have_a_latin_name(built_warehouse):
    with duckdb.connect(str(built_warehouse.warehouse_path), read_only=True) as con:
        rows = con.execute("select name, name_latin from actors").fetchall()
    arabic_only = [(n, latin) for n, latin in rows if n != latin]
    assert arabic_only and all(latin.isascii() and latin != n for n, latin in arabic_only)
    english = [(n, latin) for n, latin in rows if n.isascii()]
    assert english and all(n == latin for n, latin in english)      # the lexicon's English name is kept


def test_queries_fall_back_to_names_on_a_warehouse_built_before_name_latin():
    with duckdb.connect() as con:
        con.execute("create table actors (actor_id varchar, name varchar)")
        sql = "select a.name_latin as name, src.name_latin as src_name_latin from actors a, actors src"
        assert latin_or_name(con, sql) == "select a.name as name, src.name as src_name_latin from actors a, actors src"
        con.execute("alter table actors add column name_latin varchar")
        assert latin_or_name(con, sql) == sql
