"""LDAP ``userPassword`` values: RFC 2307 tags and OpenLDAP's password modules.

Three shapes: a digest of the password (and salt) in base64 or hex after a tag (``{SMD5}``,
``{SHA384}``, ...), computed with hashlib; a tag before another standard format (``{CRYPT}``
before crypt(3), ``{ARGON2}`` before a PHC string, ``{PBKDF2-SHA256}`` before libpass's
PBKDF2 body), checked by the scheme of that format; and plain text. OpenLDAP reads the tag in
any case, so ``{crypt}`` and ``{ssha384}`` are accepted as well. Salts may have any length from
one byte: slappasswd writes 4, 389 DS writes 8.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import cast

from hashcompat._families import argon2, bcrypt, delegated, unixcrypt
from hashcompat._families.libpass import Delegated
from hashcompat._families.pbkdf2 import passlib_forms
from hashcompat._primitives import B64_CLASS as _B
from hashcompat.errors import (
    InvalidArgumentError,
    MalformedHashError,
    UnsafeParametersError,
)
from hashcompat.params import Digest, Text
from hashcompat.scheme import (
    Cost,
    CostKind,
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    Writer,
    equal,
    hash_params,
)

# RFC 2307's digest tags (and pw-sha2's): tag -> (hashlib name, salted). The digest and any
# salt follow the tag in base64, the salt after the digest. This module's LdapDigest rows and
# the formula rows of platforms.toml ({SHA}, {SSHA}, {SSHA256}, {SSHA512}) are these tags.
DIGEST_TAGS: dict[str, tuple[str, bool]] = {
    "{MD5}": ("md5", False),
    "{SHA}": ("sha1", False),
    "{SHA256}": ("sha256", False),
    "{SHA384}": ("sha384", False),
    "{SHA512}": ("sha512", False),
    "{SMD5}": ("md5", True),
    "{SSHA}": ("sha1", True),
    "{SSHA256}": ("sha256", True),
    "{SSHA384}": ("sha384", True),
    "{SSHA512}": ("sha512", True),
}
_TAIL = {0: "", 1: f"{_B}{{2}}==", 2: f"{_B}{{3}}="}
_H64 = "[./A-Za-z0-9]"
_PLATFORMS = ("OpenLDAP", "389 DS")


def _tag(tag: str) -> str:
    """A regex for ``tag`` as written upper- or lower-case."""
    return f"(?:{re.escape(tag)}|{re.escape(tag.lower())})"


def b64_pattern(size: int, *, at_least: bool = False) -> str:
    """Padded base64 of exactly ``size`` bytes, or of ``size`` bytes or more."""
    quads, rest = divmod(size, 3)
    head = f"(?:{_B}{{4}}){{{quads}}}"
    if not at_least:
        return head + _TAIL[rest]
    tails = [_TAIL[r] for r in range(rest, 3)]  # as many quads, as many bytes or more
    padded = "|".join(t for t in _TAIL.values() if t)
    longer = f"(?:{_B}{{4}})+(?:{padded})?"  # more quads, then any tail
    return f"{head}(?:{'|'.join([*tails, longer])})"


@dataclass(frozen=True, slots=True)
class LdapDigest(Scheme, Writer):
    """``{TAG}`` + base64(digest(password + salt) + salt), or + hex(digest(password))."""

    info: SchemeInfo
    tag: str
    algorithm: str  # a hashlib name
    salted: bool = False
    hex: bool = False

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            shape = "hex" if self.hex else "base64"
            raise MalformedHashError(self.info.name, f"expected {self.tag} and {shape} data")
        body = hash[len(self.tag) :]
        if self.hex:
            digest = bytes.fromhex(body)
            return Parsed(digest, params=Digest(self.algorithm, digest))
        blob = base64.b64decode(body)  # the pattern admits only valid padded base64
        size = hashlib.new(self.algorithm).digest_size
        digest, salt = blob[:size], blob[size:]
        return Parsed(digest, salt, params=Digest(self.algorithm, digest, salt))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return equal(
            hashlib.new(self.algorithm, secret + (parsed.salt or b"")).digest(), parsed.digest
        )

    def split_setting(self, parsed: Parsed) -> tuple[str, str]:
        """(salt as hex, digest as hex): what the migrator's offline wrapping keeps."""
        digest = parsed.digest
        assert isinstance(digest, bytes)  # noqa: S101 - parse made it
        return (parsed.salt or b"").hex(), digest.hex()

    def recompute(self, secret: bytes, setting: str, inputs: Inputs) -> str:
        try:
            salt = bytes.fromhex(setting)
        except ValueError:
            raise MalformedHashError(self.info.name, "the setting is not a hex salt") from None
        return hashlib.new(self.algorithm, secret + salt).hexdigest()

    def compose(self, parsed: Parsed) -> str | None:
        """From a digest record of this algorithm, salted after the password or not at all."""
        params = parsed.params
        if not isinstance(params, Digest) or params.algorithm != self.algorithm:
            return None
        if bool(params.salt) != self.salted or params.salt_first:
            return None
        if self.hex:
            return self.tag + params.digest.hex()
        return self.tag + base64.b64encode(params.digest + params.salt).decode("ascii")

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        allowed = {"salt_length": int} if self.salted else {}
        length = cast(int, hash_params(params, allowed, self.info.name).get("salt_length", 8))
        if length < 1 or length > 64:
            raise InvalidArgumentError(f"{self.info.name} salt_length must be 1..64")
        salt = secrets.token_bytes(length) if self.salted else b""
        digest = hashlib.new(self.algorithm, secret + salt).digest()
        body = digest.hex() if self.hex else base64.b64encode(digest + salt).decode("ascii")
        return self.tag + body


