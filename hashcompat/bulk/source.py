"""Rows of a user dump: a CSV file with a header, a JSON Lines file, or a table through SQLAlchemy.

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

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hashcompat.errors import HashcompatError

__all__ = [
    "MAX_RECORD",
    "Columns",
    "DumpError",
    "Malformed",
    "Position",
    "Record",
    "Row",
    "RowSource",
    "keyed_row",
    "open_rows",
]

MAX_RECORD = 1 << 20  # a record longer than 1 MiB is not a user row

DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "user_id", "uid", "userid"),
    "hash": (
        "hash",
        "password_hash",
        "hashed_password",
        "user_pass",
        "passwd",
        "pass",
        "password",
    ),
    "scheme": ("scheme", "hash_scheme", "hash_type", "algorithm"),
    "salt": ("salt", "password_salt"),
    "username": ("username", "user_login", "login", "user_name"),
}
FIELDS = tuple(DEFAULT_NAMES)


class DumpError(HashcompatError):
    """The dump as a whole cannot be read; the message is one line and quotes no row."""


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column holds what. ``None``: take the first default name the header has."""

    id: str | None = None
    hash: str | None = None
    scheme: str | None = None
    salt: str | None = None
    username: str | None = None

    def resolve(self, header: list[str] | tuple[str, ...], where: str) -> Columns:
        """The columns of ``header``: named ones must exist, defaults are looked up."""
        lowered = {h.strip().lower(): h for h in header}
        found: dict[str, str | None] = {}
        for name in FIELDS:
            wanted: str | None = getattr(self, name)
            if wanted is not None:
                if wanted not in header:
                    raise DumpError(
                        f"{where}: no column {wanted!r} for --{name.replace('_', '-')}-column "
                        f"(columns: {_shown(header)})"
                    )
                found[name] = wanted
            else:
                found[name] = next((lowered[n] for n in DEFAULT_NAMES[name] if n in lowered), None)
        if found["hash"] is None:
            raise DumpError(
                f"{where}: no hash column; name it with --hash-column (columns: {_shown(header)})"
            )
        return Columns(**found)

    def mapped(self) -> tuple[str, ...]:
        return tuple(c for c in (getattr(self, n) for n in FIELDS) if c is not None)


def _shown(header: list[str] | tuple[str, ...]) -> str:
    names = [h[:24] for h in header[:12]]
    return ", ".join(names) + (", ..." if len(header) > 12 else "") if names else "none"


@dataclass(frozen=True, slots=True)
class Row:
    """One user of the dump. ``number`` counts records from 1 (the header is not counted);
    ``other`` holds the columns that are not mapped, in the dump's order."""

    number: int
    id: str | int | None
    hash: str
    scheme: str | None = None
    salt: str | None = None
    username: str | None = None
    other: tuple[tuple[str, object], ...] = ()

    def __repr__(self) -> str:  # never the hash: reprs end up in logs
        return (
            f"Row(number={self.number}, id={self.id!r}, scheme={self.scheme!r}, "
            f"hash_length={len(self.hash)})"
        )

    @property
    def ref(self) -> str:
        """How a report names the row: its id, else its row number."""
        return str(self.id) if self.id is not None else f"row {self.number}"


@dataclass(frozen=True, slots=True)
class Malformed:
    """A record that could not be read as a user row; ``reason`` never quotes its content."""

    number: int
    id: str | int | None
    reason: str

    @property
    def ref(self) -> str:
        return str(self.id) if self.id is not None else f"row {self.number}"


def keyed_row(
    number: int,
    ident: str | int | None,
    texts: dict[str, str | None],
    record: dict[str, Any],
    columns: Columns,
    *,
    no_hash: str,
) -> Row | Malformed:
    """The row of a keyed record (a JSON object, a table row) from its already checked text
    fields; ``no_hash`` is the reason when the hash is missing or blank. The record's unmapped
    keys are kept in ``other``, in its order. Shared by the JSON Lines and SQL readers, which
    differ only in how they check a field."""
    hash = texts.get("hash")
    if hash is None or not hash.strip():
        return Malformed(number, ident, no_hash)
    mapped = set(columns.mapped())
    return Row(
        number=number,
        id=ident,
        hash=hash,
        scheme=texts.get("scheme"),
        salt=texts.get("salt"),
        username=texts.get("username"),
        other=tuple((k, v) for k, v in record.items() if k not in mapped),
    )


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


class RowSource:
    """An open dump. Iterate it for rows, or call :meth:`records` for writers. A context
    manager; ``kind`` is ``csv``, ``jsonl`` or ``sql``."""

    kind: str
    header: tuple[str, ...]
    columns: Columns
    name: str
    position: Position

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


def open_rows(
    dump: str | os.PathLike[str],
    *,
    table: str | None = None,
    columns: Columns | None = None,
    where: str | None = None,
    format: str | None = None,
    resume: Position | None = None,
    page: int = 1000,
) -> RowSource:
    """Open ``dump``: a path to a CSV or JSON Lines file, or a SQLAlchemy URL with ``table``.

    ``format`` forces ``csv`` or ``jsonl`` (default: by suffix, else by the first byte);
    ``where`` is an SQL condition for tables; ``resume`` continues after a :class:`Position`
    that an earlier reader reported.
    """
    wanted = columns or Columns()
    text = os.fspath(dump)
    if "://" in text:
        if not table:
            raise DumpError("a database URL needs --table")
        from hashcompat.bulk.sqlsource import SqlSource

        return SqlSource(text, table, wanted, where=where, resume=resume, page=page)
    if table or where:
        raise DumpError("--table and --where apply to a database URL, not to a file")
    from hashcompat.bulk.filesource import open_file

    return open_file(Path(text), wanted, format=format, resume=resume)
