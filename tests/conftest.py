from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import hashcompat


@pytest.fixture(autouse=True)
def _no_leaked_schemes() -> Iterator[None]:
    """Removes the schemes a test registered (built-ins it loaded stay), so no test sees
    another's registrations: the catalogue tests count every registered scheme."""
    from hashcompat._registry import registry

    before = set(registry._schemes)
    yield
    added = [n for n in registry._schemes if n not in before and n not in registry._module_of]
    with registry._lock:
        for name in added:
            registry._remove(name)


@pytest.fixture
def limits() -> Iterator[None]:
    """Lets a test change the caps; restores them afterwards."""
    previous = hashcompat.get_limits()
    yield
    hashcompat.set_limits(previous)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL (psycopg 3, Unix socket) of an empty database on a private PostgreSQL
    server started for this test session; skips with the reason where one cannot be started."""
    from tests._support.postgres import Unavailable, running_server

    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(running_server())
        except Unavailable as exc:
            pytest.skip(f"PostgreSQL tests skipped: {exc}")
        yield server.url


@pytest.fixture(scope="session")
def mariadb_url() -> Iterator[str]:
    """A SQLAlchemy URL (PyMySQL, Unix socket) of an empty database on a private MariaDB server
    started for this test session; skips with the reason where one cannot be started."""
    from tests._support.mariadb import Unavailable, running_server

    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(running_server())
        except Unavailable as exc:
            pytest.skip(f"MariaDB tests skipped: {exc}")
        yield server.url


SQL_BACKENDS = ("sqlite", "postgresql", "mariadb")


@pytest.fixture(params=SQL_BACKENDS)
def sql_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A SQLAlchemy URL of a new, empty database on each backend the SQL paths support: a SQLite
    file, then a database on the session's PostgreSQL and MariaDB servers (skipped with the
    reason where one cannot be started). Dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'users.db'}"
        return
    if request.param == "postgresql":
        from tests._support.postgres import fresh_database
    else:
        from tests._support.mariadb import fresh_database  # type: ignore[assignment]
    server = {"postgresql": "postgres_url", "mariadb": "mariadb_url"}[request.param]
    with fresh_database(request.getfixturevalue(server)) as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A ``unix://`` URL of a private redis-server started for this test session (no TCP
    port); skips with the reason where one cannot be started."""
    from tests._support.redis_server import Unavailable, running_redis

    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(running_redis())
        except Unavailable as exc:
            pytest.skip(f"Redis tests skipped: {exc}")
        yield server.url
