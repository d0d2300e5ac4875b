"""The audit trail: one JSON line per sign-in check (time, platform, user id, outcome, scheme).

Written by hand rather than through a logging formatter so that no field can ever carry more
than these names: the password and the hash are not arguments of :meth:`AuditLog.record`.
"""

from __future__ import annotations

import datetime
import json
import sys
import threading
from typing import TextIO

__all__ = ["AuditLog"]


class AuditLog:
    """Appends JSON lines to a file (``"-"``: standard error); thread-safe."""

    def __init__(self, path: str | None) -> None:
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
        line = json.dumps(
            {
                "time": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                "platform": platform,
                "user_id": user_id,
                "outcome": outcome,
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
