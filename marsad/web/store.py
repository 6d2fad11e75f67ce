"""Pages from the network or from the lake's raw_pages, and the record of every fetch.

I/O only: a page is fetched when the lake does not hold it (or when asked to refresh); every
fetch goes to fetch_log and every new body to raw_pages, so documents can be rebuilt offline.
"""

from __future__ import annotations

from pathlib import Path

from ..lake import LakeState, read_raw_pages, write_rows
from ..schema import KEYS
from ..sources import SourceRef
from .fetch import Fetcher, FetchResult
from .pages import Page, fetch_log_row, raw_page_row, stored_result

# Fetch errors decided before any request was sent.
NOT_SENT = ("bad_url", "blocked_address", "robots_disallowed", "robots_unavailable")


def fetch_pages(fetcher: Fetcher, refs: list[SourceRef], lake_dir: Path, state: LakeState,
                refresh: bool = False) -> list[Page]:
    """Pages for web sources: from raw_pages when already stored (unless refresh), else fetched.

    A page stored under another URL that redirected to it counts as stored. A refresh that
    fails falls back to the stored copy, so a passing outage never drops a good document.
    """
    keys = {r.uri: state.stored_as(r.uri) for r in refs}
    stored = load_raw_pages(lake_dir, sorted({k for k in keys.values() if k}))
    missing = [r.uri for r in refs if refresh or keys[r.uri] not in stored]
    fetched = dict(zip(missing, fetcher.fetch_many(missing)))
    return [Page(ref, _fresh_or_stored(fetched.get(ref.uri), stored.get(keys[ref.uri]))) for ref in refs]


def _fresh_or_stored(fetched: FetchResult | None, stored: FetchResult | None) -> FetchResult:
    """The fetched result, unless it failed and a stored copy exists."""
    if fetched is None or (not fetched.ok and stored is not None):
        return stored
    return fetched


def load_raw_pages(lake_dir: Path, urls: list[str]) -> dict:
    """The latest stored response of each URL, as FetchResults (no network)."""
    return {row["url"]: stored_result(row) for row in read_raw_pages(lake_dir, urls)}


def write_fetches(lake_dir: Path, fetcher: Fetcher, state: LakeState) -> int:
    """Write the fetch log and the raw bodies of the fetches since the last call; return how many
    were requests (a URL refused before any request, by robots.txt or the guard, is logged only).

    The journal is emptied only after both files are written, so a retry writes them again.
    """
    done = fetcher.journal()
    raws = [raw_page_row(result) for kind, result in done if kind == "html" and result.ok]
    raws = [row for row in raws if (row["url"], row["sha256"]) not in state.raw_bodies]  # refreshed, same body
    write_rows(lake_dir, "fetch_log", [fetch_log_row(kind, result) for kind, result in done], KEYS["fetch_log"])
    write_rows(lake_dir, "raw_pages", raws, KEYS["raw_pages"])
    for row in raws:
        state.add_raw(row["url"], row["final_url"], row["sha256"])
    fetcher.forget(len(done))
    return sum(1 for _, result in done if result.error not in NOT_SENT)
