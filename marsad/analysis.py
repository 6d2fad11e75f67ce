"""One analysed document: what the claim and event extractors both read of it, computed once.

Built once per document by the extract stage after actor recognition, then handed to
`extract_claims` and `extract_events` (each builds one itself when called alone). It holds the
text and its matching form, the sentence starts in both offsets, the actor mentions as spans of
the matching form, and the date expressions of each sentence (found on demand, once).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

import ahocorasick

from .actors.bounds import blanked
from .actors.resolve import Mention
from .dates import DateMention, find_dates
from .normalize import Normalized, normalize

Span = tuple[int, int, Mention]     # (start, end) in the matching form, and the mention


class Analysis:
    """A document's text, matching form, sentences, actor mention spans and per-sentence dates."""

    def __init__(self, text: str, language: str, mentions: list[Mention], sentence_starts: tuple[int, ...] = (),
                 published: datetime | date | None = None, outlet: str | None = None,
                 places: list[Mention] = (), hits: "Hits | None" = None):
        self.text, self.language, self.outlet, self.published = text, language, outlet, published
        self.hits = hits            # the word-list hits of the document's one pass (document_hits), if made
        self.norm: Normalized = normalize(text)
        self.sentence_starts = tuple(sentence_starts)
        self.sentences = self.norm.to_norm_all(self.sentence_starts)   # matching form, as given
        self.spans: list[Span] = self._spans(mentions)
        self._dates: dict[tuple[int, int], list[DateMention]] = {}
        # places (not acting: where things happen) give a collective its country
        self.places: list[Span] = self._spans(places)
        self.collectives: list[Mention] = []   # groups the event coder found (protesters): mentions too

    def _spans(self, mentions: list[Mention]) -> list[Span]:
        """The mentions as spans of the matching form."""
        to_norm = self.norm.to_norm_all
        return list(zip(to_norm([m.start for m in mentions]), to_norm([m.end for m in mentions]), mentions))

    @cached_property
    def published_day(self) -> date | None:
        """The publication date (a datetime's day)."""
        return self.published.date() if isinstance(self.published, datetime) else self.published

    @cached_property
    def outermost(self) -> list[Span]:
        """Mention spans not nested in another (an institution, not the country inside it), in order."""
        return outermost(self.spans)

    def dates(self, s_start: int, s_end: int) -> list[DateMention]:
        """Date expressions of one sentence of the matching form (found once), in its offsets."""
        if (s_start, s_end) not in self._dates:
            found = find_dates(self.norm.text[s_start:s_end], self.language, self.published_day)
            # made directly, not by dataclasses.replace (which reads the fields anew for each)
            self._dates[(s_start, s_end)] = [DateMention(d.start + s_start, d.end + s_start, d.text, d.value,
                                                         d.precision, d.since) for d in found]
        return self._dates[(s_start, s_end)]


def outermost(spans: list[Span]) -> list[Span]:
    """Spans not nested in another, sorted by start (the longest first at one start)."""
    out = []
    for x in sorted(spans, key=lambda x: (x[0], -x[1])):
        if out and x[1] <= out[-1][1]:
            continue
        out.append(x)
    return out