def digest_formula(tag: str) -> tuple[str, str]:
    """(formula, layout) in the custom-scheme language of the digest after ``tag``."""
    algorithm, salted = DIGEST_TAGS[tag]
    if salted:
        return f"{algorithm}_raw($pass.$salt)", tag + "{b64:hash+salt}"
    return f"base64({algorithm}_raw($pass))", tag + "{hash}"


def digest_view(scheme: Scheme) -> LdapDigest | None:
    """This family's reading of ``scheme`` when its strings are an RFC 2307 digest that a
    formula row describes (platforms.toml's ``{SHA}``, ``{SSHA}``, ...): an :class:`LdapDigest`
    under the same record, which parses them into, and composes them from, the
    :class:`~hashcompat.params.Digest` record. None for any other scheme: a formula with the
    same tag but other mathematics is not taken for LDAP's."""
    from hashcompat.formula._scheme import FormulaScheme, canonical  # noqa: PLC0415 - only conversion asks

    info = scheme.info
    tag = info.prefixes[0] if info.prefixes else ""
    if not isinstance(scheme, FormulaScheme) or tag not in DIGEST_TAGS:
        return None
    if scheme.formula.text != canonical(*digest_formula(tag)):
        return None
    algorithm, salted = DIGEST_TAGS[tag]
    return LdapDigest(info, tag, algorithm, salted)


@dataclass(frozen=True, slots=True)
class Tagged(Scheme, Writer):
    """``{TAG}`` before a string of another format, parsed and checked by ``inner`` (under
    our name); it writes when ``writable`` and ``inner`` writes.

    ``rounds`` finds a cost in the body that ``inner`` does not report itself; ``canonical``
    is the tag the inner code wants (libpass reads ``{PBKDF2}``, OpenLDAP also
    ``{PBKDF2-SHA1}``).
    """

    info: SchemeInfo
    tag: str
    inner: Scheme
    rounds: re.Pattern[str] | None = None
    canonical: str = ""
    writable: bool = True
    # (head of the inner string, tag) where the tag depends on it (Dovecot's {ARGON2I} and
    # {ARGON2ID}); a composed string with none of the heads has no tag here
    heads: tuple[tuple[str, str], ...] = ()

    @property
    def writer(self) -> Writer | None:
        return self if self.writable and self.inner.writer is not None else None

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, f"expected {self.tag} and its format")
        body = hash[hash.index("}") + 1 :]
        found = self.rounds.match(body) if self.rounds is not None else None
        try:
            parsed = self.inner.parse(self.canonical + body)
        except MalformedHashError as exc:
            raise MalformedHashError(self.info.name, exc.reason) from None
        if found is not None:
            extra = Cost(CostKind.ITERATIONS, int(found.group(1)), "rounds")
            parsed = parsed._replace(costs=(extra, *parsed.costs))
        return parsed

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        try:
            return self.inner.check(secret, parsed, inputs)
        except UnsafeParametersError as exc:
            raise UnsafeParametersError(self.info.name, exc.parameter, exc.value, exc.cap) from None
        except MalformedHashError as exc:
            raise MalformedHashError(self.info.name, exc.reason) from None

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        writer = self.inner.writer
        if writer is None or not self.writable:
            raise InvalidArgumentError(f"scheme {self.info.name} cannot hash")
        return self.tag + writer.hash(secret, inputs, params).removeprefix(self.canonical)

    def compose(self, parsed: Parsed) -> str | None:
        writer = self.inner.writer
        made = writer.compose(parsed) if writer is not None else None
        if made is None:
            return None
        tag = self.tag
        if self.heads:
            tag = next((t for head, t in self.heads if made.startswith(head)), "")
        made = tag + made.removeprefix(self.canonical)
        return made if tag and self.info.matches(made) else None


