"""Events read through a frame: verdicts (what a speaker calls an actor's act), appositions of the
subject, first-person verbs of a speaker. Sentences written for these tests."""

from __future__ import annotations

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events


def events(text: str) -> list:
    """Events of a one-paragraph Arabic text, actors found first as the pipeline does."""
    return extract_events(text, "ar", extract_mentions(text, "ar", default_lexicon()), default_events()["ar"], (0,))


def found(text: str, etype: str) -> list[tuple[str | None, str | None]]:
    """(source code, target code) of every event of a type."""
    return [(e.source.actor.code if e.source else None, e.target.actor.code if e.target else None)
            for e in events(text) if e.trigger_info.event_type == etype]


@pytest.mark.parametrize("text, target", [
    # a verdict word calls an actor's act a threat, aggression, a breach
    ("وأكد وزير الخارجية السعودي أن ما تقوم به إيران في المنطقة يعد عدوانا سافرا.", "IRN"),
    ("واعتبرت الحكومة اليمنية أن التمرد الذي تقوده جماعة الحوثي تهديدا خطيرا للسلام.", "YEMREB"),
    ("واعتبر أن ما قامت به جماعة الحوثي يشكل خرقا للهدنة.", "YEMREB"),
    # a speaker names the accused right after a word of blame
    ("وقال الرئيس الفلسطيني محمود عباس إن إرهاب المستوطنين لا يمكن السكوت عليه.", "PSECVL"),
    ("وأكد وزير الإعلام اليمني أن جرائم الحوثيين لن تمر دون عقاب.", "YEMREB"),
])
def test_verdict_is_an_accusation(text, target):
    accusations = found(text, "ACCUSE")
    assert accusations, text
    assert any(t == target for _, t in accusations)


@pytest.mark.parametrize("text", [
    "وتواصل المملكة جهودها في مكافحة الإرهاب في المنطقة.",        # a kind of act, no accused
    "وقال الوزير إن المحكمة تنظر في جرائم الحرب.",                 # no actor named as its author
    "وتحدث المسؤول عن الجرائم الإلكترونية في السعودية.",            # a place, no accused
])
def test_blame_word_without_frame_or_accused_is_no_event(text):
    assert found(text, "ACCUSE") == []


def test_threat_noun_outside_a_verdict_keeps_its_type():
    assert found("وجدد الحوثيون تهديدهم للسعودية أمس.", "ACCUSE") == []


@pytest.mark.parametrize("text, etype, source, target", [
    ("وهدد الرئيس المصري عبد الفتاح السيسي جماعة الإخوان المسلمين.", "THREATEN", "EGYGOV", "EGYOPP"),
    ("وحذر وزير الخارجية السعودي عادل الجبير إيران من التدخل.", "THREATEN", "SAUGOV", "IRN"),
])
def test_name_after_a_title_restates_the_subject(text, etype, source, target):
    assert found(text, etype) == [(source, target)]


@pytest.mark.parametrize("text, etype, source, target", [
    ("وقال وزير الخارجية الإيراني: «نطالب الولايات المتحدة برفع العقوبات».", "DEMAND", "IRNGOV", "USA"),
    ("وقال الرئيس الفلسطيني: «نحمل الإدارة الأمريكية المسؤولية الكاملة».", "ACCUSE", "PSEGOV", "USAGOV"),
    ("وقالت وزارة الخارجية السعودية في بيان: «ندين الهجوم الإرهابي».", "ACCUSE", "SAUGOV", None),
])
def test_first_person_verb_is_the_speakers_act(text, etype, source, target):
    assert (source, target) in found(text, etype)


@pytest.mark.parametrize("text, etype, source, target", [
    ("وجاء ذلك خلال زيارة وزير الخارجية السعودي لرئيس الوزراء العراقي أمس.", "CONSULT", "SAUGOV", "IRQGOV"),
])
def test_verbal_noun_object_behind_lam_after_its_agent(text, etype, source, target):
    assert (source, target) in found(text, etype)
