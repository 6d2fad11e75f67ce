"""Events: a sentence opening with a speech verb and naming no one (وأضاف: ...) continues the speaker
of the sentence before; its circumstantial participle of speech (داعيا) is that speaker's act."""

from __future__ import annotations

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events


def events(text: str) -> list:
    """(type, trigger, source code) of each event, with a sentence starting after each full stop."""
    starts = (0,) + tuple(i + 2 for i, c in enumerate(text) if c == "." and text[i + 1:i + 2] == " ")
    mentions = extract_mentions(text, "ar", default_lexicon())
    return [(e.trigger_info.event_type, e.trigger, e.source and e.source.actor.code)
            for e in extract_events(text, "ar", mentions, default_events()["ar"], starts)]


@pytest.mark.parametrize("text, trigger, source", [
    ("وقال الرئيس التركي في كلمة أمس إن بلاده في حداد. وأضاف: \"يجب إدانة العنف أينما كان\" داعيا إلى حملة "
     "دولية لمكافحته.", "داعيا", "TURGOV"),
    ("وقال وزير الخارجية المصري إن الوضع خطير. وأضاف أن الحوار هو الحل، داعيا إلى وقف القتال فورا.", "داعيا",
     "EGYGOV"),
])
def test_added_words_continue_the_speaker(text, trigger, source):
    hits = [e for e in events(text) if e[:2] == ("REQUEST", trigger)]
    assert hits and hits[0][2] == source, events(text)


@pytest.mark.parametrize("text", [
    # the sentence before has no speaker after a speech verb: nobody to continue
    "وتدهور الوضع الأمني في المدينة أمس. وأضاف مصدر أن الحوار هو الحل، داعيا إلى وقف القتال فورا.",
    # the sentence does not open with a speech verb
    "وقال وزير الخارجية المصري إن الوضع خطير. والحوار هو الحل، داعيا إلى وقف القتال فورا.",
])
def test_no_speaker_to_continue(text):
    assert not [e for e in events(text) if e[1] == "داعيا" and e[2] == "EGYGOV"], events(text)
