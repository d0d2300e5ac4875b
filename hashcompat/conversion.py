"""Re-encode a stored hash in another format without the password, where the mathematics allows.

A stored hash is first reduced to what its algorithm needs, a small frozen value (``Pbkdf2``,
``Bcrypt``, ``Argon2``, ``Digest``, ``Scrypt``), by :func:`decompose`; :func:`compose` writes such
a value in a target format. A conversion exists when both ends compute the same function of the
password: Django ``pbkdf2_sha256$`` and a Keycloak ``pbkdf2-sha256`` credential are both
PBKDF2-HMAC-SHA256 over the UTF-8 password, so only the encoding of salt and key changes. Where
the target cannot hold the value (another digest, a key length the format fixes, a salt that is
not text), :class:`UnconvertibleHashError` says why. The export targets read the same values.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass

from hashcompat.engine import hash_text, pick_owner, resolve
from hashcompat.errors import HashcompatError, MalformedHashError, UnconvertibleHashError
from hashcompat.families import keycloak
from hashcompat.families.argon2 import parse_argon2
from hashcompat.families.pbkdf2.phc import phc_pbkdf2
from hashcompat.params import Argon2 as Argon2Params
from hashcompat.params import Pbkdf2
from hashcompat.primitives import b64_nopad, unb64
from hashcompat.scheme import Scheme

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


def _after_tag(text: str) -> str:
    return text[text.index("}") + 1 :]


def _parsed_pbkdf2(scheme: Scheme, text: str) -> Params:
    """The one PBKDF2 record, as the scheme's own parse gives it."""
    found = scheme.parse(text).params
    if not isinstance(found, Pbkdf2):
        raise MalformedHashError(scheme.info.name, "not a PBKDF2 value")
    return found


def _keycloak(scheme: Scheme, text: str) -> Params:
    parsed = scheme.parse(text)
    found = parsed.params
    if isinstance(found, Pbkdf2):
        return found
    assert isinstance(found, Argon2Params) and isinstance(parsed.digest, bytes)  # noqa: S101
    return Argon2(
        found.variant,
        found.version,
        found.memory_kib,
        found.time_cost,
        found.parallelism,
        parsed.salt or b"",
        parsed.digest,
    )


def _passlib_pbkdf2(scheme: Scheme, text: str) -> Params:
    body = _after_tag(text) if text.startswith("{") else text.split("$", 2)[2]
    count, salt, key = body.split("$")
    return Pbkdf2(scheme.info.name.rsplit("_", 1)[1], int(count), _ab64(salt), _ab64(key))


def _bcrypt(scheme: Scheme, text: str) -> Params:
    return Bcrypt(text[text.index("$2") :])


def _argon2_text(scheme: Scheme, text: str) -> Params:
    return _argon2(scheme.info.name, text[text.index("$argon2") :])


def _hex_digest(scheme: Scheme, text: str) -> Params:
    return Digest(scheme.info.name, b"", bytes.fromhex(text), "none")


def _ldap_digest(scheme: Scheme, text: str) -> Params:
    algorithm, _, salted = LDAP_DIGESTS[scheme.info.name]
    blob = base64.b64decode(_after_tag(text), validate=True)
    size = _SIZES[algorithm]
    return Digest(algorithm, blob[size:], blob[:size], "suffix" if salted else "none")


def _django_scrypt(scheme: Scheme, text: str) -> Params:
    _, n, salt, r, p, key = text.split("$", 5)
    return Scrypt(int(n), int(r), int(p), salt.encode(), base64.b64decode(key))


def _crypt(scheme: Scheme, text: str) -> Params:
    kind = scheme.info.name.rsplit("_", 2)[-2]
    return Crypt(kind, text[text.index(_CRYPT_IDS[kind]) :])


