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
