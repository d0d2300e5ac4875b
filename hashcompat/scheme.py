"""The scheme contract, its catalogue record, and the helpers every scheme shares.

Every scheme is a :class:`Scheme`: ``parse`` a stored string once into a :class:`Parsed` (the
digest, the salt, the costs as typed :class:`Cost` values, the family's typed
:mod:`~hashcompat.params` record), then ``check`` a password against it. Writing is a
:class:`Writer`, present or not (legacy formats are often verify-only). Schemes receive the
password already encoded as UTF-8 bytes and the extra inputs in an :class:`Inputs` value, so
each module only parses, computes and compares; caps, error wrapping and the password cap are
the engine's.
"""

from __future__ import annotations

import abc
import enum
import hmac
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import NamedTuple

from hashcompat.errors import (
    InvalidArgumentError,
    MalformedHashError,
    MissingParameterError,
    UnconvertibleHashError,
    UnsafeParametersError,
)
from hashcompat.params import Params

__all__ = [
    "Cost",
    "CostKind",
    "Costs",
    "Inputs",
    "Limits",
    "Parsed",
    "Scheme",
    "SchemeInfo",
    "Strength",
    "Writer",
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


class Cost(NamedTuple):
    """One cost a stored hash asks for: its kind (which cap applies), the value, and the
    parameter's name as the format spells it (what an :class:`UnsafeParametersError` says)."""

    kind: CostKind
    value: int
    parameter: str


# The costs of one stored string, checked against the caps before any work is done.
Costs = tuple[Cost, ...]


class Parsed(NamedTuple):
    """A stored string taken apart once by its scheme's :meth:`Scheme.parse`.

    ``digest`` is what :meth:`Scheme.check` compares (text, or raw bytes when the string
    stores them base-64 encoded); ``salt``/``salt_text`` the salt when the format has one;
    ``costs`` the work the string asks for, checked against the caps in force before
    ``check`` runs; ``params`` the family's typed record (:mod:`hashcompat.params`), from which
    conversion, ``needs_update``, offline wrapping and analysis read what they need. (A named
    tuple: it is built on every verify, where a frozen dataclass's ``__init__`` costs more than
    the digest it feeds.)
    """

    digest: str | bytes
    salt: bytes | None = None
    salt_text: str = ""  # the salt as stored ("" when none, or inside a base-64 group)
    costs: Costs = ()
    params: Params | None = None


class Writer(abc.ABC):
    """What a scheme that writes hashes adds: :attr:`Scheme.writer` is one, or None.

    ``hash`` is required. ``compose`` (a string from parsed values, no password needed: what
    :func:`hashcompat.convert` writes with) and ``needs_update`` have defaults: "cannot
    compose" and "never needs an update".
    """

    __slots__ = ()

    @abc.abstractmethod
    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        """A new hash of ``secret``; ``params`` are the scheme's keyword parameters."""

    def compose(self, parsed: Parsed) -> str | None:
        """The stored string for ``parsed`` (typically another scheme's parse of the same
        mathematics), or None when this writer cannot express it."""
        return None

    def needs_update(self, parsed: Parsed, params: Mapping[str, object] | None = None) -> bool:
        """True when ``parsed`` is weaker than ``params`` (the writer's defaults when None)."""
        return False


class Scheme(abc.ABC):
    """The one contract every scheme implements (built-ins, formulas and plugins).

    ``parse`` takes a stored string apart once, raising :class:`MalformedHashError` when it
    does not have the format, and reports the costs it asks for; the engine checks those
    against the caps in force, then calls ``check``, which does the work and compares in
    constant time (:func:`equal`). ``writer`` is the scheme's :class:`Writer`, or None for a
    verify-only scheme. ``match`` is parse for identification: the parsed value, or None
    where the format does not fit; the default runs the pattern and then ``parse``.

    ``split_setting`` and ``recompute`` are the offline-wrapping hooks: a scheme whose digest
    can be recomputed from a password and a public setting implements both (the defaults say
    it cannot). The registry validates a scheme once, at ``register()``.
    """

    __slots__ = ()

    info: SchemeInfo

    @abc.abstractmethod
    def parse(self, hash: str) -> Parsed:
        """The parts of ``hash``; MalformedHashError when it does not have the format."""

    @abc.abstractmethod
    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        """Whether ``secret`` matches ``parsed``, comparing in constant time."""

    @property
    def writer(self) -> Writer | None:
        return None

    def match(self, hash: str) -> Parsed | None:
        if not self.info.matches(hash):
            return None
        try:
            return self.parse(hash)
        except MalformedHashError:
            return None

    def split_setting(self, parsed: Parsed) -> tuple[str, str] | None:
        """(setting, digest) of a parsed string, for offline wrapping: the public part needed
        to recompute the digest, and the digest. None (the default) when this scheme's digest
        cannot be recomputed from a password and a setting."""
        return None

    def recompute(self, secret: bytes, setting: str, inputs: Inputs) -> str:
        """The digest ``secret`` gives under ``setting`` (from :meth:`split_setting`)."""
        raise UnconvertibleHashError(
            self.info.name, "", "its digest cannot be recomputed from a password"
        )

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        """parse, the caps in force, check: the engine's guard without its error wrapping
        (callers outside the engine: tests, a family checking an inner string)."""
        parsed = self.parse(hash)
        check_costs(self.info.name, parsed.costs, get_limits())
        return self.check(secret, parsed, inputs)


def can_hash(scheme: Scheme) -> bool:
    """Whether ``scheme`` writes hashes: it has a :class:`Writer`."""
    return scheme.writer is not None


def check_costs(scheme: str, costs: Costs, limits: Limits) -> None:
    """Raise :class:`UnsafeParametersError` for the first cost above its cap."""
    for kind, value, parameter in costs:
        cap = limits.cap(kind)
        if value > cap:
            raise UnsafeParametersError(scheme, parameter, value, cap)


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on the work a stored hash may ask for, checked before any work is done.

    The defaults admit every cost the platforms write by default with a wide margin, and refuse
    values that would take a server minutes per login.
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


def check_cap(scheme: str, parameter: str, value: int, cap: int) -> None:
    if value > cap:
        raise UnsafeParametersError(scheme, parameter, value, cap)


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


class LegacyScheme(Scheme):
    """A plugin written for hashcompat's earlier protocol (an ``info`` and a ``verify``
    method, caps enforced by the plugin itself) behind :class:`Scheme`.

    The registry wraps such an object once, at ``register()``; new plugins subclass
    :class:`Scheme`. ``parse`` keeps the whole string, ``check`` calls the plugin's
    ``verify``, and a ``hash`` method, if the plugin has one, becomes the writer.
    """

    __slots__ = ("_inner", "info")

    def __init__(self, inner: object) -> None:
        info = getattr(inner, "info", None)
        if not isinstance(info, SchemeInfo) or not callable(getattr(inner, "verify", None)):
            raise InvalidArgumentError("a scheme needs an info: SchemeInfo and a verify() method")
        self._inner = inner
        self.info = info

    def parse(self, hash: str) -> Parsed:
        # The plugin's verify is its parser: a string named with scheme= that its pattern does
        # not match is still the plugin's to judge (identification has matched it already).
        return Parsed(hash)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        verify = getattr(self._inner, "verify")  # noqa: B009 - checked callable at init
        return bool(verify(secret, str(parsed.digest), inputs))

    @property
    def writer(self) -> Writer | None:
        write = getattr(self._inner, "hash", None)
        return _LegacyWriter(write) if callable(write) else None


class _LegacyWriter(Writer):
    __slots__ = ("_write",)

    def __init__(self, write: Callable[..., object]) -> None:
        self._write = write

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        made = self._write(secret, inputs, params)
        if not isinstance(made, str):
            raise InvalidArgumentError("a scheme plugin's hash() must return a str")
        return made
