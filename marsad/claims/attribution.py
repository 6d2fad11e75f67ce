"""Claims: who said what. Reporting cues, their content, their speaker, channel and date.

One document at a time, on its matching form: every cue (قال, مؤكدة, according to ...) looks
ahead in its paragraph for what was said (a quotation, words after a colon, an أن/إن clause, or
in English a quotation just before it), then for its speaker (the actor after or before it, else
the last speaker whose gender and number agree).
"""

from __future__ import annotations

import re
from collections import Counter
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from ..actors.bounds import blanked
from ..actors.matcher import longest_first
from ..actors.resolve import Mention
from ..analysis import Analysis
from ..dates import find_weekday, grammar, resolve_weekday
from ..normalize import Normalized, normalize
from .lexicon import ATTACHED, ClaimLexicon, Cue
from .speaker import (WORD, Phrase, composed_source, home_country, is_name, is_title, mention, name_span,
                      new_person, phrase_after, phrase_before, pronoun, sector_of, source_noun, source_phrase,
                      source_word, agreement)

# Tuned by hand on the seed and the test articles: how far (in characters of the matching
# form) a cue looks for its content, its speaker, and its channel.
CONTENT_REACH = 160
SPEAKER_AFTER = 40
CHANNEL_BEFORE = 60
BARE_WORDS = 3         # Arabic: the fewest words of a content with no أن, colon or quotation
FAR_WORDS = 5          # Arabic: words before an أن that make a verb's own words its content (set on the test sentences)
SUBJECT_LEAD_WORDS = 2  # English: words before a sentence's subject (On Monday, Trump ...)
PAREN_CHARS = 30       # English: the longest parenthesis after a subject (D-Wis.)
APPOSITION_CHARS = 100  # English: the longest apposition between a subject and its verb
LEAD_GAP_WORDS = 20    # English: words of a speaker phrase between a quotation and its cue (appositions included)
# English: what a cue's content opens with when it follows the cue (: "...", that ...)
OPENS_CONTENT = re.compile(r"""\s*(?::|"|(?:\S+\s+){0,3}that\b)""", re.IGNORECASE)
QUOTE_BEFORE = 40      # English: "...," the minister said
ASIDE_THAT = re.compile(r"\s*,[^,.\"]{1,60},\s*that\s+", re.IGNORECASE)   # said, as did X, that ...
SUBJECT_GAP_WORDS = 2  # words allowed between a verb and its subject (يوم الخميس)
AFFILIATION_GAP_WORDS = 1  # words between an affiliation and its body (في مكتب رئيس الوزراء; set on the test sentences)
NAME_QUOTE_WORDS = 3   # a quotation this short that is not introduced by its cue is a name
# cue keys whose verb takes its clause right after the subject (قال X إن)
SAY_CUES = frozenset({"say"})
# cue keys whose content may follow without أن, colon or quotation (وأضاف ستكون ...; أشار إلى ...;
# أكدت مصادر سقوط قتلى); verbs of judging (اعتبر, يرى) and relaying (نقل: also "transport") left out
BARE_CUES = frozenset({"say", "add", "continue", "go_on", "resume", "affirm", "stress", "point_out",
                       "draw_attention", "call", "demand", "reveal", "mention", "warn", "explain"})
RELAY_CUES = frozenset({"relay"})
WRITTEN_CUES = frozenset({"state"})  # جاء في بيان: the subject is the content; the author is a genitive   # cue keys whose speaker follows a relay word (نقلت وكالة X عن Y)
CONFIDENCE = {"explicit": 0.9, "inherited": 0.75, "none": 0.5}
OPEN_CLOSE = {"«": "»", '"': '"'}
# English: a relative clause between a subject and its verb (Hussein, who accompanied Sudani, said)
RELATIVE = re.compile(r",\s*(?:who|which)\b[^,]{1,80},\s*", re.IGNORECASE)
# English: a subject set off from its verb by a parenthetical (an official, speaking on ..., told)
APPOSITIVE = re.compile(r"\s*,[^,.\"]{1,60},\s*")
# A sentence end inside a speaker phrase, not an abbreviation (Rep., Sen., D-Wis.)
GAP_END = re.compile(r"\w{4,}[.!?]\s")
# English: a paragraph opened by a speaker label (WALLACE: ...; Jane Roe ― "..."); a dash needs a
# quotation after it, so datelines (WASHINGTON — ...) stay out
LABEL_MARKS = ":-"       # in the matching form: dashes are folded to "-", quotation marks to '"'
LABEL_QUOTES = '"'
SIGNED = re.compile(r"\"[ \t]*-[ \t]*([A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){1,4})[ \t]*$", re.MULTILINE)
LABEL = re.compile(r"^\"?([A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,3})[ \t]*([:-])[ \t]*", re.MULTILINE)
END = re.compile(r"[.!?؟]\s|[.!?؟]$")
# compiled once (the module-level re functions look a pattern up on every call)
POSSESSIVE = re.compile(r"\b(?:his|her|its|their)\b")       # according to a statement from his office
THAT_WORD = re.compile(r"(?i)\bthat\s+")                     # English: said that ...
TRAILING_ARTICLE = re.compile(r"(?i)[,;،]?\s*(?:an?|the)?\s*$")     # a clause's end before its attribution
COMMA_QUOTE = re.compile(r'\s*,\s*"')                         # English: said, "..."


@dataclass(slots=True)
class Claim:
    """One attributed statement, with offsets into the displayed text."""

    cue: str
    cue_start: int
    cue_end: int
    start: int
    end: int
    content: str
    kind: str
    speaker: Mention | None
    channel: str | None
    claim_date: date | None
    date_precision: str | None
    confidence: float
    mentions: list[Mention] = field(default_factory=list)
    co_speakers: list[Mention] = field(default_factory=list)    # مسؤولون امريكيون وعراقيون
    via: Mention | None = None       # the outlet that relayed it (نقلت وكالة X عن Y, told Reuters)
    speaker_text: str | None = None  # the words naming a speaker no actor stands for (the fund warned)


class Span(NamedTuple):
    """A span of the matching text (a named tuple: made for every quotation, paragraph and content)."""

    start: int
    end: int


def _stripped_end(t: str, end: int, chars: str | None = None) -> int:
    """len(t[:end].rstrip(chars)), without copying the text before end (a long paragraph)."""
    while end > 0 and (t[end - 1].isspace() if chars is None else t[end - 1] in chars):
        end -= 1
    return end


def _blank_end(t: str, pos: int, stop: int) -> int:
    """Where the blanks from pos end (at most stop): pos + the blanks t[pos:stop].lstrip() drops."""
    while pos < stop and t[pos].isspace():
        pos += 1
    return pos


def _at_least(text: str, n: int) -> bool:
    """len(text.split()) >= n, splitting no further than that (a content may be long)."""
    return len(text.split(maxsplit=n - 1)) >= n


def _char_at(t: str, pos: int, stop: int) -> str:
    """The character at pos, or "" at or past stop."""
    return t[pos] if pos < stop else ""


