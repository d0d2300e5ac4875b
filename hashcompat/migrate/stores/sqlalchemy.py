"""A store over any database SQLAlchemy 2 speaks, with compare-and-swap as one UPDATE.

``UPDATE users SET password_hash = :new, hash_scheme = NULL WHERE id = :id AND
password_hash = :expected``: the row changes only if nobody changed it since it was read, which
the database itself decides, so no lock is held across the (slow) verify.

What real databases hand back is handled here: the user id is coerced to the id column's type
(PostgreSQL compares ``integer = '1'`` as an error, SQLite coerces), a binary (``BYTEA``,
``BLOB``) hash column is read and written as UTF-8 bytes, and a hash column too short for the
new hashes is refused when the store is built, with the ``ALTER TABLE`` that fixes it.
"""

from __future__ import annotations

import uuid
from typing import Any

from hashcompat.errors import InvalidArgumentError, SchemeUnavailableError
from hashcompat.migrate._login import Credential

# argon2id with argon2-cffi's defaults is 97 characters and a wrapped row around 150; 255 leaves
# room for larger parameters and long formula names in wrapped rows.
MIN_HASH_LENGTH = 255


def reflect_table(engine: Any, table: str, schema: str | None) -> tuple[Any, Any]:
    """(the sqlalchemy module, the table as the database describes it). SQLAlchemy is
    imported here, not with this module, so that a store without it fails with a clear
    error; shared with :class:`~hashcompat.migrate.stores.migrated.SQLAlchemyMarker`."""
    try:
        import sqlalchemy as sa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    except ImportError:
        raise SchemeUnavailableError("sqlalchemy store", "pip install sqlalchemy") from None
    return sa, sa.Table(table, sa.MetaData(), schema=schema, autoload_with=engine)


def equals_exactly(sa: Any, engine: Any, column: Any, value: str | bytes) -> Any:
    """``column = value`` compared byte for byte. MySQL and MariaDB compare text under the
    column's collation, which is case-insensitive and ignores trailing spaces by default
    (``utf8mb4_unicode_ci``, WordPress's), so a compare-and-swap on a hash that changed only in
    case would still match; there the comparison is done on the bytes."""
    if engine.dialect.name not in ("mysql", "mariadb"):
        return column == value
    raw = value.encode("utf-8") if isinstance(value, str) else value
    return sa.cast(column, sa.LargeBinary) == sa.literal(raw, sa.LargeBinary)


class SQLAlchemyStore:
    def __init__(
        self,
        engine: Any,
        *,
        table: str = "users",
        schema: str | None = None,
        id_column: str = "id",
        hash_column: str = "password_hash",
        scheme_column: str | None = None,
        salt_column: str | None = None,
        username_column: str | None = None,
        min_hash_length: int = MIN_HASH_LENGTH,
    ) -> None:
        self._sa, self._table = reflect_table(engine, table, schema)
        self._engine = engine
        self._id = self._table.c[id_column]
        self._hash = self._table.c[hash_column]
        self._scheme = self._table.c[scheme_column] if scheme_column else None
        self._salt = self._table.c[salt_column] if salt_column else None
        self._username = self._table.c[username_column] if username_column else None
        self._id_type = _python_type(self._id)
        self._binary = _python_type(self._hash) is bytes
        self._check_length(min_hash_length)

    def _check_length(self, needed: int) -> None:
        length = getattr(self._hash.type, "length", None)
        if length is None or length >= needed or self._engine.dialect.name == "sqlite":
            return  # unbounded, long enough, or SQLite (which never enforces VARCHAR(n))
        name = self._table.fullname
        raise InvalidArgumentError(
            f"column {name}.{self._hash.name} holds {length} characters; upgraded hashes need "
            f"up to {needed}. Widen it first, for example: ALTER TABLE {name} ALTER COLUMN "
            f"{self._hash.name} TYPE VARCHAR({needed}) (PostgreSQL; MySQL: ALTER TABLE {name} "
            f"MODIFY {self._hash.name} VARCHAR({needed})), or pass min_hash_length= if you "
            "know every new hash is shorter"
        )

    def _key(self, user_id: object) -> object:
        """``user_id`` as the id column's type, or ``_NO_ID`` where no row can have it."""
        kind = self._id_type
        if isinstance(user_id, bool):
            return _NO_ID
        if kind is int:
            return self._integer(user_id)
        if kind is None or isinstance(user_id, kind):
            return user_id if _plain(user_id) or kind is not None else _NO_ID
        if kind is str and isinstance(user_id, int):
            return str(user_id)
        return _uuid(user_id) if kind is uuid.UUID else _NO_ID

    def _integer(self, user_id: object) -> object:
        if isinstance(user_id, str):
            text = user_id.strip()
            digits = text[1:] if text[:1] in ("+", "-") else text
            if not (digits.isascii() and digits.isdigit()):
                return _NO_ID
            user_id = int(text)
        if not isinstance(user_id, int):
            return _NO_ID
        bits = 64 if isinstance(self._id.type, self._sa.BigInteger) else 32
        if isinstance(self._id.type, self._sa.SmallInteger):
            bits = 16
        return user_id if -(1 << (bits - 1)) <= user_id < 1 << (bits - 1) else _NO_ID

    def _stored(self, value: Any) -> str | bytes | None:
        if value is None or isinstance(value, str):
            return value
        return bytes(value)  # BYTEA and BLOB come back as bytes or memoryview

    def load(self, user_id: object) -> Credential | None:
        key = self._key(user_id)
        if key is _NO_ID:
            return None
        columns = [
            c for c in (self._hash, self._scheme, self._salt, self._username) if c is not None
        ]
        query = self._sa.select(*columns).where(self._id == key)
        with self._engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        if row is None or row[self._hash.name] is None:
            return None

        def get(column: Any) -> str | None:
            return None if column is None else row[column.name]

        return Credential(
            hash=self._stored(row[self._hash.name]),  # type: ignore[arg-type]
            scheme=get(self._scheme),
            salt=get(self._salt),
            username=get(self._username),
        )

    def compare_and_swap(self, user_id: object, expected: str | bytes, new: str) -> bool:
        key = self._key(user_id)
        if key is _NO_ID:
            return False
        if self._binary:
            new_value: str | bytes = new.encode("utf-8")
            if isinstance(expected, str):
                expected = expected.encode("utf-8")
        else:
            new_value = new
        values: dict[str, object] = {self._hash.name: new_value}
        if self._scheme is not None:
            values[self._scheme.name] = None
        statement = (
            self._sa.update(self._table)
            .where(self._id == key, equals_exactly(self._sa, self._engine, self._hash, expected))
            .values(**values)
        )
        with self._engine.begin() as connection:
            return bool(connection.execute(statement).rowcount == 1)


_NO_ID = object()


def _python_type(column: Any) -> type | None:
    try:
        kind: type = column.type.python_type
    except NotImplementedError:
        return None
    return kind


def _uuid(value: object) -> object:
    try:
        return uuid.UUID(value) if isinstance(value, str) else _NO_ID
    except ValueError:
        return _NO_ID


def _plain(value: object) -> bool:
    """Ids a database driver can bind when the column's type is unknown."""
    return isinstance(value, (str, int, bytes, uuid.UUID)) and not isinstance(value, bool)
