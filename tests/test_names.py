"""People found by context: given names, verbs of saying, titles in apposition, nasab chains."""

from __future__ import annotations

import pytest

from marsad.actors import default_lexicon, extract_mentions


def names(text: str, language: str = "ar") -> list[str]:
    """Surfaces of the person mentions of a text, titles left out."""
    return [m.surface for m in extract_mentions(text, language, default_lexicon())
            if m.actor.kind == "person" and m.kind != "role"]


@pytest.mark.parametrize("text, name", [
    ("وصل خالد الزهراني إلى المدينة أمس.", "خالد الزهراني"),                  # given name, unknown family
    ("وقال كامبوس ريفيرو إن الاتفاق صامد.", "كامبوس ريفيرو"),                 # verb of saying
    ("وحضر الشيخ منصور الفلاحي الحفل.", "منصور الفلاحي"),                     # honorific
    ("وصل راكان بن فهد آل زيدان إلى جدة.", "راكان بن فهد آل زيدان"),          # nasab chain
    ("وأكد أبو خالد السلمي أن القافلة وصلت.", "أبو خالد السلمي"),             # kunya
    ("ووقع وزير المعادن أحمد سالم الكردفاني الاتفاق.", "أحمد سالم الكردفاني"),  # title, its complement
    ("وقال وزير الطاقة السابق كوستاس ماريديس الذي صوت ضد الخطة.", "كوستاس ماريديس"),
    ("وفاز الروسي نيكيتا أورلوف على منافسه.", "نيكيتا أورلوف"),                # a nisba for a person
    ("وقدم الفنان رامز الصفتي حفلا.", "رامز الصفتي"),                          # an occupation as title
    ('وقال "دوريان كوستيلو" نائب المتحدث إن الجلسة تأجلت.', "دوريان كوستيلو"),  # a quoted name
    ("وصرح العقيد ماجد علي الحربي بأن الطريق مفتوح.", "ماجد علي الحربي"),       # علي inside a name
    ("وشارك عزالدين القحطاني في الندوة.", "عزالدين القحطاني"),                 # a الدين name joined
    ("وحضر الشيخ طارق الإيطالي الحفل.", "طارق الإيطالي"),                      # a nisba as family name
    ("ويؤكد غرانفيلد أن الخطة فشلت.", "غرانفيلد"),                              # a present verb of saying
    ("وكتب الروائي الراحل منصور الحلبي عن المدينة.", "منصور الحلبي"),          # "the late" as a title
    ("وقال اللورد هاملتون إن التحقيق مستمر.", "هاملتون"),                        # a British title
    ("وصل الفريق ماجد المحرج إلى المدينة.", "ماجد المحرج"),          # weak given name, a common word as family name
    ("وشدد على التعاون مع سالم الحقيل في المشروع.", "سالم الحقيل"),   # a definite family name without nisba ending
    ("وحضر الحفل زوجته كاترين، وابنها سامي.", "كاترين"),              # a kinship noun with its pronoun
    ("وتلقى زميله فرانكو بيرتولي بطاقة صفراء.", "فرانكو بيرتولي"),      # a colleague
    ("وفي عهد الإمبراطور كانغشي ازدهرت التجارة.", "كانغشي"),           # a monarch's title; a derived verb closes it
    ("وأوضح العميد علي الفرحان أن الطريق مفتوح.", "علي الفرحان"),       # after a title علي is the name
])
def test_names_found_by_context(text, name):
    assert name in names(text)


@pytest.mark.parametrize("text, name", [
    ("وكان الرئيس ماكسيم دوران قال إن الانتخابات ستجري.", "ماكسيم دوران"),    # stops at the verb
    ("التقى الوزير سالم الكعبي اليوم بالسفير.", "سالم الكعبي"),               # stops at a time word
    ("وقال خالد الزهراني ومحمد العمري إنهما مستعدان.", "خالد الزهراني"),       # a second person
    ("وقال الرئيس عباس نحن مستعدون.", "عباس"),                                 # a pronoun ends it
    ("وحضر سامي النعيمي ابن خالة اللاعب الحفل.", "سامي النعيمي"),              # a kinship noun ends it
    ("وقال ستاثاكيس قبيل بدء المفاوضات إن الاتفاق قريب.", "ستاثاكيس"),         # a time adverb ends it
    ("وحقق المطرب سامي الدوسري حلمه بالغناء.", "سامي الدوسري"),               # a noun and its pronoun
    ("وقال الرئيس دوبرافكو سيقرر الموعد غدا.", "دوبرافكو"),                    # the future prefix and a verb
    ("ودفع المدرب كريستيان بمجهود كبير.", "كريستيان"),                          # a preposition and a noun
    ("وتأهل الإسباني بيدرو غارسيا المصنف ثالثا إلى الدور.", "بيدرو غارسيا"),    # a frequent word ends it
    ("وظهر المطرب حازم صالح يغني في الحفل.", "حازم صالح"),                    # a verb ends it, a boundary after
    ("وانتقد الوزير الأرجنتيني داريو فيلاسكو الموقف الأمريكي.", "داريو فيلاسكو"),  # a noun and its adjective
])
def test_names_stop_at_boundaries(text, name):
    assert names(text)[0] == name


