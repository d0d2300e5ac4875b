"""The work a pool process or a Dask worker does: wrap a batch of weak hashes.

Module-level functions of plain values, so they pickle for any executor. A row that cannot be
wrapped comes back as ``(None, reason)`` and stays as it was; one bad row never fails a batch.

With a salt key the argon2 salt of each row is ``HMAC-SHA256(key, id, row, hash)[:16]``
instead of random, so two runs over the same dump (a process pool and a Dask cluster, a run and
its resume) write byte-identical output. Salts stay unique per row; a salt needs to be unique,
not secret.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from hashcompat.errors import HashcompatError

__all__ = ["derive_salt", "wrap_batch", "wrap_one"]

Item = tuple[str, str | None, bytes | None]  # (hash, scheme or None, salt or None)


def derive_salt(key: bytes, ident: object, number: int, hash: str) -> bytes:
    message = f"{ident}\0{number}\0{hash}".encode("utf-8", "surrogatepass")
    return hmac.new(key, message, hashlib.sha256).digest()[:16]


def wrap_one(hash: str, scheme: str | None, params: Mapping[str, int], salt: bytes | None) -> str:
    from hashcompat._families.wrapped import encode  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.migrate._wrap import wrap  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    if salt is None:
        return wrap(hash, scheme=scheme, target="argon2", **params)
    from argon2 import Type, low_level  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    from hashcompat._engine import pick_owner, resolve  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    legacy = resolve(scheme) if scheme is not None else pick_owner(hash)
    split = legacy.split_setting(legacy.parse(hash))
    if split is None:
        raise HashcompatError(f"scheme {legacy.info.name} cannot be wrapped")
    setting, digest = split
    inner = low_level.hash_secret(
        digest.encode("utf-8"),
        salt,
        time_cost=params["time_cost"],
        memory_cost=params["memory_cost"],
        parallelism=params["parallelism"],
        hash_len=32,
        type=Type.ID,
    ).decode("ascii")
    return encode(scheme if scheme is not None else legacy.info.name, setting, inner)


def wrap_batch(items: list[Item], params: Mapping[str, int]) -> list[tuple[str | None, str]]:
    """(new hash, "") per item, or (None, reason) where the row cannot be wrapped."""
    out: list[tuple[str | None, str]] = []
    for hash, scheme, salt in items:
        try:
            out.append((wrap_one(hash, scheme, params, salt), ""))
        except HashcompatError as exc:
            out.append((None, type(exc).__name__))
    return out
