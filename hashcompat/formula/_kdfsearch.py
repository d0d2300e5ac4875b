"""Discovery, PBKDF2: which digest and iteration count reproduce a salted digest.

PBKDF2's first block is ``U1 xor U2 xor ... xor Uc``, so one pass over ``c`` computes every
count up to ``c``: every count up to ``SEARCH_BOUND`` is tried for HMAC-SHA1/256/512 in one
pass each. Above it, the counts platforms write by default are tried one by one through
hashlib (C), cheapest first, until the deadline. Only the first reference pair is computed
here; discovery checks a candidate on every pair through the real scheme.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterator

__all__ = ["DEFAULT_COUNTS", "SEARCH_BOUND", "pbkdf2_candidates"]

SEARCH_BOUND = 10_000
_SIZES = {"sha1": 20, "sha256": 32, "sha512": 64}
# Default iteration counts above the bound, and who writes them.
DEFAULT_COUNTS: dict[str, tuple[int, ...]] = {
    # passlib pbkdf2_sha1 131000; Atlassian 10000 (in the bound); ASP.NET Identity v2 1000
    "sha1": (64_000, 100_000, 131_000),
    # Keycloak < 24 27500; passlib 29000; Discourse 64000; Django 2.0-5.2 100000 ... 1000000;
    # OWASP 2021 310000, 2023 600000
    "sha256": (
        27_500,
        29_000,
        30_000,
        36_000,
        64_000,
        100_000,
        120_000,
        150_000,
        180_000,
        216_000,
        260_000,
        310_000,
        320_000,
        390_000,
        600_000,
        720_000,
        870_000,
        1_000_000,
    ),
    # passlib pbkdf2_sha512 25000; Keycloak 24+ and OWASP 210000
    "sha512": (25_000, 100_000, 120_000, 210_000),
}


def _first_block(name: str, password: bytes, salt: bytes, size: int, target: bytes) -> list[int]:
    """Every count up to SEARCH_BOUND whose first ``size`` bytes equal ``target``."""
    width = _SIZES[name]
    shift = 8 * (width - size)
    wanted = int.from_bytes(target, "big")
    block = hmac.digest(password, salt + b"\x00\x00\x00\x01", name)
    acc = int.from_bytes(block, "big")
    found = []
    for count in range(1, SEARCH_BOUND + 1):
        if acc >> shift == wanted:
            found.append(count)
        block = hmac.digest(password, block, name)
        acc ^= int.from_bytes(block, "big")
    return found


def pbkdf2_candidates(
    password: bytes, salt: bytes, target: bytes, deadline: float
) -> Iterator[tuple[str, int]]:
    """(digest name, iterations) pairs whose PBKDF2 of ``password`` gives ``target``."""
    size = len(target)
    names = [name for name, width in _SIZES.items() if size <= width]
    for name in names:
        for count in _first_block(name, password, salt, size, target):
            yield name, count
        if time.perf_counter() > deadline:
            return
    table = sorted((count, name) for name in names for count in DEFAULT_COUNTS[name])
    for count, name in table:
        if time.perf_counter() > deadline:
            return
        if hashlib.pbkdf2_hmac(name, password, salt, count, size) == target:
            yield name, count
