"""The migration policy: which legacy schemes verify, what a password is rehashed to.

``Migrator`` is a frozen value, like argon2-cffi's parameters: build it once at start-up and
share it. ``verify_and_update`` is pure; ``login`` adds a store with compare-and-swap writes.
"""

from __future__ import annotations

import enum
import functools
import logging
import secrets
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from hashcompat._engine import (
    encode_password,
    hash_text,
    make_inputs,
    pick_owner,
    resolve,
    run_verify,
)
from hashcompat._families.wrapped import Wrapped
from hashcompat.errors import HashcompatError, InvalidArgumentError, NulByteError
from hashcompat.migrate._allowlist import SchemePolicy
from hashcompat.profiles import CHEAPEST, Argon2Profile
from hashcompat.scheme import Limits, Scheme

__all__ = ["Event", "EventKind", "Migrator"]

log = logging.getLogger("hashcompat.migrate")
_TARGET_DEFAULTS: Mapping[str, object] = MappingProxyType({})  # the target's own defaults


class EventKind(str, enum.Enum):
    """What one login did. A ``str`` enum: ``event.kind == "verified"`` keeps working, and logs
    and the hook server's outcome use the value."""

    VERIFIED = "verified"  # the password matched; nothing to rehash (or rehash is off)
    UPGRADED = "upgraded"  # matched, and the new hash was written
    FAILED = "failed"  # a wrong password
    REFUSED = "refused"  # the stored scheme is outside the policy
    MALFORMED = "malformed"  # the stored hash could not be checked (``reason``: the error)
    UNKNOWN_USER = "unknown_user"
    WRITE_LOST = "write_lost"  # matched, but another login upgraded the row first
    WRITE_FAILED = "write_failed"  # matched, but the store refused the write

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Event:
    """What happened at one login; never a password or a hash, only scheme names.

    ``reason`` is words for logs (for ``malformed`` and ``write_failed``: the error's class
    name); ``error`` is that error's class, for code that acts on it (compare by type, not by
    name)."""

    kind: EventKind
    user_id: object = None
    old_scheme: str | None = None
    new_scheme: str | None = None
    reason: str = ""
    error: type[Exception] | None = field(default=None, compare=False, repr=False)


@functools.lru_cache(maxsize=16)
def _dummy_hash(target: str, params: tuple[tuple[str, object], ...]) -> str:
    from hashcompat._api import hash as make_hash  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    return make_hash(secrets.token_urlsafe(16), target, **dict(params))


# A verify that cost less than this share of a target verify is padded with one; above it the
# gap is within the noise of a loaded server, and the target's own rows are never padded.
PAD_BELOW = 0.75


