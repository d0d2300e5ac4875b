"""Dovecot's ``{SCHEME}`` password strings (passwd-file, SQL and LDAP userdbs).

Most are another format behind a tag (``{SHA512-CRYPT}$6$...``, ``{BLF-CRYPT}$2y$...``,
``{PLAIN-MD5}`` + hex) and reuse that format's scheme through the LDAP module's Tagged
wrapper. Dovecot's own formats are computed here with hashlib: ``{PBKDF2}`` (in pbkdf2.py),
``{SCRAM-SHA-1}`` / ``{SCRAM-SHA-256}`` and ``{DIGEST-MD5}``. Tags Dovecot shares with LDAP
(``{SSHA}``, ``{SHA256}``, ``{SMD5}``, ...) are the LDAP schemes. Vectors: ``doveadm pw``
(tests/vectors/dovecot.jsonl).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from hashcompat._families import argon2, bcrypt, digests, plaintext, unixcrypt
from hashcompat._families.kdf import scram_keys
from hashcompat._families.ldap import LdapDigest, Tagged, b64_pattern
from hashcompat.errors import InvalidArgumentError, MalformedHashError
from hashcompat.scheme import (
    Cost,
    CostKind,
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    Writer,
    equal,
    hash_params,
)

_PLATFORMS = ("Dovecot passdb (passwd-file, SQL, LDAP)",)


def _find(schemes: tuple[Scheme, ...], name: str) -> Scheme:
    return next(s for s in schemes if s.info.name == name)


def _info(
    name: str,
    tags: tuple[str, ...],
    body: str,
    inner: SchemeInfo | None = None,
    *,
    summary: str = "",
    strength: Strength | None = None,
    inputs: tuple[str, ...] = (),
    example: str = "",
) -> SchemeInfo:
    tag_pattern = "|".join(re.escape(t) for t in tags)
    return SchemeInfo(
        name=name,
        summary=summary or f"Dovecot {tags[0]} before a {inner.name if inner else ''} string",
        aliases=(),
        platforms=_PLATFORMS,
        prefixes=tags,
        pattern=f"(?:{tag_pattern})(?:{body})",
        self_describing=True,
        inputs=inputs or (inner.inputs if inner else ()),
        strength=strength or (inner.strength if inner else Strength.BROKEN),
        example=example or tags[0] + ((inner.example or "") if inner else ""),
    )


def _tagged(
    name: str,
    tags: tuple[str, ...],
    inner: Scheme,
    *,
    writable: bool = True,
    heads: tuple[tuple[str, str], ...] = (),
) -> Tagged:
    info = _info(name, tags, inner.info.pattern or ".*", inner.info)
    return Tagged(info, tags[0], inner, writable=writable, heads=heads)


@dataclass(frozen=True, slots=True)
class DovecotScram(Scheme, Writer):
    """``{SCRAM-SHA-*}iterations,salt,StoredKey,ServerKey`` (RFC 5802 keys, base64)."""

    info: SchemeInfo
    algorithm: str

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected iterations,salt,stored,server")
        count, salt, stored, server = hash[hash.index("}") + 1 :].split(",")
        try:
            salt_bytes = base64.b64decode(salt, validate=True)
            stored_key = base64.b64decode(stored, validate=True)
            server_key = base64.b64decode(server, validate=True)
        except binascii.Error:
            raise MalformedHashError(self.info.name, "a field is not base64") from None
        costs = (Cost(CostKind.ITERATIONS, int(count), "iterations"),)
        return Parsed(stored_key + server_key, salt_bytes, costs=costs)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        count = parsed.costs[0].value
        if count < 1:
            raise MalformedHashError(self.info.name, "iterations must be at least 1")
        ours_stored, ours_server = self._keys(secret, parsed.salt or b"", count)
        return equal(ours_stored + ours_server, parsed.digest)

    def _keys(self, secret: bytes, salt: bytes, count: int) -> tuple[bytes, bytes]:
        return scram_keys(self.info.name, self.algorithm, secret, salt, count)

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        """Dovecot's defaults, also its minimum: 4096 iterations, a 16-byte salt."""
        options = hash_params(params, {"iterations": int}, self.info.name)
        count = cast(int, options.get("iterations", 4096))
        if count < 4096:  # Dovecot refuses fewer (SCRAM_MIN_ITERATE_COUNT)
            raise InvalidArgumentError(f"{self.info.name}: Dovecot needs 4096 iterations or more")
        salt = os.urandom(16)
        stored, server = self._keys(secret, salt, count)
        fields = (base64.b64encode(v).decode("ascii") for v in (salt, stored, server))
        return self.info.prefixes[0] + ",".join((str(count), *fields))


