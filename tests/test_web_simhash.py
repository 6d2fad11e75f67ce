"""Near-duplicate detection: a lightly edited wire story is found, different stories are not.

The threshold (marsad.web.simhash.THRESHOLD) was measured on 300 SaudiNewsNet stories; the
measurement is repeated here on a small sample when the corpus is present.
"""

from __future__ import annotations

import gzip
import json
import random

import pytest

from marsad.web.simhash import THRESHOLD, NearDuplicates, distance, fingerprint
from conftest import CORPUS

STORY = (
    "أعلنت وزارة الصحة اليوم الاثنين تسجيل انخفاض ملحوظ في عدد الإصابات بالحمى في المنطقة الشرقية، "
    "وقال المتحدث باسم الوزارة إن الفرق الميدانية زارت أكثر من ثلاثمائة منزل خلال الأسبوع الماضي.\n"
    "وأضاف أن الوزارة ستواصل حملات التوعية في المدارس والمساجد حتى نهاية الشهر، داعياً المواطنين "
    "إلى مراجعة المراكز الصحية عند ظهور الأعراض وعدم تناول الأدوية دون استشارة الطبيب.\n"
    "وأوضح أن المختبرات المركزية فحصت نحو ألفي عينة، وأن نسبة الحالات الإيجابية تراجعت إلى أقل من "
    "خمسة في المئة، مقارنة بأحد عشر في المئة في الشهر السابق، وهو أدنى مستوى منذ بداية العام."
)
EDITED = "الدمام - واس: " + STORY.replace("الاثنين", "الإثنين").replace("نحو", "قرابة") + "\n(واس)"
OTHER = (
    "فاز فريق الاتحاد على ضيفه الفتح بثلاثة أهداف مقابل هدف في المباراة التي جرت مساء أمس على ملعب "
    "مدينة الملك عبدالله الرياضية بجدة ضمن الجولة الخامسة من الدوري، وسجل أهداف الاتحاد المهاجم "
    "البرازيلي في الدقيقة العشرين ثم أضاف زميله الهدف الثاني قبل نهاية الشوط الأول بدقائق."
)


def test_edited_copy_is_near_and_other_story_is_far():
    assert distance(fingerprint(STORY), fingerprint(EDITED)) <= THRESHOLD
    assert distance(fingerprint(STORY), fingerprint(OTHER)) > 2 * THRESHOLD


def test_normalisation_ignores_diacritics_punctuation_and_alef_forms():
    plain = "قال الوزير إن الاتفاق سيوقع غدا في الرياض"
    decorated = "قالَ الوزيرُ: «إنّ الاتفاقَ سيُوقَّع غداً في الرياض»؟"
    assert fingerprint(plain) == fingerprint(decorated.replace("إنّ", "ان"))


def test_index_returns_the_first_earlier_document():
    index = NearDuplicates()
    assert index.add("a", STORY) is None
    assert index.add("b", OTHER) is None
    assert index.add("c", EDITED) == "a"
    assert index.add("d", STORY) == "a"
    assert len(index) == 4


@pytest.mark.parametrize("flips", range(0, THRESHOLD + 1))
def test_banding_misses_nothing_within_the_threshold(flips):
    rng = random.Random(flips)
    index = NearDuplicates()
    base = rng.getrandbits(64)
    index.add("base", base)
    for trial in range(20):
        bits = rng.sample(range(64), flips)
        other = base ^ sum(1 << b for b in bits)
        assert index.find(other) == "base"


def test_beyond_the_threshold_is_not_a_match():
    index = NearDuplicates(threshold=3)
    index.add("base", 0)
    assert index.find(0b1111) is None and index.find(0b111) == "base"


def test_empty_text():
    assert fingerprint("") == 0 and fingerprint("، ؟ .") == 0


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus absent")
def test_threshold_separates_corpus_stories():
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        docs = [json.loads(line)["content"] for _, line in zip(range(400), f)]
    docs = [d for d in dict.fromkeys(docs) if len(d.split()) >= 150][:60]
    fps = [fingerprint(d) for d in docs]
    pairs = [distance(a, b) for i, a in enumerate(fps) for b in fps[i + 1:]]
    edits = [distance(fp, fingerprint("الرياض - واس: " + d + "\n(واس)")) for d, fp in zip(docs, fps)]
    assert sorted(pairs)[len(pairs) // 100] > THRESHOLD  # 1st percentile of distinct stories
    assert sorted(edits)[len(edits) // 2] <= THRESHOLD // 2  # median light edit
