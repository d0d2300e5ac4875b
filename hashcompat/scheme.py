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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from hashcompat._build import mypyc_attr
from hashcompat._idkey import Alphabet, Key  # what SchemeInfo.keys holds: public from here
from hashcompat.errors import (
    InvalidArgumentError,
    MalformedHashError,
    MissingParameterError,
    UnconvertibleHashError,
)
from hashcompat.limits import (
    Cost,
    CostKind,
    Costs,
    Limits,
    check_cap,
    check_costs,
    get_limits,
    set_limits,
    using_limits,
)

if TYPE_CHECKING:  # the records load with the families that make them, not on import
    from hashcompat.params import Params

__all__ = [
    "Alphabet",
    "Cost",
    "CostKind",
    "Costs",
    "Inputs",
    "Key",
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
    to claim it; ``prefixes`` are literal starts used to dispatch quickly. ``keys`` tell the
    identification index which strings can be of the format (:class:`~hashcompat._idkey.Key`,
    one per form): a scheme without them is keyed by its prefixes, else tried on every string.
    A scheme with no pattern is never identified and must be named explicitly (plain text).
    ``self_describing`` means the string alone names the scheme, so ``verify`` may pick it
    without ``scheme=``. ``can_hash`` is an answer, not an input: ``register()`` sets it in the
    catalogue (``hashcompat.schemes()``) from whether the scheme has a :class:`Writer`, and
    ignores what a record states, so a scheme leaves it unset (no built-in sets it). The field
    stays for the catalogue's readers (``hashcompat schemes --format json``); on a scheme
    object, ask ``scheme.writer is not None``.
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
    keys: tuple[Key, ...] = field(default=(), repr=False)
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


class Inputs(NamedTuple):
    """Values some platforms keep outside the hash string. (Immutable, and built on every
    verify that passes one: a named tuple costs half of a frozen dataclass's ``__init__``.)"""

    salt: str | None = None
    username: str | None = None
    pepper: str | None = None

    def require(self, scheme: str, name: str) -> str:
        value: str | None = getattr(self, name)
        if value is None:
            raise MissingParameterError(scheme, name)
        return value

    def __repr__(self) -> str:  # a pepper is a site-wide secret: never in a log line
        pepper = None if self.pepper is None else "***"
        return f"Inputs(salt={self.salt!r}, username={self.username!r}, pepper={pepper})"


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


# Scheme and Writer stay ordinary Python classes when this module is compiled (mypyc's
# native_class=False): a scheme is commonly both (``class HexDigest(Scheme, Writer)``), which two
# native bases refuse ("instance lay-out conflict"), and a native base's ``info`` would be a C
# field that a subclass's own ``info`` slot hides from the compiled methods.
@mypyc_attr(native_class=False, allow_interpreted_subclasses=True)
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


@mypyc_attr(native_class=False, allow_interpreted_subclasses=True)
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
