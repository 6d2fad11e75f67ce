"""Claims: cues, content spans, speakers, channels, dates, and what is not a claim."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.claims.attribution import extract_claims
from marsad.claims.lexicon import default_claims
from marsad.normalize import fold

THURSDAY = datetime(2024, 1, 25, 12, tzinfo=timezone.utc)   # a Thursday


def claims(text: str, language: str = "ar", published: datetime | None = None) -> list:
    """Claims of a text, with actor mentions found first as the pipeline does."""
    mentions = extract_mentions(text, language, default_lexicon())
    return extract_claims(text, language, mentions, default_claims()[language], published)


def one(text: str, language: str = "ar", published: datetime | None = None):
    """The only claim of a text."""
    [claim] = claims(text, language, published)
    return claim


@pytest.mark.parametrize("text, speaker, kind, content", [
    ("وقال الأعرجي في تدوينة على منصة «إكس» (تويتر سابقا): سنواصل العمل بقوة لدعم اللجنة.",
     None, "direct", "سنواصل العمل بقوة لدعم اللجنة."),
    ("أعلنت وزارة الخارجية العراقية، في بيان، أن بغداد وواشنطن اتفقتا على تشكيل لجنة.",
     "IRQGOV", "indirect", "بغداد وواشنطن اتفقتا على تشكيل لجنة"),
    ("الخارجية العراقية، شددت على أن الجانبين «أعربا عن دعم أعمال اللجنة».",
     "IRQGOV", "direct", "أعربا عن دعم أعمال اللجنة"),
    ("وتقول الحكومة العراقية إن تنظيم «داعش» هُزم وإن مهمة التحالف انتهت.",
     "IRQGOV", "indirect", "تنظيم «داعش» هُزم وإن مهمة التحالف انتهت"),
    ("ودعا الإطار التنسيقي جميع القوى إلى «استثمار هذا الإنجاز وإعطاء الفرصة للمفاوض».",
     "IRQPTY", "direct", "استثمار هذا الإنجاز وإعطاء الفرصة للمفاوض"),
])
def test_arabic_content_and_speaker(text, speaker, kind, content):
    claim = one(text)
    assert (claim.kind, claim.content) == (kind, content)
    assert speaker is None or claim.speaker.actor.code == speaker


def test_unbalanced_quote_closes_at_the_guillemet():
    text = 'ثمن الإطار التنسيقي موقف الحكومة، مؤكدًا «أهمية صياغة جدول زمني على الأرض العراقية"».'
    claim = one(text)
    assert claim.content == 'أهمية صياغة جدول زمني على الأرض العراقية"'
    assert claim.speaker.actor.code == "IRQPTY"


def test_quote_running_over_several_sentences_is_one_claim():
    text = "وقالت رومانوسكي في تدوينة: «الانتقال مهم. والتزامنا مستمر. وسنواصل العمل».\nفقرة أخرى."
    claim = one(text)
    assert claim.content == "الانتقال مهم. والتزامنا مستمر. وسنواصل العمل"


@pytest.mark.parametrize("text", [
    "أعلنت وزارة الخارجية العراقية في بيان أن اللجنة تشكلت.\nوأضافت، أن «الاتفاق يتضمن الانتقال إلى علاقات ثنائية».",
    "أعلنت وزارة الخارجية العراقية في بيان أن اللجنة تشكلت.\nوأكدت ضرورة «عدم توقف أعمال هذه اللجنة والعمل على تجنب العبث».",
])
def test_continuation_inherits_the_last_speaker(text):
    found = claims(text)
    assert len(found) == 2
    assert found[1].speaker.actor.actor_id == found[0].speaker.actor.actor_id


def test_continuation_skips_a_speaker_of_the_wrong_gender():
    text = ("أعلنت الحكومة العراقية في بيان أن اللجنة تشكلت.\nوقال الإطار التنسيقي إن الاتفاق مهم للعراق.\n"
            "وأضافت الحكومة ... ثم: وأكدت ضرورة «عدم توقف أعمال هذه اللجنة والعمل على تجنب العبث».")
    last = claims(text)[-1]
    assert last.speaker.actor.code == "IRQGOV"


@pytest.mark.parametrize("text", [
    "لمنع عودة تنظيم «داعش» مجددا بعد هزيمته.",
    "في بيان اطلعت «العين الإخبارية» على نسخة منه.",
    "بل إن العراق اتهم «التحالف»، بأنه أصبح مصدرا لعدم الاستقرار.",
    "جعلتها في عين عاصفة «حرب غزة».",
])
def test_quoted_names_are_not_claims(text):
    names = {"داعش", "العين الإخبارية", "التحالف", "حرب غزة", "إكس"}
    assert all(fold(c.content).strip() not in {fold(n) for n in names} for c in claims(text))


@pytest.mark.parametrize("text, channel", [
    ("وقال الأعرجي في تدوينة على منصة «إكس»: سنواصل العمل بقوة.", "social_media"),
    ("أعلنت وزارة الخارجية العراقية، في بيان، أن اللجنة تشكلت.", "statement"),
    ("وقال وزير الخارجية العراقي فؤاد حسين في مؤتمر صحفي إن الحدود آمنة.", "press_conference"),
    ("Hussein said in a post on X that the visit would open a new chapter.", "social_media"),
])
def test_channel_from_the_text(text, channel):
    language = "en" if text.isascii() else "ar"
    assert one(text, language).channel == channel


def test_weekday_resolved_against_publication():
    text = "ويوم الخميس، أعلنت وزارة الخارجية العراقية أن اللجنة تشكلت."
    assert (one(text, published=THURSDAY).claim_date, one(text, published=THURSDAY).date_precision) == \
        (date(2024, 1, 25), "day")
    unresolved = one(text)
    assert (unresolved.claim_date, unresolved.date_precision) == (None, "relative")


@pytest.mark.parametrize("text, speaker, content", [
    ('Prime Minister Mohammed Shia al-Sudani spoke in Washington.\n'
     '"We will not allow our territory to be used for attacks," Sudani said.', "IRQGOV",
     "We will not allow our territory to be used for attacks,"),
    ("The two sides signed 10 memoranda on Tuesday, the Iraqi foreign ministry said.", "IRQGOV",
     "The two sides signed 10 memoranda on Tuesday"),
    ("Iraq's defence ministry said in a statement that the commission held its fourth round.", "IRQGOV",
     "the commission held its fourth round"),
])
def test_english_claims(text, speaker, content):
    claim = one(text, "en")
    assert claim.content == content and claim.speaker.actor.code == speaker


def test_claim_offsets_point_into_the_displayed_text():
    text = "وقـال الأعرجـي: «سنواصـل العمـل بقـوة وثبـات»."
    claim = one(text)
    assert text[claim.start:claim.end] == claim.content
    assert text[claim.cue_start:claim.cue_end] == claim.cue


def test_content_mentions_are_listed():
    claim = one("وقالت رومانوسكي: «الشراكة بين الولايات المتحدة والعراق مهمة».")
    assert {m.actor.code for m in claim.mentions} >= {"USA", "IRQ"}


def test_unclosed_guillemet_runs_to_the_end_of_the_text():
    claim = one("وقال الإطار التنسيقي: «سنواصل دعم الحكومة حتى النهاية")
    assert claim.content == "سنواصل دعم الحكومة حتى النهاية"


def test_group_of_speakers_maps_to_each_actor():
    claim = one("ويقول مسؤولون أمريكيون وعراقيون إن من المتوقع أن تستغرق المحادثات عدة أشهر.")
    assert claim.speaker.actor.code == "USAGOV"
    assert [m.actor.code for m in claim.co_speakers] == ["IRQGOV"]


def speaker_of(text: str, language: str = "ar", index: int = -1):
    """The speaker mention of a text's claim (the last one by default)."""
    return claims(text, language)[index].speaker


