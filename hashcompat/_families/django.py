"""Django's own password strings: ``<algorithm>$...`` as django.contrib.auth.hashers writes them.

PBKDF2 and scrypt are computed with hashlib (the primitives Django itself calls); the bcrypt
and argon2 forms are Django's prefix around a standard hash, checked by hashcompat's bcrypt and
argon2 code. Iterations and scrypt memory are capped before any work. ``hash`` writes each form
with Django 5.2's defaults (PBKDF2 1,000,000 iterations, scrypt N=2**14 r=8 p=5, bcrypt 12
rounds, argon2 t=2 m=102400 p=8) and a 22-character salt from Django's alphabet; tests prove
the output with Django's own ``check_password``. Django's retired ``crypt$`` (DES crypt) and its
unusable-password marker (``!`` + 40 characters) are rows of the libpass adapter, kept here with
the other Django forms.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from hashcompat._crypto.bcrypt import bcrypt_parsed, check_bcrypt, make_bcrypt, php_bcrypt_key
from hashcompat._families._rows import DJANGO
from hashcompat._families.argon2 import ARGON2, parse_argon2
from hashcompat._families.kdf import (
    capped_pbkdf2,
    capped_scrypt,
    check_pbkdf2,
    pbkdf2_parsed,
    scrypt_costs,
)
from hashcompat._families.libpass import libpass_row, verify_only
from hashcompat._primitives import B64_CLASS as _B64
from hashcompat.errors import InvalidArgumentError, MalformedHashError
from hashcompat.formula._scheme import FormulaScheme, compile_formula, make_scheme
from hashcompat.formula._table import row_scheme
from hashcompat.params import Bcrypt as BcryptParams
from hashcompat.params import Pbkdf2, Scrypt
from hashcompat.scheme import (
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    Writer,
    check_costs,
    get_limits,
    hash_params,
)

_SALT_CHARS = string.ascii_letters + string.digits  # django.utils.crypto.RANDOM_STRING_CHARS
PBKDF2_ITERATIONS = 1_000_000  # Django 5.2's PBKDF2PasswordHasher.iterations
ARGON2_DEFAULTS = {"time_cost": 2, "memory_cost": 102_400, "parallelism": 8}  # Django 5.2


def django_salt(inputs: Inputs, scheme: str) -> str:
    """The salt given as ``salt=``, else 22 random characters (Django's 128 bits of entropy)."""
    if inputs.salt is None:
        return "".join(secrets.choice(_SALT_CHARS) for _ in range(22))
    if not inputs.salt or "$" in inputs.salt:
        raise InvalidArgumentError(f"{scheme}: the salt must be non-empty and contain no '$'")
    return inputs.salt


def _positive(options: Mapping[str, object], key: str, default: int, scheme: str) -> int:
    value = cast(int, options.get(key, default))
    if value < 1:
        raise InvalidArgumentError(f"{scheme}: {key} must be at least 1")
    return value


def _salt_text(salt: bytes) -> str | None:
    """``salt`` as the text a Django string holds between ``$`` signs, or None where it is not
    printable ASCII without ``$`` (a random salt from another platform)."""
    try:
        text = salt.decode("ascii")
    except UnicodeDecodeError:
        return None
    return text if text and text.isprintable() and "$" not in text else None


def _b64_key(scheme: str, stored: str) -> bytes:
    """The key of a Django string, which compares base64 text: a non-canonical encoding
    could never be equal, so it is malformed."""
    key = base64.b64decode(stored)
    if base64.b64encode(key).decode("ascii") != stored:
        raise MalformedHashError(scheme, "the hash is not canonical base64")
    return key


@dataclass(frozen=True, slots=True)
class DjangoPbkdf2(Scheme, Writer):
    info: SchemeInfo
    digest: str  # hashlib name

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected algorithm$iterations$salt$hash")
        _, iterations, salt, stored = hash.split("$", 3)
        if int(iterations) < 1:
            raise MalformedHashError(self.info.name, "iterations must be at least 1")
        key = _b64_key(self.info.name, stored)
        return pbkdf2_parsed(Pbkdf2(self.digest, int(iterations), salt.encode(), key))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return check_pbkdf2(self.info.name, secret, parsed)

    def compose(self, parsed: Parsed) -> str | None:
        params = parsed.params
        if not isinstance(params, Pbkdf2) or params.digest != self.digest or params.prehash:
            return None
        if len(params.key) != hashlib.new(self.digest).digest_size:
            return None  # Django derives the digest's own size
        salt = _salt_text(params.salt)
        if salt is None or len(salt) > 128:
            return None
        tag = self.info.name.removeprefix("django_")
        key = base64.b64encode(params.key).decode("ascii")
        return f"{tag}${params.iterations}${salt}${key}"

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        options = hash_params(params, {"iterations": int}, self.info.name)
        iterations = _positive(options, "iterations", PBKDF2_ITERATIONS, self.info.name)
        salt = django_salt(inputs, self.info.name)
        derived = capped_pbkdf2(self.info.name, self.digest, secret, salt.encode(), iterations)
        tag = self.info.name.removeprefix("django_")
        return f"{tag}${iterations}${salt}${base64.b64encode(derived).decode('ascii')}"


@dataclass(frozen=True, slots=True)
class DjangoScrypt(Scheme, Writer):
    info: SchemeInfo

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected scrypt$n$salt$r$p$hash")
        _, n, salt, r, p, stored = hash.split("$", 5)
        size = int(n)
        if size < 2 or size & (size - 1) or int(r) < 1 or int(p) < 1:
            raise MalformedHashError(self.info.name, "N must be a power of two, r and p >= 1")
        key = _b64_key(self.info.name, stored)
        params = Scrypt(size.bit_length() - 1, int(r), int(p), salt.encode(), key)
        return Parsed(key, params.salt, costs=scrypt_costs(params), params=params)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        params = parsed.params
        assert isinstance(params, Scrypt)  # noqa: S101 - parse made it
        derived = capped_scrypt(
            self.info.name,
            secret,
            params.salt,
            n=1 << params.log2_n,
            r=params.r,
            p=params.p,
            length=64,
        )
        return hmac.compare_digest(derived, params.key)

    def compose(self, parsed: Parsed) -> str | None:
        """From any scrypt record with Django's 64-byte key and a text salt."""
        params = parsed.params
        if not isinstance(params, Scrypt) or len(params.key) != 64:
            return None
        salt = _salt_text(params.salt)
        if salt is None:
            return None
        key = base64.b64encode(params.key).decode("ascii")
        made = f"scrypt${1 << params.log2_n}${salt}${params.r}${params.p}${key}"
        return made if self.info.matches(made) else None

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        """Django's ScryptPasswordHasher defaults: N=2**14, r=8, p=5, 64-byte key."""
        allowed = {"work_factor": int, "block_size": int, "parallelism": int}
        options = hash_params(params, allowed, self.info.name)
        n = _positive(options, "work_factor", 2**14, self.info.name)
        r = _positive(options, "block_size", 8, self.info.name)
        p = _positive(options, "parallelism", 5, self.info.name)
        salt = django_salt(inputs, self.info.name)
        derived = capped_scrypt(self.info.name, secret, salt.encode(), n=n, r=r, p=p, length=64)
        return f"scrypt${n}${salt}${r}${p}${base64.b64encode(derived).decode('ascii')}"


@dataclass(frozen=True, slots=True)
class DjangoPrefixed(Scheme, Writer):
    """``bcrypt$``, ``bcrypt_sha256$`` and ``argon2$``: Django's tag before a standard hash."""

    info: SchemeInfo
    tag: str
    prehash_sha256: bool = False

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        if not hash.startswith(self.tag) or not self.info.matches(hash):
            raise MalformedHashError(self.info.name, f"expected {self.tag} and a standard hash")
        body = hash[len(self.tag) :]
        if self.tag == "argon2":
            return parse_argon2(self.info.name, body)
        prehash = "sha256-hex" if self.prehash_sha256 else ""
        return bcrypt_parsed(self.info.name, body, prehash)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        if self.tag == "argon2":
            return ARGON2.check(secret, parsed, inputs)
        key = hashlib.sha256(secret).hexdigest().encode() if self.prehash_sha256 else secret
        return check_bcrypt(self.info.name, php_bcrypt_key(key), str(parsed.digest))

    def compose(self, parsed: Parsed) -> str | None:
        """Django's tag before the argon2 or bcrypt string of ``parsed`` (bcrypt only from
        a record of this row's prehash)."""
        if self.tag == "argon2":
            made = ARGON2.compose(parsed)
            return None if made is None else self.tag + made
        found = parsed.params
        prehash = "sha256-hex" if self.prehash_sha256 else ""
        if not isinstance(found, BcryptParams) or found.prehash != prehash:
            return None
        made = self.tag + found.setting + found.checksum
        return made if self.info.matches(made) else None

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        """Django's defaults: bcrypt 12 rounds ($2b$), argon2id t=2 m=102400 p=8."""
        if self.tag == "argon2":
            allowed = {"time_cost": int, "memory_cost": int, "parallelism": int}
            options = {**ARGON2_DEFAULTS, **hash_params(params, allowed, self.info.name)}
            from argon2 import Type, low_level  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

            salt = django_salt(inputs, self.info.name).encode()  # Django: 22 characters
            t, m, p = (_positive(options, k, 1, self.info.name) for k in ARGON2_DEFAULTS)
            encoded = low_level.hash_secret(secret, salt, t, m, p, 32, Type.ID).decode("ascii")
            written = parse_argon2(self.info.name, encoded)
            check_costs(self.info.name, written.costs, get_limits())  # ours are capped too
            return "argon2" + encoded
        options = hash_params(params, {"rounds": int}, self.info.name)
        key = hashlib.sha256(secret).hexdigest().encode() if self.prehash_sha256 else secret
        rounds = {"cost": options.get("rounds", 12)}
        return self.tag + make_bcrypt(self.info.name, php_bcrypt_key(key), rounds, ident="2b")


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
    without ``md5$$``. Identified by the tagged form only, and written in it: bare hex is any
    MD5 (the ``md5`` scheme), while an export mixing both forms is this one scheme."""
    return make_scheme(
        compile_formula("md5($pass)", "md5$${hash} | {hash}"),
        name="django_unsalted_md5",
        summary="Django UnsaltedMD5PasswordHasher: md5($pass), as md5$$<hex> or bare",
        platforms=("Django < 5.1 (UnsaltedMD5PasswordHasher)",),
    )


# SHA1PasswordHasher and MD5PasswordHasher: plain compositions, kept as formula rows.
ROWS = DJANGO  # django.toml, as the generator wrote it into hashcompat._families._rows

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
    *(row_scheme(row) for row in ROWS),
)