@functools.lru_cache(maxsize=16)
def _target_seconds(target: str, params: tuple[tuple[str, object], ...]) -> float:
    """The measured cost of one verify of the target: what harden_runtime pads up to."""
    from hashcompat._api import verify  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    dummy = _dummy_hash(target, params)
    best = float("inf")
    for _ in range(3):  # the fastest of three: the least disturbed by other work
        start = time.perf_counter()
        verify(secrets.token_urlsafe(8), dummy)
        best = min(best, time.perf_counter() - start)
    return best


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What :meth:`Migrator.check` decided for one verify: matched, the new hash to write, the
    scheme, why not rehashed. (:class:`LoginResult` is a whole login, store write included; the
    server's ``SignInOutcome`` a sign-in request; push's ``Outcome`` a delivered user.)"""

    ok: bool
    new_hash: str | None = None
    scheme: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Migrator:
    """Verify legacy hashes and rehash them to ``target`` (argon2id by default).

    ``allowed``: names (or aliases) of the legacy schemes that may verify; ``None``: every
    scheme whose strength class is not refused (see :mod:`hashcompat.migrate._allowlist`:
    recoverable schemes, such as plain text under any tag, are refused). A stored hash outside
    the policy fails like a wrong password and emits a ``refused`` event.
    """

    target: str = "argon2"
    # the target's hash() parameters; empty: its own defaults (argon2: profiles.RECOMMENDED)
    target_params: Mapping[str, object] = field(default_factory=lambda: _TARGET_DEFAULTS)
    allowed: Iterable[str] | None = None  # a frozenset of canonical names once built
    pepper: str | None = None
    rehash: bool = True
    harden_runtime: bool = False
    on_event: Callable[[Event], None] | None = None
    limits: Limits | None = None  # caps for this migrator's verifies; None: those in force
    # compiled in __post_init__ (declared, so the frozen value holds nothing undeclared)
    _policy: SchemePolicy = field(init=False, repr=False, compare=False)
    _target_name: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.target_params, Mapping):
            raise InvalidArgumentError("target_params must be a mapping of hash() parameters")
        if self.on_event is not None and not callable(self.on_event):
            raise InvalidArgumentError("on_event must be a callable or None")
        make_inputs(pepper=self.pepper)  # a pepper that is not text fails here, not at login
        target = resolve(self.target).info.name
        policy = SchemePolicy.build(self.allowed, always=(target,))
        # a frozen dataclass sets its derived fields in __post_init__ this way
        object.__setattr__(self, "allowed", policy.allowed)
        object.__setattr__(self, "_policy", policy)
        object.__setattr__(self, "_target_name", target)

    @classmethod
    def from_profile(cls, profile: Argon2Profile, **changes: Any) -> Migrator:
        """An argon2 migrator at a named profile (:mod:`hashcompat.profiles`)."""
        return cls(target="argon2", target_params=profile.params(), **changes)

    @classmethod
    def recommended(cls, **changes: Any) -> Migrator:
        """The target's own defaults: for argon2, :attr:`hashcompat.profiles.RECOMMENDED`."""
        return cls(**changes)

    @classmethod
    def legacy_read_only(cls, **changes: Any) -> Migrator:
        """Verify legacy hashes, never rewrite them (a dry run before the switch-over)."""
        return cls(rehash=False, **changes)

    @classmethod
    def cheapest_for_tests(cls, **changes: Any) -> Migrator:
        """:attr:`hashcompat.profiles.CHEAPEST`: for tests and examples only."""
        return cls.from_profile(CHEAPEST, **changes)

    @property
    def policy(self) -> SchemePolicy:
        """The allow-list rule this migrator applies (shared with the contrib hashers)."""
        return self._policy

    # -- the pure layer ----------------------------------------------------------------------

    def hash(self, password: str | bytes) -> str:
        """A new target hash; refuses a password the target would truncate at a NUL byte."""
        from hashcompat._api import hash as make_hash  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
        from hashcompat._api import verify  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        new = make_hash(password, self.target, **dict(self.target_params))
        secret = encode_password(password)
        if b"\0" in secret and verify(secret.split(b"\0", 1)[0], new):
            raise NulByteError(
                f"the target {self.target} stops at a NUL byte, and this password has one"
            )
        return new

    def stored_scheme(self, stored: object, scheme: str | None = None) -> tuple[Scheme, str]:
        """(scheme, text) of a stored value as a database hands it back.

        Bytes are decoded as UTF-8. Trailing spaces (a ``CHAR(n)`` column's padding) are
        dropped only when the padded string does not have the scheme's format and the stripped
        one does, so a scheme whose alphabet has a space keeps them. A wrapped or target hash
        wins over a scheme column that still names the old scheme.
        """
        chosen, text, _ = self._locate(stored, scheme)
        return chosen, text

    def _locate(self, stored: object, scheme: str | None) -> tuple[Scheme, str, bool]:
        text = hash_text(stored)
        chosen: Scheme | None = None
        if scheme is not None and text.startswith("$"):
            chosen = self._own_format(text.rstrip(" "))
        identified = scheme is None or chosen is not None
        if chosen is None:
            chosen = resolve(scheme) if scheme is not None else self._identify(text)
        stripped = text.rstrip(" ")
        if stripped != text and not chosen.info.matches(text) and chosen.info.matches(stripped):
            text = stripped
        return chosen, text, identified

    def _own_format(self, text: str) -> Scheme | None:
        try:
            owner = pick_owner(text)
        except HashcompatError:
            return None
        return owner if isinstance(owner, Wrapped) or owner.info.name == self._target else None

    @property
    def _target(self) -> str:
        name = self._target_name
        return name

    @staticmethod
    def _identify(text: str) -> Scheme:
        stripped = text.rstrip(" ")
        if stripped != text:
            try:
                return pick_owner(stripped)
            except HashcompatError:
                pass
        return pick_owner(text)

    def needs_update(self, stored: str | bytes, *, scheme: str | None = None) -> bool:
        chosen, text, _ = self._locate(stored, scheme)
        return self._needs_update(chosen, text)

    def _needs_update(self, chosen: Scheme, text: str) -> bool:
        if chosen.info.name != self._target:
            return True
        writer = chosen.writer
        return writer is not None and writer.needs_update(chosen.parse(text), self.target_params)

    def verify_and_update(
        self,
        password: str | bytes,
        stored: str | bytes,
        *,
        scheme: str | None = None,
        salt: str | None = None,
        username: str | None = None,
    ) -> tuple[bool, str | None]:
        """(matched, new hash or None). Raises HashcompatError for a bad or refused hash."""
        outcome = self.check(password, stored, scheme=scheme, salt=salt, username=username)
        return outcome.ok, outcome.new_hash

    def check(
        self,
        password: str | bytes,
        stored: str | bytes,
        *,
        scheme: str | None = None,
        salt: str | None = None,
        username: str | None = None,
    ) -> CheckResult:
        """:meth:`verify_and_update` with the scheme's name and why a match was not rehashed."""
        chosen, text, _ = self._locate(stored, scheme)
        self.policy.check(chosen, text)
        secret = encode_password(password)
        inputs = make_inputs(salt, username, self.pepper)
        start = time.perf_counter()
        ok = run_verify(chosen, secret, text, inputs, limits=self.limits)
        outdated = self._needs_update(chosen, text)
        if not ok and self.harden_runtime and outdated:  # the target's own rows set the pace
            self._pad(secret, time.perf_counter() - start)
        name = chosen.info.name
        if not ok or not self.rehash or not outdated:
            return CheckResult(ok, scheme=name)
        try:
            return CheckResult(True, self.hash(secret), name)
        except NulByteError:
            return CheckResult(True, scheme=name, note="password has a NUL byte")

    def _pad(self, secret: bytes, spent: float) -> None:
        """Equalise on measured cost, not on the scheme's class: a cost-4 bcrypt row is as
        cheap as MD5 and must not answer faster than an unknown user."""
        params = tuple(sorted(self.target_params.items()))
        if spent < PAD_BELOW * _target_seconds(self.target, params):
            self.dummy_verify(secret)

    def dummy_verify(self, password: str | bytes) -> bool:
        """The cost of one verify of the target scheme, for users that do not exist."""
        from hashcompat._api import verify  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        dummy = _dummy_hash(self.target, tuple(sorted(self.target_params.items())))
        verify(password, dummy)
        return False

    def emit(self, event: Event) -> None:
        """Log ``event`` and pass it to ``on_event``; a callback that raises is logged and the
        login goes on (the row may already be upgraded: the caller must still see the result)."""
        log.info(
            "hashcompat.migrate %s user=%r old=%s new=%s %s",
            event.kind,
            event.user_id,
            event.old_scheme,
            event.new_scheme,
            event.reason,
        )
        if self.on_event is None:
            return
        try:
            self.on_event(event)
        except Exception as exc:
            log.warning(
                "hashcompat.migrate on_event callback raised %s on a %s event; login went on",
                type(exc).__name__,
                event.kind,
            )
