"""Wrapped hashes: a modern hash over a legacy digest, for upgrading a database offline.

:func:`wrap` makes a ``$hcw$`` string from a legacy hash, without the password; at login the
legacy digest is recomputed from the password and checked against the inner modern hash, so the
weak digest never has to stay in the database. The string format (``encode``/``decode``) belongs
to its family, :mod:`hashcompat._families.wrapped`, and is re-exported here.
"""

from __future__ import annotations

from hashcompat._families.wrapped import PREFIX, decode, encode
from hashcompat.errors import HashcompatError, InvalidArgumentError, MalformedHashError

__all__ = ["PREFIX", "decode", "encode", "wrap"]


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
    from hashcompat._api import hash as make_hash  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat._engine import hash_text, pick_owner, resolve  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.scheme import Strength  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

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
