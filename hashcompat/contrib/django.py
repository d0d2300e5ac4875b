"""A Django password hasher that verifies imported legacy hashes and lets Django upgrade them.

Put it *after* Django's preferred hasher in ``PASSWORD_HASHERS``; store each imported hash as
``to_django(legacy_hash)``. Django's ``check_password`` then verifies the legacy hash through
hashcompat, sees ``must_update`` and re-hashes the password with the preferred hasher through
its own setter, exactly as it upgrades its own old hashes.

Encoded form: ``hashcompat$<scheme>$<salt>$<legacy hash>``, where scheme and salt are base64url
(empty: identify the scheme from the hash, no salt column).
"""

from __future__ import annotations

import base64
from typing import Any

from django.contrib.auth.hashers import BasePasswordHasher, mask_hash

import hashcompat

ALGORITHM = "hashcompat"


def _b64(text: str | None) -> str:
    if not text:
        return ""
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def _unb64(text: str) -> str | None:
    if not text:
        return None
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")


def to_django(legacy_hash: str, *, scheme: str | None = None, salt: str | None = None) -> str:
    """The value to store in Django's ``password`` column for an imported legacy hash."""
    return f"{ALGORITHM}${_b64(scheme)}${_b64(salt)}${legacy_hash}"


def _decode(encoded: str) -> tuple[str | None, str | None, str]:
    algorithm, scheme, salt, legacy = encoded.split("$", 3)
    if algorithm != ALGORITHM:
        raise hashcompat.MalformedHashError(ALGORITHM, "not a hashcompat-encoded password")
    return _unb64(scheme), _unb64(salt), legacy


class HashcompatPasswordHasher(BasePasswordHasher):  # type: ignore[misc]
    """Verifies any scheme hashcompat knows; never writes new hashes (``must_update``)."""

    algorithm = ALGORITHM

    def encode(self, password: str, salt: str) -> str:
        raise NotImplementedError(
            "hashcompat only verifies imported hashes; list it after "
            "Django's preferred hasher in PASSWORD_HASHERS"
        )

    def verify(self, password: str, encoded: str) -> bool:
        try:
            scheme, salt, legacy = _decode(encoded)
            return hashcompat.verify(password, legacy, scheme=scheme, salt=salt)
        except (hashcompat.HashcompatError, ValueError):
            return False  # a broken or refused row fails like a wrong password

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        scheme, _, legacy = _decode(encoded)
        names = [scheme] if scheme else hashcompat.identify(legacy)
        return {
            "algorithm": self.algorithm,
            "scheme": ", ".join(names) or "unknown",
            "hash": mask_hash(legacy),
        }

    def decode(self, encoded: str) -> dict[str, Any]:
        scheme, salt, legacy = _decode(encoded)
        return {"algorithm": self.algorithm, "scheme": scheme, "salt": salt, "hash": legacy}

    def must_update(self, encoded: str) -> bool:
        return True

    def harden_runtime(self, password: str, encoded: str) -> None:
        return None
