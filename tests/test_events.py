"""Events: types, participants, modality, date, place and quantity of a trigger."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events


def events(text: str, language: str = "ar", published: date | None = None) -> list:
    """Events of a one-paragraph text, actors found first as the pipeline does."""
    mentions = extract_mentions(text, language, default_lexicon())
    return extract_events(text, language, mentions, default_events()[language], (0,), published)


def event(text: str, trigger: str, language: str = "ar", published: date | None = None):
    """The event of a given trigger."""
    [found] = [e for e in events(text, language, published) if e.trigger == trigger]
    return found


@pytest.mark.parametrize("text, trigger, etype, source, target", [
    ("أعلنت الوزارة أن بغداد وواشنطن اتفقتا على تشكيل لجنة.", "اتفقتا", "AGREE", "IRQ", "USA"),
    ("وغزت الولايات المتحدة العراق عام 2003.", "غزت", "ASSAULT", "USA", "IRQ"),
    ("بل إن العراق اتهم «التحالف» بأنه مصدر لعدم الاستقرار.", "اتهم", "ACCUSE", "IRQ", "IGO"),
    ("وتعرضت القوات الأمريكية في العراق للهجوم نحو 150 مرة من جماعات مدعومة من إيران.", "لهجوم", "ASSAULT", "IRN", "USAMIL"),
    ("ومن بين الجماعات التي تدعمها إيران وشنت هجمات على القوات الأمريكية.", "شنت هجمات", "ASSAULT", "IRN", "USAMIL"),
])
def test_type_and_participants(text, trigger, etype, source, target):
    found = event(text, trigger)
    assert found.trigger_info.event_type == etype
    assert found.source.actor.code == source and found.target.actor.code == target


@pytest.mark.parametrize("text, trigger, modality", [
    ("غير أن انسحاب القوات الأمريكية ليس وشيكا.", "انسحاب", "negated"),
    ("وقال إن الولايات المتحدة لم تسحب قواتها من العراق.", "تسحب", "negated"),
    ("وأكد أن الولايات المتحدة قد تسحب قواتها من العراق.", "تسحب", "possible"),
    ("وسحبت الولايات المتحدة قواتها من العراق في عام 2011.", "سحبت", "asserted"),
])
def test_modality(text, trigger, modality):
    found = event(text, trigger)
    assert found.modality == modality and found.factual == (modality == "asserted")


def test_date_place_and_quantity_of_the_sentence():
    found = event("وسحبت الولايات المتحدة 2500 عسكري في العراق عام 2011.", "سحبت")
    assert (found.quantity, found.quantity_unit) == (2500, "عسكري")
    assert found.location == "Iraq"
    assert (found.event_date, found.date_precision) == (date(2011, 1, 1), "year")


def test_city_from_the_gazetteer():
    found = event("وغزت الولايات المتحدة العراق وقصفت مواقع في بغداد.", "قصفت")
    assert found.location == "Baghdad, IRQ"


def test_historical_against_publication():
    found = event("وغزت الولايات المتحدة العراق عام 2003.", "غزت", published=date(2024, 1, 25))
    assert found.historical is True


def test_no_participant_no_event():
    assert [e for e in events("وقتال بين فصائل عرقية ودينية.")] == []


def test_english_event():
    found = event("U.S. forces shot down two drones near Erbil airport on Sunday.", "shot down", "en")
    assert found.trigger_info.event_type == "ASSAULT" and found.source.actor.code == "USAMIL"
    assert (found.quantity, found.quantity_unit) == (2, "drones")
