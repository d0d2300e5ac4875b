"""Rehash on login over a real SQLite file: upgrade, concurrency, failures, wrapped rows."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

import hashcompat
from hashcompat.migrate import Credential, Event, Migrator, login, wrap
from hashcompat.migrate.stores.memory import MemoryStore

sa = pytest.importorskip("sqlalchemy")
from hashcompat.migrate.stores.sqlalchemy import SQLAlchemyStore  # noqa: E402

CHEAP = {"memory_cost": 256, "time_cost": 1, "parallelism": 1}


@pytest.fixture
def engine(tmp_path: Path) -> Any:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'users.db'}")
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "CREATE TABLE users (id INTEGER PRIMARY KEY, password_hash TEXT, scheme TEXT, "
                "salt TEXT)"
            )
        )
    return engine


def _add(
    engine: Any, user_id: int, hash: str, scheme: str | None = None, salt: str | None = None
) -> None:
    with engine.begin() as connection:
        connection.execute(
            sa.text("INSERT INTO users VALUES (:i, :h, :s, :salt)"),
            {"i": user_id, "h": hash, "s": scheme, "salt": salt},
        )


def _stored(engine: Any, user_id: int) -> str:
    with engine.connect() as connection:
        value: str = connection.execute(
            sa.text("SELECT password_hash FROM users WHERE id = :i"), {"i": user_id}
        ).scalar_one()
    return value


def _store(engine: Any) -> SQLAlchemyStore:
    return SQLAlchemyStore(engine, scheme_column="scheme", salt_column="salt")


def test_legacy_user_is_upgraded_to_argon2id(engine: Any) -> None:
    _add(engine, 1, hashcompat.hash("s3cret", "phpass", log2_rounds=7))
    events: list[Event] = []
    migrator = Migrator.cheapest_for_tests(on_event=events.append)
    assert not login(migrator, _store(engine), 1, "wrong")
    assert _stored(engine, 1).startswith("$P$")
    result = login(migrator, _store(engine), 1, "s3cret")
    assert result.ok and result.upgraded
    assert _stored(engine, 1).startswith("$argon2id$")
    assert login(migrator, _store(engine), 1, "s3cret").event == Event("verified", 1, "argon2")
    assert [e.kind for e in events] == ["failed", "upgraded", "verified"]
    assert all("s3cret" not in repr(e) for e in events)


def test_salt_column_and_named_scheme(engine: Any) -> None:
    formula = "md5($salt.md5($pass))"
    _add(engine, 2, hashcompat.hash("pw", formula, salt="xy"), scheme=formula, salt="xy")
    migrator = Migrator.cheapest_for_tests()
    assert login(migrator, _store(engine), 2, "pw").upgraded
    assert hashcompat.verify("pw", _stored(engine, 2))


def test_concurrent_logins_leave_one_valid_modern_hash(engine: Any) -> None:
    legacy = hashcompat.hash("together", "drupal7", log2_rounds=7)
    _add(engine, 3, legacy)
    migrator = Migrator.cheapest_for_tests()
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def one_login() -> None:
        barrier.wait()
        results.append(login(migrator, _store(engine), 3, "together").upgraded)

    threads = [threading.Thread(target=one_login) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = _stored(engine, 3)
    assert results.count(True) == 1  # exactly one write won; the others saw a newer hash
    assert final.startswith("$argon2id$") and hashcompat.verify("together", final)


class _CrashingStore(MemoryStore):
    def compare_and_swap(self, user_id: object, expected: str, new: str) -> bool:
        raise ConnectionError("database went away")


def test_failure_between_verify_and_write_keeps_the_old_hash() -> None:
    legacy = hashcompat.hash("pw", "md5")
    store = _CrashingStore({7: Credential(legacy, scheme="md5")})
    migrator = Migrator.cheapest_for_tests()
    result = login(migrator, store, 7, "pw")
    assert (
        result.ok and not result.upgraded and result.event and result.event.kind == "write_failed"
    )
    assert store.load(7) == Credential(legacy, scheme="md5")
    assert login(migrator, MemoryStore({7: Credential(legacy, scheme="md5")}), 7, "pw").upgraded


def test_wrapped_md5_row_verifies_and_unwraps(engine: Any) -> None:
    wrapped = wrap(hashcompat.hash("old", "md5"), scheme="md5", **CHEAP)
    assert wrapped.startswith("$hcw$1$") and hashcompat.identify(wrapped) == ["wrapped"]
    assert hashcompat.verify("old", wrapped) and not hashcompat.verify("new", wrapped)
    _add(engine, 4, wrapped)
    migrator = Migrator.cheapest_for_tests(allowed=frozenset({"md5"}))
    assert login(migrator, _store(engine), 4, "old").upgraded
    assert _stored(engine, 4).startswith("$argon2id$")


def test_allow_list_refuses_plaintext_and_unlisted_schemes() -> None:
    store = MemoryStore(
        {
            1: Credential("hunter2", scheme="plaintext"),
            2: Credential(hashcompat.hash("pw", "sha1"), scheme="sha1"),
        }
    )
    assert login(Migrator.cheapest_for_tests(), store, 1, "hunter2").event == Event(
        "refused", 1, "plaintext"
    )
    only_md5 = Migrator.cheapest_for_tests(allowed=frozenset({"md5"}))
    assert not login(only_md5, store, 2, "pw")


def test_unknown_user_and_malformed_row() -> None:
    store = MemoryStore({1: Credential("$P$garbage")})
    migrator = Migrator.cheapest_for_tests()
    unknown = login(migrator, store, 99, "pw")
    assert not unknown and unknown.event and unknown.event.kind == "unknown_user"
    malformed = login(migrator, store, 1, "pw")
    assert not malformed and malformed.event and malformed.event.kind == "malformed"


def test_read_only_profile_never_rewrites() -> None:
    legacy = hashcompat.hash("pw", "phpass", log2_rounds=7)
    store = MemoryStore({1: Credential(legacy)})
    result = login(Migrator.legacy_read_only(target_params=CHEAP), store, 1, "pw")
    assert result.ok and not result.upgraded
    assert store.load(1) == Credential(legacy)


def test_needs_update() -> None:
    migrator = Migrator.cheapest_for_tests()
    assert migrator.needs_update(hashcompat.hash("pw", "phpass", log2_rounds=7))
    assert migrator.needs_update(hashcompat.hash("pw", "bcrypt", cost=4))
    cheap = hashcompat.hash("pw", "argon2", **CHEAP)
    assert not migrator.needs_update(cheap)
    assert Migrator().needs_update(cheap)  # below argon2-cffi's recommended profile
    assert not Migrator().needs_update(hashcompat.hash("pw", "argon2"))
