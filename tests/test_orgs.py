"""Organisations: bare and short names decided by context, Latin-script names in Arabic text,
companies, clubs, parties, universities and media, and the generated lexicons."""

from __future__ import annotations

import pytest

from marsad.actors import default_lexicon, extract_mentions


def named(text: str, language: str = "ar") -> dict[str, str]:
    """Actor key of each mention by its surface."""
    return {m.surface: m.actor.key for m in extract_mentions(text, language, default_lexicon())}


@pytest.mark.parametrize("text, surface, key", [
    # a short name is an organisation when the article names it in full ...
    ("أعلن تنظيم القاعدة مسؤوليته عن الهجوم. وقالت مصادر إن القاعدة خططت له منذ أشهر.", "القاعدة", "al-qaeda"),
    ("بثت قناة الجزيرة الخبر ظهرا، ثم عادت الجزيرة إلى تفاصيله مساء.", "الجزيرة", "al-jazeera"),
    # ... or when a cue word of its sector stands next to it
    ("وقال مدرب الهلال بعد اللقاء إنه راض عن الأداء.", "الهلال", "al-hilal-club"),
    ("وأكد مراسل الجزيرة أن الاشتباكات توقفت.", "الجزيرة", "al-jazeera"),
    ("وقتل ثلاثة من عناصر القاعدة في الغارة.", "القاعدة", "al-qaeda"),
    ("فاز الزمالك على ضيفه بهدفين.", "الزمالك", "zamalek"),
    ("وهاجم مسلحو الشباب قاعدة عسكرية في الصومال.", "الشباب", "al-shabaab"),
])
def test_short_names_in_context(text, surface, key):
    assert named(text).get(surface) == key


@pytest.mark.parametrize("text, word", [
    ("وصلت الطائرات إلى القاعدة العسكرية ليلا.", "القاعدة"),
    ("القاعدة الذهبية في الاستثمار هي التنويع.", "القاعدة"),
    ("فتح الباب أمام المستثمرين الأجانب.", "فتح"),
    ("أعلنت المحكمة رؤية الهلال مساء الأحد.", "الهلال"),
    ("يعيش معظم سكان الجزيرة على الصيد.", "الجزيرة"),
    ("تراجعت البطالة بين الشباب هذا العام.", "الشباب"),
])
def test_short_names_alone_are_ordinary_words(text, word):
    assert word not in named(text)


@pytest.mark.parametrize("text, surface, key", [
    ("وقالت NATO في بيان إن الاجتماع سيعقد غدا.", "NATO", "nato"),
    ("ورفعت OPEC توقعاتها للطلب.", "OPEC", "opec"),
    ("وتبنى ISIS الهجوم.", "ISIS", "isis"),
    ("ونقلت Reuters عن مسؤول قوله.", "Reuters", "reuters"),
])
def test_latin_script_names_inside_arabic_text(text, surface, key):
    assert named(text).get(surface) == key


@pytest.mark.parametrize("text, surface, kind, sector", [
    ("أعلنت شركة سابك أرباحها الفصلية.", "شركة سابك", "organization", "BUS"),
    ("وقعت بوينغ عقدا جديدا.", "بوينغ", "organization", "MNC"),
    ("أقامت إدارة نادي النصر حفلا للاعبين.", "نادي النصر", "organization", "SPT"),
    ("فاز حزب المحافظين بالانتخابات.", "حزب المحافظين", "organization", "PTY"),
    ("تخرج في جامعة الملك سعود عام 2001.", "جامعة الملك سعود", "organization", "EDU"),
    ("وذكرت صحيفة القبس الكويتية أن الوزير استقال.", "صحيفة القبس الكويتية", "media", "MED"),
    ("وقالت منظمة العمل الدولية إن البطالة ارتفعت.", "منظمة العمل الدولية", "organization", "IGO"),
])
def test_kind_and_sector_policy(text, surface, kind, sector):
    actors = {m.surface: m.actor for m in extract_mentions(text, "ar", default_lexicon())}
    assert (actors[surface].kind, actors[surface].sector) == (kind, sector)