class WordLists:
    """The word lists of one language that actors, claims and events look up, in one automaton over
    the blanked text (actors/bounds.py): one pass per document instead of three (each pass cost by
    the character whatever its list: 12% of the extraction's time on the corpus for the three).

    Each key gives (actor candidates, claim candidates, event trigger), None where a list lacks it:
    the keys of the actor automaton (scan.py) and of the claims' bounded one as they are, each event
    trigger's form behind a blank (it starts on a word boundary; it may end inside a word, before a
    pronoun). Filtered by list, the hits come in the order each list's own automaton gives them
    (by end, the longest first), so every stage reads what its own pass found.
    """

    def __init__(self, actors, claims, events):
        self.actors, self.claims, self.events = actors, claims, events
        keyed: dict[str, list] = {}
        for key, candidates in actors.automaton.items():
            keyed.setdefault(key, [None, None, None])[0] = candidates
        for key, candidates in claims.bounded.items():
            keyed.setdefault(key, [None, None, None])[1] = candidates
        for key, (length, entry) in events.automaton.items():
            # a trigger written with a blank inside (غارة جوية) is compared as written: the blanked
            # text has a blank for every mark, the raw text a blank only where one stands
            keyed.setdefault(" " + key, [None, None, None])[2] = (length, (length, entry), key if " " in key else None)
        # keys added most frequent characters first, as scan._automaton does (a shorter search): each
        # character of a key replaced by one that sorts by its rank, so that a string sort orders them
        rank = {ord(ch): chr(i) for i, (ch, _) in enumerate(Counter("".join(keyed)).most_common())}
        self.automaton = ahocorasick.Automaton()
        for key in sorted(keyed, key=lambda k: k.translate(rank)):
            self.automaton.add_word(key, tuple(keyed[key]))
        self.automaton.make_automaton()

    def find(self, text: str) -> "Hits":
        """The hits of every list in `text` (a matching form), each list's in its automaton's order."""
        # one comprehension per list (a loop with three tests and appends per hit cost twice as much)
        found = list(self.automaton.iter(blanked(text)))
        actors = [(last, a) for last, (a, _, _) in found if a is not None]
        claims = [(last, c) for last, (_, c, _) in found if c is not None]
        # an event hit's offset is the text's (the blanked one starts with a blank); its value is
        # (length, entry) as the events' own automaton gives it
        events = [(last - 1, e[1]) for last, (_, _, e) in found
                  if e is not None and (e[2] is None or text.startswith(e[2], last - e[0]))]
        return Hits(self, actors, claims, events)


@dataclass(slots=True)
class Hits:
    """One document's hits of each list of a WordLists, as (last offset, value) pairs: the actors' and
    the claims' as their automata give them over the blanked text, the events' over the text itself."""

    lists: WordLists
    actors: list
    claims: list
    events: list

    def of_actors(self, lex) -> list | None:
        """The actor list hits, when found with this language lexicon."""
        return self.actors if self.lists.actors is lex else None

    def of_claims(self, lex) -> list | None:
        """The claim cue hits, when found with this claim lexicon."""
        return self.claims if self.lists.claims is lex else None

    def of_events(self, lex) -> list | None:
        """The event trigger hits, when found with this event lexicon."""
        return self.events if self.lists.events is lex else None


_LISTS: dict[tuple[int, int, int], WordLists] = {}
MAX_LISTS = 4       # lexicon triples kept (a process runs one, tests a few): each automaton holds ~200 MB


def document_hits(text: str, actors, claims, events) -> Hits | None:
    """The hits of one pass over a document's matching form for the three lexicons of its language
    (actor, claim, event), or None (word_lists)."""
    lists = word_lists(actors, claims, events)
    return lists.find(normalize(text).text) if lists is not None else None


def keep_lists(lists: list[WordLists]) -> None:
    """Take word lists built elsewhere (read from the extractor cache with their own lexicons)."""
    for found in lists:
        _LISTS[(id(found.actors), id(found.claims), id(found.events))] = found


def word_lists(actors, claims, events) -> WordLists | None:
    """The one automaton of three lexicons of a language (built once); None when one is missing or
    the script is cased (its text is matched lower-cased by each stage in its own way)."""
    if actors is None or claims is None or events is None or claims.bounded is None \
            or actors.grammar.cased or events.grammar.cased:
        return None
    key = (id(actors), id(claims), id(events))
    lists = _LISTS.get(key)
    if lists is None:
        if len(_LISTS) >= MAX_LISTS:
            _LISTS.clear()
        lists = _LISTS[key] = WordLists(actors, claims, events)     # holds the lexicons: their ids stay theirs
    return lists
