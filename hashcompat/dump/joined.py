"""A platform's users spread over two tables (Keycloak's ``credential`` and ``user_entity``,
XenForo's ``xf_user_authenticate`` and ``xf_user``), read in pages by the first table's key.

The joined tables' columns appear as ``table.column``; the first table's under their own names.
Only reading: a join is never written back (upgrade refuses it; the login hook path remains).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hashcompat.dump.columns import Columns
from hashcompat.dump.row import Malformed, Row, from_mapping
from hashcompat.dump.source import Position, Record, RowSource
from hashcompat.errors import DumpError, SchemeUnavailableError

__all__ = ["JoinedSource"]


def _first_line(exc: BaseException) -> str:
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).strip().splitlines()
    return text[0][:160] if text else type(inner).__name__


class JoinedSource(RowSource):
    kind = "sql"

    def __init__(
        self,
        url: str,
        table: str,
        joins: tuple[tuple[str, str], ...],
        columns: Columns,
        *,
        where: str | None,
        resume: Position | None,
        page: int,
    ) -> None:
        try:
            import sqlalchemy as sa
        except ImportError:
            raise SchemeUnavailableError("database dumps", "pip install sqlalchemy") from None
        self._sa = sa
        try:
            self.engine = sa.create_engine(url)
        except (sa.exc.ArgumentError, ImportError, ValueError) as exc:
            raise DumpError(f"not a usable database URL ({_first_line(exc)})") from None
        self.name = self.engine.url.render_as_string(hide_password=True)
        meta = sa.MetaData()
        try:
            self.table = self._reflect(meta, table)
            others = [(self._reflect(meta, t), on) for t, on in joins]
        except DumpError:
            self.engine.dispose()
            raise
        selected = list(self.table.columns)
        source: Any = self.table
        for other, on in others:
            source = source.outerjoin(other, sa.text(on))
            selected += [c.label(f"{other.name}.{c.name}") for c in other.columns]
        self.header = tuple(c.name for c in self.table.columns) + tuple(
            f"{o.name}.{c.name}" for o, _ in others for c in o.columns
        )
        try:
            self.columns = columns.resolve(self.header, f"{self.name} table {table}")
        except DumpError:
            self.engine.dispose()
            raise
        if self.columns.id is None:
            self.engine.dispose()
            raise DumpError(
                f"{self.name}: a table needs a key column; name it with columns.id",
                parameters=("columns.id",),
            )
        self.key: str = self.columns.id
        self._query = sa.select(*selected).select_from(source)
        if where:
            self._query = self._query.where(sa.text(where))
        self.page = max(1, page)
        self.position = resume or Position()

    def _reflect(self, meta: Any, table: str) -> Any:
        sa = self._sa
        schema, _, name = table.rpartition(".")
        try:
            return sa.Table(name, meta, schema=schema or None, autoload_with=self.engine)
        except sa.exc.NoSuchTableError:
            raise DumpError(f"{self.name}: no table {table!r}") from None
        except sa.exc.SQLAlchemyError as exc:
            raise DumpError(
                f"{self.name}: cannot read table {table!r} ({_first_line(exc)})"
            ) from None

    def records(self) -> Iterator[Record]:
        sa = self._sa
        key = self.table.c[self.key]
        query = self._query.order_by(key).limit(self.page)
        number, last = self.position.rows, self.position.last_id
        while True:
            page = query if last is None else query.where(key > last)
            try:
                with self.engine.connect() as connection:
                    found = connection.execute(page).mappings().all()
            except sa.exc.SQLAlchemyError as exc:
                raise DumpError(f"{self.name}: the query failed ({_first_line(exc)})") from None
            for values in found:
                number += 1
                last = values[self.key]
                self.position = end = Position(number, 0, last)
                yield Record(self._row(number, dict(values)), None, None, end)
            if len(found) < self.page:
                return

    def _row(self, number: int, values: dict[str, Any]) -> Row | Malformed:
        return from_mapping(
            number, values, self.columns, kind="column", no_hash="no hash (NULL or empty)"
        )

    def close(self) -> None:
        self.engine.dispose()
