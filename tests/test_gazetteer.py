"""The events gazetteer: what is read as the place of an event after في / in."""

from __future__ import annotations

import pytest

from marsad.events.gazetteer import lookup
from marsad.normalize import fold
from test_events import event


def place(text: str) -> str | None:
    """The label of the place the words open (matching form), or None."""
    found = lookup(fold(text).split())
    return found[0].label if found else None


@pytest.mark.parametrize("text, label", [
    ("الموصل", "Mosul, IRQ"),                  # a town of the place lexicon
    ("بغداد", "Baghdad, IRQ"),                 # a capital the country lexicon lists as a metonym
    ("تل أبيب", "Tel Aviv, ISR"),              # a metonym named as GeoNames names that city
    ("مدينة الموصل", "Mosul, IRQ"),            # a word of place before the name is passed over
    ("ضواحي مدينة حلب", "Aleppo, SYR"),
    ("Aleppo", "Aleppo, SYR"),
])
def test_named_places_are_found(text, label):
    assert place(text) == label


@pytest.mark.parametrize("text", [
    "مدينة",            # GeoNames towns whose names are ordinary nouns of news
    "بيان صادر عن الوزارة",
    "إطار التعاون",
    "الأشهر الماضية",
    "the capital",
])
def test_common_nouns_are_no_places(text):
    assert place(text) is None


@pytest.mark.parametrize("text, trigger, location", [
    ("وقتل مسلحون خمسة جنود في إطار هجماتهم على الجيش في الموصل.", "قتل", "Mosul, IRQ"),
    ("وقال الجيش في بيان إن طائرات قصفت مواقع في مدينة حلب أمس.", "قصفت", "Aleppo, SYR"),
])
def test_event_takes_the_named_place_not_a_noun(text, trigger, location):
    assert event(text, trigger).location == location
