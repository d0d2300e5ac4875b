"""Login over a store: verify, upgrade with compare-and-swap, report what happened.

The write is a compare-and-swap on the hash that was verified, so two logins of the same user
at once cannot put an older hash over a newer one, and a crash between verify and write leaves
the old (still valid) hash in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hashcompat.engine import pick_owner, resolve
from hashcompat.errors import HashcompatError
from hashcompat.migrate.policy import Event, Migrator, _Refused

__all__ = ["Credential", "LoginResult", "Store", "login"]


@dataclass(frozen=True, slots=True)
class Credential:
    """A user's stored hash and the inputs kept beside it."""

    hash: str
    scheme: str | None = None  # needed only for hashes that are not self-describing
    salt: str | None = None
    username: str | None = None

    def __repr__(self) -> str:
        return f"Credential(scheme={self.scheme!r}, hash_length={len(self.hash)})"


class Store(Protocol):
    def load(self, user_id: object) -> Credential | None: ...

    def compare_and_swap(self, user_id: object, expected: str, new: str) -> bool:
        """Replace the hash only if it is still ``expected``; True if it was replaced."""
        ...


@dataclass(frozen=True, slots=True)
class LoginResult:
    ok: bool
    upgraded: bool = False
    event: Event | None = None

    def __bool__(self) -> bool:
        return self.ok


def _scheme_name(credential: Credential) -> str | None:
    try:
        if credential.scheme is not None:
            return resolve(credential.scheme).info.name
        return pick_owner(credential.hash).info.name
    except HashcompatError:
        return None


def login(migrator: Migrator, store: Store, user_id: object, password: str | bytes) -> LoginResult:
    """Verify ``password`` for ``user_id`` and upgrade the stored hash when it verifies."""
    credential = store.load(user_id)
    if credential is None:
        migrator.dummy_verify(password)
        return _done(migrator, LoginResult(False, event=Event("unknown_user", user_id)))
    old = _scheme_name(credential)
    try:
        ok, new_hash = migrator.verify_and_update(
            password,
            credential.hash,
            scheme=credential.scheme,
            salt=credential.salt,
            username=credential.username,
        )
    except HashcompatError as exc:
        migrator.dummy_verify(password)  # a refused or broken row costs what a real one does
        event = (
            Event("refused", user_id, exc.scheme)
            if isinstance(exc, _Refused)
            else Event("malformed", user_id, old, reason=type(exc).__name__)
        )
        return _done(migrator, LoginResult(False, event=event))
    if not ok or new_hash is None:
        return _done(
            migrator, LoginResult(ok, event=Event("verified" if ok else "failed", user_id, old))
        )
    return _done(migrator, _write(migrator, store, user_id, credential, new_hash=new_hash, old=old))


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
        event = Event("write_failed", user_id, old, migrator.target, reason=type(exc).__name__)
        return LoginResult(True, event=event)
    kind = "upgraded" if swapped else "write_lost"  # lost: another login upgraded it first
    return LoginResult(True, swapped, Event(kind, user_id, old, migrator.target))


def _done(migrator: Migrator, result: LoginResult) -> LoginResult:
    if result.event is not None:
        migrator.emit(result.event)
    return result
