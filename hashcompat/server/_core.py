"""The one decision every hook route and the Cognito handler share: does this password open
this legacy account, and may the row be marked migrated?

It is :func:`hashcompat.migrate.login` under a read-only :class:`~hashcompat.migrate.Migrator`
(the platform keeps its own hash; the legacy row is only marked), with caps derived from the
time budget so a row whose cost would exceed the platform's timeout is refused before any work.
Unknown users, refused rows and over-budget rows all cost one dummy verify, through ``login``.

Every call to the store (load, profile, mark) goes through a :class:`Breaker`. A verified
sign-in is answered "verified" only once its mark is written: when the store fails between the
verify and the mark, the answer is "try again later", so no platform keeps a password whose
legacy row stays unmarked.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from hashcompat.errors import (
    HashcompatError,
    StateUnavailableError,
    StoreUnavailableError,
    UnsafeParametersError,
)
from hashcompat.migrate import Credential, Migrator, Store, login
from hashcompat.migrate.stores.migrated import MarkingStore
from hashcompat.scheme import Limits, using_limits
from hashcompat.server._breaker import Breaker

__all__ = ["FAILURES", "UNAVAILABLE", "Kind", "SignInOutcome", "Ticket", "Verifier"]

log = logging.getLogger("hashcompat.server")
T = TypeVar("T")
Profiles = Callable[[str], Mapping[str, str]]


class Kind(str, enum.Enum):
    """What one sign-in check decided: the audit log's ``outcome`` and the metrics' label."""

    VERIFIED = "verified"
    FAILED = "failed"
    UNKNOWN_USER = "unknown_user"
    REFUSED = "refused"  # the row's scheme is not allowed
    MALFORMED = "malformed"
    OVER_BUDGET = "over_budget"  # the row's cost exceeds what fits the time budget
    RATE_LIMITED = "rate_limited"
    OVERLOADED = "overloaded"  # queued past the platform's deadline: not verified
    TIMED_OUT = "timed_out"  # admitted, but the verify ran past the deadline
    STORE_UNAVAILABLE = "store_unavailable"  # the legacy store is down, slow or refusing
    STATE_UNAVAILABLE = "state_unavailable"  # Redis is down: fail closed

    def __str__(self) -> str:
        return self.value


# outcomes that count against a user's and a client's failure budget
FAILURES = frozenset(
    {Kind.FAILED, Kind.UNKNOWN_USER, Kind.REFUSED, Kind.MALFORMED, Kind.OVER_BUDGET}
)
# outcomes answered with the platform's "try again later"
UNAVAILABLE = frozenset(
    {Kind.STORE_UNAVAILABLE, Kind.STATE_UNAVAILABLE, Kind.OVERLOADED, Kind.TIMED_OUT}
)


@dataclass(frozen=True, slots=True)
class SignInOutcome:
    """What one sign-in check decided; scheme names only, never a password or a hash. (Built
    from the :class:`~hashcompat.migrate._login.LoginResult` of one login, plus what the request
    met on the way: the store, the budgets, the marking of the row.)"""

    kind: Kind
    scheme: str | None = None
    migrated: bool = False
    seconds: float = 0.0
    # the legacy row's profile columns (for the claims), only after a verified sign-in
    profile: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.kind is Kind.VERIFIED

    @property
    def unavailable(self) -> bool:
        return self.kind in UNAVAILABLE


class Ticket:
    """One request's deadline, shared by the worker thread and the code that answers.

    Exactly one side owns the answer and its audit line. The answering side takes it with
    :meth:`give_up` when the deadline passes first; the worker takes it with :meth:`take`
    when it finishes, or before it marks the row: from then on the answer waits for the mark
    (one statement), so no row is marked behind a "try again later". ``in_store`` says whether
    the worker was waiting on the store, ``admitted`` whether it had passed the rate limit.
    """

    __slots__ = ("_lock", "_owner", "admitted", "deadline", "in_store", "started")

    def __init__(self, started: float, deadline: float) -> None:
        self.started = started  # time.perf_counter() values
        self.deadline = deadline
        self.in_store = False
        self.admitted = False
        self._owner: str | None = None
        self._lock = threading.Lock()

    def remaining(self) -> float:
        return self.deadline - time.perf_counter()

    def _claim(self, who: str) -> bool:
        with self._lock:
            if self._owner is None:
                self._owner = who
            return self._owner == who

    def take(self) -> bool:
        """The worker's claim: True unless the answering side gave up already."""
        return self._claim("worker")

    def give_up(self) -> bool:
        """The answering side's claim at the deadline: True unless the worker holds it."""
        return self._claim("answer")


