"""Events: who did what to whom, when, where, how many, and whether it really happened.

One document at a time, on its matching form: every trigger (هاجم, انسحاب, agreed ...) takes its
type from the lexicon, its source and target from the actor mentions of its sentence by word
order and particles, its date, place and quantity from the same sentence, and its modality from
the words around it (ليس, لم, قد, من المتوقع, not, may ...).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cached_property, lru_cache

from ..actors.bounds import blanked
from ..actors.lexicon import Actor
from ..actors.resolve import Mention
from ..actors.matcher import longest_first
from ..analysis import Analysis
from ..dates import DateMention
from ..normalize import fold
from . import collectives
from .gazetteer import lookup
from .lexicon import DIRECTED, FORCE, HEADS, IMPLIED, SYMMETRIC, TARGETED, EVIDENCE, EventLexicon, Trigger
from .modality import asserting_emphatic, scope
from .scope import screen

# Tuned by hand on the seed and the test articles (offsets in characters of the matching form).
ADJACENT = 3          # a subject written right before its verb: at most this many blanks/commas
SUBJECT_WORDS = 2     # words allowed between a verb and the subject after it
MODALITY_WORDS = 4    # how far before (or after a noun) a negation or modal word counts
SOURCE_WORDS = 8      # a subject named before its verb (not right before it): at most this many words back
OBJECT_WORDS = 3      # words allowed between a verb (or its subject after it) and its object
PARTICLE_WORDS = 5    # على/ضد/against: at most this many words after the trigger ...
PARTICLE_GAP = 3      # ... and the actor at most this many words after the particle (على قواعد تابعة للقوات)
# A verdict word governs a verdict noun (اعتبر ... تهديدا) this many words before it: room for a
# relative clause naming the accused (اعتبر أن التمرد الذي تقوده الجماعة يعد تهديدا); a speech word
# (قال، صرح) anywhere in the SPEECH_WORDS before it, a quotation between. Set by hand on sentences
# written for the tests, checked on 4,000 corpus articles (about one verdict event in 400 articles).
VERDICT_WORDS = 16
SPEECH_WORDS = 40
# A light verb governs its event noun from at most this many words before it (ألقت قوات الأمن
# القبض: room for a subject of three words and a ب written apart); its subject, when the verb
# follows the noun with the noun's pronoun (لقاء عقده رئيسا الدولتين، عمر البشير), at most
# LIGHT_SUBJECT_WORDS words after the verb. Set by hand on sentences written for the tests.
LIGHT_WORDS = 5
LIGHT_SUBJECT_WORDS = 3
COMPLEMENT_WORDS = 12  # an event noun this close after a head trigger (دعا, رحب, threaten) is its content
# Types whose noun takes as target who a harm word before it names (أصيب X في قصف): attacks.
HARMS = frozenset({"ASSAULT"})
# A relative clause between a subject and its verb: at most this many words from the verb back to
# its relative pronoun (set by hand on sentences written for the tests: a verb, its object and a
# time phrase: الذين يسيطرون على صنعاء منذ العام الماضي).
RELATIVE_WORDS = 10
# A sentence opening with its verb (a conjunction or قد written apart) names its subject within
# this many words; a later verb joined to it by و or كما shares it (set by hand on sentences
# written for the tests).
OPENING_WORDS = 2
RELATIVE_ADJECTIVES = 2  # adjectives allowed between an actor and its relative pronoun (nisba + one more)
GOVERNED_WORDS = 6    # a governed trigger's word (بحث ... مع) within this many words (a name counts as one): room for a subject and an object
# A cue by its first letter (cued.tsv: ب*) is a word of at least this many letters: ب + a noun of
# three (بسجن, بوقف), not بل or بها. Set from the Arabic noun shapes, checked on the corpus.
CUE_LETTERS = 4
SUBJUNCTIVE_WORDS = 8  # أن + imperfect verb makes the events of the next words unrealised
HISTORICAL_YEARS = 2  # an event this many years before publication is historical
# Events kept per sentence, in text order: a bound on the work one sentence can cause (each event
# reads its sentence again). Set from 2,000 saudinewsnet articles: at most 5 in a sentence
# (2,764 events); twice that leaves room and never cuts news prose.
MAX_EVENTS_PER_SENTENCE = 10
# Marks that end a clause inside a sentence: what lies across them is not a trigger's participant
# or complement (a colon before a quotation, a semicolon, a closing quote).
BREAKS = frozenset(';:؛؟!"«»')
BREAK_MARK = re.compile("[" + re.escape("".join(sorted(BREAKS))) + "]")
NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s+([^\W\d_]{2,})")
DIGIT = re.compile(r"\d")    # what every NUMBER starts with, searched first (a scan in C, no lookbehind tried)
WORD = re.compile(r"[^\W_]+|n't", re.UNICODE)
SPOT = re.compile(r"(?<!\w)(\w+)\s+")
NEXT_WORD = re.compile(r"[ \t]+(\w+)")
COMMA = re.compile(r"[,،]")
CLAUSE_END = re.compile("[" + re.escape("".join(sorted(BREAKS))) + r".\n]")   # a break, a full stop or a line end


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
        """Reported as having happened now: asserted (not negated, possible, planned, present or
        background) and not historical."""
        return self.modality == "asserted" and self.historical is not True


class EventDoc:
    """A document's matching text, sentences, outermost actor mentions and dates."""

    def __init__(self, analysis: Analysis, lex: EventLexicon):
        self.analysis, self.norm, self.lex, self.language = analysis, analysis.norm, lex, analysis.language
        self.t = self.norm.text
        self.cased = lex.grammar.cased
        self.hay = self.t.lower() if self.cased else self.t          # what the trigger automaton reads
        self.sentences = sorted(set(analysis.sentences) | {0})
        self.mentions = list(analysis.outermost)
        self.starts = [x[0] for x in self.mentions]
        self.published = analysis.published_day
        self._numbers: dict[tuple[int, int], list] = {}
        self._words: dict[tuple[int, int], set[str]] = {}   # a sentence's words
        self._word_lists: dict[tuple[int, int], list[str]] = {}   # and in order (sentence_words)
        self._governing: dict[tuple[int, int], list] = {}
        self._ago: dict[tuple[int, int], bool] = {}
        self._spots: dict[tuple[int, int], list[int]] = {}
        self.suffered = _suffered_pattern(lex.role("suffered"), lex.role("conjunction"))
        self._first: dict[tuple[re.Pattern, int], int | None] = {}
        self._places: dict[tuple[int, int], str | None] = {}
        self._parties: dict[tuple[int, int], list] = {}
        self.support: dict[tuple[int, int], bool] = {}
        self._last: dict[int, str | None] = {}
        self._sentence: dict[int, tuple[int, int]] = {}     # an offset -> its sentence (sentence)
        self.trigger_starts: list[int] = []
        self.trigger_at: list[int] = []         # where every trigger found starts, in order
        self.unnamed: list[tuple[int, int, Actor]] = []
        self.purpose: set[int] = set()
        self.framed: dict[int, int] = {}    # a framed noun's start -> its light verb's start (before it) or end (after it)
        self.lazy: dict[int, tuple] = {}     # a noun's start -> (light verbs of its supporting frames, its word's end)
        self.scoped: dict[tuple, bool] = {}  # events/scope.py's answers about one sentence, read once
        self.inferred: set[int] = set()     # triggers whose subject was read from another clause (less sure)

    def add_unnamed(self) -> None:
        """Add the collectives found (مسلحون, المدنيين) where no named actor stands, each composed
        with its country (an adjective on it joins its span); they are kept in `analysis.collectives`."""
        spans, taken, adjectives = [], -1, set()
        found = sorted(self.unnamed, key=lambda x: (x[0], -x[1]))
        for i, (start, end, template) in enumerate(found):
            k = bisect_right(self.starts, start) - 1
            if start < taken or (k >= 0 and self.mentions[k][1] > start) \
                    or (k + 1 < len(self.starts) and self.starts[k + 1] < end):
                continue
            end, template = self._qualified(found, i, end, template)
            end = self._governed(start, end)
            if end is None or self._adjective(start, end):
                continue                 # مسلحي داعش: the named actor acts
            start, end, actor, adjective = self._composed(start, end, template)
            adjectives.add(adjective)
            taken = end
            spans.append((start, end, collectives.mention(self.norm, start, end, actor)))
        self.analysis.collectives = [x[2] for x in spans]
        adjectives.discard(None)
        if spans:
            kept = [x for x in self.mentions if x not in adjectives] if adjectives else self.mentions
            self.mentions = sorted(kept + spans, key=lambda x: (x[0], -x[1]))
            self.starts = [x[0] for x in self.mentions]
            self._parties.clear()

    def implied(self, start: int, end: int, template: Actor) -> Mention:
        """The unnamed collective that does an event no actor is named for (a protest's protesters),
        over its trigger, composed with the country of its sentence; kept in `analysis.collectives`."""
        _, _, actor, _ = self._composed(end, end, template)
        found = collectives.mention(self.norm, start, end, actor)
        self.analysis.collectives.append(found)
        return found

    def _qualified(self, found: list, i: int, end: int, template: Actor) -> tuple[int, Actor]:
        """A collective with a collective adjective right after it is the adjective's group, over
        both words (نشطاء حقوقيون: rights activists; السكان المدنيين: civilians)."""
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is None or nxt[0] < end or self.t[end:nxt[0]].strip() \
                or collectives.group_of(nxt[2]) not in self.lex.adjective_groups:
            return end, template
        return nxt[1], nxt[2]

    def _adjective(self, start: int, end: int) -> bool:
        """Whether a definite singular such as المدني is an adjective: after a definite word
        (المجتمع المدني, الهجوم الانتحاري), not after a verb (فجر الانتحاري نفسه)."""
        if self.t[start:end] not in self.lex.adjectival:
            return False
        prev = self.t[max(0, start - 20):start].split()
        return bool(prev) and _bare(self, prev[-1]).startswith(self.lex.grammar.article)

    def _governed(self, start: int, end: int) -> int | None:
        """Where a collective in the construct state ends: after the definite noun it governs
        (أهالي العسكريين); None when that noun is a named actor, not a place (مسلحي داعش). A
        definite or multi-word collective governs nothing (هاجم الجيش داعش, قوات الأمن)."""
        if self._complete(self.t[start:end]):
            return end
        k = bisect_left(self.starts, end)
        nxt = self.mentions[k] if k < len(self.mentions) else None
        if nxt is not None and not self.t[end:nxt[0]].strip():
            return end if collectives.is_place(nxt) else None
        m = NEXT_WORD.match(self.t, end)
        article = self.lex.grammar.article
        if m is None or not article or not m.group(1).startswith(article):
            return end                   # (an event noun may be governed: مصابو التفجير)
        nxt = self.mentions[k] if k < len(self.mentions) else None
        if nxt is not None and not self.t[m.end(1):nxt[0]].strip() and not collectives.is_place(nxt):
            return None                  # جنود الإمام عبد العزيز: a title before a name, who acts
        return m.end(1)

    def _complete(self, word: str) -> bool:
        """Whether a collective governs no noun after it: not a construct form, definite or multi-word."""
        article = self.lex.grammar.article
        return word not in self.lex.heads or " " in word or bool(article) and word.startswith(article)

    def _composed(self, start: int, end: int, template: Actor) -> tuple:
        """(start, end, actor, adjective span) of a collective: its country from an adjective on
        it, a place of its sentence, or the document's country."""
        after = self.lex.grammar.modifier_after_head
        adj = collectives.adjective(self.mentions, self.starts, start, end, self.t, after)
        if adj is not None:
            country = adj[2].actor.country
            start, end = (start, adj[1]) if after else (adj[0], end)
        else:
            s_start, s_end = self.sentence(start)
            inside = self.places[bisect_left(self.place_starts, s_start):bisect_left(self.place_starts, s_end)]
            country = collectives.place_country(inside, self.t, end, s_start, s_end, self.locative) \
                or self.home
        return start, end, collectives.compose(template, country), adj

    @cached_property
    def places(self) -> list:
        """Spans of places and countries (the document's places and its acting mentions), in order."""
        return sorted([x for x in self.analysis.spans if collectives.is_place(x)] + list(self.analysis.places),
                      key=lambda x: (x[0], -x[1]))

    @cached_property
    def place_starts(self) -> list[int]:
        """Where each of `places` starts (for bisection by sentence)."""
        return [x[0] for x in self.places]

    @cached_property
    def home(self) -> str | None:
        """The country the document mentions most (a collective with no other clue is of it)."""
        return collectives.home_country(self.analysis.spans + list(self.analysis.places))

    @cached_property
    def locative(self) -> frozenset[str]:
        """The language's locative words (في, in), in matching form."""
        return frozenset(fold(w).lower() for w in self.lex.grammar.locative) | self.lex.sets["in"]

    def dates(self, s_start: int, s_end: int) -> list[DateMention]:
        """Date expressions of one sentence (found once, on demand), in document offsets."""
        return self.analysis.dates(s_start, s_end)

    def numbers(self, s_start: int, s_end: int) -> list:
        """Numbers of one sentence with the noun they count (found once, on demand)."""
        if (s_start, s_end) not in self._numbers:
            self._numbers[(s_start, s_end)] = _numbers(self, s_start, s_end)
        return self._numbers[(s_start, s_end)]

    def governing(self, s_start: int, s_end: int, pos: int) -> str | None:
        """The modality of the last sentence-governing phrase (تخشى, حذر من) before pos."""
        if (s_start, s_end) not in self._governing:
            if not self.holds(s_start, s_end, self.lex.governing_words):
                self._governing[(s_start, s_end)] = []          # the usual case: nothing to read
                return None
            spans = list(WORD.finditer(self.t, s_start, s_end))
            words = _plain(self, [m.group(0).lower() for m in spans])
            hits, first = [], self.lex.governing_words
            for i in [i for i, w in enumerate(words) if w in first]:     # a phrase opens on its first word
                for n in (3, 2, 1):
                    modality = self.lex.sentence.get(tuple(words[i:i + n])) if i + n <= len(words) else None
                    if modality:
                        hits.append((spans[i + n - 1].end(), modality))
                        break
            self._governing[(s_start, s_end)] = hits
        return next((m for end, m in reversed(self._governing[(s_start, s_end)]) if end <= pos), None)

    def spots(self, s_start: int, s_end: int) -> list[int]:
        """Offsets right after each في / in of a sentence (where a place may be named)."""
        if (s_start, s_end) not in self._spots:
            words, pattern = self.lex.sets["in"], _spot_pattern(self.lex.role("in"))
            # a spot's word is one of the sentence's words: a sentence without one is not searched
            self._spots[(s_start, s_end)] = [m.end() for m in pattern.finditer(self.t, s_start, s_end)
                                             if m.group(1).lower() in words] \
                if words and not self.word_set(s_start, s_end).isdisjoint(words) else []
        return self._spots[(s_start, s_end)]

    def first_match(self, pattern: re.Pattern, words: tuple[str, ...], s_start: int) -> int | None:
        """Where the first match of a pattern of the given words in the sentence opening at
        s_start ends (found once; not searched where none of the words is written)."""
        if (pattern, s_start) not in self._first:
            k = bisect_right(self.sentences, s_start)
            stop = self.sentences[k] if k < len(self.sentences) else len(self.t)
            text = self.t[s_start:stop]
            m = pattern.search(self.t, s_start, stop) if any(w in text for w in words) else None
            self._first[(pattern, s_start)] = m.end() if m else None
        return self._first[(pattern, s_start)]

    def place_at(self, at: int, s_end: int) -> str | None:
        """The place named right after a في / in ending at `at` (a city, else a country; found once)."""
        if (at, s_end) not in self._places:
            rest = self.t[at:min(s_end, at + 80)].split()[:3]
            found = lookup([w.strip("،,.«»\"()") for w in rest])
            self._places[(at, s_end)] = found[0].label if found else _country_at(self, at)
        return self._places[(at, s_end)]

    def years_ago(self, s_start: int, s_end: int) -> bool:
        """Whether a sentence says «قبل سنوات», «منذ عقود» (an ago word, a span of years within two
        words after it; read once per sentence, not once per event: _historical)."""
        if (s_start, s_end) not in self._ago:
            ago, span = self.lex.sets["ago"], self.lex.sets["years"]
            words = self.sentence_words(s_start, s_end) if self.holds(s_start, s_end, ago) else []
            self._ago[(s_start, s_end)] = any(        # _bare read only where the word may be an ago word
                _bare(self, w) in ago and any(_bare(self, x) in span for x in words[i + 1:i + 3])
                for i, w in enumerate(words) if w in ago or w[1:] in ago)
        return self._ago[(s_start, s_end)]

    def evidenced(self, role: str, s_start: int, s_end: int) -> bool:
        """Whether a sentence holds a word of a role (a toll: قتلى; a crowd: خرج), with or without
        its conjunction (found once, on demand)."""
        return self.holds(s_start, s_end, self.lex.sets[role])

    def holds(self, s_start: int, s_end: int, words: frozenset[str]) -> bool:
        """Whether a sentence holds one of the words, alone or behind a one-letter conjunction
        (وقتل holds قتل); the sentence's words, lower-cased, are found once."""
        found = self.word_set(s_start, s_end)
        return not found.isdisjoint(words) or not found.isdisjoint(self.lex.conjoined(words))

    def word_set(self, s_start: int, s_end: int) -> set[str]:
        """The words of a sentence, lower-cased, as a set (found once)."""
        found = self._words.get((s_start, s_end))
        if found is None:
            found = self._words[(s_start, s_end)] = set(self.sentence_words(s_start, s_end))
        return found

    def sentence_words(self, s_start: int, s_end: int) -> list[str]:
        """words_in of a sentence, found once (holds, years_ago and events/scope.py read them in
        turn: a pass each over a long sentence); the list is shared, never changed."""
        found = self._word_lists.get((s_start, s_end))
        if found is None:
            found = self._word_lists[(s_start, s_end)] = self.words_in(s_start, s_end)
        return found

    @cached_property
    def low(self) -> str | None:
        """The lower-cased text, when lower-casing maps character to character (not İ, two
        characters, nor Σ, whose lower case depends on the next word): words read from it are the
        same as lower-casing each word, without a call per word; None otherwise. Made when words
        are first read (a pass over the document that one without a trigger never needs)."""
        low = self.hay if self.cased else self.t.lower()
        return low if len(low) == len(self.t) and "Σ" not in self.t else None

    @cached_property
    def blank(self) -> str:
        """The text words are read from with a blank for each character of no word, behind a blank
        (bounds.blanked): WORD's words are its blank-separated runs ([^\\W_] is isalnum; `n't` never
        matches, a word's n is taken first), and str.split finds them in a third of findall's time.
        A text lower-casing leaves as it is (Arabic) is passed as the text itself: the blanked form
        the one pass of analysis.py made is then found without hashing a copy."""
        low = self.low
        return blanked(self.t if low is None or low == self.t else low)

    def words_in(self, a: int, b: int) -> list[str]:
        """The words of the text [a, b), lower-cased."""
        found = self.blank[max(a, 0) + 1:max(b, 0) + 1].split()
        return found if self.low is not None else [w.lower() for w in found]

    def first_words(self, a: int, b: int, n: int) -> list[str]:
        """words_in(a, b)[:n], split no further than the n-th word."""
        found = self.blank[max(a, 0) + 1:max(b, 0) + 1].split(None, n)[:n]
        return found if self.low is not None else [w.lower() for w in found]

    def count_in(self, a: int, b: int, cap: int | None = None) -> int:
        """Number of words in the text [a, b); with a cap, counted up to the cap only (min(count, cap))."""
        span = self.blank[max(a, 0) + 1:max(b, 0) + 1]       # lower-casing keeps every letter a letter
        return len(span.split()) if cap is None else min(len(span.split(None, cap)), cap)

    def in_sentence(self, s_start: int, s_end: int) -> list:
        """Outermost mentions lying in [s_start, s_end)."""
        lo = bisect_left(self.starts, s_start)
        hi = bisect_left(self.starts, s_end)
        return [x for x in self.mentions[lo:hi] if x[1] <= s_end]

    def parties(self, s_start: int, s_end: int) -> list:
        """Outermost mentions of a sentence that may take part in its events (not a place after في nor one
        saying where a collective is from; found once)."""
        if (s_start, s_end) not in self._parties:
            inside = collectives.phrase_places(self, self.in_sentence(s_start, s_end), self.lex.sets["locality"])
            self._parties[(s_start, s_end)] = [x for x in inside if not _place(self, x)]
        return self._parties[(s_start, s_end)]

    def last_word(self, pos: int) -> str | None:
        """The blank-separated word ending the 12 characters before pos (None when blank; found once)."""
        if pos not in self._last:
            prev = self.t[max(0, pos - 12):pos].split()
            self._last[pos] = prev[-1] if prev else None
        return self._last[pos]

    def sentence(self, pos: int) -> tuple[int, int]:
        """[start, end) of the sentence holding pos."""
        found = self._sentence.get(pos)
        if found is None:                # (the rules of one trigger ask for its sentence in turn)
            k = bisect_right(self.sentences, pos) - 1
            end = self.sentences[k + 1] if k + 1 < len(self.sentences) else len(self.t)
            line_end = self.t.find("\n", pos, end)     # bounded: a document without line breaks is not read to its end
            found = self._sentence[pos] = (self.sentences[k], line_end if line_end >= 0 else end)
        return found


