"""Django's own password strings: ``<algorithm>$...`` as django.contrib.auth.hashers writes them.

PBKDF2 and scrypt are computed with hashlib (the primitives Django itself calls); the bcrypt
and argon2 forms are Django's prefix around a standard hash, checked by hashcompat's bcrypt and
argon2 code. Iterations and scrypt memory are capped before any work.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from hashcompat.errors import MalformedHashError
from hashcompat.families.argon2 import ARGON2
from hashcompat.families.bcrypt import check_bcrypt, php_bcrypt_key
from hashcompat.families.kdf import capped_scrypt
from hashcompat.formula.scheme import FormulaScheme, compile_formula, make_scheme
from hashcompat.scheme import Inputs, SchemeInfo, Strength, check_cap, get_limits

_B64 = "[A-Za-z0-9+/]"


@dataclass(frozen=True, slots=True)
class DjangoPbkdf2:
    info: SchemeInfo
    digest: str  # hashlib name

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected algorithm$iterations$salt$hash")
        _, iterations, salt, stored = hash.split("$", 3)
        check_cap(self.info.name, "iterations", int(iterations), get_limits().max_iterations)
        if int(iterations) < 1:
            raise MalformedHashError(self.info.name, "iterations must be at least 1")
        derived = hashlib.pbkdf2_hmac(self.digest, secret, salt.encode(), int(iterations))
        return hmac.compare_digest(base64.b64encode(derived).decode("ascii"), stored)


@dataclass(frozen=True, slots=True)
class DjangoScrypt:
    info: SchemeInfo

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected scrypt$n$salt$r$p$hash")
        _, n, salt, r, p, stored = hash.split("$", 5)
        derived = capped_scrypt(
            self.info.name, secret, salt.encode(), n=int(n), r=int(r), p=int(p), length=64
        )
        return hmac.compare_digest(base64.b64encode(derived).decode("ascii"), stored)


@dataclass(frozen=True, slots=True)
class DjangoPrefixed:
    """``bcrypt$``, ``bcrypt_sha256$`` and ``argon2$``: Django's tag before a standard hash."""

    info: SchemeInfo
    tag: str
    prehash_sha256: bool = False

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        if not hash.startswith(self.tag) or not self.info.matches(hash):
            raise MalformedHashError(self.info.name, f"expected {self.tag} and a standard hash")
        body = hash[len(self.tag) :]
        if self.tag == "argon2":
            return ARGON2.verify(secret, body, inputs)
        key = hashlib.sha256(secret).hexdigest().encode() if self.prehash_sha256 else secret
        return check_bcrypt(self.info.name, php_bcrypt_key(key), body)


def _info(
    name: str, summary: str, prefix: str, pattern: str, *, strength: Strength, example: str
) -> SchemeInfo:
    return SchemeInfo(
        name=name,
        summary=summary,
        prefixes=(prefix,),
        pattern=pattern,
        self_describing=True,
        strength=strength,
        platforms=("Django",),
        aliases=(name.removeprefix("django_") + "_django",),
        example=example,
    )


_BCRYPT = r"\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}"


def _unsalted_md5() -> FormulaScheme:
    """UnsaltedMD5PasswordHasher (removed in Django 5.1) wrote bare hex and read it with or
    without ``md5$$``. Identified by that prefix only, and written with it: bare hex is any MD5
    (the ``md5`` scheme), while an export mixing both forms is this one scheme."""
    return make_scheme(
        compile_formula("md5($pass)", "md5$${hash} | {hash}"),
        name="django_unsalted_md5",
        summary="Django UnsaltedMD5PasswordHasher: md5($pass), as md5$$<hex> or bare",
        platforms=("Django < 5.1 (UnsaltedMD5PasswordHasher)",),
    )


SCHEMES = (
    DjangoPbkdf2(
        _info(
            "django_pbkdf2_sha256",
            "Django PBKDF2-HMAC-SHA256 (the default)",
            "pbkdf2_sha256$",
            rf"pbkdf2_sha256\$\d{{1,10}}\$[^$]{{1,128}}\${_B64}{{43}}=",
            strength=Strength.LEGACY_OK,
            example="pbkdf2_sha256$1000000$salt$" + "x" * 43 + "=",
        ),
        "sha256",
    ),
    DjangoPbkdf2(
        _info(
            "django_pbkdf2_sha1",
            "Django PBKDF2-HMAC-SHA1",
            "pbkdf2_sha1$",
            rf"pbkdf2_sha1\$\d{{1,10}}\$[^$]{{1,128}}\${_B64}{{27}}=",
            strength=Strength.LEGACY_OK,
            example="pbkdf2_sha1$1000000$salt$" + "x" * 27 + "=",
        ),
        "sha1",
    ),
    DjangoScrypt(
        _info(
            "django_scrypt",
            "Django scrypt",
            "scrypt$",
            rf"scrypt\$\d{{1,10}}\$[^$]{{1,128}}\$\d{{1,3}}\$\d{{1,3}}\${_B64}{{86}}==",
            strength=Strength.MODERN,
            example="scrypt$16384$salt$8$5$" + "x" * 86 + "==",
        )
    ),
    DjangoPrefixed(
        _info(
            "django_bcrypt_sha256",
            "Django bcrypt over a SHA-256 hex digest",
            "bcrypt_sha256$",
            rf"bcrypt_sha256\${_BCRYPT}",
            strength=Strength.MODERN,
            example="bcrypt_sha256$$2b$12$" + "x" * 53,
        ),
        "bcrypt_sha256$",
        True,
    ),
    DjangoPrefixed(
        _info(
            "django_bcrypt",
            "Django bcrypt",
            "bcrypt$",
            rf"bcrypt\${_BCRYPT}",
            strength=Strength.MODERN,
            example="bcrypt$$2b$12$" + "x" * 53,
        ),
        "bcrypt$",
    ),
    DjangoPrefixed(
        _info(
            "django_argon2",
            "Django argon2 (argon2$ before a PHC string)",
            "argon2$argon2",
            r"argon2\$argon2(?:id|i|d)\$.+",
            strength=Strength.MODERN,
            example="argon2$argon2id$v=19$m=102400,t=2,p=8$...$...",
        ),
        "argon2",
    ),
    _unsalted_md5(),
)
