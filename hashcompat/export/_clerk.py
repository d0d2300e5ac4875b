"""Clerk: Backend API ``POST /v1/users`` bodies with ``password_digest`` and ``password_hasher``.

Follows the ``PasswordHasher`` description of Clerk's Backend API (the OpenAPI definition as
the clerk-backend-api SDKs publish it, read 2026-12), which fixes each digest's form:

- ``bcrypt``: the ``$2a$``/``$2b$``/``$2y$`` string; ``bcrypt_sha256_django``: Django's
  ``bcrypt_sha256$$2b$...`` as exported;
- ``pbkdf2_sha256_django``: Django's string as exported (text salt, base64 hash);
  ``pbkdf2_sha256``: ``pbkdf2_sha256$<iterations>$<base64 salt>$<base64 hash>``;
  ``pbkdf2_sha1``: ``pbkdf2_sha1$<iterations>$<salt as text>$<hex hash>``;
  ``pbkdf2_sha512``: ``pbkdf2_sha512$<iterations>$<salt>$<hex hash>``, under 420,000 iterations;
- ``argon2i`` / ``argon2id``: the PHC string at version 19;
- ``phpass``: ``$P$`` strings; ``scrypt_werkzeug``: Werkzeug's ``scrypt:N:r:p$salt$hash``;
- ``ldap_ssha``: ``{SSHA}``; ``md5`` and ``sha256``: unsalted hex digests (Clerk rehashes
  them to bcrypt at the first sign-in).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hashcompat._conversion import Convertible
from hashcompat._families.argon2 import phc_string
from hashcompat.dump import Row
from hashcompat.errors import TargetRefusedError as Refused
from hashcompat.export._base import Decision, dump_lines
from hashcompat.params import Argon2, Bcrypt, Digest, Pbkdf2

MAX_SHA512_ITERATIONS = 420_000  # "Must be an integer less than 420000"


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _text_salt(salt: bytes) -> str:
    """A salt Clerk reads as written: printable ASCII without the ``$`` separator."""
    text = salt.decode("ascii", errors="replace")
    if not text or not text.isprintable() or "$" in text or "\ufffd" in text:
        raise Refused("Clerk's pbkdf2_sha1/sha512 digests carry the salt as text; this one is not")
    return text


# Stored strings Clerk takes as they are, by hashcompat scheme: (hasher, string test).
_AS_STORED = {
    "django_bcrypt_sha256": ("bcrypt_sha256_django", "bcrypt_sha256$$2"),
    "django_pbkdf2_sha256": ("pbkdf2_sha256_django", "pbkdf2_sha256$"),
    "phpass": ("phpass", "$P$"),
    "werkzeug": ("scrypt_werkzeug", "scrypt:"),
}


def _pbkdf2(params: Pbkdf2) -> tuple[str, str]:
    count, name = params.iterations, f"pbkdf2_{params.digest}"
    if params.digest == "sha256":
        return name, f"{name}${count}${_b64(params.salt)}${_b64(params.key)}"
    if params.digest not in ("sha1", "sha512"):
        raise Refused(f"Clerk's pbkdf2 hashers do not take {params.digest}")
    if params.digest == "sha512" and count >= MAX_SHA512_ITERATIONS:
        raise Refused(f"Clerk's pbkdf2_sha512 takes under 420000 iterations, not {count}")
    return name, f"{name}${count}${_text_salt(params.salt)}${params.key.hex()}"


def digest(params: Convertible) -> tuple[str, str]:
    """(password_hasher, password_digest) for ``params``."""
    if isinstance(params, Bcrypt):
        if params.ident not in ("2a", "2b", "2y"):
            raise Refused(f"Clerk's bcrypt takes $2a$, $2b$, $2y$, not ${params.ident}$")
        return "bcrypt", params.text
    if isinstance(params, Argon2):
        if params.variant not in ("i", "id") or params.version != 19:
            raise Refused("Clerk takes argon2i and argon2id at version 19")
        return f"argon2{params.variant}", phc_string(params)
    if isinstance(params, Pbkdf2):
        return _pbkdf2(params)
    if isinstance(params, Digest):
        if params.algorithm == "sha1" and params.order == "suffix" and params.salt:
            return "ldap_ssha", "{SSHA}" + _b64(params.digest + params.salt)
        if params.algorithm in ("md5", "sha256") and not params.salt:
            return params.algorithm, params.digest.hex()
        raise Refused(f"Clerk takes unsalted md5/sha256 and {{SSHA}}, not this {params.algorithm}")
    raise Refused(f"Clerk does not compute {type(params).__name__.lower()}")


@dataclass(frozen=True, slots=True)
class Clerk:
    name: str = "clerk"
    jit: str = "your sign-in route: verify with hashcompat, then users.updateUser(password=...)"
    note: str = "POST each line to https://api.clerk.com/v1/users (secret key in the header)."

    def _body(self, row: Row, hasher: str, value: str) -> Decision:
        if row.email is None and row.username is None:
            raise Refused("Clerk needs an email address or a username")
        body: dict[str, Any] = {}
        if row.id is not None:
            body["external_id"] = str(row.id)
        if row.email is not None:
            body["email_address"] = [row.email]
        if row.username is not None:
            body["username"] = row.username
        for key in ("first_name", "last_name"):
            if row.field(key) is not None:
                body[key] = row.field(key)
        body["password_digest"] = value
        body["password_hasher"] = hasher
        return Decision(body, value == row.hash)

    def accept(self, row: Row, scheme: str) -> Decision | None:
        found = _AS_STORED.get(scheme)
        if found is None:
            return None
        hasher, head = found
        if not row.hash.startswith(head):
            raise Refused(f"Clerk's {hasher} takes strings that start with {head}")
        return self._body(row, hasher, row.hash)

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision:
        hasher, value = digest(params)
        return self._body(row, hasher, value)

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]:
        return [dump_lines((d.payload for _, d in payloads), out / "clerk-users.jsonl")]
