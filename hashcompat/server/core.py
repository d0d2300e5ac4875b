"""The one decision every hook route and the Cognito handler share: does this password open
this legacy account, and may the row be marked migrated?

It is :func:`hashcompat.migrate.login` under a read-only :class:`~hashcompat.migrate.Migrator`
(the platform keeps its own hash; the legacy row is only marked), with caps derived from the
time budget so a row whose cost would exceed the platform's timeout is refused before any work.
Unknown users, refused rows and over-budget rows all cost one dummy verify, through ``login``.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from hashcompat.errors import HashcompatError
from hashcompat.migrate import Credential, Migrator, Store, login
from hashcompat.migrate.stores.migrated import MarkingStore
from hashcompat.scheme import Limits, using_limits

__all__ = ["FAILURES", "Outcome", "Verifier"]

log = logging.getLogger("hashcompat.server")

# outcomes that count against a user's and a client's failure budget
FAILURES = frozenset({"failed", "unknown_user", "refused", "malformed", "over_budget"})


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one sign-in check decided; scheme names only, never a password or a hash."""

    kind: str  # verified, failed, unknown_user, refused, malformed, over_budget, rate_limited
    scheme: str | None = None
    migrated: bool = False
    seconds: float = 0.0
    # the legacy row's profile columns (for the claims), only after a verified sign-in
    profile: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.kind == "verified"


class _Recording:
    """Passes ``load`` through and keeps the credential, so the mark can compare-and-swap on
    the very hash that was verified."""

    __slots__ = ("credential", "store")

    def __init__(self, store: Store) -> None:
        self.store = store
        self.credential: Credential | None = None

    def load(self, user_id: object) -> Credential | None:
        self.credential = self.store.load(user_id)
        return self.credential

    def compare_and_swap(self, user_id: object, expected: str, new: str) -> bool:
        return False  # never reached: the migrator is read-only


class Verifier:
    """Checks sign-ins against a legacy store; thread-safe (the migrator is a frozen value)."""

    def __init__(
        self,
        migrator: Migrator,
        store: Store,
        *,
        marker: MarkingStore | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.migrator = dataclasses.replace(migrator, rehash=False)
        self.store = store
        self.marker = marker
        self.limits = limits if limits is not None else Limits()
        try:
            with using_limits(self.limits):
                self.migrator.dummy_verify("x")
        except HashcompatError as exc:
            raise HashcompatError(
                f"the migrator's target {self.migrator.target} costs more than the time "
                "budget allows; choose cheaper target_params or a larger budget"
            ) from exc

    def check(self, user_id: str, password: str | bytes) -> Outcome:
        started = time.perf_counter()
        recording = _Recording(self.store)
        with using_limits(self.limits):
            result = login(self.migrator, recording, user_id, password)
        event = result.event
        kind = event.kind if event is not None else ("verified" if result.ok else "failed")
        scheme = event.old_scheme if event is not None else None
        if kind == "malformed" and event is not None and event.reason == "UnsafeParametersError":
            kind = "over_budget"
        migrated = False
        if result.ok and self.marker is not None and recording.credential is not None:
            try:
                migrated = self.marker.mark_migrated(user_id, recording.credential.hash)
            except Exception as exc:  # the sign-in verified; the next one marks the row
                log.warning("hashcompat.server: marking failed (%s)", type(exc).__name__)
        return Outcome(kind, scheme, migrated, time.perf_counter() - started)