def extract_events(text: str, language: str, mentions: list[Mention], lex: EventLexicon | None,
                   sentence_starts: tuple[int, ...] = (), published: datetime | date | None = None,
                   skip: list[tuple[int, int]] = (), analysis: Analysis | None = None) -> list[Event]:
    """Every event a document reports, in text order; spans in `skip` (title, headings) are not read.

    An event needs a participant; a noun trigger needs one tied to it by grammar (its agent
    right after it, من/بين/على, a support verb: شنت هجمات, بتنفيذ ضربات), not just nearby.
    `analysis` is the document as the extract stage analysed it (built here when absent).
    """
    if lex is None or not text:
        return []
    analysis = analysis or Analysis(text, language, mentions, sentence_starts, published)
    doc = EventDoc(analysis, lex)
    skipped = [(doc.norm.to_norm(a), doc.norm.to_norm(b)) for a, b in skip]
    found = [_as_noun(doc, t) for t in _triggers(doc) if not _in_name(doc, t[0])]
    doc.trigger_at = sorted({t[0] for t in found if _blocking(t[2])})
    doc.add_unnamed()
    latest = _latest_heads(found)
    heads = [_head(doc, found, i, latest[i]) for i in range(len(found))]
    doc.trigger_starts = [t[0] for t, h in zip(found, heads) if h is None and _blocking(t[2])]
    readings = _implied(doc, _capped(_one_reading(doc, _tolls_merged(doc, _readings(doc, found, heads, skipped)))))
    return screen(doc, readings, [_complete(doc, r) for r in readings])   # time scope, figures: events/scope.py


def _capped(readings: list["Reading"]) -> list["Reading"]:
    """The first MAX_EVENTS_PER_SENTENCE readings of each sentence."""
    count: Counter = Counter()
    kept = []
    for r in readings:
        count[r.s_start] += 1
        if count[r.s_start] <= MAX_EVENTS_PER_SENTENCE:
            kept.append(r)
    return kept


def _readings(doc: EventDoc, found: list, heads: list, skipped: list) -> list["Reading"]:
    """The readings of the head triggers outside skipped spans, each with its content triggers."""
    readings, shared, contents = [], {}, {}
    for j, h in enumerate(heads):
        contents.setdefault(h, []).append(j)
    for i, (start, end, trig) in enumerate(found):
        if heads[i] is not None or any(a <= start < b for a, b in skipped):
            continue
        content = contents.get(i, [])
        trig = _pledge(trig, [found[j][2] for j in content])
        reading = _read(doc, start, end, trig, shared, _to_do(doc, start, [found[j][0] for j in content]))
        if reading is not None and not (trig.after and reading.source is None and reading.target is None):
            # a governed trigger (تحدث مع) is weaker: an event only with a participant
            readings.append(reading)
    return readings


@dataclass
class Reading:
    """A trigger read as an event, with the participants grammar gave it, before its details."""

    start: int
    end: int
    trig: Trigger
    source: Mention | None
    target: Mention | None
    tied: bool
    s_start: int
    s_end: int


def _implied(doc: EventDoc, readings: list[Reading]) -> list[Reading]:
    """The readings with the collective that does an event of their type put as the source where
    none is named (a protest's protesters: `IMPLIED` of events/lexicon.py)."""
    implied = doc.lex.implied
    return [replace(r, source=doc.implied(r.start, r.end, implied[r.trig.event_type]))
            if r.source is None and r.trig.event_type in implied else r for r in readings]


def _tolls_merged(doc: EventDoc, readings: list[Reading]) -> list[Reading]:
    """A harm word after an attack noun with no participant in its sentence tells that attack's toll
    («هجوم بالقذائف ... أسفر عن سقوط قتلى من X»): the attack takes its victims and the harm word
    reports nothing of its own."""
    out, open_attack = [], {}
    for r in readings:
        key = (r.s_start, r.trig.event_type)
        q = open_attack.get(key)
        if q is not None and r.target is not None and r.trig.event_type in HARMS \
                and _bare(doc, doc.t[r.start:r.end]) in doc.lex.sets["harmed"]:
            out[out.index(q)] = replace(q, target=r.target, tied=True)
            del open_attack[key]
            continue
        open_attack[key] = r if r.source is None and r.target is None and r.trig.form == "noun" else None
        out.append(r)                    # (the nearest attack before the toll, if unattached)
    return out


def _one_reading(doc: EventDoc, readings: list[Reading]) -> list[Reading]:
    """Drop a reading with no participant when its sentence has another of its type: «قُتل عشرات
    في تفجير انتحاري» reports one attack (the attached reading, else the first, is kept); a noun
    called another (تظاهرة أخرى, هجوم آخر) is an event of its own (`_another`)."""
    kinds = {}
    for r in readings:
        key = (r.s_start, r.trig.event_type)
        kinds[key] = kinds.get(key, False) or r.source is not None or r.target is not None
    seen, out = set(), []
    for r in readings:
        key = (r.s_start, r.trig.event_type)
        if r.source is None and r.target is None and (kinds[key] or key in seen) and not _another(doc, r) \
                and not _crowds_own(doc, r):
            continue
        seen.add(key)
        out.append(r)
    return out


