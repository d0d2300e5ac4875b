"""Keycloak realm import: users with ``credentials`` whose ``secretData`` and ``credentialData``
are JSON documents inside JSON strings, as ``kc.sh export --users different_files`` writes them.

Follows Keycloak's CredentialRepresentation and the built-in providers (Keycloak 26:
``Pbkdf2PasswordHashProvider`` for ``pbkdf2-sha256`` and ``pbkdf2-sha512``, with the key
size read from the stored value; ``Argon2PasswordHashProvider`` for ``argon2``). Keycloak has no
built-in bcrypt: bcrypt rows go to the just-in-time path.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hashcompat._conversion import Convertible, compose
from hashcompat.dump import Row
from hashcompat.dump._profilecols import Person
from hashcompat.errors import TargetRefusedError as Refused
from hashcompat.export._base import Decision, chunks, dump_json
from hashcompat.params import Argon2, Pbkdf2

USERS_PER_FILE = 100  # Keycloak's default --users-per-file
_TARGETS = {"sha256": "keycloak_pbkdf2_sha256", "sha512": "keycloak_pbkdf2_sha512"}


def credential(params: Convertible, source: str) -> dict[str, Any]:
    """The CredentialRepresentation for ``params``."""
    if isinstance(params, Pbkdf2) and params.digest in _TARGETS:
        text = compose(params, _TARGETS[params.digest], source=source)
    elif isinstance(params, Argon2):
        text = compose(params, "keycloak_argon2", source=source)
    else:
        raise Refused(f"Keycloak has no built-in provider for {source}")
    found: dict[str, Any] = json.loads(text)
    return found


@dataclass(frozen=True, slots=True)
class Keycloak:
    realm: str = "migrated"
    name: str = "keycloak"
    jit: str = "a Keycloak user storage provider backed by hashcompat (see docs/hooks.md)"
    note: str = (
        "Place the files in data/import and start with --import-realm, or use Partial import."
    )

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision:
        person = Person.of(row)
        username = person.login or person.email or (None if row.id is None else str(row.id))
        if username is None:
            raise Refused("Keycloak needs a username")
        user: dict[str, Any] = {"username": username, "enabled": True}
        if person.email is not None:
            user["email"] = person.email
            if person.email_verified is not None:
                user["emailVerified"] = person.email_verified
        if person.given_name or person.family_name:
            user["firstName"] = person.given_name or ""
            user["lastName"] = person.family_name or ""
        elif person.name:
            user["firstName"] = person.name
        user["credentials"] = [credential(params, scheme)]
        return Decision(user, scheme.startswith("keycloak_"))

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]:
        users = [d.payload for _, d in payloads]
        files = []
        for number, batch in enumerate(chunks(users, USERS_PER_FILE)):
            body = {"realm": self.realm, "users": list(batch)}
            files.append(dump_json(body, out / f"{self.realm}-users-{number}.json"))
        return files
