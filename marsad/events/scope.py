"""Time scope and context of an event: whether its sentence reports it as this text's news.

The words next to a trigger (modality.tsv, `modality.scope`) say whether it is negated, possible
or planned. Its context says more: an event named right after a word of time or cause (غداة
الاعتداء, انتقاما لتفجير, in response to the attack) is told elsewhere (`background`); one named
by a noun of kind or case (قضية خطف, عمليات خطف وقتل) or set after a preposition where no verb
reports it (مسؤوليتها عن خطف) is a kind of event, not one that happened here (`generic`); a
sentence of habit (يوميا, usually) tells what goes on (`habitual`); a verb describing an event
noun right before it (هجوم انتحاري استهدف ...) shares that noun's scope; and a word of figure
after a trigger (خطف الأضواء, شنت انتقادات, a war on corruption) makes it no event at all.
Protesters counted as the harmed or the arrested (اعتقال 100 متظاهر) belong to a protest told
elsewhere; an attack tied to no occasion (no time, place or count) is a kind; in a text without a
publication date, an event dated two years before its latest dated event is historical. Every
word list is a role of `lang/<code>/events/scope.tsv`.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate
from importlib import resources
from pathlib import Path

from ..actors.lexicon import rows
from ..errors import LexiconError
from ..normalize import fold
from .modality import counted

log = logging.getLogger(__name__)

# Tuned by hand on the seed, our own test sentences and corpus counts (words of the matching form).
REFER_WORDS = 3       # a referring phrase (في أعقاب, in response to) ends right before the trigger: its length at most
REPORT_WORDS = 3      # a naming head is reported when a support or result verb stands this close before it (نفذ عمليات خطف)
FIGURE_WORDS = 4      # a word of figure this close after a trigger (خطف الأضواء, شنت الجماعة المصرية انتقادات)
DESCRIBE_WORDS = 3    # a verb this close after an event noun describes it (هجوم انتحاري استهدف)
MODALITY_WORDS = 4    # as the coder's: a modality word (مزاعم, عدم) counts this many words before the trigger
HISTORICAL_YEARS = 2  # as the coder's: an event this many years before the text's time is historical
WHEN_WORDS = 3        # a subordinator of time at most this many words before a verb (بعد أن كان خطف)
HARM_WORDS = 3        # protesters this close after a word of harm or arrest were harmed or arrested, not protesting
# An attack whose trigger stands this many words or more into its sentence is told past the
# sentence's lead, as an elaboration or a recall (في ... الذي يرتاده السياح، على خلفية تكثيف
# المقاتلين هجماتهم): news reports its attack in the lead. Set on the OEDA development half's
# positions (sentences coded yes put their first attack within 15 words in 9 cases of 10, the
# rest mostly within 20), 20 kept for margin.
DEEP_WORDS = 20
RELATIVE_WORDS = 4    # an attack this close after a relative pronoun, in its clause, tells who or what its antecedent is
STRETCH_WORDS = 3     # a word of the past (الماضية, الأخيرة) this close after a plural unit of time (الأشهر الستة الأخيرة)
ROLES = frozenset("refer name report figure sport motive habitual harm when occasion vague case stretch gone since long".split())
# Types whose report in news ties it to an occasion (a time, a place, a count): without one, the
# sentence speaks of violence as a kind or as an opinion (قتل المدنيين جريمة), not of one attack.
OCCASIONED = frozenset({"ASSAULT"})
# Types told past the lead of a long sentence as background (DEEP_WORDS), and, in a sentence of a
# trial or a charge (scope.tsv `case`), as the matter of the case rather than this text's news.
TOLD_IN_LEAD = frozenset({"ASSAULT"})
# Types of physical harm: in a sentence about sport with no toll their triggers are figures (هجوم, ضربة).
HARMED_TYPES = frozenset({"ASSAULT"})
# Types whose noun of persons is a patient after a word of harm (protesters arrested or killed).
HARMED_PERSONS = frozenset({"PROTEST"})
SCOPES = frozenset({"background", "generic", "habitual"})
CLAUSE_MARKS = ".,،;؛:!?؟()«»\""


@lru_cache(maxsize=None)
def tables(code: str, cased: bool) -> dict[str, frozenset[tuple[str, ...]]]:
    """The phrases of each role of a language's scope.tsv, in matching form (none without the file)."""
    path = Path(str(resources.files("marsad"))) / "lang" / code / "events" / "scope.tsv"
    out: dict[str, set] = {r: set() for r in ROLES}
    if not path.is_file():
        return {r: frozenset() for r in ROLES}
    for n, (role, phrase) in rows(path, 2):
        if role not in ROLES:
            raise LexiconError(f"{path}:{n}: unknown role {role!r} (one of {', '.join(sorted(ROLES))})")
        key = fold(phrase).lower() if cased else fold(phrase)
        out[role].add(tuple(key.split()))
    return {r: frozenset(v) for r, v in out.items()}