class ClaimDoc:
    """A document's matching text, its actor mentions and its paragraphs."""

    def __init__(self, analysis: Analysis, lex: ClaimLexicon):
        self.norm: Normalized = analysis.norm
        # two apostrophes ('') stand for a double quotation mark in some wire copy; same length
        self.t, self.lex = self.norm.text.replace("''", '" '), lex
        self.sentences = analysis.sentences
        self.mentions = _with_collectives(analysis)    # a copy: speakers read here are added to it
        self.starts = list(map(itemgetter(0), self.mentions))
        self.read: set[int] = set()                    # ids of the mentions read here (_new_mention)
        self.longest: int | None = None                # the longest mention's length (reach(), when first asked)
        self.countries: Counter | None = None          # for home_country (counted when first asked), kept up to date
        self.taken: list[Span] = []
        self.covered = bytearray(len(self.t))          # 1 inside the content of a claim already read
        self.channels: list[tuple[int, str]] = []      # (offset, channel), filled by _cues
        self.via: Mention | None = None                 # the relaying outlet of the current cue
        self.described: Span | None = None              # the current cue's subject read as no actor
        self.relaying = False                           # the current cue relays (نقلت ... عن)
        self.cue_key = ""                               # the current cue's verb
        self.cue: Cue | None = None                     # the current cue
        self.last_source = None                         # the last unnamed source read (for المصدر)
        self.breaks = [m.start() for m in re.finditer("\n", self.t)]     # line ends, for paragraph()
        self.paragraphs: dict[int, Span] = {}
        self.quotes: list[Span] = []                    # quotation spans, by start (set by extract_claims)
        self.quote_starts: list[int] = []
        self.home: tuple[str | None] | None = None     # home_country of the mentions, until they change
        self.cues: list[tuple[int, int, Cue]] = []      # every cue, in text order (set by extract_claims)
        self.cue_starts: list[int] = []
        self.joined: set[int] = set()                   # starts of cues written with a conjunction (وأكد)
        # the cue hits of the document's one pass (analysis.document_hits), when made with this lexicon:
        # the same as the bounded automaton's over blanked(t) ('' for " in t blanks alike)
        self.hits = analysis.hits.of_claims(lex) if analysis.hits is not None else None

    def reach(self) -> int:
        """The longest mention's length (any length at least that bounds a look-back alike)."""
        if self.longest is None:
            self.longest = max((e - s for s, e, _ in self.mentions), default=0)
        return self.longest

    def paragraph(self, pos: int) -> Span:
        """The paragraph (line) around a position (found by bisection over the line ends, once)."""
        k = bisect_left(self.breaks, pos)
        if k not in self.paragraphs:
            end = self.breaks[k] if k < len(self.breaks) else len(self.t)
            self.paragraphs[k] = Span(self.breaks[k - 1] + 1 if k else 0, end)
        return self.paragraphs[k]

    def home_country(self) -> str | None:
        """The country the document's mentions name most (computed again after they change)."""
        if self.home is None:
            if self.countries is None:
                self.countries = Counter([m.actor.country for _, _, m in self.mentions if m.actor.country
                                          and m.actor.kind != "media"])
            top = max(self.countries.values(), default=0)
            leaders = [c for c, n in self.countries.items() if n == top and n > 0]
            self.home = (leaders[0] if len(leaders) == 1 else home_country(self.mentions),)
        return self.home[0]

    def quotes_in(self, start: int, end: int) -> list[Span]:
        """The quotations opening in [start, end), in order."""
        return self.quotes[bisect_left(self.quote_starts, start):bisect_left(self.quote_starts, end)]

    def quote_at(self, pos: int) -> Span | None:
        """The quotation opening at pos, if any."""
        k = bisect_left(self.quote_starts, pos)
        return self.quotes[k] if k < len(self.quotes) and self.quote_starts[k] == pos else None

    def sentence_end(self, pos: int, limit: int) -> int:
        """Where the sentence holding pos ends (at most limit): the segmenter's, else punctuation."""
        if self.sentences:
            k = bisect_right(self.sentences, pos)
            end = self.sentences[k] if k < len(self.sentences) else len(self.t)
            return min(_stripped_end(self.t, end), limit) if end > pos else limit
        m = END.search(self.t, pos, limit)
        return m.start() + 1 if m else limit

    def sentence_start(self, pos: int, floor: int) -> int:
        """Where the sentence holding pos starts (at least floor)."""
        if self.sentences:
            k = bisect_right(self.sentences, pos) - 1
            return max(self.sentences[k], floor) if k >= 0 else floor
        begin = floor
        for m in END.finditer(self.t, floor, pos):
            begin = m.end()
        return begin


def _with_collectives(analysis: Analysis) -> list:
    """The document's actor spans with the collectives the event coder found (المصابون, rights
    groups: unnamed groups that speak), in order; a copy."""
    out, found = list(analysis.spans), analysis.collectives
    if found:
        to_norm = analysis.norm.to_norm_all
        for x in zip(to_norm([m.start for m in found]), to_norm([m.end for m in found]), found):
            insort(out, x, key=_span_order)     # a few per document: no sort of the whole list
    return out


def _span_order(x) -> tuple[int, int]:
    """Spans in text order, the longest first at one start."""
    return x[0], -x[1]


def extract_claims(text: str, language: str, mentions: list[Mention], lex: ClaimLexicon | None,
                   published: datetime | None = None, sentence_starts: tuple[int, ...] = (),
                   analysis: Analysis | None = None) -> list[Claim]:
    """Every claim of a document, in text order (sentence starts: offsets from the segmenter;
    `analysis`: the document as the extract stage analysed it, built here when absent)."""
    if lex is None or not text:
        return []
    doc = ClaimDoc(analysis or Analysis(text, language, mentions, sentence_starts, published), lex)
    quotes = doc.quotes = _quotes(doc.t)
    doc.quote_starts = [q.start for q in quotes]
    cues = doc.cues = _cues(doc)
    doc.cue_starts = [c[0] for c in cues]
    claims, speakers = [], []
    for n, (start, end, cue) in enumerate(cues):
        nxt = cues[n + 1][0] if n + 1 < len(cues) else len(doc.t)
        claim = _claim(doc, start, end, cue, nxt, quotes, speakers, published, language)
        if claim is not None:
            claims.append(claim)
    if lex.grammar.cased and LABEL_MARKS:
        claims = sorted(claims + _label_claims(doc, speakers, published, language), key=lambda c: c.cue_start)
    return claims


def _label_claims(doc, speakers, published, language) -> list[Claim]:
    """English: paragraphs opened by their speaker's name and a colon or a dash (a transcript's
    WALLACE: ..., a headline's Pence: ..., a list's Jane Roe ― "..."): the rest is what was said."""
    out = []
    for m in SIGNED.finditer(doc.t):             # "...” ― Jane Roe: the quotation signed after it
        para = doc.paragraph(m.start())
        content = _label_content(doc, para.start, m.start() + 1)
        read = _label_speaker(doc, _words(doc, m.start(1), m.end(1)), "―")
        if read is not None and content is not None:     # cues quoted inside keep their claims
            out.append(_labelled(doc, m.start(1), m.end(1), content, read, speakers, published, language))
    for m in LABEL.finditer(doc.t):
        mark, rest = m.group(2), doc.t[m.end():doc.paragraph(m.start()).end]
        if mark != ":" and rest[:1] not in LABEL_QUOTES or _overlaps_taken(doc, Span(m.start(), m.end())):
            continue
        read = _label_speaker(doc, _words(doc, m.start(1), m.end(1)), mark)
        content = _label_content(doc, m.end(), doc.paragraph(m.start()).end)
        if read is not None and content is not None:
            out.append(_labelled(doc, m.start(1), m.end(1), content, read, speakers, published, language))
    return out


def _words(doc, start: int, end: int) -> Phrase:
    """The words of a span as a phrase."""
    return Phrase(tuple((w.start(), w.end(), w.group()) for w in WORD.finditer(doc.t, start, end)))


def _overlaps_taken(doc, span: Span) -> bool:
    """Whether a span overlaps the content of a claim already read."""
    return any(s.start < span.end and span.start < s.end for s in doc.taken)


def _labelled(doc, start, end, content, read, speakers, published, language) -> Claim:
    """The claim of a speaker label, its speaker remembered for the next cues."""
    speakers.append(read[2])
    _take(doc, content)
    return _build(doc, start, end, content, "direct", read[2], "explicit", published, language)


def _label_speaker(doc, phrase: Phrase, mark: str):
    """The speaker a label names: an actor mention in it, a transcript's capitalised surname
    (WALLACE), or an unknown name of two words or more."""
    if not phrase.words or any(w[2].lower() in doc.lex.speakers.stops for w in phrase.words):
        return None
    inside = _inside(doc, phrase.start, phrase.end)
    if inside:
        return max(inside, key=lambda x: (x[1] - x[0], -x[0]))
    text = doc.t[phrase.start:phrase.end]
    if mark == ":" and not (text.isupper() and len(text) >= 3 or len(phrase.words) >= 2):
        return None
    read = _phrase_name(doc, phrase, True, False)
    return read if isinstance(read, tuple) else None


def _label_content(doc, pos: int, end: int) -> Span | None:
    """What follows a label to the paragraph's end, without the quotation marks around it."""
    text = doc.t[pos:end]
    start = pos + len(text) - len(text.lstrip(" " + LABEL_QUOTES))
    stop = _stripped_end(doc.t, end, " " + LABEL_QUOTES)
    return Span(start, stop) if _at_least(doc.t[start:stop], BARE_WORDS) else None


def _cues(doc: ClaimDoc) -> list[tuple[int, int, Cue]]:
    """Cue matches at word boundaries, longest first, in text order; channels noted on the way."""
    if doc.lex.bounded is not None:
        return _bounded_cues(doc)
    t = doc.t
    hay, size = (t.lower() if doc.lex.grammar.cased else t), len(t)
    found, blocked = [], set()
    for last, (length, what, clitic, item) in doc.lex.automaton.iter(hay):
        end = last + 1
        start = end - length
        if what == "cue":                    # word boundaries checked inline: most hits fail them
            if not ((start and t[start - 1].isalnum()) or (end < size and t[end].isalnum())
                    and t[end - 2:end] != ATTACHED):
                found.append((start + clitic, end - 2 * (t[end - 2:end] == ATTACHED), item))   # ل left to its word
                if clitic:
                    doc.joined.add(start + clitic)
        elif what == "channel":
            doc.channels.append((start, item))
        elif what == "block":
            blocked.add(end)                 # so-called: no cue ends inside a blocked word
    return longest_first([f for f in found if f[1] not in blocked])


