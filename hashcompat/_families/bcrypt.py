"""The bcrypt schemes: plain bcrypt as PHP's ``password_verify`` checks it, Drupal 10's capped
form and WordPress 6.8's pre-hashed ``$wp$``. How PHP reads a bcrypt string and its key
(crypt_blowfish's NUL and 72-byte rules, ``$2x$``, ``$2$``, the ``$2a$`` countermeasure) is
:mod:`hashcompat._crypto.bcrypt`, which the formula language's ``bcrypt()`` shares.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from hashcompat._crypto.bcrypt import (
    BODY,
    DEFAULT_COST,
    bcrypt_parsed,
    check_bcrypt,
    make_bcrypt,
    php_bcrypt_key,
)
from hashcompat._idkey import Alphabet, Key
from hashcompat._primitives import PHP_TRIM_BYTES
from hashcompat.errors import MalformedHashError
from hashcompat.params import Bcrypt as BcryptParams
from hashcompat.scheme import (
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    Writer,
)


def portable_bcrypt(found: BcryptParams) -> BcryptParams | None:
    """``found`` as every bcrypt implementation reads it, for writing in another format:
    ``$2y$`` (crypt_blowfish's name for the fixed code) as ``$2b$`` (OpenBSD's; one
    algorithm), ``$2a$`` and ``$2b$`` as they are. None for ``$2x$`` and ``$2$``, which only
    their own platforms compute."""
    if found.ident not in ("2a", "2b", "2y"):
        return None
    return found.replace(ident="2b") if found.ident == "2y" else found


def _older(parsed: Parsed, params: Mapping[str, object] | None, default: int) -> bool:
    found = parsed.params
    assert isinstance(found, BcryptParams)  # noqa: S101 - a bcrypt parse made it
    return found.cost < cast(int, (params or {}).get("cost", default))


@dataclass(frozen=True, slots=True)
class Bcrypt(Scheme, Writer):
    """Plain bcrypt; ``max_password`` is a platform's refusal of longer passwords (Drupal: 512)."""

    info: SchemeInfo
    max_password: int | None = None
    ident: str = "2y"

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        return bcrypt_parsed(self.info.name, hash)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        if self.max_password is not None and len(secret) > self.max_password:
            return False
        return check_bcrypt(self.info.name, php_bcrypt_key(secret), str(parsed.digest))

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        return make_bcrypt(self.info.name, php_bcrypt_key(secret), params, ident=self.ident)

    def compose(self, parsed: Parsed) -> str | None:
        found = parsed.params
        if not isinstance(found, BcryptParams) or found.prehash:
            return None
        made = found.setting + found.checksum
        return made if self.info.matches(made) else None

    def needs_update(self, parsed: Parsed, params: Mapping[str, object] | None = None) -> bool:
        return _older(parsed, params, DEFAULT_COST)


def wordpress_prehash(secret: bytes) -> bytes:
    """WordPress 6.8: base64 of HMAC-SHA384 keyed with the literal ``wp-sha384``."""
    return base64.b64encode(hmac.new(b"wp-sha384", secret, hashlib.sha384).digest())


@dataclass(frozen=True, slots=True)
class WordPressBcrypt(Scheme, Writer):
    """WordPress 6.8+ ``$wp$2y$``: bcrypt over a SHA-384 HMAC of the password.

    ``wp_hash_password`` trims the password; ``wp_check_password`` does not, so a password
    typed with surrounding spaces never matches. Both are reproduced.
    """

    info: SchemeInfo

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        if not hash.startswith("$wp$"):
            raise MalformedHashError(self.info.name, "expected a '$wp$' prefix")
        return bcrypt_parsed(self.info.name, hash[3:], prehash="wp-hmac-sha384")

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return check_bcrypt(self.info.name, wordpress_prehash(secret), str(parsed.digest))

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        key = wordpress_prehash(secret.strip(PHP_TRIM_BYTES))
        return "$wp" + make_bcrypt(self.info.name, key, {"cost": 10, **params}, ident="2y")

    def needs_update(self, parsed: Parsed, params: Mapping[str, object] | None = None) -> bool:
        return _older(parsed, params, 10)


BCRYPT = Bcrypt(
    SchemeInfo(
        name="bcrypt",
        summary="bcrypt ($2a$, $2b$, $2y$, $2x$, OpenBSD's $2$) as PHP password_verify checks it",
        aliases=(
            "blowfish",
            "bcrypt_php",
            "laravel",
            "symfony_bcrypt",
            "xenforo2",
            "opencart4",
            "prestashop17",
            "joomla_bcrypt",
            "phpbb3_bcrypt",
        ),
        platforms=(
            "PHP password_hash",
            "XenForo 2",
            "OpenCart 4",
            "PrestaShop 1.7+",
            "Joomla 3.2+",
            "phpBB 3.2+",
            "WordPress plugins",
            "Laravel",
            "Symfony",
            "Django",
            "Rails (Devise)",
            "OpenBSD",
        ),
        prefixes=("$2a$", "$2b$", "$2y$", "$2x$", "$2$"),
        pattern=BODY,
        keys=(Key("$2", Alphabet.TEXT, 59, 60),),  # OpenBSD's original $2$ is one shorter
        self_describing=True,
        strength=Strength.MODERN,
        example="$2y$10$" + "s" * 22 + "x" * 31,
        notes=(
            "Only the first 72 bytes count, and nothing after a NUL byte, as in PHP. $2x$ "
            "(crypt_blowfish's pre-2011 8-bit bug), and $2a$ where crypt_blowfish's "
            "countermeasure applies, are computed by libxcrypt for passwords with 8-bit bytes; "
            "$2$ (OpenBSD before 1999's $2a$) leaves the key's NUL out."
        ),
    ),
    ident="2b",
)

DRUPAL10 = Bcrypt(
    SchemeInfo(
        name="drupal10",
        summary="Drupal 10.1+ PhpPassword: PHP password_hash bcrypt, refuses passwords > 512 bytes",
        aliases=("drupal11", "drupal_bcrypt"),
        platforms=("Drupal 10", "Drupal 11"),
        prefixes=("$2y$",),
        pattern=r"\$2y\$\d\d\$[./A-Za-z0-9]{53}",
        keys=(Key("$2y$", Alphabet.TEXT, 60, 60),),
        strength=Strength.MODERN,
        example="$2y$10$" + "s" * 22 + "x" * 31,
        notes="Looks like any bcrypt hash; name the scheme to get Drupal's 512-byte cap.",
    ),
    max_password=512,
    ident="2y",
)

WORDPRESS_BCRYPT = WordPressBcrypt(
    SchemeInfo(
        name="wordpress_bcrypt",
        summary="WordPress 6.8+: bcrypt of base64(HMAC-SHA384('wp-sha384', password))",
        aliases=("wordpress", "wp", "wordpress68"),
        platforms=("WordPress 6.8+",),
        prefixes=("$wp$",),
        pattern=r"\$wp\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}",
        keys=(Key("$wp$2", Alphabet.TEXT, 63, 63),),
        self_describing=True,
        strength=Strength.MODERN,
        example="$wp$2y$10$" + "s" * 22 + "x" * 31,
    ),
)

SCHEMES = (BCRYPT, WORDPRESS_BCRYPT, DRUPAL10)
