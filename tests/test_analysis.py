"""The analysed document: built once, shared by claims and events, with the same results as alone."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.analysis import Analysis
from marsad.claims.attribution import extract_claims
from marsad.claims.lexicon import default_claims
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events

PUBLISHED = date(2024, 3, 5)


def _read(text: str, language: str):
    """Mentions and the analysis of a one-paragraph text."""
    mentions = extract_mentions(text, language, default_lexicon())
    return mentions, Analysis(text, language, mentions, (0,), PUBLISHED)


@pytest.mark.parametrize("text, language", [
    ("وقالت وزارة الخارجية العراقية أمس إن القوات التركية قصفت مواقع في شمال العراق.", "ar"),
    ("Iraq said that Turkey attacked the border villages on Monday.", "en"),
])
def test_shared_analysis_gives_what_each_extractor_finds_alone(text, language):
    mentions, analysis = _read(text, language)
    claims, events = default_claims()[language], default_events()[language]
    alone = (extract_claims(text, language, mentions, claims, PUBLISHED, (0,)),
             extract_events(text, language, mentions, events, (0,), PUBLISHED))
    shared = (extract_claims(text, language, mentions, claims, PUBLISHED, (0,), analysis),
              extract_events(text, language, mentions, events, (0,), PUBLISHED, (), analysis))
    assert alone[0] and alone[1]          # something is found: the comparison means something
    assert shared == alone


def test_outermost_spans_drop_the_country_inside_an_institution():
    _, analysis = _read("وقالت وزارة الخارجية العراقية إن الوفد وصل.", "ar")
    assert len(analysis.spans) > len(analysis.outermost) >= 1
    start, end, mention = analysis.outermost[0]
    assert analysis.norm.text[start:end].startswith("وزاره الخارجيه")


def test_dates_of_a_sentence_are_found_once_in_matching_form_offsets():
    text = "زار الوزير بغداد يوم الأحد."
    _, analysis = _read(text, "ar")
    found = analysis.dates(0, len(analysis.norm.text))
    assert found and analysis.dates(0, len(analysis.norm.text)) is found
    assert "الاحد" in analysis.norm.text[found[0].start:found[0].end]
