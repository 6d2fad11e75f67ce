"""Standing sources of scheduled runs: a TOML file listing folders and files."""

import pytest

from marsad.errors import SettingsError
from marsad.standing import load_standing


def test_paths_are_read(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('paths = ["data/seeds", "/srv/articles"]\n', encoding="utf-8")
    assert load_standing(path).paths == ["data/seeds", "/srv/articles"]


def test_web_sources_are_read_and_tag_the_run(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('feeds = ["https://example.com/rss.xml"]\nsitemaps = ["https://example.com/s.xml"]\n'
                    'paths = ["crawl.warc.gz"]\n', encoding="utf-8")
    standing = load_standing(path)
    assert standing.feeds == ["https://example.com/rss.xml"] and standing.sitemaps == ["https://example.com/s.xml"]
    assert standing.tags == ["warc", "web"]


@pytest.mark.parametrize("content, reason", [
    (None, "no such sources file"),
    ("paths = [", "not valid TOML"),
    ("folders = ['a']", "unknown key `folders`"),
    ("paths = []", "lists no source"),
    ("paths = [1]", "`paths` must be a list of strings"),
    ("feeds = 'https://example.com/rss'", "`feeds` must be a list of strings"),
])
def test_bad_sources_file_names_file_and_reason(tmp_path, content, reason):
    path = tmp_path / "sources.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError, match=reason) as err:
        load_standing(path)
    assert str(path) in str(err.value)
