"""AIX LPA password formats: ``{smd5}`` and ``{ssha1}``/``{ssha256}``/``{ssha512}``.

No maintained library implements them, so they are written here over hashlib, as hashcat
(modes 6300, 6700, 6400, 6500) and John the Ripper (aix-smd5, aix-ssha*) document them:

- ``{smd5}salt$digest`` is MD5-crypt with the ``$1$`` magic left out of the digest.
- ``{sshaN}NN$salt$digest`` is PBKDF2-HMAC-SHA-N with 2**NN iterations, the salt's characters
  as the salt bytes, and a crypt-style base 64 of big-endian 3-byte groups (the last byte of a
  SHA-512 digest falls off: its two characters are always ``..``).

``NN`` is capped by ``Limits.max_log2_rounds`` before any work.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from hashcompat._families.kdf import capped_pbkdf2
from hashcompat._families.unixcrypt import unprefixed
from hashcompat._idkey import Alphabet, Key
from hashcompat._primitives import C64_CLASS as _H64
from hashcompat._primitives import ITOA64
from hashcompat.errors import MalformedHashError
from hashcompat.params import Crypt
from hashcompat.scheme import Cost, CostKind, Inputs, Parsed, Scheme, SchemeInfo, Strength, equal

_SSHA = re.compile(r"\{ssha\d+\}(\d\d)\$([^$]+)\$(.+)", re.DOTALL)
_MD5_ORDER = (0, 6, 12, 1, 7, 13, 2, 8, 14, 3, 9, 15, 4, 10, 5)


def _to64(value: int, count: int) -> str:
    return "".join(ITOA64[(value >> shift) & 63] for shift in range(0, 6 * count, 6))


def _encode_big(data: bytes) -> str:
    """3-byte big-endian groups, 6 bits a character from the low end; n bytes, n + 1 chars."""
    out = []
    for i in range(0, len(data), 3):
        group = data[i : i + 3]
        out.append(_to64(int.from_bytes(group.ljust(3, b"\0"), "big"), len(group) + 1))
    return "".join(out)


def smd5_digest(secret: bytes, salt: bytes) -> str:
    """MD5-crypt (1000 rounds) without the ``$1$`` magic: the digest part of ``{smd5}``."""
    final = hashlib.md5(secret + salt + secret).digest()
    ctx = hashlib.md5(secret + salt)
    for left in range(len(secret), 0, -16):
        ctx.update(final[: min(16, left)])
    i = len(secret)
    while i:
        ctx.update(b"\0" if i & 1 else secret[:1])
        i >>= 1
    final = ctx.digest()
    for i in range(1000):
        step = hashlib.md5(secret if i & 1 else final)
        if i % 3:
            step.update(salt)
        if i % 7:
            step.update(secret)
        step.update(final if i & 1 else secret)
        final = step.digest()
    return _encode_big(bytes(final[j] for j in _MD5_ORDER)) + _to64(final[11], 2)


@dataclass(frozen=True, slots=True)
class AixSmd5(Scheme):
    info: SchemeInfo

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected {smd5}salt$ and 22 characters")
        digest = hash[len("{smd5}") :].partition("$")[2]
        return Parsed(digest, params=Crypt(hash[: len(hash) - len(digest)], digest))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        params = parsed.params
        assert isinstance(params, Crypt)  # noqa: S101 - parse made it
        return equal(self.recompute(secret, params.setting, inputs), parsed.digest)

    def split_setting(self, parsed: Parsed) -> tuple[str, str]:
        params = parsed.params
        assert isinstance(params, Crypt)  # noqa: S101 - parse made it
        return params.setting, params.checksum

    def recompute(self, secret: bytes, setting: str, inputs: Inputs) -> str:
        salt = setting.removeprefix("{smd5}").removesuffix("$")
        return smd5_digest(secret, salt.encode("ascii", "surrogateescape"))


@dataclass(frozen=True, slots=True)
class AixSsha(Scheme):
    info: SchemeInfo
    digest_name: str  # hashlib's name

    def parse(self, hash: str) -> Parsed:
        match = _SSHA.fullmatch(hash) if self.info.matches(hash) else None
        if match is None:
            raise MalformedHashError(self.info.name, "expected {sshaN}NN$salt$digest")
        log2_rounds, salt, digest = match.group(1, 2, 3)
        cost = Cost(CostKind.LOG2_ROUNDS, int(log2_rounds), "log2_rounds")
        return Parsed(digest, salt.encode("ascii"), salt, (cost,))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        salt = parsed.salt or b""
        key = capped_pbkdf2(
            self.info.name, self.digest_name, secret, salt, 1 << parsed.costs[0].value
        )
        return equal(_encode_big(key), parsed.digest)


def _ssha(bits: int, digest_chars: int, hashcat_mode: int) -> AixSsha:
    tag = f"{{ssha{bits}}}"
    return AixSsha(
        SchemeInfo(
            name=f"aix_ssha{bits}",
            summary=f"AIX {tag}: PBKDF2-HMAC-SHA{bits}, 2**NN iterations",
            platforms=("AIX 6.1+ (LPA, /etc/security/passwd)",),
            prefixes=(tag,),
            pattern=rf"\{{ssha{bits}\}}(\d\d)\$({_H64}{{8,24}})\$({_H64}{{{digest_chars}}})",
            self_describing=True,
            strength=Strength.WEAK,
            example=f"{tag}06$s4ltS4ltS4ltS4lt$" + "x" * digest_chars,
            notes=f"hashcat mode {hashcat_mode}. AIX writes NN=06 (64 iterations) by default; "
            "NN is capped by Limits.max_log2_rounds.",
        ),
        digest_name="sha1" if bits == 1 else f"sha{bits}",
    )


_AIX = (
    AixSmd5(
        SchemeInfo(
            name="aix_smd5",
            summary="AIX {smd5}: MD5-crypt without the $1$ magic",
            platforms=("AIX 5.3 TL7+ (LPA, /etc/security/passwd)",),
            prefixes=("{smd5}",),
            pattern=rf"\{{smd5\}}{_H64}{{0,8}}\${_H64}{{22}}",
            self_describing=True,
            strength=Strength.WEAK,
            example="{smd5}s4ltS4lt$" + "x" * 22,
            notes="hashcat mode 6300. AIX's std_hash=true option writes plain $1$ (md5_crypt).",
        )
    ),
    _ssha(1, 27, 6700),
    _ssha(256, 43, 6400),
    _ssha(512, 86, 6500),
)
# AIX exports that drop "{smd5}" keep MD5-crypt's salt$hash shape (it is MD5-crypt without the
# magic), so discovery tries this beside md5_crypt_bare.
SCHEMES = (
    *_AIX,
    unprefixed(
        _AIX[0],
        "{smd5}",
        rf"{_H64}{{0,8}}\${_H64}{{22}}",
        "s4ltS4lt$" + "x" * 22,
        Key("", Alphabet.TEXT, 23, 31, marks="$"),
    ),
)
