"""The server's state without the web framework: store, verifier, limiter, audit trail.

:meth:`Service.sign_in` is what every route and the Cognito handler call with the user name and
password they parsed out of their platform's request: rate limit, verify, mark, audit.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from hashcompat.migrate import Credential, Store
from hashcompat.migrate.stores.memory import MemoryStore
from hashcompat.migrate.stores.migrated import MarkingStore, MemoryMarker
from hashcompat.server.audit import AuditLog
from hashcompat.server.budget import limits_for_budget
from hashcompat.server.config import ConfigError, ServerConfig, StoreConfig
from hashcompat.server.core import FAILURES, Outcome, Verifier
from hashcompat.server.ratelimit import FailureLimiter

__all__ = ["Service", "build_store"]

_FIELDS = ("user_id", "hash", "scheme", "salt", "username")


def _file_rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix in (".jsonl", ".ndjson"):
            return [json.loads(line) for line in handle if line.strip()]
        return list(csv.DictReader(handle))


def _file_store(config: StoreConfig) -> MemoryStore:
    """A CSV (with a header) or JSON Lines export: user_id, hash, and optionally scheme, salt,
    username. Loaded once into memory; marks are then kept in memory and in the audit log."""
    users: dict[object, Credential] = {}
    try:
        rows = _file_rows(Path(str(config.file)))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"[store] file: cannot read it ({type(exc).__name__})") from None
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not row.get("user_id") or not row.get("hash"):
            raise ConfigError(f"[store] file: row {number} needs user_id and hash")
        extra = {k: (str(row[k]) if row.get(k) else None) for k in _FIELDS[2:]}
        scheme = extra["scheme"] or config.default_scheme
        users[str(row["user_id"])] = Credential(
            str(row["hash"]), scheme=scheme, salt=extra["salt"], username=extra["username"]
        )
    return MemoryStore(users)


def build_store(config: StoreConfig) -> tuple[Store, MarkingStore | None]:
    if config.file is not None:
        store = _file_store(config)
        return store, MemoryMarker(store)
    import sqlalchemy as sa

    from hashcompat.migrate.stores.migrated import SQLAlchemyMarker
    from hashcompat.migrate.stores.sqlalchemy import SQLAlchemyStore

    engine = sa.create_engine(str(config.url), pool_pre_ping=True)
    columns = {
        "table": config.table,
        "id_column": config.id_column,
        "hash_column": config.hash_column,
    }
    sql_store = SQLAlchemyStore(
        engine,
        table=config.table,
        id_column=config.id_column,
        hash_column=config.hash_column,
        scheme_column=config.scheme_column,
        salt_column=config.salt_column,
        username_column=config.username_column,
    )
    marker = None
    if config.migrated_column:
        marker = SQLAlchemyMarker(engine, migrated_column=config.migrated_column, **columns)
    return sql_store, marker


class Service:
    def __init__(self, config: ServerConfig, *, store: Store | None = None) -> None:
        self.config = config
        marker: MarkingStore | None
        if store is None:
            store, marker = build_store(config.store)
        else:
            marker = None
        self.verifier = Verifier(
            config.migrator, store, marker=marker, limits=limits_for_budget(config.budget_s)
        )
        self.limiter = FailureLimiter(config.rate)
        self.audit = AuditLog(config.audit_log)

    def user_key(self, user: str) -> str:
        return user.lower() if self.config.lowercase_user else user

    def sign_in(self, platform: str, user: str, password: str, client: str | None) -> Outcome:
        """Blocking: run it in a worker thread from async code. The caller pads the answer to
        ``min_response_s`` (asynchronously, so no worker thread sleeps)."""
        user = self.user_key(user)
        if self.limiter.blocked(user, client):
            outcome = Outcome("rate_limited")
        else:
            outcome = self.verifier.check(user, password)
            if outcome.kind in FAILURES:
                self.limiter.failed(user, client)
        self.audit.record(
            platform=platform,
            user_id=user,
            outcome=outcome.kind,
            scheme=outcome.scheme,
            migrated=outcome.migrated,
            client=client,
            seconds=outcome.seconds,
        )
        return outcome
