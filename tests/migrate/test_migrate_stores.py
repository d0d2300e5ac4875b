"""SQLAlchemyStore against real databases: SQLite files and private PostgreSQL and MariaDB servers.

The server tests run on both, through the ``postgres_url`` and ``mariadb_url`` fixtures
(tests/_support/postgres.py, tests/_support/mariadb.py), and skip with their reason where a
server or its driver is absent.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat.migrate import Migrator, login

sa = pytest.importorskip("sqlalchemy")
from hashcompat.migrate.stores.sqlalchemy import SQLAlchemyStore  # noqa: E402

CHEAP = {"memory_cost": 256, "time_cost": 1, "parallelism": 1}
ROOT = Path(__file__).parents[2]


class Pg:
    """A fresh schema on one of the session's servers (PostgreSQL, or MariaDB, where a schema is
    a database): ``sql`` runs statements inside it, ``engine`` is a plain engine that the store
    is given with ``schema=``."""

    def __init__(self, url: str) -> None:
        self.schema = f"t_{uuid.uuid4().hex[:12]}"
        self.url = url
        self.engine = sa.create_engine(url)
        self.dialect = self.engine.dialect.name
        with self.engine.begin() as connection:
            connection.execute(sa.schema.CreateSchema(self.schema))
        if self.dialect == "postgresql":
            options = {"options": f"-csearch_path={self.schema}"}
            self.raw = sa.create_engine(url, connect_args=options)
        else:
            self.raw = sa.create_engine(self.engine.url.set(database=self.schema))

    def type(self, postgres: str) -> str:
        """A PostgreSQL column type in this server's dialect."""
        if self.dialect == "postgresql":
            return postgres
        return {"BYTEA": "VARBINARY(255)"}.get(postgres, postgres)

    def sql(self, statement: str, **params: object) -> Any:
        with self.raw.begin() as connection:
            result = connection.execute(sa.text(statement), params)
            return result.scalar() if result.returns_rows else None

    def close(self) -> None:
        self.raw.dispose()
        with self.engine.begin() as connection:
            if self.dialect == "postgresql":
                connection.execute(sa.schema.DropSchema(self.schema, cascade=True))
            else:
                connection.execute(sa.text(f"DROP DATABASE {self.schema}"))
        self.engine.dispose()


