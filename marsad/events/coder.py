"""Events: who did what to whom, when, where, how many, and whether it really happened.

One document at a time, on its matching form: every trigger (هاجم, انسحاب, agreed ...) takes its
type from the lexicon, its source and target from the actor mentions of its sentence by word
order and particles, its date, place and quantity from the same sentence, and its modality from
the words around it (ليس, لم, قد, من المتوقع, not, may ...).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date, datetime

from ..actors.resolve import Mention
from ..actors.matcher import longest_first
from ..dates import DateMention, find_dates
from ..normalize import normalize
from .gazetteer import lookup
from .lexicon import EventLexicon, Trigger

# Tuned by hand on the seed and the test articles (offsets in characters of the matching form).
ADJACENT = 3          # a subject written right before its verb: at most this many blanks/commas
SUBJECT_WORDS = 2     # words allowed between a verb and the subject after it
MODALITY_WORDS = 4    # how far before (or after a noun) a negation or modal word counts
HISTORICAL_YEARS = 2  # an event this many years before publication is historical
# Attached pronouns: a noun's owner (ترحيبها, انسحابهم) or a verb's object (تتهمها, شنتها).
PRONOUNS = ("هما", "ها", "هم", "ه", "نا")
AGAINST = {"ar": ("علي", "ضد", "مع", "الي"), "en": ("against", "on", "with", "to", "at")}
BY = {"ar": ("من",), "en": ("by", "from")}
BETWEEN = {"ar": "بين", "en": "between"}
# Verbs that make the noun after them an event (شنت هجمات, بتنفيذ عده ضربات, carried out strikes).
SUPPORT = {"ar": frozenset("شن شنت يشن تشن شنوا بشن تنفيذ بتنفيذ نفذ نفذت ينفذ تنفذ اطلاق باطلاق "
                           "ابدي ابدت اعلن اعلنت بدء ببدء مواصله بمواصله عده".split()),
           "en": frozenset("carried launched conducted staged made announced began".split())}
IN = {"ar": ("في", "وفي"), "en": ("in",)}
SUFFERED = re.compile(r"(?<!\w)[وف]?(?:تعرض|تعرضت|يتعرض|تتعرض|تعرضوا)(?!\w)")
NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s+([^\W\d_]{2,})")
WORD = re.compile(r"[^\W_]+|n't", re.UNICODE)


@dataclass
class Event:
    """One event, with offsets into the displayed text."""

    start: int
    end: int
    trigger: str
    trigger_info: Trigger
    source: Mention | None
    target: Mention | None
    event_date: date | None
    date_precision: str | None
    date_text: str | None
    location: str | None
    quantity: float | None
    quantity_unit: str | None
    modality: str
    historical: bool | None
    sentence_start: int
    confidence: float

    @property
    def factual(self) -> bool:
        """Reported as having happened: asserted, not negated, possible or planned."""
        return self.modality == "asserted"


class EventDoc:
    """A document's matching text, sentences, outermost actor mentions and dates."""

    def __init__(self, text, mentions, lex, sentence_starts, published, language):
        self.norm = normalize(text)
        self.t, self.lex, self.language = self.norm.text, lex, language
        self.sentences = sorted({self.norm.to_norm(s) for s in sentence_starts} | {0})
        spans = [(self.norm.to_norm(m.start), self.norm.to_norm(m.end), m) for m in mentions]
        self.mentions = _outermost(spans)
        self.starts = [x[0] for x in self.mentions]
        self.published = published.date() if isinstance(published, datetime) else published
        self._dates: dict[tuple[int, int], list[DateMention]] = {}
        self._numbers: dict[tuple[int, int], list] = {}

    def dates(self, s_start: int, s_end: int) -> list[DateMention]:
        """Date expressions of one sentence (found once, on demand), in document offsets."""
        if (s_start, s_end) not in self._dates:
            found = find_dates(self.t[s_start:s_end], self.language, self.published)
            self._dates[(s_start, s_end)] = [replace(d, start=d.start + s_start, end=d.end + s_start)
                                             for d in found]
        return self._dates[(s_start, s_end)]

    def numbers(self, s_start: int, s_end: int) -> list:
        """Numbers of one sentence with the noun they count (found once, on demand)."""
        if (s_start, s_end) not in self._numbers:
            self._numbers[(s_start, s_end)] = _numbers(self, s_start, s_end)
        return self._numbers[(s_start, s_end)]

    def in_sentence(self, s_start: int, s_end: int) -> list:
        """Outermost mentions lying in [s_start, s_end)."""
        lo = bisect_left(self.starts, s_start)
        hi = bisect_left(self.starts, s_end)
        return [x for x in self.mentions[lo:hi] if x[1] <= s_end]

    def sentence(self, pos: int) -> tuple[int, int]:
        """[start, end) of the sentence holding pos."""
        k = bisect_right(self.sentences, pos) - 1
        end = self.sentences[k + 1] if k + 1 < len(self.sentences) else len(self.t)
        line_end = self.t.find("\n", pos)
        return self.sentences[k], min(end, line_end) if line_end >= 0 else end


