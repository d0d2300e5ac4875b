"""ZITADEL: user v2 ``POST /v2/users/human`` bodies with ``hashedPassword.hash``.

ZITADEL verifies imported hashes with its passwap library; each family is read only when its
verifier is listed in ``SystemDefaults.PasswordHasher.Verifiers``
(``ZITADEL_SYSTEMDEFAULTS_PASSWORDHASHER_VERIFIERS``; bcrypt is on by default). Follows
zitadel/passwap (its README's encodings and each verifier's parser) and ZITADEL's
``internal/crypto`` verifier names, read 2026-12:

- ``bcrypt``: ``$2a$``/``$2b$``/``$2y$``; ``argon2``: ``$argon2i$``/``$argon2id$`` PHC at v=19;
- ``pbkdf2``: passlib's ``$pbkdf2[-sha224|-sha256|-sha384|-sha512]$<rounds>$<salt>$<key>`` in
  the adapted base64 (``.`` for ``+``, no padding);
- ``scrypt``: ``$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<key>`` in unpadded base64;
- ``md5``: MD5-crypt ``$1$``; ``sha2``: SHA-256/512-crypt ``$5$``/``$6$``; ``md5plain``: an
  unsalted hex MD5; ``phpass``: ``$P$``/``$H$``; ``drupal7``: ``$S$``.

The verifiers a run needs are listed in ``zitadel-verifiers.txt`` beside the bodies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hashcompat._conversion import Convertible
from hashcompat._families.argon2 import phc_string
from hashcompat._primitives import b64_nopad
from hashcompat.dump import Row
from hashcompat.dump._private import private_open
from hashcompat.errors import TargetRefusedError as Refused
from hashcompat.export._base import Decision, dump_lines
from hashcompat.params import Argon2, Bcrypt, Crypt, Digest, Pbkdf2, Scrypt

_PBKDF2 = {"sha1": "pbkdf2", **{d: f"pbkdf2-{d}" for d in ("sha224", "sha256", "sha384", "sha512")}}
_CRYPT = {"md5": "md5", "sha256": "sha2", "sha512": "sha2"}
_STORED = {"phpass": ("phpass", ("$P$", "$H$")), "drupal7": ("drupal7", ("$S$",))}


def _ab64(value: bytes) -> str:
    return b64_nopad(value).replace("+", ".")


def hashed(params: Convertible) -> tuple[str, str]:
    """(verifier name, ``hashedPassword.hash``) for ``params``."""
    if isinstance(params, Bcrypt):
        if params.ident not in ("2a", "2b", "2y"):
            raise Refused(f"ZITADEL's bcrypt takes $2a$, $2b$, $2y$, not ${params.ident}$")
        return "bcrypt", params.text
    if isinstance(params, Argon2):
        if params.variant not in ("i", "id") or params.version != 19:
            raise Refused("ZITADEL's argon2 verifier takes argon2i and argon2id at version 19")
        return "argon2", phc_string(params)
    if isinstance(params, Pbkdf2):
        ident = _PBKDF2.get(params.digest)
        if ident is None:
            raise Refused(f"ZITADEL's pbkdf2 does not take {params.digest}")
        text = f"${ident}${params.iterations}${_ab64(params.salt)}${_ab64(params.key)}"
        return "pbkdf2", text
    if isinstance(params, Scrypt):
        if params.n < 2 or params.n & (params.n - 1):
            raise Refused(f"ZITADEL's scrypt stores log2(N); N={params.n} is not a power of two")
        head = f"$scrypt$ln={params.n.bit_length() - 1},r={params.r},p={params.p}$"
        return "scrypt", head + f"{b64_nopad(params.salt)}${b64_nopad(params.key)}"
    if isinstance(params, Crypt):
        if params.kind is None:
            raise Refused("ZITADEL's crypt verifiers take md5-, sha256- and sha512-crypt only")
        return _CRYPT[params.kind], params.text
    if isinstance(params, Digest) and params.algorithm == "md5" and not params.salt:
        return "md5plain", params.digest.hex()
    raise Refused(f"ZITADEL has no verifier for {type(params).__name__.lower()}")


@dataclass(frozen=True, slots=True)
class Zitadel:
    name: str = "zitadel"
    jit: str = (
        "your sign-in service: verify with hashcompat, then set the password (v2 SetPassword)"
    )
    note: str = (
        "POST each line to /v2/users/human; enable the verifiers listed in "
        "zitadel-verifiers.txt (ZITADEL_SYSTEMDEFAULTS_PASSWORDHASHER_VERIFIERS)."
    )

    def _body(self, row: Row, verifier: str, value: str) -> Decision:
        login = row.username or row.email
        if login is None:
            raise Refused("ZITADEL needs a username (or an email to use as one)")
        given = row.field("first_name") or row.field("given_name") or login
        family = row.field("last_name") or row.field("family_name") or login
        body: dict[str, Any] = {
            "username": login,
            "profile": {"givenName": given, "familyName": family},
        }
        if row.email is not None:
            body["email"] = {"email": row.email, "isVerified": False}
        if row.id is not None:
            body["metadata"] = [{"key": "legacy_id", "value": _b64text(str(row.id))}]
        body["hashedPassword"] = {"hash": value, "changeRequired": False}
        return Decision({"verifier": verifier, "body": body}, value == row.hash)

    def accept(self, row: Row, scheme: str) -> Decision | None:
        found = _STORED.get(scheme)
        if found is None:
            return None
        verifier, heads = found
        if not row.hash.startswith(heads):
            raise Refused(f"ZITADEL's {verifier} verifier reads {', '.join(heads)} strings")
        return self._body(row, verifier, row.hash)

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision:
        verifier, value = hashed(params)
        return self._body(row, verifier, value)

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]:
        bodies = out / "zitadel-users.jsonl"
        dump_lines((d.payload["body"] for _, d in payloads), bodies)
        needed = sorted({d.payload["verifier"] for _, d in payloads})
        listing = out / "zitadel-verifiers.txt"
        with private_open(listing) as handle:
            handle.write(",".join(needed) + "\n")
        return [bodies, listing]


def _b64text(text: str) -> str:
    """ZITADEL's metadata values are bytes, base64 in JSON."""
    import base64  # noqa: PLC0415 - lazy: a stdlib module only this path needs

    return base64.b64encode(text.encode("utf-8")).decode("ascii")