_DECODERS: dict[str, Callable[[Scheme, str], Params]] = {
    "django_pbkdf2_sha256": _parsed_pbkdf2,
    "django_pbkdf2_sha1": _parsed_pbkdf2,
    "aspnet_identity_v2": _parsed_pbkdf2,
    "aspnet_identity_v3": _parsed_pbkdf2,
    "phc_pbkdf2": _parsed_pbkdf2,
    **{f"keycloak_{a}": _keycloak for a in ("pbkdf2_sha256", "pbkdf2_sha512", "argon2")},
    **{
        f"{p}pbkdf2_{d}": _passlib_pbkdf2
        for p in ("", "ldap_")
        for d in ("sha1", "sha256", "sha512")
    },
    **{name: _bcrypt for name in ("bcrypt", "django_bcrypt", "ldap_bcrypt", "dovecot_blf_crypt")},
    **{n: _argon2_text for n in ("argon2", "django_argon2", "ldap_argon2", "dovecot_argon2")},
    **{name: _hex_digest for name in ("md4", "md5", "sha1", "sha256", "sha384", "sha512")},
    **dict.fromkeys(LDAP_DIGESTS, _ldap_digest),
    "django_scrypt": _django_scrypt,
    **{f"{t}{k}_crypt": _crypt for t in _CRYPT_TAGS for k in _CRYPT_IDS},
}


def decompose(hash: str, *, scheme: str | None = None) -> tuple[str, Params]:
    """(scheme name, parameters) of a stored hash; UnconvertibleHashError for a scheme whose
    values no other format takes (a formula, a pre-hashed bcrypt, ...)."""
    text = hash_text(hash)
    chosen = pick_owner(text) if scheme is None else resolve(scheme)
    name = chosen.info.name
    if not chosen.info.matches(text):
        raise MalformedHashError(name, "the string does not have this scheme's format")
    decoder = _DECODERS.get(name)
    if decoder is None:
        raise UnconvertibleHashError(name, "", "no other format computes this scheme")
    try:
        return name, decoder(chosen, text)
    except HashcompatError:
        raise
    except (ValueError, KeyError, IndexError, binascii.Error):
        raise MalformedHashError(name, "a field could not be decoded") from None


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
    exact = len(p.key) == _SIZES.get(p.digest)
    if target.startswith("keycloak_pbkdf2"):
        want = target.rsplit("_", 1)[-1]
        _need(p.digest == want, source, target, f"Keycloak's {target} is not {p.digest}")
        return keycloak.credential_json(f"pbkdf2-{want}", p.iterations, p.salt, p.key)
    if target == "phc_pbkdf2":
        _need(p.digest in ("sha1", "sha256", "sha512"), source, target, "digest not in the PHC set")
        return phc_pbkdf2(p.digest, p.iterations, p.salt, p.key)
    if target in ("django_pbkdf2_sha256", "django_pbkdf2_sha1"):
        want = target.rsplit("_", 1)[1]
        _need(p.digest == want and exact, source, target, f"Django fixes {want} and its key size")
        salt = _text_salt(p, source, target)
        tag = target.removeprefix("django_")
        return f"{tag}${p.iterations}${salt}${base64.b64encode(p.key).decode('ascii')}"
    if target in ("pbkdf2_sha1", "pbkdf2_sha256", "pbkdf2_sha512") or target.startswith(
        "ldap_pbkdf2"
    ):
        want = target.rsplit("_", 1)[1]
        _need(p.digest == want and exact, source, target, f"passlib fixes {want} and its key")
        ab64 = f"{p.iterations}${b64_nopad(p.salt)}${b64_nopad(p.key)}".replace("+", ".")
        if target.startswith("ldap_"):
            return "{PBKDF2}" + ab64 if want == "sha1" else f"{{PBKDF2-{want.upper()}}}" + ab64
        return ("$pbkdf2$" if want == "sha1" else f"$pbkdf2-{want}$") + ab64
    if target == "aspnet_identity_v3":
        prfs = ("sha1", "sha256", "sha512")
        _need(p.digest in prfs and len(p.salt) >= 16 and len(p.key) >= 16, source, target,
              "ASP.NET v3 takes SHA1/256/512 and salt and key of 16 bytes or more")  # fmt: skip
        header = b"".join(
            n.to_bytes(4, "big") for n in (prfs.index(p.digest), p.iterations, len(p.salt))
        )
        return base64.b64encode(b"\x01" + header + p.salt + p.key).decode("ascii")
    raise UnconvertibleHashError(source, target, "the target does not compute PBKDF2")


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
