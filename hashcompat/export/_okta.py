"""Okta: ``POST /api/v1/users`` bodies with ``credentials.password.hash`` (PasswordCredentialHash).

Follows Okta's Users API reference ("Create a user with an imported hashed password") and the
``PasswordCredentialHash`` object of its management OpenAPI definition: ``BCRYPT`` with the
22-character salt and 31-character value split out of the bcrypt string and the cost as
``workFactor`` (1 to 20); ``PBKDF2`` with base64 ``salt`` and ``value``, ``iterationCount``,
``keySize`` in bytes and ``digestAlgorithm`` ``SHA256_HMAC`` or ``SHA512_HMAC`` (at least
4096 iterations); ``SHA-512``,
``SHA-256``, ``SHA-1`` and ``MD5`` with base64 ``value``, base64 ``salt`` and ``saltOrder``
``PREFIX`` or ``POSTFIX``. One JSON body per line.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hashcompat._conversion import Convertible
from hashcompat.dump import Row
from hashcompat.dump._profilecols import Person
from hashcompat.errors import TargetRefusedError as Refused
from hashcompat.export._base import Decision, dump_lines
from hashcompat.params import Bcrypt, Digest, Pbkdf2

_DIGESTS = {"sha512": "SHA-512", "sha256": "SHA-256", "sha1": "SHA-1", "md5": "MD5"}
_HMACS = {"sha256": "SHA256_HMAC", "sha512": "SHA512_HMAC"}
MIN_ITERATIONS = 4096  # PasswordCredentialHash.iterationCount: "Must be >= 4096"


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def password_hash(params: Convertible) -> dict[str, Any]:
    """The ``credentials.password.hash`` object for ``params``."""
    if isinstance(params, Bcrypt):
        if params.ident not in ("2a", "2b", "2y"):
            raise Refused(f"Okta BCRYPT takes $2a$, $2b$, $2y$, not ${params.ident}$")
        if not 1 <= params.cost <= 20:
            raise Refused(f"Okta BCRYPT workFactor is 1 to 20, this hash has {params.cost}")
        body = params.text[7:]
        return {"algorithm": "BCRYPT", "workFactor": params.cost,
                "salt": body[:22], "value": body[22:]}  # fmt: skip
    if isinstance(params, Pbkdf2):
        if params.digest not in _HMACS:
            raise Refused(f"Okta PBKDF2 takes HMAC-SHA256 or -SHA512, not {params.digest}")
        if params.iterations < MIN_ITERATIONS:
            raise Refused(f"Okta PBKDF2 iterationCount is at least 4096, not {params.iterations}")
        return {
            "algorithm": "PBKDF2",
            "digestAlgorithm": _HMACS[params.digest],
            "iterationCount": params.iterations,
            "keySize": len(params.key),
            "salt": _b64(params.salt),
            "value": _b64(params.key),
        }
    if isinstance(params, Digest) and params.algorithm in _DIGESTS:
        found: dict[str, Any] = {
            "algorithm": _DIGESTS[params.algorithm],
            "value": _b64(params.digest),
        }
        if params.salt:
            found["salt"] = _b64(params.salt)
            found["saltOrder"] = "PREFIX" if params.order == "prefix" else "POSTFIX"
        return found
    raise Refused(f"Okta does not compute {type(params).__name__.lower()}")


@dataclass(frozen=True, slots=True)
class Okta:
    name: str = "okta"
    jit: str = "Okta password import inline hook (verifies on first sign-in)"
    note: str = (
        "POST each line to /api/v1/users?activate=true (add firstName/lastName if your "
        "profile requires them)."
    )

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision:
        person = Person.of(row)
        login = person.email or person.login
        if login is None:
            raise Refused("Okta needs a login (email or username)")
        profile: dict[str, Any] = {"login": login}
        for key, value in (
            ("email", person.email),
            ("firstName", person.given_name),
            ("lastName", person.family_name),
            ("displayName", person.name),
            ("nickName", person.login if person.login != login else None),
        ):
            if value is not None:
                profile[key] = value
        hashed = password_hash(params)
        body = {"profile": profile, "credentials": {"password": {"hash": hashed}}}
        return Decision(body, False)

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]:
        return [dump_lines((d.payload for _, d in payloads), out / "okta-users.jsonl")]
