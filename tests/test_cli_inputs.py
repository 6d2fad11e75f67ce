"""Bad inputs met by the CLI in-process: each a clear message and exit code, never a traceback."""

import pytest

from marsad.cli import main


@pytest.mark.parametrize("content", ["actors: []\n", "- a list\n", "", "document:\n"])
def test_a_gold_file_without_document_is_a_clear_error(tmp_path, capsys, content):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "article.yaml").write_text(content, encoding="utf-8")
    assert main(["eval", str(gold), "--data-dir", str(tmp_path / "data")]) == 1
    err = capsys.readouterr().err
    assert "article.yaml: no `document:` key" in err and "Traceback" not in err


def test_an_unreadable_sub_folder_is_a_named_reject_and_the_rest_is_read(settings, articles, monkeypatch):
    # Tests run as root here, where permissions do not bite: the OS error is simulated.
    import os

    from conftest import run_ingest

    articles("a.txt", "عنوان\nقال الوزير إن الوفد سيصل غدا.\n")
    locked = articles.folder / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = run_ingest([articles.folder], settings)
    assert report.counts["new"] == 1
    assert [(o.uri, o.reason, o.message) for o in report.rejects] == [
        (locked.as_uri(), "unreadable", "folder cannot be read: permission denied")]


def test_a_path_that_cannot_be_reached_does_not_stop_the_others(settings, articles, monkeypatch):
    import os
    from pathlib import Path

    from conftest import run_ingest

    good = articles("a.txt", "عنوان\nقال الوزير إن الوفد سيصل غدا.\n")
    hidden = Path("/nowhere-searchable/secret/b.txt")
    real = os.stat

    def stat(path, *args, **kwargs):
        if os.fspath(path).startswith("/nowhere-searchable"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    report = run_ingest([hidden, good], settings)
    assert report.counts["new"] == 1
    assert [(o.reason, o.message) for o in report.rejects] == [("unreadable", "cannot be reached: permission denied")]
