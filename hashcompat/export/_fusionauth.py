"""FusionAuth: Import Users API (``POST /api/user/import``) bodies.

Each user carries ``password`` (the hash), ``salt``, ``encryptionScheme`` and ``factor``.
Follows FusionAuth's "Password Hashing Algorithms" reference (fusionauth-site
``reference/password-hashes.mdx``, read 2026-12), whose pseudocode fixes each scheme:

- ``bcrypt``: the bcrypt salt (22 characters of bcrypt's base64) as ``salt``, the 31-character
  checksum as ``password``, the cost as ``factor``;
- ``salted-pbkdf2-hmac-sha256`` (32-byte key), ``salted-pbkdf2-hmac-sha256-512`` and
  ``salted-pbkdf2-hmac-sha512-512`` (64-byte keys): base64 salt and key, iterations as factor;
- ``salted-md5`` / ``salted-sha256``: ``factor`` rounds of the digest over password + salt, so a
  digest with the salt after the password (or none) is factor 1, the hash in base64.

Prefix-salted digests, phpass (the reference leaves the checksum's encoding open), argon2,
scrypt and crypt(3) go to the just-in-time path. At most 10,000 users per file.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hashcompat._conversion import Convertible
from hashcompat.dump import Row
from hashcompat.errors import TargetRefusedError as Refused
from hashcompat.export._base import Decision, chunks, dump_json
from hashcompat.params import Bcrypt, Digest, Pbkdf2

MAX_USERS = 10_000  # hashcompat's batch size: one import request per file
_PBKDF2 = {
    ("sha256", 32): "salted-pbkdf2-hmac-sha256",
    ("sha256", 64): "salted-pbkdf2-hmac-sha256-512",
    ("sha512", 64): "salted-pbkdf2-hmac-sha512-512",
}
_DIGESTS = {"md5": "salted-md5", "sha256": "salted-sha256"}


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def credential(params: Convertible) -> dict[str, Any]:
    """``encryptionScheme``, ``factor``, ``salt`` and ``password`` for ``params``."""
    if isinstance(params, Bcrypt):
        if params.ident not in ("2a", "2b", "2y"):
            raise Refused(f"FusionAuth's bcrypt takes $2a$, $2b$, $2y$, not ${params.ident}$")
        body = params.text[7:]
        return {"encryptionScheme": "bcrypt", "factor": params.cost,
                "salt": body[:22], "password": body[22:]}  # fmt: skip
    if isinstance(params, Pbkdf2):
        scheme = _PBKDF2.get((params.digest, len(params.key)))
        if scheme is None:
            raise Refused(
                f"FusionAuth's PBKDF2 takes HMAC-SHA256 with 32- or 64-byte keys and HMAC-SHA512 "
                f"with 64, not {params.digest} with {len(params.key)}"
            )
        return {"encryptionScheme": scheme, "factor": params.iterations,
                "salt": _b64(params.salt), "password": _b64(params.key)}  # fmt: skip
    if isinstance(params, Digest) and params.algorithm in _DIGESTS:
        if params.salt and params.order != "suffix":
            raise Refused("FusionAuth's salted digests put the salt after the password")
        return {"encryptionScheme": _DIGESTS[params.algorithm], "factor": 1,
                "salt": _b64(params.salt), "password": _b64(params.digest)}  # fmt: skip
    raise Refused(f"FusionAuth has no built-in scheme for {type(params).__name__.lower()}")


@dataclass(frozen=True, slots=True)
class FusionAuth:
    name: str = "fusionauth"
    jit: str = (
        "FusionAuth Connector (a generic connector to your hashcompat service) "
        "or a custom password hashing plugin"
    )
    note: str = "POST each file to /api/user/import (API key in the Authorization header)."

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision:
        if row.email is None and row.username is None:
            raise Refused("FusionAuth needs an email or a username")
        user: dict[str, Any] = {}
        if row.email is not None:
            user["email"] = row.email
        if row.username is not None:
            user["username"] = row.username
        for key, field in (("firstName", "first_name"), ("lastName", "last_name")):
            if row.field(field) is not None:
                user[key] = row.field(field)
        if row.id is not None:
            user["data"] = {"legacy_id": str(row.id)}
        user.update(credential(params))
        return Decision(user, False)

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]:
        users = [d.payload for _, d in payloads]
        files = []
        for number, batch in enumerate(chunks(users, MAX_USERS), 1):
            body = {"users": list(batch), "validateDbConstraints": True}
            files.append(dump_json(body, out / f"fusionauth-import-{number:04d}.json"))
        return files
