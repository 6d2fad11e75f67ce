"""Language identification without network or model downloads."""

import pytest

from marsad.language import identify


@pytest.mark.parametrize("text, expected", [
    ("أعلنت وزارة الخارجية العراقية في بيان أن بغداد وواشنطن اتفقتا على تشكيل لجنة.", "ar"),
    ("The Iraqi foreign ministry said on Thursday that Baghdad and Washington agreed to form a committee.", "en"),
    ("Le ministère irakien a déclaré jeudi que Bagdad et Washington avaient convenu de former un comité.", "other"),
    ("رئیس جمهور گفت که مذاکرات به پایان رسیده است و این یک گام مهم بود", "other"),  # Persian
    ("پاکستان کے وزیر اعظم نے کہا کہ مذاکرات جاری رہیں گے", "other"),                # Urdu
    ("2024 - 100 - 3.5", "other"),
    ("", "other"),
])
def test_identify(text, expected):
    assert identify(text) == expected


def test_seed_is_arabic(seed_text):
    assert identify(seed_text) == "ar"


@pytest.mark.parametrize("text", [
    "قال الوزير ٢٠٢٤ إن 3 وفود - وصلت_أمس (السبت) Reuters ² ½ ـــ",
    "The talks, in 2024, were «held» at 10:30; naïve co-operation ĳ ß",
    "",
    "___ 123 ... ",
    "a\nb c\t\u00a0d \n\n e_1 ٣ ١٢x",
])
@pytest.mark.parametrize("pattern", [r"[^\W\d_]", r"[\u0621-\u063a\u0641-\u064a\u0671-\u0673]", r"[A-Za-z]",
                                     r"[\]a-c\\]", r"(?:a|b)",
                                     r"[ a-c]", r"[\na-c]", r"[\sa]"])
def test_letters_are_counted_as_the_class_finds_them(text, pattern):
    import re
    from marsad.language import WORD, _count, _letters, _without_blanks
    expected = len(re.findall(pattern, text))
    assert _count(text, re.compile(pattern)) == _count(text, re.compile(pattern), _without_blanks(text)) == expected
    words = WORD.findall(text)
    assert _letters(" ".join(words), words) == len(re.findall(r"[^\W\d_]", text))


@pytest.mark.parametrize("text", ["ΣΑΣ Σ ΑΣ aΣ. İstanbul ǅemal ẞ ﬁ Ⅻ", "قال الوزير CNN", "", "a  b\u00a0C"])
def test_words_are_lowered_as_one_by_one(text):
    from marsad.language import WORD, _lowered
    words = WORD.findall(text)
    assert _lowered(" ".join(words), words) == [w.lower() for w in words]


def test_words_are_lowered_as_one_by_one_on_any_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from marsad.language import WORD, _lowered

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from("ΣσςΑİIiǅẞßﬁⅫ '’·.\u0301\u00adabc ")
                   | st.characters(blacklist_categories=("Cs",))))
    def check(text):
        words = WORD.findall(text)
        assert _lowered(" ".join(words), words) == [w.lower() for w in words]

    check()


def test_a_character_lower_casing_changes_is_never_taken_for_one_it_keeps():
    from marsad.language import CASE_CHANGED
    changed = [c for c in map(chr, range(0x110000)) if not 0xD800 <= ord(c) < 0xE000 and c.lower() != c]
    assert all(CASE_CHANGED.match(c) for c in changed)
    assert not CASE_CHANGED.search("قال الوزير 2024 إن_ abc")