def _bounded_cues(doc: ClaimDoc) -> list[tuple[int, int, Cue]]:
    """_cues over the blanked text (claims/lexicon.py, _bounded): the automaton reports only the
    cues on word boundaries."""
    t = doc.t
    found, blocked = [], set()
    hits = doc.hits if doc.hits is not None else doc.lex.bounded.iter(blanked(t))
    for last, candidates in hits:
        for length, what, clitic, item, form, trail in candidates:
            end = last - trail                  # the blanked text starts with a blank
            start = end - length
            if form is not None and not t.startswith(form, start):
                continue
            if what == "cue":
                found.append((start + clitic, end - 2 * (t[end - 2:end] == ATTACHED), item))
                if clitic:
                    doc.joined.add(start + clitic)
            else:
                _channel_or_block(doc, what, start, end, item, blocked)
    return longest_first([f for f in found if f[1] not in blocked])


def _channel_or_block(doc, what: str, start: int, end: int, item, blocked: set[int]) -> None:
    """Note a channel's hit, or where a blocked word ends."""
    if what == "channel":
        doc.channels.append((start, item))
    else:
        blocked.add(end)


def _quotes(t: str) -> list[Span]:
    """Quotation spans (marks included): «...» pairs, then straight quotes paired in order."""
    spans, pos, line_end = [], 0, -1
    while (open_ := t.find("«", pos)) >= 0:
        if line_end < open_:            # the line's end, searched once per line (a long one has many «)
            line_end = t.find("\n", open_)
            line_end = len(t) if line_end < 0 else line_end
        close = t.find("»", open_ + 1, line_end)
        end = close + 1 if close >= 0 else line_end     # unclosed: to the line's end
        spans.append(Span(open_, end))
        pos = end
    if '"' not in t:
        return spans                    # in text order already
    straight = [m.start() for m in re.finditer('"', t) if not _within(spans, m.start())]
    paired = [Span(a, b + 1) for a, b in zip(straight[::2], straight[1::2]) if "\n" not in t[a:b]]
    return sorted(spans + paired) if paired else spans      # no two spans start alike: by start


def _within(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether pos lies strictly inside one of the sorted, disjoint spans."""
    k = bisect_right(spans, (pos, 1 << 60)) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1] - 1


def _claim(doc: ClaimDoc, start: int, end: int, cue: Cue, nxt: int, quotes: list[Span],
           speakers: list[Mention], published, language: str) -> Claim | None:
    """The claim a cue introduces, or None (its explicit speaker is remembered either way)."""
    if doc.covered[start]:             # inside a claim already read
        return None
    para = _within_quote(doc, start, doc.paragraph(start), quotes)
    doc.via, doc.relaying, doc.cue_key, doc.described = None, cue.key in RELAY_CUES, cue.key, None
    doc.cue = cue
    speaker, how, after = _speaker(doc, start, end, cue, para, speakers)
    limit = min(para.end, max(after, end) + CONTENT_REACH, max(nxt, after))
    if doc.lex.grammar.cased:
        content = _english_content(doc, start, max(after, end), para, quotes, speaker, how)
    elif cue.form == "phrase":
        content = _phrase_content(doc, start, max(after, end), limit, para, how)
    else:
        content = _content(doc, max(after, end), end, limit, quotes, cue.key in BARE_CUES,
                           _subject_state(cue, speaker, how, after > end))
    if content is None:
        return None
    span, kind = _cut(doc, *content)
    _take(doc, span)
    claim = _build(doc, start, end, span, kind, speaker, how, published, language)
    if speaker is not None and how == "explicit":
        claim.co_speakers = _co_speakers(doc, speaker)
    claim.via = doc.via if doc.via is not speaker else None
    if speaker is None and doc.described is not None:
        cs, ce = doc.norm.span(doc.described.start, doc.described.end)
        claim.speaker_text = doc.norm.original[cs:ce]
    return claim


def _take(doc, span: Span) -> None:
    """Note the content of a claim read: a cue inside it opens no claim."""
    doc.taken.append(span)
    a, b = max(0, span.start), min(span.end, len(doc.covered))
    doc.covered[a:b] = b"\1" * max(0, b - a)


def _subject_state(cue: Cue, speaker, how: str, read: bool) -> str:
    """How a verb's subject ends, for its own words as content: "none" (no subject: وأضاف نكرر
    ...; or an unnamed source cut after its modifiers: أكدت مصادر محلية سقوط ...), where the
    words before a far أن are its own; "read" (a subject was read after it), where a scare quote
    may stand in its own words; "" (unread)."""
    sourced = how == "explicit" and speaker.actor.key.startswith("source:")
    if cue.continues and how != "explicit" or sourced:
        return "none"
    return "read" if read or cue.continues else ""


def _cut(doc, span: Span, kind: str) -> tuple[Span, str]:
    """A content cut before the next cue that opens a claim of its own inside it (..., مؤكدا أن;
    وقالت البعثة إن; ..., adding that): each statement stays one claim. Closed quotations are
    never cut; a cut that would leave fewer than BARE_WORDS words is not made."""
    k = bisect_right(doc.cue_starts, span.start)
    for start, _, cue in doc.cues[k:bisect_left(doc.cue_starts, span.end)]:
        if not _opens_claim(doc, start, cue) or _in_closed_quote(doc, start):
            continue
        end = _stripped_end(doc.t, start, " \t،,;:-–و")
        if _at_least(doc.t[span.start:end], BARE_WORDS):
            return Span(span.start, end), kind
    return span, kind


def _opens_claim(doc, start: int, cue: Cue) -> bool:
    """Whether a cue inside a content starts a new statement: a verb or participle after a comma
    or full stop, a verb with a conjunction (وأكد, فيما أوضحت), an Arabic participle (مضيفا بأن),
    or a verb whose own أن/إن follows within two words (رغم أن مصدرا أكد أن)."""
    if cue.form not in ("verb", "participle"):
        return False
    if doc.t[max(0, start - 3):start].rstrip()[-1:] in ("،", ",", ".", ";"):
        return True
    if cue.form == "participle":
        return not doc.lex.grammar.cased
    if start in doc.joined:
        return True
    near = doc.t[start:start + 40].split()[1:4]
    return not doc.lex.grammar.cased and any(doc.lex.speakers.shape.that.fullmatch(w) for w in near)


def _in_closed_quote(doc, pos: int) -> bool:
    """Whether pos lies inside a quotation closed by its mark (an unclosed one runs to the line end)."""
    k = bisect_right(doc.quote_starts, pos) - 1
    return any(doc.quotes[j].start < pos < doc.quotes[j].end and doc.t[doc.quotes[j].end - 1] in ("»", '"')
               for j in (k, k - 1) if j >= 0)


def _within_quote(doc, start: int, para: Span, quotes: list[Span]) -> Span:
    """English: a cue inside a quotation reads only up to the quotation's end (so the quotation
    stays whole for the cue outside it: "I think that we won," X said)."""
    if not doc.lex.grammar.cased:
        return para
    q = next((q for q in quotes if q.start < start < q.end - 1), None)
    return Span(para.start, min(para.end, q.end - 1)) if q is not None else para


def _co_speakers(doc, speaker: Mention) -> list[Mention]:
    """Speakers joined to the first by the coordinator (امريكيون وعراقيون, Iraq and Jordan)."""
    joiner = doc.lex.grammar.coordinator
    found = _entry(doc, speaker)
    out, edge = [], found[1] if found else None
    if edge is None:
        return out
    for j in range(bisect_left(doc.starts, edge), len(doc.mentions)):
        s, e, m = doc.mentions[j]
        if s < edge:
            continue
        if doc.t[edge:s].strip() != joiner or m.actor.actor_id == speaker.actor.actor_id:
            break
        out.append(m)
        edge = e
    return out


def _speaker(doc, start, end, cue, para, speakers):
    """(speaker mention, how it was found, offset after it) for a cue: by structure, then memory."""
    if cue.form == "participle":
        return _participle_speaker(doc, start, end, cue, para, speakers)
    if cue.key in WRITTEN_CUES:  # جاء في بيان لوزارة ...: a known author after it, else the last speaker
        chosen = _mention_after(doc, end, para)
    elif cue.form == "phrase":   # بحسب / according to: the source follows, never precedes
        chosen = _subject_after(doc, end, para) or _possessor(doc, start, end, para)
    elif doc.lex.grammar.cased:  # English puts the subject first (Sudani said), or after "...," said
        chosen = _english_subject(doc, start, end, cue, para, speakers)
    else:                        # Arabic after the verb (وقال الاعرجي), else first (الخارجية، شددت)
        chosen = (_subject_after(doc, end, para) or _mention_before(doc, start, para)
                  or (_plural_subject(doc, start, para) if cue.number == "p" else None))
    if chosen == "none":
        return None, "none", end
    if chosen is not None and chosen != "pronoun":
        speakers.append(chosen[2])
        return chosen[2], "explicit", max(chosen[1], end) if chosen[0] >= end else end
    feminine = doc.lex.speakers.shape.feminine_endings
    return _inherit(cue, speakers, feminine, chosen == "pronoun"), "inherited", end


def _participle_speaker(doc, start, end, cue, para, speakers):
    """(speaker, how, offset after it) of a participle: English, its sentence's subject; else the
    last agreeing speaker, or the speaker of the verb it continues."""
    subject = _sentence_subject(doc, start, para) if doc.lex.grammar.cased else None
    if subject is not None:
        speakers.append(subject[2])
        return subject[2], "explicit", end
    feminine = doc.lex.speakers.shape.feminine_endings
    return _inherit(cue, speakers, feminine) or _main_subject(doc, start, para, speakers), "inherited", end


def _main_subject(doc, start, para, speakers):
    """The speaker of the verb a participle continues in its own sentence, whatever its gender: a
    circumstantial participle (..., محذرة من) shares its main verb's subject, and news Arabic often
    makes it feminine after a body whose name is masculine (طالب الائتلاف ...، محذرة)."""
    if not speakers:
        return None
    at = doc.norm.to_norm(speakers[-1].start)
    return speakers[-1] if doc.sentence_start(start, para.start) <= at < start else None


def _sentence_subject(doc, start, para):
    """English: the actor opening a participle's sentence (Trump attacked X, saying ...)."""
    begin = doc.sentence_start(start, para.start)
    k = bisect_right(doc.starts, begin - 1)
    if k < len(doc.mentions) and doc.mentions[k][0] < start \
            and len(doc.t[begin:doc.mentions[k][0]].split()) <= SUBJECT_LEAD_WORDS:
        return _widest(doc, *doc.mentions[k])
    return None


