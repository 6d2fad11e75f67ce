"""Events: actors attached to their triggers by grammar (unnamed forces, counted patients,
relative clauses, harm nouns, agent phrases)."""

from __future__ import annotations

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events


def event(text: str, trigger: str):
    """The one event of a trigger in an Arabic paragraph, actors found first as the pipeline does."""
    mentions = extract_mentions(text, "ar", default_lexicon())
    [found] = [e for e in extract_events(text, "ar", mentions, default_events()["ar"], (0,)) if e.trigger == trigger]
    return found


def who(mention) -> str | None:
    """A participant as a test reads it: a collective's English name, else the actor's code."""
    if mention is None:
        return None
    return mention.actor.name if mention.kind == "collective" else mention.actor.code


@pytest.mark.parametrize("text, trigger, source, target", [
    # bare forces and the resistance are unnamed actors, subject of their verb
    ("وقالت مصادر محلية إن المقاومة سيطرت على مواقع الحوثيين في تعز أمس.", "سيطرت", "Resistance", "YEMREB"),
    ("وقصف الجيش مواقع المسلحين في المدينة أمس.", "قصف", "Army", "Gunmen"),
    # an agent phrase names who acted; the actor before it suffered
    ("واعتقل الناشط من قبل الجيش في المدينة أمس.", "اعتقل", "Army", "Activists"),
    # a counted actor after a verb of force is its patient; the coordinated verb keeps its subject
    ("وشن الجيش الإسرائيلي أمس غارات على غزة وقتل ثلاثة فلسطينيين.", "قتل", "ISRMIL", "PSE"),
    # a relative clause between the subject and its verb
    ("وقال إن الحوثيين الذين يسيطرون على صنعاء منذ العام الماضي قصفوا المدينة أمس.", "قصفوا", "YEMREB", None),
    # a support verb joined to an earlier verb shares its subject; the noun's genitive is its object
    ("وزار الملك سلمان القاهرة أمس وقام بدعم جمعية الهلال الأحمر المصري.", "دعم", "SAUGOV", "NGO"),
    ("أطلقت شركة أرامكو السعودية مبادرات في مصر خلال رمضان، كما قامت بدعم جمعية الهلال الأحمر المصري.",
     "دعم", "SAUBUS", "NGO"),
    # a noun that is also a past verb, joined to a verb with a subject, is a verb sharing it
    ("وقال الوزير إن الجيش انسحب من المدينة وقصف مواقع المسلحين.", "قصف", "Army", "Gunmen"),
    # a harm noun names who suffered, not who acted
    ("وأعلن مسؤول أمس مقتل خمسة من المسلحين في اشتباكات.", "مقتل", None, "Gunmen"),
    ("وأعلن الجيش أمس مقتل الجنود في هجوم.", "مقتل", None, "Soldiers"),
])
def test_attached(text, trigger, source, target):
    found = event(text, trigger)
    assert (who(found.source), who(found.target)) == (source, target)
    assert found.confidence >= 0.6       # tied by grammar


@pytest.mark.parametrize("near, trigger, far", [
    # a subject next to its verb is surer than one across a relative clause or shared by a joined verb
    ("وقال إن الحوثيين قصفوا المدينة أمس.", "قصفوا",
     "وقال إن الحوثيين الذين يسيطرون على صنعاء منذ العام الماضي قصفوا المدينة أمس."),
    ("وقام الجيش بقصف مواقع المسلحين أمس.", "قصف",
     "وقال الوزير إن الجيش انسحب من المدينة وقام بقصف مواقع المسلحين."),
])
def test_confidence_says_how_sure(near, trigger, far):
    close, inferred = event(near, trigger), event(far, trigger)
    assert close.source is not None and inferred.source is not None
    assert close.source.actor.code == inferred.source.actor.code and close.confidence > inferred.confidence