@pytest.fixture(params=["postgres", "mariadb"])
def server_url(request: pytest.FixtureRequest) -> str:
    """The session's PostgreSQL or MariaDB server (each skips with its reason)."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


@pytest.fixture
def pg(server_url: str) -> Iterator[Pg]:
    database = Pg(server_url)
    try:
        yield database
    finally:
        database.close()


def _table(pg: Pg, hash_type: str = "TEXT") -> None:
    columns = "id INTEGER PRIMARY KEY, password_hash {}, scheme VARCHAR(64)"
    pg.sql(f"CREATE TABLE users ({columns.format(pg.type(hash_type))})")


def _add(pg: Pg, user_id: int, hash: str | bytes, scheme: str | None = None) -> None:
    pg.sql("INSERT INTO users VALUES (:i, :h, :s)", i=user_id, h=hash, s=scheme)


def _stored(pg: Pg, user_id: int) -> str:
    value: str = pg.sql("SELECT password_hash FROM users WHERE id = :i", i=user_id)
    return value


# -- 11: ids, column length, schema= ---------------------------------------------------------------


def test_servers_integer_id_given_as_text_is_coerced(pg: Pg) -> None:
    _table(pg)
    _add(pg, 1, hashcompat.hash("pw", "phpass", log2_rounds=7))
    store = SQLAlchemyStore(pg.engine, schema=pg.schema, scheme_column="scheme")
    migrator = Migrator.cheapest_for_tests()
    assert login(migrator, store, "1", "pw").upgraded
    assert _stored(pg, 1).startswith("$argon2id$")
    unknown = login(migrator, store, "not-a-number", "pw")
    assert not unknown and unknown.event is not None and unknown.event.kind == "unknown_user"


def test_servers_short_hash_column_fails_at_construction(pg: Pg) -> None:
    _table(pg, hash_type="VARCHAR(34)")
    with pytest.raises(hashcompat.HashcompatError) as caught:
        SQLAlchemyStore(pg.engine, schema=pg.schema)
    message = str(caught.value)
    assert "ALTER TABLE" in message and f"{pg.schema}.users" in message and "34" in message
    SQLAlchemyStore(pg.engine, schema=pg.schema, min_hash_length=34)  # the caller knows better


def test_servers_char_column_padding(pg: Pg) -> None:
    _table(pg, hash_type="CHAR(255)")
    _add(pg, 1, hashcompat.hash("pw", "sha1"), scheme="sha1")
    store = SQLAlchemyStore(pg.engine, schema=pg.schema, scheme_column="scheme")
    loaded = store.load(1)
    assert loaded is not None
    assert len(loaded.hash) == (255 if pg.dialect == "postgresql" else 40)  # PostgreSQL pads CHAR
    assert login(Migrator.cheapest_for_tests(), store, 1, "pw").upgraded
    assert hashcompat.verify("pw", _stored(pg, 1).rstrip())


def test_servers_bytea_hash_column(pg: Pg) -> None:
    _table(pg, hash_type="BYTEA")
    legacy = hashcompat.hash("pw", "phpass", log2_rounds=7).encode()
    _add(pg, 1, legacy)
    store = SQLAlchemyStore(pg.engine, schema=pg.schema)
    assert login(Migrator.cheapest_for_tests(), store, 1, "pw").upgraded


def test_sqlite_store_checks_ids_and_schema(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'u.db'}")
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE users (id INTEGER PRIMARY KEY, h VARCHAR(34))"))
        connection.execute(
            sa.text("INSERT INTO users VALUES (1, :h)"), {"h": hashcompat.hash("pw", "md5")}
        )
    store = SQLAlchemyStore(engine, hash_column="h")  # SQLite does not enforce VARCHAR(n)
    assert store.load("1") is not None and store.load(1) is not None
    assert store.load("x") is None and store.load(None) is None


# -- 12: concurrency and a kill between UPDATE and COMMIT ------------------------------------------


def _worker(url: str, schema: str, threads: int, barrier: Any, out: Any) -> None:
    import threading

    engine = sa.create_engine(url, pool_size=threads)
    store = SQLAlchemyStore(engine, schema=schema)
    migrator = Migrator.cheapest_for_tests()
    results: list[tuple[bool, bool]] = []
    local = threading.Barrier(threads)

    def one() -> None:
        local.wait()
        result = login(migrator, store, 1, "together")
        results.append((result.ok, result.upgraded))

    barrier.wait()
    pool = [threading.Thread(target=one) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    out.put(results)
    engine.dispose()


def test_servers_processes_and_threads_exactly_one_write_wins(pg: Pg) -> None:
    _table(pg)
    _add(pg, 1, hashcompat.hash("together", "drupal7", log2_rounds=7))
    context = multiprocessing.get_context("spawn")
    processes, threads = 3, 4
    barrier, out = context.Barrier(processes), context.Queue()
    workers = [
        context.Process(target=_worker, args=(pg.url, pg.schema, threads, barrier, out))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    results = [r for _ in workers for r in out.get(timeout=120)]
    for worker in workers:
        worker.join(timeout=60)
    assert len(results) == processes * threads
    assert all(ok for ok, _ in results)
    assert sum(upgraded for _, upgraded in results) == 1
    final = _stored(pg, 1)
    assert final.startswith("$argon2id$") and hashcompat.verify("together", final)


_KILLED_CHILD = """
import os, signal, sys
import sqlalchemy as sa
from hashcompat.migrate import Migrator, login
from hashcompat.migrate.stores.sqlalchemy import SQLAlchemyStore

engine = sa.create_engine(sys.argv[1])

@sa.event.listens_for(engine, "after_cursor_execute")
def die_after_update(conn, cursor, statement, parameters, context, executemany):
    if statement.lstrip().upper().startswith("UPDATE"):
        print("updated", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # the UPDATE ran, the COMMIT never comes

store = SQLAlchemyStore(engine, schema=sys.argv[2])
login(Migrator.cheapest_for_tests(), store, 1, "pw")
"""


def test_servers_kill_between_update_and_commit_keeps_the_old_hash(pg: Pg) -> None:
    _table(pg)
    legacy = hashcompat.hash("pw", "phpass", log2_rounds=7)
    _add(pg, 1, legacy)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_KILLED_CHILD), pg.url, pg.schema],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL and "updated" in child.stdout, child.stderr[-500:]
    assert _stored(pg, 1) == legacy  # rolled back by the server
    store = SQLAlchemyStore(pg.engine, schema=pg.schema)
    assert login(Migrator.cheapest_for_tests(), store, 1, "pw").upgraded  # no lock left behind


def test_servers_ids_out_of_the_column_range_are_unknown_users(pg: Pg) -> None:
    _table(pg)
    store = SQLAlchemyStore(pg.engine, schema=pg.schema)
    for user_id in ("99999999999", 2**40, "1.0", "\u0661", True, None, b"1", 1.5):
        assert store.load(user_id) is None
        assert not store.compare_and_swap(user_id, "a", "b")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=12),
        st.binary(max_size=8),
        st.lists(st.integers(), max_size=2),
    )
)
def test_sqlite_store_takes_any_id(user_id: object) -> None:
    store = _sqlite_store()
    found = store.load(user_id)
    assert found is None or found.hash
    store.compare_and_swap(user_id, "not-the-hash", "x")


@functools.lru_cache(maxsize=1)
def _sqlite_store() -> SQLAlchemyStore:
    engine = sa.create_engine("sqlite://")
    with engine.begin() as connection:
        connection.execute(
            sa.text("CREATE TABLE users (id INTEGER PRIMARY KEY, password_hash TEXT)")
        )
        connection.execute(sa.text("INSERT INTO users VALUES (1, 'h')"))
    return SQLAlchemyStore(engine)
