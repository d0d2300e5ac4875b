"""The private PostgreSQL server fixture itself: reachable over its Unix socket only."""

from __future__ import annotations

import pytest

sa = pytest.importorskip("sqlalchemy")


def test_server_answers_over_the_unix_socket(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            version = connection.execute(sa.text("SHOW server_version")).scalar_one()
            listen = connection.execute(sa.text("SHOW listen_addresses")).scalar_one()
        assert version
        assert listen == ""  # no TCP listener
    finally:
        engine.dispose()


def test_missing_binaries_give_a_clear_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import postgres

    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    monkeypatch.setattr(postgres, "_SEARCH", "/nonexistent/postgresql/*/bin")
    with pytest.raises(postgres.Unavailable, match="apt-get install postgresql"):
        postgres.find_bin_dir()
