"""A progress bar for long work, shown only when a person is watching a terminal."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

# Below this many items a run finishes in about a second: no bar.
MIN_ITEMS = 200


class _Quiet:
    """Stands in for a bar when none is shown."""

    def advance(self, n: int) -> None:
        """Ignore progress."""


class _Bar:
    """A rich progress task."""

    def __init__(self, progress: Progress, task_id):
        self._progress, self._task = progress, task_id

    def advance(self, n: int) -> None:
        """Move the bar by n items."""
        self._progress.advance(self._task, n)


@contextmanager
def progress_bar(total: int, label: str) -> Iterator[_Bar | _Quiet]:
    """A bar on stderr for `total` items if stderr is a terminal and the work is long."""
    if total < MIN_ITEMS or not sys.stderr.isatty():
        yield _Quiet()
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as progress:
        yield _Bar(progress, progress.add_task(label, total=total))
