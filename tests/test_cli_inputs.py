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
