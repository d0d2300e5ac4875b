"""Failure counters per user name and per client address, in a sliding window.

Only failures count, so a user who signs in once is never slowed; a burst of wrong passwords
for one account, or from one address across many accounts, is answered "no" without a verify
until the window moves on.

Admission is a reservation: :meth:`Limiter.admit` counts the failures in the window plus the
checks still in flight, and takes a slot when there is room; :meth:`Limiter.settle` gives the
slot back after a success and keeps it as a failure otherwise. So concurrent wrong guesses,
in one process or across replicas sharing Redis (:mod:`hashcompat.server._state`), never get
more than ``per_user`` verifies in a window. This in-process limiter bounds its keys, so a
flood of distinct names cannot grow memory without end (the oldest keys go first).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol

__all__ = ["FailureLimiter", "Limiter", "RateLimits"]


@dataclass(frozen=True, slots=True)
class RateLimits:
    per_user: int = 5
    per_client: int = 50
    window_s: float = 900.0
    max_keys: int = 100_000


class Limiter(Protocol):
    def admit(self, user: str, client: str | None) -> str | None:
        """A reservation token, or None when the user or the client is over its limit."""
        ...

    def settle(self, token: str, user: str, client: str | None, *, failed: bool) -> None:
        """Keep the reservation as a failure, or give it back."""
        ...


def _keys(user: str, client: str | None) -> list[str]:
    return ["u:" + user] + ([] if client is None else ["c:" + client])


class FailureLimiter:
    """The per-process limiter (no ``[state]`` configured)."""

    def __init__(self, limits: RateLimits) -> None:
        self.limits = limits
        self._slots: OrderedDict[str, dict[str, float]] = OrderedDict()  # key -> token -> time
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> int:
        slots = self._slots.get(key)
        if slots is None:
            return 0
        for token in [t for t, at in slots.items() if at <= now - self.limits.window_s]:
            del slots[token]
        if not slots:
            del self._slots[key]
            return 0
        return len(slots)

    def admit(self, user: str, client: str | None) -> str | None:
        now = time.monotonic()
        limits = {"u": self.limits.per_user, "c": self.limits.per_client}
        with self._lock:
            keys = _keys(user, client)
            if any(self._recent(key, now) >= limits[key[0]] for key in keys):
                return None
            token = uuid.uuid4().hex
            for key in keys:
                self._slots.setdefault(key, {})[token] = now
                self._slots.move_to_end(key)
            while len(self._slots) > self.limits.max_keys:
                self._slots.popitem(last=False)
            return token

    def settle(self, token: str, user: str, client: str | None, *, failed: bool) -> None:
        if failed:
            return
        with self._lock:
            for key in _keys(user, client):
                slots = self._slots.get(key)
                if slots is not None:
                    slots.pop(token, None)
