"""The server's state without the web framework: store, verifier, limiter, audit trail.

:meth:`Service.sign_in` is what every route and the Cognito handler call with the user name and
password they parsed out of their platform's request: rate limit, verify, the legacy row's
profile columns for the claims, mark, audit. With ``[state] url`` the limiter and a file
store's marks live in Redis, shared by every worker and replica; otherwise in this process.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hashcompat.errors import StateUnavailableError, StoreUnavailableError
from hashcompat.migrate import Credential, Store
from hashcompat.migrate.stores.memory import MemoryStore
from hashcompat.migrate.stores.migrated import MarkingStore, MemoryMarker
from hashcompat.server.audit import AuditLog
from hashcompat.server.breaker import Breaker
from hashcompat.server.budget import limits_for_budget
from hashcompat.server.config import ConfigError, ServerConfig, StoreConfig
from hashcompat.server.core import FAILURES, Kind, Outcome, Ticket, Verifier
from hashcompat.server.ratelimit import FailureLimiter, Limiter

__all__ = ["Backend", "Service", "build_store"]

log = logging.getLogger("hashcompat.server")
Profiles = Callable[[str], Mapping[str, str]]


def _no_profile(user: str) -> Mapping[str, str]:
    return {}


def _no_ping() -> None:
    return None


@dataclass(frozen=True, slots=True)
class Backend:
    store: Store
    marker: MarkingStore | None = None
    profiles: Profiles = _no_profile
    ping: Callable[[], None] = _no_ping  # raises when the store does not answer (/readyz)


def _file_backend(config: StoreConfig) -> Backend:
    """A user dump (CSV with a header, or JSON Lines) read by :mod:`hashcompat.dump`:
    id, hash, and optionally scheme, salt, username and the profile columns. Loaded once into
    memory; marks are then kept in memory and in the audit log. Malformed rows are left out and
    counted in a warning."""
    from hashcompat.dump import Columns, DumpError, Malformed
    from hashcompat.dump.platform import open_source

    users: dict[object, Credential] = {}
    profiles: dict[str, dict[str, str]] = {}
    bad = 0
    columns = Columns(id=config.id_column if config.id_column != "id" else None)
    try:
        source = open_source(
            str(config.file), platform=config.platform, prefix=config.prefix, columns=columns
        )
        with source as rows:
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


def _sql_ping(engine: Any) -> Callable[[], None]:
    def ping() -> None:
        import sqlalchemy as sa

        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))

    return ping


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

    # a short pool_timeout: a request waiting for a free connection past the platform's
    # timeout is lost anyway; the breaker then counts the TimeoutError
    engine = sa.create_engine(str(config.url), pool_pre_ping=True, pool_timeout=2)
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
    if config.platform is not None:
        return Backend(_PlatformStore(store, config.platform), marker, profiles, _sql_ping(engine))
    return Backend(store, marker, profiles, _sql_ping(engine))


Events = Callable[[str, str], None]  # (backend, what happened): counted by the app's metrics


def _no_event(backend: str, what: str) -> None:
    return None


class _PlatformStore:
    """A table store whose hashes are read the platform's way (``[store] from``): WordPress's
    bare MD5 is MD5, Discourse's ``password_algorithm`` names its scheme."""

    def __init__(self, inner: Store, platform: str) -> None:
        from hashcompat.dump.presets import preset

        self._inner = inner
        self._preset = preset(platform)

    def load(self, user_id: object) -> Credential | None:
        found = self._inner.load(user_id)
        if found is None or not isinstance(found.hash, str):
            return found
        scheme = self._preset.read_scheme(found.hash, found.scheme)
        return dataclasses.replace(found, scheme=scheme) if scheme != found.scheme else found

    def compare_and_swap(self, user_id: object, expected: str, new: str) -> bool:
        return self._inner.compare_and_swap(user_id, expected, new)


