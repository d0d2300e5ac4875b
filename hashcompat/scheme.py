"""The scheme protocol, its catalogue record, and the helpers every scheme shares.

A scheme is any object with an ``info`` attribute and a ``verify`` method. Hashing and
``needs_update`` are optional: legacy formats are often verify-only. Schemes receive the
password already encoded as UTF-8 bytes and the extra inputs in an :class:`Inputs` value, so
each module only parses, computes and compares.
"""

from __future__ import annotations

import enum
import hmac
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol, runtime_checkable

from hashcompat.errors import (
    InvalidArgumentError,
    MissingParameterError,
    TimeBudgetError,
    UnsafeParametersError,
)
from hashcompat.timecaps import LOWEST, time_cap

__all__ = [
    "Costs",
    "HashingScheme",
    "Inputs",
    "Limits",
    "Parsed",
    "ParsingScheme",
    "RecomputableScheme",
    "Scheme",
    "SchemeInfo",
    "Strength",
    "can_hash",
    "check_cap",
    "check_costs",
    "equal",
    "get_limits",
    "hash_params",
    "set_limits",
    "using_limits",
]


class Strength(str, enum.Enum):
    """How much a stored hash of this scheme protects its password, worst first."""

    RECOVERABLE = "recoverable"  # the password itself, encoded or obfuscated: not a hash at all
    BROKEN = "broken"  # unsalted fast digests and short DES crypts: crackable in bulk
    WEAK = "weak"  # salted fast digests, low-cost iterated MD5: crackable per user
    LEGACY_OK = "legacy-ok"  # deliberately slow but outdated (sha512crypt, PBKDF2, phpass SHA-512)
    MODERN = "modern"  # bcrypt, scrypt, argon2


INPUT_NAMES = ("salt", "username", "pepper")


@dataclass(frozen=True, slots=True)
class SchemeInfo:
    """The catalogue record of a scheme: everything the registry knows without running it.

    ``pattern`` is a regular expression that the *whole* hash string must match for the scheme
    to claim it; ``prefixes`` are literal starts used to dispatch quickly. A scheme with no
    pattern is never identified and must be named explicitly (plain text, for instance).
    ``self_describing`` means the string alone names the scheme, so ``verify`` may pick it
    without ``scheme=``.
    """

    name: str
    summary: str
    aliases: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    pattern: str | None = None
    self_describing: bool = False
    inputs: tuple[str, ...] = ()
    strength: Strength = Strength.WEAK
    can_hash: bool = False
    example: str | None = None
    notes: str = ""
    _regex: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        unknown = set(self.inputs) - set(INPUT_NAMES)
        if unknown:
            raise InvalidArgumentError(f"scheme {self.name}: unknown inputs {sorted(unknown)}")
        if self.pattern is not None:
            object.__setattr__(self, "_regex", re.compile(self.pattern, re.DOTALL))

    def matches(self, hash: str) -> bool:
        """True when ``hash`` has this scheme's exact format."""
        return self._regex is not None and self._regex.fullmatch(hash) is not None

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "summary": self.summary,
            "aliases": list(self.aliases),
            "platforms": list(self.platforms),
            "self_describing": self.self_describing,
            "inputs": list(self.inputs),
            "strength": self.strength.value,
            "can_hash": self.can_hash,
            "example": self.example,
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class Inputs:
    """Values some platforms keep outside the hash string."""

    salt: str | None = None
    username: str | None = None
    pepper: str | None = None

    def require(self, scheme: str, name: str) -> str:
        value: str | None = getattr(self, name)
        if value is None:
            raise MissingParameterError(scheme, name)
        return value


@runtime_checkable
class Scheme(Protocol):
    """What the registry needs from a scheme. ``hash`` and ``needs_update`` are optional."""

    info: SchemeInfo

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        """Whether ``secret`` matches ``hash``; a HashcompatError if ``hash`` is unusable."""
        ...


@runtime_checkable
class HashingScheme(Scheme, Protocol):
    """A scheme that can also write new hashes; :func:`can_hash` asks this, not a flag."""

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str: ...


def can_hash(scheme: object) -> bool:
    """Whether ``scheme`` writes hashes: it has a ``hash`` method (the capability is the method,
    so it cannot disagree with a flag)."""
    return isinstance(scheme, HashingScheme)


# (parameter as the error names it, the Limits field that caps it, the value in the hash)
Costs = tuple[tuple[str, str, int], ...]


