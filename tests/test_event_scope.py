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


@pytest.mark.parametrize("text, trigger, scope", [
    # a clause of time tells when something else happened
    ("وأعلنت الحكومة الحداد بعد أن اغتيل المحامي في بغداد أمس.", "اغتيل", "background"),
    # a vague stretch of the past: no occasion of this text's news
    ("وكان عدد من المتظاهرين قد خرجوا في عدد من المدن في الفترة الماضية للمطالبة بالإصلاح.",
     "المتظاهرين", "background"),
    # an attack tied to no time, place or count speaks of a kind
    ("وقتل المسلحون المدنيين.", "قتل", "generic"),
])
def test_time_scope_of_a_clause_or_sentence(text, trigger, scope):
    found = one(text, trigger)
    assert found.modality == scope and not found.factual


@pytest.mark.parametrize("text, trigger", [
    ("واغتيل المحامي عندما كان عائدا إلى منزله في بغداد أمس.", "اغتيل"),   # the main clause, not the when clause
    ("وقتل المسلحون عشرة مدنيين في الموصل أمس.", "قتل"),                 # an occasion: a day, a place, a count
    ("وتجمع مئات من الطلاب أمام مبنى البرلمان أمس.", "تجمع مئات"),        # a gathering of a counted crowd
    ("ونظم الطلاب مسيرة احتجاجية في وسط عمان أمس.", "مسيرة احتجاجية"),
])
def test_the_news_itself_stays_factual(text, trigger):
    assert one(text, trigger).factual


def test_a_motive_beside_its_protest_is_not_a_second_protest():
    found = [e for e in events("وخرج آلاف المتظاهرين في وسط العاصمة أمس احتجاجا على رفع الأسعار.")
             if e.trigger_info.event_type == "PROTEST"]
    assert [e.trigger for e in found] == ["المتظاهرين"] and found[0].factual


def test_an_undated_text_places_its_events_by_the_latest_year_of_its_events():
    from marsad.extract import DocText, _extract, default_extractor
    text = "وفي 12 مارس 2003 قتل المسلحون عشرة جنود في بغداد. وفي 5 مايو 2015 قتل المسلحون ضابطين في الموصل."
    _, _, found = _extract(DocText("d", text, "ar", (0,), ("s",)), default_extractor())
    old, new = [e for e in found if e.trigger_info.event_type == "ASSAULT"]
    assert old.historical is True and not old.factual and new.factual
    recent = text.replace("2003", "2015")
    _, _, found = _extract(DocText("d", recent, "ar", (0,), ("s",)), default_extractor())
    assert [e.factual for e in found if e.trigger_info.event_type == "ASSAULT"] == [True, True]


@pytest.mark.parametrize("text, trigger", [
    # past the lead of a long sentence: an elaboration or a recall, not the sentence's news
    ("وقال وزير الداخلية في مؤتمر صحافي عقده في العاصمة بعد اجتماع مطول مع قادة الأجهزة الأمنية "
     "ومحافظي المناطق الحدودية إن الحكومة ستراجع خطتها الأمنية التي وضعت بعد أن قتل المسلحون عشرة جنود.",
     "قتل"),
    # the matter of a trial or a charge
    ("وقضت محكمة في صنعاء بسجن رجلين خطفا سائحين في مأرب.", "خطفا"),
    ("وبدأت في بغداد محاكمة رجلين قتلا ثلاثة حراس في الموصل.", "قتلا"),
])
def test_an_attack_told_past_the_lead_or_as_a_case_is_background(text, trigger):
    found = one(text, trigger)
    assert found.modality == "background" and not found.factual


@pytest.mark.parametrize("text, trigger", [
    ("وقال مصدر في الشرطة إن مسلحين مجهولين قتلوا عشرة جنود في هجوم على حاجز قرب الموصل أمس.", "قتلوا"),
    ("وأعلن الجيش أن مسلحين اغتالوا قاضيا في بغداد أمس.", "اغتالوا"),     # a judge is a victim, no case
])
def test_an_attack_in_the_lead_stays_factual(text, trigger):
    assert one(text, trigger).factual


@pytest.mark.parametrize("text, trigger", [
    ("وفي الأشهر الستة الأخيرة قتل المسلحون مئات الجنود في المحافظة.", "قتل"),     # a tally over months
    ("وشهدت المدينة 30 تفجيرا منذ بدء الحملة العسكرية.", "تفجيرا"),
])
def test_an_attack_tallied_over_a_stretch_of_time_is_background(text, trigger):
    found = one(text, trigger)
    assert found.modality == "background" and not found.factual


@pytest.mark.parametrize("text", [
    "ونشرت الصحف مقالات كثيرة حول مقتل ثلاثة جنود في الموصل أمس.",
    "وتضاربت الأنباء حول مقتل ثلاثة جنود في الموصل أمس.",
])
def test_an_attack_named_as_the_matter_of_a_report_is_generic(text):
    found = one(text, "مقتل")
    assert found.modality == "generic" and not found.factual


@pytest.mark.parametrize("text, trigger", [
    ("وزار الوزير الجنود الذين تعرضوا لهجوم مسلح قرب الموصل أمس.", "هجوم"),
    ("وتحدث الوزير عن الطائرة التي نفذت غارات على مواقع المسلحين قرب الموصل أمس.", "غارات"),
])
def test_an_attack_in_a_relative_clause_tells_who_its_antecedent_is(text, trigger):
    found = one(text, trigger)
    assert found.modality == "background" and not found.factual


def test_the_same_attack_outside_a_relative_clause_is_reported():
    assert one("وتعرض الجنود لهجوم مسلح قرب الموصل أمس.", "هجوم").factual


def test_a_counted_attack_in_a_relative_clause_is_reported():
    assert one("وأعلن التحالف الذي شن 15 غارة على مواقع المسلحين قرب الموصل أمس مقتل قائد.", "غارة").factual



def test_an_attack_of_the_past_days_is_a_tally():
    found = one("ودمر المسلحون ثلاثة مساجد في الأيام الماضية قرب الموصل.", "دمر")
    assert found.modality == "background" and not found.factual
