"""Re-encode a stored hash in another format without the password, where the mathematics allows.

A stored hash is parsed by its own scheme (``Scheme.parse``), and its typed record
(:mod:`hashcompat.params`: one ``Pbkdf2`` for every PBKDF2 format, ``Bcrypt``, ``Argon2``,
``Digest``, ``Scrypt``, ``Crypt``) becomes the small value :func:`compose` writes in a target
format; nothing here parses a format again. A conversion exists when both ends compute the same
function of the password: Django ``pbkdf2_sha256$`` and a Keycloak ``pbkdf2-sha256`` credential
are both PBKDF2-HMAC-SHA256 over the UTF-8 password, so only the encoding of salt and key
changes; a record with a ``prehash`` (WordPress's ``$wp$``, Django's bcrypt_sha256, Azure AD's
NT hash) converts to nothing. Where the target cannot hold the value (another digest, a key
length the format fixes, a salt that is not text), :class:`UnconvertibleHashError` says why.
The export targets read the same values.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from hashcompat.engine import hash_text, pick_owner, resolve
from hashcompat.errors import MalformedHashError, UnconvertibleHashError
from hashcompat.families import keycloak
from hashcompat.families.argon2 import parse_argon2
from hashcompat.params import Argon2 as Argon2Params
from hashcompat.params import Bcrypt as BcryptParams
from hashcompat.params import Crypt as CryptParams
from hashcompat.params import Digest as DigestParams
from hashcompat.params import Formula as FormulaParams
from hashcompat.params import Pbkdf2
from hashcompat.params import Scrypt as ScryptParams
from hashcompat.primitives import b64_nopad, unb64
from hashcompat.scheme import Parsed

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
# RFC 2307 tags: scheme -> (digest, tag, salted); the salt follows the digest, after base64.
LDAP_DIGESTS = {
    "ldap_md5": ("md5", "{MD5}", False),
    "ldap_sha": ("sha1", "{SHA}", False),
    "ldap_sha256": ("sha256", "{SHA256}", False),
    "ldap_sha384": ("sha384", "{SHA384}", False),
    "ldap_sha512": ("sha512", "{SHA512}", False),
    "ldap_salted_md5": ("md5", "{SMD5}", True),
    "ldap_salted_sha1": ("sha1", "{SSHA}", True),
    "ldap_salted_sha256": ("sha256", "{SSHA256}", True),
    "ldap_salted_sha384": ("sha384", "{SSHA384}", True),
    "ldap_salted_sha512": ("sha512", "{SSHA512}", True),
}


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

    def phc(self) -> str:
        head = f"$argon2{self.variant}$v={self.version}$m={self.memory},t={self.time_cost}"
        return f"{head},p={self.parallelism}${b64_nopad(self.salt)}${b64_nopad(self.key)}"


@dataclass(frozen=True, slots=True)
class Digest:
    """``algorithm(salt + password)`` (order "prefix"), ``(password + salt)`` ("suffix")."""

    algorithm: str
    salt: bytes
    key: bytes
    order: str = "suffix"


@dataclass(frozen=True, slots=True)
class Crypt:
    """A crypt(3) string of MD5-crypt, SHA256-crypt or SHA512-crypt, without any tag."""

    kind: str  # md5, sha256, sha512
    text: str  # $1$..., $5$..., $6$...


@dataclass(frozen=True, slots=True)
class Scrypt:
    n: int
    r: int
    p: int
    salt: bytes
    key: bytes


Params = Pbkdf2 | Bcrypt | Argon2 | Digest | Scrypt | Crypt
_CRYPT_IDS = {"md5": "$1$", "sha256": "$5$", "sha512": "$6$"}
_CRYPT_TAGS = {"": "", "ldap_": "{CRYPT}", "dovecot_": ""}


def _ab64(text: str) -> bytes:
    """passlib's adapted base64 ('.' for '+', no padding)."""
    return unb64(text.replace(".", "+"))


