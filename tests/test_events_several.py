"""Events: several events of one type in one sentence (another protest, a second attack), each
reported with its own participants."""

from __future__ import annotations

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events


def events(text: str) -> list:
    """(type, trigger) of each factual event of an Arabic paragraph, actors found first."""
    mentions = extract_mentions(text, "ar", default_lexicon())
    return [(e.trigger_info.event_type, e.trigger)
            for e in extract_events(text, "ar", mentions, default_events()["ar"], (0,)) if e.factual]


@pytest.mark.parametrize("text, etype, count", [
    # an event noun called another (أخرى, آخر, ثانية) is a second event of its type, even with no actor
    ("وجرت تظاهرة صاخبة قرب السوق أمس، كما جرت تظاهرة أخرى قرب الجامعة مساء.", "PROTEST", 2),
    ("وقتل ثلاثة أشخاص في انفجار في سوق شعبي أمس، ووقع انفجار آخر قرب محطة للحافلات بعد ساعة.", "ASSAULT", 2),
    ("وسقط ثلاثة قتلى في غارة على سوق شعبي أمس، ثم وقعت غارة ثانية قرب المستشفى.", "ASSAULT", 2),
])
def test_another_event_of_one_type_is_its_own_event(text, etype, count):
    assert [t for t, _ in events(text)].count(etype) >= count, events(text)


@pytest.mark.parametrize("text, etype, count", [
    # one attack named twice (a verb and its noun, the noun with no actor): one event
    ("وقتل خمسة أشخاص في انفجار سيارة مفخخة في بغداد أمس، وأسفر الانفجار عن إصابة عشرين.", "ASSAULT", 1),
    # another after a word that is no event noun («مرة أخرى»: once more) adds nothing
    ("وتظاهر المئات من أهالي الموصل أمس مرة أخرى أمام مبنى المحافظة.", "PROTEST", 1),
])
def test_one_event_named_twice_stays_one(text, etype, count):
    assert [t for t, _ in events(text)].count(etype) == count, events(text)


def targets(text: str) -> list:
    """(type, trigger, target group or code) of each event of an Arabic paragraph."""
    mentions = extract_mentions(text, "ar", default_lexicon())
    return [(e.trigger_info.event_type, e.trigger, e.target and (e.target.actor.name if e.target.kind == "collective"
                                                                 else e.target.actor.code))
            for e in extract_events(text, "ar", mentions, default_events()["ar"], (0,))]


@pytest.mark.parametrize("text, etype, trigger, target", [
    # a collective that only suffers, behind the dative ل after an attack noun and its adjectives
    ("وتضمن التقرير القصف العشوائي للمدنيين في مدينة حمص خلال الأسبوع الماضي.", "ASSAULT", "القصف", "Civilians"),
    ("ورصدت المنظمة الاستهداف الممنهج للمدنيين في درعا يوم الخميس.", "ASSAULT", "الاستهداف", "Civilians"),
])
def test_sufferer_behind_dative_is_the_target(text, etype, trigger, target):
    assert (etype, trigger, target) in targets(text), targets(text)


@pytest.mark.parametrize("text", [
    # ل before an actor that may act (a group, a country) is no target: هجوم لداعش is ISIS's attack
    "وتبنى التنظيم هجوما لداعش على حاجز في سيناء أمس.",
    # ل + civilians far from the noun, past other words: no tie
    "ووقع القصف أمس قرب المستشفى الذي يقدم العلاج للمدنيين في حمص.",
])
def test_dative_without_sufferer_gives_no_target(text):
    assert all(t != "Civilians" for _, _, t in targets(text)), targets(text)
