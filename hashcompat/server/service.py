"""The server's state without the web framework: store, verifier, limiter, audit trail.

:meth:`Service.sign_in` is what every route and the Cognito handler call with the user name and
password they parsed out of their platform's request: rate limit, verify, mark, audit.
"""

from __future__ import annotations

import logging

from hashcompat.migrate import Credential, Store
from hashcompat.migrate.stores.memory import MemoryStore
from hashcompat.migrate.stores.migrated import MarkingStore, MemoryMarker
from hashcompat.server.audit import AuditLog
from hashcompat.server.budget import limits_for_budget
from hashcompat.server.config import ConfigError, ServerConfig, StoreConfig
from hashcompat.server.core import FAILURES, Outcome, Verifier
from hashcompat.server.ratelimit import FailureLimiter

__all__ = ["Service", "build_store"]

log = logging.getLogger("hashcompat.server")


def _file_store(config: StoreConfig) -> MemoryStore:
    """A user dump (CSV with a header, or JSON Lines) read by :mod:`hashcompat.bulk.source`:
    id, hash, and optionally scheme, salt, username. Loaded once into memory; marks are then
    kept in memory and in the audit log. Malformed rows are left out and counted in a warning."""
    from hashcompat.bulk.source import Columns, DumpError, Malformed, open_rows

    users: dict[object, Credential] = {}
    bad = 0
    columns = Columns(id=config.id_column if config.id_column != "id" else None)
    try:
        with open_rows(str(config.file), columns=columns) as rows:
            for row in rows:
                if isinstance(row, Malformed) or row.id is None:
                    bad += 1
                    continue
                users[str(row.id)] = Credential(
                    row.hash,
                    scheme=row.scheme or config.default_scheme,
                    salt=row.salt,
                    username=row.username,
                )
    except (DumpError, OSError) as exc:
        raise ConfigError(f"[store] file: {exc}") from None
    if bad:
        log.warning("hashcompat.server: %d malformed rows of the user file left out", bad)
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
