"""Sentence segmentation of Arabic and English blocks."""

import pytest

from marsad.segment import split_block


def sentences(text, language):
    return [text[a:b] for a, b in split_block(text, 0, len(text), language)]


@pytest.mark.parametrize("language, text, expected", [
    ("en", "One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
    ("en", "It grew 2.5 percent. Then fell.", ["It grew 2.5 percent.", "Then fell."]),
    ("en", "Dr. Smith met U.S. officials. They left.", ["Dr. Smith met U.S. officials.", "They left."]),
    ("en", "John F. Kennedy spoke. Done.", ["John F. Kennedy spoke.", "Done."]),
    ("en", 'He said: "We go. Now." And left.', ['He said: "We go. Now."', "And left."]),
    ("en", "He said “Stop. Wait.” Then sat.", ["He said “Stop. Wait.”", "Then sat."]),
    ("en", "Costs rose approx. five percent.", ["Costs rose approx. five percent."]),
    ("ar", "انتهى الاجتماع. وغادر الوفد؟ نعم! ثم؛ عاد", ["انتهى الاجتماع.", "وغادر الوفد؟", "نعم!", "ثم؛", "عاد"]),
    ("ar", "وقال: «انتهى الأمر. لن نعود». ثم غادر.", ["وقال: «انتهى الأمر. لن نعود».", "ثم غادر."]),
    ("ar", "«جدول زمني» لانسحاب التحالف.. هل تهدأ الهجمات؟", ["«جدول زمني» لانسحاب التحالف.. هل تهدأ الهجمات؟"]),
    ("ar", "نما الاقتصاد 3.5 في المئة. وتراجع التضخم.", ["نما الاقتصاد 3.5 في المئة.", "وتراجع التضخم."]),
    ("ar", "التقى د. أحمد بالوفد. ثم غادر.", ["التقى د. أحمد بالوفد.", "ثم غادر."]),
    ("ar", "قال «نعم. ولكن» لم يكمل. ثم", ["قال «نعم. ولكن» لم يكمل.", "ثم"]),
    ("ar", "علامة «غير مغلقة. تبقى هنا. حتى النهاية", ["علامة «غير مغلقة.", "تبقى هنا.", "حتى النهاية"]),
    ("other", "  spaced out.   ", ["spaced out."]),
])
def test_sentences(language, text, expected):
    assert sentences(text, language) == expected


def test_offsets_are_absolute():
    text = "Title\nFirst one. Second one."
    assert split_block(text, 6, len(text), "en") == [(6, 16), (17, 28)]


def test_seed_paragraph_25_keeps_its_quote_whole(seed_text):
    line = seed_text.splitlines()[24]
    assert len(sentences(line, "ar")) == 1


@pytest.mark.parametrize("text", [
    "كلمة " * 3000,                               # no sentence mark at all
    "«" + "قال إنه سيعود. " * 700 + "»",          # one quotation around everything
    "x" * 5000,                                   # no space to cut at
])
def test_no_sentence_is_longer_than_the_cap_and_the_pieces_cover_the_text(text):
    from marsad.segment import MAX_SENTENCE_CHARS

    spans = split_block(text, 0, len(text), "ar")
    assert all(b - a <= MAX_SENTENCE_CHARS for a, b in spans) and len(spans) > 1
    ends = [0] + [b for _, b in spans]
    assert all(text[ends[k]:a].strip() == "" for k, (a, _) in enumerate(spans))   # only blanks between
    assert text[ends[-1]:].strip() == ""


@pytest.mark.parametrize("opening, closing", [("«", "»"), ("“", "”"), ('"', '"')])
def test_a_quotation_longer_than_the_bound_does_not_hide_the_sentence_marks(opening, closing):
    from marsad.segment import MAX_QUOTE_CHARS

    # an unmatched mark opens the paragraph and one of a much later quotation closes it
    body = "وصل الوفد إلى المدينة صباحا. " * (MAX_QUOTE_CHARS // 25)
    found = sentences(opening + body + closing + " وانتهت الزيارة.", "ar")
    assert len(found) == MAX_QUOTE_CHARS // 25 + 1
    assert found[1] == "وصل الوفد إلى المدينة صباحا."


def test_a_long_real_quotation_stays_one_sentence():
    quote = "«" + "نعمل على تطوير الخدمات في كل المناطق. " * 35 + "»"     # about 1,400 characters
    assert sentences("وقال الوزير: " + quote + ". ثم غادر.", "ar") == ["وقال الوزير: " + quote + ".", "ثم غادر."]


def test_a_quotation_does_not_run_past_a_line_break():
    text = "قال «بدأ الاجتماع. ثم\nانتهى الاجتماع» مساء. وغادر."
    assert split_block(text, 0, len(text), "ar")[0] == (0, len("قال «بدأ الاجتماع."))


REFERENCE_BOUNDARY = r"(?<![.…])([.!?؟؛]+)([\"'»”’)\]]*)(?=\s|$)"      # what _candidates matches


@pytest.mark.parametrize("block", [
    "a. b", "a…. b", "a…! b", "a…!? b", "a….!? b", "a…..! b", "a…؟» b", "…. x", "a!.. b.\n", "x...\n",
    "a .». b", "a…", "a….", "a…!", "a…!?", "a.b.c. d…?! e", "«قال…؟» ثم. ", "a؛؟ b", "a ,. b",
])
def test_candidates_match_the_reference_pattern(block):
    import re

    from marsad.segment import _candidates

    expected = [(m.start(), m.group(1), m.end()) for m in re.finditer(REFERENCE_BOUNDARY, block)]
    assert list(_candidates(block)) == expected


def test_candidates_match_the_reference_pattern_on_any_text():
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from marsad.segment import _candidates

    @settings(max_examples=500, deadline=None)
    @given(st.text(alphabet=".…!?؟؛»)\" \nab", max_size=30))
    def check(block):
        expected = [(m.start(), m.group(1), m.end()) for m in re.finditer(REFERENCE_BOUNDARY, block)]
        assert list(_candidates(block)) == expected

    check()
