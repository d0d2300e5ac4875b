"""``GET /status``: the migration's progress, as ``hashcompat progress`` reports it.

It reads what the server itself writes: the store's ``migrated_at`` marks (a SQL store with a
``migrated_column``), or, for a file store, whose marks live in memory, the ``"migrated": true``
lines of the audit log; and the audit log for who was seen when. The callers are those of the
hook routes: a request passes when it passes any HTTP platform's authentication (an empty body
for HMAC signatures). The report is computed in a worker thread and kept for ``cache_s``
seconds, since it reads the whole table. No framework here: app.py serves it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

from hashcompat.server._config import IN_PROCESS, ServerConfig
from hashcompat.server._security import Authenticator

if TYPE_CHECKING:
    from hashcompat.bulk._progress import Progress

__all__ = ["StatusPage"]

log = logging.getLogger("hashcompat.server")


class StatusPage:
    def __init__(self, config: ServerConfig, *, cache_s: float = 60.0) -> None:
        self.config = config
        self.cache_s = cache_s
        http = [p for p in config.platforms.values() if p.name not in IN_PROCESS]
        self._open = any(not p.auth.configured for p in http)  # --insecure-dev only
        self._auth = [Authenticator(p.auth) for p in http if p.auth.configured]
        self._lock = threading.Lock()
        self._cached: dict[str, tuple[float, str]] = {}

    def allows(self, headers: Mapping[str, str]) -> bool:
        return self._open or any(auth.allows(headers, b"") for auth in self._auth)

    def answer(self, html: bool) -> tuple[int, str, str]:
        """(status code, body, media type) of the report as JSON or the HTML page; blocking.
        A store that does not answer gives a 503 and a log line naming the error's type only
        (a driver's message can name the database's address)."""
        fmt, media = ("html", "text/html") if html else ("json", "application/json")
        try:
            return 200, self.render(fmt), media
        except Exception as exc:
            log.warning("hashcompat.server: /status failed (%s)", type(exc).__name__)
            return 503, '{"error":"unavailable"}', "application/json"

    def render(self, fmt: str) -> str:
        """The report in ``fmt`` (json or html), computed at most once per ``cache_s``."""
        with self._lock:
            cached = self._cached.get(fmt)
            if cached is not None and time.monotonic() - cached[0] < self.cache_s:
                return cached[1]
            from hashcompat._reports.progress import render  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

            text = render(self._collect(), fmt)
            self._cached[fmt] = (time.monotonic(), text)
            return text

    def _collect(self) -> Progress:
        from hashcompat.bulk._progress import collect  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
        from hashcompat.dump import Columns, open_rows  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        store = self.config.store
        log = self.config.audit_log
        audit = [log] if log and log != "-" else []
        key = self.config.audit_key  # audit_user = "hmac": the ids are HMACs under it
        if store.file is not None:
            ident = store.id_column if store.id_column != "id" else None  # as the store reads it
            source = open_rows(str(store.file), columns=Columns(id=ident))
        else:
            columns = Columns(id=store.id_column, hash=store.hash_column)
            source = open_rows(str(store.url), table=store.table, columns=columns)
        with source:
            return collect(
                source,
                source="hook server",
                header=source.header,
                audit=audit,
                audit_hmac_key=key,
                migrated_column=store.migrated_column or "migrated_at",
            )