@dataclass(frozen=True, slots=True)
class LdapPlaintext(Scheme):
    """The password itself: a bare value (``tag`` empty) or after ``{CLEARTEXT}``."""

    info: SchemeInfo
    tag: str = ""

    def parse(self, hash: str) -> Parsed:
        if self.tag:
            if not self.info.matches(hash):
                raise MalformedHashError(self.info.name, f"expected {self.tag} before the text")
            hash = hash[len(self.tag) :]
        elif not hash or _ANY_TAG.match(hash):
            raise MalformedHashError(self.info.name, "empty, or a {SCHEME} tag: not plain text")
        return Parsed(hash, params=Text(hash))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return equal(secret, parsed.digest)


_ANY_TAG = re.compile(r"\{\w+\}")


def _info(
    name: str,
    summary: str,
    tags: tuple[str, ...],
    body: str,
    *,
    strength: Strength,
    example: str,
    aliases: tuple[str, ...] = (),
    platforms: tuple[str, ...] = _PLATFORMS,
    notes: str = "",
) -> SchemeInfo:
    return SchemeInfo(
        name=name,
        summary=summary,
        aliases=aliases,
        platforms=platforms,
        prefixes=tuple(p for t in tags for p in (t, t.lower())),
        pattern=f"(?:{'|'.join(_tag(t) for t in tags)}){body}",
        self_describing=True,
        strength=strength,
        example=example,
        notes=notes,
    )


def _digest(name: str, tag: str) -> LdapDigest:
    algorithm, salted = DIGEST_TAGS[tag]
    size = hashlib.new(algorithm).digest_size
    what = f"{'salted ' if salted else ''}{algorithm.upper()}"
    info = _info(
        name,
        f"{tag} base64 of {what}" + (" digest + salt (salt of 1 byte or more)" if salted else ""),
        (tag,),
        b64_pattern(size + 1 if salted else size, at_least=salted),
        strength=Strength.WEAK if salted else Strength.BROKEN,
        example=tag + base64.b64encode(bytes(size + 4 * salted)).decode("ascii"),
        aliases=(tag.lower(), *((tag[1:-1].lower(),) if salted else ())),
        platforms=_PLATFORMS if algorithm in ("md5", "sha1") else ("OpenLDAP (pw-sha2)", "389 DS"),
    )
    return LdapDigest(info, tag, algorithm, salted)


def _hex(name: str, algorithm: str, length: int) -> LdapDigest:
    tag = "{MD5}" if algorithm == "md5" else "{SHA}"
    info = _info(
        name,
        f"{tag} + hex {algorithm.upper()} (not base64; OpenLDAP does not accept it)",
        (tag,),
        f"[0-9a-fA-F]{{{length}}}",
        strength=Strength.BROKEN,
        example=tag + "0" * length,
        platforms=("LDAP exports by tools that hex-encode",),
    )
    return LdapDigest(info, tag, algorithm, hex=True)


def _narrowed(name: str, pattern: str) -> Delegated:
    """The libpass row of :mod:`delegated` (its cost checks included), with the stricter form
    that ``{CRYPT}`` accepts: one definition of sha1_crypt and bigcrypt, not two."""
    row = next(s for s in delegated.SCHEMES if s.info.name == name)
    return replace(row, info=replace(row.info, pattern=pattern))


_SHA1_CRYPT = _narrowed("sha1_crypt", rf"\$sha1\$[1-9]\d{{0,9}}\${_H64}{{1,64}}\${_H64}{{28}}")
# 13 characters are plain DES: inside {CRYPT}, bigcrypt starts at two blocks
_BIGCRYPT = _narrowed("bigcrypt", rf"{_H64}{{2}}(?:{_H64}{{11}}){{2,}}")
_INNER: dict[str, Scheme] = {
    s.info.name: s for s in (*unixcrypt.SCHEMES, bcrypt.BCRYPT, _SHA1_CRYPT, _BIGCRYPT)
}


def _crypt(name: str, inner: str, strength: Strength, example: str) -> Tagged:
    scheme = _INNER[inner]
    info = _info(
        name,
        f"{{CRYPT}} before a {inner} string (crypt(3) as slapd calls it)",
        ("{CRYPT}",),
        f"(?:{scheme.info.pattern or ''})",
        strength=strength,
        example="{CRYPT}" + example,
        notes="The inner string is checked by hashcompat's " + inner + " code.",
    )
    rounds = re.compile(r"\$sha1\$(\d+)\$") if inner == "sha1_crypt" else None
    return Tagged(info, "{CRYPT}", scheme, rounds, writable=inner != "bigcrypt")


