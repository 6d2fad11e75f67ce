"""Arabic events: each of the 16 PLOVER types and DEMAND read from a plain factual sentence, with its source.

The English counterpart is tests/test_events_en.py::test_each_type_found_in_its_inflected_form.
"""

from __future__ import annotations

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "DEMAND",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

CASES = [
    ("اتفقت مصر والأردن على خطة لتأمين الحدود أمس.", "اتفقت", "AGREE", "EGY"),
    ("التقى وزير الخارجية المصري نظيره الأردني في عمان أمس.", "التقى", "CONSULT", "EGYGOV"),
    ("أشادت السعودية بجهود الكويت في الوساطة.", "أشادت", "SUPPORT", "SAU"),
    ("تنازلت الحكومة السودانية عن شرطها أمس.", "تنازلت", "CONCEDE", "SDNGOV"),
    ("تعاونت تركيا مع العراق في تأمين الحدود العام الماضي.", "تعاونت", "COOPERATE", "TUR"),
    ("قدمت اليابان مساعدات غذائية لليمن.", "مساعدات", "AID", "JPN"),
    ("انسحبت القوات الروسية من جورجيا أمس.", "انسحبت", "RETREAT", "RUSMIL"),
    ("دعت مصر إسرائيل إلى وقف الاستيطان.", "دعت", "REQUEST", "EGY"),
    ("طالبت مصر تركيا باعتذار رسمي.", "طالبت", "DEMAND", "EGY"),
    ("اتهمت إيران إسرائيل بالتخريب.", "اتهمت", "ACCUSE", "IRN"),
    ("رفضت سوريا اقتراح تركيا.", "رفضت", "REJECT", "SYR"),
    ("هددت روسيا أوكرانيا بشن هجمات جديدة.", "هددت", "THREATEN", "RUS"),
    ("تظاهر آلاف العمال في القاهرة ضد القانون الجديد.", "تظاهر", "PROTEST", None),
    ("فرض الاتحاد الأوروبي عقوبات على روسيا.", "عقوبات", "SANCTION", None),
    ("حشدت باكستان قواتها على الحدود مع الهند.", "حشدت", "MOBILIZE", "PAK"),
    ("اعتقلت الشرطة التركية عشرة صحفيين في إسطنبول.", "اعتقلت", "COERCE", "TURCOP"),
    ("قصفت الطائرات الإسرائيلية مواقع لحماس في غزة.", "قصفت", "ASSAULT", "ISR"),
]


def events(text: str) -> list:
    """Events of a one-sentence Arabic text, its actors found first as the pipeline does."""
    return extract_events(text, "ar", extract_mentions(text, "ar", default_lexicon()), default_events()["ar"],
                          (0,), None)


def test_every_type_has_a_case():
    assert sorted(etype for _, _, etype, _ in CASES) == sorted(TYPES)


@pytest.mark.parametrize("text, trigger, etype, source", CASES)
def test_each_type_read_as_a_fact_with_its_source(text, trigger, etype, source):
    found = [e for e in events(text) if e.trigger == trigger]
    assert [e.trigger_info.event_type for e in found] == [etype]
    assert found[0].factual
    if source:
        assert found[0].source is not None and found[0].source.actor.code == source
