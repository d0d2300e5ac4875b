"""The server's state without the web framework: store, verifier, limiter, audit trail.

:meth:`Service.sign_in` is what every route and the Cognito handler call with the user name and
password they parsed out of their platform's request: rate limit, verify, the legacy row's
profile columns for the claims, mark, audit. With ``[state] url`` the limiter and a file
store's marks live in Redis, shared by every worker and replica; otherwise in this process.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable
from typing import Any

from hashcompat.errors import StateUnavailableError, StoreUnavailableError
from hashcompat.migrate.stores.migrated import MemoryMarker
from hashcompat.server._audit import AuditLog
from hashcompat.server._backends import Backend, build_store
from hashcompat.server._breaker import Breaker
from hashcompat.server._budget import limits_for_budget
from hashcompat.server._config import ServerConfig
from hashcompat.server._core import FAILURES, Kind, SignInOutcome, Ticket, Verifier
from hashcompat.server._ratelimit import FailureLimiter, Limiter

__all__ = ["Backend", "Health", "Service", "build_store"]


class Health(str, enum.Enum):
    """A dependency's state in ``/readyz`` (the JSON shows the value)."""

    OK = "ok"
    UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return self.value


log = logging.getLogger("hashcompat.server")


Events = Callable[[str, str], None]  # (backend, what happened): counted by the app's metrics


def _no_event(backend: str, what: str) -> None:
    return None


class Service:
    def __init__(
        self, config: ServerConfig, *, backend: Backend | None = None, events: Events = _no_event
    ) -> None:
        self.config = config
        self.events = events
        self.backend = backend if backend is not None else build_store(config.store)
        self.breaker = Breaker(config.store.breaker_failures, config.store.breaker_open_ms / 1000)
        self.redis: Any = None
        self.limiter: Limiter = FailureLimiter(config.rate)
        marker = self.backend.marker
        if config.state.url is not None:
            from hashcompat.server._state import RedisLimiter, RedisMarker, connect  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

            self.redis = connect(config.state.url, config.state.timeout_ms / 1000)
            self.limiter = RedisLimiter(self.redis, config.rate, config.state.prefix)
            if isinstance(marker, MemoryMarker):  # a file store's marks, shared
                marker = RedisMarker(self.backend.store, self.redis, config.state.prefix)
        self.marker = marker
        self.verifier = Verifier(
            config.migrator,
            self.backend.store,
            marker=marker,
            limits=limits_for_budget(config.budget_s),
            profiles=self.backend.profiles,
            breaker=self.breaker,
        )
        self.audit = AuditLog(config.audit_log, config.audit_user, config.audit_key)

    @property
    def shared(self) -> bool:
        """Whether rate limits and marks are shared by every process (Redis configured)."""
        return self.redis is not None

    def user_key(self, user: str) -> str:
        return user.lower() if self.config.lowercase_user else user

    def _record(self, platform: str, user: str, outcome: SignInOutcome, client: str | None) -> None:
        if outcome.kind in (Kind.STORE_UNAVAILABLE, Kind.STATE_UNAVAILABLE):
            backend = "store" if outcome.kind is Kind.STORE_UNAVAILABLE else "state"
            self.events(backend, "unavailable")
        self.audit.record(
            platform=platform,
            user_id=user,
            outcome=outcome.kind,
            scheme=outcome.scheme,
            migrated=outcome.migrated,
            client=client,
            seconds=outcome.seconds,
        )

    def sign_in(
        self,
        platform: str,
        user: str,
        password: str,
        client: str | None,
        ticket: Ticket | None = None,
    ) -> SignInOutcome:
        """Blocking: run it in a worker thread from async code. The caller pads the answer to
        ``min_response_s`` (asynchronously, so no worker thread sleeps). With a ``ticket``, the
        answer and its audit line belong to whoever closes the ticket first (see
        :meth:`give_up`)."""
        user = self.user_key(user)
        if ticket is not None and ticket.remaining() <= 0:
            outcome = SignInOutcome(
                Kind.OVERLOADED
            )  # the platform has given up on this call already
        else:
            outcome = self._check(user, password, client, ticket)
        if ticket is None or ticket.take():
            self._record(platform, user, outcome, client)
        return outcome

    def _check(
        self, user: str, password: str, client: str | None, ticket: Ticket | None
    ) -> SignInOutcome:
        try:
            token = self.limiter.admit(user, client)
        except StateUnavailableError:
            return SignInOutcome(Kind.STATE_UNAVAILABLE)  # fail closed
        if token is None:
            return SignInOutcome(Kind.RATE_LIMITED)
        if ticket is not None:
            ticket.admitted = True
        outcome = self.verifier.check(user, password, ticket)
        try:
            self.limiter.settle(token, user, client, failed=outcome.kind in FAILURES)
        except StateUnavailableError:  # the reservation stays: one failure too many, at worst
            self.events("state", "settle_failed")
        return outcome

    def give_up(
        self, platform: str, user: str, client: str | None, ticket: Ticket
    ) -> SignInOutcome | None:
        """The deadline passed with the check still running: "try again later", or None when
        the worker holds the answer already (it is marking the row; wait for it).

        Waiting on the store at that moment is ``store_unavailable`` and a failure for the
        breaker; a verify still running is ``timed_out`` (it was admitted, and counts against
        the limit if it fails); a check that never started is ``overloaded``."""
        if not ticket.give_up():
            return None
        if ticket.in_store:
            kind = Kind.STORE_UNAVAILABLE
            self.breaker.failure()
            self.events("store", "timeout")
        else:
            kind = Kind.TIMED_OUT if ticket.admitted else Kind.OVERLOADED
        outcome = SignInOutcome(kind, seconds=time.perf_counter() - ticket.started)
        self._record(platform, self.user_key(user), outcome, client)
        return outcome

    def ready(self) -> dict[str, str]:
        """What ``/readyz`` reports: ``{"store": "ok"|"unavailable", "state": ...}``."""
        report = {"store": Health.OK, "breaker": str(self.breaker.state)}
        try:
            self.breaker.call(self.backend.ping)
        except StoreUnavailableError:
            report["store"] = Health.UNAVAILABLE
        report["breaker"] = str(self.breaker.state)
        if self.redis is not None:
            try:
                self.redis.ping()
                report["state"] = Health.OK
            except Exception:  # any client error: not ready
                report["state"] = Health.UNAVAILABLE
        return report