def screen(doc, readings: list, events: list) -> list:
    """The events with their context read: figures dropped, the scope of the asserted ones set
    (`readings` are the coder's, in matching offsets, one per event)."""
    t = tables(doc.lex.code, doc.cased)
    if not any(t.values()):
        return events
    out, scoped, latest = [], {}, _latest_year(doc, events)
    for r, e, q in zip(readings, events, _previous(readings)):
        if _figure(doc, r, t) or _motive(doc, r, readings, t):
            continue
        if latest and e.event_date is not None and e.historical is None \
                and latest - e.event_date.year >= HISTORICAL_YEARS:
            e = replace(e, historical=True)   # undated text: years before its latest dated event
        if e.modality == "asserted":
            found = _context(doc, r, t) or _described(doc, r, q, scoped, t)
            if found:
                e = replace(e, modality=found)
        scoped[r.start] = e.modality
        out.append(e)
    return out


def _latest_year(doc, events: list) -> int | None:
    """The latest year the dated events of a text without a publication date fall in (its time,
    about); None for a dated text (its events are placed by its date)."""
    if doc.published is not None:
        return None
    return max((e.event_date.year for e in events if e.event_date is not None), default=None)


def _context(doc, r, t) -> str | None:
    """background, generic or habitual by the words before the trigger and its sentence."""
    plain = _before(doc, r, t)
    if r.trig.needs and r.trig.event_type in HARMED_PERSONS and _has(plain[-HARM_WORDS:], t["harm"]):
        return "background"              # اعتقال 100 متظاهر, مقتل 7 متظاهرين: harmed, not protesting
    near = _modal(doc, plain) if r.start > 0 and doc.t[r.start - 1].isalnum() else None
    if near:
        return near                      # بمزاعم تعرض عمر للتعذيب: the modality words, read past the proclitic
    if plain and plain[-1] in doc.lex.sets["support_nominal"]:
        plain = plain[:-1]               # وقف إطلاق الصواريخ, تبنى تنفيذ اغتيال: the head before the light noun
    return _referred(doc, plain, r, t) or _kind(doc, plain, r, t) or _recalled(doc, r, t)


def _recalled(doc, r, t) -> str | None:
    """background for an attack told deep in a long sentence or in a sentence of a trial or charge
    (حكمت المحكمة على رجلين خطفا سياحا, اتهمه بالضلوع في الهجوم)."""
    if r.trig.event_type not in TOLD_IN_LEAD:
        return None
    if doc.count_in(r.s_start, r.start, DEEP_WORDS) >= DEEP_WORDS:
        return "background"              # past the lead: an elaboration, a recall
    if _relative(doc, r, t):
        return "background"              # التي أطلقت ... تسببت في قتل, الذي تم تحريره من الاختطاف
    if doc.holds(r.s_start, r.s_end, _singles(t["case"])):
        return "background"              # the matter of a case, not this text's news
    return None


def _referred(doc, plain: list[str], r, t) -> str | None:
    """background after a word of time or cause, or in a clause of time."""
    if _ends_with(plain, t["refer"]):
        return "background"              # غداة الاعتداء, انتقاما لتفجير, في أعقاب هجوم
    if r.trig.form == "verb" and _has(plain[-WHEN_WORDS:], t["when"]):
        return "background"              # عندما اغتيل, بعد أن كان خطف: the time of another event
    if _once(doc, _vague, r, t):
        return "background"              # خرجوا في الفترة الماضية: a stretch of the past, no occasion
    if r.trig.event_type in TOLD_IN_LEAD and _once(doc, _stretch, r, t):
        return "background"              # في الأشهر الستة الأخيرة, منذ عام: a tally over a stretch of time
    return None