def _english_subject(doc, start, end, cue, para, speakers):
    """English: the subject before the verb, or after it when the verb follows a quote or comma."""
    told = _mention_after(doc, end, para)       # X told Reuters: the outlet is the via
    doc.via = told[2] if told and told[2].actor.kind == "media" and cue.key == "tell" else None
    before = _mention_before(doc, start, para)
    if before is not None:
        return before
    floor = doc.sentence_start(start, para.start)
    inverted = _inverted_subject(doc, floor, start, end, para)
    if inverted is not None:
        return inverted
    phrase = phrase_before(doc.t, floor, _before_apposition(doc, floor, start), doc.lex.speakers)
    if phrase is not None:
        read = _read_phrase(doc, phrase, at_end=True)
        if read is None and not cue.continues:
            doc.described = _description(doc, phrase)
        if read is not None or not cue.continues:
            return read or "none"
    if doc.t[floor:start].strip() and doc.t[floor:start].rstrip()[-1:] not in ',"”':
        return "pronoun" if cue.continues else None
    return _subject_after(doc, end, para)


def _description(doc, phrase: Phrase) -> Span | None:
    """English: a subject no actor stands for, kept as words (the fund, an arbitration panel, Other
    major unions): opened by a determiner, a quantifier or a capital, closed by a noun."""
    first, last = phrase.words[0][2], phrase.words[-1][2]
    if not (first[:1].isupper() or first.lower() in doc.lex.speakers.determiners) or not last[:1].isalpha():
        return None
    return Span(phrase.start, phrase.end)


def _inverted_subject(doc, floor, start, end, para):
    """English: the subject after a verb that follows its clause and closes the sentence or
    stands before an apposition ("...," said Smith.; the gains, said Jane Roe, an economist)."""
    if doc.t[floor:start].rstrip()[-1:] not in ',"':
        return None
    found = _subject_after(doc, end, para)
    if not isinstance(found, tuple) or _char_at(doc.t, _blank_end(doc.t, found[1], para.end), para.end) not in (".", ",", ";", "(", ""):
        return None
    return found


def _before_apposition(doc, floor: int, start: int) -> int:
    """Where a subject ends when an apposition stands before its verb (Paul Ryan, R-Wis., said)."""
    pre = doc.t[floor:start].rstrip()
    if pre.endswith(")") and 0 <= pre.rfind("(") >= len(pre) - PAREN_CHARS:
        return floor + pre.rfind("(")          # Rep. Gwen Moore (D-Wis.) said
    if not pre.endswith(","):
        return start
    comma = pre.rfind(",", 0, len(pre) - 1)
    inner = pre[comma + 1:-1]
    if comma < 0 or len(inner) > APPOSITION_CHARS or any(q in inner for q in '"“”'):
        return start
    return floor + comma


def _subject_after(doc, end, para, relayed=False):
    """The speaker right after a cue: an unnamed source, a mention, else a name by its words."""
    phrase = _phrase_after_cue(doc, end, para)
    word = phrase is not None and _source_word(doc, phrase, relayed)
    # a source word the actor resolver already composed into a mention (مسؤولون امريكيون) is that mention
    source = None if word and _covered(doc, *phrase.words[word[0]][:2]) else word
    after = None if source else _mention_after(doc, end, para)
    over = _relayed(doc, _phrase_end(doc, phrase, source, after, end), para, after) if doc.relaying else None
    if over is not None:
        return over
    if after is not None:
        return _name_before(doc, phrase, after) or _apposed_name(doc, after, para)
    if phrase is None:
        return _quoted_name(doc, end, para)
    read = _read_phrase(doc, phrase, at_end=False, relayed=relayed, source=word)
    if read is None or read == "pronoun" or doc.lex.grammar.cased or relayed:
        return read
    if _name_holds(doc, read, para):
        return _apposed_name(doc, read, para)
    _drop_mention(doc, read)
    return None


def _phrase_after_cue(doc, end, para) -> Phrase | None:
    """The subject phrase after a cue (a given name that folds to a stop word may open it)."""
    begin = end + len(ATTACHED) if doc.t[end:end + len(ATTACHED)] == ATTACHED else end   # وفقا لـ|لوزارة
    reach = min(para.end, end + SPEAKER_AFTER * 2)
    phrase = phrase_after(doc.t, begin, reach, doc.lex.speakers, skip_first=True)
    if phrase is None and _name_not_stop(doc, end):     # only a stop word opening it makes the two differ
        phrase = phrase_after(doc.t, begin, reach, doc.lex.speakers, skip_first=True, name_first=True)
    return phrase


def _apposed_name(doc, found, para):
    """Arabic: a person named after the title or source that opens the subject, closing it
    (الناطق الرسمي باسم اللواء ... أحمد الخراز، إن): that person, coded by the title."""
    if doc.lex.grammar.cased or found[2].kind == "name":
        return found
    limit, that = min(para.end, found[1] + SPEAKER_AFTER * 2), doc.lex.speakers.shape.that
    for j in range(bisect_left(doc.starts, found[1]), len(doc.mentions)):
        s, e, m = doc.mentions[j]
        gap = doc.t[found[1]:s]
        if s >= limit or any(c in gap for c in '«":.،,') or that.search(gap) \
                or any(w in doc.lex.speakers.stops for w in gap.split()):
            break
        if m.kind == "name" and m.actor.kind == "person" and _ends_subject(doc, e, para):
            return _coded(doc, (s, e, m), found[2].actor)
    return found


def _name_not_stop(doc, pos: int) -> bool:
    """Whether the word after pos is a given name that folds to a stop word but is written as the
    name (علي, while على folds to it too): after a verb it is the name nine times in ten (corpus)."""
    word = WORD.search(doc.t, pos, min(len(doc.t), pos + 12))
    if word is None or word.group() not in doc.lex.given_names or word.group() not in doc.lex.speakers.stops:
        return False
    cs, ce = doc.norm.span(word.start(), word.end())
    return doc.norm.original[cs:ce] == word.group()


def _name_holds(doc, read, para) -> bool:
    """Whether an Arabic speaker read by structure stands: not a name, or a name that opens with a
    given name, is one nisba-form family name, or closes its subject."""
    first = WORD.match(doc.t, read[0]).group()
    return read[2].kind != "name" or first in doc.lex.given_names or _nisba_name(doc, first, read) \
        or _ends_subject(doc, read[1], para) or _honoured(doc, read[0])


def _honoured(doc, pos: int) -> bool:
    """Whether an honorific stands right before pos (الشيخ فلان, المهندس فلان): a person's name opens there."""
    before = doc.t[max(0, pos - 16):pos].split()
    return bool(before) and before[-1] in doc.lex.honorifics