def _another(doc: EventDoc, r: Reading) -> bool:
    """Whether an event noun is called another right after it (تظاهرة أخرى, غارة أخرى, another
    attack): a second event of its type in the sentence, not the first one named again."""
    if r.trig.form != "noun" or not doc.lex.sets["another"]:
        return False
    m = NEXT_WORD.match(doc.t, r.end)
    return m is not None and m.group(1) in doc.lex.sets["another"]


def _crowds_own(doc: EventDoc, r: Reading) -> bool:
    """Whether a reading of a type an unnamed crowd does is told as an event of its own: a verb
    (تظاهروا: its own clause and subject, the crowd) or a noun after a support verb (شهدت المدينة
    تظاهرة): kept beside another of its type in the sentence."""
    if r.trig.event_type not in IMPLIED:
        return False
    return r.trig.form == "verb" or _support_verb(doc, r.start, r.s_start)


def _in_name(doc: EventDoc, pos: int) -> bool:
    """A trigger inside an actor's name (زار in وزارة, التعاون in مجلس التعاون) or a compound (state-sanctioned)."""
    k = bisect_right(doc.starts, pos) - 1
    if k >= 0 and doc.mentions[k][0] <= pos < doc.mentions[k][1]:
        return True
    return pos >= 2 and doc.t[pos - 1] == "-" and doc.t[pos - 2].isalnum()


def _as_noun(doc: EventDoc, found: tuple) -> tuple:
    """An English verb form after an article or possessive (a strike, its attacks) read as a noun."""
    start, end, trig = found
    if trig.form != "verb" or not doc.lex.sets["determiner"]:
        return found
    words = doc.words_in(max(0, start - 8), start)
    if words and words[-1] in doc.lex.sets["determiner"]:
        return start, end, replace(trig, form="noun")
    return found


def _latest_heads(found: list) -> list[int]:
    """For each trigger, the index of the last trigger before it of a type taking content (-1: none)."""
    out, last = [], -1
    for i, (_, _, trig) in enumerate(found):
        out.append(last)
        if _takes_content(trig):
            last = i
    return out


def _takes_content(trig: Trigger) -> bool:
    """Whether a trigger takes what follows it as its content (دعا ... لدعم; not a word of blame)."""
    return trig.event_type in HEADS and _blocking(trig)


def _blocking(trig: Trigger) -> bool:
    """Whether a trigger stands between others as an event would (a word of blame, جرائم, الإرهاب,
    is an event only in a verdict frame: it neither takes content nor parts a verb from its object)."""
    return trig.frame != "said"


def _head(doc: EventDoc, found: list, i: int, latest: int = 0) -> int | None:
    """The earlier trigger of its clause whose content a trigger is (دعا ... لدعم, threaten to resume
    attacks); `latest` is the last head-type trigger before it (-1: none, then none is)."""
    start, _, trig = found[i]
    if latest < 0:
        return None
    if _own_act(doc, start, trig):
        return None
    s_start, _ = doc.sentence(start)
    for j in range(i - 1, -1, -1):
        h_start, h_end, head = found[j]
        gap = doc.t[h_end:start]
        if h_start < s_start or _break(gap) or len(gap) >= 2 * COMPLEMENT_WORDS and _words(gap) > COMPLEMENT_WORDS \
                or _own_verb(doc, h_end, start):
            return None
        if _takes_content(head):
            return j
    return None


def _own_act(doc: EventDoc, start: int, trig: Trigger) -> bool:
    """Whether a verb or participle is an act of its own, never a head's content: an Arabic verb or
    circumstantial participle (داعيا), an English one with its subject before it (is refusing), or
    an English verb joined by "and" (criticised the decision and urged Israel: a second act)."""
    if trig.form not in ("verb", "participle"):
        return False
    if not doc.cased or _subject_before(doc, start):
        return True
    return trig.form == "verb" and _joined_verb_word(doc, start)


def _own_verb(doc: EventDoc, h_end: int, start: int) -> bool:
    """Whether a finite support verb of its own stands between a head and a noun (عقدا لقاء ... حيث
    قدم البشير التهنئة): the noun is then that verb's event, not the head's content."""
    nominal = doc.lex.sets["support_nominal"]
    if not nominal:
        return False                     # a language that does not tell its nominal support words apart
    finite = doc.lex.sets["support"] - nominal
    return any(w in finite or _bare(doc, w) in finite for w in doc.words_in(max(h_end, start - 40), start)[-3:])


def _pledge(trig: Trigger, complements: list[Trigger]) -> Trigger:
    """A pledge to use force is a threat (وتعهدت بمواصلة الهجمات على القوات الأمريكية)."""
    if trig.event_type == "AGREE" and any(c.event_type in FORCE for c in complements):
        return replace(trig, event_type="THREATEN", cameo_root="13", mode=None)
    return trig


def _subject_before(doc: EventDoc, start: int) -> bool:
    """Whether an actor stands just before a verb (Iran launched; the U.S. military would not leave)."""
    k = bisect_left(doc.starts, start) - 1
    if k < 0:
        return False
    gap = doc.t[doc.mentions[k][1]:start]
    small = doc.lex.word_set("preposition", "determiner")
    return _gap(doc, doc.mentions[k][1], start) or (doc.cased and _words(gap) <= 2 and not _break(gap)
                                                   and small.isdisjoint(_word_list(gap)))


def _break(text: str) -> bool:
    """Whether a stretch of text crosses a clause mark (quotes around one name do not count);
    searched, not compared character by character (a string object per Arabic character: 4x slower)."""
    return BREAK_MARK.search(text.strip(' \t،,«»"')) is not None


def _triggers(doc: EventDoc) -> list[tuple[int, int, Trigger]]:
    """Trigger matches (a noun may carry a pronoun: ترحيبها), longest first, in text order."""
    t, hay, lex, unnamed = doc.t, doc.hay, doc.lex, doc.lex.unnamed
    found, pronouns, purpose, article = [], lex.role("pronoun"), lex.role("purpose"), lex.grammar.article[1:]
    hits = doc.analysis.hits.of_events(lex) if doc.analysis.hits is not None else None
    for last, (length, entry) in lex.automaton.iter(hay) if hits is None else hits:   # hits: analysis.py
        start, end = last - length + 1, last + 1
        stop = _whole_word(t, start, end, pronouns)
        if stop is None or (stop > end and _folded(doc, end)):
            continue                                     # وزارة (وزاره) is no وزار + ه: ة is never a pronoun
        at = start + entry.clitic
        if entry.target in unnamed and stop == end:      # a collective carries no pronoun (مدنية is no مدني + ه)
            doc.unnamed.append((at, end, unnamed[entry.target]))
        if entry.what != "trigger":
            continue
        proclitic = hay[start:at]
        trig = _governed_reading(doc, at, stop, entry.target, proclitic)
        if trig is None:
            continue
        if proclitic and trig.form == "noun" and _purpose(hay, proclitic, at, purpose, article):
            doc.purpose.add(at)                          # لشن هجمات, لمهاجمة: so as to attack
        found.append((at, stop, end, trig))
    # at one start and word end, the longer form wins: the noun إدانة (ادانه), not أدان + ه
    return [(start, end, trig) for start, stop, end, trig in longest_first(sorted(found, key=lambda m: -m[2]))]


def _governed_reading(doc: EventDoc, at: int, stop: int, key: str, proclitic: str) -> Trigger | None:
    """A trigger's reading as its proclitic and the words governing it say: a verbal noun behind a
    preposition, a light verb's frame; None for a noun only a frame makes an event (اتصال alone: a
    connection) and a governed trigger without its word (بحث with no مع after it: searched)."""
    trig = doc.lex.triggers[key]
    if trig.bare and (proclitic and not doc.lex.sets["noun_clitic"].isdisjoint(proclitic) or _counted_noun(doc, at)):
        return None                      # an ambiguous verb behind a preposition (بحكم, لطالب) or counted: a noun
    trig = _nominal(doc, trig, proclitic) if proclitic else trig
    frames = doc.lex.frames.get(key)
    if frames and trig.form == "noun":
        if frames[2]:
            doc.lazy[at] = (frames[2], stop)     # frames that only support the noun: read when needed
        trig = _framed(doc, at, stop, trig, frames) if frames[1] else trig
    if trig is None or trig.after and not _governs(doc, stop, trig.after):
        return None
    return trig


def _counted_noun(doc: EventDoc, at: int) -> bool:
    """Whether a number stands right before a word (ألف طالب, 20 طالبا): the word is a counted noun."""
    word = doc.last_word(at)
    return word is not None and (word.isdigit() or word in doc.lex.number_words)


def _framed(doc: EventDoc, start: int, stop: int, trig: Trigger, frames: tuple) -> Trigger | None:
    """A noun governed by a light verb of one of its frames takes the frame's reading (قامت بدعم:
    aid given); a noun that is an event only in a frame (`light`: تفريق, اتصال) is None without one."""
    if trig.light and doc.t[start - 1:start] in doc.lex.sets["conjunction"]:
        return None                      # لتقديم المشورة والمساعدة: a second object, no frame of its own
    every, frames, _ = frames
    s_start, s_end = doc.sentence(start)
    before = doc.holds(s_start, s_end, every)     # a light verb in the sentence at all (its words are read once)
    for verbs, framed in frames:
        at = _light_before(doc, start, verbs) if before else None
        at = at if at is not None else _light_after(doc, stop, verbs)
        if at is not None:
            doc.framed[start] = at
            if at < start and doc.t.startswith(doc.lex.role("purpose"), at):
                doc.purpose.add(start)   # لتقديم المساعدة, لإجراء محادثات: so as to
            return framed
    return None if trig.light else trig


def _light_before(doc: EventDoc, start: int, verbs: frozenset[str]) -> int | None:
    """Where a light verb of the set stands among the LIGHT_WORDS words before a noun, in its clause
    (a name counts as one word: وأجرى الرئيس الأمريكي باراك أوباما أمس اتصالا)."""
    s_start, _ = doc.sentence(start)
    seen = 0
    for m in reversed(list(WORD.finditer(doc.t, max(s_start, start - 80), start))):
        if _break(doc.t[m.end():start]) or seen >= LIGHT_WORDS:
            return None
        if _light_form(doc, m.group(0), verbs):
            return m.start()
        k = bisect_right(doc.starts, m.start()) - 1
        inside = k >= 0 and doc.mentions[k][0] < m.start() < doc.mentions[k][1]
        seen += not inside               # a word inside a name after its first: the name is one word
    return None


def _light_form(doc: EventDoc, word: str, verbs: frozenset[str]) -> bool:
    """Whether a word is one of the light verbs, bare or behind a conjunction or preposition
    written on it (وقامت, بتقديم, وبتقديم)."""
    clitics = doc.lex.word_set("conjunction", "noun_clitic")
    return word in verbs or word[:1] in clitics and (word[1:] in verbs or word[1:2] in clitics and word[2:] in verbs)


def _light_after(doc: EventDoc, stop: int, verbs: frozenset[str]) -> int | None:
    """Where a light verb carrying the noun's pronoun right after it ends (لقاء عقده, اتهامات وجهتها)."""
    m = NEXT_WORD.match(doc.t, stop)
    if m is None:
        return None
    word = m.group(1)
    found = any(word.endswith(p) and word[:-len(p)] in verbs for p in doc.lex.role("pronoun"))
    return m.end(1) if found else None


def _folded(doc: EventDoc, pos: int) -> bool:
    """Whether the matching form's character at pos was folded from another (ة read as ه)."""
    return doc.norm.original[doc.norm.offset(pos)] != doc.t[pos]


def _governs(doc: EventDoc, end: int, words: frozenset[str]) -> bool:
    """Whether one of a governed trigger's words follows it in its clause (بحث الوزير مع نظيره);
    a name counts as one word (بحث خادم الحرمين الشريفين الملك سلمان مع)."""
    stop = CLAUSE_END.search(doc.t, end, end + 20 * GOVERNED_WORDS)
    seen, inside = 0, -1
    for m in WORD.finditer(doc.t, end, stop.start() if stop else min(len(doc.t), end + 20 * GOVERNED_WORDS)):
        if m.start() < inside:
            continue                     # a word of the name just counted
        w = m.group(0).lower()
        k = bisect_right(doc.starts, m.start()) - 1
        inside = doc.mentions[k][1] if k >= 0 and doc.mentions[k][0] <= m.start() < doc.mentions[k][1] else -1
        if w in words or w[1:] in words or inside < 0 and _cue(w[1:] if w[:1] in doc.lex.sets["conjunction"] else w, words):
            return True                  # a name's first letter is no preposition (بيدرو, بريطانيا)
        seen += 1
        if seen >= GOVERNED_WORDS:
            return False
    return False


def _cue(w: str, words: frozenset[str]) -> bool:
    """Whether a word (its conjunction dropped) of CUE_LETTERS letters or more starts with a listed
    letter of a governed trigger (`ب*`: the preposition a verb governs) and is not excluded (`!بين`)."""
    return len(w) >= CUE_LETTERS and w[:1] + "*" in words and "!" + w not in words


