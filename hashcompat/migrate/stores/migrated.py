"""Marking legacy rows migrated, for just-in-time migration to another platform.

When an identity platform (Okta, Cognito, Entra ID...) verifies a first sign-in through the hook
server, the platform stores its own hash; the legacy row is then only marked, never rewritten.
The mark is a compare-and-swap on the hash that was verified, so a row whose hash changed since
(a password reset in the old system) is not marked, and once every row is marked the legacy
hashes can be deleted.

Convention, which ``hashcompat analyze`` reads: a nullable timestamp column, ``migrated_at`` by
default, in the users table itself; ``NULL`` means not migrated yet.
"""

from __future__ import annotations

import datetime
import threading
from typing import Any, Protocol

from hashcompat.migrate._login import Store
from hashcompat.migrate.stores.sqlalchemy import equals_exactly, reflect_table

__all__ = ["MIGRATED_COLUMN", "MarkingStore", "MemoryMarker", "SQLAlchemyMarker"]

MIGRATED_COLUMN = "migrated_at"


class MarkingStore(Protocol):
    def mark_migrated(self, user_id: object, expected_hash: str) -> bool:
        """Mark the row migrated if its hash is still ``expected_hash`` and it is not marked
        yet; True if this call marked it."""
        ...


class MemoryMarker:
    """Marks over any store in memory (a file store, tests); the marks live as long as it does."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._marked: dict[object, datetime.datetime] = {}
        self._lock = threading.Lock()

    def mark_migrated(self, user_id: object, expected_hash: str) -> bool:
        with self._lock:
            credential = self._store.load(user_id)
            if credential is None or credential.hash != expected_hash or user_id in self._marked:
                return False
            self._marked[user_id] = datetime.datetime.now(datetime.timezone.utc)
            return True

    def count_migrated(self) -> int:
        with self._lock:
            return len(self._marked)


class SQLAlchemyMarker:
    """``UPDATE users SET migrated_at = :now WHERE id = :id AND password_hash = :expected AND
    migrated_at IS NULL``: one statement, decided by the database."""

    def __init__(
        self,
        engine: Any,
        *,
        table: str = "users",
        id_column: str = "id",
        hash_column: str = "password_hash",
        migrated_column: str = MIGRATED_COLUMN,
        schema: str | None = None,
    ) -> None:
        self._sa, self._table = reflect_table(engine, table, schema)
        self._engine = engine
        self._id = self._table.c[id_column]
        self._hash = self._table.c[hash_column]
        if migrated_column not in self._table.c:
            from hashcompat.errors import InvalidArgumentError  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

            raise InvalidArgumentError(
                f"table {table} has no column {migrated_column!r}: add a nullable timestamp "
                "column to mark migrated rows"
            )
        self._migrated = self._table.c[migrated_column]

    def mark_migrated(self, user_id: object, expected_hash: str) -> bool:
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        statement = (
            self._sa.update(self._table)
            .where(
                self._id == user_id,
                equals_exactly(self._sa, self._engine, self._hash, expected_hash),
                self._migrated.is_(None),
            )
            .values({self._migrated.name: now})
        )
        with self._engine.begin() as connection:
            return bool(connection.execute(statement).rowcount == 1)

    def count_migrated(self) -> int:
        query = self._sa.select(self._sa.func.count()).where(self._migrated.is_not(None))
        with self._engine.connect() as connection:
            return int(connection.execute(query).scalar_one())
