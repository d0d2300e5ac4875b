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
import binascii
import time
from typing import Any, ClassVar

from django.contrib.auth.hashers import BasePasswordHasher, get_hasher, mask_hash

from hashcompat._api import identify
from hashcompat._engine import encode_password, make_inputs, pick_owner, resolve, run_verify
from hashcompat.errors import HashcompatError, MalformedHashError
from hashcompat.migrate._allowlist import SchemePolicy
from hashcompat.migrate._policy import PAD_BELOW

ALGORITHM = "hashcompat"
_COST_FIELDS = ("iterations", "rounds", "time_cost", "memory_cost", "parallelism", "work_factor")
_preferred_seconds: dict[tuple[object, ...], float] = {}


def _b64(text: str | None) -> str:
    if not text:
        return ""
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def _unb64(text: str) -> str | None:
    if not text:
        return None
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise MalformedHashError(ALGORITHM, "the scheme or salt field is not base64url") from None


def to_django(legacy_hash: str, *, scheme: str | None = None, salt: str | None = None) -> str:
    """The value to store in Django's ``password`` column for an imported legacy hash."""
    return f"{ALGORITHM}${_b64(scheme)}${_b64(salt)}${legacy_hash}"


def _decode(encoded: str) -> tuple[str | None, str | None, str]:
    if not isinstance(encoded, str):
        raise MalformedHashError(ALGORITHM, "the encoded password is not text")
    parts = encoded.split("$", 3)
    if len(parts) != 4 or parts[0] != ALGORITHM:
        raise MalformedHashError(ALGORITHM, "not a hashcompat-encoded password")
    return _unb64(parts[1]), _unb64(parts[2]), parts[3]


def _cost_of(hasher: Any) -> float:
    """Seconds one ``encode`` of ``hasher`` takes here, measured once per configuration: what
    Django spends on an unknown user (``ModelBackend`` hashes the given password)."""
    key = (type(hasher), *(getattr(hasher, name, None) for name in _COST_FIELDS))
    cached = _preferred_seconds.get(key)
    if cached is None:
        start = time.perf_counter()
        hasher.encode("hashcompat-timing-probe", hasher.salt())
        cached = _preferred_seconds[key] = time.perf_counter() - start
    return cached


class HashcompatPasswordHasher(BasePasswordHasher):  # type: ignore[misc]
    """Verifies any scheme hashcompat knows under the migrator's policy; never writes new
    hashes (``must_update``). Subclass and set ``allowed`` to narrow the schemes accepted."""

    algorithm = ALGORITHM
    allowed: ClassVar[frozenset[str] | None] = None  # None: the migrator's default policy

    def __init__(self) -> None:
        super().__init__()
        self._policy = SchemePolicy.build(self.allowed)

    def encode(self, password: str, salt: str) -> str:
        raise NotImplementedError(
            "hashcompat only verifies imported hashes; list it after "
            "Django's preferred hasher in PASSWORD_HASHERS"
        )

    def _check(self, password: object, encoded: str) -> bool:
        try:
            scheme, salt, legacy = _decode(encoded)
            chosen = resolve(scheme) if scheme else pick_owner(legacy)
            self._policy.check(chosen, legacy)
            secret = encode_password(password)
            inputs = make_inputs(salt)
            return run_verify(chosen, secret, legacy, inputs)
        except HashcompatError:
            return False  # a broken or refused row fails like a wrong password

    def verify(self, password: str, encoded: str) -> bool:
        start = time.perf_counter()
        ok = self._check(password, encoded)
        if not ok:
            # Django calls harden_runtime only when this hasher is the preferred one, which it
            # never is, so the padding a wrong password needs happens here.
            self._pad(password, time.perf_counter() - start)
        return ok

    def harden_runtime(self, password: str, encoded: str) -> None:
        """Spend what the preferred hasher spends, less what the legacy row already cost, as
        Django's own hashers spend their missing iterations."""
        start = time.perf_counter()
        self._check(password, encoded)
        self._pad(password, time.perf_counter() - start)

    def _pad(self, password: object, spent: float) -> None:
        preferred = get_hasher("default")
        if preferred.algorithm == self.algorithm or spent >= PAD_BELOW * _cost_of(preferred):
            return
        text = password if isinstance(password, str) else "hashcompat-unusable"
        preferred.encode(text, preferred.salt())

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        """Scheme names and a masked hash; never raises, whatever is in the column."""
        try:
            scheme, _, legacy = _decode(encoded)
            names = [resolve(scheme).info.name] if scheme else identify(legacy)
        except HashcompatError:
            rest = encoded[len(ALGORITHM) + 1 :] if isinstance(encoded, str) else ""
            return {"algorithm": self.algorithm, "scheme": "unknown", "hash": mask_hash(rest)}
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
