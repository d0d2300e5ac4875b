"""The server's state without the web framework: store, verifier, limiter, audit trail.

:meth:`Service.sign_in` is what every route and the Cognito handler call with the user name and
password they parsed out of their platform's request: rate limit, verify, mark, audit, and the
legacy row's profile columns for the claims of a verified sign-in.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hashcompat.migrate import Credential, Store
from hashcompat.migrate.stores.memory import MemoryStore
from hashcompat.migrate.stores.migrated import MarkingStore, MemoryMarker
from hashcompat.server.audit import AuditLog
from hashcompat.server.budget import limits_for_budget
from hashcompat.server.config import ConfigError, ServerConfig, StoreConfig
from hashcompat.server.core import FAILURES, Outcome, Verifier
from hashcompat.server.ratelimit import FailureLimiter

__all__ = ["Backend", "Service", "build_store"]

log = logging.getLogger("hashcompat.server")
Profiles = Callable[[str], Mapping[str, str]]


def _no_profile(user: str) -> Mapping[str, str]:
    return {}


@dataclass(frozen=True, slots=True)
class Backend:
    store: Store
    marker: MarkingStore | None = None
    profiles: Profiles = _no_profile


def _file_backend(config: StoreConfig) -> Backend:
    """A user dump (CSV with a header, or JSON Lines) read by :mod:`hashcompat.dump`:
    id, hash, and optionally scheme, salt, username and the profile columns. Loaded once into
    memory; marks are then kept in memory and in the audit log. Malformed rows are left out and
    counted in a warning."""
    from hashcompat.dump import Columns, DumpError, Malformed, open_rows

    users: dict[object, Credential] = {}
    profiles: dict[str, dict[str, str]] = {}
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
                extra = {k: str(v) for k, v in row.other if k in config.profile_columns}
                if extra:
                    profiles[str(row.id)] = extra
    except (DumpError, OSError) as exc:
        raise ConfigError(f"[store] file: {exc}") from None
    if bad:
        log.warning("hashcompat.server: %d malformed rows of the user file left out", bad)
    store = MemoryStore(users)
    return Backend(store, MemoryMarker(store), lambda user: profiles.get(user, {}))


class _SqlProfiles:
    """``SELECT <profile columns> FROM table WHERE id = :id``, after a verified sign-in."""

    def __init__(self, engine: Any, config: StoreConfig) -> None:
        import sqlalchemy as sa

        table = sa.Table(config.table, sa.MetaData(), autoload_with=engine)
        missing = [c for c in config.profile_columns if c not in table.c]
        if missing:
            raise ConfigError(f"[store] profile_columns: table {config.table} lacks {missing}")
        self._engine = engine
        self._query = sa.select(*(table.c[c] for c in config.profile_columns)).where(
            table.c[config.id_column] == sa.bindparam("user")
        )

    def __call__(self, user: str) -> Mapping[str, str]:
        with self._engine.connect() as connection:
            row = connection.execute(self._query, {"user": user}).mappings().first()
        return {} if row is None else {k: str(v) for k, v in row.items() if v is not None}


def build_store(config: StoreConfig) -> Backend:
    if config.file is not None:
        return _file_backend(config)
    import sqlalchemy as sa

    from hashcompat.migrate.stores.migrated import SQLAlchemyMarker
    from hashcompat.migrate.stores.sqlalchemy import SQLAlchemyStore

    engine = sa.create_engine(str(config.url), pool_pre_ping=True)
    table, id_column, hash_column = config.table, config.id_column, config.hash_column
    store = SQLAlchemyStore(
        engine,
        table=table,
        id_column=id_column,
        hash_column=hash_column,
        scheme_column=config.scheme_column,
        salt_column=config.salt_column,
        username_column=config.username_column,
    )
    marker = None
    if config.migrated_column:
        marker = SQLAlchemyMarker(
            engine,
            table=table,
            id_column=id_column,
            hash_column=hash_column,
            migrated_column=config.migrated_column,
        )
    profiles = _SqlProfiles(engine, config) if config.profile_columns else _no_profile
    return Backend(store, marker, profiles)


class Service:
    def __init__(self, config: ServerConfig, *, backend: Backend | None = None) -> None:
        self.config = config
        self.backend = backend if backend is not None else build_store(config.store)
        self.verifier = Verifier(
            config.migrator,
            self.backend.store,
            marker=self.backend.marker,
            limits=limits_for_budget(config.budget_s),
        )
        self.limiter = FailureLimiter(config.rate)
        self.audit = AuditLog(config.audit_log)

    def user_key(self, user: str) -> str:
        return user.lower() if self.config.lowercase_user else user

    def _with_profile(self, user: str, outcome: Outcome) -> Outcome:
        try:
            return dataclasses.replace(outcome, profile=self.backend.profiles(user))
        except Exception as exc:  # the sign-in verified; answer with the claims we have
            log.warning("hashcompat.server: profile read failed (%s)", type(exc).__name__)
            return outcome

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
            elif outcome.ok:
                outcome = self._with_profile(user, outcome)
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
