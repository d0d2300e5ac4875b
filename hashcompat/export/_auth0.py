"""Auth0 bulk user import (``POST /api/v2/jobs/users-imports``): JSON arrays of users.

Follows Auth0's "Bulk User Import Database Schema and Examples" (the user JSON schema and the
custom password hash section): bcrypt ``$2a$``/``$2b$`` go to ``password_hash`` (``$2y$`` is the
same algorithm and is written as ``$2b$``); argon2 and PBKDF2 go to ``custom_password_hash``
as PHC strings (``hash.encoding: utf8``); plain and salted MD4/MD5/SHA digests as hex with the
salt and its position. Each file stays under Auth0's 500 KB limit.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hashcompat._conversion import Convertible
from hashcompat._families.argon2 import phc_string
from hashcompat._families.pbkdf2.phc import phc_pbkdf2
from hashcompat.dump import Row
from hashcompat.dump._private import write_private
from hashcompat.dump._profilecols import Person
from hashcompat.errors import TargetRefusedError as Refused
from hashcompat.export._base import Decision
from hashcompat.params import Argon2, Bcrypt, Digest, Pbkdf2

MAX_FILE_BYTES = 500_000  # Auth0: "The file size limit for a bulk import is 500KB"
_DIGESTS = ("md4", "md5", "sha1", "sha256", "sha512")
_PBKDF2_DIGESTS = ("sha1", "sha224", "sha256", "sha384", "sha512")


def _salt(value: bytes) -> dict[str, str]:
    """salt.value as UTF-8 text where it is text, else base64 with its encoding named."""
    try:
        text = value.decode("utf-8")
        if text.isprintable():
            return {"value": text, "encoding": "utf8"}
    except UnicodeDecodeError:
        pass
    return {"value": base64.b64encode(value).decode("ascii"), "encoding": "base64"}


def custom_hash(params: Convertible) -> dict[str, Any] | str:
    """The ``custom_password_hash`` object, or a bcrypt string for ``password_hash``."""
    if isinstance(params, Bcrypt):
        if params.ident not in ("2a", "2b", "2y"):
            raise Refused(f"Auth0 takes bcrypt $2a$, $2b$, $2y$ only, not ${params.ident}$")
        return "$2b$" + params.text[4:] if params.ident == "2y" else params.text
    if isinstance(params, Argon2):
        return {"algorithm": "argon2", "hash": {"value": phc_string(params), "encoding": "utf8"}}
    if isinstance(params, Pbkdf2):
        if params.digest not in _PBKDF2_DIGESTS:
            raise Refused(f"Auth0 pbkdf2 does not take {params.digest}")
        value = phc_pbkdf2(params.digest, params.iterations, params.salt, params.key)
        return {"algorithm": "pbkdf2", "hash": {"value": value, "encoding": "utf8"}}
    if isinstance(params, Digest) and params.algorithm in _DIGESTS:
        found: dict[str, Any] = {
            "algorithm": params.algorithm,
            "hash": {"value": params.digest.hex(), "encoding": "hex"},
        }
        if params.salt:
            position = "prefix" if params.order == "prefix" else "suffix"
            found["salt"] = {**_salt(params.salt), "position": position}
        return found
    raise Refused(f"Auth0 does not compute {type(params).__name__.lower()}")


@dataclass(frozen=True, slots=True)
class Auth0:
    name: str = "auth0"
    # Auth0 takes a top-level username only on connections with "Requires Username" on;
    # otherwise the login goes to nickname and user_metadata.login.
    usernames: bool = False
    jit: str = "Auth0 custom database connection with 'Import Users to Auth0' (lazy migration)"
    note: str = "Upload each users-NNNN.json as its own job (POST /api/v2/jobs/users-imports)."

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision:
        person = Person.of(row)
        if person.email is None:
            raise Refused("Auth0's user schema requires an email")
        made = custom_hash(params)
        user: dict[str, Any] = {
            "email": person.email,
            "email_verified": bool(person.email_verified),
        }
        for key, value in (
            ("name", person.display_name),
            ("given_name", person.given_name),
            ("family_name", person.family_name),
        ):
            if value:
                user[key] = value
        if person.login:
            if self.usernames:
                user["username"] = person.login
            else:
                user["nickname"] = person.login
                user["user_metadata"] = {"login": person.login}
        if row.id is not None:
            user["user_id"] = str(row.id)
        if isinstance(made, str):
            user["password_hash"] = made
            return Decision(user, made == row.hash)
        made["password"] = {"encoding": "utf8"}
        user["custom_password_hash"] = made
        return Decision(user, False)

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]:
        files: list[Path] = []
        batch: list[str] = []
        size = 2  # the brackets
        for _, decision in payloads:
            text = json.dumps(decision.payload, ensure_ascii=False)
            grown = len(text.encode("utf-8")) + 2  # ",\n"
            if batch and size + grown > MAX_FILE_BYTES:
                files.append(_flush(batch, out, len(files) + 1))
                batch, size = [], 2
            batch.append(text)
            size += grown
        if batch:
            files.append(_flush(batch, out, len(files) + 1))
        return files


def _flush(batch: list[str], out: Path, number: int) -> Path:
    path = out / f"auth0-users-{number:04d}.json"
    write_private(path, "[\n" + ",\n".join(batch) + "\n]\n")
    return path
