"""Events: participants read where grammar leaves them implicit (a title restated by a name before
the second party, a circumstantial participle's subject, a protest's unnamed protesters, a toll's
victims)."""

from __future__ import annotations

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events


def events(text: str) -> list:
    """Events of an Arabic paragraph, actors found first as the pipeline does."""
    mentions = extract_mentions(text, "ar", default_lexicon())
    return extract_events(text, "ar", mentions, default_events()["ar"], (0,))


def who(mention) -> str | None:
    """A participant as a test reads it: a collective's English name, else the actor's code."""
    if mention is None:
        return None
    return mention.actor.name if mention.kind == "collective" else mention.actor.code


@pytest.mark.parametrize("text, trigger, etype, source, target", [
    # a title restated by the name after it: the second party follows both (ل + the host)
    ("وجرى ذلك خلال زيارة وزير الصحة اليمني علي الحسني لرئيس الوزراء المصري أمس.", "زيارة", "CONSULT",
     "YEMGOV", "EGYGOV"),
    # an indefinite accusative participle after the clause: the sentence's subject speaks
    ("وقال وزير الخارجية المصري إن الوضع خطير، داعيا إلى حوار شامل مع المعارضة.", "داعيا", "REQUEST",
     "EGYGOV", None),
    # a toll reported (سقوط قتلى): an attack on those counted among a group
    ("وأكدت مصادر طبية سقوط أربعة قتلى من عناصر حركة حماس في غزة أمس.", "سقوط", "ASSAULT", None, "PSEREB"),
    ("وذكرت المصادر سقوط قتلى وجرحى في صفوف الحوثيين بمدينة تعز أمس.", "سقوط", "ASSAULT", None, "YEMREB"),
    ("وأكدت المصادر مقتل ستة من عناصر حركة حماس في غزة أمس.", "مقتل", "ASSAULT", None, "PSEREB"),
    # a protest with no agent named is by protesters (of its country)
    ("وخرجت تظاهرات حاشدة في مدينة البصرة العراقية أمس.", "تظاهرات", "PROTEST", "Protesters", None),
])
def test_implicit_participants(text, trigger, etype, source, target):
    [found] = [e for e in events(text) if e.trigger == trigger]
    assert found.trigger_info.event_type == etype
    assert (who(found.source), who(found.target)) == (source, target)


def test_protesters_of_the_sentence_country():
    [found] = [e for e in events("وخرجت تظاهرات حاشدة في مدينة البصرة العراقية أمس.") if e.trigger == "تظاهرات"]
    assert found.source.actor.code == "IRQOPP"


@pytest.mark.parametrize("text", [
    "وأعلنت الشرطة سقوط طائرة عسكرية في الصحراء أمس.",       # a fall, no toll
    "وتحدث الكاتب عن سقوط النظام السابق قبل سنوات.",
])
def test_a_fall_is_no_attack(text):
    assert not [e for e in events(text) if e.trigger_info.event_type == "ASSAULT"]


def test_a_toll_after_an_attack_is_that_attacks():
    found = [e for e in events("وقال شهود إن هجوما وقع في صنعاء أمس وأسفر عن سقوط قتلى في صفوف "
                               "الحوثيين.") if e.trigger_info.event_type == "ASSAULT"]
    assert [(e.trigger, who(e.target)) for e in found] == [("هجوما", "YEMREB")]


def test_a_protest_word_beside_an_attached_one_adds_no_protest():
    found = [e for e in events("وخرج آلاف المتظاهرين في البصرة أمس، في تظاهرة هي الأكبر منذ أشهر.")
             if e.trigger_info.event_type == "PROTEST"]
    assert len(found) == 1


@pytest.mark.parametrize("text, trigger, etype, source, target", [
    # a sitting with someone is a meeting (governed by مع; an actor needed)
    ("وجلس المبعوث الأممي مع وزير الخارجية اليمني في الرياض أمس.", "جلس", "CONSULT", "IGO", "YEMGOV"),
    # what is left of a group between an event noun and the group: the group is the object
    ("واستكمل الجيش اليمني تطهير آخر جيوب تنظيم القاعدة في مدينة المكلا أمس.", "تطهير", "ASSAULT", "YEMMIL", "ALQ"),
    # after a relative clause on the subject before the verb, the actor right after it is the object
    ("لكن رئيس الوزراء اليوناني، الذي ما زال يحظى بشعبية كبيرة، حذر المتظاهرين من العنف إذا استمروا "
     "في الاعتصام.", "حذر", "THREATEN", "GRCGOV", "Protesters"),
])
def test_participants_by_construction(text, trigger, etype, source, target):
    [found] = [e for e in events(text) if e.trigger == trigger]
    assert found.trigger_info.event_type == etype
    assert (who(found.source), who(found.target)) == (source, target)


def test_a_family_sitting_is_no_meeting():
    assert not events("وجلس الرجل مع أولاده في البيت.")
