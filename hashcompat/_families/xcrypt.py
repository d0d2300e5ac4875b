"""yescrypt, gost-yescrypt and scrypt ``$7$`` through the system's libxcrypt.

No maintained Python library computes these; libxcrypt (the crypt(3) of Debian, Fedora, Arch
and SUSE, which made ``$y$`` their /etc/shadow default) does, called through ctypes by
:mod:`hashcompat._crypto.libxcrypt`. The cost fields are decoded here and checked against the
caps before libxcrypt runs: yescrypt's memory is 128 * r * N bytes, the same budget as argon2's
``max_argon2_memory_kib``.
Where libcrypt is missing or lacks a method, verify raises SchemeUnavailableError.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from hashcompat._crypto.libxcrypt import library, libxcrypt_crypt
from hashcompat._crypto.md4 import md4
from hashcompat._families.kdf import scrypt_costs
from hashcompat._primitives import C64_CLASS as _H64
from hashcompat._primitives import ITOA64
from hashcompat.errors import (
    MalformedHashError,
    SchemeUnavailableError,
)
from hashcompat.params import Crypt, Params, Scrypt
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
    check_costs,
    equal,
    get_limits,
    hash_params,
)

_GENSALT_SIZE = 192  # CRYPT_GENSALT_OUTPUT_SIZE


def _decode_uint32(text: str, position: int, minimum: int) -> tuple[int, int]:
    """yescrypt's variable-length base-64 integer; returns (value, next position)."""
    if position >= len(text):
        raise ValueError("truncated parameters")
    c = ITOA64.index(text[position])
    position += 1
    start, end, chars, bits = 0, 47, 1, 0
    value = minimum
    while c > end:
        value += (end + 1 - start) << bits
        start = end + 1
        end = start + (62 - end) // 2
        chars += 1
        bits += 6
    value += (c - start) << bits
    for _ in range(chars - 1):
        if position >= len(text):
            raise ValueError("truncated parameters")
        bits -= 6
        value += ITOA64.index(text[position]) << bits
        position += 1
    return value, position


_MAX_LOG2_N = 31  # yescrypt's own limit: more is a malformed string, not a cost


def _yescrypt_cost(hash: str) -> Params:
    params = hash.split("$")[2]
    _flavor, at = _decode_uint32(params, 0, 0)
    log2_n, at = _decode_uint32(params, at, 1)
    block_size, _ = _decode_uint32(params, at, 1)
    if log2_n > _MAX_LOG2_N:
        raise ValueError("log2 N above 31")
    return Scrypt(log2_n, block_size, 1)


def _scrypt_cost(hash: str) -> Params:
    params = hash[3:14]
    log2_n = ITOA64.index(params[0])
    block_size = sum(ITOA64.index(ch) << (6 * i) for i, ch in enumerate(params[1:6]))
    parallelism = sum(ITOA64.index(ch) << (6 * i) for i, ch in enumerate(params[6:11]))
    return Scrypt(log2_n, block_size, parallelism)


_SUN_ROUNDS = re.compile(r"^\$md5[$,]rounds=(\d+)\$")


def _sun_md5_cost(hash: str) -> Params:
    found = _SUN_ROUNDS.match(hash)
    rounds = int(found.group(1)) if found is not None else None
    checksum = hash.rpartition("$")[2]
    return Crypt(hash[: len(hash) - len(checksum)], checksum, rounds)


def _costs(params: Params) -> Costs:
    if isinstance(params, Scrypt):
        costs = scrypt_costs(params)
        return costs if params.p > 1 else costs[2:]  # yescrypt: its memory (log2 N <= 31)
    if isinstance(params, Crypt) and params.rounds is not None:
        return (Cost(CostKind.ITERATIONS, params.rounds, "rounds"),)
    return ()


@dataclass(frozen=True, slots=True)
class FreeBsdNtHash(Scheme, Writer):
    """FreeBSD's ``$3$$`` + MD4 hex. As FreeBSD's crypt_nthash and libxcrypt do, each byte of
    the password is widened to 16 bits (Latin-1 style), which equals the Windows NT hash for
    ASCII passwords only; computed here with MD4 so it needs no libxcrypt."""

    info: SchemeInfo

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected $3$$ and 32 hex digits")
        return Parsed(hash[4:].lower())

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return equal(self._digest(secret), parsed.digest)

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        hash_params(params, {}, self.info.name)
        return "$3$$" + self._digest(secret)

    @staticmethod
    def _digest(secret: bytes) -> str:
        return md4(secret.decode("latin-1").encode("utf-16-le")).hex()


