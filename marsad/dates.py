"""Dates written relative to the article: weekdays resolved against the publication date.

Only what claims need today (a weekday near the reporting verb); the events issue extends it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .normalize import fold

# Weekday names in the matching form, Monday = 0 (datetime.weekday()).
WEEKDAYS = {
    "ar": ["الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد"],
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
}
WEEKDAY_RE = {code: re.compile(r"(?<!\w)(?:يوم\s+)?(?:[وف]?[بل]?)?(" + "|".join(names) + r")(?!\w)",
                               re.IGNORECASE) for code, names in WEEKDAYS.items()}


def find_weekday(text: str, language: str) -> int | None:
    """The weekday (Monday = 0) named in a piece of matching text, if any."""
    pattern = WEEKDAY_RE.get(language)
    m = pattern.search(text) if pattern else None
    return WEEKDAYS[language].index(m.group(1).lower()) if m else None


def resolve_weekday(weekday: int, published: datetime | date | None) -> tuple[date | None, str]:
    """The latest such weekday on or before publication, with precision `day`; `relative` if unknown."""
    if published is None:
        return None, "relative"
    day = published.date() if isinstance(published, datetime) else published
    return day - timedelta(days=(day.weekday() - weekday) % 7), "day"


def folded_weekday(text: str, language: str) -> int | None:
    """find_weekday on raw text (folds it first)."""
    return find_weekday(fold(text), language)