def _name_before(doc, phrase, after):
    """Arabic: a name opening the subject before a title mention (وقال علي الأحمدي الناطق ...)."""
    if doc.lex.grammar.cased or phrase is None or after[0] <= phrase.start \
            or phrase.words[0][2] not in doc.lex.given_names:
        return None
    words = tuple(w for w in phrase.words if w[1] <= after[0])
    read = _read_phrase(doc, Phrase(words), at_end=False) if words else None
    if not isinstance(read, tuple) or read[2].kind != "name":
        return None
    return _coded(doc, read, after[2].actor)     # the apposed title codes the person (YEMREB)


def _coded(doc, read, title):
    """A person read by structure, coded like the title set next to the name."""
    if title.code is None or title.kind == "country":
        return read
    coded = replace(read[2], actor=replace(read[2].actor, code=title.code, country=title.country,
                                           sector=title.sector))
    k = _index(doc, read)
    _count(doc, read[2].actor, -1)
    _count(doc, coded.actor, 1)
    doc.mentions[k] = (read[0], read[1], coded)
    if id(read[2]) in doc.read:
        doc.read.add(id(coded))
    doc.home = None
    return doc.mentions[k]


def _nisba_name(doc, word: str, read) -> bool:
    """Whether a name read alone is one definite nisba-form family name (الكناني)."""
    return read[1] - read[0] == len(word) and word.startswith(doc.lex.grammar.article) \
        and word.endswith(doc.lex.speakers.shape.name_nisba_endings)


def _ends_subject(doc, pos, para) -> bool:
    """Whether an Arabic name read by structure closes its subject: a comma, a colon, أن/إن, a
    title or an actor mention follows (كوبر، المتحدث; كوبر إن; كوبر مدير; كوبر المتحدث)."""
    follows = WORD.search(doc.t, pos, para.end)
    if follows is None:
        return False
    if follows.group() in "،,:" or is_title(follows.group(), doc.lex.speakers) \
            or _covered(doc, follows.start(), follows.end()):
        return True
    return doc.lex.speakers.shape.that.fullmatch(follows.group()) is not None


def _quoted_name(doc, end, para):
    """A name in quotation marks right after an Arabic verb (وقال "فلان الفلاني" نائب ...)."""
    at = _blank_end(doc.t, end, para.end)
    close = OPEN_CLOSE.get(doc.t[at:at + 1])
    stop = doc.t.find(close, at + 1, min(para.end, at + SPEAKER_AFTER)) if close else -1
    if doc.lex.grammar.cased or stop < 0 or doc.t[stop + 1:stop + 3].strip()[:1] in ("", ".", ":"):
        return None
    phrase = phrase_after(doc.t, at + 1, stop, doc.lex.speakers, skip_first=False)
    if phrase is None or phrase.end != stop:
        return None
    return _read_phrase(doc, phrase, at_end=False, relayed=True)


def _phrase_end(doc, phrase, source, after, end):
    """Where the subject phrase ends: after its source words, its mention, or the cue."""
    if source:
        return source_phrase(phrase, source[0], doc.lex.speakers, lambda s, e: _covered(doc, s, e, media=False)).end
    return after[1] if after else end


def _relayed(doc, pos, para, after):
    """«نقلت وكالة X عن Y»: the speaker Y after the relaying preposition; the agency X (a media
    mention) is the claim's via."""
    word = WORD.search(doc.t, pos, para.end) if doc.relaying else None
    if word is None or doc.t[pos:word.start()].strip() or word.group() not in doc.lex.speakers.relays:
        return None
    found = _subject_after(doc, word.end(), para, relayed=True)
    if found is not None:
        doc.via = after[2] if after and after[2].actor.kind == "media" else None
    return found


def _source_word(doc, phrase, relayed: bool = False):
    """source_word, unless the cue disagrees with it: a feminine singular verb never has a
    masculine singular subject (وتعتبر مصدر إزعاج: "is considered a source of"); a relayed
    speaker (نقلت الوكالة عن مسؤول) is no subject of the verb."""
    found = source_word(phrase, doc.lex.speakers)
    cue = doc.cue
    if found is None or relayed or cue is None or cue.gender != "f" or cue.number != "s":
        return found
    return None if agreement(phrase.words[found[0]][2], doc.lex.speakers) == ("m", "s") else found


def _read_phrase(doc, phrase, at_end, relayed=False, source=False):
    """A subject phrase as a speaker: an unnamed source, a mention in it, a pronoun, or a name
    (source: its _source_word when already read, False when not)."""
    if pronoun(phrase, doc.lex.speakers):
        return "pronoun"
    inside = _inside(doc, phrase.start, phrase.end)
    earlier = None if inside else _described(doc, phrase)
    if earlier is not None:
        return _new_mention(doc, phrase.start, phrase.end, earlier, "anaphor")
    if source is False:
        source = _source_word(doc, phrase, relayed)
    title = source is not None and is_title(phrase.words[source[0]][2], doc.lex.speakers)
    named = _titled_name(doc, phrase, source, at_end, relayed) if title else None
    if named is not None:
        return named
    if source is not None and not _covered(doc, *phrase.words[source[0]][:2]):
        return _source(doc, phrase, source, inside, "person" if title else "other")
    if inside:
        return max(inside, key=lambda x: (x[1], -x[0])) if at_end else min(inside, key=lambda x: (x[0], -x[1]))
    return _phrase_name(doc, phrase, at_end, relayed)


def _titled_name(doc, phrase, source, at_end, relayed):
    """A name with a title noun: after it (وزير المعادن أحمد الكاروري), or before it and coded
    by it (سانغاي رينا مدير الشركة)."""
    if doc.lex.grammar.cased:
        return _phrase_name(doc, phrase, at_end, relayed)
    if not source[0]:
        return _name_after_title(doc, phrase, source) or _phrase_name(doc, phrase, at_end, relayed)
    name = _phrase_name(doc, Phrase(phrase.words[:source[0]]), at_end, True)
    if name is None:
        return None
    title = Phrase(phrase.words[source[0]:])
    inside = [m for _, _, m in _inside(doc, title.start, title.end)]
    sector = sector_of(title, doc.lex.speakers, source[1])
    return _coded(doc, name, composed_source(inside, sector, doc.home_country))


def _name_after_title(doc, phrase, source):
    """Arabic: the name after a title and its genitive (وزير حقوق الانسان عزالدين الاصبحي إن),
    coded by the title; the name opens undefined and closes the subject."""
    words, article = phrase.words, doc.lex.grammar.article
    k = next((i for i, w in enumerate(words[1:], 1) if w[2].startswith(article)), None)
    if k is None or k + 1 >= len(words) or words[k + 1][2].startswith(article) \
            or any(w[2] in doc.lex.speakers.skips for w in words[k + 1:]):
        return None
    read = _phrase_name(doc, Phrase(words[k + 1:]), False, True)
    if read is None or not _ends_subject(doc, read[1], doc.paragraph(read[1])):
        if read is not None:
            _drop_mention(doc, read)
        return None
    title = Phrase(words[:k + 1])
    inside = [m for _, _, m in _inside(doc, title.start, title.end)]
    return _coded(doc, read, composed_source(inside, sector_of(title, doc.lex.speakers, source[1]), doc.home_country))


def _source(doc, phrase, source, inside, kind):
    """An unnamed source (مسؤول أمني عراقي, a senior administration official) as a composed actor."""
    words = doc.lex.speakers
    if not doc.lex.grammar.cased:
        phrase = source_phrase(phrase, source[0], words, lambda s, e: _covered(doc, s, e, media=False))
        inside = [x for x in inside if x[1] <= phrase.end]
        body = _affiliation(doc, phrase.end)
        if body is not None:
            return _affiliated(doc, phrase, source, body, kind)
    if _definite(doc, phrase, source[0]) and doc.last_source is not None and not inside:
        return _new_mention(doc, phrase.start, phrase.end, doc.last_source, "source")   # المصدر: the one before
    noun = source_noun(phrase.words[source[0]][2], words)
    actor = composed_source([m for _, _, m in inside], sector_of(phrase, words, source[1]),
                            doc.home_country, noun, kind)
    doc.last_source = actor
    return _new_mention(doc, phrase.start, phrase.end, actor, "source")


def _affiliated(doc, phrase, source, body, kind):
    """A source tied to the body named after it (مصادر في مكتب رئيس الوزراء): the body's code, and
    its sector unless the phrase names one (مسؤول أمني في الوزارة: MIL); a country keeps the noun's
    sector (مسؤول في العراق: IRQGOV). The mention runs to the body's end."""
    words = doc.lex.speakers
    sector = sector_of(phrase, words, source[1] if body[2].actor.kind == "country" else None)
    noun = source_noun(phrase.words[source[0]][2], words)
    actor = composed_source([body[2]], sector, doc.home_country, noun, kind)
    doc.last_source = actor
    return _new_mention(doc, phrase.start, body[1], actor, "source")