@pytest.mark.parametrize("text", [
    "وقال مصدر أمني إن الهجوم فشل.",
    "ونقلت الوكالة عن مسؤول أمني عراقي قوله إن الهجوم فشل.",   # a relational adjective after a title
    "وقال مسؤول عسكري مطلع إن القوات تقدمت.",
    "قالت مصادر محلية إن القصف استمر.",
    "وأكد بيان الوزارة أن العمل مستمر.",
    "وعلى الرغم من ذلك استمرت المحادثات.",
    "وطالب بتشكيل لجان عسكرية مشتركة.",
    "وأعلن الجيش الفرنسي انسحابه.",
    "ونقل المصاب إلى مستشفى الملك خالد الجامعي.",          # a person's name naming a place
    "واشترى الطعام من بقال تقمص دور البائع.",              # بقال is a grocer, no ب + قال
    "فقد كشفت كواليس المفاوضات أن الاتفاق قريب.",          # one unknown word before a frequent one
    "وأصدر معهد ألماني لمناخ الأعمال تقريره.",               # a nisba, then a preposition and a noun
    "وتحدث الوزير عن حسن الجوار بين البلدين.",               # a given name heading a construct
    "وحصل الوزير على الدعم الكامل من البرلمان.",             # after a title على is still the preposition
])
def test_ordinary_words_are_no_names(text):
    assert names(text) == []


def test_title_in_apposition_codes_the_person():
    text = "وقال سامر العتيبي، وزير الإسكان الأردني، إن الخطة جاهزة."
    ms = [m for m in extract_mentions(text, "ar", default_lexicon()) if m.actor.kind == "person"]
    assert [m.surface for m in ms if m.kind == "name"] == ["سامر العتيبي"]
    assert {m.actor.code for m in ms} == {"JORGOV"}
    assert len({m.actor.actor_id for m in ms}) == 1      # the title is a mention of him too


def test_surname_repeats_the_person_named_without_title():
    text = "وقال فراس الدوسري إن الموسم صعب.\nوأضاف الدوسري أن الفريق جاهز."
    ms = [m for m in extract_mentions(text, "ar", default_lexicon()) if m.actor.kind == "person"]
    assert [(m.surface, m.kind) for m in ms] == [("فراس الدوسري", "name"), ("الدوسري", "surname")]
    assert ms[0].actor.actor_id == ms[1].actor.actor_id


def test_untitled_person_has_no_code_or_country():
    [m] = [m for m in extract_mentions("وصل خالد الزهراني إلى المدينة.", "ar", default_lexicon())
           if m.actor.kind == "person"]
    assert (m.actor.code, m.actor.country, m.actor.sector) == (None, None, None)


def test_lexicon_surname_alone_names_its_person():
    [m] = [m for m in extract_mentions("ورفض نتنياهو الخطة.", "ar", default_lexicon()) if m.actor.kind == "person"]
    assert m.surface == "نتنياهو" and m.actor.code.startswith("ISR")


@pytest.mark.parametrize("text, name", [
    ("But John Smith said the deal was off.", "John Smith"),
    ("The plan was criticised, Smith said on Tuesday.", "Smith"),
    ("According to Maria Gonzalez, the vote was fair.", "Maria Gonzalez"),
    ("Boris Johnson met the delegation in London.", "Boris Johnson"),
])
def test_english_names_by_capitals_and_context(text, name):
    assert name in names(text, "en")


@pytest.mark.parametrize("text", [
    "They said the talks had failed.",
    "Analysts said the market would recover.",
    "On Monday the company said profits rose.",
])
def test_english_sentence_starts_are_no_names(text):
    assert names(text, "en") == []


