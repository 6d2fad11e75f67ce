"""Documents handed to extraction with their text (as ingest writes them) read as documents read back from the lake."""

import subprocess
import sys

import pytest

from conftest import ROOT

READ_BOTH = """
import sys, tempfile
from datetime import datetime, timezone
from pathlib import Path
from marsad.documents import parse
from marsad.extract import doc_text, read_documents, written_texts
from marsad.ingest import write_batch
from marsad.lake import LakeState
from marsad.reading import Fingerprint, RawSource
from marsad.sources import SourceRef
path = Path(sys.argv[1])
data, side = path.read_bytes(), path.with_name(path.name[:-4] + ".meta.json")
raw = RawSource(SourceRef(f"file://{path}", str(path), "file"), data, side.read_bytes() if side.exists() else None,
                Fingerprint(len(data), 0, None))
item = parse(raw, datetime(2026, 1, 1, tzinfo=timezone.utc))
lake = Path(tempfile.mkdtemp()) / "lake"
done = write_batch(lake, [item, item], LakeState(), datetime(2026, 1, 1, tzinfo=timezone.utc))
given = written_texts([item, item], done.delta.doc_ids)
read = read_documents(lake, sorted(done.delta.doc_ids))
assert len(given) == 1 and given == read, (given, read)
assert [str(d.published) for d in given] == [str(d.published) for d in read]     # the same day, as written
print(read[0].published)
"""


@pytest.mark.parametrize("tz", ["UTC", "America/New_York", "Asia/Tokyo"])
@pytest.mark.parametrize("article", ["101_jordan_iraq_border.txt", "103_iraq_pm_us_talks.txt",
                                     "102_yemen_truce_talks.txt"])
def test_a_written_document_given_with_its_text_equals_it_read_back(article, tz):
    """Field by field, in any time zone of the machine (a date read back in local time moved
    claim and event dates by a day)."""
    done = subprocess.run([sys.executable, "-c", READ_BOTH, str(ROOT / "tests" / "data" / "articles" / article)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={"TZ": tz, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": "/tmp"})
    assert done.returncode == 0, done.stderr