def _argon2(name: str, phc: str) -> Argon2:
    found = parse_argon2(name, phc).params
    assert isinstance(found, Argon2Params)  # noqa: S101 - parse_argon2 made it
    salt, key = phc.rsplit("$", 2)[1:]
    return Argon2(
        found.variant,
        found.version,
        found.memory_kib,
        found.time_cost,
        found.parallelism,
        unb64(salt),
        unb64(key),
    )


_CRYPT_KINDS = {ident: kind for kind, ident in _CRYPT_IDS.items()}


def _from_parsed(name: str, parsed: Parsed) -> Params | None:  # noqa: PLR0911 - one per record
    """The conversion value of a parsed string, read from its typed record; None where no
    other format computes the same function of the password (a prehash, a formula, ...)."""
    found = parsed.params
    if isinstance(found, Pbkdf2):
        return None if found.prehash else found
    if isinstance(found, BcryptParams):
        return None if found.prehash else Bcrypt(found.setting + found.checksum)
    if isinstance(found, Argon2Params):
        digest = parsed.digest
        if isinstance(digest, str):  # a PHC string, the salt and key in it
            return _argon2(name, digest[digest.index("$argon2") :])
        return Argon2(found.variant, found.version, found.memory_kib, found.time_cost,
                      found.parallelism, parsed.salt or b"", digest)  # fmt: skip
    if isinstance(found, DigestParams):
        return _digest(name, found)
    if isinstance(found, FormulaParams) and name in LDAP_DIGESTS:  # {SSHA} and kin: formulas
        algorithm, _, salted = LDAP_DIGESTS[name]
        digest, salt = parsed.digest, parsed.salt or b""
        if isinstance(digest, str):
            return None
        return Digest(algorithm, salt, digest, "suffix" if salted else "none")
    if isinstance(found, ScryptParams) and found.key:
        n = 1 << found.log2_n
        return Scrypt(n, found.r, found.p, found.salt, found.key)
    if isinstance(found, CryptParams):
        kind = _CRYPT_KINDS.get(found.setting[:3])
        return None if kind is None else Crypt(kind, found.setting + found.checksum)
    return None


def _digest(name: str, found: DigestParams) -> Params | None:
    if found.algorithm not in _SIZES or len(found.digest) != _SIZES[found.algorithm]:
        return None  # a database's own digest (MSSQL, SCRAM): no other format computes it
    if name in _SIZES:  # the hex digest schemes are named by their algorithm
        return Digest(name, b"", found.digest, "none")
    order = "prefix" if found.salt_first else "suffix" if found.salt else "none"
    return Digest(found.algorithm, found.salt, found.digest, order)


def decompose(hash: str, *, scheme: str | None = None) -> tuple[str, Params]:
    """(scheme name, parameters) of a stored hash, from its scheme's own parse;
    UnconvertibleHashError for a scheme whose values no other format takes (a formula, a
    pre-hashed bcrypt, ...)."""
    text = hash_text(hash)
    chosen = pick_owner(text) if scheme is None else resolve(scheme)
    name = chosen.info.name
    if not chosen.info.matches(text):
        raise MalformedHashError(name, "the string does not have this scheme's format")
    found = _from_parsed(name, chosen.parse(text))
    if found is None:
        raise UnconvertibleHashError(name, "", "no other format computes this scheme")
    return name, found


def _need(ok: bool, source: str, target: str, why: str) -> None:
    if not ok:
        raise UnconvertibleHashError(source, target, why)


def _text_salt(params: Pbkdf2 | Scrypt, source: str, target: str) -> str:
    try:
        salt = params.salt.decode("ascii")
    except UnicodeDecodeError:
        salt = ""
    _need(salt.isprintable() and bool(salt) and "$" not in salt, source, target,
          "the salt is not printable ASCII without '$'")  # fmt: skip
    return salt