def _outermost(spans: list) -> list:
    """Mentions not nested in another (an institution, not the country inside it), in order."""
    out = []
    for x in sorted(spans, key=lambda x: (x[0], -x[1])):
        if out and x[1] <= out[-1][1]:
            continue
        out.append(x)
    return out


def extract_events(text: str, language: str, mentions: list[Mention], lex: EventLexicon | None,
                   sentence_starts: tuple[int, ...] = (), published: datetime | date | None = None,
                   skip: list[tuple[int, int]] = ()) -> list[Event]:
    """Every event a document reports, in text order; spans in `skip` (title, headings) are not read.

    An event needs a participant; a noun trigger needs one tied to it by grammar (its agent
    right after it, من/بين/على, a support verb: شنت هجمات, بتنفيذ ضربات), not just nearby.
    """
    if lex is None or not text:
        return []
    doc = EventDoc(text, mentions, lex, sentence_starts, published, language)
    skipped = [(doc.norm.to_norm(a), doc.norm.to_norm(b)) for a, b in skip]
    events = []
    for start, end, trig in _triggers(doc):
        if any(a <= start < b for a, b in skipped):
            continue
        event = _event(doc, start, end, trig)
        if event is not None:
            events.append(event)
    return events


def _triggers(doc: EventDoc) -> list[tuple[int, int, Trigger]]:
    """Trigger matches (a noun may carry a pronoun: ترحيبها), longest first, in text order."""
    hay = doc.t.lower() if doc.lex.grammar.cased else doc.t
    found = []
    for last, (length, entry) in doc.lex.automaton.iter(hay):
        start, end = last - length + 1, last + 1
        trig = doc.lex.triggers[entry.target]
        stop = _word_end(doc.t, end, not doc.lex.grammar.cased)
        if stop is None or (start > 0 and doc.t[start - 1].isalnum()):
            continue
        found.append((start + entry.clitic, stop, end, trig))
    return [(start, end, trig) for start, stop, end, trig in longest_first(found)]


def _word_end(t: str, end: int, pronoun: bool) -> int | None:
    """Where the word ends: at end, or after an attached pronoun; None inside a longer word."""
    if end >= len(t) or not t[end].isalnum():
        return end
    if pronoun:
        for suffix in PRONOUNS:
            stop = end + len(suffix)
            if t.startswith(suffix, end) and (stop >= len(t) or not t[stop].isalnum()):
                return stop
    return None


def _event(doc: EventDoc, start: int, end: int, trig: Trigger) -> Event | None:
    """An event with participants, date, place, quantity and modality; None without a participant."""
    s_start, s_end = doc.sentence(start)
    source, target, tied = _participants(doc, start, end, trig, s_start, s_end)
    if source is not None and target is not None and source.actor.actor_id == target.actor.actor_id:
        target = None
    if (source is None and target is None) or (trig.form == "noun" and not tied
                                                and not _supported(doc, start, end, s_start)):
        return None
    when = _nearest_date(doc, start, s_start, s_end)
    quantity, unit = _quantity(doc, start, end, s_start, s_end, when)
    cs, ce = doc.norm.span(start, end)
    value = when.value if when else None
    return Event(cs, ce, doc.norm.original[cs:ce], trig, source, target, value,
                 when.precision if when else None, _shown(doc, when) if when else None,
                 _location(doc, end, s_start, s_end), quantity, unit,
                 _modality(doc, start, end, trig, s_start, s_end), _historical(doc, value),
                 doc.norm.span(s_start, s_start)[0], _confidence(source, target))


