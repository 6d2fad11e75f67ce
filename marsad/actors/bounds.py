"""Word boundaries for Aho-Corasick matching: forms that start and end on a boundary only.

An automaton run over the raw text reports every form inside longer words too (two thirds of its
hits on the corpus), each rejected in Python. Over the text with a blank for each character that
continues no word, an automaton of forms written with a blank either side reports only the
forms bounded on both sides.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Runs of word characters and blanks: what is left are the characters that continue no word,
# except _ (\w is exactly isalnum() and _, checked over every code point).
WORDY = re.compile(r"[\w ]+")


@lru_cache(maxsize=16)
def blanked(text: str) -> str:
    """A blank, the text with a blank for each character that continues no word, a blank.

    One str.replace per distinct such character (a few per document; see normalize._replace_all).
    The last results are kept: the actor and the claim stages read the same document in turn
    (16: the few short strings the actor stage matches in between do not evict it).
    """
    others = set(WORDY.sub("", text))
    if "_" in text:
        others.add("_")
    for ch in others:
        text = text.replace(ch, " ")
    return f" {text} "
