"""PBKDF2 as a PHC string: ``$pbkdf2-<digest>$i=<iterations>,l=<length>$<salt>$<key>``.

The PHC string format (github.com/P-H-C/phc-string-format) with standard base64 without
padding. This is the form Auth0's bulk import reads for ``algorithm: pbkdf2``, Ory Kratos
reads as ``hashed_password``, and the RustCrypto ``pbkdf2`` crate writes. It is not passlib's
``$pbkdf2-sha256$<rounds>$...`` (adapted base64, no ``i=``), which is a separate scheme.
"""

from __future__ import annotations

import binascii
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from hashcompat._families.kdf import capped_pbkdf2, check_pbkdf2, pbkdf2_parsed
from hashcompat._primitives import B64_CLASS as _B64
from hashcompat._primitives import b64_nopad, unb64
from hashcompat.errors import InvalidArgumentError, MalformedHashError
from hashcompat.params import Pbkdf2
from hashcompat.scheme import (
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    Writer,
    hash_params,
)

DIGESTS = ("sha1", "sha256", "sha512")
_PATTERN = (
    rf"\$pbkdf2-({'|'.join(DIGESTS)})\$i=(\d{{1,10}}),l=(\d{{1,3}})\$({_B64}{{2,}})\$({_B64}{{2,}})"
)
_RE = re.compile(_PATTERN)  # what verify reads: any l= whose key has that many bytes


def _b64_length(size: int) -> int:
    return (4 * size + 2) // 3  # unpadded base64 of ``size`` bytes


# What identify claims: the key lengths in use (16 to 64 bytes), each with its exact width, so
# a truncated or extended string is not taken for this format.
_SALT = f"(?:(?:{_B64}{{4}})*(?:{_B64}{{2,3}})?)"
_KEYS = "|".join(
    rf"{size}\${_SALT}\${_B64}{{{_b64_length(size)}}}" for size in (16, 20, 24, 28, 32, 48, 64)
)
_IDENTIFIED = rf"\$pbkdf2-(?:{'|'.join(DIGESTS)})\$i=\d{{1,10}},l=(?:{_KEYS})"


def phc_pbkdf2(digest: str, iterations: int, salt: bytes, key: bytes) -> str:
    """The PHC string of a PBKDF2 derivation."""
    head = f"$pbkdf2-{digest}$i={iterations},l={len(key)}$"
    return head + f"{b64_nopad(salt)}${b64_nopad(key)}"


@dataclass(frozen=True, slots=True)
class PhcPbkdf2(Scheme, Writer):
    info: SchemeInfo

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        """The PBKDF2 record, after the format and the length field agree."""
        found = _RE.fullmatch(hash)
        if found is None:
            raise MalformedHashError(self.info.name, "expected $pbkdf2-<digest>$i=,l=$salt$key")
        digest, iterations, length, salt, key = found.groups()
        try:
            salt_bytes, key_bytes = unb64(salt), unb64(key)
        except (binascii.Error, ValueError):
            raise MalformedHashError(self.info.name, "salt or key is not base64") from None
        if len(key_bytes) != int(length) or int(iterations) < 1:
            raise MalformedHashError(self.info.name, "l= differs from the key, or i=0")
        return pbkdf2_parsed(Pbkdf2(digest, int(iterations), salt_bytes, key_bytes))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return check_pbkdf2(self.info.name, secret, parsed)

    def compose(self, parsed: Parsed) -> str | None:
        params = parsed.params
        if not isinstance(params, Pbkdf2) or params.digest not in DIGESTS or params.prehash:
            return None
        if not params.salt:
            return None
        return phc_pbkdf2(params.digest, params.iterations, params.salt, params.key)

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        """Defaults: SHA-256, 600,000 iterations (OWASP 2023), 16-byte salt, 32-byte key."""
        allowed = {"digest": str, "iterations": int, "length": int}
        options = hash_params(params, allowed, self.info.name)
        digest = cast(str, options.get("digest", "sha256"))
        iterations = cast(int, options.get("iterations", 600_000))
        length = cast(int, options.get("length", 32))
        if digest not in DIGESTS or iterations < 1 or not 8 <= length <= 128:
            raise InvalidArgumentError(f"{self.info.name}: digest in {DIGESTS}, i >= 1, l 8..128")
        salt = os.urandom(16)
        key = capped_pbkdf2(self.info.name, digest, secret, salt, iterations, length=length)
        return phc_pbkdf2(digest, iterations, salt, key)


PHC_PBKDF2 = PhcPbkdf2(
    SchemeInfo(
        name="phc_pbkdf2",
        summary="PBKDF2 PHC string: $pbkdf2-sha256$i=...,l=...$salt$key (standard base64)",
        aliases=("pbkdf2_phc", "kratos_pbkdf2", "auth0_pbkdf2"),
        platforms=("Ory Kratos", "Auth0 bulk import", "RustCrypto pbkdf2"),
        prefixes=tuple(f"$pbkdf2-{d}$i=" for d in DIGESTS),
        pattern=_IDENTIFIED,
        self_describing=True,
        strength=Strength.LEGACY_OK,
        example="$pbkdf2-sha256$i=600000,l=32$" + "s" * 22 + "$" + "x" * 43,
    )
)

SCHEMES = (PHC_PBKDF2,)
