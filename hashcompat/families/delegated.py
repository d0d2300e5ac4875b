"""Formats that only libpass implements, delegated to it behind hashcompat's protocol.

libpass (the maintained passlib fork) is the reference for formats passlib itself defined
(``$bcrypt-sha256$``, ``$pbkdf2-sha256$``, ``$scram$``, ``$scrypt$``) and the only maintained
Python code for the rest (Cisco, FSHP, GRUB, cryptacular, htdigest). hashcompat adds what
libpass leaves to its caller: a strict pattern for identification, caps on the cost fields of
an untrusted hash, checked before any work, the mapping of ``username=``/``salt=`` onto
libpass's ``user``/``realm`` keywords, and libpass's errors mapped onto hashcompat's.
Each row is proven by vectors from the format's own code (tests/vectors/delegated.jsonl) or
hashcat/John data (tests/vectors/picked.jsonl).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from hashcompat.errors import InvalidArgumentError, MalformedHashError
from hashcompat.scheme import (
    Inputs,
    Limits,
    SchemeInfo,
    Strength,
    check_cap,
    get_limits,
    hash_params,
)

_AB64 = "[./A-Za-z0-9]"  # passlib's adapted base64
_B64 = "[A-Za-z0-9+/]"

# A check of the cost fields of a stored string against the caps; raises when one is over.
Cost = Callable[[str, str, Limits], None]


def _field(regex: str, what: str, cap: Callable[[Limits], int], base: int = 10) -> Cost:
    compiled = re.compile(regex)

    def check(name: str, hash: str, limits: Limits) -> None:
        found = compiled.search(hash)
        if found is not None and found.group(1):
            check_cap(name, what, int(found.group(1), base), cap(limits))

    return check


def _iterations(regex: str, base: int = 10) -> Cost:
    return _field(regex, "iterations", lambda limits: limits.max_iterations, base)


def _bcrypt_cost(regex: str) -> Cost:
    return _field(regex, "cost", lambda limits: limits.max_bcrypt_cost)


_SCRYPT = re.compile(r"ln=(\d+),r=(\d+),p=(\d+)")


def _scrypt_memory(name: str, hash: str, limits: Limits) -> None:
    found = _SCRYPT.search(hash)
    if found is not None:
        log2_n, block_size, parallelism = (int(g) for g in found.groups())
        check_cap(name, "log2 N", log2_n, limits.max_log2_rounds)
        check_cap(name, "parallelism", parallelism, limits.max_argon2_parallelism)
        kib = 128 * block_size * (1 << log2_n) // 1024
        check_cap(name, "memory (KiB)", kib, limits.max_argon2_memory_kib)


@dataclass(frozen=True, slots=True)
class Delegated:
    """One libpass handler: ``verify`` checks the shape and the costs, then asks libpass."""

    info: SchemeInfo
    handler_name: str
    costs: tuple[Cost, ...] = ()
    # libpass keyword -> the hashcompat input that feeds it; required ones are in info.inputs
    context: tuple[tuple[str, str], ...] = ()
    hash_options: tuple[tuple[str, type], ...] = (("rounds", int),)

    def _handler(self) -> Any:
        return getattr(importlib.import_module("passlib.hash"), self.handler_name)

    def _check(self, hash: str) -> None:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "the string does not have this format")
        limits = get_limits()
        for check in self.costs:
            check(self.info.name, hash, limits)

    def _keywords(self, inputs: Inputs) -> dict[str, str]:
        keywords: dict[str, str] = {}
        for keyword, field in self.context:
            value = (
                inputs.require(self.info.name, field)
                if field in self.info.inputs
                else getattr(inputs, field)
            )
            if value is not None:
                keywords[keyword] = value
        return keywords

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        self._check(hash)
        keywords = self._keywords(inputs)
        from passlib.exc import PasswordValueError

        try:
            return bool(self._handler().verify(secret, hash, **keywords))
        except PasswordValueError:
            return False  # a password the format cannot hold never matched
        except (ValueError, TypeError) as exc:
            if str(exc).startswith("SASLprep"):
                return False  # SCRAM refuses such a password when it is set, so none matched
            raise MalformedHashError(self.info.name, type(exc).__name__) from None


@dataclass(frozen=True, slots=True)
class WritableDelegated(Delegated):
    """A libpass handler hashcompat also writes with; verify-only rows (account markers such
    as ``!`` + 40 characters) are plain :class:`Delegated`, without ``hash``."""

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        options = hash_params(params, dict(self.hash_options), self.info.name)
        keywords = self._keywords(inputs)
        handler = self._handler()
        from passlib.exc import PasswordValueError

        try:
            made: str = (handler.using(**options) if options else handler).hash(secret, **keywords)
        except (PasswordValueError, ValueError, TypeError) as exc:
            raise InvalidArgumentError(f"{self.info.name}: {type(exc).__name__}") from None
        self._check(made)
        return made


def libpass_row(
    name: str,
    summary: str,
    pattern: str,
    *,
    platforms: tuple[str, ...],
    strength: Strength,
    example: str,
    prefixes: tuple[str, ...] = (),
    self_describing: bool | None = None,
    aliases: tuple[str, ...] = (),
    inputs: tuple[str, ...] = (),
    notes: str = "",
    costs: tuple[Cost, ...] = (),
    context: tuple[tuple[str, str], ...] = (),
    hash_options: tuple[tuple[str, type], ...] = (("rounds", int),),
) -> WritableDelegated:
    info = SchemeInfo(
        name=name,
        summary=summary,
        aliases=aliases,
        platforms=platforms,
        prefixes=prefixes,
        pattern=pattern,
        self_describing=bool(prefixes) if self_describing is None else self_describing,
        inputs=inputs,
        strength=strength,
        can_hash=True,
        example=example,
        notes=notes,
    )
    return WritableDelegated(info, name, costs, context, hash_options)


def verify_only(row: Delegated) -> Delegated:
    """The same row without ``hash``: for markers that are set, never computed."""
    info = replace(row.info, can_hash=False)
    return Delegated(info, row.handler_name, row.costs, row.context, ())


_PBKDF2_NOTE = "passlib's own format: PBKDF2 with adapted base64 salt and digest"

SCHEMES = (
    libpass_row(
        "pbkdf2_sha1",
        "passlib PBKDF2-HMAC-SHA1 ($pbkdf2$)",
        rf"\$pbkdf2\$\d{{1,9}}\${_AB64}{{0,64}}\${_AB64}{{27}}",
        prefixes=("$pbkdf2$",),
        platforms=("passlib / libpass", "Python apps using passlib"),
        strength=Strength.LEGACY_OK,
        example="$pbkdf2$131000$<salt>$<27 chars>",
        notes=_PBKDF2_NOTE,
        costs=(_iterations(r"^\$pbkdf2\$(\d+)"),),
    ),
    libpass_row(
        "pbkdf2_sha256",
        "passlib PBKDF2-HMAC-SHA256 ($pbkdf2-sha256$)",
        rf"\$pbkdf2-sha256\$\d{{1,9}}\${_AB64}{{0,64}}\${_AB64}{{43}}",
        prefixes=("$pbkdf2-sha256$",),
        platforms=("passlib / libpass", "Python apps using passlib"),
        strength=Strength.LEGACY_OK,
        example="$pbkdf2-sha256$29000$<salt>$<43 chars>",
        notes=_PBKDF2_NOTE,
        costs=(_iterations(r"^\$pbkdf2-sha256\$(\d+)"),),
    ),
    libpass_row(
        "pbkdf2_sha512",
        "passlib PBKDF2-HMAC-SHA512 ($pbkdf2-sha512$)",
        rf"\$pbkdf2-sha512\$\d{{1,9}}\${_AB64}{{0,64}}\${_AB64}{{86}}",
        prefixes=("$pbkdf2-sha512$",),
        platforms=("passlib / libpass", "Python apps using passlib"),
        strength=Strength.LEGACY_OK,
        example="$pbkdf2-sha512$25000$<salt>$<86 chars>",
        notes=_PBKDF2_NOTE,
        costs=(_iterations(r"^\$pbkdf2-sha512\$(\d+)"),),
    ),
    libpass_row(
        "bcrypt_sha256",
        "passlib bcrypt over HMAC-SHA256 of the password ($bcrypt-sha256$)",
        r"\$bcrypt-sha256\$(?:v=2,t=2b,r=\d{1,2}|2[ab],\d{1,2})\$[./A-Za-z0-9]{22}\$[./A-Za-z0-9]{31}",
        prefixes=("$bcrypt-sha256$",),
        platforms=("passlib / libpass",),
        strength=Strength.LEGACY_OK,
        example="$bcrypt-sha256$v=2,t=2b,r=12$<22 salt>$<31 digest>",
        notes="lifts bcrypt's 72-byte limit; the 2a,NN form is passlib < 1.7.3's",
        costs=(_bcrypt_cost(r"(?:r=|[ab],)(\d{1,2})\$"),),
    ),
    libpass_row(
        "scram",
        "passlib SCRAM digests for several algorithms ($scram$)",
        rf"\$scram\$\d{{1,9}}\${_AB64}{{0,64}}\$(?:[a-z0-9-]{{3,16}}={_AB64}{{20,90}},?)+",
        prefixes=("$scram$",),
        platforms=("passlib / libpass", "SASL SCRAM servers fed by passlib"),
        strength=Strength.LEGACY_OK,
        example="$scram$100000$<salt>$sha-1=<27>,sha-256=<43>,sha-512=<86>",
        costs=(_iterations(r"^\$scram\$(\d+)"),),
    ),
    libpass_row(
        "scrypt",
        "passlib scrypt ($scrypt$ln=,r=,p=)",
        r"\$scrypt\$ln=\d{1,2},r=\d{1,3},p=\d{1,3}\$[A-Za-z0-9+/.]{0,88}\$[A-Za-z0-9+/.]{43}",
        prefixes=("$scrypt$",),
        platforms=("passlib / libpass",),
        strength=Strength.LEGACY_OK,
        example="$scrypt$ln=16,r=8,p=1$<salt>$<43 chars>",
        costs=(_scrypt_memory,),
        hash_options=(("rounds", int), ("block_size", int), ("parallelism", int)),
    ),
    libpass_row(
        "atlassian_pbkdf2_sha1",
        "Atlassian PBKDF2-HMAC-SHA1, 10000 iterations ({PKCS5S2})",
        rf"\{{PKCS5S2\}}{_B64}{{64}}",
        prefixes=("{PKCS5S2}",),
        platforms=("Atlassian Jira", "Confluence", "Bitbucket Server", "Crowd"),
        aliases=("atlassian", "pkcs5s2"),
        strength=Strength.LEGACY_OK,
        example="{PKCS5S2}<64 base64 chars>",
        hash_options=(),
    ),
    libpass_row(
        "cta_pbkdf2_sha1",
        "cryptacular PBKDF2-HMAC-SHA1 ($p5k2$, URL-safe base64)",
        r"\$p5k2\$[0-9a-f]{1,8}\$[A-Za-z0-9_=-]{0,88}\$[A-Za-z0-9_-]{27}=",
        prefixes=("$p5k2$",),
        platforms=("cryptacular (Pyramid apps)",),
        aliases=("cryptacular_pbkdf2",),
        strength=Strength.LEGACY_OK,
        example="$p5k2$1000$<urlsafe b64 salt>$<27 chars>=",
        costs=(_iterations(r"^\$p5k2\$([0-9a-f]+)", 16),),
    ),
    libpass_row(
        "dlitz_pbkdf2_sha1",
        "Dwayne Litzenberger's pbkdf2 module crypt() ($p5k2$)",
        r"\$p5k2\$[0-9a-f]{0,8}\$[./A-Za-z0-9]{1,64}\$[./A-Za-z0-9]{32}",
        prefixes=("$p5k2$",),
        platforms=("pbkdf2 (PyPI) crypt()",),
        aliases=("pbkdf2_crypt",),
        strength=Strength.LEGACY_OK,
        example="$p5k2$400$<salt>$<32 chars>",
        notes="an empty iteration field means 400",
        costs=(_iterations(r"^\$p5k2\$([0-9a-f]+)", 16),),
    ),
    libpass_row(
        "fshp",
        "Fairly Secure Hashed Password ({FSHPv|saltsize|rounds})",
        rf"\{{FSHP[0-5]\|\d{{1,4}}\|\d{{1,9}}\}}{_B64}+={{0,2}}",
        prefixes=("{FSHP",),
        platforms=("FSHP (Python, PHP, Ruby ports)",),
        strength=Strength.WEAK,
        example="{FSHP1|16|480000}<base64>",
        costs=(_iterations(r"\|(\d+)\}"),),
    ),
    libpass_row(
        "grub_pbkdf2_sha512",
        "GRUB 2 password_pbkdf2 (grub.pbkdf2.sha512.N.SALT.HASH)",
        r"grub\.pbkdf2\.sha512\.\d{1,9}\.[0-9A-Fa-f]{2,256}\.[0-9A-Fa-f]{128}",
        prefixes=("grub.pbkdf2.sha512.",),
        platforms=("GRUB 2 (grub-mkpasswd-pbkdf2)",),
        aliases=("grub",),
        strength=Strength.LEGACY_OK,
        example="grub.pbkdf2.sha512.10000.<salt hex>.<128 hex>",
        costs=(_iterations(r"^grub\.pbkdf2\.sha512\.(\d+)"),),
    ),
    libpass_row(
        "django_des_crypt",
        "Django CryptPasswordHasher: DES crypt(3) (crypt$salt$hash)",
        # Django 1.0 filled the salt field (five characters, the first two the DES salt)
        r"crypt\$(?:[./A-Za-z0-9]{2,64})?\$[./A-Za-z0-9]{13}",
        prefixes=("crypt$",),
        platforms=("Django < 5.0 (CryptPasswordHasher)",),
        aliases=("django_crypt",),
        strength=Strength.BROKEN,
        example="crypt$$abJnggxhB/yWI",
        hash_options=(),
    ),
    verify_only(
        libpass_row(
            "django_disabled",
            "Django unusable password ('!' + 40 random characters)",
            r"![A-Za-z0-9]{40}",
            prefixes=("!",),
            platforms=("Django (set_unusable_password)",),
            strength=Strength.LEGACY_OK,
            example="!" + "x" * 40,
            notes="an account without a usable password: no password ever verifies",
        )
    ),
    verify_only(
        libpass_row(
            "unix_disabled",
            "locked or password-less /etc/shadow entry (*, !, !!, *LK*, !<hash>)",
            r"(?!![A-Za-z0-9]{40}\Z)(?:\*(?:LK\*|NP\*)?|!{1,2}(?:[$_./A-Za-z0-9][^\s:]*)?)",
            prefixes=("!", "*"),
            platforms=("Linux /etc/shadow", "Solaris", "BSD master.passwd"),
            aliases=("locked", "disabled"),
            strength=Strength.LEGACY_OK,
            example="!$6$<salt>$<hash>",
            notes="a locked account: no password ever verifies; usermod -U restores the hash",
        )
    ),
    libpass_row(
        "cisco_pix",
        "Cisco PIX MD5 (16 characters, optional user salt)",
        r"[./0-9A-Za-z]{16}",
        platforms=("Cisco PIX firewall",),
        strength=Strength.BROKEN,
        example="2KFQnbNIdI.2KYOU",
        notes="pass username= for user accounts; enable passwords have none",
        context=(("user", "username"),),
        hash_options=(),
    ),
    libpass_row(
        "cisco_asa",
        "Cisco ASA MD5 (16 characters, optional user salt)",
        r"[./0-9A-Za-z]{16}",
        platforms=("Cisco ASA firewall",),
        strength=Strength.BROKEN,
        example="qXNNWALJ.D8AlTaZ",
        notes="pass username= for user accounts; enable passwords have none",
        context=(("user", "username"),),
        hash_options=(),
    ),
    libpass_row(
        "cisco_type7",
        "Cisco IOS type 7 (reversible XOR obfuscation)",
        r"(?:[0-4]\d|5[0-2])(?:[0-9A-Fa-f]{2})*",
        platforms=("Cisco IOS", "IOS-XE"),
        aliases=("cisco7",),
        strength=Strength.RECOVERABLE,
        example="060506324F41584B56",
        notes="not a hash: the password can be recovered from the string",
        hash_options=(),
    ),
    libpass_row(
        "htdigest",
        "Apache htdigest: MD5 of user:realm:password",
        r"[0-9a-fA-F]{32}",
        platforms=("Apache htdigest", "HTTP Digest auth files"),
        inputs=("username", "salt"),
        strength=Strength.BROKEN,
        example="0dc7aa6b25fcaabf0b9b72d47f9da2c2",
        notes="pass the realm as salt=",
        context=(("user", "username"), ("realm", "salt")),
        hash_options=(),
    ),
    libpass_row(
        "roundup_plaintext",
        "Roundup tracker plaintext ({plaintext})",
        r"\{plaintext\}.*",
        prefixes=("{plaintext}",),
        platforms=("Roundup issue tracker",),
        strength=Strength.RECOVERABLE,
        example="{plaintext}secret",
        hash_options=(),
    ),
    libpass_row(
        "sha1_crypt",
        "NetBSD SHA-1 crypt ($sha1$rounds$salt$hash)",
        r"\$sha1\$\d{1,9}\$[./A-Za-z0-9]{0,64}\$[./A-Za-z0-9]{28}",
        prefixes=("$sha1$",),
        platforms=("NetBSD /etc/master.passwd", "libxcrypt"),
        aliases=("sha1crypt",),
        strength=Strength.WEAK,
        example="$sha1$480$<salt>$<28 chars>",
        costs=(_iterations(r"^\$sha1\$(\d+)"),),
    ),
    libpass_row(
        "bigcrypt",
        "HP-UX bigcrypt: DES crypt over each 8 characters (13 + 11n characters)",
        r"[./A-Za-z0-9]{13}(?:[./A-Za-z0-9]{11}){0,64}",
        platforms=("HP-UX trusted mode", "Tru64", "libxcrypt"),
        strength=Strength.BROKEN,
        example="qiyh4XPJGsOZ2MEAyLkfWqeQ",
        hash_options=(),
    ),
    libpass_row(
        "crypt16",
        "Ultrix/Tru64 crypt16: two DES crypts over 16 characters (24 characters)",
        r"[./A-Za-z0-9]{24}",
        platforms=("Digital Ultrix", "Tru64 UNIX"),
        strength=Strength.BROKEN,
        example="qi8H8R7OM4xMUNMPuRAZxlY.",
        hash_options=(),
    ),
)
