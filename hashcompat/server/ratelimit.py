"""Failure counters per user name and per client address, in a sliding window.

Only failures count, so a user who signs in once is never slowed; a burst of wrong passwords
for one account, or from one address across many accounts, is answered "no" without a verify
until the window moves on. Keys are bounded in number so a flood of distinct names cannot grow
memory without end (the oldest keys go first).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass

__all__ = ["FailureLimiter", "RateLimits"]


@dataclass(frozen=True, slots=True)
class RateLimits:
    per_user: int = 5
    per_client: int = 50
    window_s: float = 900.0
    max_keys: int = 100_000


class FailureLimiter:
    def __init__(self, limits: RateLimits) -> None:
        self.limits = limits
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> int:
        times = self._failures.get(key)
        if times is None:
            return 0
        while times and times[0] <= now - self.limits.window_s:
            times.popleft()
        if not times:
            del self._failures[key]
            return 0
        return len(times)

    def blocked(self, user: str, client: str | None) -> bool:
        now = time.monotonic()
        with self._lock:
            if self._recent("u:" + user, now) >= self.limits.per_user:
                return True
            return client is not None and self._recent("c:" + client, now) >= (
                self.limits.per_client
            )

    def failed(self, user: str, client: str | None) -> None:
        now = time.monotonic()
        with self._lock:
            for key in ("u:" + user, None if client is None else "c:" + client):
                if key is None:
                    continue
                times = self._failures.setdefault(key, deque())
                self._failures.move_to_end(key)
                times.append(now)
            while len(self._failures) > self.limits.max_keys:
                self._failures.popitem(last=False)
