"""Events of light-verb frames (frames.tsv, lightverbs.tsv), of a noun that is also a past verb,
and targets after a quantity. Sentences written for these tests."""

from __future__ import annotations

import pytest

from test_events_frames import events, found


@pytest.mark.parametrize("text, etype, actor", [
    # a noun that is an event only after its light verb
    ("وقامت الشرطة المصرية أمس بتفريق المتظاهرين في القاهرة.", "COERCE", "EGYCOP"),
    ("وأجرى الرئيس الأمريكي باراك أوباما أمس اتصالا مع الملك سلمان.", "CONSULT", "USAGOV"),
    ("وأبدت إيران أمس استعدادها للحوار مع السعودية.", "AGREE", "IRN"),
    # the frame gives its own type: support given is aid
    ("وقدمت الإمارات أمس دعما للحكومة اليمنية في عدن.", "AID", "ARE"),
    # a light verb after its noun, its subject after it
    ("جاء ذلك خلال لقاء عقده أمس الرئيس المصري عبد الفتاح السيسي مع الملك سلمان.", "CONSULT", "EGYGOV"),
])
def test_light_verb_frame_makes_the_event(text, etype, actor):
    got = found(text, etype)
    assert got, text
    assert any(actor in pair for pair in got)


@pytest.mark.parametrize("text", [
    "وأكد الوزير أهمية تفريق الأدوار بين الوزارات.",         # تفريق with no light verb: separating
    "وتحسنت خدمات الاتصال في الرياض أمس.",                  # اتصال with no light verb: telecoms
])
def test_frame_noun_without_light_verb_is_no_event(text):
    assert not [e for e in events(text) if e.trigger_info.event_type in ("COERCE", "CONSULT")]


def test_receiving_light_verb_gives_the_source_after_min():
    got = found("وحصلت مصر أمس على قرض من صندوق النقد الدولي.", "AID")
    assert got and got[0][1] == "EGY" and got[0][0] is not None and got[0][0] != "EGY"


def test_accusation_brought_against_a_pronoun_is_an_event():
    got = found("ويواجه الرئيس السابق اتهامات وجهتها له المحكمة الجنائية الدولية أمس.", "ACCUSE")
    assert got and got[0][0] is not None


def test_noun_after_its_actor_is_a_past_verb():
    got = found("وكان طيران التحالف قصف أمس مواقع في صنعاء.", "ASSAULT")
    assert got and got[0][0] is not None


def test_target_after_a_quantity():
    got = found("وتم إلقاء القبض أمس على عدد كبير من عناصر تنظيم داعش.", "COERCE")
    assert got and got[0][1] is not None
