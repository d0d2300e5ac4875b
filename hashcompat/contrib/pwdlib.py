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

from hashcompat._engine import hash_text, pick_owner, verify
from hashcompat._families.wrapped import Wrapped
from hashcompat.errors import HashcompatError
from hashcompat.migrate._allowlist import SchemePolicy
from hashcompat.scheme import Strength


def _text(hash: object) -> str | None:
    try:
        return hash_text(hash)
    except HashcompatError:
        return None


class LegacyHasher:
    """Verifies the self-describing legacy schemes in ``allowed`` (default: every one that is
    neither modern, which pwdlib's own hashers handle, nor refused by the migrator's policy).
    Wrapped (``$hcw$``) rows are claimed when their inner scheme is allowed."""

    def __init__(self, allowed: Iterable[str] | None = None) -> None:
        self._policy = SchemePolicy.build(allowed)

    def _claims(self, hash: object) -> str | None:
        """The text of ``hash`` when this hasher verifies it, else None."""
        text = _text(hash)
        if text is None:
            return None
        try:
            scheme = pick_owner(text)
            judged = self._policy.judged(scheme, text)
        except HashcompatError:
            return None
        modern = scheme.info.strength is Strength.MODERN and not isinstance(scheme, Wrapped)
        if modern and self._policy.allowed is None:
            return None  # pwdlib's own hashers verify these
        return text if self._policy.permits(judged) else None

    def identify(self, hash: str | bytes) -> bool:
        return self._claims(hash) is not None

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        raise NotImplementedError("LegacyHasher only verifies; put a modern hasher first")

    def verify(self, password: str | bytes, hash: str | bytes) -> bool:
        text = self._claims(hash)
        if text is None:
            return False
        try:
            return verify(password, text)
        except HashcompatError:
            return False

    def check_needs_rehash(self, hash: str | bytes) -> bool:
        return True
