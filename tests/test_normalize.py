"""The matching form and its offset map back to the displayed text."""

import re

import pytest

from marsad.normalize import TATWEEL, fold, normalize


@pytest.mark.parametrize("text, expected", [
    ("العمـــل", "العمل"),                       # tatweel
    ("مُحَمَّدٌ", "محمد"),                          # diacritics
    ("أإآٱا", "ااااا"),                            # alef forms
    ("مستشفى", "مستشفي"),                          # alef maqsura
    ("الحكومة", "الحكومه"),                        # ta marbuta
    ("٢٠٢٣ و۱۴۰۲", "2023 و1402"),                  # Arabic-Indic and Persian digits
    ("“quoted” ‘single’", "\"quoted\" 'single'"),   # typographic quotes
    ("أمريكي – عراقي — x", "امريكي - عراقي - x"),  # dashes
    ("ﻻ", "لا"),                                   # NFKC presentation form
    ("a\u200fb\ufeffc", "abc"),                     # direction marks and BOM
    ("«داعش»", "«داعش»"),                           # guillemets kept
])
def test_fold(text, expected):
    assert fold(text) == expected


def test_seed_tatweel_count(seed_text):
    lines = seed_text.splitlines()
    assert sum(line.count(TATWEEL) for line in lines[22:24]) == 36


def test_every_word_maps_back_to_the_displayed_text(seed_text):
    norm = normalize(seed_text)
    assert TATWEEL not in norm.text
    for match in re.finditer(r"\S+", norm.text):
        start, end = norm.span(match.start(), match.end())
        assert fold(seed_text[start:end]) == match.group()
        assert not seed_text[start:end].startswith(TATWEEL)


def test_tatweel_word_span_covers_the_published_word(seed_text):
    norm = normalize(seed_text)
    phrase = fold("سنواصل العمل بقوة")
    at = norm.text.index(phrase)
    start, end = norm.span(at, at + len(phrase))
    assert seed_text[start:end] == "سنواصل العمـل بقـوة"


@pytest.mark.parametrize("text", ["", "plain", "ـــ", "ﷺ text", "مُـحَـمَّـد"])
def test_spans_stay_inside_the_original(text):
    norm = normalize(text)
    for i in range(len(norm.text) + 1):
        for j in range(i, len(norm.text) + 1):
            start, end = norm.span(i, j)
            assert 0 <= start <= end <= len(text)


@pytest.mark.parametrize("text", ["aﬁb", "ﻻ يوجد", "½ كيلو", "\u064bﻻ", "صلى ﷺ عليه"])
def test_an_original_offset_maps_to_where_its_character_folds_to(text):
    norm = normalize(text)
    for i in range(len(text) + 1):
        assert norm.to_norm(i) == len(fold(text[:i])), i


@pytest.mark.parametrize("text", ["السَّلامُ عليكم ورحمة الله", "plain text, nothing folds", "ﻻ بأس ـــ هنا"])
def test_spans_map_every_pair_as_span_does(text):
    norm = normalize(text)
    pairs = [(s, e) for s in range(len(norm.text) + 1) for e in range(s, len(norm.text) + 1)] + [(3, 1)]
    assert norm.spans(pairs) == [norm.span(s, e) for s, e in pairs]


@pytest.mark.parametrize("text", ["", "plain text", "أَحْمَد إلى مدرسةٍ ـــ ٢٠٢٤ “quoted” – ﻻ ﷲ ﬁ", "\u200fمرحبا\ufeff"])
def test_fold_once_is_fold(text):
    from marsad.normalize import fold, fold_once
    assert fold_once(text) == fold(text)
