"""A ``.sql`` dump file as a source of rows: one table's tuples, read by :mod:`sqlscan`.

The table is named as for a database (``table="wp_users"``, ``table="auth.users"``). Its column
names come from its ``CREATE TABLE``, an ``INSERT`` column list or the ``COPY`` line, whichever
the dump has first. A tuple with the wrong number of values, a value that is not a literal or
a byte that is not UTF-8 is a :class:`Malformed` row with its position; nothing is echoed.
The dump is read once, front to back: it can be analysed and exported, not upgraded in place.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import BinaryIO

from hashcompat.dump._columns import Columns
from hashcompat.dump._row import Layout, Malformed, Row
from hashcompat.dump._source import Position, Record, RowSource
from hashcompat.dump._sqlscan import Bad, Header, Scanner, Values
from hashcompat.errors import DumpError

__all__ = ["SqlDumpSource"]


class SqlDumpSource(RowSource):
    kind = "sqldump"

    def __init__(self, handle: BinaryIO, name: str, table: str, columns: Columns) -> None:
        self.name = name
        self._handle = handle
        self._scanner = Scanner(handle, table, name)
        self._events = self._scanner.events()
        self._early: list[Values | Bad] = []
        header: tuple[str, ...] | None = None
        for event in self._events:
            if isinstance(event, Header):
                header = event.names
                break
            self._early.append(event)
        if header is None:
            held = ", ".join(self._scanner.tables[:12]) or "none"
            where = "no CREATE TABLE or column list" if self._early else "no rows or CREATE TABLE"
            raise DumpError(f"{name}: {where} for table {table!r} (tables seen: {held})")
        self.header = header
        self.columns = columns.resolve(header, f"{name} table {table}")
        self.position = Position()
        self._layouts: dict[tuple[str, ...], Layout] = {}

    def records(self) -> Iterator[Record]:
        names = self.header
        number = self.position.rows
        known: tuple[str, ...] | None = None  # the names the layout below was made for
        layout = Layout.of((), self.columns)
        for event in self._pending():
            if type(event) is Values:
                number += 1
                self.position = end = Position(number, event.offset)
                current = event.names or names
                if current is not known:
                    known, layout = current, self._layout(current)
                if event.clean and len(event.values) == layout.width:  # the common row
                    yield Record(layout.row(number, event.values), None, None, end)
                    continue
                row = self._row(number, current, event.values, event.clean)
                yield Record(row, None, None, end)
            elif isinstance(event, Header):
                names = event.names
            elif isinstance(event, Bad):
                number += 1
                self.position = end = Position(number, event.offset)
                yield Record(Malformed(number, None, event.reason), None, None, end)

    def _pending(self) -> Iterator[Header | Values | Bad]:
        yield from self._early
        self._early = []
        yield from self._events

    def _row(
        self, number: int, names: tuple[str, ...], values: list[object], clean: bool
    ) -> Row | Malformed:
        if len(values) != len(names):
            return Malformed(
                number, None, f"{len(values)} values where the table has {len(names)} columns"
            )
        layout = self._layout(names)
        for index, value in enumerate(() if clean else values):
            if type(value) is bytes:  # COPY fields, hex and _binary literals
                with contextlib.suppress(UnicodeDecodeError):  # else kept as bytes: a blob
                    values[index] = value.decode("utf-8")
            elif type(value) is str and not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:  # raw bytes of a binary column: kept as bytes
                    values[index] = value.encode("utf-8", "surrogateescape")
        return layout.row(number, values)

    def _layout(self, names: tuple[str, ...]) -> Layout:
        layout = self._layouts.get(names)
        if layout is None:
            layout = self._layouts[names] = Layout.of(names, self.columns)
        return layout

    def close(self) -> None:
        self._handle.close()
