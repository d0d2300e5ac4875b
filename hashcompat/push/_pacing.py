"""How fast to send: a concurrency window that adapts to 429s (AIMD), pauses the platform asks
for, and the backoff between retries.

- Additive increase, multiplicative decrease, as TCP does: each answered request widens the
  window by 1/window (about one request per round trip); a 429 halves it, at most once per
  round trip, never below one request.
- A pause applies to every sender: ``Retry-After`` (seconds or an HTTP date), or Okta's
  ``X-Rate-Limit-Reset`` (epoch seconds) when ``X-Rate-Limit-Remaining`` reaches zero. Times are
  read against the answer's own ``Date`` header, so the local clock's offset does not matter.
- Retries of 5xx, timeouts and dropped connections sleep a random time up to
  ``base * 2**attempt`` (capped): exponential backoff with full jitter.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime

MAX_PAUSE = 300.0  # a header asking for longer is read as this (and retried after)


def _http_date(value: str) -> float | None:
    try:
        return parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None


def server_now(headers: Mapping[str, str]) -> float:
    """The platform's clock from its ``Date`` header, else this machine's."""
    found = _http_date(headers.get("date", ""))
    return found if found is not None else time.time()


def pause_from(headers: Mapping[str, str], status: int) -> float | None:
    """Seconds the platform asks every sender to wait, or None."""
    now = server_now(headers)
    retry = headers.get("retry-after")
    if retry:
        seconds: float | None
        try:
            seconds = float(retry)
        except ValueError:
            at = _http_date(retry)
            seconds = None if at is None else at - now
        if seconds is not None:
            return min(max(seconds, 0.0), MAX_PAUSE)
    remaining, reset = headers.get("x-rate-limit-remaining"), headers.get("x-rate-limit-reset")
    if reset and (status == 429 or remaining == "0"):
        try:
            return min(max(float(reset) - now, 0.0), MAX_PAUSE)
        except ValueError:
            return None
    return None


def backoff(attempt: int, base: float = 0.05, cap: float = 10.0) -> float:
    """Full-jitter exponential backoff before retry number ``attempt`` (1, 2, ...)."""
    return random.uniform(0, min(cap, base * 2 ** (attempt - 1)))  # noqa: S311 - jitter


class Window:
    """The AIMD concurrency window shared by every sender of a run."""

    def __init__(self, maximum: int, start: int | None = None) -> None:
        self.maximum = max(1, maximum)
        self.size = float(min(self.maximum, start or self.maximum))
        self.in_flight = 0
        self.resume_at = 0.0
        self.backoff = 0.0  # the longest backoff sleeping now, for the progress bar
        self.throttled = 0
        self._cut_at = 0.0
        self._changed = asyncio.Condition()

    async def acquire(self) -> None:
        async with self._changed:
            while True:
                wait = self.resume_at - time.monotonic()
                if wait > 0:
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(self._changed.wait(), wait)
                    continue
                if self.in_flight < int(self.size):
                    self.in_flight += 1
                    return
                await self._changed.wait()

    async def release(self, *, throttled: bool, pause: float | None, rtt: float) -> None:
        async with self._changed:
            self.in_flight -= 1
            now = time.monotonic()
            if throttled:
                self.throttled += 1
                if now - self._cut_at > rtt:  # one cut per round trip
                    self.size = max(1.0, self.size / 2)
                    self._cut_at = now
            else:
                self.size = min(float(self.maximum), self.size + 1 / self.size)
            if pause:
                self.resume_at = max(self.resume_at, now + pause)
            # wake only as many senders as there are free places (a pause wakes them itself)
            self._changed.notify(max(1, int(self.size) - self.in_flight))
