"""Actor and claim benchmark on the real SaudiNewsNet corpus: sentences per second, one core.

It parses the first N corpus articles (default 10,000) in memory exactly as ingest does, then
times `extract_mentions` alone over them, then `extract_claims` alone (given the mentions), in
this one process (one core). It prints the 30 names most often introduced by a title that the
lexicon does not know (first 200 articles, and all N) to guide the lexicon, and 20 claims of
the first 1,000 articles with their speakers, for a human read.

Run:  make bench
      .venv/bin/python bench/bench_actors.py --articles 10000
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from marsad.actors import default_lexicon, extract_mentions
from marsad.actors.report import unlinked_names
from marsad.claims.attribution import extract_claims
from marsad.claims.lexicon import default_claims
from marsad.documents import ParsedDocument, parse
from marsad.reading import Fingerprint, RawSource
from marsad.sources import SourceRef

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "saudinewsnet" / "saudinewsnet_all_31030.jsonl.gz"
# The realism check of the actors issue: no crash on this many articles, and their top names.
REPORT_ARTICLES = 200
TOP_NAMES = 30
# The realism check of the claims issue: claims of this many articles, this many shown.
CLAIM_ARTICLES, CLAIMS_SHOWN = 1000, 20


def corpus_documents(n: int) -> list[ParsedDocument]:
    """The first n corpus articles, parsed as ingest parses a file (title line, then paragraphs)."""
    now, docs = datetime.now(timezone.utc), []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for i, line in enumerate(itertools.islice(lines, n)):
            article = json.loads(line)
            paragraphs = [p.strip() for p in article["content"].split("\n") if p.strip()]
            data = "\n".join([article["title"], *paragraphs]).encode("utf-8")
            ref = SourceRef(f"corpus:{i}", Path(f"{i:05d}.txt"), "file")
            parsed = parse(RawSource(ref, data, None, Fingerprint(len(data), 0, None)), now)
            if isinstance(parsed, ParsedDocument):
                docs.append(parsed)
    return docs


def main() -> int:
    """Time actor recognition and print the figures and the unlinked names."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="corpus articles to read")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: the corpus is not at {CORPUS} (it lives in ../shared, outside the repo)")
        return 0
    started = time.perf_counter()
    lexicon = default_lexicon()
    load_s = time.perf_counter() - started
    docs = corpus_documents(args.articles)
    sentences = sum(len(d.sentences) for d in docs)
    started = time.perf_counter()
    found = [extract_mentions(d.row["text"], d.row["language"], lexicon) for d in docs]
    seconds = time.perf_counter() - started
    mentions = sum(map(len, found))
    print(f"lexicon load: {load_s:.2f} s ({sum(1 for _ in lexicon.actors)} actors)")
    print(f"actor recognition: {len(docs):,} articles, {sentences:,} sentences, {mentions:,} mentions "
          f"in {seconds:.2f} s = {sentences / seconds:,.0f} sentences/s, "
          f"{len(docs) / seconds:,.0f} articles/s (one core)")
    claim_lexicons = default_claims()
    started = time.perf_counter()
    said = [_actors_and_claims(d, lexicon, claim_lexicons) for d in docs]
    both_s = time.perf_counter() - started
    print(f"actors and claims, document by document as the extract stage runs them: "
          f"{sum(map(len, said)):,} claims in {both_s:.2f} s; claims add {both_s / seconds - 1:.0%} "
          f"to actor recognition ({sentences / both_s:,.0f} sentences/s for both)")
    show_claims(said[:CLAIM_ARTICLES])
    for label, part in ((f"first {REPORT_ARTICLES}", found[:REPORT_ARTICLES]), (f"all {len(docs):,}", found)):
        names = unlinked_names(m for ms in part for m in ms).most_common(TOP_NAMES)
        print(f"\n{TOP_NAMES} most frequent names introduced by a title and not in the lexicon ({label} articles):")
        for name, count in names:
            print(f"  {count:5d}  {name}")
    return 0


def _actors_and_claims(doc: ParsedDocument, lexicon, claim_lexicons) -> list:
    """Claims of one document, its actors found first (the extract stage's order)."""
    row = doc.row
    mentions = extract_mentions(row["text"], row["language"], lexicon)
    return extract_claims(row["text"], row["language"], mentions, claim_lexicons.get(row["language"]),
                          row["published_at"], tuple(s["start"] for s in doc.sentences))


def show_claims(said: list) -> None:
    """Print every 1/20th claim of the first articles: speaker, cue, kind, content."""
    flat = [c for cs in said for c in cs]
    step = max(1, len(flat) // CLAIMS_SHOWN)
    print(f"\n{CLAIMS_SHOWN} of the {len(flat):,} claims of the first {len(said):,} articles:")
    for c in flat[::step][:CLAIMS_SHOWN]:
        who = c.speaker.actor.name if c.speaker else "(no speaker)"
        print(f"  {who} | {c.cue} | {c.kind} | {c.content[:90]}")


if __name__ == "__main__":
    sys.exit(main())
