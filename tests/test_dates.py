"""Dates: explicit dates, months, years, weekdays and relative phrases, in Arabic and English."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
import yaml

from conftest import ARTICLES_DIR, GOLD_DIR, SEED
from marsad.dates import find_dates, find_weekday, folded_weekday, grammar, resolve_weekday
from marsad.normalize import fold, normalize

THU = date(2024, 1, 25)   # a Thursday (the seed's "يوم الخميس")
FRI = date(2024, 1, 26)
MON = date(2024, 4, 22)   # a Monday (article 101)
WED = date(2024, 4, 17)   # a Wednesday (article 103)


def found(text: str, language: str = "ar", published: date | datetime | None = None) -> list[tuple]:
    """(text, value, precision, since) of every date in a text, found on its matching form."""
    return [(m.text, m.value, m.precision, m.since) for m in find_dates(fold(text), language, published)]


def one(text: str, value: date | None, precision: str, since: bool = False) -> list[tuple]:
    """The expectation of a single mention (its text folded like the input)."""
    return [(fold(text), value, precision, since)]


def Y(year: int) -> date:
    """First day of a year."""
    return date(year, 1, 1)


def M(year: int, month: int) -> date:
    """First day of a month."""
    return date(year, month, 1)


@pytest.mark.parametrize("text, published, expected", [
    ("ويوم الخميس، أعلنت وزارة الخارجية", THU, one("يوم الخميس", THU, "day")),
    ("ويوم الخميس، أعلنت وزارة الخارجية", FRI, one("يوم الخميس", THU, "day")),
    ("التي بدأت منذ أغسطس/آب 2023، أفضت", None, one("أغسطس/آب 2023", M(2023, 8), "month", True)),
    ("بعدما سيطر على مساحات شاسعة في 2014 قبل هزيمته", None, one("2014", Y(2014), "year")),
    ("منذ بدء الحرب في غزة في أكتوبر تشرين الأول.", FRI, one("أكتوبر تشرين الأول", M(2023, 10), "month")),
    ("وأطاحت بصدام حسين عام 2003، مما تسبب", None, one("عام 2003", Y(2003), "year")),
    ("وتنشر الولايات المتحدة 2500 عسكري في العراق", THU, []),
    ("في ٢٠٢٣", None, one("2023", Y(2023), "year")),
])
def test_gold_examples(text, published, expected):
    assert found(text, "ar", published) == expected


@pytest.mark.parametrize("name, month", [
    ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("إبريل", 4), ("مايو", 5), ("يونيو", 6),
    ("يونيه", 6), ("يوليو", 7), ("يوليه", 7), ("أغسطس", 8), ("اغسطس", 8), ("سبتمبر", 9), ("أكتوبر", 10),
    ("نوفمبر", 11), ("ديسمبر", 12),
    ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6), ("تموز", 7),
    ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11), ("كانون الأول", 12),
    ("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("ماي", 5), ("جوان", 6), ("جويلية", 7), ("أوت", 8),
])
def test_arabic_month_names_with_a_year(name, month):
    assert found(f"وقع ذلك في {name} 2020 بحسب البيان") == one(f"{name} 2020", M(2020, month), "month")


@pytest.mark.parametrize("text, published, expected", [
    ("أغسطس/آب 2023", None, one("أغسطس/آب 2023", M(2023, 8), "month")),
    ("أكتوبر تشرين الأول", FRI, one("أكتوبر تشرين الأول", M(2023, 10), "month")),
    ("نوفمبر/تشرين الثاني 2023", None, one("نوفمبر/تشرين الثاني 2023", M(2023, 11), "month")),
    ("(آب) أغسطس 2022", None, one("(آب) أغسطس 2022", M(2022, 8), "month")),
    ("آب (أغسطس) 2022", None, one("آب (أغسطس) 2022", M(2022, 8), "month")),
    ("حزيران/ يونيو", MON, one("حزيران/ يونيو", M(2023, 6), "month")),
    ("ديسمبر - كانون الأول الماضي", MON, one("ديسمبر - كانون الأول الماضي", M(2023, 12), "month")),
    ("في 14 آذار/مارس الماضي", MON, one("14 آذار/مارس الماضي", date(2024, 3, 14), "day")),
    ("بين يناير/فبراير 2024", MON, one("يناير", M(2024, 1), "month") + one("فبراير 2024", M(2024, 2), "month")),
])
def test_paired_month_names_are_one_mention(text, published, expected):
    assert found(text, "ar", published) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("قال أب الضحية إن", MON, []),
    ("زار اب وابنه المستشفى", MON, []),
    ("في 15 آب", MON, one("15 آب", date(2023, 8, 15), "day")),
    ("في آب 2020", None, one("آب 2020", M(2020, 8), "month")),
    ("مارس ضغوطا كبيرة على الحكومة", MON, []),
    ("في مارس", MON, one("مارس", M(2024, 3), "month")),
    ("خلال شهر مارس", MON, one("شهر مارس", M(2024, 3), "month")),
    ("وقالت تيريزا ماي إن", MON, []),
    ("في ماي", MON, one("ماي", M(2023, 5), "month")),
    ("سيارة نيسان الجديدة", MON, []),
])
def test_ambiguous_month_names_need_context(text, published, expected):
    assert found(text, "ar", published) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("في 25 يناير 2024", None, one("25 يناير 2024", THU, "day")),
    ("في 3 من شباط 2021", None, one("3 من شباط 2021", date(2021, 2, 3), "day")),
    ("في 25 يناير", FRI, one("25 يناير", THU, "day")),
    ("في 25 يناير", None, one("25 يناير", None, "day")),
    ("في 31 فبراير 2024", None, one("31 فبراير 2024", M(2024, 2), "month")),
    ("في يناير من العام 2024", None, one("يناير من العام 2024", M(2024, 1), "month")),
    ("في يناير عام 2024", None, one("يناير عام 2024", M(2024, 1), "month")),
    ("في مايو 2014م", None, one("مايو 2014م", M(2014, 5), "month")),
    ("في يناير من العام الماضي", MON, one("يناير من العام الماضي", M(2023, 1), "month")),
    ("في مارس من العام الجاري", MON, one("مارس من العام الجاري", M(2024, 3), "month")),
    ("في مارس من العام الجاري", None, one("مارس من العام الجاري", None, "month")),
    ("في كانون الثاني", MON, one("كانون الثاني", M(2024, 1), "month")),
    ("في كانون الثاني", None, one("كانون الثاني", None, "month")),
    ("منذ كانون الثاني", None, one("كانون الثاني", None, "month", True)),
    ("في أكتوبر", MON, one("أكتوبر", M(2023, 10), "month")),
    ("في أبريل", MON, one("أبريل", M(2024, 4), "month")),
    ("في أبريل الماضي", MON, one("أبريل الماضي", M(2023, 4), "month")),
    ("في أبريل المقبل", MON, one("أبريل المقبل", M(2025, 4), "month")),
    ("في يونيو المقبل", MON, one("يونيو المقبل", M(2024, 6), "month")),
    ("في كانون الثاني الماضي", MON, one("كانون الثاني الماضي", M(2024, 1), "month")),
    ("في 27 يوليو الحالي", date(2015, 7, 21), one("27 يوليو الحالي", date(2015, 7, 27), "day")),
])
def test_arabic_days_and_months(text, published, expected):
    assert found(text, "ar", published) == expected


def test_the_same_year_comes_from_the_last_dated_mention():
    text = "الهدنة في أبريل/نيسان 2022، والتي انتهت في أكتوبر/تشرين الأول من العام نفسه من دون تمديد"
    assert found(text) == (one("أبريل/نيسان 2022", M(2022, 4), "month")
                           + one("أكتوبر/تشرين الأول من العام نفسه", M(2022, 10), "month"))
    assert found("في العام نفسه") == one("العام نفسه", None, "relative")
    assert found("عام 2019، وفي نفس العام") == one("عام 2019", Y(2019), "year") + one("نفس العام", Y(2019), "year")


@pytest.mark.parametrize("text, expected", [
    ("عام 2003", one("عام 2003", Y(2003), "year")),
    ("في العام 2003", one("العام 2003", Y(2003), "year")),
    ("في 2014", one("2014", Y(2014), "year")),
    ("وفي 2014", one("2014", Y(2014), "year")),
    ("سنة 2011", one("سنة 2011", Y(2011), "year")),
    ("منذ 2003", one("2003", Y(2003), "year", True)),
    ("ومنذ عام 2015", one("عام 2015", Y(2015), "year", True)),
    ("حتى 2020", one("2020", Y(2020), "year")),
    ("قبل 2010", one("2010", Y(2010), "year")),
    ("بعد 2011", one("2011", Y(2011), "year")),
    ("أواخر عام 2014", one("عام 2014", Y(2014), "year")),
    ("بحلول نهاية 2016", one("2016", Y(2016), "year")),
    ("تأسس 1976م", one("1976م", Y(1976), "year")),
    ("تأسس 1976 م", one("1976 م", Y(1976), "year")),
    ("للعام 2024", one("عام 2024", Y(2024), "year")),
    ("لعام 2024", one("عام 2024", Y(2024), "year")),
    ("نحو 2014 شخصا", []),
    ("حتى 2000 شخص", []),
    ("عام 1850", []),
    ("رقم 2014", []),
    ("بلغت 2019.5 مليون", []),
])
def test_arabic_years(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("يوم الخميس", THU, one("يوم الخميس", THU, "day")),
    ("الخميس", FRI, one("الخميس", THU, "day")),
    ("مساء الأحد", THU, one("مساء الأحد", date(2024, 1, 21), "day")),
    ("فجر الخميس،", THU, one("فجر الخميس", THU, "day")),
    ("يوم الأربعاء المقبل", MON, one("يوم الأربعاء المقبل", date(2024, 4, 24), "day")),
    ("الجمعة الماضي", FRI, one("الجمعة الماضي", date(2024, 1, 19), "day")),
    ("يوم الاثنين", MON, one("يوم الاثنين", MON, "day")),
    ("يوم الثلاثاء", None, one("يوم الثلاثاء", None, "relative")),
    ("اتفق الاثنان على أن كلا الاثنين مسؤول", MON, []),
    ("الخميس 25 يناير 2024", None, one("الخميس 25 يناير 2024", THU, "day")),
    ("يوم الأربعاء، 24 يناير 2024", None, one("يوم الأربعاء، 24 يناير 2024", date(2024, 1, 24), "day")),
])
def test_arabic_weekdays(text, published, expected):
    assert found(text, "ar", published) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("اليوم", THU, one("اليوم", THU, "day")),
    ("أمس", THU, one("أمس", date(2024, 1, 24), "day")),
    ("بالأمس", THU, one("بالأمس", date(2024, 1, 24), "day")),
    ("أمس الأحد", MON, one("أمس الأحد", date(2024, 4, 21), "day")),
    ("مساء أمس", THU, one("مساء أمس", date(2024, 1, 24), "day")),
    ("أول أمس", THU, one("أول أمس", date(2024, 1, 23), "day")),
    ("أول من أمس", THU, one("أول من أمس", date(2024, 1, 23), "day")),
    ("اليوم (الخميس)", THU, one("اليوم (الخميس)", THU, "day")),
    ("غدا الجمعة", THU, one("غدا الجمعة", FRI, "day")),
    ("أمس", None, one("أمس", None, "relative")),
    ("وقالت مصادر لـ«المشرق اليوم» إن", MON, []),
    ("في اليوم التالي", MON, []),
    ("لقضاء باقي اليوم", MON, []),
    ("غدا الوضع أسوأ", MON, []),
    ("الأسبوع الماضي", THU, one("الأسبوع الماضي", date(2024, 1, 15), "day")),
    ("الأسبوع المقبل", THU, one("الأسبوع المقبل", date(2024, 1, 29), "day")),
    ("الشهر الماضي", THU, one("الشهر الماضي", M(2023, 12), "month")),
    ("الشهر المقبل", THU, one("الشهر المقبل", M(2024, 2), "month")),
    ("هذا الشهر", THU, one("هذا الشهر", M(2024, 1), "month")),
    ("العام الماضي", THU, one("العام الماضي", Y(2023), "year")),
    ("السنة الماضية", THU, one("السنة الماضية", Y(2023), "year")),
    ("منذ مطلع العام الجاري", MON, one("العام الجاري", Y(2024), "year", True)),
    ("هذا العام", THU, one("هذا العام", Y(2024), "year")),
    ("قبل نهاية العام", MON, one("نهاية العام", Y(2024), "year")),
    ("الأسبوع الماضي", None, one("الأسبوع الماضي", None, "relative")),
    ("العام الماضي", None, one("العام الماضي", None, "relative")),
    ("قال الأمين العام للأمم المتحدة", THU, []),
    ("نهاية العام الدراسي", THU, []),
    ("عطلة نهاية الأسبوع", THU, []),
])
def test_arabic_relative_expressions(text, published, expected):
    assert found(text, "ar", published) == expected


@pytest.mark.parametrize("text, language, expected", [
    ("في 25/1/2024", "ar", one("25/1/2024", THU, "day")),
    ("في 2024-01-25", "ar", one("2024-01-25", THU, "day")),
    ("on 2024-01-25", "en", one("2024-01-25", THU, "day")),
])
def test_numeric_dates(text, language, expected):
    assert found(text, language) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("January 25, 2024", None, one("January 25, 2024", THU, "day")),
    ("25 January 2024", None, one("25 January 2024", THU, "day")),
    ("Jan. 25, 2024", None, one("Jan. 25, 2024", THU, "day")),
    ("the 25th of January 2024", None, one("25th of January 2024", THU, "day")),
    ("on January 25", FRI, one("on January 25", THU, "day")),
    ("renewed in March 2024, according", None, one("in March 2024", M(2024, 3), "month")),
    ("March 2024", None, one("March 2024", M(2024, 3), "month")),
    ("at its peak in 2014 held", None, one("2014", Y(2014), "year")),
    ("since 2003", None, one("2003", Y(2003), "year", True)),
    ("by 2030", None, one("2030", Y(2030), "year")),
    ("pressed officials on Tuesday for", WED, one("on Tuesday", date(2024, 4, 16), "day")),
    ("Tuesday", WED, one("Tuesday", date(2024, 4, 16), "day")),
    ("on Wednesday", WED, one("on Wednesday", WED, "day")),
    ("On Sunday, U.S. forces", WED, one("On Sunday", date(2024, 4, 14), "day")),
    ("on Monday evening that", WED, one("on Monday evening", date(2024, 4, 15), "day")),
    ("last Wednesday", WED, one("last Wednesday", date(2024, 4, 10), "day")),
    ("next Monday", WED, one("next Monday", MON, "day")),
    ("on Tuesday", None, one("on Tuesday", None, "relative")),
    ("yesterday", WED, one("yesterday", date(2024, 4, 16), "day")),
    ("today", WED, one("today", WED, "day")),
    ("last week", WED, one("last week", date(2024, 4, 8), "day")),
    ("last month", WED, one("last month", M(2024, 3), "month")),
    ("last year", WED, one("last year", Y(2023), "year")),
    ("last year", None, one("last year", None, "relative")),
    ("earlier this month", WED, one("earlier this month", M(2024, 4), "month")),
    ("this year", WED, one("this year", Y(2024), "year")),
    ("launched in January, is", WED, one("in January", M(2024, 1), "month")),
    ("in January", None, one("in January", None, "month")),
    ("between October and early February.", WED,
     one("October", M(2023, 10), "month") + one("early February", M(2024, 2), "month")),
    ("in late January after", WED, one("late January", M(2024, 1), "month")),
    ("since mid-March", WED, one("mid-March", M(2024, 3), "month", True)),
    ("in May", WED, one("in May", M(2023, 5), "month")),
    ("Theresa May said", WED, []),
    ("you may go", WED, []),
    ("the march on Washington", WED, []),
    ("Mar is a town", WED, []),
    ("about 2,500 troops", WED, []),
    ("2500 troops", WED, []),
])
def test_english(text, published, expected):
    assert found(text, "en", published) == expected


def test_published_may_be_a_datetime():
    published = datetime(2024, 1, 25, 23, tzinfo=timezone.utc)
    assert found("يوم الخميس", "ar", published) == one("يوم الخميس", THU, "day")


def test_unknown_language_finds_nothing():
    assert find_dates("2024-01-25", "fr") == []


def test_offsets_point_into_the_matching_form_and_map_back():
    raw = "أعلنت الوزارة يومَ الخميسِ أنها بدأت منذ أغسطس/آب ٢٠٢٣ محادثات"
    norm = normalize(raw)
    mentions = find_dates(norm.text, "ar", THU)
    assert [norm.text[m.start:m.end] for m in mentions] == [m.text for m in mentions]
    assert [raw[slice(*norm.span(m.start, m.end))] for m in mentions] == ["يومَ الخميس", "أغسطس/آب ٢٠٢٣"]


def test_mentions_are_in_order_and_do_not_overlap():
    mentions = find_dates(fold(SEED.read_text(encoding="utf-8")), "ar", THU)
    assert len(mentions) >= 6
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


def gold_cases() -> list[tuple]:
    """(document, text file, published, gold date) for every gold date with a value."""
    cases = []
    for path in sorted(GOLD_DIR.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        source = SEED if path.stem == SEED.stem else ARTICLES_DIR / f"{path.stem}.txt"
        meta = source.with_suffix(".meta.json")
        published = json.loads(meta.read_text())["published"] if meta.exists() else None
        published = date.fromisoformat(published) if published else (THU if source == SEED else None)
        cases += [(path.stem, source, published, d) for d in gold.get("dates", [])
                  if d.get("value") and d.get("required", True)]
    return cases


@pytest.mark.parametrize("doc, source, published, gold", gold_cases(),
                         ids=lambda x: x if isinstance(x, str) else None)
def test_gold_dates_of_the_test_articles(doc, source, published, gold):
    mentions = find_dates(fold(source.read_text(encoding="utf-8")), "en" if doc.startswith("103") else "ar",
                          published)
    values = {m.value.isoformat()[:len(gold["value"])] for m in mentions if m.text == fold(gold["text"]) and m.value}
    assert gold["value"] in values and gold["precision"] in {m.precision for m in mentions}


def test_the_weekday_helpers_still_work():
    assert find_weekday(fold("ويوم الخميس، أعلنت"), "ar") == 3
    assert folded_weekday("on Tuesday", "en") == 1
    assert resolve_weekday(3, FRI) == (THU, "day")
    assert resolve_weekday(3, None) == (None, "relative")


def test_arabic_names_are_written_in_the_matching_form():
    g = grammar("ar")
    names = [*g.months, *g.hijri_months, *g.weekdays, *g.modifier_of, *g.day_offsets, *g.units,
             *(w for words in g.words.values() for w in words)]
    assert [n for n in names if fold(n) != n] == []


# Hijri dates, as Saudi and Gulf papers print them; conversions are the Umm al-Qura calendar's
# (1 Ramadan 1445 began on 11 March 2024, 1 Shawwal 1445 on 10 April 2024).
@pytest.mark.parametrize("text, published, expected", [
    ("وذلك يوم الاثنين 1 رمضان 1445 هـ في الرياض", None, one("يوم الاثنين 1 رمضان 1445 هـ", date(2024, 3, 11), "day")),
    ("صدر القرار في 1445/10/01هـ بعد", None, one("1445/10/01هـ", date(2024, 4, 10), "day")),
    ("صدر القرار في 01/10/1445 هـ بعد", None, one("01/10/1445 هـ", date(2024, 4, 10), "day")),
    ("خلال شهر رمضان 1445 الماضي", None, one("شهر رمضان 1445", date(2024, 3, 11), "month")),
    ("في 3 شوال أعلنت", WED, one("3 شوال", date(2024, 4, 12), "day")),
    ("في 1 ذو الحجة 1445هـ", None, one("1 ذو الحجة 1445هـ", date(2024, 6, 7), "day")),
])
def test_hijri_dates_become_gregorian_days(text, published, expected):
    assert found(text, "ar", published) == expected


@pytest.mark.parametrize("text", [
    "وقال رمضان إن الاجتماع انتهى",      # a given name
    "وصل عدد الزوار إلى 1445 زائرا",     # a number
    "نتيجة صفر مقابل هدف",               # zero
    "في 31 محرم 1445 هـ",                # no such day
])
def test_hijri_month_names_alone_are_not_dates(text):
    assert found(text, "ar", WED) == []


@pytest.mark.parametrize("text", [
    "وافتتح جسر 6 أكتوبر بعد ترميمه.",          # a bridge named by a date
    "وقع الانفجار في مدينة 6 أكتوبر غرب القاهرة.",  # a city
    "في ذكرى حرب 6 أكتوبر ألقى الرئيس كلمة.",      # a war
    "وتحدث عن هجمات 11 سبتمبر.",                  # a named past event
    "وانضم إلى قوى 14 آذار.",                      # a movement
])
def test_a_day_and_month_after_a_noun_is_a_name_not_a_date(text):
    assert found(text, published=THU) == []


@pytest.mark.parametrize("text, mention", [
    ("وقتل خمسة جنود في 6 أكتوبر.", "6 أكتوبر"),
    ("ووقع الهجوم يوم 6 أكتوبر.", "6 أكتوبر"),
    ("واستمر القتال بين 5 و6 أكتوبر.", "6 أكتوبر"),
    ("وصدر القرار بتاريخ 6 أكتوبر.", "6 أكتوبر"),
    ("6 أكتوبر: انفجار في السوق.", "6 أكتوبر"),          # at the start of a line (a chronology)
    ("وقعت حرب 6 أكتوبر 1973 بين مصر وإسرائيل.", "6 أكتوبر 1973"),   # with its year: a date
])
def test_a_day_and_month_after_a_cue_or_with_a_year_is_a_date(text, mention):
    assert fold(mention) in [m[0] for m in found(text, published=THU)]


def test_a_year_after_the_dual_of_year_is_a_date():
    assert [m[1] for m in found("وقمع الجيش المعارضة عامي 1965 و1966.")][:1] == [Y(1965)]
