"""bcrypt as PHP's ``password_verify`` sees it: the key, the string, the check and the writer
that the bcrypt families and the formula language's ``bcrypt()`` share.

PHP's crypt_blowfish reads the password as a C string: it stops at the first NUL byte and uses
at most 72 bytes. The ``bcrypt`` package (5.x) refuses passwords over 72 bytes and hashes NUL
bytes, so the password is cut the PHP way before it reaches the library.

Two older variants are read too. ``$2x$`` is crypt_blowfish's pre-2011 sign-extension bug,
kept so such hashes still verify: libxcrypt computes it, and for a password without 8-bit
bytes it equals ``$2a$``. ``$2$`` is OpenBSD's original bcrypt, whose key leaves out the
terminating NUL; bcrypt cycles the key over its 72 bytes, so ``$2$`` of a password is ``$2a$``
of that password repeated to 72 bytes (passlib reads it the same way; vectors from jBCrypt
and passlib's suite in tests/vectors/bcrypt_variants.jsonl).

``$2a$`` is not always ``$2b$``. Since 2011 crypt_blowfish (PHP's crypt, libxcrypt) gives
``$2a$`` a countermeasure against the sign-extension bug: when a password has an 8-bit byte
that the buggy key expansion would have sign-extended, yet both expansions give the same key,
it flips bit 16 of the first subkey, so no such ``$2a$`` hash can also be a ``$2x$`` one. The
``bcrypt`` package knows no such rule, so for those passwords libxcrypt computes the hash
(:func:`a_countermeasure` decides, tests/differential/test_libxcrypt_differential.py proves it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import cast

from hashcompat.errors import MalformedHashError
from hashcompat.params import Bcrypt as BcryptParams
from hashcompat.scheme import Cost, CostKind, Parsed, check_cap, equal, get_limits, hash_params

__all__ = [
    "BODY",
    "DEFAULT_COST",
    "MAX_COST",
    "MIN_COST",
    "a_countermeasure",
    "bcrypt_hash",
    "bcrypt_parsed",
    "bcrypt_split",
    "check_bcrypt",
    "make_bcrypt",
    "parse_bcrypt",
    "php_bcrypt_key",
]

DEFAULT_COST = 12
MIN_COST, MAX_COST = 4, 31
BODY = r"\$2[abxy]?\$(\d\d)\$[./A-Za-z0-9]{53}"
_BODY_RE = re.compile(BODY)


def php_bcrypt_key(secret: bytes) -> bytes:
    """The bytes crypt_blowfish actually uses: up to the first NUL, at most 72."""
    end = secret.find(b"\0")
    return (secret if end < 0 else secret[:end])[:72]


def a_countermeasure(key: bytes) -> bool:
    """Whether crypt_blowfish's ``$2a$`` flips a key bit for ``key`` (bytes as it reads them):
    an 8-bit byte in a position where sign extension matters, and no difference between the
    correct and the buggy key expansion. It reads the 72-byte key cycle, NUL included."""
    if not any(byte & 0x80 for byte in key):
        return False
    cycle = key[:72] + b"\0"
    sign = diff = position = 0
    for _ in range(18):  # the 18 subkeys, 4 bytes each
        right = buggy = 0
        for j in range(4):
            byte = cycle[position]
            right = (right << 8 | byte) & 0xFFFFFFFF
            buggy = (buggy << 8 | (byte | 0xFFFFFF00 if byte & 0x80 else byte)) & 0xFFFFFFFF
            if j:
                sign |= buggy & 0x80
            position = (position + 1) % len(cycle)
        diff |= right ^ buggy
    return bool(sign) and not diff


def bcrypt_parsed(scheme: str, body: str, prehash: str = "") -> Parsed:
    """A bare ``$2?$`` string taken apart: its :class:`~hashcompat.params.Bcrypt` record and
    its cost (not yet checked against the cap: the engine does that). ``prehash`` names what
    the platform hands bcrypt instead of the password."""
    cost = _cost(scheme, body)
    ident = body[1 : body.index("$", 1)]
    params = BcryptParams(ident, cost, body[-53:-31], body[-31:], prehash)
    return Parsed(body, costs=(Cost(CostKind.BCRYPT_COST, cost, "cost"),), params=params)


def parse_bcrypt(scheme: str, body: str) -> int:
    """The cost of a bare ``$2?$`` string, after checking its format and the cost cap."""
    cost = _cost(scheme, body)
    check_cap(scheme, "cost", cost, get_limits().max_bcrypt_cost)
    return cost


def _cost(scheme: str, body: str) -> int:
    match = _BODY_RE.fullmatch(body)
    if match is None:
        raise MalformedHashError(
            scheme,
            "expected $2$, $2a$, $2b$, $2x$ or $2y$, a 2-digit cost and 53 characters of "
            "bcrypt base-64",
        )
    cost = int(match.group(1))
    if not MIN_COST <= cost <= MAX_COST:
        raise MalformedHashError(scheme, f"cost must be {MIN_COST}..{MAX_COST}, got {cost}")
    return cost


def bcrypt_split(body: str) -> tuple[str, str]:
    """(setting, digest) of a bare bcrypt string: ``$2?$NN$`` and the salt, then 31 chars."""
    cut = len(body) - 31
    return body[:cut], body[cut:]


def bcrypt_hash(scheme: str, key: bytes, setting: str) -> str | None:
    """The whole bcrypt string ``key`` gives under ``setting`` (``$2?$NN$`` + 22 salt
    characters), in the setting's variant; None for a salt PHP would rewrite."""
    parse_bcrypt(scheme, setting + "." * 31)
    ident = setting[1 : setting.index("$", 1)]
    if (ident == "2x" and any(byte >= 0x80 for byte in key)) or (
        ident == "2a" and a_countermeasure(key)
    ):
        # imported here: ctypes and the library load only for these rare passwords
        from hashcompat._crypto.libxcrypt import libxcrypt_crypt  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return libxcrypt_crypt(scheme, key, setting)
    if ident == "2":
        key = (key * (72 // len(key) + 1))[:72] if key else b""
    import bcrypt  # noqa: PLC0415 - deferred: keeps `import hashcompat` light

    modern = "$2b$" + setting[len(ident) + 2 :]
    try:
        made = bcrypt.hashpw(key, modern.encode("ascii")).decode("ascii")
    except ValueError:
        # The salt's last character sets bits bcrypt does not use. The bcrypt package refuses
        # it; PHP rewrites it in crypt()'s output, so the string never equals the stored one
        # and password_verify() is false for every password. Do the same.
        return None
    return setting + made[len(modern) :]


def check_bcrypt(scheme: str, key: bytes, body: str) -> bool:
    """Verify ``key`` against a bare ``$2?$`` string, checking format and cost cap first."""
    parse_bcrypt(scheme, body)
    made = bcrypt_hash(scheme, key, bcrypt_split(body)[0])
    return made is not None and equal(made, body)


def make_bcrypt(scheme: str, key: bytes, params: Mapping[str, object], *, ident: str) -> str:
    options = hash_params(params, {"cost": int, "ident": str}, scheme)
    cost = cast(int, options.get("cost", DEFAULT_COST))
    ident = cast(str, options.get("ident", ident))
    if ident not in ("2a", "2b", "2y"):
        raise MalformedHashError(scheme, "ident must be 2a, 2b or 2y")
    if not MIN_COST <= cost <= MAX_COST:
        raise MalformedHashError(scheme, f"cost must be {MIN_COST}..{MAX_COST}, got {cost}")
    check_cap(scheme, "cost", cost, get_limits().max_bcrypt_cost)
    import bcrypt  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    # $2y$ and $2b$ are the same algorithm; the library only writes 2a and 2b.
    salt = bcrypt.gensalt(rounds=cost, prefix=b"2b")
    return f"$2{ident[1]}" + bcrypt.hashpw(key, salt).decode("ascii")[3:]
