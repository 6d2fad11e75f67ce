# dateparser 1.5.0 resolved 67 of 118 Arabic, 26 of 29 English test forms (parse or search_dates); not used.
"""Date expressions in news text: explicit dates, years, months, weekdays and relative phrases.

Everything works on the matching form (`marsad.normalize.fold`). Relative expressions resolve
against the publication date; a weekday near a reporting verb is what claims use today.
Spans follow the gold annotation: unit words (عام, يوم, شهر) and English early/late/mid are in;
prepositions (في, منذ, since) are out, except English in/on directly before a month or weekday.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from hijridate import Gregorian, Hijri

from .normalize import fold

# Weekday names in the matching form, Monday = 0 (datetime.weekday()).
WEEKDAYS = {
    "ar": ["الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد"],
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
}
WEEKDAY_RE = {code: re.compile(r"(?<!\w)(?:يوم\s+)?(?:[وف]?[بل]?)?(" + "|".join(names) + r")(?!\w)",
                               re.IGNORECASE) for code, names in WEEKDAYS.items()}


def find_weekday(text: str, language: str) -> int | None:
    """The weekday (Monday = 0) named in a piece of matching text, if any."""
    pattern = WEEKDAY_RE.get(language)
    m = pattern.search(text) if pattern else None
    return WEEKDAYS[language].index(m.group(1).lower()) if m else None


def resolve_weekday(weekday: int, published: datetime | date | None) -> tuple[date | None, str]:
    """The latest such weekday on or before publication, with precision `day`; `relative` if unknown."""
    if published is None:
        return None, "relative"
    day = published.date() if isinstance(published, datetime) else published
    return day - timedelta(days=(day.weekday() - weekday) % 7), "day"


def folded_weekday(text: str, language: str) -> int | None:
    """find_weekday on raw text (folds it first)."""
    return find_weekday(fold(text), language)


@dataclass(frozen=True)
class DateMention:
    """One date expression: its span, the first day it names and how precisely."""

    start: int          # offsets in the matching-form text given
    end: int
    text: str           # the matched text (matching form)
    value: date | None  # first day of the period: 2023-08-01 for "August 2023"; None when unresolved
    precision: str      # "day", "month", "year", or "relative" (a relative expression not resolved)
    since: bool = False  # introduced by منذ / since


# Month names in the matching form -> month number: MSA, Levantine/Iraqi, Maghrebi.
AR_MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6,
    "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
}
# Hijri (Umm al-Qura) month names in the matching form -> month number; Saudi and Gulf papers
# print dates as «15 شوال 1436 هـ» or «1436/10/15هـ», often beside the Gregorian one.
AR_HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الاخر": 4, "ربيع الثاني": 4, "جمادي الاولي": 5,
    "جمادي الاخره": 6, "جمادي الثانيه": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}
HIJRI_YEAR = r"1[34]\d\d"  # 1300-1499 AH (1882-2077): the years hijridate converts
# Names that are also common words (father, "he practised", Theresa May, Nissan): alone they
# need a cue word before them; اب needs a day, a year, a relative word or a paired name.
AR_AMBIGUOUS = {"مارس", "ماي", "نيسان"}
# English month names and abbreviations, keyed by their first three letters.
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December",
             "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
EN_MONTH_NUMBER = {name[:3]: i + 1 for i, name in enumerate(EN_MONTHS[:12])}

# Words after a period that place it relative to publication (الماضي = last, المقبل = next).
MODIFIERS = {
    "past": ("الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "last", "Last"),
    "this": ("الجاري", "الجاريه", "الحالي", "الحاليه", "this", "This", "earlier this",
             "Earlier this", "later this", "Later this"),
    "next": ("المقبل", "المقبله", "القادم", "القادمه", "next", "Next"),
    "same": ("نفسه", "ذاته", "نفسها", "ذاتها", "نفس"),
}
MODIFIER_OF = {word: kind for kind, words in MODIFIERS.items() for word in words}
STEP = {"past": -1, "this": 0, "next": 1}  # periods from publication's, by modifier
Resolved = tuple[date | None, str] | None  # a rule's value and precision; None rejects the match
SAME_YEAR = 1  # placeholder year of "من العام نفسه": filled from the previous dated mention

# Cue words after which a bare year or an ambiguous month name is a date.
AR_CUES = "في|منذ|حتي|قبل|بعد|خلال|بحلول|شهر|مطلع|اوائل|اواخر|منتصف|نهايه|بدايه|اواسط"
EN_CUES = "in|since|until|by|from|before|after|during|of|through|between|and|early|late|mid|last|next|this"
# Nouns counted by a number: "حتى 2000 شخص" is a quantity, not a year.
COUNTED_AFTER = re.compile(r"\s+(?:شخص|عسكري|جندي|مقاتل|قتيل|مدني|طفل|دولار|يورو|كيلومتر|كيلو|متر|طن|برميل|"
                           r"منزل|troops|soldiers|people|dollars|km|miles|tons|barrels)(?!\w)")
CLAUSE_END = re.compile(r"\s*(?:[،,.؛:)]|$)")  # a bare الاثنين is Monday only before one


def _alt(names) -> str:
    """A regex alternation of names, longest first, spaces matching any whitespace."""
    return "|".join(n.replace(" ", r"\s+") for n in sorted(names, key=len, reverse=True))


# Regex alternations of the names above, and the pieces the patterns below are built from.
AR_MONTH = _alt(AR_MONTHS)
AR_WEEKDAY = _alt(WEEKDAYS["ar"])
EN_MONTH = _alt(EN_MONTHS)
EN_WEEKDAY = _alt(name.capitalize() for name in WEEKDAYS["en"])
YEAR_DIGITS = r"(?:19|20)\d\d|2100"  # plausible years
YEAR = rf"(?P<year>{YEAR_DIGITS})(?![\d]|[.,]\d)"
AR_PAIR = (rf"(?:\(\s*(?:{AR_MONTH})\s*\)\s*(?:{AR_MONTH})"  # (آب) أغسطس, أغسطس/آب, أغسطس (آب), أكتوبر تشرين الأول
           rf"|(?:{AR_MONTH})(?:\s*[/-]\s*|\s*\(\s*|\s+)(?:{AR_MONTH})(?:\s*\))?)")
AR_MOD = _alt(w for kind in ("past", "this", "next") for w in MODIFIERS[kind] if w[0] > "z")
AR_SAME = _alt(MODIFIERS["same"])
AR_YEAR_TAIL = (rf"(?:\s+(?:من\s+)?(?:ال)?(?:عام|سنه))?\s+{YEAR}(?:\s*م(?!\w))?"  # يناير (من العام) 2024
                rf"|\s+من\s+(?:(?:ال)?(?:عام|سنه)\s+(?P<rel>{AR_MOD}|{AR_SAME})"  # من العام الماضي / نفسه
                rf"|(?P<rel2>نفس)\s+(?:ال)?(?:عام|سنه))"
                rf"|\s+(?P<mod>{AR_MOD})")  # يناير الماضي


def _ar_date(month: str) -> re.Pattern:
    """Arabic day? + month (single or paired) + year or relative tail?"""
    return re.compile(rf"(?<!\w)و?(?P<d>(?:(?P<day>[0-3]?\d)\s+(?:من\s+)?)?(?P<shahr>شهر\s+)?"
                      rf"(?P<month>{month})(?:{AR_YEAR_TAIL})?)(?!\w)")


def _en_date() -> re.Pattern:
    """English month with day and/or year, or alone (optionally early/late/mid, last/next)."""
    return re.compile(
        rf"(?<!\w)(?P<d>(?:(?:[Ii]n|[Oo]n)\s+(?=[A-Z]))?(?:(?P<qual>[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?"
        rf"(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?:(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
        rf"(?P<month>{EN_MONTH})(?:\.(?=\s*\d))?(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?"
        rf"(?:,?\s+(?:of\s+)?{YEAR})?)(?!\w)")


def _as_day(published: date | datetime | None) -> date | None:
    """The publication date as a date."""
    return published.date() if isinstance(published, datetime) else published


def _shift_month(first: date, months: int) -> date:
    """The first day of the month `months` away from `first`'s month."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _year_for(month: int, pub: date, mod: str | None) -> int:
    """The year of a month named without one: most recent not after publication, or as modified."""
    if mod == "this":
        return pub.year
    if mod == "next":
        return pub.year + (month <= pub.month)
    strictly = mod == "past"
    return pub.year - (month > pub.month or (strictly and month == pub.month))


