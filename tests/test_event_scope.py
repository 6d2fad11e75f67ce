"""Time scope and context of events (marsad/events/scope.py): an event referred to, named as a
kind, told as habit or used as a figure is never reported as this text's news, while the same
trigger reporting an event stays factual. Sentences written for these tests."""

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events


def events(text: str, language: str = "ar") -> list:
    """Events of a one-paragraph text, actors found first as the pipeline does."""
    mentions = extract_mentions(text, language, default_lexicon())
    return extract_events(text, language, mentions, default_events()[language], (0,))


def one(text: str, trigger: str):
    """The event of the given trigger (it must be found)."""
    found = [e for e in events(text) if e.trigger == trigger]
    assert found, [e.trigger for e in events(text)]
    return found[0]


@pytest.mark.parametrize("text, trigger", [
    ("وقتل خمسة أشخاص في هجوم انتحاري على سوق في بغداد أمس.", "قتل"),
    ("ونفذ المسلحون عمليات خطف في ديالى أمس.", "خطف"),            # a support verb reports the kind
    ("وقتل الجيش عشرة مسلحين في الموصل أمس.", "قتل"),
    ("وخرج آلاف المتظاهرين في وسط العاصمة أمس.", "المتظاهرين"),
])
def test_a_reported_event_stays_factual(text, trigger):
    assert one(text, trigger).factual


@pytest.mark.parametrize("text, trigger, scope", [
    # referred to: the time or cause of what is reported, told elsewhere
    ("وعقد البرلمان جلسة طارئة غداة الهجوم على السوق في بغداد.", "الهجوم", "background"),
    ("وعقد البرلمان جلسة طارئة في أعقاب هجوم انتحاري استهدف سوقا في بغداد.", "هجوم انتحاري", "background"),
    # a verb describing that noun (no relative pronoun after an indefinite noun) shares its scope
    ("وعقد البرلمان جلسة طارئة في أعقاب هجوم انتحاري استهدف سوقا في بغداد.", "استهدف", "background"),
    # named as a kind or a case, no verb reporting it
    ("وتحدث الوزير عن قتل المدنيين في بغداد.", "قتل", "generic"),
    ("وتابعت المحكمة ملف خطف الصحافيين في بغداد.", "خطف", "generic"),
    # habit: what usually happens
    ("وتقع الاشتباكات بين المسلحين والجيش يوميا في الموصل.", "الاشتباكات", "habitual"),
    # protesters arrested: the protest is told elsewhere
    ("واعتقلت الشرطة 40 متظاهرا في وسط العاصمة أمس.", "متظاهرا", "background"),
])
def test_a_referred_named_or_habitual_event_is_marked_not_factual(text, trigger, scope):
    found = one(text, trigger)
    assert found.modality == scope and not found.factual


@pytest.mark.parametrize("text", [
    "وشنت الحكومة السورية انتقادات حادة على المعارضة أمس.",
    "وخطف الرئيس الفرنسي الأضواء في القمة أمس.",
    "وشن رئيس الوزراء هجوما لاذعا على المعارضة في البرلمان أمس.",
    "وشنت الحكومة حملة إعلامية على المعارضة أمس.",
    "وكثف الفريق هجومه على مرمى النادي الأهلي في الشوط الثاني من المباراة.",
])
def test_a_figure_of_speech_is_no_assault(text):
    found = events(text)
    assert not [e for e in found if e.trigger_info.event_type == "ASSAULT"]
    assert not [e for e in found if e.trigger_info.event_type != "ASSAULT" and not e.factual]
