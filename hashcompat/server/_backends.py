"""Where the hook server's users come from: a SQL table (SQLAlchemy) or a user file, with the
marker of verified rows, the profile columns for the claims, and a ping for ``/readyz``.

:func:`build_store` turns ``[store]`` into a :class:`Backend`; :mod:`hashcompat.server._service`
puts the breaker, the limiter and the audit trail around it.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hashcompat.errors import ConfigError
from hashcompat.migrate import Credential, Store
from hashcompat.migrate.stores.memory import MemoryStore
from hashcompat.migrate.stores.migrated import MarkingStore, MemoryMarker
from hashcompat.server._config import StoreConfig

__all__ = ["Backend", "build_store"]

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
    from hashcompat.dump import Columns, DumpError, Malformed  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.dump._platform import open_source  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

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
        import sqlalchemy as sa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))

    return ping


class _SqlProfiles:
    """``SELECT <profile columns> FROM table WHERE id = :id``, after a verified sign-in."""

    def __init__(self, engine: Any, config: StoreConfig) -> None:
        import sqlalchemy as sa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

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
    import sqlalchemy as sa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    from hashcompat.migrate.stores.migrated import SQLAlchemyMarker  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.migrate.stores.sqlalchemy import SQLAlchemyStore  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

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


class _PlatformStore:
    """A table store whose hashes are read the platform's way (``[store] from``): WordPress's
    bare MD5 is MD5, Discourse's ``password_algorithm`` names its scheme."""

    def __init__(self, inner: Store, platform: str) -> None:
        from hashcompat.dump._presets import preset  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

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
