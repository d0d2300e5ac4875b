"""The function table of the formula language: names, arities, and what each returns.

Rule for intermediate values (PHP's): a digest name alone, ``md5(x)``, yields *lower-case hex
text*, like PHP's ``md5()``; the ``_raw`` suffix (``md5_raw(x)``, also spelled ``md5_bin``
or ``raw(md5(x))``) yields the raw digest bytes. Everything else works on bytes: inputs are
UTF-8, ``.`` concatenates, ``hex``/``base64`` encode, ``unhex`` decodes.
"""

from __future__ import annotations

import binascii
import hashlib
from collections.abc import Callable, Sequence
from enum import Enum

from hashcompat.formula._record import Record
from hashcompat.formula._tree import Call, Node, Num

__all__ = [
    "DIGESTS",
    "PBKDF2_DIGESTS",
    "UNARY",
    "Encoding",
    "Out",
    "canonical_call",
    "check_call",
    "split_name",
]

RawDigest = Callable[[bytes], bytes]


def _hashlib(name: str) -> RawDigest | None:
    try:
        hashlib.new(name, b"")
    except ValueError:
        return None
    constructor = getattr(hashlib, name, None)
    if constructor is not None:
        return lambda data: constructor(data).digest()
    return lambda data: hashlib.new(name, data).digest()


def _md4(data: bytes) -> bytes:
    # hashcompat._crypto.md4 (OpenSSL 3 hides MD4: a pure-Python fallback) loads at the first
    # MD4 evaluation, not with the language; the import is a dictionary look-up after that
    from hashcompat._crypto.md4 import md4  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    return md4(data)


def _crc32(data: bytes) -> bytes:
    # binascii's CRC-32 is zlib's (binascii is loaded anyway; zlib would be one more module)
    return binascii.crc32(data).to_bytes(4, "big")  # PHP hash('crc32b'): big-endian


def _digests() -> dict[str, tuple[RawDigest, int]]:
    table: dict[str, tuple[RawDigest, int]] = {"md4": (_md4, 16)}
    names: tuple[str, ...] = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")
    names += ("sha3_224", "sha3_256", "sha3_384", "sha3_512", "blake2b", "blake2s")
    names += ("ripemd160", "whirlpool")
    for name in names:
        function = _hashlib(name)
        if function is not None:  # ripemd160 and whirlpool only where OpenSSL provides them
            table[name] = (function, len(function(b"")))
    table["crc32"] = (_crc32, 4)
    return table


DIGESTS = _digests()
PBKDF2_DIGESTS = frozenset({"md5", "sha1", "sha224", "sha256", "sha384", "sha512"})

# One-argument transforms; digests come on top of these.
UNARY = frozenset(
    {"upper", "lower", "trim", "utf16le", "hex", "unhex", "base64", "base64_nopad", "unbase64"}
)
_ALIASES = {
    "strtoupper": "upper",
    "uc": "upper",
    "strtolower": "lower",
    "lc": "lower",
    "bin2hex": "hex",
    "hex2bin": "unhex",
    "base64_encode": "base64",
    "base64_decode": "unbase64",
    "utf16": "utf16le",
    "unicode": "utf16le",
}


def split_name(name: str) -> tuple[str, str, bool]:
    """(family, digest, raw) for digest-based names: ``hmac_sha1_raw`` -> (hmac, sha1, True)."""
    raw = name.endswith(("_raw", "_bin"))
    base = name[:-4] if raw else name
    for family in ("hmac", "pbkdf2"):
        if base.startswith(family + "_"):
            return family, base[len(family) + 1 :], raw
    return "digest", base, raw


class Encoding(Enum):
    """What the bytes of a subexpression are; the layout and the comparison follow from it."""

    RAW = "raw"  # digest bytes: only a {b64:...} group stores them
    HEX = "hex"  # lower-case hex, compared without regard to case
    HEX_UPPER = "HEX"  # upper-case hex (upper(md5($pass))), compared the same way
    B64 = "b64"
    TEXT = "text"  # anything else: compared exactly
    BCRYPT = "bcrypt"  # a whole $2?$ string: bcrypt(x) checks it with bcrypt

    @property
    def hexadecimal(self) -> bool:
        return self is Encoding.HEX or self is Encoding.HEX_UPPER


class Out(Record):
    """What a subexpression yields: its encoding and, when fixed, its length in characters."""

    __slots__ = ("encoding", "length")
    __match_args__ = ("encoding", "length")
    encoding: Encoding
    length: int | None

    def __init__(self, encoding: Encoding, length: int | None = None) -> None:
        object.__setattr__(self, "encoding", encoding)
        object.__setattr__(self, "length", length)


_FIXED_ARITY = {"raw": (1, 1, ()), "bcrypt": (1, 1, ()), "substr": (3, 3, (1, 2))}
_FIXED_ARITY["repeat"] = (3, 3, (0,))
_FAMILY_ARITY = {"digest": (1, 1, ()), "hmac": (2, 2, ()), "pbkdf2": (3, 4, (2, 3))}


def _arity(name: str) -> tuple[int, int, tuple[int, ...]] | None:
    """(min args, max args, positions that take an integer) or None for an unknown name."""
    family, digest, raw = split_name(name)
    if digest in DIGESTS:
        if family == "pbkdf2" and digest not in PBKDF2_DIGESTS:
            return None
        if family == "hmac" and digest in ("md4", "crc32"):  # not hashlib digests
            return None
        return _FAMILY_ARITY[family]
    if raw:
        return None
    if name in UNARY:
        return 1, 1, ()
    return _FIXED_ARITY.get(name)


def check_call(name: str, args: Sequence[Node], power: int) -> str | None:
    """Why ``name(args)`` is not a valid call, or None when it is."""
    name = _ALIASES.get(name, name)
    arity = _arity(name)
    if arity is None:
        return f"unknown function {name!r}"
    low, high, numeric = arity
    if not low <= len(args) <= high:
        count = str(low) if low == high else f"{low} or {high}"
        plural = "s" if high > 1 else ""
        return f"{name}() takes {count} argument{plural}, got {len(args)}"
    for i, arg in enumerate(args):
        if (i in numeric) != isinstance(arg, Num):
            kind = "a number" if i in numeric else "an expression"
            return f"argument {i + 1} of {name}() must be {kind}"
    if power != 1 and high != 1:
        return f"{name}() takes several arguments and cannot be repeated with ^"
    if name == "bcrypt" and power != 1:
        return "bcrypt() cannot be repeated with ^"
    return None


def canonical_call(call: Call) -> Call:
    """One spelling per meaning: aliases resolved, ``_bin`` -> ``_raw``, ``raw(md5(x))`` ->
    ``md5_raw(x)``, ``raw(x)`` -> ``unhex(x)``."""
    name = _ALIASES.get(call.name, call.name)
    if name.endswith("_bin"):
        name = name[:-4] + "_raw"
    if name == "raw":
        inner = call.args[0]
        _, digest, raw = split_name(inner.name) if isinstance(inner, Call) else ("", "", True)
        if isinstance(inner, Call) and not raw and digest in DIGESTS and call.power == 1:
            return Call(inner.name + "_raw", inner.args, inner.power)
        name = "unhex"
    return Call(name, call.args, call.power)