def _once(doc, test, r, t) -> bool:
    """A test of a trigger's whole sentence, read once per sentence (a long one holds many triggers,
    and each read its words again)."""
    key = (test, r.s_start, r.s_end)
    if key not in doc.scoped:
        doc.scoped[key] = test(doc, r, t)
    return doc.scoped[key]


def _vague(doc, r, t) -> bool:
    """Whether a sentence speaks of a stretch of the past with no occasion (في الفترة الماضية)."""
    return doc.holds(r.s_start, r.s_end, _firsts(t["vague"])) and _has(doc.sentence_words(r.s_start, r.s_end), t["vague"])


def _relative(doc, r, t) -> bool:
    """Whether an attack stands in a relative clause, at most RELATIVE_WORDS words after its pronoun
    with no clause mark between (what it tells identifies the antecedent), and is not counted
    (التحالف الذي شن 15 غارة reports the raids)."""
    relative = doc.lex.sets["relative"]
    if not relative or not doc.holds(r.s_start, r.start, relative):
        return False
    tail = doc.t[max(r.s_start, r.start - 80):r.start]
    cut = max(tail.rfind(c) for c in CLAUSE_MARKS)
    words = _plain(doc, doc.words_in(r.start - len(tail) + cut + 1, r.start), t)[-RELATIVE_WORDS:]
    if not any(w in relative or w[1:] in relative for w in words):
        return False
    return not (counted(doc, r.end, r.s_start, r.s_end) or _counted_before(doc, r))


def _counted_before(doc, r) -> bool:
    """Whether a number stands right before a noun trigger (شن 15 غارة)."""
    return r.trig.form == "noun" and any(r.start - 12 <= at < r.start and doc.count_in(at, r.start, 3) <= 2
                                         for at, *_ in doc.numbers(r.s_start, r.s_end))


def _stretch(doc, r, t) -> bool:
    """Whether a sentence speaks of a stretch of time rather than an occasion: a plural unit of time
    followed closely by a word of the past (السنوات الست الماضية, العامين السابقين), or منذ / since
    before a unit of months or years or a beginning (منذ أشهر, منذ بدء الحملة; منذ يومين is a date)."""
    if not (doc.holds(r.s_start, r.s_end, _singles(t["stretch"])) or doc.holds(r.s_start, r.s_end, _singles(t["since"]))):
        return False
    words = _plain(doc, doc.sentence_words(r.s_start, r.s_end), t)
    for i, w in enumerate(words):
        if (w,) in t["stretch"] and _has(words[i + 1:i + 1 + STRETCH_WORDS], t["gone"]):
            return True
        if (w,) in t["since"] and _has(words[i + 1:i + 3], t["long"]):
            return True
    return False


def _kind(doc, plain: list[str], r, t) -> str | None:
    """generic when named as a kind or tied to no occasion, habitual in a sentence of habit."""
    if _named(doc, plain, t):
        return "generic"                 # قضية خطف, عمليات خطف وقتل, مسؤوليتها عن خطف
    if r.trig.event_type in OCCASIONED and not _occasion(doc, r, t):
        return "generic"                 # no time, place or count: violence as a kind, an opinion
    if r.trig.form == "noun" and doc.holds(r.s_start, r.s_end, _singles(t["habitual"])):
        return "habitual"                # تفجيرات يومية, attacks happen daily
    return None


def _before(doc, r, t) -> list[str]:
    """The words of the sentence before a trigger, without the proclitic written on it (ال, ب of
    بتفجير) and with a listed word's conjunction dropped."""
    words = doc.words_in(max(r.s_start, r.start - 80), r.start)
    if words and r.start > 0 and doc.t[r.start - 1].isalnum():
        words = words[:-1]
    return _plain(doc, words, t)


def _modal(doc, plain: list[str]) -> str | None:
    """The modality of the last modality phrase (modality.tsv, `before`) among the last
    MODALITY_WORDS words before a trigger with a proclitic (للتعذيب), the proclitic not counted
    as a word; قد is left to the coder (before a past verb it asserts)."""
    words, hit = [w for w in plain[-MODALITY_WORDS:] if w not in doc.lex.sets["emphatic"]], None
    for i in range(len(words)):
        for n in (3, 2, 1):
            if i + n <= len(words) and tuple(words[i:i + n]) in doc.lex.before:
                hit = doc.lex.before[tuple(words[i:i + n])]
                break
    return hit