def _nominal(doc: EventDoc, trig: Trigger, proclitic: str) -> Trigger:
    """A verb form behind a preposition written on it (بخطف, كقتل, لقتل) is a verbal noun; ل before
    an imperfect (ليقتل) stays a verb."""
    if trig.form != "verb" or not proclitic or doc.lex.sets["noun_clitic"].isdisjoint(proclitic):
        return trig
    if proclitic[-1] == "ل" and trig.tense in ("present", "future"):
        return trig
    return replace(trig, form="noun", number=None, tense=None)


def _whole_word(t: str, start: int, end: int, pronouns: tuple[str, ...]) -> int | None:
    """Where a match's word ends (after an attached pronoun), or None for a match inside a word."""
    if start > 0 and t[start - 1].isalnum():
        return None
    return _word_end(t, end, pronouns) if end < len(t) and t[end].isalnum() else end


def _purpose(hay: str, proclitic: str, at: int, purpose: tuple[str, ...], article: str) -> bool:
    """Whether a verbal noun's proclitic says "so as to" (لشن, not للهجوم: ل before the article)."""
    return proclitic.endswith(purpose) and not hay.startswith(article, at)


def _word_end(t: str, end: int, pronouns: tuple[str, ...]) -> int | None:
    """Where the word ends: at end, or after an attached pronoun; None inside a longer word."""
    if end >= len(t) or not t[end].isalnum():
        return end
    for suffix in pronouns:
        stop = end + len(suffix)
        if t.startswith(suffix, end) and (stop >= len(t) or not t[stop].isalnum()):
            return stop
    return None


def _to_do(doc: EventDoc, start: int, content: list[int]) -> bool:
    """Whether a head's content is an act it says it will do (threatened to impose a curfew):
    an `infinitive` mark stands between the head's start and its first content trigger."""
    marks = doc.lex.sets["infinitive"]
    return bool(content and marks) and any(w in marks for w in doc.words_in(start, content[0]))


def _read(doc: EventDoc, start: int, end: int, trig: Trigger, shared: dict, to_do: bool) -> Reading | None:
    """A verdict noun's accusation (verdicts.tsv), else the trigger's own reading: a word of blame
    alone (جرائم) names a kind of act, a threat noun outside a verdict (تهديد) stays a threat."""
    if trig.frame is not None:
        s_start, s_end = doc.sentence(start)
        verdict = _verdict_reading(doc, start, end, trig, s_start, s_end)
        if verdict is not None or trig.frame == "said":
            return verdict
    reading = _reading(doc, start, end, trig, shared, to_do)
    if reading is None and trig.verbal and (_subject_right_before(doc, start) or _opens_with_subject(doc, start, end)
                                            or _joined_verb(doc, start, shared)):
        reading = _reading(doc, start, end, replace(trig, form="verb", tense="past", number="s"), shared, to_do)
    return reading


def _joined_verb(doc: EventDoc, start: int, shared: dict) -> bool:
    """Whether a noun that is also a past verb is joined by و to an earlier verb of its sentence
    with a subject (انسحب الجيش من المدينة وقصف مواقع المسلحين): a verb sharing that subject."""
    return doc.t[start - 1:start] in doc.lex.sets["conjunction"] and shared.get(doc.sentence(start)[0]) is not None


def _subject_right_before(doc: EventDoc, start: int) -> bool:
    """Whether an actor stands right before a trigger (وكان طيران التحالف قصف): a noun such as
    قصف after its actor is that actor's past verb (a noun's agent follows it)."""
    k = bisect_left(doc.starts, start) - 1
    return k >= 0 and doc.mentions[k][1] <= start and _gap(doc, doc.mentions[k][1], start) \
        and not _located(doc, doc.mentions[k])


def _opens_with_subject(doc: EventDoc, start: int, end: int) -> bool:
    """Whether a noun that is also a past verb opens its sentence (a conjunction aside) with an
    actor right after it (وقصف الجيش المدينة): a verb then, its subject after it."""
    s_start, _ = doc.sentence(start)
    if doc.t[s_start:start].strip() not in doc.lex.sets["conjunction"] | {""}:
        return False
    k = bisect_left(doc.starts, end)
    return k < len(doc.mentions) and not doc.t[end:doc.mentions[k][0]].strip()


def _reading(doc: EventDoc, start: int, end: int, trig: Trigger, shared: dict,
             to_do: bool = False) -> Reading | None:
    """A trigger's participants, or None when it reports no event.

    Detection first, attachment second: a trigger the grammar ties to no participant is still an
    event when it is a finite verb or a noun the sentence reports as happening (`_detected`); its
    source and target are then left null. `shared` keeps the last subject of each sentence for the
    verbs coordinated after it (وقد قدمت).
    """
    s_start, s_end = doc.sentence(start)
    if trig.needs and not _gathered(doc, start, end, s_start, s_end, doc.lex.sets[trig.needs]):
        return None                      # protesters name a protest only where a crowd goes out
    source, target, tied = _participants(doc, start, end, trig, s_start, s_end, shared.get(s_start))
    source, target = _settled(doc, source, target)
    if source is not None and trig.form == "verb":
        shared[s_start] = source
    if target is None and trig.event_type in TARGETED and not to_do and trig.mode not in doc.lex.sets["untargeted"] \
            and not _dative_pronoun(doc, start):
        return None                      # a threat, accusation or sanction is against someone
    if not _attached(doc, start, end, trig, s_start, source, target, tied):
        if not _detected(doc, start, end, trig, s_start, s_end) or not _anchored(doc, end, s_start, s_end):
            return None
        if not tied:
            source = target = None
    return Reading(start, end, trig, source, target, tied, s_start, s_end)


def _dative_pronoun(doc, start: int) -> bool:
    """Whether a light verb after its noun has a dative pronoun right after it (اتهامات وجهتها له):
    the target is named by a pronoun."""
    at = doc.framed.get(start, _lazy_after(doc, start))
    m = NEXT_WORD.match(doc.t, at) if at is not None and at > start else None
    word = m.group(1) if m else ""
    return word[:1] in doc.lex.sets["dative"] and word[1:] in doc.lex.sets["pronoun"]


def _verdict_reading(doc: EventDoc, start: int, end: int, trig: Trigger, s_start: int, s_end: int) -> Reading | None:
    """A verdict noun (verdicts.tsv) as an accusation: the speaker who calls an actor's act a crime,
    a violation or a threat accuses that actor; None outside a verdict frame or with no accused."""
    inside = doc.parties(s_start, s_end)
    genitive = next((x for x in inside if x[0] >= end), None)
    accused = genitive if genitive is not None and _gap(doc, end, genitive[0]) else None
    spoken = accused is not None and trig.frame == "said"      # جرائم X after قال: a speech word will do
    words = _frame_words(doc, start, s_start, s_end, spoken)
    if not words:
        return None
    words = words if spoken else _frame_words(doc, start, s_start, s_end, True)   # who speaks the verdict
    speaker = _speaker(doc, inside, words[0])
    if accused is None and _predicate(doc, start, words):
        accused = _nearest_before(inside, words[0][1], start, speaker)
    if accused is None or _same(accused, speaker) or _not_accused(doc, accused, speaker):
        return None
    blame = replace(trig, event_type="ACCUSE", cameo_root="11", mode="disapprove", frame=None)
    return Reading(start, end, blame, speaker[2] if speaker else None, accused[2], True, s_start, s_end)


def _frame_words(doc: EventDoc, start: int, s_start: int, s_end: int, spoken: bool) -> list[tuple[int, int, str]]:
    """The verdict words (and speech words when `spoken`) before a verdict noun in its clause,
    within VERDICT_WORDS (SPEECH_WORDS) words, first first; quotation marks do not end it
    (قال: «جرائم X»)."""
    roles = doc.lex.word_set("verdict", "said") if spoken else doc.lex.sets["verdict"]
    if not doc.holds(s_start, s_end, roles):
        return []                        # none in the sentence (its word set is read once)
    reach = SPEECH_WORDS if spoken else VERDICT_WORDS
    stop = max(doc.t.rfind(mark, s_start, start) for mark in ";؛؟!")
    found = list(WORD.finditer(doc.t, max(s_start, stop + 1, start - 12 * reach), start))[-reach:]
    return [(m.start(), m.end(), w) for m in found
            for w in (m.group(0),) if w in roles or _bare(doc, w) in roles]


def _predicate(doc: EventDoc, start: int, words: list) -> bool:
    """Whether a verdict noun is what a verdict word calls its subject: right after the word (يعد
    تهديدا, تمثل خرقا) or, indefinite, later in its clause (اعتبر أن ما تقوم به الجماعة تهديدا)."""
    verdicts = [w for w in words if w[2] in doc.lex.sets["verdict"] or _bare(doc, w[2]) in doc.lex.sets["verdict"]]
    if not verdicts:
        return False
    article = doc.lex.grammar.article
    if doc.count_in(verdicts[-1][1], start, 2) <= 1:
        return True
    bare = start == 0 or not doc.t[start - 1].isalnum()          # no preposition written on it (للإرهاب)
    return bare and not (article and doc.t.startswith(article, start))


def _not_accused(doc: EventDoc, accused, speaker) -> bool:
    """Whether an actor near a verdict noun is no accused: a patient (civilians), a place after في,
    or the speaker's own country (سيادة البحرين in a Bahraini official's verdict)."""
    actor = accused[2].actor
    own = speaker is not None and actor.kind == "country" and actor.code == speaker[2].actor.country
    return own or collectives.group_of(actor) in doc.lex.patients or _located(doc, accused)


def _nearest_before(inside: list, a: int, b: int, speaker):
    """The actor standing nearest before b and after a, not the speaker (the actor the verdict is on)."""
    found = [x for x in inside if a <= x[0] and x[1] <= b and not _same(x, speaker)]
    return found[-1] if found else None


def _same(x, y) -> bool:
    """Whether two mentions (either may be None) name one actor."""
    return x is not None and y is not None and x[2].actor.actor_id == y[2].actor.actor_id


def _speaker(doc: EventDoc, inside: list, word: tuple[int, int, str]):
    """Who speaks the verdict: the actor right before its first word (اللجنة تعتبر), else right after
    it (اعتبر الوزير), else the nearest before it within SOURCE_WORDS, else None."""
    v_start, v_end, _ = word
    before = [x for x in inside if x[1] <= v_start]
    after = next((x for x in inside if x[0] >= v_end), None)
    if before and _gap(doc, before[-1][1], v_start):
        return before[-1]
    if after is not None and doc.count_in(v_end, after[0], SUBJECT_WORDS + 1) <= SUBJECT_WORDS:
        return after
    return before[-1] if before and doc.count_in(before[-1][1], v_start, SOURCE_WORDS + 1) <= SOURCE_WORDS else None


def _gathered(doc: EventDoc, start: int, end: int, s_start: int, s_end: int, words: frozenset[str]) -> bool:
    """Whether a noun of persons reports a protest: one of the words (a crowd going out) governs it,
    before it in its clause (خرج آلاف من المتظاهرين) or, the noun its subject, at most
    SUBJECT_WORDS + 1 words after it (وكان المتظاهرون قد خرجوا), or a figure counts it (500
    متظاهر); وهتف المتظاهرون and المتظاهرين الذين تجمعوا tell of a protest reported elsewhere."""
    clause = max([s_start] + [doc.t.rfind(mark, s_start, start) + 1 for mark in BREAKS])
    before = doc.words_in(clause, start)
    if any(w in words or _bare(doc, w) in words for w in before):
        return True
    if before and before[-1].isdigit():
        return True                      # counted in figures: نحو 500 متظاهر tells a protest's size
    after = doc.words_in(end, min(s_end, end + 60))[:SUBJECT_WORDS + 1]
    for w in after:
        if w in doc.lex.sets["relative"]:
            return False
        if w in words or _bare(doc, w) in words:
            return True
    return False


def _settled(doc: EventDoc, source: Mention | None, target: Mention | None) -> tuple:
    """(source, target) with an actor acting on itself dropped as target, and a patient (civilians)
    moved from source to target."""
    if source is not None and target is not None and source.actor.actor_id == target.actor.actor_id:
        target = None
    if source is not None and source.kind == collectives.KIND and collectives.group_of(source.actor) in doc.lex.patients:
        source, target = None, target or source          # قتلت عشرات المدنيين: the civilians suffered
    return source, target


def _complete(doc: EventDoc, r: Reading) -> Event:
    """The event of a reading, with its date, place, quantity, modality and time scope."""
    when = _nearest_date(doc, r.start, r.s_start, r.s_end)
    quantity, unit = _quantity(doc, r.start, r.end, r.s_start, r.s_end, when)
    cs, ce = doc.norm.span(r.start, r.end)
    value = when.value if when else None
    modality = _modality(doc, r.start, r.end, r.trig, r.s_start, r.s_end, value)
    intent = doc.lex.intent.get((modality, r.trig.event_type))     # intent.tsv: will withdraw -> AGREE
    trig = replace(r.trig, event_type=intent[0], cameo_root=intent[1]) if intent else r.trig
    return Event(cs, ce, doc.norm.original[cs:ce], trig, r.source, r.target, value,
                 when.precision if when else None, _shown(doc, when) if when else None,
                 _location(doc, r.end, r.s_start, r.s_end), quantity, unit, modality,
                 _historical(doc, value, r.s_start, r.s_end, when.precision if when else None),
                 doc.norm.span(r.s_start, r.s_start)[0],
                 _confidence(r.source, r.target, r.tied) - INFERRED * (r.start in doc.inferred and r.source is not None))


