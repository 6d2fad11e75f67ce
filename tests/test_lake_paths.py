"""A data dir whose path holds a quote or a glob character works end to end (paths are SQL parameters)."""

import pytest

from marsad.cli import main
from conftest import run_extract
from conftest import run_ingest
from marsad.settings import Settings
from marsad.warehouse import build

from conftest import SEED


@pytest.mark.parametrize("name", ["it's data", "data [1]", "data*", "a'b'[c]*"])
def test_a_data_dir_with_quotes_or_glob_characters_runs_twice_and_queries(tmp_path, capsys, name):
    settings = Settings.load({"data_dir": tmp_path / name}, environ={})
    for _ in range(2):                  # the second run reads the lake's state back
        run_ingest([SEED], settings)
        run_extract(settings)
        build(settings, force=True)
    capsys.readouterr()
    sql = "select (select count(*) from documents), (select count(*) > 0 from actor_mentions)"
    assert main(["query", sql, "--data-dir", str(settings.data_dir), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "1,True"


def test_a_question_mark_in_the_data_dir_is_a_clear_usage_error(tmp_path, capsys):
    assert main(["query", "select 1", "--data-dir", str(tmp_path / "what?")]) == 2
    assert "must not contain '?'" in capsys.readouterr().err