@pytest.mark.parametrize("text, surface, kind", [
    ("FIFA opened an inquiry into the vote.", "FIFA", "organization"),
    ("Shares of Google rose on Monday.", "Google", "organization"),
    ("The Democratic Front for the Liberation of Palestine said it would attend.",
     "Democratic Front for the Liberation of Palestine", "armed_group"),
])
def test_english_organisations(text, surface, kind):
    actors = {m.surface: m.actor for m in extract_mentions(text, "en", default_lexicon())}
    assert actors[surface].kind == kind


@pytest.mark.parametrize("text, language, surface, country", [
    ("Former prime minister Tony Blair met the envoy.", "en", "Tony Blair", "GBR"),
    ("Hamid Karzai spoke in Kabul.", "en", "Hamid Karzai", "AFG"),
    ("Gordon Brown left office in 2010.", "en", "Gordon Brown", "GBR"),
    ("والتقى توني بلير بالمبعوث.", "ar", "توني بلير", "GBR"),
    ("وقال نيكولا ساركوزي إن فرنسا لن تتراجع.", "ar", "نيكولا ساركوزي", "FRA"),
])
def test_well_known_foreign_politicians_from_the_open_dictionaries(text, language, surface, country):
    actors = {m.surface: m.actor for m in extract_mentions(text, language, default_lexicon())}
    assert actors[surface].kind == "person" and actors[surface].country == country


def test_generated_lexicon_is_large_and_loads_with_its_checks():
    lexicon = default_lexicon()
    generated = [a for a in lexicon.actors.values() if a.key.startswith(("person-", "org-"))]
    assert len(lexicon.actors) > 10_000 and len(generated) > 10_000


@pytest.mark.parametrize("text, surface, code", [
    ("فاز حزب بوديموس في الانتخابات في إسبانيا، وقال زعيم بوديموس إن النتائج مشجعة.", "حزب بوديموس", "ESPPTY"),
    ("وذكرت صحيفة حريت التركية أن الاتفاق وشيك.", "صحيفة حريت", "TURMED"),
    ("ووقعت شركة «نور للاتصالات» عقدا في الرياض مع وزارة الصحة السعودية.", "شركة «نور للاتصالات»", "SAUBUS"),
])
def test_unknown_organisation_after_a_head_noun(text, surface, code):
    actors = {m.surface: m.actor for m in extract_mentions(text, "ar", default_lexicon())}
    assert actors[surface].code == code


def test_unknown_organisation_name_alone_links_back():
    text = "فاز حزب بوديموس في الانتخابات في إسبانيا، وقال زعيم بوديموس إن النتائج مشجعة."
    keys = [m.actor.key for m in extract_mentions(text, "ar", default_lexicon()) if "بوديموس" in m.surface]
    assert len(keys) == 2 and len(set(keys)) == 1


@pytest.mark.parametrize("text", [
    "أعلنت شركة كبيرة عن أرباحها.",
    "اجتمعت مجموعة من الشباب في الحديقة.",
    "وقال حزب المعارضة إنه سيقاطع.",
])
def test_head_noun_with_an_ordinary_word_is_no_new_organisation(text):
    assert not [m for m in extract_mentions(text, "ar", default_lexicon()) if m.actor.key.startswith("org:")]


def test_quoted_known_name_after_a_head_is_the_known_actor():
    assert named("وقالت قناة «الإخبارية» إن الحريق أخمد.").get("قناة «الإخبارية»") == "al-ekhbariya"


def _found(text: str) -> dict[str, object]:
    """The actor of each mention by its surface."""
    return {m.surface: m.actor for m in extract_mentions(text, "ar", default_lexicon())}


