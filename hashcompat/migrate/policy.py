"""The migration policy: which legacy schemes verify, what a password is rehashed to.

``Migrator`` is a frozen value, like argon2-cffi's parameters: build it once at start-up and
share it. ``verify_and_update`` is pure; ``login`` adds a store with compare-and-swap writes.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from hashcompat.engine import encode_password, make_inputs, pick_owner, resolve, run_verify
from hashcompat.errors import HashcompatError
from hashcompat.scheme import Limits, Scheme, Strength

__all__ = ["Event", "Migrator"]

log = logging.getLogger("hashcompat.migrate")
RECOMMENDED_ARGON2: Mapping[str, object] = MappingProxyType({})  # argon2-cffi's own defaults
CHEAP_ARGON2: Mapping[str, object] = MappingProxyType(
    {"memory_cost": 256, "time_cost": 1, "parallelism": 1}
)


@dataclass(frozen=True, slots=True)
class Event:
    """What happened at one login; never a password or a hash, only scheme names."""

    # verified, upgraded, failed, refused, malformed, unknown_user, write_lost, write_failed
    kind: str
    user_id: object = None
    old_scheme: str | None = None
    new_scheme: str | None = None
    reason: str = ""


@functools.lru_cache(maxsize=16)
def _dummy_hash(target: str, params: tuple[tuple[str, object], ...]) -> str:
    from hashcompat.api import hash as make_hash

    return make_hash(secrets.token_urlsafe(16), target, **dict(params))


@dataclass(frozen=True)
class Migrator:
    """Verify legacy hashes and rehash them to ``target`` (argon2id by default).

    ``allowed``: names of the legacy schemes that may verify (``None``: every registered scheme
    but plain text). A stored hash of any other scheme fails like a wrong password and emits a
    ``refused`` event, so a row tampered into plain text or MD5 cannot be used to log in.
    """

    target: str = "argon2"
    target_params: Mapping[str, object] = field(default_factory=lambda: RECOMMENDED_ARGON2)
    allowed: frozenset[str] | None = None
    pepper: str | None = None
    rehash: bool = True
    harden_runtime: bool = False
    on_event: Callable[[Event], None] | None = None
    limits: Limits | None = None  # caps for this migrator's verifies; None: those in force

    @classmethod
    def recommended(cls, **changes: object) -> Migrator:
        return cls(**changes)  # type: ignore[arg-type]

    @classmethod
    def legacy_read_only(cls, **changes: object) -> Migrator:
        """Verify legacy hashes, never rewrite them (a dry run before the switch-over)."""
        return cls(rehash=False, **changes)  # type: ignore[arg-type]

    @classmethod
    def cheapest_for_tests(cls, **changes: object) -> Migrator:
        return cls(target_params=CHEAP_ARGON2, **changes)  # type: ignore[arg-type]

    # -- the pure layer ----------------------------------------------------------------------

    def hash(self, password: str | bytes) -> str:
        from hashcompat.api import hash as make_hash

        return make_hash(password, self.target, **dict(self.target_params))

    def _scheme_of(self, stored: str, scheme: str | None) -> Scheme:
        return resolve(scheme) if scheme is not None else pick_owner(stored)

    def _allowed(self, chosen: Scheme, stored: str) -> bool:
        names = {chosen.info.name}
        legacy_of = getattr(chosen, "legacy_scheme", None)
        if legacy_of is not None:
            names.add(resolve(legacy_of(stored)).info.name)
        if self.allowed is None:
            return all(resolve(n).info.name != "plaintext" for n in names)
        target = resolve(self.target).info.name
        return all(n in self.allowed or n in (target, "wrapped") for n in names)

    def needs_update(self, stored: str, *, scheme: str | None = None) -> bool:
        chosen = self._scheme_of(stored, scheme)
        if chosen.info.name != resolve(self.target).info.name:
            return True
        check = getattr(chosen, "needs_update", None)
        return bool(check(stored, self.target_params)) if check is not None else False

    def verify_and_update(
        self,
        password: str | bytes,
        stored: str,
        *,
        scheme: str | None = None,
        salt: str | None = None,
        username: str | None = None,
    ) -> tuple[bool, str | None]:
        """(matched, new hash or None). Raises HashcompatError for a bad or refused hash."""
        chosen = self._scheme_of(stored, scheme)
        if not self._allowed(chosen, stored):
            raise _Refused(chosen.info.name)
        inputs = make_inputs(salt, username, self.pepper)
        ok = run_verify(
            chosen,
            encode_password(password),
            stored,
            inputs,
            identified=scheme is None,
            limits=self.limits,
        )
        if self.harden_runtime and chosen.info.strength is not Strength.MODERN:
            self.dummy_verify(password)  # a cheap legacy hash must not answer faster
        if not ok or not self.rehash or not self.needs_update(stored, scheme=scheme):
            return ok, None
        return True, self.hash(password)

    def dummy_verify(self, password: str | bytes) -> bool:
        """The cost of one verify of the target scheme, for users that do not exist."""
        from hashcompat.api import verify

        dummy = _dummy_hash(self.target, tuple(sorted(self.target_params.items())))
        verify(password, dummy)
        return False

    def emit(self, event: Event) -> None:
        log.info(
            "hashcompat.migrate %s user=%r old=%s new=%s %s",
            event.kind,
            event.user_id,
            event.old_scheme,
            event.new_scheme,
            event.reason,
        )
        if self.on_event is not None:
            self.on_event(event)


class _Refused(HashcompatError):
    """The stored hash's scheme is outside the migrator's allow-list."""

    def __init__(self, scheme: str) -> None:
        super().__init__(f"scheme {scheme} is not in this migrator's allowed legacy schemes")
        self.scheme = scheme