def _participants(doc, start, end, trig, s_start, s_end):
    """(source, target) from the sentence's mentions by word order and particles."""
    inside = doc.in_sentence(s_start, s_end)
    before = [x for x in inside if x[1] <= start][::-1]
    after = [x for x in inside if end <= x[0]]
    between = _between(doc, end, after)
    if between:
        return (*between, True)
    if trig.number == "d" and len(before) >= 2 and _joined(doc, before[1], before[0]):
        return before[1][2], before[0][2], True
    suffered = _suffered(doc, start, s_start)
    if suffered is not None:
        patient = next((x for x in doc.mentions if suffered <= x[0] < start), None)
        return _after_word(doc, after, BY[doc.language]), (patient[2] if patient else None), True
    adjacent = before[0] if before and _gap(doc, before[0][1], start) else None
    first_after = after[0] if after and _words(doc.t[end:after[0][0]]) <= SUBJECT_WORDS \
        and not _preposition_before(doc, after[0]) else None
    against = _after_word_x(doc, after, AGAINST[doc.language])
    if doc.lex.grammar.cased:
        source = before[0] if before and _words(doc.t[before[0][1]:start]) <= 6 else None
        tied = source is not None and _words(doc.t[source[1]:start]) <= 2
    elif trig.form == "noun":
        agent = first_after if first_after and not doc.t[end:first_after[0]].strip() else None
        by = _after_word_x(doc, after, BY[doc.language])
        tied = bool(agent or by or adjacent or against)
        source = agent or by or adjacent or (before[0] if before else None)
    else:
        source, tied = adjacent or first_after or (before[0] if before else None), True
    target = against or next((x for x in after if source is None or x[2] is not source[2] and x[0] >= source[1]), None)
    return (source[2] if source else None), (target[2] if target else None), tied


def _supported(doc, start, end, s_start) -> bool:
    """A noun made an event by a support verb before it (شنت هجمات, بتنفيذ ضربات) or a pronoun (ترحيبها)."""
    if end < len(doc.t) and doc.t[end].isalnum():
        return True                      # an attached pronoun: her welcome, their withdrawal
    words = [w.lower() for w in WORD.findall(doc.t[s_start:start])][-3:]
    return any(w in SUPPORT[doc.language] for w in words)


def _between(doc, end, after):
    """بين X و Y / between X and Y: a symmetric event's two sides."""
    word = BETWEEN[doc.language]
    m = re.search(rf"(?<!\w){word}(?!\w)", doc.t[end:end + 40])
    if not m:
        return None
    pos = end + m.end()
    sides = [x for x in after if x[0] >= pos][:2]
    if len(sides) == 2 and _joined(doc, sides[0], sides[1]):
        return sides[0][2], sides[1][2]
    return None


def _joined(doc, a, b) -> bool:
    """Whether two mentions are joined by the coordinator (بغداد وواشنطن, Iraq and Jordan)."""
    gap = doc.t[a[1]:b[0]].strip()
    return gap in (doc.lex.grammar.coordinator, "", ",", "،") or gap.startswith(doc.lex.grammar.coordinator)


def _suffered(doc, start, s_start) -> int | None:
    """Arabic passive «تعرضت القوات ... للهجوم»: where تعرض ends (its subject is the target)."""
    m = SUFFERED.search(doc.t, s_start, start) if doc.language == "ar" else None
    return m.end() if m else None


def _after_word(doc, after, words):
    """The first mention right after one of the given words (من جماعات, by the Houthis)."""
    hit = _after_word_x(doc, after, words)
    return hit[2] if hit else None


def _after_word_x(doc, after, words):
    """Like _after_word, returning the (start, end, mention) triple."""
    for x in after:
        prev = doc.t[max(0, x[0] - 12):x[0]].split()
        if prev and prev[-1].lower() in words:
            return x
        if doc.language == "ar" and prev and any(prev[-1] == w + "ه" for w in ("من",)):
            return x
    return None


def _preposition_before(doc, x) -> bool:
    """Whether a mention follows على/ضد/من/مع (an object or agent phrase, not a subject)."""
    prev = doc.t[max(0, x[0] - 12):x[0]].split()
    words = AGAINST[doc.language] + BY[doc.language]
    return bool(prev) and prev[-1].lower() in words or doc.t[x[0] - 1:x[0]] in ("ل", "ب")


