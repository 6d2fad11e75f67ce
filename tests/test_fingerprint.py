"""The extractor's fingerprint covers every input of extraction, so a change means re-reading."""
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

import marsad
from marsad.extract import default_extractor
from marsad.fingerprint import PACKAGE, code_files, data_files

SOURCE = Path(marsad.__file__).parent
PRINT = "from marsad.fingerprint import extraction_fingerprint; print(extraction_fingerprint())"


def fingerprint_of(package_parent: Path) -> str:
    """The fingerprint computed by the marsad package copied under package_parent."""
    out = subprocess.run([sys.executable, "-c", PRINT], capture_output=True, text=True, check=True,
                         cwd=package_parent, env={"PYTHONPATH": str(package_parent)})
    return out.stdout.strip()


@pytest.fixture(scope="module")
def copied(tmp_path_factory) -> Path:
    """A copy of the marsad package, to edit without touching the installed one."""
    parent = tmp_path_factory.mktemp("pkg")
    shutil.copytree(SOURCE, parent / "marsad", ignore=shutil.ignore_patterns("__pycache__"))
    return parent


@contextmanager
def edited(parent: Path, relative: str):
    """A line added to one file of the copied package, removed again afterwards."""
    target = parent / "marsad" / relative
    original = target.read_bytes()
    target.write_bytes(original + b"\n# edited\n")
    try:
        yield
    finally:
        target.write_bytes(original)


@pytest.mark.parametrize("relative", ["lang/ar/stopwords.txt", "lang/en/actors/roles.tsv",
                                      "lexicon/countries.tsv", "normalize.py", "dates.py",
                                      "actors/names.py", "events/coder.py", "claims/speaker.py"])
def test_editing_an_input_of_extraction_changes_the_fingerprint(copied, relative):
    before = fingerprint_of(copied)
    with edited(copied, relative):
        assert fingerprint_of(copied) != before, f"{relative} is read by extraction but not fingerprinted"
    assert fingerprint_of(copied) == before


@pytest.mark.parametrize("relative", ["lexicon/README.md", "cli.py", "web/fetch.py"])
def test_files_extraction_does_not_read_leave_it_unchanged(copied, relative):
    before = fingerprint_of(copied)
    with edited(copied, relative):
        assert fingerprint_of(copied) == before


def test_every_packaged_word_list_is_covered():
    covered = set(data_files())
    lists = [p for p in (PACKAGE / "lang").rglob("*") if p.suffix in {".txt", ".tsv", ".toml"}]
    assert lists and not [p for p in lists if p not in covered]


def test_modules_extraction_loads_are_covered():
    names = {p.name for p in code_files()}
    assert {"resolve.py", "coder.py", "attribution.py", "normalize.py", "analysis.py"} <= names


def test_the_extractor_carries_the_fingerprint():
    assert len(default_extractor().fingerprint) == 16
