"""A byline opening an article's body names its reporter, who is no actor of the story
(marsad/actors/byline.py); dashes that set off an aside are no byline."""

from __future__ import annotations

import pytest

from marsad.actors.byline import byline_end
from marsad.extract import DocText, _extract, default_extractor
from marsad.segment import split_block

TITLE = "الجمعية تؤجل الزواج الجماعي"


def people(body: str) -> list[str]:
    """Surfaces of the person mentions extraction finds in an article with this body."""
    text = f"{TITLE}\n{body}"
    starts = (0,) + tuple(start for start, _ in split_block(text, len(TITLE) + 1, len(text), "ar"))
    parts = ("title",) + ("body",) * (len(starts) - 1)
    doc = DocText("doc", text, "ar", starts, tuple(map(str, starts)), None, None, parts)
    mentions, _, _ = _extract(doc, default_extractor())
    return [m.surface for m in mentions if m.actor.kind == "person"]


@pytest.mark.parametrize("body, reporter, kept", [
    ("عوض الفهمي- سبق- أضم: أعلنت جمعية البر تأجيل الحفل. وقال رئيسها محمد الحارثي إن القرار نهائي.",
     "عوض الفهمي", "محمد الحارثي"),
    ("سامي النعيمي - سبق - جدة: وقال المهندس خالد العتيبي إن الطريق مفتوح.", "سامي النعيمي", "خالد العتيبي"),
])
def test_the_reporter_of_a_byline_is_no_actor(body, reporter, kept):
    found = people(body)
    assert reporter not in found and kept in found


@pytest.mark.parametrize("body, person", [
    ("محمد بن سلمان - ولي العهد - يزور جدة اليوم.", "محمد بن سلمان"),
    ("وقال نتنياهو - في كلمة متلفزة - إن الحكومة ستقرر.", "نتنياهو"),
    ("خالد الفيصل - أمير منطقة مكة - يفتتح المعرض.", "خالد الفيصل"),
])
def test_dashes_setting_off_an_aside_are_no_byline(body, person):
    assert person in people(body)


def mentions_of(text: str, language: str) -> list[tuple[str, str]]:
    """(surface, actor kind) of every mention extraction finds in a one-paragraph body under a title."""
    title = "Talks resume" if language == "en" else TITLE
    full = f"{title}\n{text}"
    starts = (0,) + tuple(start for start, _ in split_block(full, len(title) + 1, len(full), language))
    parts = ("title",) + ("body",) * (len(starts) - 1)
    doc = DocText("doc", full, language, starts, tuple(map(str, starts)), None, None, parts)
    return [(m.surface, m.kind) for m in _extract(doc, default_extractor())[0]]


@pytest.mark.parametrize("text, language, gone, kept", [
    ("WASHINGTON (Reuters) - Iraq and Iran signed a trade deal on Monday.", "en", "Reuters", "Iraq"),
    ("الرياض - واس: أعلنت وزارة الداخلية اليوم القبض على ثلاثة مطلوبين في جدة.", "ar", "واس", "الرياض"),
])
def test_a_datelines_agency_is_no_actor_and_its_place_stays(text, language, gone, kept):
    found = [surface for surface, _ in mentions_of(text, language)]
    assert gone not in found and kept in found


@pytest.mark.parametrize("text, end", [
    ("عوض الفهمي- سبق- أضم: أعلنت الجمعية", 20),
    ("أعلنت جمعية البر اليوم تأجيل الحفل - الذي كان مقررا: غدا", None),      # a dash after five words
    ("أعلنت جمعية البر تأجيل الحفل\nعوض الفهمي - سبق - أضم: غدا", None),     # a dash on a later line only
    ("NEW YORK CITY (Thomson Reuters Foundation) - A new fund opened.", 41),  # a long agency in brackets
])
def test_where_a_byline_ends(text, end):
    assert byline_end(text, 0, []) == end
