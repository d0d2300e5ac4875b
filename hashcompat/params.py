"""The typed parameter records a scheme's ``parse`` returns in :attr:`Parsed.params`.

One record per family of mathematics, not per platform: Django's ``pbkdf2_sha256$``, ASP.NET
Identity v3, Keycloak's credential and passlib's ``$pbkdf2-sha256$`` all parse into one
:class:`Pbkdf2`, so converting between them is "parse with the source, compose with the target"
and the cost caps, ``needs_update`` and the strength of a row are read from the record instead of
parsing the string again. Records are frozen: a parsed value is shared, never edited.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Params:
    """Base of every parameter record (the type :attr:`Parsed.params` is declared with)."""


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Argon2(Params):
    """An Argon2 PHC string's parameters (the salt and hash stay in the string)."""

    variant: str  # "id", "i" or "d"
    version: int
    memory_kib: int
    time_cost: int
    parallelism: int
    length: int = 32  # bytes of the derived hash


@dataclass(frozen=True, slots=True)
class Scrypt(Params):
    """scrypt: ``N = 2**log2_n``, block size ``r``, parallelism ``p``."""

    log2_n: int
    r: int
    p: int
    salt: bytes = b""
    key: bytes = b""

    @property
    def memory_kib(self) -> int:
        return 128 * self.r * (1 << self.log2_n) // 1024


@dataclass(frozen=True, slots=True)
class Crypt(Params):
    """A crypt(3)-style string: a public ``setting`` (prefix, rounds, salt) and the
    password-dependent ``checksum``. ``rounds`` is the work factor as the format states it
    (None when it has none). A scheme that can recompute ``checksum`` from a password and the
    setting can have its rows wrapped offline."""

    setting: str
    checksum: str
    rounds: int | None = None


@dataclass(frozen=True, slots=True)
class Digest(Params):
    """A plain or salted digest: ``algorithm`` (a hashlib name or the format's own name) over
    the password and ``salt``; ``digest`` the stored value, raw."""

    algorithm: str
    digest: bytes
    salt: bytes = b""
    salt_first: bool = False  # algorithm(salt + password) (Magento 2); else password + salt


@dataclass(frozen=True, slots=True)
class Text(Params):
    """A format whose stored string is checked as a whole (by a library that parses it), or
    the password itself: ``body`` is what the check reads."""

    body: str


@dataclass(frozen=True, slots=True)
class Formula(Params):
    """A string of a custom-scheme formula: its digest and salt are in :class:`Parsed`, in
    the layout of the formula whose canonical text is ``text``."""

    text: str
