"""Date grammars: per-language data files, read once; a language without one has no dates."""

from __future__ import annotations

import re
from datetime import date

import pytest

from marsad import dates
from marsad.dates import WEEKDAYS, find_dates, find_weekday, grammar, load_grammar
from marsad.errors import LexiconError

# A third language written as data only: French day-month-year dates, years after en, hier/demain.
FRENCH = r"""
[months]
janvier = 1
"février" = 2
juillet = 7

[modifiers]
past = ["dernier"]

[words]
weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
cues = ["en", "depuis"]

[day_offsets]
"aujourd'hui" = 0
hier = -1
demain = 1

[patterns]
weekday = '(?i)(?<!\w)({weekdays})(?!\w)'
since_before = '(?<!\w)(?i:depuis)\s+$'

[anchors]
month = "(?i:{months})"
year = "{year_digits}"
relday = "{day_offsets}"

[[rules]]
kind = "month"
value = "month"
pattern = '(?<!\w)(?P<d>(?:(?P<day>[0-3]?\d)\s+)?(?P<month>{months})(?:\s+{year}|\s+(?P<mod>{modifiers.past}))?)(?!\w)'

[[rules]]
kind = "year"
value = "year"
pattern = '(?<!\w)(?i:{cues})\s+(?P<d>{year})(?!\w)'

[[rules]]
kind = "relday"
value = "relative_day"
pattern = '(?<!\w)(?P<d>(?P<rel>{day_offsets}))(?!\w)'
"""
PUB = date(2024, 3, 15)


@pytest.fixture
def french(tmp_path, monkeypatch):
    """A French grammar installed beside the packaged ones (as a lang/fr/dates folder would be)."""
    path = tmp_path / "grammar.toml"
    path.write_text(FRENCH, encoding="utf-8")
    loaded, packaged = load_grammar(path, "fr"), dates.grammar
    monkeypatch.setattr(dates, "grammar", lambda code: loaded if code == "fr" else packaged(code))
    return loaded


def spans(text: str, language: str, published: date | None = PUB) -> list[tuple]:
    """(text, value, precision, since) of every date found."""
    return [(m.text, m.value, m.precision, m.since) for m in find_dates(text, language, published)]


@pytest.mark.parametrize("text, expected", [
    ("signé le 25 janvier 2024 à Paris", [("25 janvier 2024", date(2024, 1, 25), "day", False)]),
    ("depuis juillet dernier", [("juillet dernier", date(2023, 7, 1), "month", True)]),
    ("élu en 2019", [("2019", date(2019, 1, 1), "year", False)]),
    ("arrivé hier", [("hier", date(2024, 3, 14), "day", False)]),
    ("le 2024-01-25", []),          # the grammar lists no ISO rule: none
    ("le 25 Janvier", []),          # months are matched as written
])
def test_a_third_language_is_a_data_file(french, text, expected):
    assert spans(text, "fr") == expected


def test_a_third_language_has_weekdays(french):
    assert find_weekday("Jeudi soir", "fr") == 3
    assert WEEKDAYS["fr"][0] == "lundi"


@pytest.mark.parametrize("code", ["fr", "xx", "de"])
def test_a_language_without_a_dates_file_has_no_dates(code):
    assert grammar(code) is None
    assert find_dates("في 25 يناير 2024 on 25 January 2024, 2024-01-25", code, PUB) == []
    assert find_weekday("Monday الخميس", code) is None
    assert code not in WEEKDAYS and WEEKDAYS.get(code, ()) == ()


@pytest.mark.parametrize("code", [None, ""])
def test_no_language_has_no_dates(code):
    assert grammar(code) is None and find_dates("25 January 2024", code, PUB) == []


def test_packaged_grammars_are_read_once():
    assert grammar("ar") is grammar("ar") and grammar("en") is grammar("en")
    assert set(WEEKDAYS) >= {"ar", "en"}


@pytest.mark.parametrize("broken, message", [
    (FRENCH.replace("{cues}", "{nouns}"), "no word list 'nouns'"),
    (FRENCH.replace('value = "year"', 'value = "era"'), "value 'era' is not one of"),
    (FRENCH.replace('kind = "year"', 'kind = "decade"'), "kind 'decade' is not one of the [anchors]"),
    (FRENCH.replace('kind = "year"', 'kind = "prefix"'), "kind 'prefix' is not one of the [anchors]"),
    (FRENCH.replace(r"(?P<rel>{day_offsets})", r"(?P<rel>{day_offsets}"), "missing )"),
    (FRENCH.replace("[months]", "[months"), "grammar.toml"),
    (FRENCH.replace('past = ["dernier"]', 'past = "dernier"'), "[modifiers.past] must be a list of strings"),
    (FRENCH.replace('cues = ["en", "depuis"]', 'cues = "en"'), "[words.cues] must be a list of strings"),
    (FRENCH.replace("juillet = 7", 'juillet = "7"'), "[months] must map words to int values"),
    (FRENCH.replace(r"(?P<d>(?P<rel>{day_offsets}))", r"(?P<d>{day_offsets})"), "needs the groups rel"),
])
def test_a_malformed_grammar_names_its_file(tmp_path, broken, message):
    path = tmp_path / "grammar.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(message)) as err:
        load_grammar(path, "fr")
    assert str(path) in str(err.value)


@pytest.mark.parametrize("words, text, expected", [
    (["اب", "ابريل"], "ابريل", "ابريل"),                       # the longest first
    (["اب", "ابريل"], "ابرز", "اب"),
    (["امس", "امس الاول", "اول من امس", "اول امس"], "امس   الاول", "امس   الاول"),   # a space is any whitespace
    (["اول من امس", "اول امس"], "اول امس", "اول امس"),
    (["a.b"], "axb", None),                                     # words are literal
    ([], "anything", None),
])
def test_word_lists_become_tries(words, text, expected):
    m = re.match(dates._trie(words), text)
    assert (m.group() if m else None) == expected
