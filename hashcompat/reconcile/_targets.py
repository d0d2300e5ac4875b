"""The target's existing users, read from its own export file or from an API listing.

Files, by ``kind`` (``auto`` looks at the content):

- ``okta``: the Users API listing (``GET /api/v1/users``) saved as a JSON array or JSON Lines,
  ``profile.email``/``login``, ``profile.firstName``/``lastName``, ``credentials.password``;
- ``auth0``: a user export job's output (JSON Lines; or a JSON array), ``user_id``, ``email``,
  ``name`` or ``given_name``/``family_name``;
- ``firebase``: ``firebase auth:export users.json`` (``{"users": [...]}``), ``localId``,
  ``email``, ``displayName``, ``passwordHash``;
- ``keycloak``: a realm export (``{"users": [...]}``, one file or ``kc.sh export
  --users different_files``), ``id``, ``username``, ``email``, ``firstName``/``lastName``,
  ``credentials`` of type ``password``;
- ``csv`` / ``jsonl``: any export with an id column (``id``, ``user_id``, ``uid``, ...), the key
  column, and optionally ``name`` or first/last name columns.

``api:PLATFORM`` asks ``hashcompat.push.PLATFORM`` for its ``user_listing()``, an object with
:class:`~hashcompat.reconcile._model.UserListing`'s ``list_users``.
"""

from __future__ import annotations

import csv
import importlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from hashcompat.errors import InvalidArgumentError
from hashcompat.reconcile._model import TargetUser, UserListing

KINDS = ("auto", "okta", "auth0", "firebase", "keycloak", "csv", "jsonl")
_IDS = ("id", "user_id", "uid", "localId", "userId", "sub", "Id", "ID")
_EMAILS = ("email", "Email", "mail", "primary_email", "Primary email", "email_address")
_NAMES = ("name", "displayName", "display_name", "Name")
_FIRST = ("first_name", "firstName", "given_name", "givenName", "First name")
_LAST = ("last_name", "lastName", "family_name", "familyName", "Last name")


def _pick(record: Mapping[str, Any], names: Iterable[str]) -> str | None:
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return str(value)
    return None


def _name(record: Mapping[str, Any]) -> str | None:
    full = _pick(record, _NAMES)
    if full:
        return full
    parts = [p for p in (_pick(record, _FIRST), _pick(record, _LAST)) if p]
    return " ".join(parts) or None


def _key(record: Mapping[str, Any], key: str, email: str | None) -> str | None:
    return email if key == "email" else _pick(record, (key,))


def generic(record: Mapping[str, Any], key: str) -> TargetUser:
    email = _pick(record, _EMAILS)
    ident = _pick(record, _IDS) or email or ""
    return TargetUser(ident, _key(record, key, email), email, _name(record))


def okta(record: Mapping[str, Any], key: str) -> TargetUser:
    profile = record.get("profile") or {}
    email = _pick(profile, ("email", "login"))
    credentials = record.get("credentials") or {}
    key_value = email if key == "email" else _pick(profile, (key,)) or _pick(record, (key,))
    return TargetUser(str(record.get("id", "")), key_value, email, _name(profile),
                      "password" in credentials)  # fmt: skip


def auth0(record: Mapping[str, Any], key: str) -> TargetUser:
    email = _pick(record, ("email",))
    return TargetUser(str(record.get("user_id", "")), _key(record, key, email), email,
                      _name(record))  # fmt: skip


def firebase(record: Mapping[str, Any], key: str) -> TargetUser:
    email = _pick(record, ("email",))
    return TargetUser(str(record.get("localId", "")), _key(record, key, email), email,
                      _name(record), bool(record.get("passwordHash")))  # fmt: skip


def keycloak(record: Mapping[str, Any], key: str) -> TargetUser:
    email = _pick(record, ("email",))
    creds = record.get("credentials") or []
    has = any(isinstance(c, Mapping) and c.get("type") == "password" for c in creds)
    return TargetUser(str(record.get("id", "")), _key(record, key, email), email,
                      _name(record), has)  # fmt: skip


_READERS: dict[str, Callable[[Mapping[str, Any], str], TargetUser]] = {
    "okta": okta, "auth0": auth0, "firebase": firebase, "keycloak": keycloak,
    "csv": generic, "jsonl": generic,
}  # fmt: skip


def _records(path: Path) -> tuple[list[Mapping[str, Any]], str]:
    """The records of a file and the kind its content suggests (``auto``)."""
    text = path.read_text(encoding="utf-8-sig")
    head = text.lstrip()[:1]
    if head not in ("{", "["):
        return list(csv.DictReader(text.splitlines())), "csv"
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, Mapping) and isinstance(whole.get("users"), list):
        users = whole["users"]
        return users, "firebase" if users and "localId" in users[0] else "keycloak"
    if isinstance(whole, list):
        records = whole
    elif isinstance(whole, Mapping):
        records = [whole]
    else:
        try:
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise InvalidArgumentError(f"{path.name}: not JSON, JSON Lines or CSV") from exc
    first = records[0] if records and isinstance(records[0], Mapping) else {}
    guess = "okta" if "profile" in first else "auth0" if "user_id" in first else "jsonl"
    return records, guess


def read_target(source: str | Path, kind: str = "auto", *, key: str = "email") -> list[TargetUser]:
    """The target's users from an export file (one, or a folder of Keycloak's user files), or
    from ``api:PLATFORM``. ``kind`` is one of :data:`KINDS`."""
    if isinstance(source, str) and source.startswith("api:"):
        return list(listing(source[4:]).list_users(key=key))
    if kind not in KINDS:
        raise InvalidArgumentError(f"unknown target format {kind!r}; choose from {KINDS}")
    path = Path(source)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise InvalidArgumentError(f"no target export file at {path}")
    found: list[TargetUser] = []
    for file in files:
        records, guess = _records(file)
        reader = _READERS[guess if kind == "auto" else kind]
        found += [reader(r, key) for r in records if isinstance(r, Mapping)]
    return found


def listing(platform: str) -> UserListing:
    """``hashcompat.push._<platform>.user_listing()``: the push client's listing of users."""
    try:
        module = importlib.import_module(f"hashcompat.push._{platform}")
    except ImportError:
        module = None
    make = getattr(module, "user_listing", None)
    if make is None:
        raise InvalidArgumentError(f"no API listing of users for {platform!r} (hashcompat.push)")
    made = make()
    if not isinstance(made, UserListing):
        raise InvalidArgumentError(f"hashcompat.push._{platform}.user_listing() has no list_users")
    return made


def iter_users(users: Iterable[TargetUser]) -> Iterator[TargetUser]:
    """The users with an id; a record without one cannot be linked and is dropped."""
    return (u for u in users if u.id)