def _affiliation(doc, pos: int):
    """The actor mention an affiliation word ties a source phrase ending at pos to (في وزارة
    الداخلية, باسم الجيش, مقربة من حزب الله, بالجيش), at most AFFILIATION_GAP_WORDS words after
    it (في مكتب رئيس الوزراء); outlets are channels, not bodies. None when there is none."""
    ties = doc.lex.speakers.affiliations
    found = [m for m, _ in zip(WORD.finditer(doc.t, pos, min(len(doc.t), pos + SPEAKER_AFTER)), range(2))]
    if not ties or not found or doc.t[pos:found[0].start()].strip():
        return None
    first = found[0].group()
    if len(found) == 2 and f"{first} {found[1].group()}" in ties:
        return _body_after(doc, found[1].end())
    if first in ties:
        return _body_after(doc, found[0].end())
    clitic = next((len(c) for c in ties if len(c) == 1 and first.startswith(c)), 0)
    body = _body_after(doc, found[0].start() + clitic, 0) if clitic else None
    return body if body is not None and body[0] == found[0].start() + clitic else None


def _body_after(doc, pos: int, gap: int = AFFILIATION_GAP_WORDS):
    """The widest actor mention (not an outlet) starting after pos, no more than `gap` words and
    no mark between (the body of an affiliation), or None."""
    k = bisect_left(doc.starts, pos)
    best = None
    for s, e, m in doc.mentions[k:k + 6]:
        between = doc.t[pos:s]
        if best is not None and s > best[0] or len(between.split()) > gap \
                or any(c in between for c in '«":.،,'):
            break
        if m.actor.kind != "media" and (best is None or e > best[1]):
            best = (s, e, m)
    return best


def _inside(doc, start: int, end: int) -> list:
    """The mentions lying within [start, end), found by bisection."""
    out = []
    for j in range(bisect_left(doc.starts, start), len(doc.mentions)):
        x = doc.mentions[j]
        if x[0] >= end:
            break
        if x[1] <= end:
            out.append(x)
    return out


def _described(doc, phrase):
    """The actor a definite description stands for (the network, الصحيفة): the last named before."""
    cased, article = doc.lex.grammar.cased, doc.lex.grammar.article
    head = (phrase.words[-1] if cased else phrase.words[0])[2].lower()
    kinds = doc.lex.speakers.anaphors.get(head)
    if not (kinds or cased or head.startswith(article)) and len(phrase.words) > 1:
        head = phrase.words[1][2]              # قيادة الحزب: the undefined head's genitive
        kinds = doc.lex.speakers.anaphors.get(head)
    definite = phrase.words[0][2].lower() == "the" if cased else head.startswith(article)
    if not kinds or not definite:
        return None
    k = bisect_right(doc.starts, phrase.start) - 1
    return next((m.actor for s, e, m in map(doc.mentions.__getitem__, range(k, -1, -1))
                 if e <= phrase.start and m.actor.kind in kinds), None)


def _phrase_name(doc, phrase, at_end, relayed):
    """A person the lexicon does not know, named in the subject phrase (or None)."""
    cased = doc.lex.grammar.cased
    name = name_span(phrase, cased, at_end, doc.lex.grammar.article, doc.lex.given_names, doc.lex.before_names,
                     doc.lex.grammar.surname_particles, doc.lex.speakers.shape)
    found = _resolved_name(doc, name.start, name.end) if name.words else None
    if found is not None:
        return found
    def single() -> bool:        # one undefined word before إن after قال (قال بولدان إن): asked last
        return doc.cue_key in SAY_CUES and name.end == phrase.end and _that_follows(doc, name.end)
    if not name.words or not is_name(name, cased, doc.lex.grammar.article, doc.lex.given_names, relayed, single,
                                     doc.lex.speakers.shape):
        return None
    text = doc.t[name.start:name.end].rstrip(".") if cased else doc.t[name.start:name.end]
    cs, ce = doc.norm.span(name.start, name.start + len(text))
    actor = new_person(text, doc.norm.original[cs:ce], doc.lex.code)
    return _new_mention(doc, name.start, name.start + len(text), actor, "name")


def _resolved_name(doc, start: int, end: int):
    """The person's name the actor stage found from `start` on, reaching at least `end`: its
    boundaries stand (الفريق فلان المحرج: a family name that is also a common word is kept)."""
    found = None
    for j in range(bisect_left(doc.starts, start), len(doc.starts)):
        s, e, m = doc.mentions[j]
        if s != start:
            break
        if m.kind == "name" and m.actor.kind == "person" and e >= end and (found is None or e > found[1]):
            found = doc.mentions[j]
    return found


def _that_follows(doc, pos: int) -> bool:
    """Whether an أن/إن clause opens right after pos (قال بولدان إن ...)."""
    word = WORD.search(doc.t, pos, min(len(doc.t), pos + 12))
    return word is not None and doc.lex.speakers.shape.that.fullmatch(word.group()) is not None


def _definite(doc, phrase, at: int) -> bool:
    """Whether a source noun is definite (المصادر, the official): it refers to one named before."""
    word = phrase.words[at][2]
    if word.lower() in doc.lex.speakers.groups:
        return False
    if doc.lex.grammar.cased:
        return at > 0 and phrase.words[at - 1][2].lower() == "the"
    return word.startswith(doc.lex.grammar.article)


def _covered(doc, start, end, media: bool = True) -> bool:
    """Whether an actor mention overlaps the span (media: counting outlets, which in a source
    phrase are the channel: أحد الشهود لرويترز)."""
    k = bisect_right(doc.starts, end)
    return any(s < end and start < e and (media or m.actor.kind != "media")
               for s, e, m in doc.mentions[max(0, k - 3):k])


def _drop_mention(doc, found) -> None:
    """Take back a speaker mention read from a phrase (not one the actor stage found)."""
    if id(found[2]) not in doc.read:
        return
    k = _index(doc, found)
    del doc.mentions[k], doc.starts[k]
    _count(doc, found[2].actor, -1)


def _new_mention(doc, start, end, actor, how):
    """A speaker mention read from a phrase, added to the document's mentions."""
    cs, ce = doc.norm.span(start, end)
    found = (start, end, mention(actor, cs, ce, doc.norm.original[cs:ce], how))
    doc.read.add(id(found[2]))
    k = bisect_right(doc.starts, start)
    doc.mentions.insert(k, found)
    doc.starts.insert(k, start)
    if doc.longest is not None:
        doc.longest = max(doc.longest, end - start)
    _count(doc, actor, 1)
    return found


def _index(doc, found) -> int:
    """doc.mentions.index(found), searched from the first mention at its start (they are in order)."""
    return doc.mentions.index(found, bisect_left(doc.starts, found[0]))


def _entry(doc, speaker: Mention):
    """The (start, end, mention) of a mention object, or None: looked for at its start, then everywhere."""
    at = doc.norm.to_norm(speaker.start)
    j = bisect_left(doc.starts, at)
    while j < len(doc.starts) and doc.starts[j] == at:
        if doc.mentions[j][2] is speaker:
            return doc.mentions[j]
        j += 1
    return next(((s, e, m) for s, e, m in doc.mentions if m is speaker), None)


def _count(doc, actor, delta: int) -> None:
    """Count a mention that comes (1) or goes (-1) for the home country, and forget the home."""
    if actor.country and actor.kind != "media" and doc.countries is not None:     # not counted yet: nothing to update
        doc.countries[actor.country] += delta
        doc.home = None


def _plural_subject(doc, start, para):
    """A plural verb's subject named earlier in its sentence (الحوثيون ... يقولون, قد أعلنوا)."""
    begin = doc.sentence_start(start, para.start)
    near = doc.mentions[bisect_left(doc.starts, begin):bisect_right(doc.starts, start)]
    endings = doc.lex.speakers.shape.plural_endings
    for s, e, m in reversed([x for x in near if x[1] <= start]):
        last = _folded_words(m.surface)[-1:]
        if last and last[0].endswith(endings):
            return (s, e, m)
    return None


def _possessor(doc, start, end, para):
    """English: "according to a statement from his office": the sentence's first actor."""
    window = doc.t[end:end + 40].lower()
    if not POSSESSIVE.search(window):
        return None
    begin = doc.sentence_start(start, para.start)
    for j in range(bisect_left(doc.starts, begin), len(doc.mentions)):
        s, e, m = doc.mentions[j]
        if s >= start:          # sorted by start, and e > s: nothing further ends before start
            return None
        if e <= start:
            return s, e, m
    return None


