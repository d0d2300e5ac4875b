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

Between the two ends the value is the source family's own record, as its ``parse`` returned
it (one :class:`~hashcompat.params.Pbkdf2` for every PBKDF2 format, ``Bcrypt``, ``Argon2``,
``Digest``, ``Scrypt``, ``Crypt``): the export targets read the same records.
"""

from __future__ import annotations

from typing import TypeAlias

from hashcompat._crypto.bcrypt import bcrypt_parsed
from hashcompat._engine import hash_text, pick_owner, resolve
from hashcompat._families.bcrypt import portable_bcrypt
from hashcompat._families.ldap import digest_view
from hashcompat.errors import MalformedHashError, UnconvertibleHashError
from hashcompat.params import Argon2, Bcrypt, Crypt, Digest, Pbkdf2, Scrypt
from hashcompat.scheme import Parsed, Scheme

__all__ = ["Convertible", "compose", "convert", "decompose"]

_SIZES = {"md4": 16, "md5": 16, "sha1": 20, "sha256": 32, "sha384": 48, "sha512": 64}

Convertible: TypeAlias = Pbkdf2 | Bcrypt | Argon2 | Digest | Scrypt | Crypt
"""The records another format can hold: what :func:`decompose` returns and export reads."""


def _reader(scheme: Scheme) -> Scheme:
    """The scheme that parses and composes for ``scheme``: itself, or the LDAP family's for a
    formula row of an RFC 2307 digest tag (``{SSHA}`` and kin)."""
    return digest_view(scheme) or scheme


def _value(parsed: Parsed) -> Convertible | None:
    """The record of a parsed string, where another format computes the same function of the
    password; None where none does (a prehash, a formula, a database's own digest, ...)."""
    found = parsed.params
    if isinstance(found, Pbkdf2 | Bcrypt):
        return None if found.prehash else found
    if isinstance(found, Argon2):
        return found
    if isinstance(found, Digest):
        # a database's own digest (MSSQL, SCRAM): its size is not its algorithm's
        return found if _SIZES.get(found.algorithm) == len(found.digest) else None
    if isinstance(found, Scrypt):
        return found if found.key else None
    if isinstance(found, Crypt):
        return None if found.kind is None else found
    return None


def _parsed(value: Convertible) -> Parsed | None:
    """``value`` as the parsed form a writer composes from: its record, with the raw digest
    and salt where the record keeps them apart; a bcrypt string as every bcrypt reads it (None
    for the idents only their own platforms compute)."""
    if isinstance(value, Bcrypt):
        parsed = bcrypt_parsed("bcrypt", value.text)
        assert isinstance(parsed.params, Bcrypt)  # noqa: S101 - bcrypt_parsed made it
        portable = portable_bcrypt(parsed.params)
        if portable is None:
            return None
        return parsed._replace(digest=portable.text, params=portable)
    if isinstance(value, Crypt):
        return Parsed(value.text, params=value)
    if isinstance(value, Digest):
        return Parsed(value.digest, value.salt, params=value)
    return Parsed(value.key, value.salt, params=value)


def _what(value: Convertible) -> str:
    """What a target could not hold, for the error (no salt or key in it)."""
    if isinstance(value, Pbkdf2):
        return f"PBKDF2-{value.digest.upper()} with this salt and key"
    if isinstance(value, Bcrypt):
        return f"bcrypt ${value.ident}$"
    if isinstance(value, Argon2):
        return f"argon2{value.variant} with this salt and key"
    if isinstance(value, Digest):
        return f"{value.algorithm} " + ("without a salt" if value.order == "none" else
                                        f"with a salt as {value.order}")  # fmt: skip
    if isinstance(value, Crypt):
        return f"{value.kind}-crypt"
    return "scrypt with this salt and key"


def decompose(hash: str, *, scheme: str | None = None) -> tuple[str, Convertible]:
    """(scheme name, record) of a stored hash: the record its scheme's own parse returns;
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


def compose(params: Convertible, to: str, *, source: str = "") -> str:
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