# A cue word ending right before a candidate, and منذ / since ending right before a mention.
CUE_BEFORE = {"ar": re.compile(rf"(?<!\w)[وف]?(?:{AR_CUES})\s+$"),
              "en": re.compile(rf"(?<!\w)(?i:{EN_CUES})[\s-]+$")}
AR_QUAL = "مطلع|اوائل|اواخر|منتصف|نهايه|بدايه|اواسط"  # start, end, middle of a period
# What may stand right before a day and month written without a year for it to be a date: a
# cue, a word of time or of dating (بتاريخ, الموافق), a weekday, من/إلى/بين/و/أو of a range, a
# number or a mark; set from the words before such dates on 15,000 corpus articles (a noun there,
# ثورة, قصر, قوى, مدينة, شارع, هجمات, makes the date a name).
AR_DATE_BEFORE = re.compile(rf"(?:[^\w\s]|\d|\n|(?<!\w)[وف]?[بل]?(?:{AR_CUES}|{AR_QUAL}|{AR_WEEKDAY}|يوم|يومي|ليله"
                            r"|صباح|مساء|فجر|ظهر|عصر|من|الي|بين|و|او|تاريخ|الموافق|يوافق))\s*$")
SINCE_BEFORE = {"ar": re.compile(rf"(?<!\w)[وف]?منذ\s+(?:(?:{AR_QUAL})\s+)?$"),
                "en": re.compile(r"(?<!\w)(?i:since)\s+$")}