@pytest.mark.parametrize("text, whole, proper", [
    # a head set apart from the name: the name proper is a mention of the same actor too
    ("وقالت صحيفة «الأفق» إن المفاوضات انتهت.", "صحيفة «الأفق»", "الأفق"),
    ("وقالت صحيفة « الأفق » إن المفاوضات انتهت.", "صحيفة « الأفق »", "الأفق"),
    ("أعلنت حركة حماس أنها وافقت على الهدنة.", "حركة حماس", "حماس"),
    # a trailing nisba is no part of the name proper
    ("وقال حزب الله اللبناني في بيان إنه لن يرد.", "حزب الله اللبناني", "حزب الله"),
])
def test_name_proper_inside_an_organisations_phrase(text, whole, proper):
    found = _found(text)
    assert found[proper] is found[whole] and found[whole].kind in ("organization", "armed_group", "media")


@pytest.mark.parametrize("text, surface, kind, code", [
    # armed groups named with a group word (شهداء, ثوار) and a place or a kunya
    ("وقتل اثنان من عناصر كتيبة شهداء أبو خالد في الاشتباكات في ليبيا.", "كتيبة شهداء أبو خالد", "armed_group", "LBYREB"),
    ("وأعلن مجلس شورى ثوار سرت مسؤوليته عن الهجوم.", "مجلس شورى ثوار سرت", "armed_group", "LBYREB"),
    # a head that is part of the name, then a place: the place's country codes it
    ("تخرج في جامعة أسيوط قبل عشر سنوات.", "جامعة أسيوط", "organization", "EGYEDU"),
    ("فاز سبارتاك موسكو على ضيفه بهدف.", "سبارتاك موسكو", "organization", "RUSSPT"),
    # a name in parentheses, and the nisba past an adjective
    ("ووقعت الحكومة عقدا مع شركة (فالكونير) الكندية للتنقيب.", "شركة (فالكونير)", "organization", "CANBUS"),
    ("والتقى الرئيس وفدا من حزب نوفاريم اليساري الإسرائيلي أمس.", "حزب نوفاريم", "organization", "ISRPTY"),
    ("وقعت شركة زيتونة للتطوير العقاري السعودية عقدا جديدا.", "شركة زيتونة للتطوير العقاري", "organization", "SAUBUS"),
])
def test_new_organisations_with_their_kind_and_country(text, surface, kind, code):
    actor = _found(text)[surface]
    assert (actor.kind, actor.code) == (kind, code)


def test_place_inside_an_organisations_name_is_no_place_mention():
    assert [m.actor.kind for m in extract_mentions("تخرج في جامعة أسيوط قبل عشر سنوات.", "ar", default_lexicon())] \
        == ["organization"]


@pytest.mark.parametrize("text", [
    "كانت حركة المرور كثيفة صباح اليوم.",
    "وأشار بحركة يديه إلى الباب.",
    "زار الوفد موقع الحادث.",
])
def test_heads_that_are_ordinary_nouns_need_quotation_marks(text):
    assert not [m for m in extract_mentions(text, "ar", default_lexicon()) if m.actor.key.startswith("org:")]


def test_quoted_name_after_a_movement_head():
    assert _found("وقالت حركة «الغد الأخضر» إنها ستشارك.")["حركة «الغد الأخضر»"].kind == "organization"


def test_actor_named_after_a_link_word_inside_an_organisations_name():
    found = _found("وشنت طائرات التحالف العربي بقيادة السعودية غارات جديدة.")
    assert found["السعودية"].key == "SAU" and found["التحالف العربي"].kind == "organization"


@pytest.mark.parametrize("text, surface, kind", [
    ("تعادل تشلسي مع ليفربول في المرحلة الأولى.", "ليفربول", "organization"),   # a club nearby
    ("وقال مدرب روما إن فريقه استحق الفوز.", "روما", "organization"),           # a sports cue
    ("وصل الرئيس الإيطالي إلى روما أمس.", "روما", "location"),
    ("ارتفعت مبيعات سيارات نيسان هذا العام.", "نيسان", "organization"),        # a product cue
])
def test_clubs_and_companies_named_like_a_city_or_a_month(text, surface, kind):
    assert _found(text)[surface].kind == kind


