"""What every reader of a user dump gives: records with their resume position.

One reader for every bulk consumer (analyze, upgrade, export, the hook server's preload), so
each sees the same rows, the same row numbers and the same reasons for a bad row. It streams:
files are read line by line with a cap on each record, tables page by key (``WHERE id > :last
ORDER BY id LIMIT n``), so memory does not grow with the dump and no transaction stays open.

Two kinds of trouble are kept apart. A file that cannot be a dump at all (binary data, an
unreadable header, a column that is not there, a table that does not exist) raises
:class:`DumpError` with one line. A bad row inside a good dump (a NUL byte, a byte that is not
UTF-8, a truncated line, a field over the cap, invalid JSON, no hash) is yielded as a
:class:`Malformed` item with its row number, its id when one can be read, and a reason that
never quotes the row. Nothing is skipped silently: every record is either a :class:`Row` or a
:class:`Malformed`, except blank lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hashcompat.dump._columns import Columns
from hashcompat.dump._row import Malformed, Row

__all__ = ["MAX_RECORD", "Position", "Record", "RowSource"]

MAX_RECORD = 1 << 20  # a record longer than 1 MiB is not a user row


@dataclass(frozen=True, slots=True)
class Position:
    """Where a resumed read starts: records consumed so far, and the byte offset of the next
    record (files) or the last key read (tables)."""

    rows: int = 0
    offset: int = 0
    last_id: str | int | None = None

    def to_dict(self) -> dict[str, object]:
        return {"rows": self.rows, "offset": self.offset, "last_id": self.last_id}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Position:
        last = data.get("last_id")
        return cls(int(data["rows"]), int(data["offset"]), last)


@dataclass(frozen=True, slots=True)
class Record:
    """An item with what a writer needs to copy it: the record's bytes as read (files; None for
    tables and for a record too long to keep) and its parsed fields (a list or a dict)."""

    item: Row | Malformed
    raw: bytes | None = None
    fields: object = None
    end: Position = Position()


class RowSource:  # the readers: files, tables, sqldump, exports; open_rows picks one
    """An open dump. Iterate it for rows, or call :meth:`records` for writers. A context
    manager; ``kind`` is ``csv``, ``jsonl``, ``sql`` (a database table), ``sqldump``,
    ``parquet``, ``firebase`` or ``firebase-csv``."""

    kind: str
    header: tuple[str, ...]
    columns: Columns
    name: str
    position: Position
    path: Path | None = None  # the plain file read, where another reader may open it again

    def records(self) -> Iterator[Record]:
        raise NotImplementedError

    def __iter__(self) -> Iterator[Row | Malformed]:
        for record in self.records():
            yield record.item

    def close(self) -> None:
        """Release the file or the connection pool."""

    def __enter__(self) -> RowSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