def _attached(doc, start, end, trig, s_start, source, target, tied) -> bool:
    """Whether the grammar gave the trigger its participants: a noun needs one tied to it, and a
    noun of a directed type (هجوم, تهديد) its target unless a support verb makes it an event."""
    if source is None and target is None:
        return False
    if trig.form == "noun" and not tied and not _supported(doc, start, end, s_start):
        return False
    return not (target is None and trig.form == "noun" and trig.event_type in DIRECTED
                and not _supported(doc, start, end, s_start))


def _detected(doc, start, end, trig, s_start, s_end) -> bool:
    """A trigger reported as an event with no participant attached: a finite verb in the past or
    future (its subject unnamed or a pronoun: قُتل عشرات; a present verb with no participant tells
    what usually happens), or a noun made an event by a support verb (شن هجمات,
    وقع انفجار) or by a report of its toll in the sentence (قتلى, أصيب, أسفر)."""
    if trig.form == "verb":
        before = doc.words_in(max(s_start, start - 20), start)[-1:]
        return (_past(doc, start, end, trig) or trig.tense == "future") and not _construct(doc, start, end) \
            and not (before and before[0] in doc.lex.sets["nominal"])
    if _support_verb(doc, start, s_start):
        return True
    role = EVIDENCE.get(trig.event_type)
    return role is not None and doc.evidenced(role, s_start, s_end)


def _anchored(doc, end, s_start, s_end) -> bool:
    """Whether a sentence ties what it reports to one occasion: a date or time (أمس, يوم الأحد),
    a place (في بغداد) or a count (عشرة قتلى); without one it speaks of a kind of event."""
    return bool(doc.dates(s_start, s_end) or _location(doc, end, s_start, s_end)
                or doc.numbers(s_start, s_end))


def _bare(doc, word: str) -> str:
    """A word without its one-letter conjunction (وقتل -> قتل, فأصيب -> اصيب)."""
    return word[1:] if len(word) > 3 and word[0] in doc.lex.sets["conjunction"] else word


@dataclass
class Around:
    """The mentions around a trigger in its sentence, and those standing where grammar looks."""

    before: list            # nearest first
    after: list
    adjacent: tuple | None  # right before the trigger
    near: tuple | None      # before it, within SOURCE_WORDS and the clause
    first_after: tuple | None  # right after it (a verb's subject after it)
    against: tuple | None   # after على/ضد/against


def _participants(doc, start, end, trig, s_start, s_end, earlier=None):
    """(source, target, tied) from the sentence's mentions by word order and particles.

    `earlier` is the subject of an earlier verb of the sentence, for a verb coordinated with it.
    """
    inside = doc.parties(s_start, s_end)
    before = [x for x in inside if x[1] <= start][::-1]
    after = [x for x in inside if end <= x[0]]
    fixed = _set_roles(doc, start, end, trig, s_start, s_end, before, after) or _harm(doc, start, end, trig, after)
    if fixed is not None:
        return fixed
    around = _around(doc, start, end, before, after, trig.event_type in DIRECTED)
    relative = _relative(doc, before, start) if trig.form == "verb" else None    # (a noun's is never read)
    if relative is not None:
        return _relative_roles(doc, relative, around.first_after, around.against, end)
    source, tied = SOURCES[(doc.cased, trig.form == "noun")](doc, start, end, around, earlier)
    source = source or _circumstantial_subject(doc, start, end, trig, s_start, earlier)
    source, target = _with_target(doc, start, end, trig, s_start, source, around)
    return (source[2] if source else None), (target[2] if target else None), tied


def _with_target(doc, start, end, trig, s_start, source, around: Around) -> tuple:
    """(source, target): the target an object pronoun's antecedent, a particle or the object gives,
    else for an attack noun the harmed actor before it (`_harm_target`)."""
    before = around.before
    target = _antecedent(doc, start, end, before) or _first(around.against, _object(doc, end, around.after, source, trig))
    if target is None and trig.form == "noun" and trig.event_type in HARMS:
        return _harm_target(doc, start, s_start, before, source)
    return source, target


def _circumstantial_subject(doc, start, end, trig, s_start, earlier):
    """The subject of an indefinite accusative participle of speech (a circumstantial clause: وقال
    الوزير إن ...، داعيا إلى الحوار): the sentence's earlier verb's subject, else its opening subject."""
    if trig.form != "participle" or trig.event_type not in HEADS \
            or not any(doc.t.endswith(a, start, end) for a in doc.lex.role("circumstantial")):
        return None
    if earlier is not None:
        return (None, None, earlier)
    k = bisect_left(doc.starts, s_start)
    x = doc.mentions[k] if k < len(doc.mentions) else None
    if x is None or x[1] > start:
        return _continued_speaker(doc, s_start)
    if _located(doc, x):
        return None
    words = doc.words_in(s_start, x[0])
    small = doc.lex.word_set("against", "by", "in", "preposition", "subjunctive", "subject_pronoun")
    return x if 1 <= len(words) <= OPENING_WORDS and small.isdisjoint(words) else None


def _continued_speaker(doc, s_start):
    """The speaker a sentence opening with a speech verb and naming no one continues (وأضاف: «...»،
    داعيا إلى): the actor right after the speech verb opening the sentence before; else None."""
    opening = doc.first_words(s_start, min(len(doc.t), s_start + 30), 1)
    k = bisect_left(doc.sentences, s_start) - 1
    if not opening or _bare(doc, opening[0]) not in doc.lex.sets["said"] or k < 0:
        return None
    p_start = doc.sentences[k]
    words = _frame_words(doc, s_start, p_start, s_start, True)
    speaker = _speaker(doc, doc.parties(p_start, s_start), words[0]) if words else None
    return speaker if speaker is not None and speaker[0] > words[0][0] else None


def _harm_target(doc, start, s_start, before, source) -> tuple:
    """(source, target) of an attack noun with no target: who a harm word before it names (أصيب عشرة
    من سكان X في قصف), no longer its source too (مقتل خمسة من الشرطة في هجوم)."""
    target = _harmed(doc, start, s_start, before)
    return (None if target is not None and source is target else source), target


def _harm(doc, start, end, trig, after):
    """(None, victim, True) for a harm word (مقتل الجنود, أصيب): who suffered, not who acted; else None."""
    if trig.event_type not in HARMS or _bare(doc, doc.t[start:end]) not in doc.lex.sets["harmed"]:
        return None
    victim = _victim(doc, end, after)
    return (None, victim[2], True) if victim is not None else None


def _set_roles(doc, start, end, trig, s_start, s_end, before, after):
    """Roles a construction (`_fixed_roles`) or a first-person verb (`_spoken`) sets, else None."""
    if trig.receives and start in doc.framed:
        return _received(doc, start, end, before, after)
    fixed = _fixed_roles(doc, start, end, trig, s_start, before, after)
    if fixed is None and trig.form == "verb" and _first_person(doc, start, end):
        return _spoken(doc, start, end, s_start, s_end, after)
    return fixed


def _received(doc, start, end, before, after):
    """(source, target, tied) of a noun whose light verb's subject receives it (حصلت اليونان على قرض
    من الاتحاد): the giver after من, the receiver the actor near before the noun."""
    giver = _agent_after(doc, end, after)
    near = before[0] if before and doc.count_in(before[0][1], start, SOURCE_WORDS + 1) <= SOURCE_WORDS \
        and not _break(doc.t[before[0][1]:start]) else None
    return (giver[2] if giver else None), (near[2] if near else None), True


def _first_person(doc, start: int, end: int) -> bool:
    """Whether a verb is in the first person plural (نحمل, ندين): its first_person prefix swapped
    for a third_person one (يحمل, تستنكر) is a trigger too."""
    first = doc.lex.role("first_person")
    stem = doc.t[start + 1:end]
    return bool(first) and doc.t.startswith(first, start) and len(stem) > 1 \
        and any(p + stem in doc.lex.triggers for p in doc.lex.role("third_person"))


def _spoken(doc, start, end, s_start, s_end, after):
    """(source, target, tied) of a first-person verb: who speaks in the sentence (وقال الرئيس:
    «نحمل ...») and the actor right after the verb (its object)."""
    words = [w for w in _frame_words(doc, start, s_start, s_end, True) if w[2] not in doc.lex.sets["verdict"]]
    speaker = _speaker(doc, doc.parties(s_start, s_end), words[-1]) if words else None
    target = _verb_object(doc, end, after, None)
    return (speaker[2] if speaker else None), (target[2] if target else None), True


def _harmed(doc, start, s_start, before):
    """The actor a harm word names before an attack noun of its clause (أصيب عشرة من سكان X في قصف)."""
    harmed = doc.lex.sets["harmed"]
    if not harmed or not before:
        return None
    words = list(WORD.finditer(doc.t, max(s_start, start - 100), start))
    at = next((m.end() for m in reversed(words) if _bare(doc, m.group(0)) in harmed or m.group(0) in harmed), None)
    if at is None or _break(doc.t[at:start]):
        return None
    inside = [x for x in before if x[0] >= at]
    return inside[-1] if inside else None


def _fixed_roles(doc, start, end, trig, s_start, before, after):
    """Roles set by a construction, whatever the word order: بين ... و, a joined pair before a
    symmetric verb, تعرض ل (its patient before, its agent after من); None when none applies."""
    between = _between(doc, end, after)
    if between:
        return (*between, True)
    pair = _pair_before(doc, before, start, end, trig, s_start)
    if pair:
        return pair[0][2], pair[1][2], True
    suffered = _suffered(doc, start, s_start)
    if suffered is not None:
        k = bisect_left(doc.starts, suffered)
        patient = doc.mentions[k] if k < len(doc.mentions) and doc.mentions[k][0] < start else None
        return _after_word(doc, after, doc.lex.sets["by"]), (patient[2] if patient else None), True
    passive = _passive(doc, start, end, after, before) or _passive_voice(doc, start, end, trig, before, after)
    if passive:
        return (*passive, True)
    own = _own_group(doc, start, end)
    if own is not None and own[0] == start:      # المتظاهرين as a protest: the protesters are its source
        target = _against(doc, end, after)
        return own[2], (target[2] if target else None), True
    if own is not None:                          # مصابو التفجير: the bombing's injured are its target
        agent = _agent_after(doc, end, after)
        return (agent[2] if agent else None), own[2], True
    return None


def _own_group(doc, start, end):
    """The collective span holding the trigger: its own word (المتظاهرين, protesters) or the event
    noun it governs (مصابو التفجير); else None."""
    k = bisect_right(doc.starts, start) - 1
    x = doc.mentions[k] if k >= 0 else None
    return x if x is not None and x[0] <= start and end <= x[1] and x[2].kind == collectives.KIND else None


def _around(doc, start, end, before, after, directed: bool = True) -> Around:
    """The mentions standing where the source and target rules look."""
    adjacent = before[0] if before and _gap(doc, before[0][1], start) else None
    near = before[0] if before and doc.count_in(before[0][1], start, SOURCE_WORDS + 1) <= SOURCE_WORDS \
        and not _break(doc.t[before[0][1]:start]) else None
    first_after = after[0] if after and _subject_after(doc, end, after[0], directed) else None
    return Around(before, after, adjacent, near, first_after, _against(doc, end, after) or _patient_dative(doc, end, after))


def _subject_after(doc, end, x, directed: bool) -> bool:
    """Whether the actor after a trigger may be its subject: within SUBJECT_WORDS words in its
    clause, not a place, not behind a particle anywhere between (سيطرت على مواقع الحوثيين: the
    Houthis are the target) nor, for an act on someone, counted (قتل ثلاثة فلسطينيين: the
    patients; but تظاهر آلاف المتظاهرين: the crowd acts)."""
    gap = doc.first_words(end, x[0], SUBJECT_WORDS + 1)
    if len(gap) > SUBJECT_WORDS or _break(doc.t[end:x[0]]) or _located(doc, x):
        return False
    counted = _quantity_of(doc, gap)
    if counted is gap and _preposition_before(doc, x):
        return False
    return doc.lex.word_set("against", "by", "preposition").isdisjoint(counted) \
        and not (directed and _counted(doc, counted))


def _quantity_of(doc, gap: list[str]) -> list[str]:
    """Words before an actor without the من of a quantity of it (تظاهر المئات من سكان المدينة: the
    residents, counted, act)."""
    return gap[:-1] if len(gap) > 1 and gap[-1] in doc.lex.sets["by"] and _counted(doc, gap[:-1]) else gap


def _victim(doc, end, after):
    """Who a harm word (مقتل, أصيب) names as suffering: the actor right after it (مقتل الجنود), or
    counted (مقتل خمسة جنود, مقتل خمسة من عناصر الشرطة) within PARTICLE_WORDS, in its clause."""
    counted = [x for x in after[:2] if _bare(doc, doc.t[x[0]:x[1]]) in doc.lex.sets["toll"]]
    x = after[len(counted)] if len(after) > len(counted) and counted == after[:len(counted)] else None
    if x is None or _break(doc.t[end:x[0]]):
        return None                      # (a toll named as a collective is skipped: قتلى وجرحى من X)
    gap = doc.words_in(end, x[0])
    if not gap:
        return x
    counted = _counted(doc, gap) or gap[-1] in doc.lex.sets["by"] and (_numbered(doc, gap) or _counted(doc, gap[:-1]))
    return x if (counted or _toll_gap(doc, gap)) and len(gap) <= PARTICLE_WORDS else None


