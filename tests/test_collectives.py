"""Collectives (protesters, settlers, residents, the injured ...) as actors with mentions, and the
attachment rules that tie an event to its source and target."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.actors.places import agents
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events
from marsad.extract import DocText, default_extractor, extract_batch


def rows(text: str, language: str = "ar") -> dict[str, list[dict]]:
    """The extraction rows of a one-line document, as the extract stage writes them."""
    doc = DocText("d1", text, language, (0,), ("s1",), None, None, ("body",))
    return extract_batch([doc], default_extractor(), datetime.now(timezone.utc))


def collectives(text: str, language: str = "ar") -> dict[str, dict]:
    """surface -> actor row of each collective mention of a text."""
    out = rows(text, language)
    actors = {r["actor_id"]: r for r in out["doc_actors"]}
    return {m["surface"]: actors[m["actor_id"]] for m in out["actor_mentions"] if m["mention_kind"] == "collective"}


def event(text: str, trigger: str, language: str = "ar"):
    """The event of a given trigger, actors found first as the pipeline does."""
    found = extract_events(*_doc(text, language))
    [hit] = [e for e in found if e.trigger == trigger]
    return hit


def name(mention) -> str | None:
    """The English name of a mention's actor, or None."""
    return mention.actor.name if mention is not None else None


@pytest.mark.parametrize("text, surface, name_, code", [
    ("وهاجم مستوطنون إسرائيليون حقلا قرب القرية أمس.", "مستوطنون إسرائيليون", "Settlers", "ISRCVL"),
    ("وأصيب عشرة من سكان غزة في قصف أمس.", "سكان", "Residents", "PSECVL"),
    ("وخرج المحتجون في بغداد يطالبون بالكهرباء.", "المحتجون", "Protesters", "IRQOPP"),
    ("واستقبل المستشفى الجرحى بعد الحادث في الموصل.", "الجرحى", "Injured", "IRQCVL"),
    ("وطالب ناشطون بالإفراج عن المعتقلين في القاهرة.", "ناشطون", "Activists", "EGYCVL"),
    ("وفجر الانتحاري نفسه قرب المسجد في بغداد أمس.", "الانتحاري", "Suicide bomber", "IRQUAF"),
    ("وقال نشطاء حقوقيون إن الاعتقالات مستمرة في القاهرة.", "نشطاء حقوقيون", "Human rights activists", "EGYHRI"),
    ("وقصفت الطائرات منازل السكان المدنيين في حلب أمس.", "السكان المدنيين", "Civilians", "SYRCVL"),
    ("واتهمت منظمات حقوقية مصرية الشرطة بتعذيب المعتقلين أمس.", "منظمات حقوقية مصرية", "Human rights groups", "EGYHRI"),
    ("وقال الأهالي إن المياه انقطعت عن الحي منذ أسبوع في دمشق.", "الأهالي", "Families and residents", "SYRCVL"),
])
def test_collective_is_an_actor_with_a_mention(text, surface, name_, code):
    found = collectives(text)
    assert surface in found
    assert found[surface]["name"] == name_ and found[surface]["code"] == code
    assert found[surface]["kind"] == "collective"


@pytest.mark.parametrize("text, surface", [
    ("وطالب أهالي الجنود المخطوفين الحكومة بالتحرك أمس.", "أهالي الجنود"),
    ("وتجمع مناصرو الحزب أمام المقر أمس.", "مناصرو الحزب"),
])
def test_collective_in_construct_covers_its_noun(text, surface):
    assert surface in collectives(text)


def test_collective_before_a_named_actor_gives_way():
    found = rows("وهاجم مسلحو داعش قرية في نينوى أمس.")
    assert not [m for m in found["actor_mentions"] if m["mention_kind"] == "collective"]
    assert any(r["name"] == "Islamic State" for r in found["doc_actors"])


def test_collective_without_a_place_takes_the_documents_country():
    text = "وزار وزير الخارجية المصري الرياض أمس. وقال شهود إن مسلحين أطلقوا النار على المارة."
    assert collectives(text)["مسلحين"]["country"] in ("EGY", "SAU")


def test_collective_ids_are_stable_per_country_and_group():
    a = collectives("وتظاهر متظاهرون في بغداد أمس.")["متظاهرون"]
    b = collectives("وهتف المتظاهرون العراقيون أمس.")["المتظاهرون العراقيون"] \
        if "المتظاهرون العراقيون" in collectives("وهتف المتظاهرون العراقيون أمس.") else a
    assert a["actor_id"] == b["actor_id"] and a["code"] == "IRQOPP"


@pytest.mark.parametrize("text", [
    "ودعا إلى احترام الحريات المدنية في البلاد.",          # مدنية: an adjective, no مدني + pronoun
    "وقال إن كل من يخرج في مظاهرة مناصرة للنظام ستتم مواجهته.",
    "وأكد الوزير دعم المجتمع المدني ورفض الكفاح المسلح.",     # a definite adjective after a definite noun
    "وقتل أربعون شخصا في الهجوم الانتحاري أمس.",
])
def test_adjective_in_ta_marbuta_is_no_collective(text):
    assert not collectives(text)


def test_collective_is_no_named_entity_kind():
    from marsad.events.collectives import KIND
    assert KIND not in ("person", "country", "location", "organization", "armed_group", "media")