class Service:
    def __init__(
        self, config: ServerConfig, *, backend: Backend | None = None, events: Events = _no_event
    ) -> None:
        self.config = config
        self.events = events
        self.backend = backend if backend is not None else build_store(config.store)
        self.breaker = Breaker(config.store.breaker_failures, config.store.breaker_open_ms / 1000)
        self.redis: Any = None
        self.limiter: Limiter = FailureLimiter(config.rate)
        marker = self.backend.marker
        if config.state.url is not None:
            from hashcompat.server.state import RedisLimiter, RedisMarker, connect

            self.redis = connect(config.state.url, config.state.timeout_ms / 1000)
            self.limiter = RedisLimiter(self.redis, config.rate, config.state.prefix)
            if isinstance(marker, MemoryMarker):  # a file store's marks, shared
                marker = RedisMarker(self.backend.store, self.redis, config.state.prefix)
        self.marker = marker
        self.verifier = Verifier(
            config.migrator,
            self.backend.store,
            marker=marker,
            limits=limits_for_budget(config.budget_s),
            profiles=self.backend.profiles,
            breaker=self.breaker,
        )
        self.audit = AuditLog(config.audit_log, config.audit_user, config.audit_key)

    @property
    def shared(self) -> bool:
        """Whether rate limits and marks are shared by every process (Redis configured)."""
        return self.redis is not None

    def user_key(self, user: str) -> str:
        return user.lower() if self.config.lowercase_user else user

    def _record(self, platform: str, user: str, outcome: Outcome, client: str | None) -> None:
        if outcome.kind in (Kind.STORE_UNAVAILABLE, Kind.STATE_UNAVAILABLE):
            backend = "store" if outcome.kind is Kind.STORE_UNAVAILABLE else "state"
            self.events(backend, "unavailable")
        self.audit.record(
            platform=platform,
            user_id=user,
            outcome=outcome.kind,
            scheme=outcome.scheme,
            migrated=outcome.migrated,
            client=client,
            seconds=outcome.seconds,
        )

    def sign_in(
        self,
        platform: str,
        user: str,
        password: str,
        client: str | None,
        ticket: Ticket | None = None,
    ) -> Outcome:
        """Blocking: run it in a worker thread from async code. The caller pads the answer to
        ``min_response_s`` (asynchronously, so no worker thread sleeps). With a ``ticket``, the
        answer and its audit line belong to whoever closes the ticket first (see
        :meth:`give_up`)."""
        user = self.user_key(user)
        if ticket is not None and ticket.remaining() <= 0:
            outcome = Outcome(Kind.OVERLOADED)  # the platform has given up on this call already
        else:
            outcome = self._check(user, password, client, ticket)
        if ticket is None or ticket.take():
            self._record(platform, user, outcome, client)
        return outcome

    def _check(
        self, user: str, password: str, client: str | None, ticket: Ticket | None
    ) -> Outcome:
        try:
            token = self.limiter.admit(user, client)
        except StateUnavailableError:
            return Outcome(Kind.STATE_UNAVAILABLE)  # fail closed
        if token is None:
            return Outcome(Kind.RATE_LIMITED)
        if ticket is not None:
            ticket.admitted = True
        outcome = self.verifier.check(user, password, ticket)
        try:
            self.limiter.settle(token, user, client, failed=outcome.kind in FAILURES)
        except StateUnavailableError:  # the reservation stays: one failure too many, at worst
            self.events("state", "settle_failed")
        return outcome

    def give_up(
        self, platform: str, user: str, client: str | None, ticket: Ticket
    ) -> Outcome | None:
        """The deadline passed with the check still running: "try again later", or None when
        the worker holds the answer already (it is marking the row; wait for it).

        Waiting on the store at that moment is ``store_unavailable`` and a failure for the
        breaker; a verify still running is ``timed_out`` (it was admitted, and counts against
        the limit if it fails); a check that never started is ``overloaded``."""
        if not ticket.give_up():
            return None
        if ticket.in_store:
            kind = Kind.STORE_UNAVAILABLE
            self.breaker.failure()
            self.events("store", "timeout")
        else:
            kind = Kind.TIMED_OUT if ticket.admitted else Kind.OVERLOADED
        outcome = Outcome(kind, seconds=time.perf_counter() - ticket.started)
        self._record(platform, self.user_key(user), outcome, client)
        return outcome

    def ready(self) -> dict[str, str]:
        """What ``/readyz`` reports: ``{"store": "ok"|"unavailable", "state": ...}``."""
        report = {"store": "ok", "breaker": str(self.breaker.state)}
        try:
            self.breaker.call(self.backend.ping)
        except StoreUnavailableError:
            report["store"] = "unavailable"
        report["breaker"] = str(self.breaker.state)
        if self.redis is not None:
            try:
                self.redis.ping()
                report["state"] = "ok"
            except Exception:  # any client error: not ready
                report["state"] = "unavailable"
        return report
