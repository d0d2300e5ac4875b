"""A user table through SQLAlchemy, read in pages by key.

``SELECT ... WHERE (<where>) AND id > :last ORDER BY id LIMIT n``: each page is its own short
query, so no cursor or transaction stays open during a long run, and the last key read is the
resume point. Messages show the URL without its password.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hashcompat.dump._columns import Columns
from hashcompat.dump._row import Malformed, Row, from_mapping
from hashcompat.dump._source import Position, Record, RowSource
from hashcompat.errors import DumpError, SchemeUnavailableError


def first_error_line(exc: BaseException) -> str:
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).strip().splitlines()
    return text[0][:160] if text else type(inner).__name__


class PagedSource(RowSource):
    """A query read in pages by key: ``_select()`` is the query, ``key`` its key column. Each
    page is its own short query, and the last key read is the resume point."""

    kind = "sql"
    _sa: Any
    engine: Any
    table: Any
    key: str
    page: int

    def _connect(self, url: str) -> Any:
        """SQLAlchemy, and an engine for ``url``; the name shown hides the password."""
        try:
            import sqlalchemy as sa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
        except ImportError:
            raise SchemeUnavailableError("database dumps", "pip install sqlalchemy") from None
        self._sa = sa
        try:
            self.engine = sa.create_engine(url)
        except (sa.exc.ArgumentError, ImportError, ValueError) as exc:
            raise DumpError(f"not a usable database URL ({first_error_line(exc)})") from None
        self.name = self.engine.url.render_as_string(hide_password=True)
        return sa

    def _select(self) -> Any:
        raise NotImplementedError

    def records(self) -> Iterator[Record]:
        sa = self._sa
        key = self.table.c[self.key]
        query = self._select().order_by(key).limit(self.page)
        number, last = self.position.rows, self.position.last_id
        while True:
            page = query if last is None else query.where(key > last)
            try:
                with self.engine.connect() as connection:
                    found = connection.execute(page).mappings().all()
            except sa.exc.SQLAlchemyError as exc:
                reason = first_error_line(exc)
                raise DumpError(f"{self.name}: the query failed ({reason})") from None
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


class SqlSource(PagedSource):
    def __init__(
        self,
        url: str,
        table: str,
        columns: Columns,
        *,
        where: str | None,
        resume: Position | None,
        page: int,
    ) -> None:
        sa = self._connect(url)
        schema, _, name = table.rpartition(".")
        try:
            self.table = sa.Table(
                name, sa.MetaData(), schema=schema or None, autoload_with=self.engine
            )
        except sa.exc.NoSuchTableError:
            self.engine.dispose()
            raise DumpError(f"{self.name}: no table {table!r}") from None
        except sa.exc.SQLAlchemyError as exc:
            self.engine.dispose()
            reason = first_error_line(exc)
            raise DumpError(f"{self.name}: cannot read table {table!r} ({reason})") from None
        self.header = tuple(c.name for c in self.table.columns)
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
        self.where = where
        self.page = max(1, page)
        self.position = resume or Position()

    def _select(self) -> Any:
        query = self._sa.select(self.table)
        return query.where(self._sa.text(self.where)) if self.where else query