@dataclass(frozen=True, slots=True)
class DovecotDigestMd5(Scheme, Writer):
    """``{DIGEST-MD5}`` + hex MD5 of ``user:realm:password``, the login split at ``@``."""

    info: SchemeInfo

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected {DIGEST-MD5} and 32 hex digits")
        return Parsed(hash[12:].lower())

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return equal(self._digest(secret, inputs), parsed.digest)

    def _digest(self, secret: bytes, inputs: Inputs) -> str:
        user, _, realm = inputs.require(self.info.name, "username").partition("@")
        return hashlib.md5(f"{user}:{realm}:".encode() + secret).hexdigest()

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        hash_params(params, {}, self.info.name)
        return "{DIGEST-MD5}" + self._digest(secret, inputs)


def _scram(name: str, tag: str, algorithm: str) -> DovecotScram:
    size = hashlib.new(algorithm).digest_size
    key = b64_pattern(size)
    body = rf"\d{{1,9}},{b64_pattern(1, at_least=True)},{key},{key}"
    info = _info(
        name,
        (tag,),
        body,
        summary=f"Dovecot {tag}: RFC 5802 stored and server keys",
        strength=Strength.LEGACY_OK,
        example=f"{tag}4096,<salt>,<StoredKey>,<ServerKey>",
    )
    return DovecotScram(info, algorithm)


def _base64_digest(name: str, tag: str, algorithm: str) -> LdapDigest:
    size = hashlib.new(algorithm).digest_size
    info = _info(
        name,
        (tag,),
        b64_pattern(size),
        summary=f"Dovecot {tag}: base64 of unsalted {algorithm.upper()}",
        strength=Strength.BROKEN,
        example=f"{tag}<base64>",
    )
    return LdapDigest(info, tag, algorithm)


SCHEMES = (
    _tagged("dovecot_md5_crypt", ("{MD5-CRYPT}", "{MD5}"), _find(unixcrypt.SCHEMES, "md5_crypt")),
    _tagged("dovecot_sha256_crypt", ("{SHA256-CRYPT}",), _find(unixcrypt.SCHEMES, "sha256_crypt")),
    _tagged("dovecot_sha512_crypt", ("{SHA512-CRYPT}",), _find(unixcrypt.SCHEMES, "sha512_crypt")),
    _tagged("dovecot_des_crypt", ("{DES-CRYPT}",), _find(unixcrypt.SCHEMES, "des_crypt")),
    _tagged("dovecot_blf_crypt", ("{BLF-CRYPT}",), bcrypt.BCRYPT),
    _tagged(
        "dovecot_argon2",
        ("{ARGON2ID}", "{ARGON2I}"),
        argon2.ARGON2,
        heads=(("$argon2id$", "{ARGON2ID}"), ("$argon2i$", "{ARGON2I}")),  # no argon2d
    ),
    _tagged("dovecot_plain", ("{PLAIN}", "{CLEAR}"), plaintext.SCHEMES[0]),
    _tagged("dovecot_plain_md5", ("{PLAIN-MD5}",), _find(digests.SCHEMES, "md5")),
    _tagged("dovecot_plain_md4", ("{PLAIN-MD4}",), _find(digests.SCHEMES, "md4")),
    _base64_digest("dovecot_ldap_md5", "{LDAP-MD5}", "md5"),
    _base64_digest("dovecot_sha1", "{SHA1}", "sha1"),
    _scram("dovecot_scram_sha1", "{SCRAM-SHA-1}", "sha1"),
    _scram("dovecot_scram_sha256", "{SCRAM-SHA-256}", "sha256"),
    DovecotDigestMd5(
        _info(
            "dovecot_digest_md5",
            ("{DIGEST-MD5}",),
            "[0-9a-fA-F]{32}",
            summary="Dovecot {DIGEST-MD5}: MD5 of user:realm:password (login split at @)",
            inputs=("username",),
            example="{DIGEST-MD5}d03ab0f1aeab9b620bd1c9d72c59a22b",
        )
    ),
)
