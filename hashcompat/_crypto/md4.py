"""MD4 (RFC 1320), for NTLM-style formulas such as ``md4(utf16le($pass))``.

OpenSSL 3 moved MD4 to its legacy provider, so ``hashlib.new("md4")`` fails on most current
systems. :func:`md4` uses hashlib when it can and falls back to this small pure-Python
implementation only when hashlib lacks MD4. MD4 is broken; it is here only to check old hashes.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable

__all__ = ["md4"]

_MASK = 0xFFFFFFFF
_R2, _R3 = 0x5A827999, 0x6ED9EBA1
_ORDER3 = (0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15)


def _rotl(x: int, n: int) -> int:
    return ((x << n) | (x >> (32 - n))) & _MASK


def _compress(state: list[int], block: bytes) -> None:
    x = struct.unpack("<16I", block)
    a, b, c, d = state
    for i in range(16):  # round 1: F(b, c, d) = (b & c) | (~b & d)
        k = (a + ((b & c) | (~b & d)) + x[i]) & _MASK
        a, b, c, d = d, _rotl(k, (3, 7, 11, 19)[i % 4]), b, c
    for i in range(16):  # round 2: majority, columns of the 4x4 word grid
        j = (i % 4) * 4 + i // 4
        k = (a + ((b & c) | (b & d) | (c & d)) + x[j] + _R2) & _MASK
        a, b, c, d = d, _rotl(k, (3, 5, 9, 13)[i % 4]), b, c
    for i in range(16):  # round 3: parity, bit-reversed order
        k = (a + (b ^ c ^ d) + x[_ORDER3[i]] + _R3) & _MASK
        a, b, c, d = d, _rotl(k, (3, 9, 11, 15)[i % 4]), b, c
    for i, v in enumerate((a, b, c, d)):
        state[i] = (state[i] + v) & _MASK


def _md4_pure(data: bytes) -> bytes:
    state = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476]
    padded = data + b"\x80" + b"\0" * ((55 - len(data)) % 64) + struct.pack("<Q", 8 * len(data))
    for offset in range(0, len(padded), 64):
        _compress(state, padded[offset : offset + 64])
    return struct.pack("<4I", *state)


def _pick() -> Callable[[bytes], bytes]:
    try:
        hashlib.new("md4", b"")
    except ValueError:
        return _md4_pure
    return lambda data: hashlib.new("md4", data).digest()


md4: Callable[[bytes], bytes] = _pick()