class Parsed(NamedTuple):
    """A stored string taken apart once: the digest to compare, the salt, and the costs it
    asks for, which the engine checks against the caps before :meth:`ParsingScheme.check`.

    A named tuple rather than a frozen dataclass: it is as immutable, and built on every
    verify, where a frozen dataclass's ``__init__`` costs more than the digest it feeds.
    """

    digest: str | bytes  # text, or raw bytes when the string stores them base-64 encoded
    salt: bytes | None = None
    salt_text: str = ""  # the salt as stored ("" when none, or inside a base-64 group)
    costs: Costs = ()


@runtime_checkable
class ParsingScheme(Scheme, Protocol):
    """The richer protocol: parse once, check many. The engine calls ``parse`` (or takes the
    value identification already made), checks ``parsed.costs`` against the caps in force, then
    ``check``. ``match`` is optional: the parsed value or None, for exactly the strings
    ``info.pattern`` matches, so identification and parsing are one step."""

    def parse(self, hash: str) -> Parsed:
        """The parts of ``hash``; MalformedHashError when it does not have the format."""
        ...

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        """Whether ``secret`` matches, comparing in constant time (:func:`equal`)."""
        ...


def check_costs(scheme: str, costs: Costs, limits: Limits) -> None:
    for parameter, cap, value in costs:
        check_cap(scheme, parameter, value, getattr(limits, cap))


class UpdatableScheme(Scheme, Protocol):
    def needs_update(self, hash: str, params: Mapping[str, object] | None = None) -> bool:
        """True when ``hash`` is weaker than ``params`` (the scheme's defaults when None)."""
        ...


class RecomputableScheme(Scheme, Protocol):
    """A scheme whose stored string splits into a public setting and a password-dependent digest.

    ``verify`` is then ``equal(digest(secret, setting, inputs), stored_digest)``. The migrator's
    offline wrapping keeps the setting and replaces the weak digest with a modern hash of it.
    """

    def split(self, hash: str) -> tuple[str, str]:
        """(setting, digest): the salt/rounds/prefix needed to recompute, and the rest."""
        ...

    def digest(self, secret: bytes, setting: str, inputs: Inputs) -> str:
        """The digest part this password gives under ``setting``."""
        ...


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on the work a stored hash may ask for, checked before any work is done.

    The defaults admit every cost the platforms write by default with a wide margin, and refuse
    values that would take a server minutes per login. With ``time_budget`` (the default) each
    scheme's cap from hashcompat/timecaps.py applies too: the cost at which one verify takes
    about 1.5 s on the reference machine (docs/cost-caps.md). Set it False to raise a cap above
    that table.
    """

    max_log2_rounds: int = 20  # phpass / Drupal $S$: 2**20 digests
    max_bcrypt_cost: int = 16
    max_argon2_memory_kib: int = 1 << 20  # 1 GiB
    max_argon2_time_cost: int = 16
    max_argon2_parallelism: int = 64
    max_iterations: int = 10_000_000  # PBKDF2, sha-crypt rounds, iterated formulas
    max_password_bytes: int = 65_536
    time_budget: bool = True  # also apply the per-scheme caps of hashcompat/timecaps.py


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


def check_cap(scheme: str, parameter: str, value: int, cap: int) -> None:
    """Refuse ``value`` over ``cap`` (a Limits field), or over the scheme's time-budget cap
    while the limits in force keep ``time_budget``."""
    if value > cap:
        raise UnsafeParametersError(scheme, parameter, value, cap)
    if value > LOWEST:
        timed = time_cap(scheme, parameter)
        if timed is not None and value > timed and get_limits().time_budget:
            raise TimeBudgetError(scheme, parameter, value, timed)


def equal(a: bytes | str, b: bytes | str) -> bool:
    """Constant-time comparison; the one every scheme uses."""
    if isinstance(a, str):
        a = a.encode("utf-8", "surrogatepass")
    if isinstance(b, str):
        b = b.encode("utf-8", "surrogatepass")
    return hmac.compare_digest(a, b)


def hash_params(
    params: Mapping[str, object], allowed: Mapping[str, type], scheme: str
) -> dict[str, object]:
    """Check hash() keyword parameters against a scheme's allowed names and types."""
    out: dict[str, object] = {}
    for key, value in params.items():
        kind = allowed.get(key)
        if kind is None:
            names = ", ".join(sorted(allowed)) or "none"
            raise InvalidArgumentError(f"{scheme} takes no parameter {key!r} (it takes: {names})")
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            raise InvalidArgumentError(f"{scheme} parameter {key} must be {kind.__name__}")
        out[key] = value
    return out
