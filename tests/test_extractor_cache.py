"""The loaded extractor is cached per user, named by its fingerprint: read back, it finds the same rows."""

import os
import pickle
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from conftest import ROOT, SEED
from marsad import extractor_cache
from marsad.extract import default_extractor, extract_batch
from marsad.settings import Settings

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize("value", [{"a": 1}, ("lexicon", [1, 2, 3])])
def test_a_stored_value_is_read_back(tmp_path, value):
    extractor_cache.store(tmp_path, "f1", value)
    assert extractor_cache.load(tmp_path, "f1") == value


@pytest.mark.parametrize("written", [None, b"", b"not a pickle", pickle.dumps({"x": 1})[:5]])
def test_a_missing_or_broken_cache_reads_as_none(tmp_path, written):
    if written is not None:
        extractor_cache.cache_file(tmp_path, "f1").write_bytes(written)
    assert extractor_cache.load(tmp_path, "f1") is None


def test_another_fingerprint_is_not_read_and_only_the_newest_files_stay(tmp_path):
    extractor_cache.store(tmp_path, "f0", 0)
    assert extractor_cache.load(tmp_path, "f1") is None
    for n in range(extractor_cache.KEEP):
        extractor_cache.store(tmp_path, f"f{n}", n)
        os.utime(extractor_cache.cache_file(tmp_path, f"f{n}"), (n + 1, n + 1))    # f0 oldest
    extractor_cache.store(tmp_path, "new", 1)
    kept = {p.name for p in tmp_path.iterdir()}
    assert kept == {extractor_cache.cache_file(tmp_path, f).name
                    for f in ["new", *(f"f{n}" for n in range(1, extractor_cache.KEEP))]}


def test_the_file_name_holds_the_fingerprint_and_the_interpreter(tmp_path):
    name = extractor_cache.cache_file(tmp_path, "abc123").name
    assert "abc123" in name and f"py{sys.version_info.major}{sys.version_info.minor}" in name


def test_an_unwritable_cache_dir_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    extractor_cache.store(blocker / "cache", "f1", 1)       # a file where the folder should be: logged, skipped
    assert extractor_cache.load(blocker / "cache", "f1") is None


def test_the_cache_dir_setting(tmp_path, monkeypatch):
    assert Settings.load({"data_dir": tmp_path, "cache_dir": str(tmp_path / "c")}).cache_path == tmp_path / "c"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert Settings.load({"data_dir": tmp_path}, environ={}).cache_path == tmp_path / "xdg" / "marsad"


EXTRACT_SEED = f"""
import json, sys
from datetime import datetime, timezone
from pathlib import Path
from marsad.documents import parse
from marsad.extract import DocText, default_extractor, extract_batch
from marsad.reading import Fingerprint, RawSource
from marsad.sources import SourceRef
data = Path({str(SEED)!r}).read_bytes()
p = parse(RawSource(SourceRef("seed", {str(SEED)!r}, "file"), data, None, Fingerprint(len(data), 0, None)),
          datetime(2026, 1, 1, tzinfo=timezone.utc))
r, s = p.row, p.sentences
doc = DocText(r["doc_id"], r["text"], r["language"], tuple(x["start"] for x in s), tuple(x["sentence_id"] for x in s),
              r.get("outlet"), r.get("published_at"), tuple(x.get("part") or "" for x in s))
rows = extract_batch([doc], default_extractor(), datetime(2026, 1, 1, tzinfo=timezone.utc))
json.dump({{t: len(v) for t, v in rows.items()}} | {{"mentions": sorted((m["start"], m["end"], m["actor_id"])
          for m in rows["actor_mentions"])}}, sys.stdout)
"""


def test_a_process_reading_the_cache_finds_what_one_loading_the_lexicons_finds(tmp_path):
    env = {"MARSAD_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}

    def run() -> str:
        done = subprocess.run([sys.executable, "-c", EXTRACT_SEED], capture_output=True, text=True, env=env,
                              cwd=ROOT, timeout=600)
        assert done.returncode == 0, done.stderr
        return done.stdout

    loaded = run()                                  # loads the lexicons, writes the cache
    assert len(list(tmp_path.glob("extractor-*.pickle"))) == 1
    assert run() == loaded and '"actor_mentions": 0' not in loaded      # reads the cache: the same rows


def test_a_value_that_cannot_be_pickled_is_no_error_and_leaves_no_file(tmp_path):
    import threading

    extractor_cache.store(tmp_path, "f1", {"lock": threading.Lock()})
    assert list(tmp_path.iterdir()) == [] and extractor_cache.load(tmp_path, "f1") is None


def test_a_cache_file_others_may_write_is_not_read(tmp_path):
    extractor_cache.store(tmp_path, "f1", 1)
    path = extractor_cache.cache_file(tmp_path, "f1")
    path.chmod(0o666)
    assert extractor_cache.load(tmp_path, "f1") is None
    path.chmod(0o644)
    assert extractor_cache.load(tmp_path, "f1") == 1


def test_a_stopped_write_is_removed_when_an_hour_old(tmp_path):
    old, new = tmp_path / ".extractor-a.pickle.1.tmp", tmp_path / ".extractor-b.pickle.2.tmp"
    for partial in (old, new):
        partial.write_bytes(b"partial")
    os.utime(old, (0, 0))
    extractor_cache.store(tmp_path, "f1", 1)
    assert not old.exists() and new.exists()


def test_no_cache_folder_is_no_error(monkeypatch):
    """No home directory (a container without HOME or a passwd entry): extraction loads the lexicons."""
    from marsad import extract

    def no_home(*args, **kwargs):
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(extract.Settings, "load", no_home)
    assert extract._cache_folder() is None