@pytest.mark.parametrize("text, surface", [
    # Arabic VSO: the subject after the verb, a name the lexicon does not know
    ("وقال محمد الكناني إن المفاوضات ستستأنف الأسبوع المقبل.", "محمد الكناني"),
    ("وقال الكناني إن المفاوضات ستستأنف الأسبوع المقبل.", "الكناني"),
    ("وأكد يوم الخميس الكناني أن المفاوضات ستستأنف قريبا.", "الكناني"),
    ('وقال "كورتز كوبر" نائب المتحدث إن المجلس سيعقد جلسة.', "كورتز كوبر"),
    ("وقال ستاثاكيس قبيل بدء المفاوضات إن الاتفاق قريب.", "ستاثاكيس"),   # a name after the verb, ended by an adverb
    # English SVO, inverted and post-posed
    ("Jane Doakes said the negotiations would resume next week.", "Jane Doakes"),
    ("The negotiations will resume next week, Doakes said.", "Doakes"),
    ('"The negotiations will resume next week," said Jane Doakes.', "Jane Doakes"),
    ("Jane Doakes, a local councillor, said the negotiations would resume.", "Jane Doakes"),
    ("The negotiations will resume next week, according to Jane Doakes.", "Jane Doakes"),
    ("Jane Doakes told reporters that the negotiations would resume.", "Jane Doakes"),
    ("Jane Doakes also told Reuters that the negotiations would resume.", "Jane Doakes"),
])
def test_subject_of_the_reporting_verb_is_the_speaker(text, surface):
    language = "en" if text.isascii() else "ar"
    speaker = speaker_of(text, language)
    assert (speaker.surface if speaker else None) == surface     # None: no name could be read there


