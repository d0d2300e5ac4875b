"""ASP.NET Identity password hashes: base64 of a marker byte, a header and PBKDF2 output.

Version 2 (ASP.NET Identity 2, and Core's IdentityV2 mode) is ``0x00 | salt(16) | subkey(32)``
with PBKDF2-HMAC-SHA1 at 1000 iterations. Version 3 (ASP.NET Core Identity) is ``0x01 | prf |
iterations | salt length | salt | subkey`` with big-endian 32-bit fields; prf 0, 1, 2 are
HMAC-SHA1, -SHA256, -SHA512 (Core 2-6 write SHA256 at 10000, .NET 7+ SHA512 at 100000). The
password is UTF-8. The iteration count is checked against the cap before any work.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from dataclasses import dataclass

from hashcompat._families.kdf import capped_pbkdf2, check_pbkdf2, pbkdf2_parsed
from hashcompat._idkey import Alphabet, Key
from hashcompat._primitives import B64_CLASS as _B64
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

_PRFS = ("sha1", "sha256", "sha512")  # KeyDerivationPrf: HMACSHA1, HMACSHA256, HMACSHA512
_TAIL = rf"(?:{_B64}{{2}}==|{_B64}{{3}}=)?"


def _decode(info: SchemeInfo, hash: str) -> bytes:
    if not info.matches(hash):
        raise MalformedHashError(info.name, "the string does not have this format")
    try:
        return base64.b64decode(hash, validate=True)
    except (binascii.Error, ValueError):
        raise MalformedHashError(info.name, "the string is not valid base64") from None


def _parse_v2(info: SchemeInfo, raw: bytes) -> Pbkdf2:
    if len(raw) != 49 or raw[0] != 0:
        raise MalformedHashError(info.name, "expected 0x00, a 16-byte salt and a 32-byte subkey")
    return Pbkdf2("sha1", 1000, raw[1:17], raw[17:])


def _parse_v3(info: SchemeInfo, raw: bytes) -> Pbkdf2:
    if len(raw) < 13 + 16 + 16 or raw[0] != 1:
        raise MalformedHashError(info.name, "expected 0x01 and a 12-byte header")
    prf, iterations, salt_length = (int.from_bytes(raw[i : i + 4], "big") for i in (1, 5, 9))
    if prf >= len(_PRFS):
        raise MalformedHashError(info.name, f"unknown prf {prf}")
    if iterations < 1:
        raise MalformedHashError(info.name, "the iteration count must be at least 1")
    if not 16 <= salt_length <= len(raw) - 13 - 16:
        raise MalformedHashError(info.name, "the salt or the subkey is shorter than 16 bytes")
    salt = raw[13 : 13 + salt_length]
    return Pbkdf2(_PRFS[prf], iterations, salt, raw[13 + salt_length :])


@dataclass(frozen=True, slots=True)
class AspNetIdentity(Scheme, Writer):
    info: SchemeInfo
    version: int  # 2 or 3

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        raw = _decode(self.info, hash)
        found = _parse_v2(self.info, raw) if self.version == 2 else _parse_v3(self.info, raw)
        return pbkdf2_parsed(found)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return check_pbkdf2(self.info.name, secret, parsed)

    def compose(self, parsed: Parsed) -> str | None:
        """v3 from any PBKDF2 record with a known prf, a salt and a subkey of 16 bytes or
        more (v2 only from its own fixed parameters)."""
        params = parsed.params
        if not isinstance(params, Pbkdf2) or params.digest not in _PRFS or params.prehash:
            return None
        if self.version == 2:
            fixed = (params.digest, params.iterations, len(params.salt), len(params.key))
            if fixed != ("sha1", 1000, 16, 32):
                return None
            return base64.b64encode(b"\x00" + params.salt + params.key).decode("ascii")
        if len(params.salt) < 16 or len(params.key) < 16:
            return None
        numbers = (_PRFS.index(params.digest), params.iterations, len(params.salt))
        header = b"".join(n.to_bytes(4, "big") for n in numbers)
        return base64.b64encode(b"\x01" + header + params.salt + params.key).decode("ascii")

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        """v3: .NET 7+'s defaults (HMAC-SHA512, 100000 iterations); v2: its only form
        (HMAC-SHA1, 1000 iterations), for an application still on Identity 2."""
        salt = os.urandom(16)
        if self.version == 2:
            hash_params(params, {}, self.info.name)
            subkey = capped_pbkdf2(self.info.name, "sha1", secret, salt, 1000, length=32)
            return base64.b64encode(b"\x00" + salt + subkey).decode("ascii")
        options = hash_params(params, {"prf": str, "iterations": int}, self.info.name)
        prf = options.get("prf", "sha512")
        iterations = options.get("iterations", 100_000)
        if prf not in _PRFS or not isinstance(iterations, int) or iterations < 1:
            raise InvalidArgumentError(f"{self.info.name}: prf is one of {_PRFS}, iterations >= 1")
        subkey = capped_pbkdf2(self.info.name, str(prf), secret, salt, iterations, length=32)
        header = b"".join(n.to_bytes(4, "big") for n in (_PRFS.index(prf), iterations, 16))
        return base64.b64encode(b"\x01" + header + salt + subkey).decode("ascii")

    def needs_update(self, parsed: Parsed, params: Mapping[str, object] | None = None) -> bool:
        """True for v2, and for v3 below the wanted prf or iteration count (.NET 7+'s)."""
        found = parsed.params
        assert isinstance(found, Pbkdf2)  # noqa: S101 - parse made it
        wanted = dict(params or {})
        iterations = wanted.get("iterations", 100_000)
        if not isinstance(iterations, int):
            raise InvalidArgumentError(f"{self.info.name} parameter iterations must be int")
        prf = wanted.get("prf", "sha512")
        return self.version == 2 or found.digest != prf or found.iterations < iterations


SCHEMES = (
    AspNetIdentity(
        SchemeInfo(
            name="aspnet_identity_v2",
            summary="ASP.NET Identity v2: base64(0x00 | salt | PBKDF2-HMAC-SHA1 x1000)",
            aliases=("aspnet_identity2", "aspnetcore_identity_v2"),
            platforms=("ASP.NET Identity 2 (MVC 5)", "ASP.NET Core Identity (IdentityV2 mode)"),
            pattern=rf"A[A-P]{_B64}{{63}}[AQgw]==",
            keys=(Key("A", Alphabet.BASE64, 68, 68),),
            # PasswordHasher.VerifyHashedPassword picks v2 from the first byte, 0x00, alone.
            self_describing=True,
            strength=Strength.WEAK,  # 1000 iterations of HMAC-SHA1
            example="A" + "x" * 65 + "==",
            notes="68 base64 characters, format byte 0x00: PasswordHasher reads the version "
            "from that byte alone",
        ),
        version=2,
    ),
    AspNetIdentity(
        SchemeInfo(
            name="aspnet_identity_v3",
            summary="ASP.NET Core Identity v3: base64(0x01 | prf | iterations | salt | subkey)",
            aliases=("aspnet_identity", "aspnetcore_identity", "aspnet_identity3"),
            platforms=("ASP.NET Core Identity 1.0 and later", "ABP", "Duende IdentityServer"),
            prefixes=("AQAAAA",),
            pattern=rf"AQAAAA[A-L]{_B64}(?:{_B64}{{4}}){{13,340}}{_TAIL}",
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="AQAAAAIAAYagAAAAE" + "x" * 67 + "=",
            notes="prf 0/1/2 = HMAC-SHA1/256/512; .NET 7+ writes SHA512 at 100000 iterations",
        ),
        version=3,
    ),
)