def _pbkdf2(name: str, digest: str, checksum: int, tags: tuple[str, ...]) -> Tagged:
    salt = f"(?:(?:{_H64}{{4}})+(?:{_H64}{{2,3}})?|{_H64}{{2,3}})"  # 1 byte or more, no padding
    body = rf"[1-9]\d{{0,9}}\${salt}\${_H64}{{{checksum}}}"
    info = _info(
        name,
        f"OpenLDAP pw-pbkdf2 PBKDF2-HMAC-{digest.upper()}: rounds$salt$checksum (adapted base64)",
        tags,
        body,
        strength=Strength.LEGACY_OK,
        example=f"{tags[0]}10000$" + "s" * 22 + "$" + "x" * checksum,
        aliases=tuple(t.lower() for t in tags),
        platforms=("OpenLDAP (pw-pbkdf2)",),
    )
    inner = Delegated(
        SchemeInfo(name=name, summary="libpass", pattern=re.escape(tags[0]) + body),
        handler_name=name,  # libpass's handler of the same name reads {PBKDF2}, not {PBKDF2-SHA1}
        read=passlib_forms.reader(digest),
        write=passlib_forms.writer(tags[0], digest),
    )
    return Tagged(info, tags[0], inner, re.compile(r"(\d+)\$"), canonical=tags[0])


_ARGON2_PATTERN = argon2.ARGON2.info.pattern or ""

SCHEMES = (
    _digest("ldap_md5", "{MD5}"),
    _digest("ldap_salted_md5", "{SMD5}"),
    _hex("ldap_hex_md5", "md5", 32),
    _hex("ldap_hex_sha1", "sha1", 40),
    _digest("ldap_sha256", "{SHA256}"),
    _digest("ldap_sha384", "{SHA384}"),
    _digest("ldap_sha512", "{SHA512}"),
    _digest("ldap_salted_sha384", "{SSHA384}"),
    _crypt("ldap_des_crypt", "des_crypt", Strength.BROKEN, "abJnggxhB/yWI"),
    _crypt("ldap_bigcrypt", "bigcrypt", Strength.BROKEN, "ab" + "x" * 22),
    _crypt("ldap_bsdi_crypt", "bsdi_crypt", Strength.BROKEN, "_J9..salt" + "x" * 11),
    _crypt("ldap_md5_crypt", "md5_crypt", Strength.WEAK, "$1$saltsalt$" + "x" * 22),
    _crypt("ldap_sha1_crypt", "sha1_crypt", Strength.LEGACY_OK, "$sha1$480000$salt$" + "x" * 28),
    _crypt("ldap_sha256_crypt", "sha256_crypt", Strength.LEGACY_OK, "$5$salt$" + "x" * 43),
    _crypt("ldap_sha512_crypt", "sha512_crypt", Strength.LEGACY_OK, "$6$salt$" + "x" * 86),
    _crypt("ldap_bcrypt", "bcrypt", Strength.MODERN, "$2b$12$" + "s" * 22 + "x" * 31),
    _pbkdf2("ldap_pbkdf2_sha1", "sha1", 27, ("{PBKDF2}", "{PBKDF2-SHA1}")),
    _pbkdf2("ldap_pbkdf2_sha256", "sha256", 43, ("{PBKDF2-SHA256}",)),
    _pbkdf2("ldap_pbkdf2_sha512", "sha512", 86, ("{PBKDF2-SHA512}",)),
    Tagged(
        _info(
            "ldap_argon2",
            "OpenLDAP argon2 module: {ARGON2} before an argon2 PHC string",
            ("{ARGON2}",),
            f"(?:{_ARGON2_PATTERN})",
            strength=Strength.MODERN,
            example="{ARGON2}$argon2id$v=19$m=65536,t=2,p=1$" + "s" * 22 + "$" + "x" * 43,
            aliases=("{argon2}",),
            platforms=("OpenLDAP (argon2)",),
            notes="slapd 2.5 writes argon2i; argon2id and argon2d verify too.",
        ),
        "{ARGON2}",
        argon2.ARGON2,
    ),
    LdapPlaintext(
        _info(
            "ldap_cleartext",
            "{CLEARTEXT} before the password",
            ("{CLEARTEXT}",),
            ".*",
            strength=Strength.RECOVERABLE,
            example="{CLEARTEXT}hunter2",
            aliases=("{cleartext}",),
            platforms=("Dovecot (userPassword read over LDAP)", "LDAP exports"),
            notes="OpenLDAP itself never binds against this form: slappasswd -h {CLEARTEXT} "
            "writes the bare password (ldap_plaintext).",
        ),
        "{CLEARTEXT}",
    ),
    LdapPlaintext(
        SchemeInfo(
            name="ldap_plaintext",
            summary="a userPassword value without a {SCHEME} tag: the password itself",
            platforms=("OpenLDAP", "389 DS"),
            strength=Strength.RECOVERABLE,
            example="hunter2",
            notes="Never identified; name it. Values that start with a {SCHEME} tag are refused.",
        )
    ),
)
