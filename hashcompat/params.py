"""The typed parameter records a scheme's ``parse`` returns in :attr:`Parsed.params`.

One record per family of mathematics, not per platform: Django's ``pbkdf2_sha256$``, ASP.NET
Identity v3, Keycloak's credential and passlib's ``$pbkdf2-sha256$`` all parse into one
:class:`Pbkdf2`, so converting between them is "parse with the source, compose with the target"
and the cost caps, ``needs_update`` and the strength of a row are read from the record instead of
parsing the string again. Records are frozen: a parsed value is shared, never edited.

A record is a plain subclass of :class:`Params` with annotated fields, not a ``@dataclass``
(which would bring back the generated methods the base replaces: see :class:`Params`).
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import TYPE_CHECKING, Any, ClassVar, Literal

if TYPE_CHECKING:
    from typing_extensions import Self, dataclass_transform
else:

    def dataclass_transform(**_: object) -> Any:  # typing only: does nothing at run time
        return lambda cls: cls


__all__ = [
    "Argon2",
    "Bcrypt",
    "Crypt",
    "Digest",
    "Formula",
    "Params",
    "Pbkdf2",
    "Scrypt",
    "Text",
]


@dataclass_transform(frozen_default=True, eq_default=True)
class Params:
    """Base of every parameter record (the type :attr:`Parsed.params` is declared with).

    A record is a frozen dataclass to the type checker (fields in order, defaults, no
    assignment) and behaves as one: equal when of one type with equal fields, hashable,
    immutable. This base does the work for every record at run time instead of ``@dataclass``
    writing six methods per class: this module loads with the first parse of most formats, and
    the generated code made a cold start's first verify several milliseconds slower.
    """

    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, object]] = {}

    def __init_subclass__(cls) -> None:
        names = tuple(vars(cls).get("__annotations__", {}))
        cls._fields = (*cls._fields, *names)
        cls._defaults = {**cls._defaults, **{n: vars(cls)[n] for n in names if n in vars(cls)}}

    def __init__(self, *args: object, **kwargs: object) -> None:
        """The first record of a class writes the class's own ``__init__`` and is built by it:
        a cold start compiles the one or two it uses, not all nine."""
        cls = type(self)
        init = _init(cls._fields, cls._defaults)
        if cls is not Params:
            cls.__init__ = init  # type: ignore[method-assign]
        init(self, *args, **kwargs)

    def replace(self, **changes: object) -> Self:
        """A copy with ``changes`` (what ``dataclasses.replace`` does for a dataclass)."""
        return type(self)(**{**self.__dict__, **changes})

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({shown})"


def _init(fields: tuple[str, ...], defaults: dict[str, object]) -> Any:
    """An ``__init__`` taking ``fields`` in order (those in ``defaults`` optional) that stores
    each in the instance's ``__dict__``: written out, as ``dataclass`` does, because a generic
    loop over the fields made every record three times slower to build."""
    signature = ", ".join(f"{f}=_defaults[{f!r}]" if f in defaults else f for f in fields)
    body = "".join(f"\n    values[{f!r}] = {f}" for f in fields)
    namespace: dict[str, Any] = {"_defaults": defaults}
    # our own identifiers only (annotations of the classes below), never outside text
    exec(f"def __init__(self, {signature}):\n    values = self.__dict__{body}", namespace)  # noqa: S102
    return namespace["__init__"]


class Pbkdf2(Params):
    """PBKDF2-HMAC: ``key = pbkdf2_hmac(digest, password, salt, iterations, len(key))``.

    ``digest`` is a hashlib name (``sha1``, ``sha256``, ``sha512``); ``key`` is the stored
    derived key, raw. Any writer of PBKDF2 composes a string from these four values.
    ``prehash`` names what the platform does to the password first ("" for nothing): two
    records are the same function of the password only when it is equal too.
    """

    digest: str
    iterations: int
    salt: bytes
    key: bytes
    prehash: str = ""


class Bcrypt(Params):
    """A bcrypt string: ``$<ident>$<cost>$`` + 22 salt and 31 checksum characters.
    ``prehash``: what the platform feeds bcrypt instead of the password ("" for the password
    itself, as PHP's ``password_hash``)."""

    ident: str
    cost: int
    salt: str
    checksum: str
    prehash: str = ""

    @property
    def setting(self) -> str:
        return f"${self.ident}${self.cost:02d}${self.salt}"

    @property
    def text(self) -> str:
        """The bare ``$2?$`` string (what the platforms that import bcrypt take)."""
        return self.setting + self.checksum


class Argon2(Params):
    """Argon2's parameters, with the raw ``salt`` and derived ``key`` (a PHC string's, or a
    platform's raw form such as Keycloak's): what a writer of any argon2 format composes from."""

    variant: str  # "id", "i" or "d"
    version: int
    memory_kib: int
    time_cost: int
    parallelism: int
    length: int = 32  # bytes of the derived hash
    salt: bytes = b""
    key: bytes = b""


class Scrypt(Params):
    """scrypt: ``N = 2**log2_n``, block size ``r``, parallelism ``p``."""

    log2_n: int
    r: int
    p: int
    salt: bytes = b""
    key: bytes = b""

    @property
    def n(self) -> int:
        return 1 << self.log2_n

    @property
    def memory_kib(self) -> int:
        return 128 * self.r * (1 << self.log2_n) // 1024


_CRYPT_KINDS = {"$1$": "md5", "$5$": "sha256", "$6$": "sha512"}


class Crypt(Params):
    """A crypt(3)-style string: a public ``setting`` (prefix, rounds, salt) and the
    password-dependent ``checksum``. ``rounds`` is the work factor as the format states it
    (None when it has none). A scheme that can recompute ``checksum`` from a password and the
    setting can have its rows wrapped offline."""

    setting: str
    checksum: str
    rounds: int | None = None

    @property
    def text(self) -> str:
        return self.setting + self.checksum

    @property
    def kind(self) -> str | None:
        """``md5``, ``sha256`` or ``sha512`` for the crypt(3) strings of those names (the ones
        other platforms import as such), None for any other crypt-style format."""
        return _CRYPT_KINDS.get(self.setting[:3])


class Digest(Params):
    """A plain or salted digest: ``algorithm`` (a hashlib name or the format's own name) over
    the password and ``salt``; ``digest`` the stored value, raw."""

    algorithm: str
    digest: bytes
    salt: bytes = b""
    salt_first: bool = False  # algorithm(salt + password) (Magento 2); else password + salt

    @property
    def order(self) -> Literal["prefix", "suffix", "none"]:
        """Where the salt goes, in the words export targets use: ``prefix`` (salt +
        password), ``suffix`` (password + salt), or ``none`` (no salt)."""
        return "prefix" if self.salt_first else "suffix" if self.salt else "none"


class Text(Params):
    """A format whose stored string is checked as a whole (by a library that parses it), or
    the password itself: ``body`` is what the check reads."""

    body: str


class Formula(Params):
    """A string of a custom-scheme formula: its digest and salt are in :class:`Parsed`, in
    the layout of the formula whose canonical text is ``text``."""

    text: str
