"""Shared state in Redis (``[state] url``, extra ``hashcompat[redis]``): the rate-limit windows
and a file store's migrated marks, one copy for every worker and replica.

Each window is a sorted set of reservation tokens scored by Redis's own clock (``TIME``), so
replicas with drifting clocks agree. Admission is one Lua script: prune the window, compare the
count with the limit, add the reservation, all atomically; two replicas cannot both take the
last slot. Marks are one ``HSETNX`` per user. Keys of the windows are SHA-256 digests of the
user name and client address, so nothing typed into a user-name field is stored in clear.

When Redis does not answer, every call raises :class:`StateUnavailableError`: the server admits
no sign-in (rate limits fail closed) and answers the platform's "try again later".
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from hashcompat.errors import StateUnavailableError
from hashcompat.migrate._login import Store
from hashcompat.server._ratelimit import RateLimits

__all__ = ["RedisLimiter", "RedisMarker", "connect"]

T = TypeVar("T")

# KEYS: the user's window, then the client's; ARGV: window in ms, then each key's limit, token
_ADMIT = """
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local window = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', ms - window)
  if redis.call('ZCARD', key) >= tonumber(ARGV[i + 1]) then
    return 0
  end
end
local token = ARGV[#KEYS + 2]
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, ms, token)
  redis.call('PEXPIRE', key, window)
end
return 1
"""


def connect(url: str, timeout_s: float = 0.5) -> Any:
    """A Redis client with short timeouts: a sign-in cannot wait long for its rate limit."""
    try:
        import redis  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    except ImportError:
        from hashcompat.errors import ConfigError  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        raise ConfigError(
            "[state] url needs the redis client: pip install 'hashcompat[redis]'"
        ) from None
    return redis.Redis.from_url(
        url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s, retry_on_timeout=False
    )


def _call(work: Callable[[], T]) -> T:
    import redis  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    try:
        return work()
    except redis.RedisError as exc:
        raise StateUnavailableError(
            f"the shared state is unavailable ({type(exc).__name__})"
        ) from None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


class RedisLimiter:
    """:class:`hashcompat.server._ratelimit.Limiter` over Redis, shared by every replica."""

    def __init__(self, client: Any, limits: RateLimits, prefix: str = "hashcompat:") -> None:
        self.client = client
        self.limits = limits
        self.prefix = prefix
        self._admit = client.register_script(_ADMIT)

    def _keys(self, user: str, client: str | None) -> list[str]:
        keys = [f"{self.prefix}rl:u:{_digest(user)}"]
        return keys if client is None else [*keys, f"{self.prefix}rl:c:{_digest(client)}"]

    def admit(self, user: str, client: str | None) -> str | None:
        token = uuid.uuid4().hex
        keys = self._keys(user, client)
        limits = [self.limits.per_user, self.limits.per_client][: len(keys)]
        window_ms = int(self.limits.window_s * 1000)
        admitted = _call(lambda: self._admit(keys=keys, args=[window_ms, *limits, token]))
        return token if admitted == 1 else None

    def settle(self, token: str, user: str, client: str | None, *, failed: bool) -> None:
        if failed:
            return
        keys = self._keys(user, client)

        def release() -> None:
            with self.client.pipeline(transaction=True) as pipe:
                for key in keys:
                    pipe.zrem(key, token)
                pipe.execute()

        _call(release)


class RedisMarker:
    """:class:`hashcompat.migrate.stores.migrated.MarkingStore` for a file store: the marks of
    every replica in one Redis hash, user id -> UTC time of the mark."""

    def __init__(self, store: Store, client: Any, prefix: str = "hashcompat:") -> None:
        self._store = store
        self.client = client
        self.key = f"{prefix}marks"

    def mark_migrated(self, user_id: object, expected_hash: str) -> bool:
        credential = self._store.load(user_id)
        if credential is None or credential.hash != expected_hash:
            return False
        now = datetime.datetime.now(datetime.timezone.utc).isoformat()
        return bool(_call(lambda: self.client.hsetnx(self.key, str(user_id), now)))

    def count_migrated(self) -> int:
        return int(_call(lambda: self.client.hlen(self.key)))

    def marks(self) -> Iterator[tuple[str, str]]:
        """(user id, ISO time of the mark) for every marked user."""
        marks: dict[bytes, bytes] = _call(lambda: self.client.hgetall(self.key))
        for user, at in marks.items():
            yield user.decode("utf-8"), at.decode("ascii")
