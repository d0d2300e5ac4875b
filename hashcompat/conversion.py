"""Re-encode a stored hash in another format without the password, where the mathematics allows.

A dispatcher: the source scheme parses the stored string (``Scheme.parse``) into its typed
record (:mod:`hashcompat.params`), and the target scheme's writer composes it
(``Writer.compose``); each family decides what it can write from which record, so nothing here
knows a format. A conversion exists when both ends compute the same function of the
password: Django ``pbkdf2_sha256$`` and a Keycloak ``pbkdf2-sha256`` credential are both
PBKDF2-HMAC-SHA256 over the UTF-8 password, so only the encoding of salt and key changes; a
record with a ``prehash`` (WordPress's ``$wp$``, Django's bcrypt_sha256, Azure AD's NT hash)
converts to nothing. Where the target cannot hold the value (another digest, a key length the
format fixes, a salt that is not text), :class:`UnconvertibleHashError` says why.

Between the two ends the value is one of the small records below (one ``Pbkdf2`` for every
PBKDF2 format, ``Bcrypt``, ``Argon2``, ``Digest``, ``Scrypt``, ``Crypt``): the export targets
read the same values.
"""

from __future__ import annotations

from dataclasses import dataclass

from hashcompat.crypto.bcrypt import bcrypt_parsed
from hashcompat.engine import hash_text, pick_owner, resolve
from hashcompat.errors import MalformedHashError, UnconvertibleHashError
from hashcompat.families.argon2 import phc_string, salt_and_key
from hashcompat.families.bcrypt import portable_bcrypt
from hashcompat.families.ldap import digest_view
from hashcompat.params import Argon2 as Argon2Params
from hashcompat.params import Bcrypt as BcryptParams
from hashcompat.params import Crypt as CryptParams
from hashcompat.params import Digest as DigestParams
from hashcompat.params import Pbkdf2
from hashcompat.params import Scrypt as ScryptParams
from hashcompat.scheme import Parsed, Scheme

__all__ = [
    "Argon2",
    "Bcrypt",
    "Crypt",
    "Digest",
    "Params",
    "Pbkdf2",
    "Scrypt",
    "compose",
    "convert",
    "decompose",
]

_SIZES = {"md4": 16, "md5": 16, "sha1": 20, "sha256": 32, "sha384": 48, "sha512": 64}


@dataclass(frozen=True, slots=True)
class Bcrypt:
    text: str  # the bare $2?$ string

    @property
    def variant(self) -> str:
        return self.text[1:3]

    @property
    def cost(self) -> int:
        return int(self.text[4:6])


@dataclass(frozen=True, slots=True)
class Argon2:
    variant: str  # id, i, d
    version: int  # 19 or 16
    memory: int
    time_cost: int
    parallelism: int
    salt: bytes
    key: bytes

    @property
    def record(self) -> Argon2Params:
        return Argon2Params(self.variant, self.version, self.memory, self.time_cost,
                            self.parallelism, len(self.key))  # fmt: skip

    def phc(self) -> str:
        return phc_string(self.record, self.salt, self.key)


@dataclass(frozen=True, slots=True)
class Digest:
    """``algorithm(salt + password)`` (order "prefix"), ``(password + salt)`` ("suffix")."""

    algorithm: str
    salt: bytes
    key: bytes
    order: str = "suffix"


@dataclass(frozen=True, slots=True)
class Crypt:
    """A crypt(3) string of MD5-crypt, SHA256-crypt or SHA512-crypt, without any tag: its
    public ``setting`` and its ``checksum``."""

    kind: str  # md5, sha256, sha512
    setting: str  # $1$salt$, $5$rounds=...$salt$, ...
    checksum: str

    @property
    def text(self) -> str:
        return self.setting + self.checksum


@dataclass(frozen=True, slots=True)
class Scrypt:
    n: int
    r: int
    p: int
    salt: bytes
    key: bytes


Params = Pbkdf2 | Bcrypt | Argon2 | Digest | Scrypt | Crypt
_CRYPT_KINDS = {"$1$": "md5", "$5$": "sha256", "$6$": "sha512"}


def _reader(scheme: Scheme) -> Scheme:
    """The scheme that parses and composes for ``scheme``: itself, or the LDAP family's for a
    formula row of an RFC 2307 digest tag (``{SSHA}`` and kin)."""
    return digest_view(scheme) or scheme