def _mention_before(doc, start, para):
    """The actor mention just before a cue (subject first: الخارجية العراقية، شددت; Sudani said)."""
    if doc.lex.grammar.cased:
        clause = RELATIVE.search(doc.t, doc.sentence_start(start, para.start), start)
        if clause is not None and clause.end() == start:
            start = clause.start()        # Hussein, who accompanied Sudani, said: skip the clause
    k = bisect_right(doc.starts, start) - 1
    while k >= 0:
        s, e, m = doc.mentions[k]
        if e <= start:
            gap = doc.t[e:start]
            if s >= para.start and (len(gap) <= 3 and not gap.strip(" \t،,")
                                    or doc.lex.grammar.cased and APPOSITIVE.fullmatch(gap)):
                return _widest(doc, s, e, m)
            return None
        k -= 1
    return None


def _sentence_ends(gap: str) -> bool:
    """Whether a sentence ends in a gap: a full stop not after a one-letter abbreviation (د., J.)."""
    m = END.search(gap)
    return m is not None and not (m.start() and gap[m.start() - 1].isalpha()
                                  and not gap[m.start() - 2:m.start() - 1].strip(" \t،,"))


def _mention_after(doc, end, para):
    """The actor mention after a cue, before any quotation, colon or أن (وقال الأعرجي)."""
    k, that = bisect_right(doc.starts, end), doc.lex.speakers.shape.that
    best = None
    for j in range(k, len(doc.mentions)):
        s, e, m = doc.mentions[j]
        if s > end + SPEAKER_AFTER or s >= para.end or best is not None and s > best[0]:
            break                   # (past the first mention's start nothing replaces it)
        if best is not None:        # at its start: the same gap, a longer one wins
            best = (s, e, m) if e > best[1] else best
            continue
        gap = doc.t[end:s]
        if "«" in gap or '"' in gap or ":" in gap or that.search(gap) or _sentence_ends(gap) \
                or len(gap.replace("،", " ").replace(",", " ").split()) > SUBJECT_GAP_WORDS:
            break
        best = (s, e, m)
    return best


def _widest(doc, s, e, m):
    """The outermost mention ending at e (an institution over its country, a title over a name)."""
    best, j = (s, e, m), bisect_left(doc.starts, s) - 1
    while j >= 0 and doc.starts[j] >= e - doc.reach():      # no mention starting before may end at e
        s2, e2, m2 = doc.mentions[j]
        if e2 == e and s2 <= best[0]:    # the earliest start; on a tie the first listed
            best = (s2, e2, m2)
        j -= 1
    return best


def _inherit(cue: Cue, speakers: list[Mention], feminine: tuple[str, ...], person: bool = False) -> Mention | None:
    """The last explicit speaker whose gender agrees with the cue (وأضافت: a feminine speaker).

    After a pronoun subject (he said), a person is preferred when one spoke lately.
    """
    recent = speakers[-4:]
    if person and any(m.actor.kind == "person" for m in recent):
        recent = [m for m in recent if m.actor.kind == "person"]
    if cue.gender is None:                  # any gender agrees: the last one
        return recent[-1] if recent else None
    for m in reversed(recent):
        gender = _gender(m, feminine)
        if gender is None or gender == cue.gender:
            return m
    return None


def _gender(m: Mention, feminine: tuple[str, ...]) -> str | None:
    """Grammatical gender of a speaker phrase: feminine when its head has a feminine ending (وزارة, الحكومة)."""
    head = _folded_words(m.surface)[:1]
    if not head or m.actor.kind == "person" and m.kind != "role":
        return None
    return "f" if head[0].endswith(feminine) else "m"


@lru_cache(maxsize=8192)
def _folded_words(surface: str) -> list[str]:
    """Words of a surface in the matching form (cached: speakers repeat)."""
    return normalize(surface).text.split()


def _content(doc, pos, cue_end, limit, quotes, bare=False, subject=""):
    """(span, kind) of what a cue reports: a quotation, words after a colon, an أن clause, or
    (bare: a verb's) the words that follow it to the sentence's end."""
    inside = doc.quotes_in(pos, limit)
    at, what, item = _first_opening(doc, pos, limit, inside, cue_end)
    if at < 0:
        return _bare(doc, pos, limit) if bare else None
    own = _own_words(doc, pos, limit, at, what, inside, cue_end, subject == "none") if bare and subject else None
    if own is not None:
        return own
    if what == "quote":
        return _inner(doc, item), "direct"
    if what == "colon":
        return _after_colon(doc, at + 1, quotes)
    return _clause(doc, item.end(), quotes)


def _first_opening(doc, pos: int, limit: int, inside: list[Span], cue_end: int):
    """(offset, what, item) of the first of a quotation (not a name), a colon and an أن in
    [pos, limit), or (-1, "", None). An أن is looked for only before the colon, a quotation only
    before both (the marks end no أن: the search stops there alike)."""
    colon = doc.t.find(":", pos, limit)
    that = doc.lex.speakers.shape.that.search(doc.t, pos, limit if colon < 0 else colon)
    at, what, item = (that.start(), "that", that) if that else (colon, "colon", None) if colon >= 0 else (-1, "", None)
    if inside and (at < 0 or inside[0].start < at):
        quote = next((q for q in inside if not _is_name(doc, q, cue_end)), None)
        if quote is not None and (at < 0 or quote.start < at):
            return quote.start, "quote", quote
    return at, what, item


def _own_words(doc, pos, limit, at, what, quotes, cue_end, no_subject):
    """A verb's own words as its content, when they open before a scare quote or (no_subject)
    a far أن."""
    if what == "colon" or not (no_subject and what == "that" and _opens_bare(doc, pos, at)
                               or _scare_first(doc, quotes, at, cue_end)):
        return None
    return _bare(doc, pos, limit)


def _scare_first(doc, quotes: list[Span], at: int, cue_end: int) -> bool:
    """Whether a scare quote of the same sentence comes before a quotation or أن that a verb's
    own words would otherwise skip to (طالب X الحكومة باتخاذ خطوات «شجاعة» لضرب ... «...»)."""
    first = quotes[0] if quotes else None
    return first is not None and first.start < at and _is_name(doc, first, cue_end) \
        and doc.sentence_end(first.start, at) >= at


def _phrase_content(doc, start, pos, limit, para, how):
    """Arabic: what an attribution phrase reports: the words before it in its sentence when it
    names its source (قتل خمسة، بحسب مصادر طبية), else, when it opens the sentence, what follows
    its source (وفقا للوزارة، ستبدأ ...; وبحسب البيان، فإن ...); with no source read, only an
    أن, colon or quotation right after it (the rest may be the unread source: وفقا للتصنيف ...)."""
    begin = doc.sentence_start(start, para.start)
    if _at_least(doc.t[begin:start], 2):
        return _clause_before(doc, start, para, None, "none") if how == "explicit" else None
    found = _content(doc, pos, pos, limit, doc.quotes)
    if found is not None and found[0].start - pos < SPEAKER_AFTER or how != "explicit":
        return found if found is not None and found[0].start - pos < SPEAKER_AFTER else None
    end = doc.sentence_end(pos, limit)
    text = doc.t[pos:end]
    start = pos + len(text) - len(text.lstrip(" ،,"))
    end = _stripped_end(doc.t, end, " .،,")
    return (Span(start, end), "indirect") if _at_least(doc.t[start:end], BARE_WORDS) else None


def _opens_bare(doc, pos: int, at: int) -> bool:
    """Arabic: whether a verb's words start its content before a far أن/إن of the same sentence
    (وأضاف نكرر شكرنا ... وأن ...; محذرة من تصاعد ... أنه): FAR_WORDS words or more lie between,
    with no comma (an apposition: الصادق، في تصريح، إن), the first of them no preposition but a
    complement (من, إلى), no article word, title, given name or actor mention."""
    between = doc.t[pos:at]
    first = WORD.search(between)
    if first is None or not _at_least(between, FAR_WORDS) or "،" in between or "," in between \
            or doc.sentence_end(pos, at) < at:
        return False
    word, words = first.group(), doc.lex.speakers
    return word[:1].isalpha() and not word.startswith(doc.lex.grammar.article) \
        and (word not in words.stops or word in words.complements) and word not in words.skips \
        and word not in doc.lex.given_names \
        and not is_title(word, words) and not _covered(doc, pos + first.start(), pos + first.end())


def _bare(doc, pos, limit):
    """Arabic: what a verb reports without أن, colon or quotation (وأضاف ستكون ...; أشار إلى
    مقتل ...; أكدت مصادر سقوط قتلى): the rest of its sentence, after a complement preposition."""
    end = doc.sentence_end(pos, limit)
    first = WORD.search(doc.t, pos, end)
    if first is None:
        return None
    start, kind = first.start(), "direct"
    if first.group() in doc.lex.speakers.complements:
        start, kind = first.end() + len(doc.t[first.end():end]) - len(doc.t[first.end():end].lstrip()), "indirect"
    elif first.group() in doc.lex.speakers.stops:
        return None                         # في تصريح ...: what was said is not in reach
    end = end - 1 if doc.t[end - 1:end] in ".،," else end
    return (Span(start, end), kind) if _at_least(doc.t[start:end], BARE_WORDS) else None