@pytest.mark.parametrize("text", [
    "Jane Doakes met Hillary Clinton on Monday.\nMitchell said Clinton was wrong about the deal.",
    'Hillary Clinton spoke on Monday.\n"The deal is wrong for the country," Mitchell said.',
])
def test_a_named_subject_wins_over_a_known_actor_nearby(text):
    assert speaker_of(text, "en").surface == "Mitchell"


@pytest.mark.parametrize("text, language", [
    ("قال الكناني إن المفاوضات ستستأنف.\nوأضاف أن الوفد سيصل غدا.", "ar"),
    ("قال الكناني إن المفاوضات ستستأنف.\nوتابع أن الوفد سيصل غدا.", "ar"),
    ("قال الكناني إن المفاوضات ستستأنف.\nوأوضح أن الوفد سيصل غدا.", "ar"),
    ("Jane Doakes said the talks would resume.\nShe added that the delegation would arrive soon.", "en"),
    ("Jane Doakes said the talks would resume.\nThe delegation will arrive on Friday, she said.", "en"),
    ("Jane Doakes said the talks would resume.\nThe delegation will arrive on Friday, he added.", "en"),
])
def test_continuation_and_pronoun_carry_the_last_speaker(text, language):
    found = claims(text, language)
    assert len(found) == 2 and found[1].speaker is not None
    assert found[1].speaker.actor.actor_id == found[0].speaker.actor.actor_id


def test_a_pronoun_prefers_the_last_person_over_an_institution():
    text = ("Jane Doakes said the talks would resume.\n"
            "The foreign ministry said the talks were useful.\nThe delegation will arrive soon, she said.")
    assert speaker_of(text, "en").surface == "Jane Doakes"


@pytest.mark.parametrize("text, code", [
    ("ونقلت وكالة رويترز عن مسؤول أمني عراقي قوله إن الهجوم أسفر عن مقتل خمسة.", "IRQMIL"),
    ("وفي بغداد، قال مصدر عسكري إن القوات تقدمت نحو المدينة.", "IRQMIL"),
    ("وفي بغداد، قال متحدث باسم الرئاسة إن الرئيس سيزور الموصل.", "IRQGOV"),
    ("وفي اليمن، قالت مصادر محلية بمحافظة أبين إن المسلحين انسحبوا.", "YEMCVL"),
    ("Washington hosted the talks.\nA senior administration official said the talks were useful.", "USAGOV"),
    ("Iraq hosted the talks.\nAn Iraqi military official said the border was secure.", "IRQMIL"),
])
def test_unnamed_source_is_a_composed_actor(text, code):
    language = "en" if text.isascii() else "ar"
    speaker = speaker_of(text, language)
    assert speaker.actor.code == code and speaker.actor.country == code[:3]