@pytest.mark.parametrize("text, trigger, source, target", [
    # the subject of a verb after a relative whose antecedent carries adjectives
    ("وتقاتل كينيا جماعة الشباب الصومالية المتشددة التي قتلت عشرين شخصا أمس.", "قتلت",
     "Al-Shabaab", None),
    # a passive with من قبل: the agent after it, the patient between
    ("وجرى اعتقال ناشطين من قبل الشرطة المصرية في القاهرة أمس.", "اعتقال", "Egyptian Police", "Activists"),
    # من inside the target phrase is no agent; the target follows إلى
    ("وقال أردوغان خلال زيارة إلى الشطر الشمالي من قبرص أمس إن بلاده تدعم الحل.", "زيارة", None, "Cyprus"),
    # one side named after بين
    ("وقتل جنود أمس في الاشتباكات بين الجيش الليبي ومقاتلين في بنغازي.", "الاشتباكات", "Libyan Army", None),
    # the people harmed are the target of the attack noun after them
    ("وأصيب عشرة من سكان غزة في قصف إسرائيلي أمس.", "قصف", "Israel", "Residents"),
    # the injured of an attack are its target
    ("وقال إن ضحايا الهجوم على المسجد في الكويت أمس بلغوا 27.", "الهجوم", None, "Victims"),
    # the protesters are the source of the protest they name
    ("وخرج آلاف المتظاهرين أمس في ميدان التحرير ضد الحكومة.", "المتظاهرين", "Protesters", None),
    # the subject pronoun on أنه: the actor before acts, the one after the verb is its object
    ("وأعلن الجيش العراقي أنه قتل عشرين مسلحا في الأنبار أمس.", "قتل", "Iraqi Army", "Gunmen"),
    # an instrument phrase names the agent of a passive (برصاص)
    ("وقتل جنديان إسرائيليان أمس برصاص مسلحين فلسطينيين في الخليل.", "قتل", "Palestinian Gunmen", "Israel"),
    # a country after في is where, not whom
    ("وأدانت الوزارة الهجوم الذي استهدف مسجدا في الكويت أمس.", "استهدف", None, None),
])
def test_attachment(text, trigger, source, target):
    found = event(text, trigger)
    if source is not None:
        assert name(found.source) == source
    assert name(found.target) == target


@pytest.mark.parametrize("text, trigger, source, target", [
    # a city and a country saying where a group is from take no part: the residents protest
    ("وكان العشرات من سكان مدينة حمص وسط سوريا قد تظاهروا أمس.", "تظاهروا", "Residents", None),
    ("وكان المئات من أهالي محافظة درعا جنوبي سوريا قد تظاهروا أمس.", "تظاهروا", "Families and residents", None),
    # a quantity of a group after a protest verb is its subject
    ("وتظاهر المئات من سكان حلب أمام مبنى المحافظة أمس.", "تظاهر", "Residents", None),
    # a quantity standing alone before a verb is its subject, not the actor named before it
    ("ودعا المحتجون وزير الداخلية السوري إلى الاستقالة وكانت العشرات في مدينة حمص تظاهروا أمس.", "تظاهروا",
     "Protesters", None),
    # a group after من right after the subject is whom the subject is of, not the target
    ("وهاجم مسلحون من سكان القرية مقرا للشرطة في ليبيا أمس.", "هاجم", "Gunmen", None),
    ("Residents of the city of Homs in central Syria protested against the government on Sunday.", "protested",
     None, "Syrian Government"),
])
def test_a_groups_own_phrase_takes_no_part(text, trigger, source, target):
    language = "ar" if text[0] > "z" else "en"
    found = [e for e in extract_events(*_doc(text, language)) if e.trigger == trigger][0]
    if source is not None:
        assert name(found.source) == source
    assert name(found.target) == target


def test_alongside_is_no_target():
    found = [e for e in extract_events(*_doc("وقاتل عناصر الحزب إلى جانب الحكومة السورية في الزبداني أمس."))
             if e.trigger_info.event_type == "ASSAULT"]
    assert all(name(e.target) != "Syrian Government" for e in found)


def _doc(text: str, language: str = "ar") -> tuple:
    """extract_events arguments for a one-line text."""
    acting = agents(extract_mentions(text, language, default_lexicon()))   # as the pipeline: places do not act
    return text, language, acting, default_events()[language], (0,), None


@pytest.mark.parametrize("text, count", [
    # two crowds protesting in two towns: two protests, each by its crowd
    ("وكان المئات من سكان مدينة حمص قد تظاهروا أمس احتجاجا على الغلاء وفي حماة تظاهروا أيضا مساء الجمعة.", 2),
    # a protest noun after a support verb (شهدت المدينة تظاهرة) is another town's protest
    ("وكان المئات من سكان مدينة حمص قد تظاهروا أمس احتجاجا على الغلاء كما شهدت مدينة حماة تظاهرة أخرى.", 2),
    # one attack told by a verb and a noun stays one
    ("وقُتل عشرات في تفجير انتحاري بسيارة مفخخة.", 1),
])
def test_each_crowds_verb_is_its_own_event(text, count):
    found = [e for e in extract_events(*_doc(text)) if e.trigger_info.event_type in ("PROTEST", "ASSAULT")]
    assert len(found) == count and all(e.source is not None for e in found if e.trigger_info.event_type == "PROTEST")
