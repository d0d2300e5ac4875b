"""Firebase Authentication's modified scrypt (``firebase_scrypt``).

Firebase derives 64 bytes with scrypt (N = 2^mem_cost, r = rounds, p = 1) from the password and
the user's salt followed by the project's salt separator, then encrypts the project's signer key
with AES-256-CTR under the first 32 of them (counter block zero). The base64 of that ciphertext
is the ``passwordHash`` that ``firebase auth:export`` writes; the ``salt`` is the user's.

The project's hash config (signer key, salt separator, rounds, memory cost) is a site-wide
secret, so it comes in as the pepper: ``verify(..., scheme="firebase_scrypt", salt=SALT,
pepper=CONFIG)``, where CONFIG is the console's ``hash_config { ... }`` block, its JSON form, or
``key: value`` lines. Without a pepper, the environment variable
``HASHCOMPAT_FIREBASE_HASH_CONFIG`` is read (the text itself, or ``@PATH`` of a file holding
it). AES comes from the ``cryptography`` package (the ``firebase`` extra).

Vectors: tests/vectors/firebase_scrypt.jsonl, from the README of github.com/firebase/scrypt
(make_firebase_scrypt.py records where each value comes from).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from hashcompat._families.kdf import capped_scrypt
from hashcompat.errors import MalformedHashError, MissingParameterError, SchemeUnavailableError
from hashcompat.scheme import Inputs, Parsed, Scheme, SchemeInfo, Strength, equal

__all__ = ["ENVIRONMENT", "SCHEMES", "HashConfig"]

ENVIRONMENT = "HASHCOMPAT_FIREBASE_HASH_CONFIG"
NAME = "firebase_scrypt"
_FIELD = re.compile(
    r"(base64_signer_key|base64_salt_separator|rounds|mem_cost)\s*[:=]\s*([^,\s}]+)"
)


def _b64(value: str, what: str) -> bytes:
    try:
        return base64.b64decode(value.strip().strip("\"'"), validate=True)
    except (binascii.Error, ValueError):
        raise MalformedHashError(NAME, f"the {what} is not base64") from None


@dataclass(frozen=True, slots=True)
class HashConfig:
    """A Firebase project's password hash parameters (the console's ``hash_config``)."""

    signer_key: bytes
    salt_separator: bytes
    rounds: int
    mem_cost: int

    def __repr__(self) -> str:  # never the key: reprs end up in logs
        return f"HashConfig(rounds={self.rounds}, mem_cost={self.mem_cost})"

    @classmethod
    def parse(cls, text: str) -> HashConfig:
        """The console block, its JSON form (same names), or ``name: value`` lines."""
        fields: dict[str, str] = {}
        stripped = text.strip()
        if stripped.startswith("{"):
            try:
                loaded = json.loads(stripped)
            except ValueError:
                loaded = None
            if isinstance(loaded, dict):
                fields = {str(k): str(v) for k, v in loaded.items()}
        if not fields:
            fields = dict(_FIELD.findall(text))
        missing = [
            n
            for n in ("base64_signer_key", "base64_salt_separator", "rounds", "mem_cost")
            if n not in fields
        ]
        if missing:
            raise MalformedHashError(NAME, f"the hash config lacks {', '.join(missing)}")
        try:
            rounds, mem_cost = int(fields["rounds"]), int(fields["mem_cost"])
        except ValueError:
            raise MalformedHashError(NAME, "rounds and mem_cost must be integers") from None
        if not 1 <= rounds <= 8 or not 1 <= mem_cost <= 14:  # the ranges Firebase documents
            raise MalformedHashError(NAME, "rounds must be 1 to 8 and mem_cost 1 to 14")
        return cls(
            signer_key=_b64(fields["base64_signer_key"], "signer key"),
            salt_separator=_b64(fields["base64_salt_separator"], "salt separator"),
            rounds=rounds,
            mem_cost=mem_cost,
        )

    @classmethod
    def from_environment(cls) -> HashConfig | None:
        value = os.environ.get(ENVIRONMENT)
        if not value:
            return None
        if value.startswith("@"):
            try:
                value = Path(value[1:]).read_text(encoding="utf-8")
            except OSError as exc:
                raise MissingParameterError(
                    NAME, f"pepper (cannot read {ENVIRONMENT}: {exc.strerror})"
                ) from None
        return cls.parse(value)


def firebase_hash(secret: bytes, salt: bytes, config: HashConfig) -> bytes:
    """The raw ``passwordHash`` Firebase stores for ``secret`` (before base64)."""
    try:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    except ImportError:
        raise SchemeUnavailableError(NAME, "pip install 'hashcompat[firebase]'") from None
    derived = capped_scrypt(
        NAME,
        secret,
        salt + config.salt_separator,
        n=1 << config.mem_cost,
        r=config.rounds,
        p=1,
        length=64,
    )
    encryptor = Cipher(algorithms.AES(derived[:32]), modes.CTR(bytes(16))).encryptor()
    return encryptor.update(config.signer_key) + encryptor.finalize()


@dataclass(frozen=True, slots=True)
class FirebaseScrypt(Scheme):
    """The stored string is the ciphertext alone; the scrypt parameters are the project's
    (the pepper), bounded by Firebase's own ranges and capped again by ``capped_scrypt``."""

    info: SchemeInfo

    def parse(self, hash: str) -> Parsed:
        return Parsed(_b64(hash, "password hash"))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        stored = parsed.digest
        assert isinstance(stored, bytes)  # noqa: S101 - parse made it
        salt = _b64(inputs.require(NAME, "salt"), "salt")
        config = HashConfig.parse(inputs.pepper) if inputs.pepper else HashConfig.from_environment()
        if config is None:
            raise MissingParameterError(NAME, "pepper")
        if len(stored) != len(config.signer_key):
            raise MalformedHashError(NAME, "the hash is not as long as the signer key")
        return equal(firebase_hash(secret, salt, config), stored)


SCHEMES = (
    FirebaseScrypt(
        SchemeInfo(
            name=NAME,
            summary="Firebase Authentication's modified scrypt (auth:export passwordHash)",
            aliases=("firebase", "firebase_auth_scrypt"),
            platforms=("Firebase Authentication / Google Identity Platform",),
            inputs=("salt", "pepper"),
            strength=Strength.MODERN,
            example="<88 base64> with salt=<base64> and pepper=<the project's hash_config>",
            notes="pepper is the project's hash config; or set HASHCOMPAT_FIREBASE_HASH_CONFIG",
        )
    ),
)