def _toll_gap(doc, gap: list[str]) -> bool:
    """Whether the words between a harm word and an actor count its dead among that actor (سقوط
    ثلاثة قتلى من عناصر X, مقتل خمسة من عناصر X, سقوط قتلى في صفوف X): a toll word or a figure,
    the rest figures and particles."""
    words = doc.lex.word_set("toll", "by", "partitive", "members", "in", "between", "conjunction")
    counts = not doc.lex.sets["toll"].isdisjoint(gap) or _numbered(doc, gap)
    return counts and gap[-1] not in doc.lex.sets["in"] \
        and all(w in words or w.isdigit() or w in doc.lex.numbers or _bare(doc, w) in words for w in gap)


def _numbered(doc, gap: list[str]) -> bool:
    """Whether words hold a number (25, خمسة)."""
    return any(w.isdigit() or w in doc.lex.numbers for w in gap)


def _counted(doc, gap: list[str]) -> bool:
    """Whether words before an actor end in a number or a quantity (ثلاثة, 25, عشرات): it is counted."""
    return bool(gap) and (gap[-1].isdigit() or gap[-1] in doc.lex.numbers or gap[-1] in doc.lex.sets["partitive"])


def _cased_noun_source(doc, start, end, a: Around, earlier):
    """An English noun's source: its agent after of/by, or its owner before it (Iran's attack)."""
    agent = _agent_of(doc, end, a.after)
    owner = a.adjacent if a.adjacent and doc.t[a.adjacent[1]:start].strip() in ("", "'s", "'") else None
    return agent or owner, bool(agent or owner or a.against)


def _cased_verb_source(doc, start, end, a: Around, earlier):
    """An English verb's source: the subject before it (not behind a preposition), tied when close;
    for a verb joined by "and" after another verb's object, that verb's subject (a car bomb killed
    three policemen and wounded ten: not the policemen)."""
    subject = next((x for x in a.before if not _preposition_before(doc, x, 2)), None)
    if subject is not None and _joined_verb_word(doc, start) and _trigger_in(doc, doc.sentence(start)[0], subject[0]):
        return ((None, None, earlier) if earlier is not None else None), earlier is not None
    source = subject if subject and doc.count_in(subject[1], start, 7) <= 6 else None
    return source, source is not None and doc.count_in(source[1], start, 3) <= 2


def _noun_source(doc, start, end, a: Around, earlier):
    """An Arabic noun's source: its agent right after it, after من, or the actor right before it."""
    joined = _joined_light(doc, start, earlier)
    if joined is not None:
        doc.inferred.add(start)
        return joined, True              # كما قامت بدعم الصندوق: the joined verb's subject; the genitive is the object
    agent = a.first_after if a.first_after and not doc.t[end:a.first_after[0]].strip() else None
    by = _agent_after(doc, end, a.after)
    light = _light_subject(doc, start, end, a.after) or _subject_between(doc, start, a.near)
    return agent or by or light or a.adjacent or a.near, bool(agent or by or light or a.adjacent or a.against)


def _subject_between(doc, start, near):
    """The subject standing between a support verb and its noun, a preposition written on the noun
    the only word between (قام الجيش بقصف): tied to the noun by the verb."""
    if near is None or doc.count_in(near[1], start, 2) > 1 or _break(doc.t[near[1]:start]):
        return None
    s_start, _ = doc.sentence(start)
    return near if _support_verb(doc, start, s_start) else None


def _joined_light(doc, start, earlier):
    """The subject a support verb right before a noun shares with the verb it is joined to (أطلقت
    الشركة مبادرات ... كما قامت بدعم الصندوق): the earlier verb's, else the sentence's opening one."""
    s_start, _ = doc.sentence(start)
    word_start = start
    while word_start > s_start and doc.t[word_start - 1].isalnum():
        word_start -= 1                  # a preposition written on the noun (بدعم)
    at = doc.t.rfind(" ", s_start, max(s_start, word_start - 1)) + 1
    verb = doc.t[max(at, s_start):word_start].strip()
    if not verb or not _light_form(doc, verb, doc.lex.sets["support"]):
        return None                      # the usual case: no support verb right before the noun
    # the two words before the noun: 30 characters hold two Arabic words (a light verb and a joiner)
    words = doc.words_in(max(s_start, word_start - 30), word_start)[-2:]
    joined = verb[:1] in doc.lex.sets["conjunction"] or len(words) == 2 and words[0] in doc.lex.sets["joined"]
    if not joined:
        return None
    return (None, None, earlier) if earlier is not None else _opening_subject(doc, s_start, word_start)


def _light_subject(doc, start, end, after):
    """The subject of a light verb after its noun (لقاء عقده رئيسا الدولتين، عمر البشير): the
    first actor at most LIGHT_SUBJECT_WORDS words after the verb, in its clause."""
    at = doc.framed.get(start, _lazy_after(doc, start))
    if at is None or at < end:
        return None
    x = next((x for x in after if x[0] >= at), None)
    gap = doc.t[at:x[0]] if x is not None else ""
    return x if x is not None and _words(gap) <= LIGHT_SUBJECT_WORDS and not _break(gap) else None


def _agent_after(doc, end, after):
    """The actor after من / من قبل tied to a trigger: within PARTICLE_WORDS of it, before any target
    particle (زيارة إلى الشطر الشمالي من قبرص: a part of the target), and not after a quantity
    (عدد من المصابين: some of them)."""
    by, against, partitive = doc.lex.sets["by"], doc.lex.sets["against"], doc.lex.sets["partitive"]
    for x in after:
        gap = doc.first_words(end, x[0], PARTICLE_WORDS + 2)
        if len(gap) > PARTICLE_WORDS + 1 or _break(doc.t[end:x[0]]) or _trigger_in(doc, end, x[0]):
            return None
        if not against.isdisjoint(gap) or not partitive.isdisjoint(gap) or _numbered(doc, gap):
            continue                     # خمسة من عناصر الشرطة: five of them, not by them
        if gap and (gap[-1] in by or _by_phrase(doc, gap)):
            return x
    return None


def _by_phrase(doc, gap: list[str]) -> bool:
    """Whether words end in an agent phrase: two words (من قبل, من طرف: «by») or an instrument
    noun with its preposition (برصاص, بنيران, على يد)."""
    if not gap:
        return False
    if len(gap) >= 2 and gap[-1] in doc.lex.sets["by_after"] and gap[-2] in doc.lex.sets["by"]:
        return True
    instrument = doc.lex.sets["instrument"]
    return gap[-1] in instrument or gap[-1][1:] in instrument and gap[-1][:1] in doc.lex.sets["noun_clitic"]


def _passive(doc, start, end, after, before):
    """(source, target) of a verb or noun with an agent phrase after it (اعتقال X من قبل Y, "by" phrases
    of two words only: a passive then): Y acts on the actor between them, else on the one just before."""
    for i, x in enumerate(after):
        gap = doc.first_words(end, x[0], PARTICLE_WORDS + 3)
        if len(gap) > PARTICLE_WORDS + 2 or _break(doc.t[end:x[0]]):
            return None
        if _by_phrase(doc, gap):
            patient = after[0] if i > 0 else (before[0] if before and _gap(doc, before[0][1], start) else None)
            return x[2], patient[2] if patient else None
    return None


def _passive_voice(doc, start, end, trig, before, after):
    """(agent, patient) of a verb in the passive voice, an auxiliary of grammar.tsv's `passive` right
    before it or before an adverb (soldiers were killed by militants, was reportedly attacked): its
    subject suffers, the actor after `passive_by` acts; None when the verb is not passive."""
    if not doc.lex.sets["passive"] or trig.form != "verb" \
            or _word_list(doc.t[start:end])[-1] in doc.lex.sets["infinitive"] or not _auxiliary_before(doc, start):
        return None                 # (is willing to, was ready to: an adjective before an infinitive)
    subject = next((x for x in before if not _preposition_before(doc, x, 2)), None)
    patient = subject if subject and doc.count_in(subject[1], start, 7) <= 6 else None
    agent = _passive_agent(doc, end, after)
    return (agent[2] if agent else None), (patient[2] if patient else None)


def _auxiliary_before(doc, start) -> bool:
    """Whether a verb form follows a passive auxiliary (were killed), perhaps with an adverb of
    grammar.tsv's `passive_adverb` or in -ly between (was reportedly attacked); an -ing form is a
    participle, never a passive verb (was attacking)."""
    auxiliaries = doc.lex.sets["passive"]
    if not auxiliaries:
        return False
    words = [m for m in WORD.finditer(doc.t, max(0, start - 40), start)][-2:]
    low = [m.group(0).lower() for m in words]
    if low and low[-1] in auxiliaries:
        return not _break(doc.t[words[-1].end():start])
    adverb = len(low) == 2 and (low[1].endswith("ly") or low[1] in doc.lex.sets["passive_adverb"])
    return adverb and low[0] in auxiliaries and not _break(doc.t[words[0].end():start])


def _passive_agent(doc, end, after):
    """The actor a passive verb's agent phrase names (by militants, by the armed Kurdish militants),
    right after it or past a few words (killed on Sunday by ...); None when there is none."""
    by, small = doc.lex.sets["passive_by"], doc.lex.word_set("preposition", "against")
    for x in after[:2]:
        gap = doc.first_words(end, x[0], PARTICLE_WORDS + 3)
        if len(gap) > PARTICLE_WORDS + 2 or _break(doc.t[end:x[0]]):
            return None
        at = max((i for i, w in enumerate(gap) if w in by), default=None)
        if at is not None and len(gap) - at <= PARTICLE_GAP and small.isdisjoint(gap[at + 1:]):
            return x
    return None


def _verb_source(doc, start, end, a: Around, earlier):
    """An Arabic verb's subject: right before it, right after it, the coordinated verb's, or near before;
    after أنه/أنهم the pronoun's antecedent (أعلن الجيش أنه قتل عشرين مسلحا: the actor after is the object)."""
    if _pronoun_subject(doc, start):
        return (a.near if a.near is not None else None), True
    right_after = a.first_after if a.first_after and not doc.t[end:a.first_after[0]].strip() else None
    if a.adjacent:
        return a.adjacent, True
    antecedent = _antecedent_subject(doc, start, a.before)
    if right_after and antecedent is None:
        return right_after, True         # (after a relative clause on its subject, the actor after is the object)
    other = antecedent or _coordinated(doc, start, earlier)
    if other is not None:
        doc.inferred.add(start)          # across a relative clause or from the verb it is joined to
    return other or a.first_after or _unless_crowd(doc, a.near, start), True


def _unless_crowd(doc, near, start):
    """The actor near before a verb, unless a quantity standing alone comes between: the crowd is the
    subject (دعوا الوزير ... وكانت العشرات في المدينة تظاهروا: not the minister)."""
    if near is None:
        return None
    words = doc.words_in(near[1], start)
    partitive, by = doc.lex.sets["partitive"], doc.lex.sets["by"]
    crowd = any(w in partitive and (i + 1 == len(words) or words[i + 1] not in by) for i, w in enumerate(words))
    return None if crowd else near


def _antecedent_subject(doc, start, before):
    """The subject of a verb after a relative clause on it (إن الحوثيين الذين يسيطرون على صنعاء منذ
    العام الماضي قصفوا المدينة): the actor right before the clause's relative pronoun, where the
    clause has a word of its own before the verb and the verb is not joined to it by و."""
    s_start, s_end = doc.sentence(start)
    relative = doc.lex.sets["relative"]
    if not before or not doc.holds(s_start, s_end, relative):
        return None                      # the usual case: no relative pronoun in the sentence
    # 12 characters a word bound the search for RELATIVE_WORDS words (Arabic news words average ~6)
    spans = list(WORD.finditer(doc.t, max(s_start, start - 12 * RELATIVE_WORDS), start))[-RELATIVE_WORDS:]
    at = next((i for i in range(len(spans) - 2, -1, -1) if spans[i].group(0) in relative), None)
    if at is None or _break(doc.t[spans[at].end():start]) or doc.t[start:start + 1] in doc.lex.sets["conjunction"] \
            or _bare(doc, spans[-1].group(0)) in doc.lex.sets["joined"]:
        return None
    x = next((x for x in before if x[1] <= spans[at].start()), None)
    if x is None or _trigger_at(doc, x[1], spans[at].start()):
        return None
    return x if _adjectives(doc, doc.first_words(x[1], spans[at].start(), RELATIVE_ADJECTIVES + 1)) else None


def _pronoun_subject(doc, start) -> bool:
    """Whether a verb's subject is a pronoun on the particle before it (أنه, إنهم, لأنها)."""
    words = doc.words_in(max(0, start - 12), start)
    return bool(words) and _bare(doc, words[-1]) in doc.lex.sets["subject_pronoun"]


# Source rules by (script has case, trigger is a noun): word order differs between the languages.
SOURCES = {(True, True): _cased_noun_source, (True, False): _cased_verb_source,
           (False, True): _noun_source, (False, False): _verb_source}


def _first(*found):
    """The earliest in the text of the mentions found (None when none is)."""
    found = [x for x in found if x is not None]
    return min(found, key=lambda x: x[0]) if found else None


