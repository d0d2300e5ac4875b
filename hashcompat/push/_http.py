"""One HTTP call with the push's rules: the AIMD window, pauses asked for, retries with backoff.

:meth:`Http.call` returns the first answer that is not worth retrying (2xx, 4xx other than
429, 501) and retries the rest: 429 after the pause the platform names, 5xx, timeouts and
dropped connections after a jittered exponential backoff. After ``retries`` tries it raises
:class:`~hashcompat.errors.PushError`; the checkpoint keeps the user SENDING, so the next run
looks it up before sending again. httpx is imported here only (``pip install hashcompat[push]``).
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import time
from dataclasses import dataclass
from typing import Any

from hashcompat.errors import PushError
from hashcompat.push._pacing import Window, backoff, pause_from, server_now

try:
    import httpx
except ImportError:  # pragma: no cover - the extra is missing
    httpx = None  # type: ignore[assignment]

# Set in the running task when a request was retried after an attempt that may have reached
# the platform (a dropped connection, a timeout, a 5xx): a "user exists" answer that follows
# may be our own first attempt. A clean first answer leaves it False.
UNCERTAIN: contextvars.ContextVar[bool] = contextvars.ContextVar("uncertain", default=False)

_RETRY = frozenset({429, 500, 502, 503, 504, 520, 522, 524})


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        try:
            return json.loads(self.text) if self.text else None
        except ValueError:
            return None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class Http:
    """An httpx client bound to one platform: base URL, auth headers, the shared window."""

    def __init__(
        self,
        base: str,
        headers: dict[str, str],
        window: Window,
        *,
        retries: int = 10,
        timeout: float = 30.0,
    ) -> None:
        if httpx is None:
            raise PushError("push needs httpx: pip install 'hashcompat[push]'")
        self.window = window
        self.retries = retries
        self.requests = 0
        self.retried = 0
        self.offset = 0.0  # the platform's clock minus this machine's, from Date headers
        self._client = httpx.AsyncClient(
            base_url=base.rstrip("/"),
            headers=headers,
            timeout=timeout,
            limits=httpx.Limits(max_connections=window.maximum + 2),
        )

    def clock(self) -> float:
        """Now, on the platform's clock (as far as its Date headers tell)."""
        return time.time() + self.offset

    async def call(self, method: str, url: str, **options: Any) -> Answer:
        last = "no answer"
        for attempt in range(1, self.retries + 1):
            await self.window.acquire()
            started = time.monotonic()
            try:
                self.requests += 1
                response = await self._client.request(method, url, **options)
                text = response.text
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                await self.window.release(throttled=False, pause=None, rtt=0.0)
                last = type(exc).__name__
                if method != "GET":
                    UNCERTAIN.set(True)
            else:
                headers = {k.lower(): v for k, v in response.headers.items()}
                if "date" in headers:
                    self.offset = server_now(headers) - time.time()
                status = response.status_code
                pause = pause_from(headers, status)
                await self.window.release(
                    throttled=status == 429, pause=pause, rtt=time.monotonic() - started
                )
                if status not in _RETRY:
                    return Answer(status, headers, text)
                last = f"HTTP {status}"
                if status == 429 and pause is not None:
                    self.retried += 1
                    continue  # the window already waits for the pause
                if status != 429 and method != "GET":
                    UNCERTAIN.set(True)
            self.retried += 1
            delay = backoff(attempt)
            self.window.backoff = max(self.window.backoff, delay)
            await asyncio.sleep(delay)
            self.window.backoff = 0.0
        raise PushError(
            f"{method} {url}: the platform failed {self.retries} times in a row ({last}); "
            "nothing is lost: run the same command again to resume"
        )

    async def close(self) -> None:
        await self._client.aclose()
