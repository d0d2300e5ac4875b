"""The private MariaDB server fixture itself: reachable over its Unix socket only."""

from __future__ import annotations

import pytest

sa = pytest.importorskip("sqlalchemy")


def test_server_answers_over_the_unix_socket(mariadb_url: str) -> None:
    engine = sa.create_engine(mariadb_url)
    try:
        with engine.connect() as connection:
            version = connection.execute(sa.text("SELECT VERSION()")).scalar_one()
            networking = connection.execute(sa.text("SELECT @@skip_networking")).scalar_one()
        assert "MariaDB" in version
        assert networking == 1  # no TCP listener
    finally:
        engine.dispose()


def test_fresh_database_is_dropped_afterwards(mariadb_url: str) -> None:
    from tests.mariadb import fresh_database

    with fresh_database(mariadb_url) as url:
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE t (id INT PRIMARY KEY)"))
        name = engine.url.database
        engine.dispose()
    engine = sa.create_engine(mariadb_url)
    with engine.connect() as connection:
        names = connection.execute(sa.text("SHOW DATABASES")).scalars().all()
    engine.dispose()
    assert name not in names


def test_missing_binaries_give_a_clear_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import mariadb

    monkeypatch.setattr(mariadb.shutil, "which", lambda name: None)
    monkeypatch.setattr(mariadb, "_SEARCH", ("/nonexistent/sbin",))
    with pytest.raises(mariadb.Unavailable, match="apt-get install mariadb-server"):
        mariadb.find_binaries()
