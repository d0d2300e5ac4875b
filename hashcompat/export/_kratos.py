"""Ory Kratos: identity import bodies with ``credentials.password.config.hashed_password``.

Follows Kratos's "Import identities" guide and its ``hash/hash_comparator.go`` (Kratos v1.3):
bcrypt ``$2a$``/``$2b$``/``$2y$``; ``$argon2id$``/``$argon2i$`` at version 19 (unpadded base64);
``$pbkdf2-<digest>$i=,l=$salt$key`` (unpadded base64); ``$scrypt$ln=<N>,r=,p=$salt$key``
(padded base64; ``ln`` is N itself); ``{SSHA}``, ``{SSHA256}``, ``{SSHA512}`` (password then
salt); ``$sha1|256|512$pf=<base64 of {SALT}{PASSWORD}>$salt$hash`` and ``$md5$`` for plain
digests; ``$md5-crypt$``, ``$sha256-crypt$``, ``$sha512-crypt$`` for crypt(3) strings.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hashcompat._conversion import Convertible
from hashcompat._families.argon2 import phc_string
from hashcompat._families.pbkdf2.phc import phc_pbkdf2
from hashcompat.dump import Row
from hashcompat.dump._profilecols import Person
from hashcompat.errors import TargetRefusedError as Refused
from hashcompat.export._base import Decision, dump_lines
from hashcompat.params import Argon2, Bcrypt, Crypt, Digest, Pbkdf2, Scrypt

_PBKDF2 = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")
_SSHA = {"sha1": "{SSHA}", "sha256": "{SSHA256}", "sha512": "{SSHA512}"}


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _digest(params: Digest) -> str:
    if params.order == "suffix" and params.algorithm in _SSHA:
        return _SSHA[params.algorithm] + _b64(params.digest + params.salt)
    if params.algorithm == "md5" and not params.salt:
        return "$md5$" + _b64(params.digest)
    if params.algorithm not in ("md5", "sha1", "sha256", "sha512"):
        raise Refused(f"Kratos does not compute {params.algorithm}")
    pattern = {"prefix": "{SALT}{PASSWORD}", "suffix": "{PASSWORD}{SALT}"}
    pf = _b64(pattern.get(params.order, "{PASSWORD}").encode("ascii"))
    return f"${params.algorithm}$pf={pf}${_b64(params.salt)}${_b64(params.digest)}"


def hashed_password(params: Convertible) -> str:
    """``params`` in one of the string forms Kratos compares."""
    if isinstance(params, Bcrypt):
        if params.ident not in ("2a", "2b", "2y"):
            raise Refused(f"Kratos's bcrypt does not take ${params.ident}$")
        return params.text
    if isinstance(params, Argon2):
        if params.variant not in ("id", "i") or params.version != 19:
            raise Refused("Kratos takes argon2id and argon2i at version 19")
        return phc_string(params)
    if isinstance(params, Pbkdf2):
        if params.digest not in _PBKDF2:
            raise Refused(f"Kratos's pbkdf2 does not take {params.digest}")
        return phc_pbkdf2(params.digest, params.iterations, params.salt, params.key)
    if isinstance(params, Scrypt):
        head = f"$scrypt$ln={params.n},r={params.r},p={params.p}$"
        return head + f"{_b64(params.salt)}${_b64(params.key)}"
    if isinstance(params, Crypt):
        if params.kind is None:
            raise Refused("Kratos compares md5-, sha256- and sha512-crypt strings only")
        return f"${params.kind}-crypt${params.text.split('$', 2)[2]}"
    return _digest(params)


@dataclass(frozen=True, slots=True)
class Kratos:
    schema_id: str = "default"
    name: str = "kratos"
    jit: str = "Kratos password migration webhook (selfservice.methods.password.config)"
    note: str = "POST each line to /admin/identities (or batch with PATCH /admin/identities)."

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision:
        person = Person.of(row)
        if person.email is None and person.login is None:
            raise Refused("Kratos needs a trait to log in with (email or username)")
        traits: dict[str, Any] = (
            {"email": person.email} if person.email is not None else {"username": person.login}
        )
        if person.given_name or person.family_name:
            traits["name"] = {"first": person.given_name or "", "last": person.family_name or ""}
        elif person.name:
            traits["name"] = person.name
        value = hashed_password(params)
        body: dict[str, Any] = {
            "schema_id": self.schema_id,
            "traits": traits,
            "credentials": {"password": {"config": {"hashed_password": value}}},
        }
        return Decision(body, value == row.hash)

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]:
        return [dump_lines((d.payload for _, d in payloads), out / "kratos-identities.jsonl")]
