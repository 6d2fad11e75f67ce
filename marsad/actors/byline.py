"""A byline or dateline at the head of an article's body: «عوض الفهمي- سبق- أضم:», «الرياض - واس:»,
"WASHINGTON (Reuters) -". The reporter it names writes the story and the agency sends it: neither
acts in it, as the document's own outlet does not (resolve.extract_mentions).

A byline is the body's first words when they are parts of at most MAX_PART_WORDS words joined by
dashes and closed by a colon («محمد أبو شعر - سبق - جدة:», «الرياض - واس:»), or two parts closed by a
dash whose second is an outlet («أحمد علي - سبق -»). Dashes alone are asides («محمد بن سلمان - ولي
العهد - يزور», «وقال نتنياهو - في كلمة - إن»): left alone. In a cased script, words in capitals
and an agency in brackets before a dash are a dateline. On the first 5,000 SaudiNewsNet articles,
402 bodies open with words and a dash, most of them a reporter and سبق.
"""

from __future__ import annotations

import re

# Words of one part of a byline (a reporter's name with a father's name: محمد أبو شعر).
MAX_PART_WORDS = 4
DASHES = re.escape("-ـ–—")
_PART = rf"[ \t\u00a0]*([^\W\d_][^\n{DASHES}:]*?)[ \t\u00a0]*"
# English: a dateline in capitals, its agency in brackets, then a dash (WASHINGTON (Reuters) -).
CAPITALS = re.compile(rf"[ \t\u00a0]*([A-Z][A-Z.'’]+(?:[ \t,]+[A-Z][A-Z.'’]+){{0,3}})(?:[ \t]*\(([^)\n]{{1,40}})\))?"
                      rf"[ \t\u00a0]*[{DASHES}]")
COLONED = re.compile(rf"{_PART}[{DASHES}]{_PART}(?:[{DASHES}]{_PART})?:")
DASHED = re.compile(rf"{_PART}[{DASHES}]{_PART}[{DASHES}]")
# At most MAX_PART_WORDS words, then a dash, on the body's first line: what COLONED and DASHED need
# of a byline's first part (it ends at the first dash). Of the first 1,000 corpus bodies, 223 have a
# dash on that line and 25 within four words: the lazy parts read up to a far one twice (a line may
# be the whole body). Tested alone: 0.14 -> 0.004 s on 2,000 corpus bodies.
FEW_WORDS = re.compile(rf"[^\S\n]*+(?:[^\s{DASHES}]++[^\S\n]*+){{0,{MAX_PART_WORDS}}}[{DASHES}]")


def byline_end(text: str, start: int, mentions: list) -> int | None:
    """Where the byline opening the body at `start` ends (after its last part), or None."""
    if not FEW_WORDS.match(text, start) and not CAPITALS.match(text, start):
        return None
    m = COLONED.match(text, start) or CAPITALS.match(text, start)
    if m is None:
        m = DASHED.match(text, start)
        if m is None or not _outlet(m.start(2), m.end(2), mentions):
            return None
    parts = [g for g in m.groups() if g is not None]
    return m.end(len(parts)) if all(len(p.split()) <= MAX_PART_WORDS for p in parts) else None


def _outlet(start: int, end: int, mentions: list) -> bool:
    """Whether text[start:end] is a mention of an outlet (سبق, واس, Reuters)."""
    return any(m.start == start and m.end == end and m.actor.kind == "media" for m in mentions)


# What a byline names that acts in no story: its reporter and its agency (واس, Reuters). The
# place it was filed from stays: the stages after read it as the story's country (an unnamed
# source of a Riyadh story is Saudi), though a capital there names no government's act.
NOT_ACTORS = frozenset({"person", "media"})


def reporters(mentions: list, start: int, end: int) -> set[int]:
    """Indexes of the mentions inside a byline span that are no actors of the story: its reporter
    and its agency."""
    return {i for i, m in enumerate(mentions) if start <= m.start and m.end <= end and m.actor.kind in NOT_ACTORS}