def test_a_month_name_alone_is_no_company():
    assert "نيسان" not in _found("وصل الوفد في العاشر من نيسان الماضي.")


def test_head_and_nisba_name_the_last_organisation_of_that_country():
    text = "ووقعت الحكومة اتفاقا مع شركة (سيبرانا) الروسية للتنقيب. وقالت الشركة الروسية إنها ستبدأ العمل."
    found = _found(text)
    assert found["الشركة الروسية"] is found["شركة (سيبرانا)"]


def test_head_and_nisba_alone_name_nobody():
    assert "الشركة الروسية" not in _found("وقالت الشركة الروسية إنها ستبدأ العمل.")


@pytest.mark.parametrize("text, proper", [
    ("ورفعت مؤسسة «نجمة الشمال» تصنيف البنك.", "نجمة الشمال"),        # a head that is part of names
    ("وأعلن حزب «العدالة والتنمية» فوزه.", "العدالة والتنمية"),
])
def test_quoted_name_after_any_head_is_a_mention_of_its_own(text, proper):
    found = _found(text)
    assert proper in found and found[proper] is not None


@pytest.mark.parametrize("text, surface, key", [
    ("وقال الوزير لـ«الحياة» إن المفاوضات مستمرة.", "الحياة", "al-hayat"),
    ("وقال مصدر لـ\"عكاظ\" إن القرار صدر أمس.", "عكاظ", "okaz"),
])
def test_quoted_name_of_a_listed_newspaper_without_its_head(text, surface, key):
    assert named(text).get(surface) == key


@pytest.mark.parametrize("text, word", [
    ("تغيرت الحياة في المدينة كثيرا.", "الحياة"),                      # not quoted: the word
    ("قال لـ«الشرق الأوسط» إن الوضع هادئ.", "الشرق الأوسط"),           # a place first: left alone
])
def test_a_word_unquoted_or_read_as_a_place_is_no_newspaper(text, word):
    assert named(text).get(word) not in ("al-hayat", "asharq-al-awsat")


def test_place_inside_a_quoted_name_is_no_place_mention_even_before_a_nisba():
    kinds = {m.surface: m.actor.kind for m in extract_mentions(
        "واتهمت صحيفة «بابل» الحكومة الأمريكية بالتقصير.", "ar", default_lexicon())}
    assert kinds.get("بابل") == "media"


def codes(text: str) -> dict[str, str | None]:
    """Actor code of each mention by its surface."""
    return {m.surface: m.actor.code for m in extract_mentions(text, "ar", default_lexicon())}


IRAQ = ("قال وزير الدفاع العراقي إن العراق سيرد. وانتشر الجيش في شوارع بغداد بعد أن فرقت الشرطة "
        "المتظاهرين في البصرة.")


@pytest.mark.parametrize("text, surface, code", [
    (IRAQ, "الجيش", "IRQMIL"),
    (IRAQ, "الشرطة", "IRQCOP"),
    ("أعلنت ليبيا حالة الطوارئ في طرابلس وبنغازي، وقامت قوات الأمن بتفريق التظاهرة.", "قوات الأمن", "LBYMIL"),
])
def test_bare_national_forces_are_the_forces_of_the_country_the_story_is_about(text, surface, code):
    assert codes(text).get(surface) == code


@pytest.mark.parametrize("text, surface", [
    ("زار وزير الخارجية العراقي مصر، ثم التقى نظيريه في الأردن وسوريا. وانتشر الجيش في المدينة.", "الجيش"),
    ("وانتشر الجيش في المدينة بعد الاشتباكات.", "الجيش"),
    ("قال وزير الدفاع العراقي إن العراق سيرد. وانتشرت القوات في المدينة.", "القوات"),      # not listed
])
def test_bare_forces_of_a_story_about_several_countries_or_none_or_unlisted_name_nobody(text, surface):
    assert surface not in codes(text)


