"""Key derivations shared by several families, with their caps checked before any work."""

from __future__ import annotations

import hashlib
import hmac

from hashcompat.errors import MalformedHashError
from hashcompat.scheme import check_cap, get_limits


def capped_scrypt(
    scheme: str, secret: bytes, salt: bytes, *, n: int, r: int, p: int, length: int
) -> bytes:
    """hashlib's scrypt after the memory (128 * N * r) and p are checked against the caps."""
    limits = get_limits()
    check_cap(scheme, "memory (KiB)", 128 * n * r // 1024, limits.max_argon2_memory_kib)
    check_cap(scheme, "p", p, limits.max_argon2_parallelism)
    # time grows with N * r * p (p sequential runs), which the two caps above leave open
    work = limits.max_argon2_memory_kib * limits.max_argon2_parallelism
    check_cap(scheme, "work (KiB)", 128 * n * r * p // 1024, work)
    if n < 2 or n & (n - 1) or r < 1 or p < 1 or length < 1:
        raise MalformedHashError(scheme, "N must be a power of two, r and p >= 1")
    try:
        return hashlib.scrypt(
            secret, salt=salt, n=n, r=r, p=p, maxmem=256 * n * r + (1 << 20), dklen=length
        )
    except ValueError:  # OpenSSL refuses some N/r/p combinations
        raise MalformedHashError(scheme, "OpenSSL refuses these N, r, p") from None


def capped_pbkdf2(
    scheme: str,
    digest: str,
    secret: bytes,
    salt: bytes,
    iterations: int,
    *,
    length: int | None = None,
) -> bytes:
    """hashlib's PBKDF2-HMAC after the iteration count is checked against the cap and for >= 1.

    Every PBKDF2 form, whatever string or platform wraps it, derives through here, so the cap
    is checked once and in the same order (cap first, then the zero count) everywhere.
    """
    check_cap(scheme, "iterations", iterations, get_limits().max_iterations)
    if iterations < 1:
        raise MalformedHashError(scheme, "iterations must be at least 1")
    return hashlib.pbkdf2_hmac(digest, secret, salt, iterations, length)


def scram_keys(
    scheme: str, digest: str, secret: bytes, salt: bytes, iterations: int
) -> tuple[bytes, bytes]:
    """RFC 5802's (StoredKey, ServerKey) for a password already prepared by the caller
    (SASLprep for PostgreSQL, none for Dovecot): what a SCRAM verifier stores."""
    salted = capped_pbkdf2(scheme, digest, secret, salt, iterations)
    client = hmac.new(salted, b"Client Key", digest).digest()
    server = hmac.new(salted, b"Server Key", digest).digest()
    return hashlib.new(digest, client).digest(), server
