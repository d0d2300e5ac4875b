"""PBKDF2 string formats that no maintained library parses: each is a parser over hashlib.

The key derivation itself is ``hashlib.pbkdf2_hmac`` (OpenSSL); what differs between these
platforms is only where the algorithm, iteration count, salt and digest sit and how they are
encoded. Each parser returns the pieces, the iteration count is checked against
``Limits.max_iterations`` before any work, and the derived key is compared in constant time.
Vectors: hashcat's test modules for each format (tests/vectors/picked.jsonl).
"""

from __future__ import annotations

import binascii
import re
import secrets
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import cast

from hashcompat._crypto.md4 import md4
from hashcompat._families.kdf import capped_pbkdf2, check_pbkdf2, pbkdf2_parsed
from hashcompat._primitives import unb64, utf16le
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

_DIGESTS = ("md5", "sha1", "sha256", "sha512")


@dataclass(frozen=True, slots=True)
class Pbkdf2Format(Scheme):
    """One PBKDF2 string layout: ``read`` turns the pattern's groups into the PBKDF2 record;
    ``prepare`` is what the platform does to the password first, named by ``prehash``."""

    info: SchemeInfo
    read: Callable[[re.Match[str]], Pbkdf2]
    prepare: Callable[[bytes], bytes]  # the password as PBKDF2 sees it
    regex: re.Pattern[str]
    prehash: str = ""

    def parse(self, hash: str) -> Parsed:
        found = self.regex.fullmatch(hash)
        if found is None:
            raise MalformedHashError(self.info.name, "the string does not have this format")
        try:
            wanted = self.read(found)
        except (binascii.Error, ValueError):
            raise MalformedHashError(self.info.name, "a field is not valid base64/hex") from None
        if not wanted.key or wanted.iterations < 1:
            raise MalformedHashError(self.info.name, "empty digest or zero iterations")
        if self.prehash:
            wanted = wanted.replace(prehash=self.prehash)
        return pbkdf2_parsed(wanted)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return check_pbkdf2(self.info.name, self.prepare(secret), parsed)


@dataclass(frozen=True, slots=True)
class DovecotPbkdf2(Pbkdf2Format, Writer):
    """Dovecot's ``{PBKDF2}``, which hashcompat also writes: doveadm pw's 16-character salt and
    5000 rounds (Dovecot 2.3), PBKDF2-HMAC-SHA1 with a 20-byte key in hex."""

    @property
    def writer(self) -> Writer:
        return self

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        rounds = cast(int, hash_params(params, {"rounds": int}, self.info.name).get("rounds", 5000))
        if rounds < 1:
            raise InvalidArgumentError(f"{self.info.name}: rounds must be at least 1")
        salt = "".join(secrets.choice(_SALT_CHARS) for _ in range(16))
        key = capped_pbkdf2(self.info.name, "sha1", secret, salt.encode("ascii"), rounds)
        return f"{{PBKDF2}}$1${salt}${rounds}${key.hex()}"

    def compose(self, parsed: Parsed) -> str | None:
        params = parsed.params
        if not isinstance(params, Pbkdf2) or params.digest != "sha1" or params.prehash:
            return None
        try:
            salt = params.salt.decode("ascii")
        except UnicodeDecodeError:
            return None
        if not salt or "$" in salt or len(salt) > 64:
            return None
        return f"{{PBKDF2}}$1${salt}${params.iterations}${params.key.hex()}"


_SALT_CHARS = string.ascii_letters + string.digits


def _format(
    info: SchemeInfo,
    parse: Callable[[re.Match[str]], Pbkdf2],
    prepare: Callable[[bytes], bytes] = bytes,
    prehash: str = "",
) -> Pbkdf2Format:
    return Pbkdf2Format(info, parse, prepare, re.compile(info.pattern or ""), prehash)


def _colon(found: re.Match[str]) -> Pbkdf2:
    algorithm, iterations, salt, digest = found.groups()
    return Pbkdf2(algorithm, int(iterations), unb64(salt), unb64(digest))


def _web2py(found: re.Match[str]) -> Pbkdf2:
    iterations, length, algorithm, salt, digest = found.groups()
    expected = bytes.fromhex(digest)
    if len(expected) != int(length):
        raise ValueError("digest length differs from the declared one")
    return Pbkdf2(algorithm, int(iterations), salt.encode("utf-8"), expected)


def _macos(found: re.Match[str]) -> Pbkdf2:
    iterations, salt, digest = found.groups()
    return Pbkdf2("sha512", int(iterations), bytes.fromhex(salt), bytes.fromhex(digest))


def _mediawiki(found: re.Match[str]) -> Pbkdf2:
    algorithm, iterations, length, salt, digest = found.groups()
    expected = unb64(digest)
    if len(expected) != int(length):
        raise ValueError("digest length differs from the declared one")
    return Pbkdf2(algorithm, int(iterations), unb64(salt), expected)


