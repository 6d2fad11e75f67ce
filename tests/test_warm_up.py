"""The fork server's warm-up (marsad/extract.py `warm_up`): it reaches every extraction stage of
each language, and a process that warmed up extracts the same rows as one that did not."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from marsad.extract import DocText, _extract, default_extractor
from marsad.lang import codes, warm_up_text
from marsad.segment import split_block

from conftest import ARTICLES_DIR, ROOT, SEED

# Extracts the seed and the bundled test articles in a fresh process, warmed up first or not,
# and prints every row as JSON (the extraction time left out).
EXTRACT = """
import json, sys
from datetime import datetime, timezone
from pathlib import Path
from marsad.extract import DocText, default_extractor, extract_batch, warm_up
from marsad.language import identify
from marsad.segment import split_block
extractor = default_extractor()
if sys.argv[1] == "warm":
    warm_up(extractor)
docs = []
for path in sys.argv[2:]:
    text = Path(path).read_text(encoding="utf-8")
    code = identify(text)
    starts = tuple(start for start, _ in split_block(text, 0, len(text), code))
    docs.append(DocText(path, text, code, starts, tuple(map(str, starts))))
rows = extract_batch(docs, extractor, datetime(2026, 1, 1, tzinfo=timezone.utc))
print(json.dumps(rows, default=str, ensure_ascii=False, sort_keys=True))
"""


@pytest.mark.parametrize("code", [c for c in codes() if warm_up_text(c)])
def test_warm_up_reaches_every_stage(code):
    """Each pack's warm-up paragraph yields actors, a claim and an event: the lists of all three load."""
    text = warm_up_text(code)
    starts = tuple(start for start, _ in split_block(text, 0, len(text), code))
    mentions, claims, events = _extract(DocText("warm-up", text, code, starts, tuple(map(str, starts))),
                                        default_extractor())
    assert mentions and claims and events


def test_every_extracting_language_has_a_warm_up():
    """A language the extractor reads without a warm-up paragraph would load its lists in every worker."""
    assert [code for code in default_extractor().events if not warm_up_text(code)] == []


def test_warm_up_changes_no_row():
    """Rows of the seed and the bundled articles are the same with and without the warm-up."""
    paths = [str(SEED)] + sorted(str(p) for p in ARTICLES_DIR.glob("*.txt"))[:6]
    out = {how: subprocess.run([sys.executable, "-c", EXTRACT, how, *paths], capture_output=True, text=True,
                               check=True, cwd=ROOT).stdout for how in ("cold", "warm")}
    rows = json.loads(out["cold"])
    assert rows["events"] and rows["claims"]
    assert json.loads(out["warm"]) == rows
