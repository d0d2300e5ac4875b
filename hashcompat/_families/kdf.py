"""Key derivations shared by several families, with their caps checked before any work."""

from __future__ import annotations

import hashlib
import hmac

from hashcompat.errors import MalformedHashError
from hashcompat.params import Pbkdf2, Scrypt
from hashcompat.scheme import Cost, CostKind, Costs, Parsed, check_costs, equal, get_limits


def scrypt_costs(params: Scrypt) -> Costs:
    """scrypt's costs, under scrypt's own caps: log2 N, p, the memory 128 * N * r, and the
    work 128 * N * r * p (p runs one after the other: time grows with the product, which the
    other caps leave open)."""
    return (
        Cost(CostKind.SCRYPT_LOG2_N, params.log2_n, "log2 N"),
        Cost(CostKind.SCRYPT_PARALLELISM, params.p, "p"),
        Cost(CostKind.SCRYPT_MEMORY_KIB, params.memory_kib, "memory (KiB)"),
        Cost(CostKind.SCRYPT_WORK, params.memory_kib * params.p, "work (KiB)"),
    )


def pbkdf2_parsed(params: Pbkdf2, parameter: str = "iterations") -> Parsed:
    """The :class:`Parsed` of any PBKDF2 string: the key to compare, the salt, the iteration
    count as its cost (named as the format names it) and the one PBKDF2 record."""
    cost = Cost(CostKind.ITERATIONS, params.iterations, parameter)
    return Parsed(params.key, params.salt, costs=(cost,), params=params)


def check_pbkdf2(scheme: str, secret: bytes, parsed: Parsed) -> bool:
    """PBKDF2 of ``secret`` under the parsed record, compared with its key."""
    params = parsed.params
    if not isinstance(params, Pbkdf2):
        raise MalformedHashError(scheme, "not a PBKDF2 value")
    derived = capped_pbkdf2(
        scheme, params.digest, secret, params.salt, params.iterations, length=len(params.key)
    )
    return equal(derived, params.key)


def capped_scrypt(
    scheme: str, secret: bytes, salt: bytes, *, n: int, r: int, p: int, length: int
) -> bytes:
    """hashlib's scrypt after its costs are checked against scrypt's caps."""
    if n < 2 or n & (n - 1) or r < 1 or p < 1 or length < 1:
        raise MalformedHashError(scheme, "N must be a power of two, r and p >= 1")
    check_costs(scheme, scrypt_costs(Scrypt(n.bit_length() - 1, r, p)), get_limits())
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
    check_costs(scheme, (Cost(CostKind.ITERATIONS, iterations, "iterations"),), get_limits())
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
