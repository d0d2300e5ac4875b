"""A pwdlib hasher that verifies legacy hashes, so pwdlib's ``verify_and_update`` upgrades them.

```python
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from hashcompat.contrib.pwdlib import LegacyHasher

password_hash = PasswordHash((Argon2Hasher(), LegacyHasher({"phpass", "drupal7"})))
valid, updated = password_hash.verify_and_update(password, stored)
```

pwdlib tries the first hasher whose ``identify`` accepts the hash, and re-hashes with the first
hasher of the tuple when the matching one says ``check_needs_rehash``: always, for legacy hashes.
Only self-describing schemes can be used here, since pwdlib passes no scheme name.
"""

from __future__ import annotations

from collections.abc import Iterable

import hashcompat


def _text(hash: str | bytes) -> str:
    return hash.decode("utf-8", "replace") if isinstance(hash, bytes) else hash


class LegacyHasher:
    """Verifies the self-describing legacy schemes in ``allowed`` (default: all but modern ones)."""

    def __init__(self, allowed: Iterable[str] | None = None) -> None:
        self._allowed = frozenset(allowed) if allowed is not None else None

    def _scheme(self, hash: str | bytes) -> str | None:
        names = hashcompat.identify(_text(hash))
        if not names:
            return None
        info = {i.name: i for i in hashcompat.schemes()}[names[0]]
        if not info.self_describing:
            return None
        if self._allowed is None:
            return None if info.strength is hashcompat.Strength.MODERN else info.name
        return info.name if info.name in self._allowed else None

    def identify(self, hash: str | bytes) -> bool:
        return self._scheme(hash) is not None

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        raise NotImplementedError("LegacyHasher only verifies; put a modern hasher first")

    def verify(self, password: str | bytes, hash: str | bytes) -> bool:
        if self._scheme(hash) is None:
            return False
        try:
            return hashcompat.verify(password, _text(hash))
        except hashcompat.HashcompatError:
            return False

    def check_needs_rehash(self, hash: str | bytes) -> bool:
        return True