def _compose_pbkdf2(p: Pbkdf2, source: str, target: str) -> str:
    """The target's own writer composes the PBKDF2 record (Django, Keycloak, ASP.NET, PHC,
    passlib, OpenLDAP, Dovecot): each knows which digests, salts and key sizes it can hold."""
    writer = resolve(target).writer
    made = writer.compose(Parsed(p.key, p.salt, params=p)) if writer is not None else None
    _need(made is not None, source, target,
          f"the target cannot hold PBKDF2-{p.digest.upper()} with this salt and key")  # fmt: skip
    return str(made)


def _compose_argon2(p: Argon2, source: str, target: str) -> str:
    phc = p.phc()
    if target == "keycloak_argon2":
        version = "1.3" if p.version == 19 else "1.0"
        extra = {"hashLength": str(len(p.key)), "memory": str(p.memory), "type": p.variant,
                 "version": version, "parallelism": str(p.parallelism)}  # fmt: skip
        return keycloak.credential_json("argon2", p.time_cost, p.salt, p.key, extra)
    prefix = {"argon2": "", "django_argon2": "argon2", "ldap_argon2": "{ARGON2}"}
    if target == "dovecot_argon2":
        _need(p.variant in ("id", "i"), source, target, "Dovecot reads argon2id and argon2i")
        prefix[target] = "{ARGON2ID}" if p.variant == "id" else "{ARGON2I}"
    _need(target in prefix, source, target, "the target does not compute argon2")
    return prefix[target] + phc


def _compose_bcrypt(p: Bcrypt, source: str, target: str) -> str:
    _need(p.variant in ("2a", "2b", "2y"), source, target, "only $2a$, $2b$, $2y$ convert")
    text = "$2b$" + p.text[4:] if p.variant == "2y" else p.text  # $2y$ and $2b$: one algorithm
    prefix = {"bcrypt": "", "django_bcrypt": "bcrypt$", "ldap_bcrypt": "{CRYPT}",
              "dovecot_blf_crypt": "{BLF-CRYPT}"}  # fmt: skip
    _need(target in prefix, source, target, "the target does not compute plain bcrypt")
    return prefix[target] + text


def _compose_digest(p: Digest, source: str, target: str) -> str:
    if target == p.algorithm and p.order == "none":
        return p.key.hex()
    found = LDAP_DIGESTS.get(target)
    _need(found is not None, source, target, "the target is not a digest format")
    algorithm, tag, salted = found  # type: ignore[misc]
    _need(algorithm == p.algorithm, source, target, f"the target computes {algorithm}")
    _need(p.order == ("suffix" if salted else "none"), source, target, "the salt does not fit")
    return tag + base64.b64encode(p.key + p.salt).decode("ascii")


def _compose_crypt(p: Crypt, source: str, target: str) -> str:
    names = {f"{t}{p.kind}_crypt": t for t in _CRYPT_TAGS}
    _need(target in names, source, target, f"the target does not compute {p.kind}-crypt")
    if names[target] == "dovecot_":
        return f"{{{p.kind.upper()}-CRYPT}}" + p.text
    return _CRYPT_TAGS[names[target]] + p.text


def compose(params: Params, to: str, *, source: str = "") -> str:
    """``params`` written as scheme ``to``; UnconvertibleHashError where it cannot hold them."""
    target = resolve(to).info.name
    if isinstance(params, Pbkdf2):
        return _compose_pbkdf2(params, source, target)
    if isinstance(params, Argon2):
        return _compose_argon2(params, source, target)
    if isinstance(params, Bcrypt):
        return _compose_bcrypt(params, source, target)
    if isinstance(params, Digest):
        return _compose_digest(params, source, target)
    if isinstance(params, Crypt):
        return _compose_crypt(params, source, target)
    _need(target == "django_scrypt" and len(params.key) == 64, source, target, "not scrypt")
    salt = _text_salt(params, source, target)
    key = base64.b64encode(params.key).decode("ascii")
    return f"scrypt${params.n}${salt}${params.r}${params.p}${key}"


def convert(hash: str, to: str, *, scheme: str | None = None) -> str:
    """``hash`` re-encoded as scheme ``to``: the same password verifies, no password needed."""
    source, params = decompose(hash, scheme=scheme)
    return compose(params, to, source=source)