@pytest.mark.parametrize("text, language, speaker, via", [
    ("ونقلت وكالة رويترز عن الكناني قوله إن الهجوم أسفر عن مقتل خمسة.", "ar", "الكناني", "وكالة رويترز"),
    ("Jane Doakes told Reuters that the vote was rigged.", "en", "Jane Doakes", "Reuters"),
])
def test_relayed_claim_names_the_speaker_and_the_outlet(text, language, speaker, via):
    claim = one(text, language)
    assert (claim.speaker.surface, claim.via.surface) == (speaker, via)


@pytest.mark.parametrize("text", [
    "وأكدت ضرورة الإسراع في تشكيل الحكومة الجديدة.",
    "وأضاف دافعا قويا للعمل أن الوفد سيصل غدا.",
])
def test_a_verbs_object_is_no_speaker(text):
    assert all(c.speaker is None or c.speaker.actor.kind != "person" for c in claims(text))


@pytest.mark.parametrize("text, surface, content", [
    ('"The committee will meet again," Rep. Jane Doakes (D-Wis.) said Friday.', "Jane Doakes",
     "The committee will meet again,"),
    ('"The committee will meet again," Doakes said this week on television.', "Doakes",
     "The committee will meet again,"),
    ('"The committee will meet again," Jane Doakes, a local councillor, said after the vote.', "Jane Doakes",
     "The committee will meet again,"),
])
def test_quotation_before_the_speaker_and_cue_is_the_content(text, surface, content):
    claim = one(text, "en")
    assert (claim.speaker.surface, claim.content) == (surface, content)


def test_english_participle_takes_its_sentences_subject():
    text = ("Jane Doakes said the talks would resume.\n"
            "Iraq rejected the plan on Monday, saying that it ignored the border dispute.")
    assert speaker_of(text, "en").actor.code == "IRQ"


@pytest.mark.parametrize("text, surface", [
    ("وقال الشيخ وليد الكناني رئيس المجلس المحلي إن المدينة آمنة.", "وليد الكناني"),
    ("وقال محمد عبد الله إن المدينة آمنة.", "محمد عبد الله"),
    ("قالت بولدان إن الانفجار وقع قرب المحطة.", "بولدان"),
    ("وقالت الصحيفة إن الانفجار وقع قرب المحطة.", None),
    # stacked titles, then a family name that is also a common word: the name the actor stage found
    ("وقال مدير الشرطة العميد سامي الخطيب إن الحادث وقع ليلا.", "سامي الخطيب"),
    ("وقال مدير المرور العام اللواء فهد الراشد إن الطريق مفتوح.", "فهد الراشد"),
    ("وأكد مدير التعليم العام الدكتور سامي الخطيب أن الدراسة تبدأ غدا.", "سامي الخطيب"),
])
def test_arabic_name_in_the_subject_phrase(text, surface):
    speaker = speaker_of(text)
    assert (speaker.surface if speaker else None) == surface


@pytest.mark.parametrize("text, language, name", [
    ("Washington hosted the talks.\nExperts say the talks will fail.", "en", "USA experts"),
    ("وفي بغداد، يقول محللون إن المحادثات ستفشل.", "ar", "IRQ analysts"),
])
def test_unnamed_group_of_speakers_is_named_by_its_noun(text, language, name):
    assert speaker_of(text, language).actor.name == name


@pytest.mark.parametrize("text, code, kind", [
    ("وقال وزير المعادن السوداني، في مؤتمر صحفي، إن الاحتياطات كبيرة.", "SDNGOV", "person"),
    ("وقال مصدر أمني عراقي إن الهجوم وقع ليلا.", "IRQMIL", "other"),
])
def test_title_without_a_name_is_a_composed_actor(text, code, kind):
    speaker = speaker_of(text)
    assert (speaker.actor.code, speaker.actor.kind) == (code, kind)


