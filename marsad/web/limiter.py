"""Per-host politeness shared by every fetch of a run: concurrent requests and their spacing."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass
class _Host:
    """The state of one host: its slots, its spacing and when the next request may start."""

    slots: threading.BoundedSemaphore
    interval_s: float
    next_start: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class HostLimiter:
    """At most `concurrency` requests in flight per host, request starts `1/rps` seconds apart.

    Create one per run and pass it to every Fetcher of the run; it is thread-safe. A host's
    spacing grows to its robots.txt crawl delay through `set_delay` (never shrinks below 1/rps).
    """

    def __init__(self, concurrency: int = 2, rps: float = 1.0):
        if concurrency < 1 or rps <= 0:
            raise ValueError("per-host concurrency must be >= 1 and requests per second > 0")
        self.concurrency = concurrency
        self.min_interval_s = 1.0 / rps
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of the host's slots, started no sooner than its spacing allows."""
        state = self._host(host)
        state.slots.acquire()
        try:
            self._wait_turn(state)
            yield
        finally:
            state.slots.release()

    def set_delay(self, host: str, delay_s: float) -> None:
        """Space the host's requests by `delay_s` when that is longer than 1/rps."""
        state = self._host(host)
        with state.lock:
            state.interval_s = max(self.min_interval_s, delay_s)
        logger.debug("spacing for %s: %.2f s", host, state.interval_s)

    def interval(self, host: str) -> float:
        """The current spacing between request starts for a host, in seconds."""
        return self._host(host).interval_s

    def _host(self, host: str) -> _Host:
        """The state of a host, created on first use."""
        with self._lock:
            if host not in self._hosts:
                slots = threading.BoundedSemaphore(self.concurrency)
                self._hosts[host] = _Host(slots, self.min_interval_s)
            return self._hosts[host]

    @staticmethod
    def _wait_turn(state: _Host) -> None:
        """Reserve the host's next start time and sleep until it comes."""
        with state.lock:
            now = time.monotonic()
            start = max(now, state.next_start)
            state.next_start = start + state.interval_s
        if start > now:
            time.sleep(start - now)
