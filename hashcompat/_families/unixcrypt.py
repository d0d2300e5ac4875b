"""Unix crypt(3) formats, verified through libpass.

libpass (the maintained passlib fork) implements these correctly and is checked here against
OpenSSL and libxcrypt vectors, so hashcompat adds only what libpass leaves to its caller: a
strict format for identification, a cap on ``rounds=`` before any work, and the mapping of
libpass's errors onto hashcompat's.

Two gaps of libpass are closed here. Its md5/sha-crypt refuse salts with characters outside
``./0-9A-Za-z``, which glibc, libxcrypt and PHP accept: :class:`WideSalt` sends such strings to
_families/widesalt.py. And its BSDi extended DES runs in Python (a million rounds take tens of
seconds): :class:`FastBsdi` runs it through libxcrypt when the system has it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from hashcompat._families import widesalt
from hashcompat._families.libpass import Delegated, libpass_row
from hashcompat._families.widesalt import SALT_CLASS
from hashcompat._idkey import Alphabet, Key
from hashcompat._primitives import C64_CLASS as _H64
from hashcompat._primitives import ITOA64 as _H64_CHARS
from hashcompat.errors import InvalidArgumentError, MalformedHashError
from hashcompat.scheme import (
    Cost,
    CostKind,
    Costs,
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    Writer,
    equal,
)

_ROUNDS = re.compile(r"\$[56]\$rounds=(\d{1,12})\$")


def _bsdi_rounds(hash: str) -> Costs:
    if hash.startswith("_") and len(hash) == 20:  # 4 characters of rounds, least significant first
        count = sum(_H64_CHARS.index(c) << (6 * i) for i, c in enumerate(hash[1:5]))
        return (Cost(CostKind.ITERATIONS, count, "rounds"),)
    return ()


_SHA_CRYPT = ("$5$", "$6$")
_SHA_CRYPT_DEFAULT = 5000  # the rounds of a sha-crypt string that names none


def _sha_crypt_rounds(hash: str) -> Costs:
    rounds = _ROUNDS.match(hash)
    if rounds is not None:
        return (Cost(CostKind.ITERATIONS, int(rounds.group(1)), "rounds"),)
    if hash[:3] in _SHA_CRYPT:
        return (Cost(CostKind.ITERATIONS, _SHA_CRYPT_DEFAULT, "rounds"),)
    return ()


def _row(name: str, summary: str, pattern: str, **fields: Any) -> Delegated:
    """A libpass row (the names are libpass's own) with the crypt(3) rounds checks."""
    return libpass_row(name, summary, pattern, costs=(_sha_crypt_rounds, _bsdi_rounds), **fields)


_CRYPT_ROWS = (
    _row(
        "md5_crypt",
        "MD5-crypt (FreeBSD/glibc $1$)",
        rf"\$1\${_H64}{{0,8}}\${_H64}{{22}}",
        prefixes=("$1$",),
        platforms=("Linux /etc/shadow", "FreeBSD", "Cisco IOS type 5", "OpenSSL passwd -1"),
        aliases=("md5crypt", "unix_md5", "crypt_md5"),
        strength=Strength.WEAK,
        example="$1$s4ltS4lt$" + "x" * 22,
        checksum_size=22,
    ),
    _row(
        "apr_md5_crypt",
        "Apache htpasswd MD5 ($apr1$)",
        rf"\$apr1\${_H64}{{0,8}}\${_H64}{{22}}",
        prefixes=("$apr1$",),
        platforms=("Apache htpasswd -m", "nginx auth_basic"),
        aliases=("apr1", "htpasswd_md5"),
        strength=Strength.WEAK,
        example="$apr1$aprsalt1$" + "x" * 22,
        checksum_size=22,
    ),
    _row(
        "sha256_crypt",
        "SHA-256-crypt ($5$, optional rounds=)",
        rf"\$5\$(?:rounds=\d{{1,12}}\$)?{_H64}{{0,16}}\${_H64}{{43}}",
        prefixes=("$5$",),
        platforms=("Linux /etc/shadow", "OpenSSL passwd -5"),
        aliases=("sha256crypt", "crypt_sha256"),
        strength=Strength.LEGACY_OK,
        example="$5$saltstring$" + "x" * 43,
        checksum_size=43,
    ),
    _row(
        "sha512_crypt",
        "SHA-512-crypt ($6$, optional rounds=)",
        rf"\$6\$(?:rounds=\d{{1,12}}\$)?{_H64}{{0,16}}\${_H64}{{86}}",
        prefixes=("$6$",),
        platforms=("Linux /etc/shadow", "OpenSSL passwd -6", "mkpasswd"),
        aliases=("sha512crypt", "crypt_sha512"),
        strength=Strength.LEGACY_OK,
        example="$6$saltstring$" + "x" * 86,
        checksum_size=86,
    ),
    _row(
        "des_crypt",
        "traditional DES crypt: 2 salt characters, 8-char passwords",
        rf"{_H64}{{13}}",
        keys=(Key.fixed(Alphabet.CRYPT, 13, exact=True),),
        platforms=("Unix /etc/passwd", "htpasswd -d"),
        aliases=("descrypt", "crypt"),
        strength=Strength.BROKEN,
        example="abJnggxhB/yWI",
        checksum_size=11,
        # crypt(3) reads a string without '$' or '_' and of 13 characters as DES: the string
        # alone names it (bigcrypt of a password up to 8 characters is the same string).
        self_describing=True,
    ),
    _row(
        "bsdi_crypt",
        "BSDi extended DES crypt (_ + rounds + salt)",
        rf"_{_H64}{{19}}",
        prefixes=("_",),  # crypt(3) picks extended DES from the leading underscore
        platforms=("BSD/OS", "FreeBSD"),
        aliases=("bsdicrypt", "ext_des"),
        strength=Strength.BROKEN,
        example="_J9..salt" + "x" * 11,
        checksum_size=11,
    ),
)


@dataclass(frozen=True, slots=True)
class WideSalt(Delegated):
    """A libpass md5/sha-crypt row whose pattern also admits the salts glibc, libxcrypt and
    PHP accept; strings libpass would refuse are computed by :mod:`widesalt`, their rounds
    capped apart ("rounds, Python": hashcompat/_timecaps.py)."""

    prefix: str = ""

    def _salt(self, hash: str) -> tuple[str, int | None]:
        body = hash[len(self.prefix) :]
        if self.prefix == "$1$":
            return body.rpartition("$")[0], None
        rounds, salt, _ = widesalt.split_sha(body)
        return salt, rounds

    def parse(self, hash: str) -> Parsed:
        parsed = Delegated.parse(self, hash)
        salt, rounds = self._salt(hash)
        if all(c in _H64_CHARS for c in salt):
            return parsed
        wide = (Cost(CostKind.ITERATIONS, rounds or 5000, "rounds, Python"),)
        return parsed._replace(costs=parsed.costs + (wide if self.prefix != "$1$" else ()))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        hash = str(parsed.digest)
        salt, _ = self._salt(hash)
        if all(c in _H64_CHARS for c in salt):
            return Delegated.check(self, secret, parsed, inputs)
        stored, made = widesalt.wide_digest(self.prefix, hash[len(self.prefix) :], secret)
        return equal(made, stored)

    def recompute(self, secret: bytes, setting: str, inputs: Inputs) -> str:
        """The digest under ``setting``: libpass's for its salts, :mod:`widesalt`'s for the
        others (a wrapped wide-salt row must verify as the row itself does)."""
        salt, _ = self._salt(setting + "." * self.checksum_size)
        if all(c in _H64_CHARS for c in salt):
            return Delegated.recompute(self, secret, setting, inputs)
        body = setting[len(self.prefix) :] + "." * self.checksum_size
        return widesalt.wide_digest(self.prefix, body, secret)[1]


def _wide(row: Delegated, prefix: str, pattern: str, low: int, high: int) -> WideSalt:
    fields = {field: getattr(row, field) for field in Delegated.__dataclass_fields__}
    fields["info"] = replace(
        row.info, pattern=pattern, keys=(Key(prefix, Alphabet.TEXT, low, high),)
    )
    return WideSalt(**fields, prefix=prefix)


@dataclass(frozen=True, slots=True)
class FastBsdi(Delegated):
    """BSDi extended DES through libxcrypt when present (C speed), else libpass's Python DES."""

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        from hashcompat._crypto.libxcrypt import libxcrypt_available, libxcrypt_crypt  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        if not libxcrypt_available() or b"\0" in secret:
            return Delegated.check(self, secret, parsed, inputs)
        hash = str(parsed.digest)
        return equal(libxcrypt_crypt(self.info.name, secret, hash), hash)


@dataclass(frozen=True, slots=True)
class Unprefixed(Scheme, Writer):
    """A crypt format exported without its magic prefix (``salt$hash`` of md5-crypt, AIX
    ``{smd5}`` dropped): the prefix is put back and the real scheme parses and checks the
    string. Never identified as self-describing: only discovery, or a named scheme, picks it.
    It writes when ``inner`` does (the string without the prefix)."""

    info: SchemeInfo
    inner: Scheme
    prefix: str

    @property
    def writer(self) -> Writer | None:
        return self if self.inner.writer is not None else None

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "the string does not have this format")
        return self.inner.parse(self.prefix + hash)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return self.inner.check(secret, parsed, inputs)

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        writer = self.inner.writer
        if writer is None:
            raise InvalidArgumentError(f"scheme {self.info.name} cannot hash")
        return writer.hash(secret, inputs, params).removeprefix(self.prefix)


