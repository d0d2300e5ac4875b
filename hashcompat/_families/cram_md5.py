"""Dovecot's ``{CRAM-MD5}``: the two HMAC-MD5 contexts of the password, kept so that the
server can answer a CRAM-MD5 login without the password.

The string is ``{CRAM-MD5}`` and 64 hex digits: MD5's chaining value (four little-endian
32-bit words) after one block of ``key XOR opad``, then after one block of ``key XOR ipad``,
the key being the password (its MD5 when longer than 64 bytes) padded with zeros to 64 bytes,
as RFC 2104 builds HMAC. hashcat's mode 16400 line keeps the outer context and zeroes the inner
one; such a string is checked on the outer context alone.

The chaining value after a block is not exposed by hashlib, nor by any maintained library, so
RFC 1321's compression function is written out below (one call per block, two blocks a check).
hashlib is its test oracle: the compression over a padded message gives hashlib's MD5
(tests/families/test_cram_md5.py). Vectors: Dovecot's ``doveadm pw -s CRAM-MD5``
(tests/vectors/dovecot.jsonl) and hashcat's test module m16400 (tests/vectors/picked.jsonl).
"""

from __future__ import annotations

import hashlib
import math
import struct
from collections.abc import Mapping
from dataclasses import dataclass

from hashcompat.errors import MalformedHashError
from hashcompat.scheme import (
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    Writer,
    equal,
    hash_params,
)

__all__ = ["MD5_IV", "SCHEMES", "md5_compress"]

MD5_IV = (0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476)
_MASK = 0xFFFFFFFF
_K = tuple(int(abs(math.sin(i + 1)) * 2**32) & _MASK for i in range(64))
_S = (7, 12, 17, 22) * 4 + (5, 9, 14, 20) * 4 + (4, 11, 16, 23) * 4 + (6, 10, 15, 21) * 4
_G = tuple(
    i if i < 16 else (5 * i + 1) % 16 if i < 32 else (3 * i + 5) % 16 if i < 48 else 7 * i % 16
    for i in range(64)
)
_TAG = "{CRAM-MD5}"
_ZEROS = "0" * 32


def md5_compress(state: tuple[int, int, int, int], block: bytes) -> tuple[int, int, int, int]:
    """MD5's chaining value after one 64-byte block (RFC 1321, section 3.4)."""
    words = struct.unpack("<16I", block)
    a, b, c, d = state
    for i in range(64):
        if i < 16:
            f = (b & c) | (~b & d)
        elif i < 32:
            f = (d & b) | (~d & c)
        elif i < 48:
            f = b ^ c ^ d
        else:
            f = c ^ (b | (~d & _MASK))
        f = (f + a + _K[i] + words[_G[i]]) & _MASK
        a, d, c = d, c, b
        b = (b + ((f << _S[i]) | (f >> (32 - _S[i])))) & _MASK
    w, x, y, z = state
    return (w + a) & _MASK, (x + b) & _MASK, (y + c) & _MASK, (z + d) & _MASK


def cram_contexts(secret: bytes) -> str:
    """The 64 hex digits Dovecot stores: the outer context, then the inner one."""
    key = hashlib.md5(secret).digest() if len(secret) > 64 else secret
    key = key.ljust(64, b"\0")
    out = ""
    for pad in (0x5C, 0x36):
        state = md5_compress(MD5_IV, bytes(k ^ pad for k in key))
        out += struct.pack("<4I", *state).hex()
    return out


@dataclass(frozen=True, slots=True)
class DovecotCramMd5(Scheme, Writer):
    info: SchemeInfo

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected {CRAM-MD5} and 64 hex digits")
        return Parsed(hash[len(_TAG) :].lower())

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        stored = str(parsed.digest)
        made = cram_contexts(secret)
        if stored[32:] == _ZEROS:  # hashcat's line: the outer context only
            return equal(made[:32], stored[:32])
        return equal(made, stored)

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        hash_params(params, {}, self.info.name)
        return _TAG + cram_contexts(secret)


SCHEMES = (
    DovecotCramMd5(
        SchemeInfo(
            name="dovecot_cram_md5",
            summary="Dovecot {CRAM-MD5}: the HMAC-MD5 outer and inner contexts, hex",
            aliases=("cram_md5",),
            platforms=("Dovecot passdb (passwd-file, SQL, LDAP)",),
            prefixes=(_TAG,),
            pattern=r"\{CRAM-MD5\}[0-9a-fA-F]{64}",
            self_describing=True,
            strength=Strength.BROKEN,
            example="{CRAM-MD5}9186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e2740",
        )
    ),
)