@pytest.mark.parametrize("text, language, surname", [
    ("والتقى الأمين العام للأمم المتحدة كوفي أنان بالرئيس. وقال أنان إن الاجتماع مثمر.", "ar", "أنان"),
    ("Kofi Annan met the president on Monday. Annan said the meeting was useful.", "en", "Annan"),
])
def test_a_lexicon_persons_surname_links_back_to_the_name_written_earlier(text, language, surname):
    found = extract_mentions(text, language, default_lexicon())
    full = next(m for m in found if m.kind == "name" and m.actor.kind == "person")
    later = [m for m in found if m.surface == surname and m.start > full.end]
    assert later and later[0].actor.actor_id == full.actor.actor_id


@pytest.mark.parametrize("text, name", [
    ("وقال المدرب ناصر الخليفي التغييرات ستحدث غدا.", "ناصر الخليفي"),          # a word never in names ends it
    ("وأعلن الرئيس ماتياس بورغ تشكيل الحكومة.", "ماتياس بورغ"),                 # a verbal noun ends it
    ("ورأس الاجتماع الدكتور سامي الكردي وزير الصحة.", "سامي الكردي"),          # a title after the name
    ("وقال وزير الخارجية الفنلندي يوهان ماتي كورهونن إن المحادثات بناءة.", "يوهان ماتي كورهونن"),
    ("واستقبل الملك محمد الخامس الوفد.", "محمد الخامس"),                         # a regnal ordinal
])
def test_name_spans_end_where_the_name_ends(text, name):
    assert name in names(text)


@pytest.mark.parametrize("text", [
    "وحدد الوزير دخول الشركة مراحل الإنتاج.",        # frequent words after a title are no name
    "وقال الوزير خلال المؤتمر إن الخطة جاهزة.",
])
def test_frequent_words_after_a_title_are_no_name(text):
    assert names(text) == []


def test_lexicon_alias_with_a_title_gives_the_name_its_own_span():
    found = extract_mentions("وأطلق الملك عبدالله الثاني المبادرة.", "ar", default_lexicon())
    spans = [(m.surface, m.kind) for m in found if m.actor.kind == "person"]
    assert spans == [("الملك", "role"), ("عبدالله الثاني", "name")]
    assert len({m.actor.actor_id for m in found if m.actor.kind == "person"}) == 1


@pytest.mark.parametrize("text, later", [
    ("وصل سامر الحمداني إلى بغداد.\nوقال الوزير الحمداني إن الاتفاق قريب.", "الوزير الحمداني"),
    ("والتقت هيلاري كلينتون الوفد.\nوقالت هيلاري إن اللقاء مثمر.", "هيلاري"),           # given name again
    ("ووصل الرئيس الفلسطيني محمود عباس.\nوقال الرئيس عباس إن الوضع صعب.", "الرئيس عباس"),  # one span
])
def test_short_forms_link_to_the_person_named_in_full(text, later):
    found = [m for m in extract_mentions(text, "ar", default_lexicon()) if m.actor.kind == "person"]
    full = next(m for m in found if m.kind == "name")
    short = [m for m in found if m.surface == later and m.start > full.end]
    assert short and short[0].actor.actor_id == full.actor.actor_id


def test_a_name_joined_by_the_conjunction_is_a_person():
    assert names("وشارك خالد الزهراني وكاستيلانوس في اللقاء.") == ["خالد الزهراني", "كاستيلانوس"]


@pytest.mark.parametrize("text, name", [
    ("وزار علي بن حمود الحارثي المعرض.", "علي بن حمود الحارثي"),    # علي is على once folded
    ("وقال علي الشهراني إن الوضع مستقر.", "علي الشهراني"),
    ("وقال علي أل عامر إن الوضع مستقر.", "علي أل عامر"),              # أل for آل
])
def test_a_given_name_spelled_like_a_particle_starts_a_name_when_vouched(text, name):
    assert name in names(text)


@pytest.mark.parametrize("text", ["وركز علي المستوى الدولي.", "وحصل علي الموافقة."])
def test_the_particle_is_no_name(text):
    assert names(text) == []


def test_a_nisba_after_an_occupation_announces_a_name():
    assert "ويليام هارتلي" in names("وسجل المهاجم الاسكتلندي ويليام هارتلي هدفين.")


def test_a_regnal_ordinal_is_no_surname():
    text = "واستقبل الملك محمد الخامس الوفد.\nوفاز الفريق في الدور الثاني."
    assert [m.surface for m in extract_mentions(text, "ar", default_lexicon()) if m.surface == "الثاني"] == []