def _relative(doc, before, start):
    """After a relative pronoun (التي, الذي): the actor it follows, or () when it follows none."""
    words = doc.words_in(max(0, start - 12), start)
    if not words or words[-1] not in doc.lex.sets["relative"]:
        return None
    if before and not _trigger_at(doc, before[0][1], start) \
            and _adjectives(doc, doc.words_in(before[0][1], start)[:-1]):
        return before[0]
    return ()


def _adjectives(doc, words: list[str]) -> bool:
    """Whether words between an actor and its relative are its adjectives: at most RELATIVE_ADJECTIVES
    words with the article (جماعة الشباب الصومالية المتشددة التي); none where the language has no article."""
    article = doc.lex.grammar.article
    return not words or bool(article) and len(words) <= RELATIVE_ADJECTIVES and all(w.startswith(article) for w in words)


def _relative_roles(doc, antecedent, first_after, against, end):
    """A verb in a relative clause: with an object pronoun (التي تتهمها الرياض) the actor after it
    is its subject and the antecedent its object; without one (التي تفاوض التحالف), the reverse."""
    antecedent = antecedent or None
    if end < len(doc.t) and doc.t[end].isalnum():
        source, target = first_after, antecedent or against
    else:
        source, target = antecedent, first_after or against
    return (source[2] if source else None), (target[2] if target else None), True


def _pair_before(doc, before, start, end, trig, s_start):
    """Two joined actors just before a dual or plural verb of a symmetric event (اتفقتا), or before
    the support verb of a symmetric noun (الأردن والعراق ... عقدا اجتماعا)."""
    if trig.form == "noun":
        symmetric = trig.event_type in SYMMETRIC and _supported(doc, start, end, s_start)
    else:
        symmetric = trig.number == "d" or trig.number == "p" and trig.event_type in SYMMETRIC
    if not symmetric or len(before) < 2:
        return None
    gap = doc.t[before[0][1]:start]
    if _joined(doc, before[1], before[0]) and _words(gap) <= SOURCE_WORDS and not _break(gap):
        return before[1], before[0]
    return None


def _joined_verb_word(doc, start) -> bool:
    """Whether a verb follows a word of grammar.tsv's `joined` (and urged, وقد قدمت)."""
    joining = doc.lex.sets["joined"]
    words = doc.words_in(max(0, start - 8), start) if joining else []
    return bool(words) and words[-1] in joining


def _coordinated(doc, start, earlier):
    """The subject of the sentence's earlier verb, for a verb joined to it by و (وقد قدمت); with no
    earlier verb's subject, the sentence's opening one (`_opening_subject`)."""
    if not (doc.t[start - 1:start] in doc.lex.sets["joined"] or _joined_verb_word(doc, start)):
        return None
    return (None, None, earlier) if earlier is not None else _opening_subject(doc, doc.sentence(start)[0], start)


def _opening_subject(doc, s_start, start):
    """The subject of a sentence's opening verb (أطلقت الشركة ...): its first actor, with at most
    OPENING_WORDS words before it and no particle among them, nor a subordinator (أن, إن) between it
    and `start` (what follows one has a subject of its own)."""
    k = bisect_left(doc.starts, s_start)
    x = doc.mentions[k] if k < len(doc.mentions) else None
    if x is None or x[1] > start:
        return None
    words = doc.words_in(s_start, x[0])
    small = doc.lex.word_set("against", "by", "in", "preposition", "subjunctive", "subject_pronoun")
    if not 1 <= len(words) <= OPENING_WORDS or not small.isdisjoint(words) or _break(doc.t[x[1]:start]):
        return None
    return x if doc.lex.word_set("subjunctive", "subject_pronoun").isdisjoint(doc.words_in(x[1], start)) else None


def _against(doc, end, after):
    """The actor after على/ضد/against near the trigger (شنتها ... على قواعد تابعة للقوات الأمريكية)."""
    hit = _after_word_x(doc, after, doc.lex.sets["against"])
    if hit is not None and doc.count_in(end, hit[0], PARTICLE_WORDS + 2) <= PARTICLE_WORDS + 1 \
            and not _break(doc.t[end:hit[0]]) and not _trigger_in(doc, end, hit[0]):
        return hit
    for x in after:
        gap = doc.first_words(end, x[0], PARTICLE_WORDS + PARTICLE_GAP + 1)
        if len(gap) > PARTICLE_WORDS + PARTICLE_GAP or _break(doc.t[end:x[0]]) or _trigger_in(doc, end, x[0]):
            return None
        spots = _particles(doc, gap)
        if spots and _partitive_rest(doc, gap[spots[-1] + 1:]) <= PARTICLE_GAP:
            return x
    return None


def _patient_dative(doc, end, after):
    """A collective that only suffers (civilians, the injured) behind a dative ل right after a trigger
    and its adjectives (القصف العشوائي للمدنيين, الاستهداف الممنهج للمدنيين): the target; else None."""
    x = after[0] if after and doc.lex.patients else None
    if x is None or x[2].kind != collectives.KIND or collectives.group_of(x[2].actor) not in doc.lex.patients:
        return None                      # the usual case: no sufferer right after the trigger
    word_start = doc.t.rfind(" ", end, x[0]) + 1
    if word_start == 0 or doc.t[word_start:x[0]] not in doc.lex.sets["dative"]:
        return None
    return x if _adjectives(doc, doc.words_in(end, word_start)) else None


def _partitive_rest(doc, rest: list[str]) -> int:
    """How many words stand between a particle and an actor, a quantity with من not counted
    (على عدد كبير من القيادات الحوثية: the leaders are the target)."""
    partitive, by = doc.lex.sets["partitive"], doc.lex.sets["by"]
    for i, w in enumerate(rest[:2]):
        if w in partitive:
            k = next((j for j in range(i + 1, min(len(rest), i + 3)) if rest[j] in by), None)
            return len(rest) - k - 1 if k is not None else len(rest)
    return len(rest)


def _particles(doc, gap: list[str]) -> list[int]:
    """Where `against` particles stand in the first PARTICLE_WORDS words (not before a `beside`
    word: إلى جانب is alongside an ally)."""
    words, beside = doc.lex.sets["against"], doc.lex.sets["beside"]
    return [i for i, w in enumerate(gap[:PARTICLE_WORDS]) if w in words
            and not (i + 1 < len(gap) and gap[i + 1] in beside)]


def _agent_of(doc, end, after):
    """An English noun's agent: the actor right after of/by (the withdrawal of U.S. forces)."""
    if not after:
        return None
    gap = doc.first_words(end, after[0][0], 3)
    return after[0] if gap and len(gap) <= 2 and gap[-1] in doc.lex.sets["agent"] else None


def _antecedent(doc, start, end, before):
    """A verb's object pronoun after a relative (طهران التي تتهمها): the actor the relative follows."""
    if end >= len(doc.t) or not doc.t[end].isalnum() or not before:
        return None
    words = doc.first_words(before[0][1], start, 2)
    return before[0] if len(words) == 1 and words[0] in doc.lex.sets["relative"] else None


def _object(doc, end, after, source, trig):
    """The actor right after a verb (or after its subject): غزت الولايات المتحدة العراق; a noun's has none."""
    if trig.form == "noun":
        return None if doc.cased else _joined_to_agent(doc, after, source) or _dative(doc, after, source) \
            or _genitive_object(doc, end, after, source)
    if end < len(doc.t) and doc.t[end].isalnum() and doc.lex.role("pronoun"):
        return None                     # the object is the attached pronoun
    return _verb_object(doc, end, after, source)


def _genitive_object(doc, end, after, source):
    """A noun's genitive right after it when its agent stands elsewhere (before it, or the subject
    its verb shares: قامت بدعم الصندوق): the object."""
    if source is None or source in after or not after:
        return None
    between = doc.t[end:after[0][0]]
    if between.strip() and not (len(between) < 12 * PARTICLE_GAP and doc.lex.sets["remnant"].issuperset(between.split())):
        return None                      # تطهير آخر جيوب X: X's last pockets, X the object
    return after[0] if not _located(doc, after[0]) else None


def _joined_to_agent(doc, after, source):
    """A noun's second party joined to its agent after it (اجتماع الأردن والعراق)."""
    if source is None or source not in after:
        return None                      # (a subject shared with an earlier verb has no offsets here)
    nxt = next((x for x in after if x[0] >= source[1]), None)
    joined = nxt and doc.t[source[1]:nxt[0]].strip(" ،,") in ("", "-", doc.lex.grammar.coordinator)
    return nxt if joined and nxt[2].actor.actor_id != source[2].actor.actor_id else None   # not its name restated


def _restated_end(doc, after, source) -> int:
    """Where an agent ends with the mentions right after it that restate it (a title, then the
    name: زيارة وزير الصحة اليمني علي أحمد لـ...): the noun's second party comes after them."""
    end = source[1]
    for x in after:
        if x[0] < end:
            continue
        if x[2].actor.actor_id != source[2].actor.actor_id or not _gap(doc, end, x[0]):
            break
        end = x[1]
    return end


def _dative(doc, after, source):
    """A verbal noun's object after its agent, behind a `dative` particle written on it (زيارة
    الوزير لرئيس الوزراء, دعم المملكة لليمن): the second party."""
    if source is None or source not in after or not doc.lex.sets["dative"]:
        return None
    end = _restated_end(doc, after, source)
    nxt = next((x for x in after if x[0] >= end), None)
    return nxt if nxt is not None and doc.t[end:nxt[0]].strip() in doc.lex.sets["dative"] else None


def _verb_object(doc, end, after, source):
    """The first actor after a verb (or after its subject behind it), close and in the same clause."""
    frm = source[1] if source is not None and source in after else end
    for x in after:
        if x[0] < frm or (source is not None and x[2] is source[2]):
            continue
        if _apposed(doc, frm, x, source) or _origin(doc, frm, x, source):
            frm = x[1]                   # هدد الرئيس المصري عبد الفتاح السيسي ...: the name restates the subject
            continue
        gap = doc.t[frm:x[0]]
        if _words(gap) > OBJECT_WORDS or _break(gap) or _trigger_in(doc, frm, x[0]):
            return None
        if not _located(doc, x):
            return x                     # استهدف مسجدا في الكويت: Kuwait is where, not whom
    return None


def _apposed(doc, frm, x, source) -> bool:
    """Whether a mention right after the subject names the same actor (a title, then the name:
    الرئيس المصري عبد الفتاح السيسي): an apposition, not the object."""
    return source is not None and x[2].actor.actor_id == source[2].actor.actor_id and _gap(doc, frm, x[0])


def _origin(doc, frm, x, source) -> bool:
    """Whether an actor right after the subject behind من says whom the subject is of (هاجم مسلحون
    من سكان القرية مقر الشرطة, مسلحون من داعش): part of the subject, not the object."""
    if source is None or frm != source[1]:
        return False
    words = doc.first_words(frm, x[0], 2)
    return len(words) == 1 and words[0] in doc.lex.sets["by"]


def _located(doc, x) -> bool:
    """Whether a mention follows في / in (a place where something happened)."""
    prev = doc.words_in(max(0, x[0] - 12), x[0])[-1:]
    return bool(prev) and prev[0] in doc.lex.sets["in"]


def _trigger_at(doc, a, b) -> bool:
    """Whether any trigger found (a content one too: الهجوم الذي) starts in [a, b)."""
    if b - a >= 40:
        return True
    k = bisect_left(doc.trigger_at, a)
    return k < len(doc.trigger_at) and doc.trigger_at[k] < b


def _trigger_in(doc, a, b) -> bool:
    """Whether another trigger starts in [a, b)."""
    k = bisect_left(doc.trigger_starts, a)
    return k < len(doc.trigger_starts) and doc.trigger_starts[k] < b


def _supported(doc, start, end, s_start) -> bool:
    """A noun made an event by a support verb before it (شنت هجمات, بتنفيذ ضربات) or a pronoun (ترحيبها)."""
    if end < len(doc.t) and doc.t[end].isalnum():
        return True                      # an attached pronoun: her welcome, their withdrawal
    return _support_verb(doc, start, s_start)


def _construct(doc, start, end) -> bool:
    """A verb form ending in a `construct` letter before an attached pronoun is a noun in ة with its owner (سيطرته, not سيطرت)."""
    return doc.t[end - 1:end] in doc.lex.sets["construct"] and end < len(doc.t) and doc.t[end].isalnum()


def _support_verb(doc, start, s_start) -> bool:
    """A support verb just before a noun (شنت هجمات, بتنفيذ ضربات) or opening its short sentence, or
    a light verb of the noun's frame (found once)."""
    if start in doc.framed or _lazy_frame(doc, start):
        return True
    if (start, s_start) not in doc.support:
        doc.support[(start, s_start)] = _find_support_verb(doc, start, s_start)
    return doc.support[(start, s_start)]


def _find_support_verb(doc, start, s_start) -> bool:
    """Whether a support verb stands just before a noun or opens its short sentence."""
    support, before = doc.lex.sets["support"], doc.words_in(max(s_start, start - 40), start)[-3:]
    if any(w in support or _bare(doc, w) in support for w in before):
        return True                      # شنت هجمات, بتنفيذ عدة ضربات, ونفذ الجيش غارتين
    if before and before[-1] in doc.lex.sets["support_next"]:
        return True                      # تم القبض, وتم توقيع: right before the noun only
    if _support_after(doc, start, support):
        return True                      # لقاء عقده الرئيسان, اتهامات وجهتها له المحكمة
    if start - s_start > 120:
        return False
    words = doc.words_in(s_start, start)
    return any(w in support or _bare(doc, w) in support for w in words[:2]) and len(words) <= SOURCE_WORDS + 2 \
        and not _break(doc.t[s_start:start])


