"""A circuit breaker in front of the legacy store, so a dead database is not hammered.

After ``failures`` consecutive unavailability errors (or calls abandoned past the platform's
deadline) the circuit opens: every call fails at once with :class:`StoreUnavailableError`, and
the platform gets its "try again later" answer without waiting. After ``open_s`` one call, the
half-open probe, goes through; its success closes the circuit, its failure opens it again for
another ``open_s``. Only errors that say the store is unreachable count (connection refused or
lost, timeouts, a pool with no free connection); a bug stays a bug and is raised as it is.
"""

from __future__ import annotations

import enum
import functools
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from hashcompat.errors import StoreUnavailableError

__all__ = ["Breaker", "BreakerState", "is_unavailable"]

T = TypeVar("T")


class BreakerState(str, enum.Enum):
    CLOSED = "closed"  # calls go through
    OPEN = "open"  # calls fail at once
    HALF_OPEN = "half_open"  # one probe is in flight; the others fail at once

    def __str__(self) -> str:
        return self.value


@functools.lru_cache(maxsize=1)
def _unavailable_types() -> tuple[type[BaseException], ...]:
    """Exception types meaning "the store did not answer", from the drivers that are installed."""
    types: list[type[BaseException]] = [OSError, TimeoutError, StoreUnavailableError]
    try:
        from sqlalchemy import exc as sa_exc  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        types += [
            sa_exc.OperationalError,  # refused, lost, server shut down, lock timeout
            sa_exc.InterfaceError,  # the driver's connection object is closed
            sa_exc.DisconnectionError,
            sa_exc.TimeoutError,  # the pool had no free connection in pool_timeout
        ]
    except ImportError:  # pragma: no cover - the SQL stores need sqlalchemy anyway
        pass
    return tuple(types)


def is_unavailable(exc: BaseException) -> bool:
    return isinstance(exc, _unavailable_types())


class Breaker:
    """Thread-safe; one per store, shared by every route of a process."""

    def __init__(
        self, failures: int = 5, open_s: float = 5.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.threshold = max(1, failures)
        self.open_s = open_s
        self._clock = clock
        self._lock = threading.Lock()
        self._state = BreakerState.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self.opened = 0  # how many times the circuit opened (a metric)

    @property
    def state(self) -> BreakerState:
        with self._lock:
            return self._state

    def _enter(self) -> None:
        with self._lock:
            if self._state is BreakerState.CLOSED:
                return
            if self._state is BreakerState.OPEN and self._clock() - self._opened_at >= self.open_s:
                self._state = BreakerState.HALF_OPEN  # this call is the probe
                return
            raise StoreUnavailableError(f"the legacy store's circuit is {self._state.value}")

    def success(self) -> None:
        with self._lock:
            self._state = BreakerState.CLOSED
            self._failures = 0

    def failure(self) -> None:
        """One unavailability error (or a call abandoned at the deadline while in the store)."""
        with self._lock:
            self._failures += 1
            probing = self._state is BreakerState.HALF_OPEN
            if probing or (self._state is BreakerState.CLOSED and self._failures >= self.threshold):
                self._state = BreakerState.OPEN
                self._opened_at = self._clock()
                self.opened += 1

    def call(self, work: Callable[[], T]) -> T:
        """``work()`` through the breaker; an unavailability error becomes
        :class:`StoreUnavailableError` (the driver's message is not kept: it may name the
        database's address and user)."""
        self._enter()
        try:
            result = work()
        except Exception as exc:
            if not is_unavailable(exc):
                self.success()  # the store answered, with an error of another kind
                raise
            self.failure()
            raise StoreUnavailableError(
                f"the legacy store is unavailable ({type(exc).__name__})"
            ) from None
        self.success()
        return result