def _gap(doc, a: int, b: int) -> bool:
    """Whether only blanks and commas (or قد) separate a subject from its verb."""
    between = doc.t[a:b]
    return len(between) <= ADJACENT and not between.strip(" \t،,") or between.strip() in ("قد", "وقد")


def _words(text: str) -> int:
    """Number of words in a stretch of text."""
    return len(WORD.findall(text))


def _nearest_date(doc, start, s_start, s_end) -> DateMention | None:
    """The date expression of the sentence closest to the trigger."""
    inside = doc.dates(s_start, s_end)
    return min(inside, key=lambda d: abs(d.start - start)) if inside else None


def _shown(doc, when: DateMention) -> str:
    """The date as written in the displayed text."""
    s, e = doc.norm.span(when.start, when.end)
    return doc.norm.original[s:e]


def _location(doc, end, s_start, s_end) -> str | None:
    """The first place named after في / in in the sentence (after the trigger, else before)."""
    words = IN[doc.language]
    spots = [m for m in re.finditer(r"(?<!\w)(\w+)\s+", doc.t[s_start:s_end]) if m.group(1).lower() in words]
    spots.sort(key=lambda m: (s_start + m.start() < end, s_start + m.start()))
    for m in spots:
        rest = doc.t[s_start + m.end():s_end].split()[:3]
        found = lookup([w.strip("،,.«»\"()") for w in rest])
        if found:
            return found[0].label
        country = _country_at(doc, s_start + m.end())
        if country:
            return country
    return None


def _country_at(doc, pos) -> str | None:
    """A country mention starting at pos (after في): its name."""
    k = bisect_left(doc.starts, pos)
    if k < len(doc.mentions) and doc.mentions[k][0] == pos and doc.mentions[k][2].actor.kind == "country":
        return doc.mentions[k][2].actor.name
    return None


def _quantity(doc, start, end, s_start, s_end, when):
    """The number nearest the trigger in its sentence, with the noun it counts."""
    numbers = [n for n in doc.numbers(s_start, s_end) if not (when and when.start <= n[0] < when.end)]
    if not numbers:
        return None, None
    _, value, unit = min(numbers, key=lambda n: abs(n[0] - start))
    return value, unit


def _numbers(doc, s_start, s_end) -> list[tuple[int, float, str]]:
    """(offset, value, counted noun) of every number of a sentence that is not part of a date."""
    dates = doc.dates(s_start, s_end)
    out = [(m.start(), float(m.group(1).replace(",", "")), m.group(2))
           for m in NUMBER.finditer(doc.t, s_start, s_end)
           if not any(d.start <= m.start() < d.end for d in dates)]
    words = list(WORD.finditer(doc.t, s_start, s_end))
    for m, nxt in zip(words, words[1:]):
        value = doc.lex.numbers.get(m.group(0).lower())
        if value:
            out.append((m.start(), float(value), nxt.group(0)))
    return out


def _modality(doc, start, end, trig, s_start, s_end) -> str:
    """negated, possible or planned when such words stand near the trigger; else asserted."""
    words = [w.lower() for w in WORD.findall(doc.t[s_start:start])][-MODALITY_WORDS:]
    found = _phrase_in(words, doc.lex.before)
    if found:
        return found
    if trig.form == "noun":
        after = [w.lower() for w in WORD.findall(doc.t[end:s_end])][:MODALITY_WORDS]
        found = _phrase_in(after, doc.lex.after)
        if found:
            return found
    return "asserted"


def _phrase_in(words: list[str], table: dict) -> str | None:
    """The modality of the last listed phrase found in the words."""
    hit = None
    for i in range(len(words)):
        for n in (3, 2, 1):
            key = tuple(words[i:i + n])
            if len(key) == n and key in table:
                hit = table[key]
                break
    return hit


def _historical(doc, value) -> bool | None:
    """Whether the event's date lies years before publication (None without both dates)."""
    if value is None or doc.published is None:
        return None
    return doc.published.year - value.year >= HISTORICAL_YEARS


def _confidence(source, target) -> float:
    """Higher with more participants found."""
    return 0.5 + 0.2 * (source is not None) + 0.2 * (target is not None)
