"""A platform's users spread over two tables (Keycloak's ``credential`` and ``user_entity``,
XenForo's ``xf_user_authenticate`` and ``xf_user``), read in pages by the first table's key.

The joined tables' columns appear as ``table.column``; the first table's under their own names.
Only reading: a join is never written back (upgrade refuses it; the login hook path remains).
"""

from __future__ import annotations

from typing import Any

from hashcompat.dump._columns import Columns
from hashcompat.dump._source import Position
from hashcompat.dump._tables import PagedSource, first_error_line
from hashcompat.errors import DumpError

__all__ = ["JoinedSource"]


class JoinedSource(PagedSource):
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
        sa = self._connect(url)
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
                f"{self.name}: cannot read table {table!r} ({first_error_line(exc)})"
            ) from None

    def _select(self) -> Any:
        return self._query
