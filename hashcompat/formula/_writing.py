"""How a formula writes: a stored string for a password, the (setting, digest) split that
offline wrapping reads, and the digest recomputed from a setting. Two recipes, chosen when the
formula compiles: a digest formula renders its output into the layout, and ``bcrypt(x)`` hands
the closure's output to bcrypt as PHP's ``password_hash`` would.
"""

from __future__ import annotations

import abc
import base64
import binascii
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import cast

from hashcompat._crypto.bcrypt import (
    bcrypt_hash,
    bcrypt_split,
    make_bcrypt,
    parse_bcrypt,
    php_bcrypt_key,
)
from hashcompat.errors import MalformedHashError
from hashcompat.formula._checking import Text, environment, text_of
from hashcompat.formula._compiler import Compiled, Slow
from hashcompat.formula._layout import Layout, SaltForm
from hashcompat.scheme import Inputs, Parsed, hash_params

__all__ = ["Recipe", "recipe"]

_SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"  # letters, digits


@dataclass(frozen=True, slots=True)
class Recipe(abc.ABC):
    """The writing half of a formula scheme (``name`` in each call is for errors)."""

    compiled: Compiled
    layout: Layout

    def key(self, name: str, secret: bytes, salt: bytes | None, inputs: Inputs) -> bytes:
        """The closure's output for ``secret``."""
        used = self.compiled.inputs
        return self.compiled.run(environment(name, used, secret, salt, inputs))

    @abc.abstractmethod
    def split_setting(self, name: str, parsed: Parsed) -> tuple[str, str]: ...

    @abc.abstractmethod
    def recompute(self, name: str, secret: bytes, setting: str, inputs: Inputs) -> str: ...

    @abc.abstractmethod
    def hash(
        self, name: str, secret: bytes, inputs: Inputs, params: Mapping[str, object]
    ) -> str: ...


@dataclass(frozen=True, slots=True)
class _Digest(Recipe):
    text: Text

    def split_setting(self, name: str, parsed: Parsed) -> tuple[str, str]:
        digest = parsed.digest
        if isinstance(digest, bytes):
            salt = base64.b64encode(parsed.salt or b"").decode("ascii")
            return parsed.salt_text or salt, digest.hex()
        hexadecimal = self.compiled.out.encoding.hexadecimal
        return parsed.salt_text, digest.lower() if hexadecimal else digest

    def recompute(self, name: str, secret: bytes, setting: str, inputs: Inputs) -> str:
        form = self.layout.salt
        salt = None if form is None else _salt_from_setting(setting, form)
        value = self.text(self.key(name, secret, salt, inputs))
        return value.hex() if isinstance(value, bytes) else value

    def hash(self, name: str, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        options = hash_params(params, {"salt_length": int}, name)
        salt = None
        if self.layout.salt is not None:
            salt = (
                inputs.salt.encode("utf-8")
                if inputs.salt is not None
                else _new_salt(self.layout, cast(int, options.get("salt_length", 8)))
            )
        return self.layout.render(self.text(self.key(name, secret, salt, inputs)), salt)


@dataclass(frozen=True, slots=True)
class _Bcrypt(Recipe):
    def split_setting(self, name: str, parsed: Parsed) -> tuple[str, str]:
        digest = str(parsed.digest)
        parse_bcrypt(name, digest)
        return bcrypt_split(digest)

    def recompute(self, name: str, secret: bytes, setting: str, inputs: Inputs) -> str:
        made = bcrypt_hash(name, php_bcrypt_key(self.key(name, secret, None, inputs)), setting)
        if made is None:
            raise MalformedHashError(name, "a bcrypt salt PHP would rewrite")
        return bcrypt_split(made)[1]

    def hash(self, name: str, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        key = php_bcrypt_key(self.key(name, secret, None, inputs))
        return self.layout.render(make_bcrypt(name, key, params, ident="2y"), None)


def recipe(compiled: Compiled, layout: Layout) -> Recipe:
    if compiled.slow is Slow.BCRYPT:
        return _Bcrypt(compiled, layout)
    return _Digest(compiled, layout, text_of(compiled, layout))


def _b64(setting: str) -> bytes:
    return base64.b64decode(setting)


_FROM_SETTING: dict[SaltForm, Callable[[str], bytes]] = {
    SaltForm.TEXT: lambda setting: setting.encode("utf-8", "surrogateescape"),
    SaltForm.HEX: binascii.unhexlify,
    SaltForm.B64: _b64,
    SaltForm.GROUP: _b64,
}


def _salt_from_setting(setting: str, form: SaltForm) -> bytes:
    try:
        return _FROM_SETTING[form](setting)
    except (binascii.Error, ValueError):
        raise MalformedHashError("formula", "the setting is not a valid salt") from None


def _new_salt(layout: Layout, length: int) -> bytes:
    import secrets  # noqa: PLC0415 - imported where used: the cold start of a digest row does not pay for it

    length = layout.salt_width or length
    if layout.salt is SaltForm.TEXT:
        return "".join(secrets.choice(_SALT_CHARS) for _ in range(length)).encode("ascii")
    return secrets.token_bytes(length)
