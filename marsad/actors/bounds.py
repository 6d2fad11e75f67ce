"""Word boundaries for Aho-Corasick matching: forms that start and end on a boundary only.

An automaton run over the raw text reports every form inside longer words too (two thirds of its
hits on the corpus), each rejected in Python. Over the text with a blank for each character that
continues no word, an automaton of forms written with a blank either side reports only the
forms bounded on both sides.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

# The characters that continue no word: neither a letter or digit (isalnum) nor a blank (so _ too;
# \w is exactly isalnum() and _, checked over every code point). Found by dropping runs of the letters
# and digits where news text lives, listed (a bitmap test per character, where \w looks each up), and
# of the marks that stand in nearly every article (each ended a run), those asked with `in`; the few
# characters left are tested one by one (blanked: 71 -> 25 ms on 2,000 corpus articles).
MARKS = "\n.،:()«»\"-"
LISTED = re.compile("[" + "".join(re.escape(chr(c)) for r in (range(0x20, 0x250), range(0x0600, 0x0700),
                                                           range(0x0750, 0x0780)) for c in r
                                  if chr(c).isalnum() or c == 0x20) + re.escape(MARKS) + "]+")


@lru_cache(maxsize=16)
def blanked(text: str) -> str:
    """A blank, the text with a blank for each character that continues no word, a blank.

    One str.replace per distinct such character (a few per document; see normalize._replace_all).
    The last results are kept: the actor and the claim stages read the same document in turn
    (16: the few short strings the actor stage matches in between do not evict it).
    """
    others = {ch for ch in set(LISTED.sub("", text)) if not ch.isalnum() and ch != " "}
    others.update(ch for ch in MARKS if ch in text)
    for ch in others:
        text = text.replace(ch, " ")
    return f" {text} "


# Forms searched one by one with str.find; more go into one automaton (one pass over the text:
# a long document names ever more people, and one search per surname grew with the square of its
# length). Set by timing both on 300 corpus articles: an automaton costs about 15 searches.
FIND_FORMS = 15


def occurrences(text: str, forms: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, key) of every occurrence of each form in text, overlapping ones included."""
    if len(forms) <= FIND_FORMS:
        found = []
        for form, key in forms.items():
            i = text.find(form)
            while i >= 0:
                found.append((i, i + len(form), key))
                i = text.find(form, i + 1)
        return found
    auto = ahocorasick.Automaton()
    for form, key in forms.items():
        auto.add_word(form, (len(form), key))
    auto.make_automaton()
    return [(last + 1 - length, last + 1, key) for last, (length, key) in auto.iter(text)]
