"""Firebase Authentication: ``accounts:batchCreate`` bodies, at most 1,000 users each, one hash
configuration per batch.

The body is what firebase-admin's ``auth.import_users(users, hash_alg=...)`` sends (its
``ImportUserRecord.to_dict()`` plus ``UserImportHash.to_dict()``, bytes as URL-safe base64);
:func:`sdk_batch` builds the same batch with the SDK itself (``pip install
hashcompat[firebase]``). Algorithms and limits follow the SDK and Firebase's "Import users"
guide: ``BCRYPT``; ``PBKDF_SHA1`` / ``PBKDF2_SHA256`` with rounds 0 to 120,000;
``STANDARD_SCRYPT`` (N, r, p, key length); ``MD5`` / ``SHA1`` / ``SHA256`` / ``SHA512`` with one
round. A salted digest also needs ``passwordHashOrder`` (REST only; the SDK cannot say it).
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
from hashcompat.export._base import Decision, chunks, dump_json
from hashcompat.params import Bcrypt, Digest, Pbkdf2, Scrypt

MAX_USERS = 1000  # firebase_admin._user_mgt.MAX_IMPORT_USERS_SIZE
MAX_PBKDF_ROUNDS = 120_000
_PBKDF = {"sha1": "PBKDF_SHA1", "sha256": "PBKDF2_SHA256"}
_SIZES = {"sha1": 20, "sha256": 32}
_DIGESTS = {"md5": "MD5", "sha1": "SHA1", "sha256": "SHA256", "sha512": "SHA512"}


def b64(value: bytes) -> str:
    return base64.urlsafe_b64encode(value).decode("ascii")


def hash_config(params: Convertible) -> tuple[dict[str, Any], bytes, bytes]:
    """(hash configuration, password hash bytes, salt bytes) for one row."""
    if isinstance(params, Bcrypt):
        if params.ident not in ("2a", "2b", "2y"):
            raise Refused(f"Firebase BCRYPT does not take ${params.ident}$")
        return {"hashAlgorithm": "BCRYPT"}, params.text.encode("ascii"), b""
    if isinstance(params, Pbkdf2):
        if params.digest not in _PBKDF or len(params.key) != _SIZES[params.digest]:
            raise Refused(f"Firebase PBKDF takes SHA1/SHA256 at full length, not {params.digest}")
        if params.iterations > MAX_PBKDF_ROUNDS:
            raise Refused(
                f"Firebase PBKDF rounds are 0 to 120000, this hash has {params.iterations}"
            )
        config = {"hashAlgorithm": _PBKDF[params.digest], "rounds": params.iterations}
        return config, params.key, params.salt
    if isinstance(params, Scrypt):
        config = {"hashAlgorithm": "STANDARD_SCRYPT", "cpuMemCost": params.n,
                  "parallelization": params.p, "blockSize": params.r,
                  "dkLen": len(params.key)}  # fmt: skip
        return config, params.key, params.salt
    if isinstance(params, Digest) and params.algorithm in _DIGESTS:
        config = {"hashAlgorithm": _DIGESTS[params.algorithm], "rounds": 1}
        if params.salt:
            order = "SALT_AND_PASSWORD" if params.order == "prefix" else "PASSWORD_AND_SALT"
            config["passwordHashOrder"] = order
        return config, params.digest, params.salt
    raise Refused(f"Firebase does not compute {type(params).__name__.lower()}")


@dataclass(frozen=True, slots=True)
class Firebase:
    name: str = "firebase"
    jit: str = "your sign-in endpoint: verify with hashcompat, then auth.update_user(password=)"
    note: str = "POST each batch to identitytoolkit accounts:batchCreate, or use sdk_batch()."

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision:
        if row.id is None:
            raise Refused("Firebase needs a uid (the id column)")
        config, digest, salt = hash_config(params)
        user: dict[str, Any] = {"localId": str(row.id)}
        person = Person.of(row)
        if person.email is not None:
            user["email"] = person.email
            if person.email_verified is not None:
                user["emailVerified"] = person.email_verified
        if person.display_name is not None:
            user["displayName"] = person.display_name
        user["passwordHash"] = b64(digest)
        if salt:
            user["salt"] = b64(salt)
        return Decision({"config": config, "user": user}, False)

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]:
        groups: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
        for _, decision in payloads:
            config = decision.payload["config"]
            key = repr(sorted(config.items()))
            groups.setdefault(key, (config, []))[1].append(decision.payload["user"])
        files: list[Path] = []
        for config, users in groups.values():
            for batch in chunks(users, MAX_USERS):
                body = {**config, "users": list(batch)}
                files.append(dump_json(body, out / f"firebase-batch-{len(files) + 1:04d}.json"))
        return files


def sdk_batch(body: dict[str, Any]) -> tuple[list[Any], Any]:
    """(ImportUserRecord list, UserImportHash) for one written batch, built by firebase-admin,
    ready for ``firebase_admin.auth.import_users(users, hash_alg=hash_alg)``. The SDK checks
    the rounds and sizes itself; it cannot express ``passwordHashOrder``."""
    try:
        from firebase_admin import auth  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    except ImportError:
        from hashcompat.errors import SchemeUnavailableError  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        raise SchemeUnavailableError(
            "firebase", "firebase-admin is not installed: pip install 'hashcompat[firebase]'"
        ) from None
    if "passwordHashOrder" in body:
        raise Refused("the SDK cannot state the salt order: send this batch over REST")
    algorithm, hashes = body["hashAlgorithm"], auth.UserImportHash
    makers = {
        "BCRYPT": hashes.bcrypt,
        "PBKDF_SHA1": lambda: hashes.pbkdf_sha1(rounds=body["rounds"]),
        "PBKDF2_SHA256": lambda: hashes.pbkdf2_sha256(rounds=body["rounds"]),
        "MD5": lambda: hashes.md5(rounds=body["rounds"]),
        "SHA1": lambda: hashes.sha1(rounds=body["rounds"]),
        "SHA256": lambda: hashes.sha256(rounds=body["rounds"]),
        "SHA512": lambda: hashes.sha512(rounds=body["rounds"]),
        "STANDARD_SCRYPT": lambda: hashes.standard_scrypt(
            memory_cost=body["cpuMemCost"],
            parallelization=body["parallelization"],
            block_size=body["blockSize"],
            derived_key_length=body["dkLen"],
        ),
    }
    users = [
        auth.ImportUserRecord(
            uid=u["localId"],
            email=u.get("email"),
            email_verified=u.get("emailVerified"),
            display_name=u.get("displayName"),
            password_hash=base64.urlsafe_b64decode(u["passwordHash"]),
            password_salt=base64.urlsafe_b64decode(u["salt"]) if "salt" in u else None,
        )
        for u in body["users"]
    ]
    return users, makers[algorithm]()