def _bare_info(scheme: Scheme, prefix: str, pattern: str, example: str, key: Key) -> SchemeInfo:
    return replace(
        scheme.info,
        name=f"{scheme.info.name}_bare",
        summary=f"{scheme.info.summary}, stored without its {prefix} prefix",
        aliases=(),
        prefixes=(),
        pattern=pattern,
        keys=(key,),
        self_describing=False,
        example=example,
        notes=f"the export dropped the {prefix} prefix; hashcompat puts it back to verify",
    )


def unprefixed(scheme: Scheme, prefix: str, pattern: str, example: str, key: Key) -> Unprefixed:
    """``scheme`` read without ``prefix``, named ``<scheme>_bare``; it writes if ``scheme``
    does. ``key``: the bare form's identification key."""
    return Unprefixed(_bare_info(scheme, prefix, pattern, example, key), scheme, prefix)


_MD5_BARE = rf"{_H64}{{0,8}}\${_H64}{{22}}"
# salt (or rounds=N$ and salt), "$", checksum: crypt base-64 and the "$" every string holds
_MD5_BARE_KEY = Key("", Alphabet.TEXT, 23, 31, marks="$")
_ROUNDS_FIELD = r"(?:rounds=\d{1,12}\$)?"
_SHA256 = rf"\$5\${_ROUNDS_FIELD}{SALT_CLASS}{{0,16}}\${_H64}{{43}}"
_SHA512 = rf"\$6\${_ROUNDS_FIELD}{SALT_CLASS}{{0,16}}\${_H64}{{86}}"
_bsdi = _CRYPT_ROWS[5]
SCHEMES = (
    _wide(_CRYPT_ROWS[0], "$1$", rf"\$1\${SALT_CLASS}{{0,8}}\${_H64}{{22}}", 26, 34),
    _CRYPT_ROWS[1],
    _wide(_CRYPT_ROWS[2], "$5$", _SHA256, 47, 83),
    _wide(_CRYPT_ROWS[3], "$6$", _SHA512, 90, 126),
    _CRYPT_ROWS[4],
    FastBsdi(**{field: getattr(_bsdi, field) for field in Delegated.__dataclass_fields__}),
    unprefixed(_CRYPT_ROWS[0], "$1$", _MD5_BARE, "s4ltS4lt$" + "x" * 22, _MD5_BARE_KEY),
    unprefixed(_CRYPT_ROWS[1], "$apr1$", _MD5_BARE, "aprsalt1$" + "x" * 22, _MD5_BARE_KEY),
    unprefixed(
        _CRYPT_ROWS[2],
        "$5$",
        rf"(?:rounds=\d{{1,12}}\$)?{_H64}{{0,16}}\${_H64}{{43}}",
        "saltstring$" + "x" * 43,
        Key("", Alphabet.TEXT, 44, 80, marks="$"),
    ),
    unprefixed(
        _CRYPT_ROWS[3],
        "$6$",
        rf"(?:rounds=\d{{1,12}}\$)?{_H64}{{0,16}}\${_H64}{{86}}",
        "saltstring$" + "x" * 86,
        Key("", Alphabet.TEXT, 87, 123, marks="$"),
    ),
)