class _Guard:
    """Runs store calls through the breaker, telling the ticket when the thread is inside."""

    __slots__ = ("breaker", "ticket")

    def __init__(self, breaker: Breaker, ticket: Ticket | None) -> None:
        self.breaker = breaker
        self.ticket = ticket

    def __call__(self, work: Callable[[], T]) -> T:
        if self.ticket is not None:
            self.ticket.in_store = True
        try:
            return self.breaker.call(work)
        finally:
            if self.ticket is not None:
                self.ticket.in_store = False


class _Recording:
    """Passes ``load`` through (guarded) and keeps the credential, so the mark can
    compare-and-swap on the very hash that was verified."""

    __slots__ = ("credential", "guard", "store")

    def __init__(self, store: Store, guard: _Guard) -> None:
        self.store = store
        self.guard = guard
        self.credential: Credential | None = None

    def load(self, user_id: object) -> Credential | None:
        self.credential = self.guard(lambda: self.store.load(user_id))
        return self.credential

    def compare_and_swap(self, user_id: object, expected: str, new: str) -> bool:
        return False  # never reached: the migrator is read-only


def _no_profile(user: str) -> Mapping[str, str]:
    return {}


class Verifier:
    """Checks sign-ins against a legacy store; thread-safe (the migrator is a frozen value)."""

    def __init__(
        self,
        migrator: Migrator,
        store: Store,
        *,
        marker: MarkingStore | None = None,
        limits: Limits | None = None,
        profiles: Profiles = _no_profile,
        breaker: Breaker | None = None,
    ) -> None:
        self.migrator = dataclasses.replace(migrator, rehash=False)
        self.store = store
        self.marker = marker
        self.profiles = profiles
        self.breaker = breaker if breaker is not None else Breaker()
        self.limits = limits if limits is not None else Limits()
        try:
            with using_limits(self.limits):
                self.migrator.dummy_verify("x")
        except HashcompatError as exc:
            raise HashcompatError(
                f"the migrator's target {self.migrator.target} costs more than the time "
                "budget allows; choose cheaper target_params or a larger budget"
            ) from exc

    def check(
        self, user_id: str, password: str | bytes, ticket: Ticket | None = None
    ) -> SignInOutcome:
        started = time.perf_counter()
        guard = _Guard(self.breaker, ticket)
        recording = _Recording(self.store, guard)
        try:
            with using_limits(self.limits):
                result = login(self.migrator, recording, user_id, password)
        except StoreUnavailableError:
            return SignInOutcome(Kind.STORE_UNAVAILABLE, None, False, time.perf_counter() - started)
        event = result.event
        if event is not None:
            kind = Kind(event.kind.value)
        else:
            kind = Kind.VERIFIED if result.ok else Kind.FAILED
        scheme = event.old_scheme if event is not None else None
        # exactly a cap refusal (not its TimeBudgetError subclass): over the time budget
        if kind is Kind.MALFORMED and event is not None and event.error is UnsafeParametersError:
            kind = Kind.OVER_BUDGET
        if not result.ok or recording.credential is None:
            return SignInOutcome(kind, scheme, False, time.perf_counter() - started)
        kind, migrated, profile = self._mark(user_id, recording.credential.hash, guard, ticket)
        return SignInOutcome(kind, scheme, migrated, time.perf_counter() - started, profile)

    def _mark(
        self, user_id: str, expected: str, guard: _Guard, ticket: Ticket | None
    ) -> tuple[Kind, bool, Mapping[str, str]]:
        """After a verified password: read the profile, then mark the row. Any failure is
        "try again later" rather than "verified" with the mark lost."""
        marker = self.marker
        try:
            profile = dict(guard(lambda: self.profiles(user_id)))
            if ticket is not None and not ticket.take():
                return Kind.STORE_UNAVAILABLE, False, {}  # answered already: too late to mark
            migrated = marker is not None and guard(lambda: marker.mark_migrated(user_id, expected))
        except StoreUnavailableError:
            return Kind.STORE_UNAVAILABLE, False, {}
        except StateUnavailableError:
            return Kind.STATE_UNAVAILABLE, False, {}
        except Exception as exc:
            log.error("hashcompat.server: profile or mark failed (%s)", type(exc).__name__)
            return Kind.STORE_UNAVAILABLE, False, {}
        return Kind.VERIFIED, migrated, profile
