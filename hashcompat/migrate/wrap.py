"""Wrapped hashes: a modern hash over a legacy digest, for upgrading a database offline.

``$hcw$1$<scheme>$<setting>$<target hash>``: scheme and setting are base64url without padding
(formula names and phpass settings contain ``$``); the target hash is a self-describing modern
hash (argon2id by default) of the legacy digest string. At login the legacy digest is recomputed
from the password (the scheme's ``split``/``digest``) and checked against the target hash, so
the weak digest never has to stay in the database.
"""

from __future__ import annotations

import base64

from hashcompat.errors import HashcompatError, InvalidArgumentError, MalformedHashError

PREFIX = "$hcw$1$"


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def _unb64(text: str) -> str:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise MalformedHashError("wrapped", "a field is not base64url text") from None


def encode(scheme: str, setting: str, inner: str) -> str:
    return f"{PREFIX}{_b64(scheme)}${_b64(setting)}${inner}"


def decode(hash: str) -> tuple[str, str, str]:
    """(legacy scheme name, setting, inner target hash) of a wrapped hash."""
    if not hash.startswith(PREFIX):
        raise MalformedHashError("wrapped", f"expected the prefix {PREFIX}")
    parts = hash[len(PREFIX) :].split("$", 2)
    if len(parts) != 3 or not parts[0] or not parts[2].startswith("$"):
        raise MalformedHashError("wrapped", "expected scheme$setting$inner-hash")
    return _unb64(parts[0]), _unb64(parts[1]), parts[2]


def wrap(
    legacy_hash: str | bytes,
    *,
    scheme: str | None = None,
    target: str = "argon2",
    **params: object,
) -> str:
    """Replace a legacy hash by a modern hash of its digest, without knowing the password.

    A recoverable scheme (plain text, base64 of the password, ...) is refused: its rows hold
    the passwords, so hash them directly (``Migrator().hash(value)``) instead.
    """
    from hashcompat.api import hash as make_hash
    from hashcompat.engine import hash_text, pick_owner, resolve
    from hashcompat.scheme import Strength

    legacy_hash = hash_text(legacy_hash)
    legacy = resolve(scheme) if scheme is not None else pick_owner(legacy_hash)
    if legacy.info.strength is Strength.RECOVERABLE:
        raise InvalidArgumentError(
            f"scheme {legacy.info.name} stores the password itself: hash each value with the "
            "target (Migrator().hash(value)) instead of wrapping it"
        )
    try:
        split = legacy.split_setting(legacy.parse(legacy_hash))
    except HashcompatError:
        raise
    except Exception as exc:  # a scheme's parse on a string that is not of its format
        raise MalformedHashError(
            legacy.info.name, f"cannot be split ({type(exc).__name__})"
        ) from None
    if split is None:
        raise InvalidArgumentError(
            f"scheme {legacy.info.name} cannot be wrapped: its digest "
            "cannot be recomputed from the password"
        )
    setting, digest = split
    inner = make_hash(digest, target, **params)
    return encode(scheme if scheme is not None else legacy.info.name, setting, inner)
