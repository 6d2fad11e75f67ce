"""Each mention is written once: a name after two stacked titles was found by both (issue 17: the
run's count of mentions and the actor_mentions table disagreed by one or two)."""

from collections import Counter

import pytest

from marsad.actors import default_lexicon, extract_mentions


@pytest.mark.parametrize("text, name", [
    ("وقال المتحدث العسكري العميد سامر الخطيب إن القوات تقدمت.", "سامر الخطيب"),
    ("وعبر كريم ناصري، مستشار الرئيس روحاني، عن الفكرة ذاتها.", "روحاني"),
    ("واغتيل النائب العام المستشار فهد الحربي يوم الاثنين الماضي.", "فهد الحربي"),
    ("وقال أمير المنطقة الأمير فيصل بن عبد المحسن بن عبد العزيز إن الملف جاهز.",
     "فيصل بن عبد المحسن بن عبد العزيز"),
])
def test_a_name_after_stacked_titles_is_one_mention(text, name):
    mentions = extract_mentions(text, "ar", default_lexicon())
    spans = Counter((m.start, m.end) for m in mentions)
    assert [m.surface for m in mentions].count(name) == 1
    assert max(spans.values()) == 1


@pytest.mark.parametrize("text, code", [
    ("وقال وزير الداخلية اللواء سامر الخطيب إن القوات تقدمت.", "GOV"),
    ("وقال المتحدث العسكري العميد سامر الخطيب إن القوات تقدمت.", "MIL"),
])
def test_a_name_after_stacked_titles_is_found_once_and_coded_by_the_first(text, code):
    people = [m.actor for m in extract_mentions(text, "ar", default_lexicon()) if m.actor.kind == "person"]
    assert len(people) == 3 and {a.code for a in people} == {code}
