"""Long-document benchmark: one single-paragraph article of growing length, ingest and extract.

Joins SaudiNewsNet articles into one paragraph of N characters (and, with --no-marks, removes
every sentence mark, so that the segmenter's length cap is all that splits it), then times the
parse (segmentation) and the extraction of that one document. Linear work shows as a constant
characters-per-second column; a quadratic step halves it each time the length doubles. CPU seconds
are printed beside the wall time: on a shared machine they are the fair measure.

Run:  .venv/bin/python bench/bench_long.py --sizes 200000 400000 800000 [--no-marks]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from datetime import datetime, timezone
from pathlib import Path

from marsad.documents import parse
from marsad.events.gazetteer import places
from marsad.extract import DocText, _extract, default_extractor
from marsad.reading import Fingerprint, RawSource
from marsad.sources import SourceRef

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "saudinewsnet" / "saudinewsnet_all_31030.jsonl.gz"
MARKS = re.compile(r"[.!?؟؛]")


def paragraph(size: int, marks: bool) -> str:
    """One paragraph of `size` characters of corpus prose."""
    texts, total = [], 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            texts.append(" ".join(json.loads(line)["content"].split()))
            total += len(texts[-1]) + 1
            if total > size:
                break
    body = " ".join(texts)[:size]
    return body if marks else MARKS.sub(" ", body)


def measure(size: int, marks: bool) -> str:
    """The benchmark line of one size."""
    text = "عنوان\n" + paragraph(size, marks) + "\n"
    data = text.encode("utf-8")
    raw = RawSource(SourceRef("file:///long.txt", "long.txt"), data, None, Fingerprint(len(data), 0, None))
    started = time.perf_counter()
    doc = parse(raw, datetime.now(timezone.utc))
    parsed, cpu = time.perf_counter(), time.process_time()
    starts = tuple(s["start"] for s in doc.sentences)
    mentions, claims, events = _extract(DocText("long", doc.row["text"], "ar", starts, starts), default_extractor())
    done, cpu = time.perf_counter(), time.process_time() - cpu
    return (f"{len(text):>9,} chars {len(starts):>6,} sentences  parse {parsed - started:5.2f} s  "
            f"extract {done - parsed:6.2f} s (CPU {cpu:6.2f} s)  {len(text) / cpu:>8,.0f} chars/CPU s  "
            f"{len(mentions):,} mentions {len(claims):,} claims {len(events):,} events")


def main() -> None:
    """Print one line per size."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[200_000, 400_000, 800_000])
    ap.add_argument("--no-marks", action="store_true", help="remove every sentence mark")
    args = ap.parse_args()
    default_extractor(), places()          # loaded once, before any timing
    for size in args.sizes:
        print(measure(size, not args.no_marks), flush=True)


if __name__ == "__main__":
    main()