# What follows اليوم when it is not "today": the next day, the day itself, «المشرق اليوم».
NOT_TODAY = re.compile(r"\s*[»\"']|\s+(?:التالي|نفسه|ذاته|الاول|الثاني|الثالث|الاخير|الذي|العالمي|"
                       r"الوطني|الدولي|السابق|الموعود)(?!\w)")
NOT_TODAY_BEFORE = re.compile(r"(?<!\w)(?:باقي|بقيه|طوال|طيله|نفس|ذلك|هذا|اخر|منتصف|نهايه|بدايه|مدار)"
                              r"\s+$")  # the rest of the day, all day long, that day
# Day offsets of relative day words.
DAY_OFFSETS = {"اليوم": 0, "غدا": 1, "امس": -1, "الامس": -1, "بالامس": -1,
               "اول امس": -2, "اول من امس": -2, "امس الاول": -2,
               "today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}
AR_PART_OF_DAY = "يوم|صباح|مساء|ليله|فجر|ظهر|عصر"  # "يوم/مساء الخميس" belong to the mention
EN_PART_OF_DAY = "morning|afternoon|evening|night"


def _words(text: str) -> str:
    """Text with runs of whitespace made single spaces."""
    return re.sub(r"\s+", " ", text)


def _cue(m: re.Match, text: str, language: str) -> bool:
    """Whether a cue word ends right before the mention."""
    return CUE_BEFORE[language].search(text[max(0, m.start("d") - 25):m.start("d")]) is not None


def _month_value(month: int, day: int | None, year: int | None, mod: str | None,
                 pub: date | None) -> tuple[date | None, str]:
    """Value and precision of a month (with day?) whose year is given, modified or implied."""
    precision = "day" if day else "month"
    if year is None:
        if mod == "same":
            year = SAME_YEAR
        elif pub is None:
            return None, precision
        else:
            year = _year_for(month, pub, mod)
    try:
        return date(year, month, day or 1), precision
    except ValueError:  # 31 فبراير: keep the month
        return date(year, month, 1), "month"


def _ar_date_value(m: re.Match, text: str, pub: date | None, language: str) -> Resolved:
    """An Arabic day/month/year mention; None for mixed pairs and bare ambiguous names."""
    names = [_words(n) for n in AR_MONTH_RE.findall(m["month"])]
    if not _month_named(m, names, text, language):
        return None
    month, day, rel = AR_MONTHS[names[0]], _day(m["day"]), m["rel"] or m["rel2"]
    if m["year"] or not rel:
        return _month_value(month, day, m["year"] and int(m["year"]), MODIFIER_OF.get(m["mod"]), pub)
    kind = MODIFIER_OF[rel]
    if kind == "same":
        return _month_value(month, day, None, "same", pub)
    if pub is None:
        return None, "day" if day else "month"
    return _month_value(month, day, pub.year + STEP[kind], None, pub)


def _month_named(m: re.Match, names: list[str], text: str, language: str) -> bool:
    """Whether the month names found are one month, and a date here (آب/مارس alone are words;
    a day and month with no year after a noun name a place or an event: مدينة 6 أكتوبر)."""
    if len({AR_MONTHS[n] for n in names}) != 1:
        return False
    placed = bool(m["year"] or m["mod"] or m["rel"] or m["rel2"])
    if m["day"] and not placed:
        return _dated_here(m, text)      # جسر 6 أكتوبر: a name; في 6 أكتوبر: a date
    if len(names) > 1 or placed:
        return True
    return names[0] != "اب" and (names[0] not in AR_AMBIGUOUS or bool(m["shahr"]) or _cue(m, text, language))


def _dated_here(m: re.Match, text: str) -> bool:
    """Whether the words before a day and month make it a date: a word of time or a preposition
    (في, يوم, منذ, حتى, الموافق, a weekday), a number or a mark, or the start of the text; after
    any other word it is the name of a place or an event (جسر 6 أكتوبر, حرب 6 أكتوبر, هجمات 11
    سبتمبر), not a date of this text's events."""
    start = m.start()
    before = text[max(0, start - 30):start]
    return start < 30 and not before.strip() or AR_DATE_BEFORE.search(before) is not None


def _day(digits: str | None) -> int | None:
    """A day of the month from its digits."""
    return int(digits) if digits and 1 <= int(digits) <= 31 else None


def _en_date_value(m: re.Match, text: str, pub: date | None, language: str) -> Resolved:
    """An English day/month/year mention; abbreviations need a day or year, May a cue."""
    day, year = _day(m["day"] or m["day2"]), m["year"] and int(m["year"])
    name = m["month"]
    if not (day or year) and (name not in EN_MONTHS[:12] or name == "May" and not (
            m["qual"] or m["mod"] or m["d"][:3].lower() in ("in ", "on ") or _cue(m, text, language))):
        return None
    return _month_value(EN_MONTH_NUMBER[name[:3]], day, year, MODIFIER_OF.get(m["mod"]), pub)


def _hijri_value(m: re.Match, text: str, pub: date | None, language: str) -> Resolved:
    """A Hijri month with a day or a year («15 شوال 1436 هـ»); a month named alone is not a
    date («رمضان» is also a name)."""
    return _hijri(m["hyear"], AR_HIJRI_MONTHS[_words(m["hmonth"])], m["hday"], pub)


def _hijri_numeric_value(m: re.Match, text: str, pub: date | None, language: str) -> Resolved:
    """A numeric Hijri date: 1436/10/15هـ or 15/10/1436."""
    return _hijri(m["hyear"] or m["hyear2"], int(m["hmon"] or m["hmon2"]), m["hday"] or m["hday2"], pub)


def _hijri(year: str | None, month: int, day: str | None, pub: date | None) -> Resolved:
    """The Gregorian day of a Hijri date (the first day of its month without a day); a date
    without a year is the latest such day not after publication; impossible dates are None."""
    day_n = _day(day)
    if not (day_n or year) or not 1 <= month <= 12 or (year is None and pub is None):
        return None
    if year is None:
        now = Gregorian(pub.year, pub.month, pub.day).to_hijri()
        year_n = now.year - ((month, day_n) > (now.month, now.day))
    else:
        year_n = int(year)
    try:
        return date(*Hijri(year_n, month, day_n or 1).to_gregorian().datetuple()), "day" if day_n else "month"
    except (ValueError, OverflowError):
        return None


def _year_value(m: re.Match, text: str, pub: date | None, language: str) -> Resolved:
    """A year; None when a counted noun follows ("في 2000 شخص")."""
    if COUNTED_AFTER.match(text, m.end()):
        return None
    return date(int(m["year"]), 1, 1), "year"


def _numeric_value(m: re.Match, text: str, pub: date | None, language: str) -> Resolved:
    """A numeric date: 2024-01-25 or 25/1/2024."""
    try:
        return date(int(m["year"]), int(m["mon"]), int(m["mday"])), "day"
    except ValueError:
        return None


def _weekday_value(m: re.Match, text: str, pub: date | None, language: str) -> Resolved:
    """A weekday: the latest on or before publication, or strictly before/after with last/next."""
    name = m["wd"].lower()
    if name == "الاثنين" and not (m["unit"] or m["mod"] or CLAUSE_END.match(text, m.end())):
        return None  # bare الاثنين is also "the two"
    weekday, mod = WEEKDAYS[language].index(name), MODIFIER_OF.get(m["mod"])
    if pub is None:
        return None, "relative"
    if mod == "past":
        return pub - timedelta(days=(pub.weekday() - weekday - 1) % 7 + 1), "day"
    if mod == "next":
        return pub + timedelta(days=(weekday - pub.weekday() - 1) % 7 + 1), "day"
    return resolve_weekday(weekday, pub)


def _relative_day_value(m: re.Match, text: str, pub: date | None, language: str) -> Resolved:
    """Today, yesterday and the like: publication date plus an offset."""
    rel = _words(m["rel"]).lower()
    if rel == "غدا" and not m.groupdict().get("wd"):
        return None  # غدا alone is also "became"
    if rel == "اليوم" and (NOT_TODAY_BEFORE.search(text[max(0, m.start("d") - 15):m.start("d")])
                           or m["d"].endswith("اليوم") and NOT_TODAY.match(text, m.end())):
        return None
    if pub is None:
        return None, "relative"
    return pub + timedelta(days=DAY_OFFSETS[rel]), "day"


def _period_value(m: re.Match, text: str, pub: date | None, language: str) -> Resolved:
    """Last/this/next week, month or year (the week as its Monday); the same year as before."""
    g = m.groupdict()
    word = _words(g.get("mod") or g.get("this") or "")
    mod = "this" if word in ("هذا", "هذه") or g.get("qual") else MODIFIER_OF.get(word)
    unit = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year"}.get(g["unit"], g["unit"])
    if mod is None or mod == "same" and unit != "year":
        return None
    if mod == "same":
        return date(SAME_YEAR, 1, 1), "year"
    if pub is None:
        return None, "relative"
    step = STEP[mod]
    if unit == "week":
        return pub - timedelta(days=pub.weekday() - 7 * step), "day"
    if unit == "month":
        return _shift_month(pub.replace(day=1), step), "month"
    return date(pub.year + step, 1, 1), "year"


AR_HIJRI_MONTH = _alt(AR_HIJRI_MONTHS)
HIJRI_SIGN = r"\s*ه(?!\w)"  # هـ once folded
AR_HIJRI = (rf"(?<!\w)[وف]?[بل]?(?P<d>(?:(?P<hday>[0-3]?\d)\s+(?:من\s+)?)?(?:شهر\s+)?(?P<hmonth>{AR_HIJRI_MONTH})"
            rf"(?:\s+(?:من\s+)?(?:(?:ال)?(?:عام|سنه)\s+)?(?P<hyear>{HIJRI_YEAR})(?:{HIJRI_SIGN})?)?)(?!\w)")
AR_HIJRI_NUMERIC = (rf"(?<![\w/.-])(?P<d>(?:(?P<hyear>{HIJRI_YEAR})/(?P<hmon>[01]?\d)/(?P<hday>[0-3]?\d)"
                    rf"|(?P<hday2>[0-3]?\d)/(?P<hmon2>[01]?\d)/(?P<hyear2>{HIJRI_YEAR}))(?:{HIJRI_SIGN})?)(?![\w/.-])")
AR_MONTH_RE = re.compile(rf"(?<!\w)(?:{AR_MONTH})(?!\w)")
AR_UNIT = r"(?P<unit>الاسبوع|الشهر|العام|السنه)"  # periods that الماضي / المقبل place
ISO = rf"(?<![\w/-])(?P<d>{YEAR}-(?P<mon>[01]\d)-(?P<mday>[0-3]\d))(?![\w/-])"
# Each language's rules: the kind of word that anchors it, its pattern (the mention is group d),
# and the function giving value and precision (None rejects the match).
RULES = {
    "ar": [
        ("month", _ar_date(AR_PAIR), _ar_date_value),
        ("month", _ar_date(AR_MONTH), _ar_date_value),
        ("year", re.compile(rf"(?<!\w)[وف]?(?:ب|ل|لل(?=عام|سنه))?(?P<d>(?:ال)?(?:عامي|سنتي|عام|سنه)\s+{YEAR}"
                            rf"(?:\s*م(?!\w))?)(?!\w)"), _year_value),
        ("year", re.compile(rf"(?<!\w)[وف]?(?:{AR_CUES.replace('شهر|', '')})\s+"
                            rf"(?P<d>{YEAR}(?:\s*م(?!\w))?)(?!\w)"), _year_value),
        ("year", re.compile(rf"(?<!\w)(?P<d>{YEAR}\s*م)(?!\w)"), _year_value),
        ("hijri", re.compile(AR_HIJRI), _hijri_value),
        ("hijri", re.compile(AR_HIJRI_NUMERIC), _hijri_numeric_value),
        ("year", re.compile(ISO), _numeric_value),
        ("year", re.compile(rf"(?<![\w/.-])(?P<d>(?P<mday>[0-3]?\d)([/.-])(?P<mon>[01]?\d)\3{YEAR})(?![\w/.-])"),
         _numeric_value),
        ("weekday", re.compile(rf"(?<!\w)[وف]?[بل]?(?P<d>(?:(?P<unit>{AR_PART_OF_DAY})\s+)?(?P<wd>{AR_WEEKDAY})"
                               rf"(?:\s+(?P<mod>{AR_MOD}))?)(?!\w)"), _weekday_value),
        ("relday", re.compile(rf"(?<!\w)[وف]?(?P<d>(?:(?:{AR_PART_OF_DAY})\s+)?"
                              rf"(?P<rel>اول\s+(?:من\s+)?امس|امس\s+الاول|(?:ب?ال)?امس|اليوم|غدا)"
                              rf"(?P<wd>\s+(?:يوم\s+)?(?:{AR_WEEKDAY})|\s*\(\s*(?:{AR_WEEKDAY})\s*\))?)(?!\w)"),
         _relative_day_value),
        ("period", re.compile(rf"(?<!\w)[وف]?[بل]?(?P<d>(?:(?P<this>هذا|هذه|نفس)\s+)?{AR_UNIT}"
                              rf"(?:\s+(?P<mod>{AR_MOD}|{AR_SAME}))?)(?!\w)"), _period_value),
        ("period", re.compile(rf"(?<!\w)[وف]?[بل]?(?P<d>(?P<qual>{AR_QUAL})\s+(?P<unit>العام|السنه))(?!\w)"
                              rf"(?!\s+(?:\d|ال|نفس|ذات))"), _period_value),
    ],
    "en": [
        ("month", _en_date(), _en_date_value),
        ("year", re.compile(rf"(?<!\w)(?i:{EN_CUES})[\s-]+(?P<d>{YEAR})(?!\w)"), _year_value),
        ("year", re.compile(ISO), _numeric_value),
        ("weekday", re.compile(rf"(?<!\w)(?P<d>(?:[Oo]n\s+)?(?:(?P<mod>[Ll]ast|[Nn]ext)\s+)?(?P<wd>{EN_WEEKDAY})"
                               rf"(?:\s+(?P<unit>{EN_PART_OF_DAY}))?)(?!\w)"), _weekday_value),
        ("relday", re.compile(r"(?<!\w)(?P<d>(?P<rel>[Tt]oday|[Yy]esterday|[Tt]omorrow"
                              r"|the\s+day\s+before\s+yesterday))(?!\w)"), _relative_day_value),
        ("period", re.compile(r"(?<!\w)(?P<d>(?P<mod>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier\s+this|[Ll]ater\s+this)\s+"
                              r"(?P<unit>week|month|year))(?!\w)"), _period_value),
    ],
}
# One pass finds the words that anchor each kind of rule; the rules then run only near them
# (scanning the whole text with every rule cost four times as much).
GATES = {
    "ar": re.compile(rf"(?<!\w)(?:[وفبل]|لل|[وف][بل])?(?:(?P<month>{AR_MONTH})|(?P<year>{YEAR_DIGITS})"
                     rf"|(?P<weekday>{AR_WEEKDAY})|(?P<relday>امس|الامس|اليوم|غدا)"
                     rf"|(?P<period>الاسبوع|الشهر|العام|السنه)|(?P<hijri>{AR_HIJRI_MONTH}|{HIJRI_YEAR}))"),
    "en": re.compile(rf"(?<!\w)(?:(?P<month>{EN_MONTH})|(?P<year>{YEAR_DIGITS})|(?P<weekday>{EN_WEEKDAY})"
                     r"|(?P<relday>(?i:today|yesterday|tomorrow))|(?P<period>(?i:week|month|year)))"),
}
REACH = (40, 60)  # characters a mention reaches before and after its anchor word
# Rules whose mentions merge with an explicit date right after them: "الخميس 25 يناير 2024".
LEADING = (_weekday_value, _relative_day_value)


def find_dates(text: str, language: str, published: date | datetime | None = None) -> list[DateMention]:
    """Every date expression in a matching-form text, in order, non-overlapping (longest first)."""
    pub, windows = _as_day(published), _windows(text, language)
    found = [(m.start("d"), m.end("d"), resolved, resolve in LEADING)
             for kind, pattern, resolve in RULES.get(language, ())
             for a, b in windows.get(kind, ())
             for m in pattern.finditer(text, a, b)
             if (resolved := resolve(m, text, pub, language)) is not None]
    mentions = _merge_leading(text, _longest_first(found))
    return _fill_same_year([_mention(text, language, *f[:3]) for f in mentions])


def _windows(text: str, language: str) -> dict[str, list[tuple[int, int]]]:
    """Per kind of rule, the merged stretches of text around its anchor words."""
    spans: dict[str, list[tuple[int, int]]] = {}
    gate = GATES.get(language)
    for m in gate.finditer(text) if gate else ():
        a, b = max(0, m.start() - REACH[0]), min(len(text), m.end() + REACH[1])
        kind = spans.setdefault(m.lastgroup, [])
        if kind and a <= kind[-1][1]:
            kind[-1] = (kind[-1][0], b)
        else:
            kind.append((a, b))
    return spans


def _longest_first(found: list[tuple]) -> list[tuple]:
    """The candidates kept when longer ones win overlaps, in text order."""
    kept: list[tuple] = []
    for cand in sorted(found, key=lambda c: (c[0] - c[1], c[0])):
        if all(cand[1] <= k[0] or k[1] <= cand[0] for k in kept):
            kept.append(cand)
    return sorted(kept)


def _merge_leading(text: str, found: list[tuple]) -> list[tuple]:
    """Join a weekday or "today" with the explicit day date that directly follows it."""
    out: list[tuple] = []
    for cand in found:
        prev = out[-1] if out else None
        if (prev and prev[3] and not cand[3] and cand[2][1] == "day"
                and re.fullmatch(r"[\s،,(-]*", text[prev[1]:cand[0]])):
            out[-1] = (prev[0], cand[1], cand[2], False)
        else:
            out.append(cand)
    return out


def _mention(text: str, language: str, start: int, end: int, resolved: tuple) -> DateMention:
    """A DateMention for a kept candidate, flagged when منذ / since introduces it."""
    since = SINCE_BEFORE[language].search(text[max(0, start - 25):start]) is not None
    return DateMention(start, end, text[start:end], resolved[0], resolved[1], since)


def _fill_same_year(mentions: list[DateMention]) -> list[DateMention]:
    """Give "من العام نفسه" the year of the last dated mention before it (unresolved if none)."""
    out, year = [], None
    for mention in mentions:
        if mention.value and mention.value.year == SAME_YEAR:
            value = mention.value.replace(year=year) if year else None
            unresolved = "relative" if mention.precision == "year" else mention.precision
            mention = replace(mention, value=value, precision=mention.precision if value else unresolved)
        elif mention.value:
            year = mention.value.year
        out.append(mention)
    return out
