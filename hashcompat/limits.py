"""Costs and their caps: what a stored hash may ask for, checked before any work is done.

A scheme's ``parse`` reports each cost as a :class:`Cost` of a :class:`CostKind`; the engine
compares it with :meth:`Limits.cap` of the caps in force (those of the innermost
:func:`using_limits`, else the process-wide ones of :func:`set_limits`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import NamedTuple

from hashcompat._timecaps import LOWEST, time_cap
from hashcompat.errors import InvalidArgumentError, TimeBudgetError, UnsafeParametersError

__all__ = [
    "Cost",
    "CostKind",
    "Costs",
    "Limits",
    "check_cap",
    "check_costs",
    "get_limits",
    "set_limits",
    "using_limits",
]


class CostKind(enum.Enum):
    """What a cost read from a stored hash measures; :meth:`Limits.cap` gives its cap."""

    LOG2_ROUNDS = "log2 rounds"  # phpass, Drupal $S$, AIX {ssha*}
    BCRYPT_COST = "bcrypt cost"
    ITERATIONS = "iterations"  # PBKDF2, sha-crypt rounds, iterated digests and formulas
    ARGON2_MEMORY_KIB = "argon2 memory (KiB)"
    ARGON2_TIME_COST = "argon2 time cost"
    ARGON2_PARALLELISM = "argon2 parallelism"
    SCRYPT_LOG2_N = "scrypt log2 N"
    SCRYPT_MEMORY_KIB = "scrypt memory (KiB)"
    SCRYPT_PARALLELISM = "scrypt parallelism"
    # time grows with the product, which the caps on the factors leave open
    ARGON2_WORK = "argon2 work (KiB x t)"  # memory x passes
    SCRYPT_WORK = "scrypt work (KiB)"  # 128 * N * r * p bytes: p runs one after the other

    @property
    def stated(self) -> bool:
        """Whether the stored string states this cost (not a product the caps derive)."""
        return self not in (CostKind.ARGON2_WORK, CostKind.SCRYPT_WORK)


class Cost(NamedTuple):
    """One cost a stored hash asks for: its kind (which cap applies), the value, and the
    parameter's name as the format spells it (what an :class:`UnsafeParametersError` says)."""

    kind: CostKind
    value: int
    parameter: str


# The costs of one stored string, checked against the caps before any work is done.
Costs = tuple[Cost, ...]


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on the work a stored hash may ask for, checked before any work is done.

    The defaults admit every cost the platforms write by default with a wide margin, and refuse
    values that would take a server minutes per login. With ``time_budget`` (the default) each
    scheme's cap from hashcompat/_timecaps.py applies too: the cost at which one verify takes
    about 1.25 s of CPU on the reference machine (docs/cost-caps.md). Set it False to raise a
    cap above that table; a field set lower than the table still wins.
    """

    max_log2_rounds: int = 20  # phpass / Drupal $S$: 2**20 digests
    max_bcrypt_cost: int = 16
    max_argon2_memory_kib: int = 1 << 20  # 1 GiB
    max_argon2_time_cost: int = 16
    max_argon2_parallelism: int = 64
    max_iterations: int = 10_000_000  # PBKDF2, sha-crypt rounds, iterated formulas
    max_password_bytes: int = 65_536
    max_scrypt_log2_n: int = 20
    max_scrypt_memory_kib: int = 1 << 20  # 1 GiB
    max_scrypt_parallelism: int = 64
    time_budget: bool = True  # also apply the per-scheme caps of hashcompat/_timecaps.py

    def cap(self, kind: CostKind) -> int:  # noqa: PLR0911 - a branch a kind, commonest first
        """The cap on a cost of ``kind``."""
        if kind is CostKind.ITERATIONS:
            return self.max_iterations
        if kind is CostKind.LOG2_ROUNDS:
            return self.max_log2_rounds
        if kind is CostKind.BCRYPT_COST:
            return self.max_bcrypt_cost
        if kind is CostKind.ARGON2_MEMORY_KIB:
            return self.max_argon2_memory_kib
        if kind is CostKind.ARGON2_TIME_COST:
            return self.max_argon2_time_cost
        if kind is CostKind.ARGON2_PARALLELISM:
            return self.max_argon2_parallelism
        if kind is CostKind.SCRYPT_LOG2_N:
            return self.max_scrypt_log2_n
        if kind is CostKind.SCRYPT_MEMORY_KIB:
            return self.max_scrypt_memory_kib
        if kind is CostKind.ARGON2_WORK:
            return self.max_argon2_memory_kib * self.max_argon2_time_cost
        if kind is CostKind.SCRYPT_WORK:
            return self.max_scrypt_memory_kib * self.max_scrypt_parallelism
        return self.max_scrypt_parallelism


_limits = Limits()
_scoped: ContextVar[Limits | None] = ContextVar("hashcompat_limits", default=None)


def get_limits() -> Limits:
    """The caps in force: those of the innermost :func:`using_limits`, else the process-wide."""
    scoped = _scoped.get()
    return _limits if scoped is None else scoped


@contextmanager
def using_limits(limits: Limits) -> Iterator[Limits]:
    """Caps for this thread or task only, so a checker run on an untrusted sample and the login
    path of the same process don't share one global."""
    if not isinstance(limits, Limits):
        raise InvalidArgumentError("using_limits() takes a hashcompat.Limits value")
    token = _scoped.set(limits)
    try:
        yield limits
    finally:
        _scoped.reset(token)


def set_limits(limits: Limits) -> Limits:
    """Replace the caps process-wide; returns the previous ones so tests can restore them."""
    global _limits
    if not isinstance(limits, Limits):
        raise InvalidArgumentError("set_limits() takes a hashcompat.Limits value")
    previous, _limits = _limits, limits
    return previous


def check_cap(
    scheme: str, parameter: str, value: int, cap: int, limits: Limits | None = None
) -> None:
    """Refuse ``value`` over ``cap`` (a Limits field), or over the scheme's time-budget cap
    (hashcompat/_timecaps.py) while the limits in force keep ``time_budget``."""
    if value > cap:
        raise UnsafeParametersError(scheme, parameter, value, cap)
    if value > LOWEST:
        timed = time_cap(scheme, parameter)
        if timed is not None and value > timed and (limits or get_limits()).time_budget:
            raise TimeBudgetError(scheme, parameter, value, timed)


def check_costs(scheme: str, costs: Costs, limits: Limits) -> None:
    """Raise :class:`UnsafeParametersError` for the first cost above its cap (a Limits field,
    or the scheme's time-budget cap)."""
    for kind, value, parameter in costs:
        check_cap(scheme, parameter, value, limits.cap(kind), limits)
