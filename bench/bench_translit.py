"""Romanised names read by hand: a sample of Arabic-only actor names and their Latin `name`.

It reads the first N corpus articles (default 2,000) as the extractor does (`marsad.extract`),
keeps the distinct names of actors that have no English name (an Arabic `name`), draws a
fixed random sample of them (default 50, seed 16) and prints each beside its romanisation, for
a reader to mark which they would accept (the figure in docs/translit.md). The names stay in
the corpus: this script prints them, the repo keeps none.

Run:  .venv/bin/python bench/bench_translit.py [--articles 2000] [--sample 50] [--seed 16]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_actors import CORPUS, corpus_documents  # noqa: E402

from marsad.extract import DocText, _extract, default_extractor  # noqa: E402
from marsad.translit import ARABIC_LETTER, romanize  # noqa: E402


def doc_text(parsed) -> DocText:
    """The extractor's view of a parsed corpus article."""
    row, sentences = parsed.row, sorted(parsed.sentences, key=lambda s: s["start"])
    return DocText(row["doc_id"], row["text"] or "", row["language"] or "other",
                   tuple(s["start"] for s in sentences), tuple(s["sentence_id"] for s in sentences),
                   row.get("outlet"), row.get("published_at"), tuple(s.get("part") for s in sentences))


def arabic_only_names(articles: int) -> list[str]:
    """Distinct names of the actors found in the first articles whose name is Arabic, sorted."""
    extractor, names = default_extractor(), set()
    for parsed in corpus_documents(articles):
        mentions, claims, _ = _extract(doc_text(parsed), extractor)
        actors = [m.actor for m in mentions] + [c.speaker.actor for c in claims if c.speaker]
        names.update(a.name for a in actors if a.name and ARABIC_LETTER.search(a.name))
    return sorted(names)


def main() -> int:
    """Print the sample, one `Arabic<TAB>Latin` line per name, and how many names there were."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: the corpus is not at {CORPUS} (it lives in ../shared, outside the repo)")
        return 0
    names = arabic_only_names(args.articles)
    sample = random.Random(args.seed).sample(names, min(args.sample, len(names)))
    for k, name in enumerate(sample, 1):
        print(f"{k}\t{name}\t{romanize(name)}")
    print(f"{len(names):,} Arabic-only actor names in {args.articles:,} articles; {len(sample)} drawn (seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
