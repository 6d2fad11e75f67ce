"""Standing sources of scheduled runs: a TOML file listing folders and files."""

import pytest

from marsad.errors import SettingsError
from marsad.standing import load_standing


def test_paths_are_read(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('paths = ["data/seeds", "/srv/articles"]\n', encoding="utf-8")
    assert load_standing(path) == ["data/seeds", "/srv/articles"]


@pytest.mark.parametrize("content, reason", [
    (None, "no such sources file"),
    ("paths = [", "not valid TOML"),
    ("folders = ['a']", "`paths` must be a non-empty list"),
    ("paths = []", "`paths` must be a non-empty list"),
    ("paths = [1]", "`paths` must be a non-empty list"),
])
def test_bad_sources_file_names_file_and_reason(tmp_path, content, reason):
    path = tmp_path / "sources.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError, match=reason) as err:
        load_standing(path)
    assert str(path) in str(err.value)
