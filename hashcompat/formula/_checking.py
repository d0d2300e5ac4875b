"""How a formula's output meets the stored digest: one closure per formula, chosen when it
compiles, so a verify runs no test of the formula's kind, inputs or encoding.

The checker reads the inputs the formula uses (the password alone, the password and a salt,
or any mix), runs the compiled closure once and compares in constant time: hex without regard
to case, a ``{b64:...}`` group as raw bytes, anything else exactly. ``bcrypt(x)`` hands the
closure's output to bcrypt as PHP's ``password_verify`` would.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import cast

from hashcompat.formula._compiler import Compiled, Env, Slow
from hashcompat.formula._functions import Encoding
from hashcompat.formula._layout import Layout, SaltForm
from hashcompat.scheme import INPUT_NAMES, Inputs, Parsed, equal

__all__ = ["Checker", "Text", "checker", "environment", "text_of"]

Checker = Callable[[str, bytes, Parsed, Inputs], bool]  # (scheme name, secret, parsed, inputs)
Text = Callable[[bytes], "str | bytes"]  # the formula's output as the layout stores it
_PASS_ONLY = frozenset({"pass"})
_PASS_AND_SALT = frozenset({"pass", "salt"})


def environment(
    name: str, used: frozenset[str], secret: bytes, salt: bytes | None, inputs: Inputs
) -> Env:
    """The closure's inputs: the password, the salt (from the string, else beside it), and
    whichever of user name and pepper the formula reads (``name`` is for the error)."""
    values = [secret, b"", b"", b"", b""]
    for index, input_name in enumerate(INPUT_NAMES, start=1):
        if input_name == "salt" and salt is not None:
            values[index] = salt
        elif input_name in used:
            values[index] = inputs.require(name, input_name).encode("utf-8", "surrogatepass")
    return cast(Env, tuple(values))


def _text(value: bytes) -> str:
    return value.decode("utf-8", "surrogateescape")


def _lower_text(value: bytes) -> str:
    return value.decode("utf-8", "surrogateescape").lower()


def _raw(value: bytes) -> bytes:
    return value


def text_of(compiled: Compiled, layout: Layout) -> Text:
    """The output as the layout keeps it: raw bytes in a group, lower-case hex, or text."""
    if layout.salt is SaltForm.GROUP:
        return _raw
    return _lower_text if compiled.out.encoding.hexadecimal else _text


def _comparison(compiled: Compiled, layout: Layout) -> Callable[[bytes, str | bytes], bool]:
    text = text_of(compiled, layout)
    if layout.salt is SaltForm.GROUP:

        def raw(value: bytes, stored: str | bytes) -> bool:
            if isinstance(stored, bytes):
                return hmac.compare_digest(value, stored)
            return equal(value, stored)

        return raw
    if compiled.out.encoding.hexadecimal:
        upper = compiled.out.encoding is Encoding.HEX_UPPER

        def hexadecimal(value: bytes, stored: str | bytes) -> bool:
            if isinstance(stored, str) and stored.isascii():
                mine = value.lower() if upper else value
                return hmac.compare_digest(mine, stored.lower().encode("ascii"))
            return equal(text(value), stored)

        return hexadecimal
    return lambda value, stored: equal(text(value), stored)


def checker(compiled: Compiled, layout: Layout) -> Checker:
    """The check of ``compiled``'s output against a parsed string."""
    run, used = compiled.run, compiled.inputs
    if compiled.slow is Slow.BCRYPT:

        def bcrypt(name: str, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
            # loaded at the first bcrypt check, not when platforms.toml's rows compile
            from hashcompat._crypto.bcrypt import check_bcrypt, php_bcrypt_key  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

            key = php_bcrypt_key(run(environment(name, used, secret, parsed.salt, inputs)))
            return check_bcrypt(name, key, str(parsed.digest))

        return bcrypt
    upper = compiled.out.encoding is Encoding.HEX_UPPER
    if compiled.out.encoding.hexadecimal and used in (_PASS_ONLY, _PASS_AND_SALT):
        return (_hex_password if used == _PASS_ONLY else _hex_salted)(run, upper)
    if layout.salt is SaltForm.GROUP and used == _PASS_AND_SALT:
        return _raw_salted(run)
    same = _comparison(compiled, layout)
    if used == _PASS_ONLY:

        def password(name: str, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
            return same(run((secret, b"", b"", b"", b"")), parsed.digest)

        return password
    if used == _PASS_AND_SALT:

        def salted(name: str, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
            salt = parsed.salt
            if salt is None:  # a salt kept beside the hash
                salt = inputs.require(name, "salt").encode("utf-8", "surrogatepass")
            return same(run((secret, salt, b"", b"", b"")), parsed.digest)

        return salted

    def general(name: str, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return same(run(environment(name, used, secret, parsed.salt, inputs)), parsed.digest)

    return general


def _hex_password(run: Callable[[Env], bytes], upper: bool) -> Checker:
    """md5($pass), upper(sha1(sha1_raw($pass))): the commonest rows, in one closure each."""

    def hex_password(name: str, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        value, stored = run((secret, b"", b"", b"", b"")), parsed.digest
        if isinstance(stored, str) and stored.isascii():
            mine = value.lower() if upper else value
            return hmac.compare_digest(mine, stored.lower().encode("ascii"))
        return equal(value.decode("utf-8", "surrogateescape").lower(), stored)

    return hex_password


def _hex_salted(run: Callable[[Env], bytes], upper: bool) -> Checker:
    """md5($salt.md5($pass)), MyBB, vBulletin: a salt in the string or beside it."""

    def hex_salted(name: str, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        salt = parsed.salt
        if salt is None:  # a salt kept beside the hash
            salt = inputs.require(name, "salt").encode("utf-8", "surrogatepass")
        value, stored = run((secret, salt, b"", b"", b"")), parsed.digest
        if isinstance(stored, str) and stored.isascii():
            mine = value.lower() if upper else value
            return hmac.compare_digest(mine, stored.lower().encode("ascii"))
        return equal(value.decode("utf-8", "surrogateescape").lower(), stored)

    return hex_salted


def _raw_salted(run: Callable[[Env], bytes]) -> Checker:
    """LDAP's {SSHA} and its kin: a raw digest and its salt from one base-64 group."""

    def raw_salted(name: str, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        salt, stored = parsed.salt, parsed.digest
        if salt is None:  # a Parsed from elsewhere: the salt beside it
            salt = inputs.require(name, "salt").encode("utf-8", "surrogatepass")
        value = run((secret, salt, b"", b"", b""))
        if isinstance(stored, bytes):
            return hmac.compare_digest(value, stored)
        return equal(value, stored)

    return raw_salted
