"""What the lexicon misses: names introduced by a title that no lexicon entry links."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .resolve import Mention


def unlinked_names(mentions: Iterable[Mention]) -> Counter:
    """How often each person found only through a title (not in the lexicon) is named."""
    return Counter(m.actor.name for m in mentions
                   if m.actor.key.startswith("person:") and m.kind == "name")
