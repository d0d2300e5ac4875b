"""A store over any database SQLAlchemy 2 speaks, with compare-and-swap as one UPDATE.

``UPDATE users SET password_hash = :new, hash_scheme = NULL WHERE id = :id AND
password_hash = :expected``: the row changes only if nobody changed it since it was read, which
the database itself decides, so no lock is held across the (slow) verify.
"""

from __future__ import annotations

from typing import Any

from hashcompat.errors import SchemeUnavailableError
from hashcompat.migrate.login import Credential


class SQLAlchemyStore:
    def __init__(
        self,
        engine: Any,
        *,
        table: str = "users",
        id_column: str = "id",
        hash_column: str = "password_hash",
        scheme_column: str | None = None,
        salt_column: str | None = None,
        username_column: str | None = None,
    ) -> None:
        try:
            import sqlalchemy as sa
        except ImportError:
            raise SchemeUnavailableError("sqlalchemy store", "pip install sqlalchemy") from None
        self._sa = sa
        self._engine = engine
        self._table = sa.Table(table, sa.MetaData(), autoload_with=engine)
        self._id = self._table.c[id_column]
        self._hash = self._table.c[hash_column]
        self._scheme = self._table.c[scheme_column] if scheme_column else None
        self._salt = self._table.c[salt_column] if salt_column else None
        self._username = self._table.c[username_column] if username_column else None

    def load(self, user_id: object) -> Credential | None:
        columns = [
            c for c in (self._hash, self._scheme, self._salt, self._username) if c is not None
        ]
        query = self._sa.select(*columns).where(self._id == user_id)
        with self._engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        if row is None or row[self._hash.name] is None:
            return None

        def get(column: Any) -> str | None:
            return None if column is None else row[column.name]

        return Credential(
            hash=row[self._hash.name],
            scheme=get(self._scheme),
            salt=get(self._salt),
            username=get(self._username),
        )

    def compare_and_swap(self, user_id: object, expected: str, new: str) -> bool:
        values: dict[str, object] = {self._hash.name: new}
        if self._scheme is not None:
            values[self._scheme.name] = None
        statement = (
            self._sa.update(self._table)
            .where(self._id == user_id, self._hash == expected)
            .values(**values)
        )
        with self._engine.begin() as connection:
            return bool(connection.execute(statement).rowcount == 1)