def test_a_surname_never_takes_part_of_a_place_name():
    """Rafael Correa's surname كوريا is his later in the article, not inside كوريا الجنوبية."""
    text = "وقال الرئيس الإكوادوري رافائيل كوريا إن بلاده تدعم كوريا الجنوبية. وأضاف كوريا أن القمة مهمة."
    found = [(m.surface, m.actor.name) for m in extract_mentions(text, "ar", default_lexicon())]
    assert ("كوريا الجنوبية", "South Korea") in found and ("كوريا", "Rafael Correa") in found


@pytest.mark.parametrize("text, name, listed", [
    ("وقال بنيامين نتنياهو إن الحكومة مستعدة.", "بنيامين نتنياهو", True),     # the listed person in full
    ("وقالت سارة نتنياهو إن الحفل تأجل.", "سارة نتنياهو", False),            # another of that family
])
def test_first_name_before_a_listed_surname(text, name, listed):
    [m] = [m for m in extract_mentions(text, "ar", default_lexicon()) if m.actor.kind == "person"]
    assert m.surface == name
    assert (m.actor.name == "Benjamin Netanyahu") is listed


def test_a_nisba_after_a_name_stays_the_country_elsewhere():
    text = "وقال طارق الإيطالي إن الفريق جاهز. وأشاد الوفد الإيطالي بالتنظيم."
    ms = extract_mentions(text, "ar", default_lexicon())
    assert [m.surface for m in ms if m.actor.kind == "person"] == ["طارق الإيطالي"]
    assert any(m.surface == "الإيطالي" and m.actor.kind == "country" for m in ms)


@pytest.mark.parametrize("text, name", [
    # a name read after a cue ends before the conjunction and a second name (issue 13)
    ("وأكد الوزيران الإيطاليان ماسيمو فيورنتي وجوزيبي مارتيني تمسكهما بالخطة.", "ماسيمو فيورنتي"),
    ("وقال المدربان البرازيليان كايو مونتيرو وخالد الزهراني إن الفريقين جاهزان.", "كايو مونتيرو"),
])
def test_a_name_ends_before_a_second_name_joined_by_and(text, name):
    assert name in names(text)


def test_a_common_word_after_and_closes_no_unknown_name():
    assert names("وأضاف نكرر شكرنا وتقديرنا للأشقاء.") == []


def codes(text: str) -> dict[str, str | None]:
    """Actor code of each mention by its surface."""
    return {m.surface: m.actor.code for m in extract_mentions(text, "ar", default_lexicon())}


@pytest.mark.parametrize("text, surface, code", [
    # a minister's portfolio belongs to the title; a country after it qualifies the title (issue 13)
    ("وقال وزير الثقافة منير الباجي إن المهرجان سيقام في تونس.", "وزير الثقافة", "TUNGOV"),
    ("وقال وزير الثقافة التونسي منير الباجي إن المهرجان سيقام.", "وزير الثقافة التونسي", "TUNGOV"),
    ("والتقى الوفد وزير شؤون المرأة الأردنية في عمان.", "وزير شؤون المرأة الأردنية", "JORGOV"),
    ("وافتتح وزير النقل والمواصلات العماني الطريق الجديد.", "وزير النقل والمواصلات العماني", "OMNGOV"),
])
def test_a_ministers_portfolio_belongs_to_the_title(text, surface, code):
    assert codes(text).get(surface) == code


def test_two_portfolios_are_two_ministers():
    text = "وقال وزير الثقافة منير الباجي إن المهرجان سيقام. وحضر وزير السياحة الافتتاح."
    found = {m.surface: m.actor.key for m in extract_mentions(text, "ar", default_lexicon())}
    assert found.get("وزير الثقافة") == found.get("منير الباجي")
    assert "وزير السياحة" not in found or found["وزير السياحة"] != found["منير الباجي"]


def keys(text: str) -> dict[str, str]:
    """Actor key of each mention by its surface."""
    return {m.surface: m.actor.key for m in extract_mentions(text, "ar", default_lexicon())}


def test_a_title_runs_on_over_its_modifiers():
    assert "الحكومة العراقية الجديدة" in keys("وقالت الحكومة العراقية الجديدة إن الميزانية أقرت.")


def test_stacked_titles_before_a_name_are_all_the_persons():
    found = keys("وقال رئيس الوزراء وزير الدفاع الليبي سالم الورفلي إن القوات تقدمت.")
    assert found.get("رئيس الوزراء وزير الدفاع الليبي") == found["سالم الورفلي"]


