"""Events: coercive warnings in the future (ستتم مواجهته, سيتم التصدي لهم) are threats made now, even
when whom they threaten is not named (whoever does what they name)."""

from __future__ import annotations

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events


def events(text: str) -> list:
    """(type, trigger, source code, factual) of each event of an Arabic paragraph, actors found first."""
    mentions = extract_mentions(text, "ar", default_lexicon())
    return [(e.trigger_info.event_type, e.trigger, e.source and e.source.actor.code, e.factual)
            for e in extract_events(text, "ar", mentions, default_events()["ar"], (0,))]


@pytest.mark.parametrize("text, trigger, source", [
    # the future passive of confronting, pursuing, punishing, with its agent after من قبل
    ("وقال المتحدث إن كل من يحمل السلاح في المدينة ستتم مواجهته بحزم من قبل الجيش الأردني.", "ستتم مواجهته",
     "JORMIL"),
    ("وأعلنت الشرطة العراقية أن مطلقي النار في الأعراس سيتم ملاحقتهم من قبل الشرطة العراقية.", "سيتم ملاحقتهم",
     "IRQCOP"),
    # a vow of force with no named target (mode violence needs none)
    ("وتوعد الرئيس النيجيري في خطاب أمس بسحق التمرد في الشمال.", "توعد", "NGAGOV"),
])
def test_coercive_warning_is_a_threat(text, trigger, source):
    hits = [e for e in events(text) if e[:2] == ("THREATEN", trigger)]
    assert hits and hits[0][3], events(text)
    assert hits[0][2] is not None and hits[0][2].startswith(source[:3]), events(text)


@pytest.mark.parametrize("text", [
    # the bare future of handling is no warning
    "وقال الوزير إنه سيتم التعامل مع الطلبات المتأخرة خلال أسبوع.",
    # a question about punishment threatens no one
    "وتساءل الكاتب: هل ستتم معاقبة الشركات المخالفة في العام المقبل؟",
])
def test_no_threat_without_a_warning(text):
    assert not [e for e in events(text) if e[0] == "THREATEN" and e[3]], events(text)