def _inner(doc, q: Span) -> Span:
    """A quotation's words without its marks (an unclosed one runs to the end of its line)."""
    closed = q.end - q.start >= 2 and doc.t[q.end - 1] in "»\""
    start = q.start + 1 + (doc.t[q.start + 1:q.start + 2] == " ")      # '' read as "
    return Span(start, q.end - 1 if closed else q.end)


def _after_colon(doc, pos, quotes):
    """Words after a colon: the quotation that opens there, else the rest of the paragraph."""
    para = doc.paragraph(pos)
    first = _blank_end(doc.t, pos, para.end) - pos
    quote = doc.quote_at(pos + first)
    if quote is not None:
        return _inner(doc, quote), "direct"
    return (Span(pos + first, para.end), "direct") if pos + first < para.end else None


def _clause(doc, pos, quotes):
    """An أن/إن clause: a quotation opening right in it, else the clause to the sentence end."""
    para = doc.paragraph(pos)
    end = doc.sentence_end(pos, para.end)
    quote = next((q for q in doc.quotes_in(pos, min(end, pos + 40)) if not _is_name(doc, q, pos)), None)
    if quote is not None:
        return _inner(doc, quote), "direct"
    start = _blank_end(doc.t, pos, end)
    end = end - 1 if doc.t[end - 1] in ".،," else end
    return (Span(start, end), "indirect") if end - start > 3 else None


def _is_name(doc, q: Span, cue_end: int) -> bool:
    """Whether a short quotation is a name or scare quote rather than quoted words."""
    inner = doc.t[q.start + 1:q.end - 1].split(maxsplit=NAME_QUOTE_WORDS)     # enough to tell more words
    if len(inner) > NAME_QUOTE_WORDS:
        return False
    before = doc.t[max(0, q.start - 20):q.start].split()
    if before and before[-1] in doc.lex.name_words:
        return True
    following = doc.t[q.end:q.end + 2].lstrip()[:1]
    return following not in (".", "!", "?", "؟", "") or doc.t[cue_end:q.start].strip() not in ("", ":")


def _english_content(doc, start, pos, para, quotes, speaker, how):
    """English: a quotation or clause after the cue, or the words before a post-posed cue."""
    end = doc.sentence_end(pos, para.end)
    rest = doc.t[pos:end]
    phrase = doc.t[start:start + 12].lower().startswith("according")
    if phrase and doc.sentence_start(start, para.start) < start - 3:
        return _clause_before(doc, start, para, None, "none")
    quoted = _english_quote(doc, start, pos, rest, para, quotes)
    if quoted is not None:
        return quoted
    aside = ASIDE_THAT.match(rest)          # cautioned, as did the campaign itself, that ...
    if aside is not None:
        return _english_after(doc, pos + aside.end(), end, rest[aside.end():], quotes)
    if rest.lstrip()[:1] in (",", ".", "") or not rest.strip(" .,"):
        return _quote_before(doc, start, para, quotes) or _clause_before(doc, start, para, speaker, how)
    stripped = rest.lstrip()
    at = pos + len(rest) - len(stripped)
    if stripped.startswith(":"):
        return _after_colon(doc, at + 1, quotes)
    return _english_after(doc, at, end, stripped, quotes)


def _english_after(doc, at, end, stripped, quotes):
    """English: a quotation opening the words after the cue, else the clause there (after that)."""
    early = next((q for q in doc.quotes_in(at, end)
                  if len(doc.t[at:q.start].split()) <= 2 and not _is_name(doc, q, at)), None)
    if early is not None:
        return _inner(doc, early), "direct"
    words = stripped.split()
    past = _past_that(doc, at, end, words)
    if past == at and words and words[0].lower() in ("of", "about", "against", "on"):
        return None                        # warn of attacks: a noun, not reported words
    at = past
    close = end - 1 if doc.t[end - 1] in ".,;" else end
    return (Span(at, close), "indirect") if _at_least(doc.t[at:close], 3) else None


def _past_that(doc, at, end, words):
    """Where a reported clause starts: after its complementiser (said that ...), if one opens it."""
    that = next((i for i, w in enumerate(words[:8]) if w.lower() == "that"), None)
    if that is not None and (that == 0 or words[that - 1].lower() not in ("and", "but", "or")) \
            and sum(w.count('"') for w in words[:that]) % 2 == 0 and not any(w.endswith(",") for w in words[:that]):
        m = THAT_WORD.search(doc.t[at:end])
        at += m.end() if m else 0
    return at


def _clause_before(doc, start, para, speaker, how):
    """English: the sentence before a post-posed attribution (..., the ministry said.)."""
    edge = start
    if speaker is not None and how == "explicit":
        found = _entry(doc, speaker)
        s = found[0] if found else start
        edge = min(edge, s)
    begin = doc.sentence_start(edge, para.start)
    text = doc.t[begin:edge].rstrip()
    text = TRAILING_ARTICLE.sub("", text)
    return (Span(begin, begin + len(text)), "indirect") if _at_least(text, 3) else None


def _english_quote(doc, start, pos, rest, para, quotes):
    """English: the quotation right after 'X said,' or the one opening the cue's sentence
    ("...," Rep. X (D-Wis.) said Friday after the vote)."""
    after_comma = COMMA_QUOTE.match(rest)          # Trump said, "..."
    if after_comma is not None:
        quote = doc.quote_at(pos + after_comma.end() - 1)
        if quote is not None and not _is_name(doc, quote, pos):
            return _inner(doc, quote), "direct"
    if rest.lstrip()[:1] in (",", ".", "") or not rest.strip(" .,") or OPENS_CONTENT.match(rest):
        return None
    return _leading_quote(doc, start, para, quotes)


def _leading_quote(doc, start, para, quotes):
    """English: a quotation that opens the cue's sentence, only its speaker between it and the cue."""
    for q in reversed(quotes):
        if q.end > start:
            continue
        gap = doc.t[q.end:start]
        split = doc.sentence_start(start, para.start) > q.start + 1 if doc.sentences else GAP_END.search(gap)
        closed = doc.t[q.end - 2:q.end - 1] in (",", ".", "!", "?") or gap.lstrip()[:1] == ","
        if q.start < para.start or split or '"' in gap or not closed \
                or len(gap.split()) > LEAD_GAP_WORDS:
            return None
        return _inner(doc, q), "direct"
    return None


def _quote_before(doc, start, para, quotes, speaker=None):
    """English: the quotation that ends just before the cue or its speaker ("...," Sudani said)."""
    edge = start
    for q in reversed(quotes):
        if q.end <= edge and q.start >= para.start and edge - q.end <= QUOTE_BEFORE:
            return _inner(doc, q), "direct"
    return None


def _build(doc, start, end, span, kind, speaker, how, published, language) -> Claim:
    """A Claim with offsets mapped back to the displayed text, channel and date."""
    para = doc.paragraph(start)
    cs, ce = doc.norm.span(start, end)
    s, e = doc.norm.span(span.start, span.end)
    weekday = _weekday(doc, max(para.start, start - 60), max(span.start, end), language)
    when, precision = resolve_weekday(weekday, published) if weekday is not None else (None, None)
    original = doc.norm.original
    k = bisect_right(doc.starts, span.start - 1)
    inside = [m for ms, me, m in doc.mentions[k:bisect_right(doc.starts, span.end)] if me <= span.end]
    confidence = CONFIDENCE[how if speaker is not None else "none"]
    channel = _channel(doc, max(para.start, start - CHANNEL_BEFORE), max(span.start, min(para.end, end + 80)))
    return Claim(original[cs:ce], cs, ce, s, e, original[s:e], kind, speaker, channel, when, precision,
                 confidence, inside)


def _weekday(doc, start: int, end: int, language: str) -> int | None:
    """find_weekday over doc.t[start:end], skipped when no weekday name is written there (in an
    uncased script a substring test is exact; most windows name none)."""
    if not doc.lex.grammar.cased and not _named_day(language).search(doc.t, start, end):
        return None
    return find_weekday(doc.t[start:end], language)


@lru_cache(maxsize=None)
def _named_day(language: str) -> re.Pattern:
    """Any weekday name of the language written (a substring test, as find_weekday's words need it);
    built on first use from its date grammar, never when none."""
    dates = grammar(language)
    names = dates.weekdays if dates is not None else ()
    return re.compile("|".join(map(re.escape, names))) if names else re.compile("(?!)")


def _channel(doc, start: int, end: int) -> str | None:
    """The channel named near the cue (in [start, end)): statement, social_media, press_conference, interview."""
    if not doc.channels:
        return None
    k = bisect_right(doc.channels, (start, ""))
    return doc.channels[k][1] if k < len(doc.channels) and doc.channels[k][0] < end else None