def _dovecot(found: re.Match[str]) -> Pbkdf2:
    salt, iterations, digest = found.groups()
    return Pbkdf2("sha1", int(iterations), salt.encode("utf-8"), bytes.fromhex(digest))


def _azure(found: re.Match[str]) -> Pbkdf2:
    salt, iterations, digest = found.groups()
    return Pbkdf2("sha256", int(iterations), bytes.fromhex(salt), bytes.fromhex(digest))


def _nt_hash_hex(secret: bytes) -> bytes:
    # Azure AD Connect derives from the NT hash written as upper-case hex, in UTF-16LE.
    return md4(utf16le(secret)).hex().upper().encode("utf-16-le")


_B64 = "[A-Za-z0-9+/]+={0,2}"
_DOVECOT = r"\{PBKDF2\}\$1\$([^$]{1,64})\$(\d{1,9})\$([0-9a-fA-F]{40})"

SCHEMES = (
    _format(
        SchemeInfo(
            name="pbkdf2_colon",
            summary="PBKDF2 as algorithm:iterations:base64 salt:base64 digest",
            aliases=("defuse_pbkdf2", "pbkdf2_hashcat"),
            platforms=("defuse password-hashing (PHP, Java, C#, Ruby) v1", "custom Java/.NET"),
            prefixes=tuple(f"{name}:" for name in _DIGESTS),
            pattern=rf"({'|'.join(_DIGESTS)}):(\d{{1,9}}):({_B64}):({_B64})",
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="sha256:1000:<base64 salt>:<base64 digest>",
        ),
        _colon,
    ),
    _format(
        SchemeInfo(
            name="web2py_pbkdf2",
            summary="web2py CRYPT(): pbkdf2(iterations,length,algorithm)$salt$hex",
            aliases=("web2py",),
            platforms=("web2py (gluon.validators.CRYPT)",),
            prefixes=("pbkdf2(",),
            pattern=r"pbkdf2\((\d{1,9}),(\d{1,3}),(sha1|sha256|sha512)\)\$([^$]{0,64})\$([0-9a-f]{2,256})",
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="pbkdf2(1000,20,sha512)$<salt>$<40 hex>",
        ),
        _web2py,
    ),
    _format(
        SchemeInfo(
            name="macos_pbkdf2",
            summary="macOS 10.8+ user password: PBKDF2-SHA512 ($ml$iterations$salt$digest)",
            aliases=("macos_ml", "osx_pbkdf2"),
            platforms=("macOS 10.8 and later (ShadowHashData)",),
            prefixes=("$ml$",),
            pattern=r"\$ml\$(\d{1,9})\$([0-9a-fA-F]{64})\$([0-9a-fA-F]{128,256})",
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="$ml$35000$<64 hex salt>$<128 hex>",
        ),
        _macos,
    ),
    _format(
        SchemeInfo(
            name="azure_ad_sync",
            summary="Azure AD Connect password hash sync: PBKDF2-SHA256 over the NT hash",
            aliases=("ms_azuresync", "pph1_md4"),
            platforms=("Azure AD Connect / Entra ID password hash sync",),
            prefixes=("v1;PPH1_MD4,",),
            pattern=r"v1;PPH1_MD4,([0-9a-fA-F]{20}),(\d{1,9}),([0-9a-fA-F]{64})",
            self_describing=True,
            strength=Strength.WEAK,
            example="v1;PPH1_MD4,<20 hex salt>,100,<64 hex>",
            notes="the NT hash inside is itself unsalted MD4",
        ),
        _azure,
        _nt_hash_hex,
        "nt-hash-hex-utf16",
    ),
    DovecotPbkdf2(
        SchemeInfo(
            name="dovecot_pbkdf2",
            summary="Dovecot {PBKDF2}: PBKDF2-HMAC-SHA1 as $1$salt$rounds$hex",
            platforms=("Dovecot passdb",),
            prefixes=("{PBKDF2}$1$",),
            pattern=_DOVECOT,
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="{PBKDF2}$1$<salt>$5000$<40 hex>",
        ),
        _dovecot,
        bytes,
        re.compile(_DOVECOT),
    ),
    _format(
        SchemeInfo(
            name="mediawiki_pbkdf2",
            summary="MediaWiki 1.24+ :pbkdf2:algorithm:iterations:length:salt:digest",
            aliases=("mediawiki_pbkdf2_sha512",),
            platforms=("MediaWiki 1.24 and later (Pbkdf2Password)",),
            prefixes=(":pbkdf2:",),
            pattern=rf":pbkdf2:(sha1|sha256|sha512):(\d{{1,9}}):(\d{{1,3}}):({_B64}):({_B64})",
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example=":pbkdf2:sha512:30000:64:<base64 salt>:<base64 digest>",
        ),
        _mediawiki,
    ),
)
