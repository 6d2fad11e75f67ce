"""Standing sources: what a scheduled run ingests (folders, files, pages, feeds, sitemaps), in TOML.

    paths = ["data/seeds", "/srv/archive/cc-news.warc.gz", "https://example.com/news/1.html"]
    url_files = ["deployments/urls.txt"]
    feeds = ["https://example.com/rss.xml"]
    sitemaps = ["https://example.com/news-sitemap.xml"]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import SettingsError

KEYS = ("paths", "url_files", "feeds", "sitemaps")


@dataclass(frozen=True)
class Standing:
    """The sources listed in a sources file; each list may be empty, not all of them."""

    paths: list[str]
    url_files: list[str]
    feeds: list[str]
    sitemaps: list[str]

    @property
    def tags(self) -> list[str]:
        """Kinds of source for the UI's filters (files, web, warc)."""
        from .sources import source_tags

        web = ["web"] if self.url_files or self.feeds or self.sitemaps else []
        return sorted(set(source_tags(self.paths) + web))


def load_standing(path: str | Path) -> Standing:
    """The sources of a sources file, or a SettingsError naming the file and the reason."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: no such sources file") from None
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"{path}: not valid TOML: {err}") from None
    lists = {key: data.get(key, []) for key in KEYS}
    for key, value in lists.items():
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise SettingsError(f"{path}: `{key}` must be a list of strings")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise SettingsError(f"{path}: unknown key `{unknown[0]}` (known: {', '.join(KEYS)})")
    if not any(lists.values()):
        raise SettingsError(f"{path}: lists no source: give `paths`, `url_files`, `feeds` or `sitemaps`")
    return Standing(**lists)