def _occasion(doc, r, t) -> bool:
    """Whether a sentence ties what it reports to one occasion: a date or a time of day, a place
    (a named one, or a word of place: المنطقة, قرب), a count (عشرة قتلى)."""
    if doc.dates(r.s_start, r.s_end) or doc.numbers(r.s_start, r.s_end):
        return True
    if doc.holds(r.s_start, r.s_end, _singles(t["occasion"])):
        return True
    k = bisect_left(doc.place_starts, r.s_start)      # a place starting inside the sentence
    return k < len(doc.place_starts) and doc.place_starts[k] < r.s_end


def _named(doc, plain: list[str], t) -> bool:
    """Whether a naming head (قضية, عمليات, عن) stands right before the trigger with no support or
    result verb shortly before it (نفذ عمليات خطف, أسفر عن مقتل report the event)."""
    for n in (2, 1):
        if len(plain) >= n and tuple(plain[-n:]) in t["name"]:
            head = plain[:-n][-REPORT_WORDS:]
            reported = doc.lex.sets["support"] | _singles(t["report"])
            return not any(w in reported or w[1:] in reported for w in head)   # ونفذ: نفذ
    return False


def _described(doc, r, q, scoped: dict, t: dict) -> str | None:
    """The scope of the trigger just before, when it is background, generic or habitual and this one
    describes it (هجوم انتحاري استهدف: a verb after an indefinite noun, no relative pronoun) or is
    joined to it (عمليات خطف وقتل, اختطاف السفير وقتله); q: the reading before r (_previous)."""
    if _joined_unread(doc, r, q):
        return "generic"                 # عملية الخطف والقتل: joined to a trigger that reports nothing
    if r.trig.form == "verb":
        found = _unread_before(doc, r, q, t)
        if found:
            return found                 # في أعقاب هجوم انتحاري استهدف: a noun read as no event
    if q is None or q.s_start != r.s_start or scoped.get(q.start) not in SCOPES:
        return None
    gap = doc.t[q.end:r.start]
    if _breaks(gap) or doc.count_in(q.end, r.start, DESCRIBE_WORDS + 1) > DESCRIBE_WORDS:
        return None
    joined = doc.t[r.start - 1:r.start] in doc.lex.sets["conjunction"] or \
        bool(doc.words_in(q.end, r.start)[-1:] == ["و"])
    return scoped[q.start] if joined or (r.trig.form == "verb" and q.trig.form == "noun") else None


def _unread_before(doc, r, q, t) -> str | None:
    """The scope of a trigger the coder read as no event right before a verb trigger (at most
    DESCRIBE_WORDS words, no clause mark), by the words before that trigger (refer, name)."""
    k = bisect_left(doc.trigger_at, r.start) - 1
    if k < 0 or doc.trigger_at[k] < r.s_start or (q is not None and q.start >= doc.trigger_at[k]):
        return None
    p = doc.trigger_at[k]
    gap = doc.t[p:r.start]
    if _breaks(gap) or doc.count_in(p, r.start, DESCRIBE_WORDS + 2) > DESCRIBE_WORDS + 1:
        return None
    words = doc.words_in(max(r.s_start, p - 80), p)
    if words and p > 0 and doc.t[p - 1].isalnum():
        words = words[:-1]
    plain = _plain(doc, words, t)
    return _referred(doc, plain, r, t) if _ends_with(plain, t["refer"]) else ("generic" if _named(doc, plain, t) else None)


def _joined_unread(doc, r, q) -> bool:
    """Whether a definite trigger written with a conjunction (والقتل) follows right after a trigger of
    its sentence that the coder read as no event (a named kind: عملية الخطف والقتل)."""
    article = doc.lex.grammar.article
    if not article or not any(doc.t[r.start - len(c) - len(article):r.start] == c + article
                               for c in doc.lex.sets["conjunction"]):
        return False                     # a definite noun joined to one before it: الخطف والقتل
    k = bisect_left(doc.trigger_at, r.start) - 1
    if k < 0 or doc.trigger_at[k] < r.s_start or (q is not None and q.start == doc.trigger_at[k]):
        return False
    return doc.count_in(doc.trigger_at[k], r.start, 3) <= 2