@pytest.mark.parametrize("text, language, name", [
    ("Reuters reported the vote on Monday.\nThe agency has said the count would take days.", "en", "Reuters"),
    ("The White House has said the bill would harm the country.", "en", "White House"),
    ("Jane Doakes, director of the Institute for Policy Studies at a large university, said the count was fair.",
     "en", "Jane Doakes"),
])
def test_auxiliaries_descriptions_and_long_appositions(text, language, name):
    speaker = speaker_of(text, language)
    assert name in (speaker.surface, speaker.actor.name)


@pytest.mark.parametrize("text, content", [
    ("''The count was fair,'' said Jane Doakes, a councillor.", "The count was fair,"),
    ('Jane Doakes said, "The count was fair and the result stands."', "The count was fair and the result stands."),
])
def test_english_quotation_forms(text, content):
    assert one(text, "en").content == content


@pytest.mark.parametrize("text, content", [
    ("وأضاف الكناني ستكون الساعات القادمة حاسمة في المعركة.", "ستكون الساعات القادمة حاسمة في المعركة"),
    ("وأشار الكناني إلى مقتل عشرة من المسلحين في الاشتباكات.", "مقتل عشرة من المسلحين في الاشتباكات"),
    ("وأكدت مصادر محلية سقوط قتلى وجرحى في القصف.", "سقوط قتلى وجرحى في القصف"),
])
def test_arabic_content_without_a_marker(text, content):
    assert one(text).content == content


def test_a_source_phrase_leaves_the_outlet_out():
    claim = one("في بغداد، قال أحد الشهود لرويترز إن الانفجار كان قويا.")
    assert (claim.speaker.surface, claim.speaker.actor.code) == ("أحد الشهود", "IRQCVL")


def test_arabic_name_before_its_title_is_coded_by_the_title():
    speaker = one("في القاهرة، قال سانغاي رينا مدير الشركة إن الأرباح ارتفعت.").speaker
    assert (speaker.surface, speaker.actor.kind, speaker.actor.code) == ("سانغاي رينا", "person", "EGYGOV")


def test_a_cue_inside_a_quotation_leaves_the_quotation_to_its_speaker():
    found = claims('"We will show that the plan works," Jane Doakes said after the meeting.', "en")
    outer = next(c for c in found if c.cue == "said")
    assert (outer.speaker.surface, outer.content) == ("Jane Doakes", "We will show that the plan works,")


@pytest.mark.parametrize("text", [
    "A federal court ruled that the new rules were lawful.",
    "The senator called the plan a disaster for working families.",
    "Jane Doakes blasted the plan as a giveaway to big companies.",
    "A new poll shows that most voters oppose the plan.",
])
def test_english_reporting_verbs_beyond_say(text):
    assert claims(text, "en")


def test_so_called_is_no_cue():
    assert not claims("The so-called reform package was delayed again in the senate.", "en")


@pytest.mark.parametrize("text, language, contents", [
    ("وقال وزير المالية إن العجز تراجع هذا العام، مشيرا إلى أن الإيرادات ارتفعت بنسبة كبيرة.", "ar",
     ["العجز تراجع هذا العام", "الإيرادات ارتفعت بنسبة كبيرة"]),
    ("أوضحت وزارة الخارجية العراقية أن المشروع تأخر بسبب الأمطار وقالت الوزارة في بيان إن العمل سيستأنف قريبا.", "ar",
     ["المشروع تأخر بسبب الأمطار", "العمل سيستأنف قريبا"]),
    ("President Obama said the bridge would reopen in May, adding that repairs cost more than planned.", "en",
     ["the bridge would reopen in May", "repairs cost more than planned"]),
])
def test_a_cue_inside_a_content_opens_its_own_claim(text, language, contents):
    found = claims(text, language)
    assert [c.content for c in found] == contents
    assert found[1].speaker is not None and found[1].speaker.actor.actor_id == found[0].speaker.actor.actor_id


