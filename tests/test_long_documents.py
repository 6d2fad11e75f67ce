"""Long documents: bounded sentences and events, so extraction time grows with the length only.

Speed itself is measured by bench/bench_long.py (a benchmark line), never asserted here.
"""

from marsad.events.coder import MAX_EVENTS_PER_SENTENCE
from marsad.extract import DocText, _extract, default_extractor, read_documents, pending
from conftest import run_ingest
from marsad.segment import MAX_SENTENCE_CHARS

ATTACK = "قصفت إسرائيل غزة و"


def test_events_per_sentence_are_capped_keeping_the_first():
    text = ATTACK * 30 + "هاجمت القوات العراقية المدينة."
    _, _, events = _extract(DocText("x", text, "ar", (0,), ("s",)), default_extractor())
    assert len(events) == MAX_EVENTS_PER_SENTENCE
    assert [e.start for e in events] == [k * len(ATTACK) for k in range(MAX_EVENTS_PER_SENTENCE)]


def test_a_long_paragraph_without_sentence_marks_is_read_in_bounded_sentences(articles, settings):
    body = " ".join(f"{ATTACK}{k} استمرت المعارك في المدينة" for k in range(600))    # ~30k chars, no mark
    run_ingest([articles("long.txt", "عنوان\n" + body + "\n")], settings)
    [doc] = read_documents(settings.lake_dir, pending(settings.lake_dir, default_extractor().fingerprint))
    ends = list(doc.sentence_starts[1:]) + [len(doc.text)]
    assert len(doc.sentence_starts) > len(doc.text) // MAX_SENTENCE_CHARS
    assert max(b - a for a, b in zip(doc.sentence_starts, ends)) <= MAX_SENTENCE_CHARS + 1
    _, _, events = _extract(doc, default_extractor())
    assert MAX_EVENTS_PER_SENTENCE < len(events) <= MAX_EVENTS_PER_SENTENCE * len(doc.sentence_starts)