def _motive(doc, r, readings: list, t) -> bool:
    """Whether a trigger is the motive of another event of its type in its sentence (خرج المتظاهرون
    ... احتجاجا على: one protest, told by its act)."""
    if (doc.t[r.start:r.end],) not in t["motive"]:
        return False
    return any(q.s_start == r.s_start and q.start != r.start and q.trig.event_type == r.trig.event_type
               for q in readings)


def _figure(doc, r, t) -> bool:
    """Whether a word of figure follows the trigger closely (خطف الأضواء, شنت انتقادات)."""
    if t["sport"] and doc.holds(r.s_start, r.s_end, _singles(t["sport"])) \
            and r.trig.event_type in HARMED_TYPES and not doc.holds(r.s_start, r.s_end, doc.lex.sets["toll"]):
        return True                      # الفريق يكثف هجومه: an attack on a pitch harms no one
    stop = min(r.s_end, r.end + 80)
    if not _may_figure(doc, r, stop, t):
        return False                     # the usual case: no word of figure in the sentence
    after = _plain(doc, doc.words_in(r.end, stop)[:FIGURE_WORDS + 1], t)
    return _has(after, t["figure"])


def _may_figure(doc, r, stop: int, t) -> bool:
    """Whether the words after a trigger up to stop may hold a word of figure: a word of the sentence
    opens a figure phrase (bare or behind a clitic), or a word is cut at either end of the stretch
    (not one of the sentence's words then); a quick test before reading the words."""
    text, firsts = doc.t, _firsts(t["figure"])
    cut = 0 < r.end < len(text) and text[r.end - 1].isalnum() and text[r.end].isalnum() \
        or stop < len(text) and text[stop - 1].isalnum() and text[stop].isalnum()
    found = doc.word_set(r.s_start, r.s_end)
    behind = doc.lex.conjoined(firsts, ("conjunction", "noun_clitic"))     # the phrases behind a clitic
    return cut or not found.isdisjoint(firsts) or not found.isdisjoint(behind)


def _previous(readings: list) -> list:
    """For each reading, the last one in the list that starts before it, or None: a bisection
    each, not a scan of the list per reading (a 4.9 MB article has 10,000 readings)."""
    order = sorted(range(len(readings)), key=lambda i: readings[i].start)
    starts, latest = [readings[i].start for i in order], list(accumulate(order, max))
    return [readings[latest[k - 1]] if k else None for k in (bisect_left(starts, r.start) for r in readings)]


def _has(words: list[str], phrases: frozenset) -> bool:
    """Whether one of the phrases starts at any of the words (phrases of three words or more never do)."""
    return not _singles(phrases).isdisjoint(words) or any(p in phrases for p in zip(words, words[1:]))


def _ends_with(words: list[str], phrases: frozenset) -> bool:
    """Whether the words end with one of the phrases."""
    return any(len(words) >= n and tuple(words[-n:]) in phrases for n in range(1, REFER_WORDS + 1))


def _breaks(gap: str) -> bool:
    """Whether a stretch crosses a clause mark (a comma, a full stop, a colon)."""
    return any(c in gap for c in CLAUSE_MARKS)


@lru_cache(maxsize=64)
def _firsts(phrases: frozenset) -> frozenset[str]:
    """The first words of the phrases (a quick test on a sentence's words before reading it)."""
    return frozenset(p[0] for p in phrases)


@lru_cache(maxsize=64)
def _singles(phrases: frozenset) -> frozenset[str]:
    """The one-word phrases as a set of words."""
    return frozenset(p[0] for p in phrases if len(p) == 1)


def _plain(doc, words: list[str], t) -> list[str]:
    """Words with a one-letter conjunction or preposition dropped where the bare word is listed
    (وغداة -> غداة, لحملات -> حملات, بتجربة -> تجربة)."""
    listed, clitics = _vocabulary(t), doc.lex.word_set("conjunction", "noun_clitic")
    return [w[1:] if w not in listed and w[:1] in clitics and w[1:] in listed else w for w in words]


_VOCABULARY: dict[int, frozenset[str]] = {}


def _vocabulary(t: dict) -> frozenset[str]:
    """Every word of the scope tables (built once per table)."""
    found = _VOCABULARY.get(id(t))
    if found is None:
        found = _VOCABULARY[id(t)] = frozenset(w for v in t.values() for p in v for w in p)
    return found