@dataclass(frozen=True, slots=True)
class XcryptScheme(Scheme, Writer):
    """A libxcrypt format: ``read`` decodes its parameter field into the family's record
    (scrypt's for yescrypt and ``$7$``, crypt's for Sun MD5), whose costs are capped."""

    info: SchemeInfo
    gensalt_prefix: str
    read: Callable[[str], Params]

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "the string does not have this format")
        try:
            params = self.read(hash)
        except (ValueError, IndexError):
            raise MalformedHashError(self.info.name, "unreadable cost parameters") from None
        return Parsed(hash, costs=_costs(params), params=params)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        if b"\0" in secret:
            return False  # crypt(3) cannot take such a password, so none was stored
        hash = str(parsed.digest)
        return equal(libxcrypt_crypt(self.info.name, secret, hash), hash)

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        options = hash_params(params, {"cost": int}, self.info.name)
        lib = library()
        if lib is None:
            raise SchemeUnavailableError(self.info.name, "it needs libxcrypt")
        out = ctypes.create_string_buffer(_GENSALT_SIZE)
        made = lib.crypt_gensalt_rn(
            self.gensalt_prefix.encode("ascii"),
            int(options.get("cost", 0)),  # type: ignore[call-overload]
            None,
            0,
            out,
            _GENSALT_SIZE,
        )
        if not made:
            raise SchemeUnavailableError(self.info.name, "libxcrypt cannot make its salt")
        stored = libxcrypt_crypt(self.info.name, secret, out.value.decode("ascii"))
        check_costs(self.info.name, self.parse(stored).costs, get_limits())
        return stored


SCHEMES = (
    XcryptScheme(
        SchemeInfo(
            name="yescrypt",
            summary="yescrypt ($y$), the /etc/shadow default of Debian 11+, Fedora 35+, Arch",
            aliases=("crypt_yescrypt",),
            platforms=("Linux /etc/shadow (libxcrypt)", "mkpasswd -m yescrypt"),
            prefixes=("$y$",),
            pattern=rf"\$y\${_H64}{{3,40}}\${_H64}{{0,86}}\${_H64}{{43}}",
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="$y$j9T$<salt>$<43 chars>",
            notes="computed by the system's libxcrypt",
        ),
        "$y$",
        _yescrypt_cost,
    ),
    XcryptScheme(
        SchemeInfo(
            name="gost_yescrypt",
            summary="GOST R 34.11-2012 over yescrypt ($gy$)",
            aliases=("gostyescrypt",),
            platforms=("ALT Linux /etc/shadow (libxcrypt)", "mkpasswd -m gost-yescrypt"),
            prefixes=("$gy$",),
            pattern=rf"\$gy\${_H64}{{3,40}}\${_H64}{{0,86}}\${_H64}{{43}}",
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="$gy$j9T$<salt>$<43 chars>",
            notes="computed by the system's libxcrypt",
        ),
        "$gy$",
        _yescrypt_cost,
    ),
    XcryptScheme(
        SchemeInfo(
            name="crypt_scrypt",
            summary="scrypt in crypt(3) form ($7$, Colin Percival's encoding)",
            aliases=("scrypt7", "crypt_7"),
            platforms=("libxcrypt", "mkpasswd -m scrypt", "FreeBSD"),
            prefixes=("$7$",),
            # libxcrypt verifies salts up to 281 characters (its setting limit), not only 64
            pattern=rf"\$7\${_H64}{{11}}{_H64}{{0,281}}\${_H64}{{43}}",
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="$7$CU..../....<salt>$<43 chars>",
            notes="computed by the system's libxcrypt",
        ),
        "$7$",
        _scrypt_cost,
    ),
    XcryptScheme(
        SchemeInfo(
            name="sun_md5_crypt",
            summary="Sun MD5-crypt ($md5$ and $md5,rounds=N$ forms)",
            aliases=("sunmd5",),
            platforms=("Solaris /etc/shadow", "libxcrypt"),
            prefixes=("$md5$", "$md5,"),
            pattern=r"\$md5(?:[$,]rounds=\d{1,9})?\$[./A-Za-z0-9]{0,16}\$\$?[./A-Za-z0-9]{22}",
            self_describing=True,
            strength=Strength.WEAK,
            example="$md5$rounds=904$<salt>$<22 chars>",
            notes="computed by the system's libxcrypt (libpass lacks the $md5$rounds= form)",
        ),
        "$md5",
        _sun_md5_cost,
    ),
    FreeBsdNtHash(
        SchemeInfo(
            name="bsd_nthash",
            summary="FreeBSD NT hash in crypt(3) form ($3$$ + MD4 hex)",
            aliases=("crypt_nthash",),
            platforms=("FreeBSD", "libxcrypt"),
            prefixes=("$3$",),
            pattern=r"\$3\$\$[0-9a-fA-F]{32}",
            self_describing=True,
            strength=Strength.BROKEN,
            example="$3$$b4b9b02e6f09a9bd760f388b67351e2b",
            notes="Follows FreeBSD's crypt_nthash and libxcrypt, not libpass: each password "
            "byte is widened to 16 bits, so a non-ASCII password differs from libpass's "
            "bsd_nthash (UTF-16 of the text). 'pässwörd': libxcrypt $3$$bba7e76a87f61ff6aa300e"
            "a899a0540b, libpass $3$$0553152250ac01adb4213cb9938663e4 "
            "(tests/differential/test_libpass_differential.py).",
        )
    ),
)
