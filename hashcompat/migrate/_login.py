"""Login over a store: verify, upgrade with compare-and-swap, report what happened.

The write is a compare-and-swap on the hash that was verified, so two logins of the same user
at once cannot put an older hash over a newer one, and a crash between verify and write leaves
the old (still valid) hash in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hashcompat.errors import HashcompatError, SchemeRefusedError
from hashcompat.migrate._policy import Event, EventKind, Migrator

__all__ = ["Credential", "LoginResult", "Store", "login"]


@dataclass(frozen=True, slots=True)
class Credential:
    """A user's stored hash and the inputs kept beside it."""

    hash: str  # bytes from a BLOB or BYTEA column are accepted too, and decoded as UTF-8
    scheme: str | None = None  # needed only for hashes that are not self-describing
    salt: str | None = None
    username: str | None = None

    def __repr__(self) -> str:
        length = len(self.hash) if isinstance(self.hash, (str, bytes)) else None
        return f"Credential(scheme={self.scheme!r}, hash_length={length})"


class Store(Protocol):
    def load(self, user_id: object) -> Credential | None: ...

    def compare_and_swap(self, user_id: object, expected: str, new: str) -> bool:
        """Replace the hash only if it is still ``expected`` (the value ``load`` returned, as it
        returned it), and clear the scheme column; True if it was replaced."""
        ...


@dataclass(frozen=True, slots=True)
class LoginResult:
    ok: bool
    upgraded: bool = False
    event: Event | None = None

    def __bool__(self) -> bool:
        return self.ok


def login(migrator: Migrator, store: Store, user_id: object, password: str | bytes) -> LoginResult:
    """Verify ``password`` for ``user_id`` and upgrade the stored hash when it verifies."""
    credential = store.load(user_id)
    if credential is None:
        migrator.dummy_verify(password)
        return _done(migrator, LoginResult(False, event=Event(EventKind.UNKNOWN_USER, user_id)))
    try:
        outcome = migrator.check(
            password,
            credential.hash,
            scheme=credential.scheme,
            salt=credential.salt,
            username=credential.username,
        )
    except HashcompatError as exc:
        migrator.dummy_verify(password)  # a refused or broken row costs what a real one does
        old, error = getattr(exc, "scheme", None), type(exc)
        event = (
            Event(EventKind.REFUSED, user_id, old)
            if isinstance(exc, SchemeRefusedError)
            else Event(EventKind.MALFORMED, user_id, old, reason=error.__name__, error=error)
        )
        return _done(migrator, LoginResult(False, event=event))
    if not outcome.ok or outcome.new_hash is None:
        kind = EventKind.VERIFIED if outcome.ok else EventKind.FAILED
        event = Event(kind, user_id, outcome.scheme, reason=outcome.note)
        return _done(migrator, LoginResult(outcome.ok, event=event))
    written = _write(
        migrator, store, user_id, credential, new_hash=outcome.new_hash, old=outcome.scheme
    )
    return _done(migrator, written)


def _write(
    migrator: Migrator,
    store: Store,
    user_id: object,
    credential: Credential,
    *,
    new_hash: str,
    old: str | None,
) -> LoginResult:
    try:
        swapped = store.compare_and_swap(user_id, credential.hash, new_hash)
    except Exception as exc:  # the login itself succeeded; the old hash stays valid
        name, error = type(exc).__name__, type(exc)
        event = Event(EventKind.WRITE_FAILED, user_id, old, migrator.target, name, error)
        return LoginResult(True, event=event)
    # lost: another login upgraded it first
    kind = EventKind.UPGRADED if swapped else EventKind.WRITE_LOST
    return LoginResult(True, swapped, Event(kind, user_id, old, migrator.target))


def _done(migrator: Migrator, result: LoginResult) -> LoginResult:
    if result.event is not None:
        migrator.emit(result.event)
    return result
