"""Which lines of an article are read for events: every line but the headline."""

from datetime import datetime, timezone

from marsad.extract import DocText, default_extractor, extract_batch

TITLE = "اشتباكات على الحدود"
HEADING = "الجيش العراقي يهاجم مواقع داعش"
BODY = "وقالت وزارة الدفاع إن العمليات مستمرة منذ أيام في المنطقة الحدودية مع سوريا."


def _events(parts: tuple[str, ...]) -> list[dict]:
    """Event rows of one document whose lines are title, a short line and a body paragraph."""
    lines = [TITLE, HEADING, BODY]
    text = "\n".join(lines)
    starts = tuple(text.index(line) for line in lines)
    doc = DocText("d1", text, "ar", starts, ("s1", "s2", "s3"), sentence_parts=parts)
    return extract_batch([doc], default_extractor(), datetime.now(timezone.utc))["events"]


def test_a_heading_is_read_for_events():
    rows = _events(("title", "heading", "body"))
    assert [r["event_type"] for r in rows] == ["ASSAULT"]
    assert rows[0]["start"] >= len(TITLE)


def test_the_headline_is_not_read_for_events():
    text_lines = _events(("title", "body", "body"))
    title_only = [r for r in _events(("title", "title", "body")) if r["start"] < len(TITLE) + len(HEADING) + 1]
    assert text_lines and not title_only


def test_the_first_paragraph_of_a_file_with_a_blank_line_is_read_for_events():
    """A headline, paragraphs one a line, a blank line, a note: the first paragraph's event is found."""
    from marsad.documents import parse
    from marsad.reading import Fingerprint, RawSource
    from marsad.sources import SourceRef
    data = f"{TITLE}\n{HEADING} في الأنبار صباح اليوم.\n{BODY}\n\nتحديث: تابعت الصحيفة الخبر.\n".encode()
    raw = RawSource(SourceRef("file:///a.txt", "/a.txt", "file"), data, None, Fingerprint(len(data), 0, None))
    item = parse(raw, datetime.now(timezone.utc))
    text, rows = item.row["text"], item.sentences
    doc = DocText("d1", text, "ar", tuple(r["start"] for r in rows), tuple(r["sentence_id"] for r in rows),
                  sentence_parts=tuple(r["part"] for r in rows))
    events = extract_batch([doc], default_extractor(), datetime.now(timezone.utc))["events"]
    assert [r["event_type"] for r in events] == ["ASSAULT"]
    assert item.row["title"] == TITLE