def test_titles_of_two_countries_side_by_side_stay_two_actors():
    found = keys("واستقبل الرئيس المصري السفير الإماراتي في القاهرة.")
    assert found["الرئيس المصري"] != found["السفير الإماراتي"]


@pytest.mark.parametrize("text, surface, code", [
    # an institution's title before a person's title is that person's country's (the genitive)
    ("وقصفت قوات الرئيس السوري المدينة أمس.", "قوات الرئيس السوري", "SYRMIL"),
    ("وقال نظام الرئيس الليبي إن الهجوم فشل.", "نظام الرئيس الليبي", "LBYGOV"),
])
def test_an_institution_of_a_persons_title_is_of_that_persons_country(text, surface, code):
    assert codes(text).get(surface) == code


@pytest.mark.parametrize("text, surface, key", [
    # a surname listed for one person, joined by «و» to a person or an armed group named before it
    ("وأدان البيان التمرد الذي تقوده جماعة الحوثي وصالح في اليمن.", "صالح", "person-ali-abdullah-saleh"),
    ("وحمل التقرير الحوثيين وصالح مسؤولية القصف.", "صالح", "person-ali-abdullah-saleh"),
])
def test_a_listed_surname_joined_to_an_actor_names_its_person(text, surface, key):
    found = {m.surface: m.actor.key for m in extract_mentions(text, "ar", default_lexicon())}
    assert found.get(surface) == key


@pytest.mark.parametrize("text", [
    "وفي روايات عبد الرحمن منيف والطيب صالح صور للقرية.",        # the surname starts another name
    "وهذا عمل نافع وصالح للجميع.",                                # no actor before «و»
])
def test_a_surname_joined_by_and_without_its_person_names_nobody(text):
    assert not any(m.actor.key.startswith("person-") for m in extract_mentions(text, "ar", default_lexicon()))


@pytest.mark.parametrize("text, name", [
    # a given name that is also a common word or a verb (names.toml chain_given), before a chain particle
    ("وقال الرئيس الأفغاني أشرف عبد الغني إن الحكومة مستعدة.", "أشرف عبد الغني"),   # after a title
    ("واستقبل الوزير الدكتور مساعد بن محمد العيبان الوفد.", "مساعد بن محمد العيبان"),  # in a nasab chain
    ("وقال سعيد بن محمد إن القافلة وصلت.", "سعيد بن محمد"),
])
def test_a_given_name_that_is_also_a_word_starts_a_chain(text, name):
    assert name in names(text)


@pytest.mark.parametrize("text", [
    "وأشرف الوزير على الافتتاح.",                  # the verb
    "وقال الوزير أشرف بنفسه على الافتتاح.",        # the verb after a title
    "ويعرف الرجل باسم أبو محمد منذ سنوات.",        # «in the name of»
])
def test_the_word_without_a_chain_is_no_name(text):
    assert not any(n.startswith(("أشرف", "باسم")) for n in names(text))


@pytest.mark.parametrize("text, name, country", [
    ("وقال اللواء منصور التركي إن الدوريات ضبطت المهربين.", "منصور التركي", "TUR"),     # a weak given name after a title
    ("وأوضح العقيد ناصر المصري أن الطريق مفتوح.", "ناصر المصري", "EGY"),
    ("وقال المتحدث الأمني سالم العراقي إن التحقيق مستمر.", "سالم العراقي", "IRQ"),
    ("وقال السفير أحمد القطري إن الزيارة ناجحة.", "أحمد القطري", "QAT"),                # a strong given name after a title
])
def test_nisba_family_name_after_a_title(text, name, country):
    """A nisba that ends a titled person's name is their family name, not a mention of the country."""
    mentions = extract_mentions(text, "ar", default_lexicon())
    assert name in names(text)
    assert country not in [m.actor.key for m in mentions]


@pytest.mark.parametrize("text, name, key", [
    (" عوض الفهمي- سبق- أضم: أعلنت الجمعية تأجيل الحفل.", "عوض الفهمي", None),     # a byline
    ("وقال نتنياهو- في كلمة متلفزة - إن الحكومة ستقرر.", "نتنياهو", "person-benjamin-netanyahu"),
    ("Jean-Marc Ayrault said the talks would resume.", "Jean-Marc Ayrault", None),  # a hyphen inside stays
])
def test_a_dash_after_a_name_is_no_part_of_it(text, name, key):
    language = "en" if text.isascii() else "ar"
    people = [m for m in extract_mentions(text, language, default_lexicon()) if m.actor.kind == "person"]
    assert name in [m.surface for m in people]
    assert key is None or key in [m.actor.key for m in people]