@pytest.mark.parametrize("text, surface, code", [
    ("تقدمت قوات الجيش اليمني في عدن، واستكمل الجيش الموالي للشرعية تطهير عدن في اليمن.",
     "الجيش الموالي للشرعية", "YEMMIL"),
    ("وقالت الحكومة العراقية إن القوات العراقية الموالية للشرعية دخلت المدينة.", "القوات العراقية الموالية للشرعية",
     "IRQMIL"),
])
def test_a_force_runs_on_over_whom_it_is_loyal_to(text, surface, code):
    assert codes(text).get(surface) == code


def test_a_force_does_not_run_on_over_another_mention():
    assert "القوات العراقية" in codes("وقالت الحكومة العراقية إن القوات العراقية التابعة لبغداد دخلت المدينة.")


def kinds(text: str) -> dict[str, str]:
    """Actor kind of each mention by its surface."""
    return {m.surface: m.actor.kind for m in extract_mentions(text, "ar", default_lexicon())}


@pytest.mark.parametrize("text, surface", [
    # a head noun and its definite complement: a word with the article, after at most one noun in
    # the construct state, and nisba adjectives (issue 13)
    ("وطالبت منظمة حماية البيئة الدولية بوقف الصيد الجائر.", "منظمة حماية البيئة الدولية"),
    ("وقدمت جمعية الإحسان الخيرية سلالا غذائية للأسر.", "جمعية الإحسان الخيرية"),
    ("وأصدرت رابطة المصارف العربية تقريرها السنوي.", "رابطة المصارف العربية"),
    ("وقال ائتلاف الأحرار في بيان إن الانتخابات مزورة.", "ائتلاف الأحرار"),
    ("ودعت نقابة المعلمين إلى إضراب عام.", "نقابة المعلمين"),
    ("وانتقد اتحاد الغرف التجارية والصناعية القرار.", "اتحاد الغرف التجارية والصناعية"),
    ("وأعلنت المنطقة العسكرية الشمالية حالة التأهب.", "المنطقة العسكرية الشمالية"),   # a regional command
])
def test_a_head_and_its_definite_complement_name_an_organisation(text, surface):
    assert kinds(text).get(surface) == "organization"


@pytest.mark.parametrize("text, word", [
    ("وتحدث عميد كلية الهندسة عن المناهج.", "كلية الهندسة"),       # a faculty: no actor
    ("وقالت المنظمة إن الوضع خطير.", "المنظمة"),                    # a definite head alone
    ("اجتمعت اللجنة مساء أمس.", "اللجنة"),
    ("وقررت لجنة الانضباط إيقاف اللاعب.", "لجنة الانضباط"),        # a committee of another body
])
def test_faculties_and_bare_heads_make_no_new_organisation(text, word):
    assert word not in named(text)


def test_the_complement_alone_is_not_the_organisation_again():
    text = "وأصدرت رابطة المصارف العربية تقريرها. وتشمل المصارف العربية كل البنوك."
    spans = [m.surface for m in extract_mentions(text, "ar", default_lexicon())]
    assert spans == ["رابطة المصارف العربية"]


def test_an_organisation_runs_on_over_whom_it_is_led_by():
    text = "وطالب ائتلاف الأحرار بزعامة سمير الدباغ الحكومة باتخاذ إجراءات."
    found = {m.surface: m.kind for m in extract_mentions(text, "ar", default_lexicon())}
    assert found.get("ائتلاف الأحرار بزعامة سمير الدباغ") == "name"
    assert found.get("ائتلاف الأحرار") == "short" and found.get("سمير الدباغ") == "name"


