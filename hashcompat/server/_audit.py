"""The audit trail: one JSON line per sign-in check (time, platform, user id, outcome, scheme).

Written by hand rather than through a logging formatter so that no field can ever carry more
than these names: the password and the hash are not arguments of :meth:`AuditLog.record`.
The user id is what the caller typed, which may be a password typed into the wrong field;
``audit_user = "hmac"`` or ``"truncate"`` keeps it out of the log in clear.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import sys
import threading
from typing import TextIO

from hashcompat.server._config import AuditUser

__all__ = ["AuditLog", "masked_user"]


def masked_user(user: str, mode: AuditUser, key: bytes | None = None) -> str:
    """The user id as the audit log writes it under ``mode``."""
    if mode is AuditUser.HMAC:
        if not key:
            raise ValueError("an HMAC key is needed")
        raw = user.encode("utf-8", "surrogateescape")
        return "hmac:" + hmac.new(key, raw, hashlib.sha256).hexdigest()[:32]
    if mode is AuditUser.TRUNCATE:
        return user[:3] + "..."
    return user


class AuditLog:
    """Appends JSON lines to a file (``"-"``: standard error); thread-safe."""

    def __init__(
        self, path: str | None, user: AuditUser = AuditUser.PLAIN, key: bytes | None = None
    ) -> None:
        self._user, self._key = user, key
        self._lock = threading.Lock()
        self._stream: TextIO | None
        if path is None:
            self._stream = None
        elif path == "-":
            self._stream = sys.stderr
        else:
            self._stream = open(path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115

    def record(
        self,
        *,
        platform: str,
        user_id: str | None,
        outcome: str,
        scheme: str | None,
        migrated: bool = False,
        client: str | None = None,
        seconds: float = 0.0,
    ) -> None:
        if self._stream is None:
            return
        shown = None if user_id is None else masked_user(user_id, self._user, self._key)
        line = json.dumps(
            {
                "time": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                "platform": platform,
                "user_id": shown,
                "outcome": str(outcome),
                "scheme": scheme,
                "migrated": migrated,
                "client": client,
                "ms": round(seconds * 1000, 1),
            },
            ensure_ascii=True,
        )
        with self._lock:
            self._stream.write(line + "\n")
            self._stream.flush()

    def close(self) -> None:
        if self._stream is not None and self._stream is not sys.stderr:
            self._stream.close()
