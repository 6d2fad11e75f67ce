"""One analysed document: what the claim and event extractors both read of it, computed once.

Built once per document by the extract stage after actor recognition, then handed to
`extract_claims` and `extract_events` (each builds one itself when called alone). It holds the
text and its matching form, the sentence starts in both offsets, the actor mentions as spans of
the matching form, and the date expressions of each sentence (found on demand, once).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from functools import cached_property

from .actors.resolve import Mention
from .dates import DateMention, find_dates
from .normalize import Normalized, normalize

Span = tuple[int, int, Mention]     # (start, end) in the matching form, and the mention


class Analysis:
    """A document's text, matching form, sentences, actor mention spans and per-sentence dates."""

    def __init__(self, text: str, language: str, mentions: list[Mention], sentence_starts: tuple[int, ...] = (),
                 published: datetime | date | None = None, outlet: str | None = None,
                 places: list[Mention] = ()):
        self.text, self.language, self.outlet, self.published = text, language, outlet, published
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
            self._dates[(s_start, s_end)] = [replace(d, start=d.start + s_start, end=d.end + s_start)
                                             for d in found]
        return self._dates[(s_start, s_end)]


def outermost(spans: list[Span]) -> list[Span]:
    """Spans not nested in another, sorted by start (the longest first at one start)."""
    out = []
    for x in sorted(spans, key=lambda x: (x[0], -x[1])):
        if out and x[1] <= out[-1][1]:
            continue
        out.append(x)
    return out