@pytest.mark.parametrize("text, surface, person", [
    # a word of followers and a person: the person's forces, an armed group (followers.txt)
    ("وتقدمت المقاومة على قوات المخلوع صالح في المدينة.", "قوات المخلوع صالح", "person-ali-abdullah-saleh"),
    ("وقصفت الطائرات مواقع قوات الرئيس المخلوع علي عبدالله صالح.", "قوات الرئيس المخلوع علي عبدالله صالح",
     "person-ali-abdullah-saleh"),
    ("وقصفت الطائرات مواقع الحوثيين وفلول صالح جنوب المدينة.", "فلول صالح", "person-ali-abdullah-saleh"),
    ("وهاجمت قوات حفتر مواقع في المدينة.", "قوات حفتر", "person-khalifa-haftar"),
    ("وتقدمت قوات الأسد في ريف حلب.", "قوات الأسد", "person-bashar-al-assad"),
])
def test_forces_named_after_a_person(text, surface, person):
    found = {m.surface: m.actor for m in extract_mentions(text, "ar", default_lexicon())}
    assert found[surface].kind == "armed_group" and found[surface].key == "forces:" + person
    assert person in named(text).values()                     # the person is a mention of its own


@pytest.mark.parametrize("text, word", [
    ("وتقدمت ميليشيات الحوثي نحو المدينة.", "ميليشيات الحوثي"),    # a group's own name, not a person's forces
    ("وانتشرت قوات الأمن في الشوارع.", "قوات الأمن"),
    ("ويقود العميد صالح علي حسن قوات الجيش في المنطقة.", "قوات الجيش"),
])
def test_forces_without_a_person_are_no_persons_forces(text, word):
    assert not any(k.startswith("forces:") for k in named(text).values())
@pytest.mark.parametrize("text, surface, key", [
    ("أعلنت بعثة الأمم المتحدة في العراق حصيلة الشهر، وقالت البعثة في بيانها إن الوضع تحسن.", "البعثة",
     "unami"),
    ("أعلنت بعثة الأمم المتحدة في العراق حصيلة الشهر،\nوقالت البعثة في بيانها إن الوضع تحسن.", "البعثة",
     "unami"),                                                                  # the paragraph before
    ("قالت وزارة الخارجية الأمريكية إن الاتفاق جيد، وأضافت الوزارة أن المحادثات ستستمر.", "الوزارة",
     "role:foreign-ministry:USA"),
    ("استقبلت السعودية وفدا يمنيا، وأكدت المملكة دعمها للحكومة الشرعية.", "المملكة", "SAU"),
    ("استقبلت السعودية وفدا يمنيا.\nوأكدت المملكة دعمها للحكومة الشرعية.", "المملكة", "SAU"),   # a paragraph's first words
])
def test_a_head_noun_alone_names_the_last_actor_named_with_it(text, surface, key):
    # the subject of a verb of saying (names.toml cues_before), the antecedent in this or the paragraph before
    assert named(text).get(surface) == key


@pytest.mark.parametrize("text, surface", [
    ("أعلنت بعثة الأمم المتحدة في العراق حصيلة الشهر.\nوزار الوزير المدينة.\nوقالت البعثة إن الوضع تحسن.",
     "البعثة"),                                                                                  # two paragraphs back
    ("أعلنت حركة حماس موقفها، وتأسست الحركة الوطنية قبل عقود.", "الحركة"),                # another name
    ("وقالت الوزارة إن الوضع مستقر.", "الوزارة"),                                          # nothing before
    ("وقع الوزير العقد مع شركة سابك، وكشف عن قيام الشركة بالبحث في موقعين.", "الشركة"),   # no subject of saying
    ("أعلنت بعثة الأمم المتحدة في العراق حصيلة الشهر، وقالت البعثة الأممية إن الوضع تحسن.",
     "البعثة"),                                                                                  # a word with the article after
])
def test_a_head_noun_alone_without_its_antecedent_names_nobody(text, surface):
    assert surface not in named(text)
