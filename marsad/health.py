"""Source health: how many runs in a row each source has failed, to warn about the persistent ones.

A small JSON file in the data dir keeps one entry per source whose latest run failed: its streak
of consecutive failed runs and the latest reason. A success removes the entry, so the file holds
only failing sources. It is replaced atomically, so a crash leaves the previous state.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

log = logging.getLogger(__name__)

HEALTH_FILE = "source_health.json"
# Three failed runs in a row (90 minutes at the 30-minute schedule) separate a source that is
# down from a transient error that the next run's retry fixes.
WARN_AFTER_RUNS = 3
# Rejects that say what a page is, not that something failed: such a page is never fetched
# again (see ingest.LASTING_REJECTS), so warning about it run after run would only be noise.
NOT_FAILURES = ("no_article_text", "not_html", "robots_disallowed")


@dataclass(frozen=True)
class Failing:
    """A source that has failed `runs` runs in a row, with its latest reason."""

    uri: str
    runs: int
    reason: str | None
    message: str | None
    since: str


def health_path(data_dir: Path) -> Path:
    """Where the source health file lives."""
    return Path(data_dir) / HEALTH_FILE


def load_health(data_dir: Path) -> dict[str, dict]:
    """The failing sources recorded so far; an unreadable file counts as none (and is logged)."""
    path = health_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        log.warning("%s: unreadable (%s); failure streaks start again", path, err)
        return {}
    return data if isinstance(data, dict) else {}


def update_health(data_dir: Path, outcomes: Iterable, run_at: datetime) -> list[Failing]:
    """Record this run's outcomes; return the sources failing WARN_AFTER_RUNS runs in a row or more.

    A source counts once per run however many of its outcomes failed (a sitemap index with three
    missing children failed one run, not three); any failure in a run makes it a failed run.
    """
    state, failed, worked = load_health(data_dir), {}, set()
    for outcome in outcomes:
        if outcome.status != "rejected":
            worked.add(outcome.uri)
        elif outcome.reason not in NOT_FAILURES:
            failed[outcome.uri] = outcome
    for uri in worked - set(failed):
        state.pop(uri, None)
    for uri, outcome in failed.items():
        entry = state.get(uri, {"runs": 0, "since": run_at.isoformat()})
        state[uri] = {**entry, "runs": entry["runs"] + 1, "reason": outcome.reason, "message": outcome.message}
    _save(health_path(data_dir), state)
    failing = [Failing(uri, e["runs"], e.get("reason"), e.get("message"), e["since"])
               for uri, e in sorted(state.items()) if e["runs"] >= WARN_AFTER_RUNS]
    log.debug("%d sources failing, %d of them for %d runs or more", len(state), len(failing), WARN_AFTER_RUNS)
    return failing


def _save(path: Path, state: dict) -> None:
    """Write the state beside its final path, then swap it in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
