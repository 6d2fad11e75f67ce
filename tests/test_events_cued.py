"""Ambiguous event words (cued.tsv): read as the event only when the complement after them says so."""

from __future__ import annotations

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events


def found(text: str) -> list:
    """(type, trigger, source code, target code) of each event of a one-paragraph Arabic text."""
    mentions = extract_mentions(text, "ar", default_lexicon())
    return [(e.trigger_info.event_type, e.trigger, e.source and e.source.actor.code, e.target and e.target.actor.code)
            for e in extract_events(text, "ar", mentions, default_events()["ar"], (0,))]


@pytest.mark.parametrize("text, etype, trigger, source, target", [
    # طالب + subject + object + ب: demanded (bare طالب is mostly "student")
    ("وطالب الأردن إسرائيل بوقف الاستيطان في الضفة.", "DEMAND", "طالب", "JOR", "ISR"),
    ("طالب العراق تركيا بسحب قواتها من أراضيه.", "DEMAND", "طالب", "IRQ", "TUR"),
    # the dual past verb after its subject
    ("والأردن ومصر طالبا إسرائيل بالانسحاب من الأراضي المحتلة.", "DEMAND", "طالبا", "JOR", None),
    # وعد + ب: promised (وعدت alone is also "and I returned")
    ("وعدت قطر لبنان بتقديم مساعدات عاجلة.", "AGREE", "وعدت", "QAT", "LBN"),
    ("وكان الأردن وعد إسرائيل بالرد على طلبها.", "AGREE", "وعد", "JOR", "ISR"),
    # a court's sentence: حكم/قضى + the punishment
    ("وقضت محكمة أردنية على عناصر من داعش بالسجن عشر سنوات.", "SANCTION", "قضت", "JORJUD", "ISIS"),
    ("حكمت محكمة عراقية على عناصر من داعش بالإعدام.", "SANCTION", "حكمت", "IRQJUD", "ISIS"),
    # حث + على: urged (بحث is "discussed, searched")
    ("حث الرئيس الأمريكي إيران على احترام الاتفاق.", "REQUEST", "حث", "USAGOV", "IRN"),
    # سحب, حشد + the forces: withdrew, massed (bare سحب is also "clouds", حشد "a crowd")
    ("وحشد الجيش السوري قوات إضافية على حدود إدلب أمس.", "MOBILIZE", "حشد", "SYRMIL", None),
    ("وسحب حزب الله مئات من مقاتليه من سوريا الأسبوع الماضي.", "RETREAT", "سحب", "LBNREB", None),
    # a host's reception of a visitor, in the news formula (لدى/خلال استقباله)
    ("وأكد الملك سلمان لدى استقباله الرئيس الفرنسي في الرياض أمس دعم المملكة.", "CONSULT", "لدى استقبال",
     "SAUGOV", None),
])
def test_ambiguous_word_with_its_complement_is_the_event(text, etype, trigger, source, target):
    hits = [f for f in found(text) if f[:2] == (etype, trigger)]
    assert hits, found(text)
    assert (source is None or hits[0][2] == source) and (target is None or hits[0][3] == target)


@pytest.mark.parametrize("text, etype", [
    ("وقال طالب جامعي في الرياض إن الامتحانات كانت صعبة.", "DEMAND"),       # a student
    ("وكرمت الوزارة كل طالب بجامعة الملك سعود أمس.", "DEMAND"),            # a student at a university
    ("ويدرس في الأردن ألف طالب عراقي بمنح حكومية.", "DEMAND"),                # counted: students
    ("وعدت إلى الرياض بعد أسبوع من السفر.", "AGREE"),                       # and I returned
    ("وحكم الملك البلاد ثلاثين عاما.", "SANCTION"),                          # ruled
    ("وقضت الأسرة عطلتها في مصر بسعادة.", "SANCTION"),                       # spent
    ("وحصل على المنحة بحكم تفوقه بالسجن المركزي.", "SANCTION"),              # بحكم: by virtue of
    ("وتوقعت الأرصاد سحب ممطرة على الرياض.", "RETREAT"),                     # clouds
    ("وتعدى عدد الزوار المليون في الرياض هذا العام.", "ASSAULT"),              # exceeded
    ("وبحث الفريق عن حلول تساعد على خفض التكاليف.", "REQUEST"),              # بحث: searched
    ("وعملت الجمعية على استقبال التبرعات من المواطنين.", "CONSULT"),          # receiving donations
])
def test_ambiguous_word_without_its_complement_is_no_event(text, etype):
    assert etype not in {f[0] for f in found(text)}


@pytest.mark.parametrize("text, trigger, source, target", [
    ("وتعرض الصحفي العراقي للضرب على يد عناصر من داعش في الموصل.", "لضرب", "ISIS", "IRQ"),      # beating
    ("وقالت الشرطة إن مسلحين حوثيين نفذوا عملية الخطف في صنعاء أمس.", "الخطف", None, None),      # the noun
    ("وقال شهود إن مسلحين يطلقون النار على القوات العراقية في الرمادي.", "يطلقون النار", None, "IRQMIL"),
    ("وقام جنود من داعش باغتصاب فتيات إيزيديات في الموصل.", "اغتصاب", "ISIS", None),            # rape
    ("واعتدى مسلحون حوثيون على مستشفى في تعز أمس.", "اعتدى", "YEMREB", None),                  # assaulted
])
def test_assault_families(text, trigger, source, target):
    hits = [f for f in found(text) if f[:2] == ("ASSAULT", trigger)]
    assert hits, found(text)
    assert (source is None or hits[0][2] == source) and (target is None or hits[0][3] == target)
