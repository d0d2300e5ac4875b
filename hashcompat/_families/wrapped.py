"""The wrapped format: its ``$hcw$`` codec and the scheme that verifies it.

``$hcw$1$<scheme>$<setting>$<target hash>``: scheme and setting are base64url without padding
(formula names and phpass settings contain ``$``); the target hash is a self-describing modern
hash (argon2id by default) of the legacy digest string. At login the legacy digest is recomputed
from the password (the scheme's ``split``/``digest``) and checked against the target hash.
:func:`hashcompat.migrate.wrap` makes these strings offline; the codec lives here, with the
format, so the family does not reach up to the migrator to read its own strings.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from hashcompat.errors import MalformedHashError
from hashcompat.params import Crypt
from hashcompat.scheme import Inputs, Parsed, Scheme, SchemeInfo, Strength

__all__ = ["PREFIX", "SCHEMES", "Wrapped", "decode", "encode"]

PREFIX = "$hcw$1$"


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def _unb64(text: str) -> str:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise MalformedHashError("wrapped", "a field is not base64url text") from None


def encode(scheme: str, setting: str, inner: str) -> str:
    """The wrapped string for a legacy scheme name, its setting and the inner target hash."""
    return f"{PREFIX}{_b64(scheme)}${_b64(setting)}${inner}"


def decode(hash: str) -> tuple[str, str, str]:
    """(legacy scheme name, setting, inner target hash) of a wrapped hash."""
    if not hash.startswith(PREFIX):
        raise MalformedHashError("wrapped", f"expected the prefix {PREFIX}")
    parts = hash[len(PREFIX) :].split("$", 2)
    if len(parts) != 3 or not parts[0] or not parts[2].startswith("$"):
        raise MalformedHashError("wrapped", "expected scheme$setting$inner-hash")
    return _unb64(parts[0]), _unb64(parts[1]), parts[2]


@dataclass(frozen=True, slots=True)
class Wrapped(Scheme):
    """``$hcw$1$<legacy scheme>$<setting>$<inner hash>``: parsed into a :class:`Crypt` record
    whose setting is the legacy scheme's and whose checksum is the inner modern hash."""

    info: SchemeInfo

    def parse(self, hash: str) -> Parsed:
        name, setting, inner = decode(hash)
        return Parsed(inner, salt_text=name, params=Crypt(setting, inner))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        from hashcompat._engine import pick_owner, resolve  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        params = parsed.params
        assert isinstance(params, Crypt)  # noqa: S101 - parse made it
        legacy = resolve(parsed.salt_text)
        recomputed = legacy.recompute(secret, params.setting, inputs)
        target = pick_owner(params.checksum)
        if target.info.name == self.info.name:
            raise MalformedHashError(self.info.name, "a wrapped hash cannot wrap another")
        return target.verify(recomputed.encode("utf-8"), params.checksum, Inputs())

    def legacy_scheme(self, hash: str) -> str:
        return decode(hash)[0]


SCHEMES = (
    Wrapped(
        SchemeInfo(
            name="wrapped",
            summary="hashcompat offline upgrade: a modern hash over a legacy digest",
            aliases=("hcw", "hashcompat_wrapped"),
            platforms=("hashcompat.migrate.wrap",),
            prefixes=("$hcw$",),
            pattern=r"\$hcw\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]*\$\$.+",
            self_describing=True,
            strength=Strength.MODERN,
            example="$hcw$1$bWQ1$$argon2id$v=19$m=65536,t=3,p=4$...",
        )
    ),
)