def test_a_closed_quotation_is_never_cut():
    text = "وقال المتحدث: «نحن مستعدون للحوار، مؤكدين أن الباب مفتوح للجميع»."
    assert one(text).content == "نحن مستعدون للحوار، مؤكدين أن الباب مفتوح للجميع"


@pytest.mark.parametrize("text, content", [
    ("أعلنت وزارة الخارجية العراقية في بيان أن اللجنة تشكلت.\nوأضافت هناك دول كثيرة ساعدتنا في هذه المرحلة الصعبة وأن الطريق ما زال طويلا.",
     "هناك دول كثيرة ساعدتنا في هذه المرحلة الصعبة وأن الطريق ما زال طويلا"),
])
def test_a_verbs_own_words_before_a_far_that_clause(text, content):
    assert claims(text)[-1].content == content


def test_an_unread_subject_keeps_the_that_clause():
    text = "وقال عضو مجلس إدارة النادي المنتدب سعيد بن خالد إن الموسم كان صعبا."
    assert one(text).content == "الموسم كان صعبا"


@pytest.mark.parametrize("text, code, content", [
    ("قتل خمسة أشخاص في انفجار سيارة مفخخة، وفقا لوزارة الداخلية العراقية.", "IRQGOV",
     "قتل خمسة أشخاص في انفجار سيارة مفخخة"),
    ("وطبقا لوزارة الخارجية العراقية كان الوفد يخطط لزيارة المدينة الشهر المقبل.", "IRQGOV",
     "كان الوفد يخطط لزيارة المدينة الشهر المقبل"),
    ("وبحسب مصادر أمنية عراقية فإن الهجوم وقع قبل الفجر بقليل.", "IRQ", "الهجوم وقع قبل الفجر بقليل"),
])
def test_arabic_attribution_phrase_before_or_after_its_content(text, code, content):
    claim = one(text)
    assert claim.content == content
    assert claim.speaker.actor.code.startswith(code)


@pytest.mark.parametrize("text, surface", [
    ("وقال علي الأحمدي الناطق الرسمي للمقاومة الشعبية في عدن إن المدينة تحررت بالكامل.", "علي الأحمدي"),
    ("ومن جهته قال وزير حقوق الانسان سامر الفلاحي ان القرار يشكل خطوة مهمة.", "سامر الفلاحي"),
    ("قال الناطق الرسمي باسم الجيش الليبي أحمد المسماري، إن القوات تقدمت نحو المدينة.", "أحمد المسماري"),
])
def test_the_person_named_with_a_title_is_the_speaker(text, surface):
    assert one(text).speaker.surface == surface


def test_on_is_no_name_after_a_verb():
    claim = one("وقال على هامش المؤتمر إن المدينة تحررت بالكامل.")
    assert claim.content == "المدينة تحررت بالكامل"
    assert claim.speaker is None


@pytest.mark.parametrize("text, surface, content", [
    ("SMITH: We will not raise taxes on working families this year.", "SMITH",
     "We will not raise taxes on working families this year."),
    ('"We were never told about the closure." ― Maria Lopez', "Maria Lopez", "We were never told about the closure."),
    ('Barack Obama: "The economy is stronger than it was eight years ago."', "Barack Obama",
     "The economy is stronger than it was eight years ago."),
])
def test_english_speaker_labels(text, surface, content):
    claim = one(text, "en")
    assert (claim.speaker.surface, claim.content) == (surface, content)


@pytest.mark.parametrize("text", [
    "WASHINGTON - The Senate passed the bill on Tuesday after a long debate.",
    "Update: The story was changed to add the vote count and a new map.",
])
def test_datelines_and_notes_are_no_labels(text):
    assert claims(text, "en") == []