def _lazy_frame(doc, start) -> bool:
    """Whether a light verb of a noun's supporting frames governs it (ألقت الشرطة القبض, لقاء
    عقده); read once, when a rule asks, and kept in `doc.framed`."""
    lazy = doc.lazy.pop(start, None)
    if lazy is None:
        return False
    verbs, stop = lazy
    s_start, s_end = doc.sentence(start)
    at = _light_before(doc, start, verbs) if doc.holds(s_start, s_end, verbs) else None
    at = at if at is not None else _light_after(doc, stop, verbs)
    if at is not None:
        doc.framed[start] = at
    return at is not None


def _lazy_after(doc, start) -> int | None:
    """Where a light verb of a noun's supporting frames ends right after it with its pronoun (لقاء
    عقده), else None; a cheap test kept in `doc.framed` when found."""
    lazy = doc.lazy.get(start)
    at = _light_after(doc, lazy[1], lazy[0]) if lazy is not None else None
    if at is not None:
        doc.framed[start] = at
    return at


def _support_after(doc, start, support) -> bool:
    """A support verb with the noun's pronoun right after the noun (لقاء عقده, هجمات شنها)."""
    m = WORD.match(doc.t, start)
    nxt = WORD.match(doc.t, m.end() + 1) if m and doc.t[m.end():m.end() + 1] == " " else None
    word = nxt.group(0) if nxt else ""
    return any(word.endswith(p) and word[:-len(p)] in support for p in doc.lex.role("pronoun"))


def _between(doc, end, after):
    """بين X و Y / between X and Y: a symmetric event's two sides."""
    words, near = doc.lex.role("between"), doc.t[end:end + 40]
    if not any(w in near for w in words):
        return None                      # the usual case: no بين / between at all
    m = _between_pattern(words).search(near)
    if not m:
        return None
    pos = end + m.end()
    sides = [x for x in after if x[0] >= pos][:2]
    if not sides or doc.count_in(pos, sides[0][0], 2) > 1:
        return None
    if len(sides) == 2 and _joined(doc, sides[0], sides[1]):
        return sides[0][2], sides[1][2]
    if doc.t[end:end + m.start()].strip():
        return None
    return sides[0][2], None             # الاشتباكات بين الجيش وقوات مجلس ...: the one side named


def _joined(doc, a, b) -> bool:
    """Whether two mentions are joined by the coordinator (بغداد وواشنطن, Iraq and Jordan)."""
    gap = doc.t[a[1]:b[0]].strip()
    return gap in (doc.lex.grammar.coordinator, "", ",", "،", "-") or gap.startswith(doc.lex.grammar.coordinator)


def _suffered(doc, start, s_start) -> int | None:
    """Arabic passive «تعرضت القوات ... للهجوم»: where تعرض ends (its subject is the target)."""
    pattern = doc.suffered
    if pattern is None:
        return None
    if start > s_start and doc.t[start - 1].isalnum():
        if not _may_suffer(doc, start, s_start):
            return None                  # the usual case: no such verb in the sentence
        m = pattern.search(doc.t, s_start, start)     # a trigger behind a proclitic: read up to it
        return m.end() if m else None
    end = doc.first_match(pattern, doc.lex.role("suffered"), s_start)           # the sentence's first, where no word is cut
    return end if end is not None and end <= start else None


def _may_suffer(doc, start: int, s_start: int) -> bool:
    """Whether the sentence before a trigger may hold a `suffered` verb: a word of its sentence is
    one (with or without its conjunction), or the proclitic cut off at the trigger ends like one (what
    the search up to the trigger could match); a quick test before searching."""
    words = doc.lex.sets["suffered"]
    a, b = doc.sentence(start)
    return a != s_start or doc.holds(a, b, words) or any(doc.t.endswith(w, s_start, start) for w in words)


@lru_cache(maxsize=8)
def _between_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """The `between` words of a language as one pattern (compiled once)."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)") if words else None


@lru_cache(maxsize=8)
def _spot_pattern(words: tuple[str, ...]) -> re.Pattern:
    """A word of the `in` role followed by blanks, any case (checked exactly after): the words SPOT finds, fast."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)((?i:{alternatives}))\s+") if words else SPOT


@lru_cache(maxsize=8)
def _suffered_pattern(words: tuple[str, ...], conjunctions: tuple[str, ...]) -> re.Pattern | None:
    """The `suffered` verbs of a language as one pattern, with an optional conjunction (وتعرضت)."""
    if not words:
        return None
    return re.compile(rf"(?<!\w)[{''.join(conjunctions)}]?(?:{'|'.join(words)})(?!\w)")


def _after_word(doc, after, words):
    """The first mention right after one of the given words (من جماعات, by the Houthis)."""
    hit = _after_word_x(doc, after, words)
    return hit[2] if hit else None


def _after_word_x(doc, after, words):
    """Like _after_word, returning the (start, end, mention) triple."""
    attached = doc.lex.sets["attached_by"]
    for x in after:
        last = doc.last_word(x[0])
        if last is not None and (last.lower() in words or last in attached):
            return x
    return None


def _place(doc, x) -> bool:
    """Whether a city standing for its country follows في / in: where it happened, not who took
    part (a country there may close a title: وزيرا الخارجية في الأردن والعراق)."""
    if x[2].kind != "metonym":
        return False
    prev = doc.words_in(max(0, x[0] - 12), x[0])[-1:]
    return bool(prev) and prev[0] in doc.lex.sets["in"]


def _preposition_before(doc, x, reach: int = 1) -> bool:
    """Whether a mention follows على/ضد/من/مع (an object or agent phrase, not a subject), within reach
    words of its sentence (the words ending the sentence before never count)."""
    prev = _word_list(COMMA.split(doc.t[max(doc.sentence(x[0])[0], x[0] - 30):x[0]])[-1])[-reach:]
    words = doc.lex.word_set("against", "by", "preposition")
    return any(w in words for w in prev) or doc.t[x[0] - 1:x[0]] in ("ل", "ب")


def _gap(doc, a: int, b: int) -> bool:
    """Whether only blanks and commas (or قد) separate a subject from its verb."""
    between = doc.t[a:b]
    return len(between) <= ADJACENT and not between.strip(" \t،,") or between.strip() in doc.lex.sets["emphatic"]


def _words(text: str) -> int:
    """Number of words in a stretch of text."""
    return len(WORD.findall(text))


def _word_list(text: str) -> list[str]:
    """The words of a stretch of text, lower-cased."""
    return [w.lower() for w in WORD.findall(text)]


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
    spots = doc.spots(s_start, s_end)
    for at in [at for at in spots if at >= end] + [at for at in spots if at < end]:
        label = doc.place_at(at, s_end)
        if label:
            return label
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
    out = []
    if DIGIT.search(doc.t, s_start, s_end) is not None:    # most sentences have none: NUMBER tries every offset
        dates = doc.dates(s_start, s_end)           # in order, never overlapping: bisected
        starts = [d.start for d in dates]
        out = [(m.start(), float(m.group(1).replace(",", "")), m.group(2))
               for m in NUMBER.finditer(doc.t, s_start, s_end)
               if not _in_date(dates, starts, m.start())]
    if not doc.holds(s_start, s_end, doc.lex.number_words):
        return out                       # the usual case: no number written in words
    words, numbers = list(WORD.finditer(doc.t, s_start, s_end)), doc.lex.numbers
    low = doc.sentence_words(s_start, s_end) if doc.low is not None else None   # the same words, lower-cased
    for i in range(len(words) - 1) if low is None else [i for i, w in enumerate(low[:-1]) if w in numbers]:
        value = numbers.get(words[i].group(0).lower())
        if value:
            out.append((words[i].start(), float(value), words[i + 1].group(0)))
    return out


def _in_date(dates: list[DateMention], starts: list[int], pos: int) -> bool:
    """Whether pos lies in one of a sentence's dates (in order, never overlapping)."""
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < dates[k].end


def _modality(doc, start, end, trig, s_start, s_end, when=None) -> str:
    """negated, possible, planned or background when such words stand near the trigger; else what
    its tense and sentence say (`modality.scope`: present, planned, possible or asserted)."""
    words = _plain(doc, doc.words_in(max(s_start, start - 60), start))
    near = asserting_emphatic(doc, words, _past(doc, start, end, trig))[-MODALITY_WORDS:]
    found = _phrase_in(near, doc.lex.before, doc.lex.modal_words) or doc.governing(s_start, s_end, start)
    if found:
        return found
    if trig.tense == "future" or (start in doc.purpose and _suffered(doc, start, s_start) is None):
        return "planned"                 # سيزور, ستعقد: س + imperfect; خطط لشن: ل + verbal noun
    if trig.form == "noun":
        after = doc.first_words(end, s_end, MODALITY_WORDS)
        found = _phrase_in(after, doc.lex.after, doc.lex.modal_words)
        if found:
            return found
    return "possible" if _subjunctive(doc, start, end, s_start, s_end) else scope(doc, start, end, trig, s_start, s_end, when)


def _plain(doc, words: list[str]) -> list[str]:
    """Words with a conjunction dropped where the bare word is a modality word (ولم -> لم, وتعتزم)."""
    modal = doc.lex.modal_words
    return [w[1:] if w not in modal and w[:1] in doc.lex.sets["conjunction"] and w[1:] in modal else w
            for w in words]


def _past(doc, start, end, trig) -> bool:
    """Whether a verb trigger is in the past tense (قدمت, تعهدت), not imperfect (تسحب)."""
    if trig.tense is not None:
        return trig.tense == "past"
    word = doc.t[start:end]
    if trig.form != "verb" or not word or word[0] not in doc.lex.sets["imperfect"]:
        return trig.form == "verb"
    return word[0] == "ت" and word.endswith(doc.lex.role("past"))


def _subjunctive(doc, start, end, s_start, s_end) -> bool:
    """Whether the trigger lies in a clause opened by أن + imperfect verb (أن يلجأ ... إلى تنفيذ ضربات)."""
    marks, prefixes = doc.lex.sets["subjunctive"], doc.lex.sets["imperfect"]
    a = max(s_start, start - 12 * SUBJUNCTIVE_WORDS)
    if not _may_hold(doc, marks, a, s_start, s_end):
        return False
    spans = list(WORD.finditer(doc.t, a, end))[-SUBJUNCTIVE_WORDS - 2:]
    for i, m in enumerate(spans[:-1]):
        nxt = spans[i + 1].group(0)
        if m.group(0) in marks and nxt[:1] in prefixes and not _break(doc.t[m.end():start]) \
                and not _in_name(doc, spans[i + 1].start()):
            return True                  # (an actor's name is no verb: أن تنظيم داعش فجر)
    return False


def _may_hold(doc, words: frozenset[str], a: int, s_start: int, s_end: int) -> bool:
    """Whether the words of [a, s_end) may hold one of `words`: the sentence holds one, or the
    word cut at a is one (a quick test before reading the words one by one)."""
    if doc.holds(s_start, s_end, words):
        return True
    cut = WORD.match(doc.t, a) if a > s_start and doc.t[a - 1].isalnum() else None
    return cut is not None and cut.group(0) in words


def _phrase_in(words: list[str], table: dict, listed: frozenset[str]) -> str | None:
    """The modality of the last listed phrase found in the words; `listed` holds every word of the
    phrases (lex.modal_words): no phrase starts at a word outside it, as most words are."""
    hit = None
    for i, word in enumerate(words):
        if word not in listed:
            continue
        for n in (3, 2, 1):
            key = tuple(words[i:i + n])
            if len(key) == n and key in table:
                hit = table[key]
                break
    return hit


def _historical(doc, value, s_start: int = 0, s_end: int = 0, precision: str | None = None) -> bool | None:
    """Whether the event lies years before publication: by its date, or by a phrase of its
    sentence such as «قبل سنوات», «وقبل عامين», «منذ عقود»; with no publication date, a date given only as a
    year (عام 2003: news of the day names no year alone) is history (None without either)."""
    if s_end > s_start and doc.years_ago(s_start, s_end):
        return True
    if value is not None and doc.published is None and precision == "year":
        return True
    if value is None or doc.published is None:
        return None
    return doc.published.year - value.year >= HISTORICAL_YEARS


# How sure the attachment is: set by hand so that a trigger with no participant (detected only)
# ranks below every attached event, and each participant tied by grammar adds the same.
DETECTED_ONLY = 0.3
# A subject read from another clause (a relative clause between, the verb a joined verb shares it
# with) is less sure than one next to its trigger: the same step as an untied participant.
INFERRED = 0.1


def _confidence(source, target, tied: bool = True) -> float:
    """How sure the attachment is: 0.5 plus 0.2 per participant tied by grammar; 0.3 with none."""
    if source is None and target is None:
        return DETECTED_ONLY
    return 0.5 + 0.2 * (source is not None) + 0.2 * (target is not None) - 0.1 * (not tied)
