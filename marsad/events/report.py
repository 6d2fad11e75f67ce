"""Trigger frequency report: how often each generated trigger form fires on corpus text.

Used to check the lemma table against real text (a form firing mostly as another word is left
out of lemmas.tsv): `python -m marsad.events.report CORPUS.jsonl.gz [N]` writes, for the first
N articles, each generated form with its count, type and one context.
"""

from __future__ import annotations

import gzip
import itertools
import json
import sys
from collections import Counter
from collections.abc import Iterable

from ..normalize import fold
from .coder import _word_end
from .lexicon import GENERATED, EventLexicon, default_events

CONTEXT = 30   # characters of context shown on each side of a form


def frequencies(texts: Iterable[str], lex: EventLexicon) -> tuple[Counter, dict[str, str]]:
    """Counts of the generated forms matched as whole words (with clitics), and a first context."""
    counts, seen = Counter(), {}
    for text in texts:
        t = fold(text)
        for last, (length, entry) in lex.automaton.iter(t):
            start, end = last - length + 1, last + 1
            if entry.what != "trigger" or entry.priority < GENERATED or (start > 0 and t[start - 1].isalnum()) \
                    or _word_end(t, end, lex.role("pronoun")) is None:
                continue
            counts[entry.target] += 1
            seen.setdefault(entry.target, t[max(0, start - CONTEXT):end + CONTEXT].replace("\n", " "))
    return counts, seen


def main(argv: list[str]) -> int:
    """Write the report for the first N articles of a SaudiNewsNet-style JSON-lines file."""
    path, n = argv[0], int(argv[1]) if len(argv) > 1 else 5000
    lex = default_events()["ar"]
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        texts = (json.loads(line)["content"] for line in itertools.islice(lines, n))
        counts, seen = frequencies(texts, lex)
    for form, count in counts.most_common():
        trig = lex.triggers[form]
        sys.stdout.write(f"{count:6d}  {form:16} {trig.event_type:10} {trig.form:5} | {seen[form]}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