@pytest.mark.parametrize("text, content", [
    ("Senator Warren wants to break up the largest banks before the next crisis.", "break up the largest banks before the next crisis"),
    ("The governor refused to release the video of the shooting.", "release the video of the shooting"),
    ("Trump plans to unveil his tax proposal in Detroit next week.", "unveil his tax proposal in Detroit next week"),
])
def test_english_stances_are_attributed(text, content):
    assert content in [c.content for c in claims(text, "en")]


@pytest.mark.parametrize("text, words", [
    ("The fund warned that the exit will raise many questions in the coming years.", "The fund"),
    ("Several neighbours said the bridge had been closed for a week.", "Several neighbours"),
])
def test_english_subject_without_an_actor_is_kept_as_words(text, words):
    claim = one(text, "en")
    assert claim.speaker is None and claim.speaker_text == words


def test_the_relaying_outlet_is_written_as_via_actor_id():
    from marsad.extract import DocText, default_extractor, extract_batch
    text = "ونقلت وكالة رويترز عن مسؤول أمني عراقي قوله إن الحدود أغلقت بالكامل."
    rows = extract_batch([DocText("d1", text, "ar", (0,), ("s1",))], default_extractor(),
                         datetime(2024, 1, 25, tzinfo=timezone.utc))
    [claim] = rows["claims"]
    via = next(a for a in rows["doc_actors"] if a["actor_id"] == claim["via_actor_id"])
    assert via["kind"] == "media" and claim["speaker_actor_id"] != claim["via_actor_id"]


@pytest.mark.parametrize("text, contents", [
    ("وقالت وزارة الخارجية العراقية إن الزيارة تأجلت، رغم أن مصدرا دبلوماسيا أكد أن الموعد لم يتغير.",
     ["الزيارة تأجلت، رغم أن مصدرا دبلوماسيا", "الموعد لم يتغير"]),
    ("وأكد وزير الخارجية العراقي أن الحوار مستمر (بين البلدين) مضيفا بأن اللجنة ستجتمع قريبا.",
     ["الحوار مستمر (بين البلدين)", "اللجنة ستجتمع قريبا"]),
])
def test_a_nested_statement_is_its_own_claim(text, contents):
    assert [c.content for c in claims(text)] == contents


@pytest.mark.parametrize("text, content", [
    ("طالب الإطار التنسيقي الحكومة العراقية باتخاذ خطوات «حازمة» لضرب الفساد في كل المؤسسات «من دون تأخير».",
     "الحكومة العراقية باتخاذ خطوات «حازمة» لضرب الفساد في كل المؤسسات «من دون تأخير»"),
    ("أعلنت وزارة الخارجية العراقية في بيان أن اللجنة تشكلت أمس في بغداد، محذرة من تصاعد التوتر على الحدود خلال الأيام المقبلة وذلك بعد أن أكدت مصادر أنه لا اتفاق.",
     "تصاعد التوتر على الحدود خلال الأيام المقبلة"),
])
def test_arabic_verb_content_around_scare_quotes_and_complements(text, content):
    assert any(c.content.startswith(content) for c in claims(text))


def test_written_statement_cue_takes_its_author():
    claim = one("وجاء في بيان لوزارة الخارجية العراقية أن الوفد سيصل غدا.")
    assert (claim.speaker.actor.code, claim.content) == ("IRQGOV", "الوفد سيصل غدا")


@pytest.mark.parametrize("text, content", [
    ("The commission says on its website that the sound level was lower in the hall.", "the sound level was lower in the hall"),
    ('Johnson tells MSNBC\'s "Morning Joe" on Friday that the attack remains under investigation.',
     "the attack remains under investigation"),
    ("Several experts cautioned, as did the campaign itself, that the proposals might well change.",
     "the proposals might well change"),
    ("The losses would outstrip the gains for many families, said Batchelder.", "The losses would outstrip the gains for many families"),
    ("A new poll shows Clinton leading in three swing states.", "Clinton leading in three swing states"),
])
def test_english_content_after_asides_names_and_inversions(text, content):
    assert content in [c.content for c in claims(text, "en")]
