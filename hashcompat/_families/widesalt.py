"""md5-crypt and sha256/512-crypt strings whose salt has characters outside ``./0-9A-Za-z``.

glibc's, libxcrypt's and PHP's crypt read the salt as raw bytes up to the next ``$`` (8 for
``$1$``, 16 for ``$5$``/``$6$``), so a salt such as ``f+uslYF0`` (PHP's bug 50052 test) or
John the Ripper's md5crypt vectors make valid strings. libpass refuses such salts, so the
rows of _families/unixcrypt.py hand them here: the same algorithms (Poul-Henning Kamp's
md5-crypt, Ulrich Drepper's SHA-crypt specification) over hashlib, for the salt as stored.
Strings whose salt stays inside the crypt alphabet never reach this module.
Vectors: tests/vectors/crypt_edges.jsonl (PHP's crypt and libxcrypt).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from hashcompat._primitives import ITOA64

# The salt characters the three implementations accept, printable ASCII but '$'. libxcrypt
# refuses a few of them (space, ``!*:;\\``); PHP's own code takes them, so they stay.
SALT_CLASS = r"[\x20-\x23\x25-\x7e]"
_SHA_ROUNDS = re.compile(r"rounds=(\d{1,12})\$")
_ROUNDS_DEFAULT, _ROUNDS_MIN, _ROUNDS_MAX = 5000, 1000, 999_999_999


def _b64_from_24bit(b2: int, b1: int, b0: int, count: int) -> str:
    w = (b2 << 16) | (b1 << 8) | b0
    out = []
    for _ in range(count):
        out.append(ITOA64[w & 0x3F])
        w >>= 6
    return "".join(out)


def _encode(digest: bytes, order: tuple[tuple[int, ...], ...]) -> str:
    """crypt's base-64 of ``digest`` in the byte order the algorithm names (groups of three,
    the last group shorter)."""
    text = []
    for group in order:
        b = [digest[i] if i >= 0 else 0 for i in group]
        if len(group) == 3:
            text.append(_b64_from_24bit(b[0], b[1], b[2], 4))
        elif len(group) == 2:
            text.append(_b64_from_24bit(0, b[0], b[1], 3))
        else:
            text.append(_b64_from_24bit(0, 0, b[0], 2))
    return "".join(text)


_MD5_ORDER = ((0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5), (11,))


def md5_crypt(secret: bytes, salt: bytes, magic: bytes = b"$1$") -> str:
    """The 22-character md5-crypt digest of ``secret`` under ``salt`` (at most 8 bytes)."""
    salt = salt[:8]
    alternate = hashlib.md5(secret + salt + secret).digest()
    context = hashlib.md5(secret + magic + salt)
    length = len(secret)
    while length > 0:
        context.update(alternate[: min(16, length)])
        length -= 16
    length = len(secret)
    while length:
        context.update(b"\0" if length & 1 else secret[:1])
        length >>= 1
    digest = context.digest()
    for i in range(1000):
        step = hashlib.md5(secret if i & 1 else digest)
        if i % 3:
            step.update(salt)
        if i % 7:
            step.update(secret)
        step.update(digest if i & 1 else secret)
        digest = step.digest()
    return _encode(digest, _MD5_ORDER)


def _sha256_order() -> tuple[tuple[int, ...], ...]:
    groups: list[tuple[int, ...]] = []
    i, j, k = 0, 10, 20
    for _ in range(10):
        groups.append((i, j, k))
        i, j, k = (k + 1) % 30, (i + 1) % 30, (j + 1) % 30
    groups.append((31, 30))
    return tuple(groups)


def _sha512_order() -> tuple[tuple[int, ...], ...]:
    groups: list[tuple[int, ...]] = []
    i, j, k = 0, 21, 42
    for _ in range(21):
        groups.append((i, j, k))
        i, j, k = (j + 1) % 63, (k + 1) % 63, (i + 1) % 63
    groups.append((63,))
    return tuple(groups)


_SHA_ORDERS = {32: _sha256_order(), 64: _sha512_order()}


def _repeat(block: bytes, length: int) -> bytes:
    return (block * (length // len(block) + 1))[:length]


def sha_crypt(secret: bytes, salt: bytes, rounds: int | None, algorithm: str) -> str:
    """The digest part of a SHA-crypt string (``algorithm`` sha256 or sha512); ``rounds`` as
    stored (None when the string names none), clamped as the specification says."""

    def new(data: bytes) -> Any:
        return hashlib.new(algorithm, data)

    count = _ROUNDS_DEFAULT if rounds is None else min(max(rounds, _ROUNDS_MIN), _ROUNDS_MAX)
    salt = salt[:16]
    alternate = new(secret + salt + secret).digest()
    context = new(secret + salt)
    context.update(_repeat(alternate, len(secret)))
    length = len(secret)
    while length:
        context.update(alternate if length & 1 else secret)
        length >>= 1
    digest = context.digest()
    p_bytes = _repeat(new(secret * len(secret)).digest(), len(secret))
    s_bytes = _repeat(new(salt * (16 + digest[0])).digest(), len(salt))
    for i in range(count):
        step = new(p_bytes if i & 1 else digest)
        if i % 3:
            step.update(s_bytes)
        if i % 7:
            step.update(p_bytes)
        step.update(digest if i & 1 else p_bytes)
        digest = step.digest()
    return _encode(digest, _SHA_ORDERS[len(digest)])


def split_sha(body: str) -> tuple[int | None, str, str]:
    """(rounds, salt, digest) of the part of a ``$5$``/``$6$`` string after its prefix."""
    found = _SHA_ROUNDS.match(body)
    rounds = int(found.group(1)) if found else None
    rest = body[found.end() :] if found else body
    salt, _, digest = rest.rpartition("$")
    return rounds, salt, digest


def wide_digest(prefix: str, body: str, secret: bytes) -> tuple[str, str]:
    """(stored digest, computed digest) for a ``$1$``, ``$5$`` or ``$6$`` string's body."""
    if prefix == "$1$":
        salt, _, digest = body.rpartition("$")
        return digest, md5_crypt(secret, salt.encode("ascii"))
    rounds, salt, digest = split_sha(body)
    algorithm = "sha256" if prefix == "$5$" else "sha512"
    return digest, sha_crypt(secret, salt.encode("ascii"), rounds, algorithm)
