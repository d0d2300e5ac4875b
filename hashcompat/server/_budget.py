"""Caps on stored-hash costs derived from a time budget, measured on this machine at start-up.

A platform gives its hook a few seconds (Okta 3, Entra's default 2); a row whose verify would
take longer must be refused before any work, not answered too late. The existing per-caller
caps (:class:`hashcompat.Limits`, checked by every scheme before it computes) do that once they
are sized to the budget: one short measurement per cost family turns seconds into the largest
bcrypt cost, log2 rounds, iteration count and argon2 memory/passes that still fit.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import time
from collections.abc import Callable

from hashcompat.scheme import Limits

__all__ = ["limits_for_budget"]


def _seconds(work: Callable[[], object], repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return max(best, 1e-9)


def _sha512_chain(n: int) -> None:
    digest = b"\0" * 64
    for _ in range(n):
        digest = hashlib.sha512(digest + b"password").digest()


def _largest(unit_seconds: float, budget: float, cap: int) -> int:
    """The largest count of work units that fits the budget, never above the default cap."""
    return max(1, min(cap, int(budget / unit_seconds) if unit_seconds > 0 else cap))


def limits_for_budget(budget_s: float, base: Limits | None = None) -> Limits:
    """``base`` (the defaults when None) with every cost cap lowered to what fits ``budget_s``.

    The chained-digest measurement uses SHA-512 (Drupal's ``$S$``), the slowest of the phpass
    family, so an MD5 phpass row is admitted at least up to the same log2 rounds.
    """
    import bcrypt  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from argon2.low_level import Type, hash_secret_raw  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    base = base if base is not None else Limits()
    per_digest = _seconds(lambda: _sha512_chain(4096)) / 4096
    log2_rounds = int(math.log2(max(2.0, budget_s / per_digest)))
    bcrypt_salt = bcrypt.gensalt(4)
    cost4 = _seconds(lambda: bcrypt.hashpw(b"password", bcrypt_salt))
    bcrypt_cost = 4 + int(math.log2(max(1.0, budget_s / cost4)))
    per_iteration = _seconds(lambda: hashlib.pbkdf2_hmac("sha512", b"p", b"salt", 2000)) / 2000
    per_kib_pass = (
        _seconds(lambda: hash_secret_raw(b"p", b"saltsalt", 1, 8192, 1, 32, Type.ID), repeat=2)
        / 8192
    )
    return dataclasses.replace(
        base,
        max_log2_rounds=min(base.max_log2_rounds, log2_rounds),
        max_bcrypt_cost=min(base.max_bcrypt_cost, bcrypt_cost),
        max_iterations=_largest(per_iteration, budget_s, base.max_iterations),
        # memory assuming argon2-cffi's default 3 passes; passes assuming OWASP's 19 MiB
        max_argon2_memory_kib=_largest(per_kib_pass * 3, budget_s, base.max_argon2_memory_kib),
        max_argon2_time_cost=_largest(per_kib_pass * 19456, budget_s, base.max_argon2_time_cost),
        # scrypt touches its memory about twice, as argon2's first passes do: the same bound
        max_scrypt_memory_kib=_largest(per_kib_pass * 3, budget_s, base.max_scrypt_memory_kib),
    )