def _value(parsed: Parsed) -> Params | None:  # noqa: PLR0911 - one per record
    """The conversion value of a parsed string, read from its typed record; None where no
    other format computes the same function of the password (a prehash, a formula, ...)."""
    found = parsed.params
    if isinstance(found, Pbkdf2):
        return None if found.prehash else found
    if isinstance(found, BcryptParams):
        return None if found.prehash else Bcrypt(found.setting + found.checksum)
    if isinstance(found, Argon2Params):
        salt, key = salt_and_key(parsed)
        return Argon2(found.variant, found.version, found.memory_kib, found.time_cost,
                      found.parallelism, salt, key)  # fmt: skip
    if isinstance(found, DigestParams):
        if _SIZES.get(found.algorithm) != len(found.digest):
            return None  # a database's own digest (MSSQL, SCRAM): no other format computes it
        order = "prefix" if found.salt_first else "suffix" if found.salt else "none"
        return Digest(found.algorithm, found.salt, found.digest, order)
    if isinstance(found, ScryptParams) and found.key:
        return Scrypt(1 << found.log2_n, found.r, found.p, found.salt, found.key)
    if isinstance(found, CryptParams):
        kind = _CRYPT_KINDS.get(found.setting[:3])
        return None if kind is None else Crypt(kind, found.setting, found.checksum)
    return None


def _parsed(value: Params) -> Parsed | None:  # noqa: PLR0911 - one per record
    """``value`` as the parsed form a writer composes from: its typed record, with the raw
    digest and salt where the record keeps them apart; a bcrypt string as every bcrypt reads
    it (None for the idents only their own platforms compute)."""
    if isinstance(value, Pbkdf2):
        return Parsed(value.key, value.salt, params=value)
    if isinstance(value, Bcrypt):
        parsed = bcrypt_parsed("bcrypt", value.text)
        assert isinstance(parsed.params, BcryptParams)  # noqa: S101 - bcrypt_parsed made it
        portable = portable_bcrypt(parsed.params)
        if portable is None:
            return None
        return parsed._replace(digest=portable.setting + portable.checksum, params=portable)
    if isinstance(value, Argon2):
        return Parsed(value.key, value.salt, params=value.record)
    if isinstance(value, Digest):
        prefix = value.order == "prefix"
        digest = DigestParams(value.algorithm, value.key, value.salt, prefix)
        return Parsed(value.key, value.salt, params=digest)
    if isinstance(value, Crypt):
        return Parsed(value.text, params=CryptParams(value.setting, value.checksum))
    scrypt = ScryptParams(value.n.bit_length() - 1, value.r, value.p, value.salt, value.key)
    return Parsed(value.key, value.salt, params=scrypt)


def _what(value: Params) -> str:
    """What a target could not hold, for the error (no salt or key in it)."""
    if isinstance(value, Pbkdf2):
        return f"PBKDF2-{value.digest.upper()} with this salt and key"
    if isinstance(value, Bcrypt):
        return f"bcrypt ${value.variant}$"
    if isinstance(value, Argon2):
        return f"argon2{value.variant} with this salt and key"
    if isinstance(value, Digest):
        return f"{value.algorithm} " + ("without a salt" if value.order == "none" else
                                        f"with a salt as {value.order}")  # fmt: skip
    if isinstance(value, Crypt):
        return f"{value.kind}-crypt"
    return "scrypt with this salt and key"


def decompose(hash: str, *, scheme: str | None = None) -> tuple[str, Params]:
    """(scheme name, parameters) of a stored hash, from its scheme's own parse;
    UnconvertibleHashError for a scheme whose values no other format takes (a formula, a
    pre-hashed bcrypt, ...)."""
    text = hash_text(hash)
    chosen = _reader(pick_owner(text) if scheme is None else resolve(scheme))
    name = chosen.info.name
    if not chosen.info.matches(text):
        raise MalformedHashError(name, "the string does not have this scheme's format")
    found = _value(chosen.parse(text))
    if found is None:
        raise UnconvertibleHashError(name, "", "no other format computes this scheme")
    return name, found


def compose(params: Params, to: str, *, source: str = "") -> str:
    """``params`` written as scheme ``to`` by its writer; UnconvertibleHashError where it
    cannot hold them."""
    target = _reader(resolve(to))
    writer, parsed = target.writer, _parsed(params)
    made = writer.compose(parsed) if writer is not None and parsed is not None else None
    if made is None:
        why = f"the target cannot hold {_what(params)}"
        raise UnconvertibleHashError(source, target.info.name, why)
    return made


def convert(hash: str, to: str, *, scheme: str | None = None) -> str:
    """``hash`` re-encoded as scheme ``to``: the same password verifies, no password needed."""
    source, params = decompose(hash, scheme=scheme)
    return compose(params, to, source=source)
