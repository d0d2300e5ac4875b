"""Where upgraded rows go: a new file, or the table itself.

:class:`FileSink` copies every record it can through unchanged (its bytes as read) and rewrites
only the hash field (and clears the scheme field) of a wrapped row. Each batch ends with a
flush and an fsync, and the resume point is the file's length after the last whole batch, so a
crash can leave a partial batch at the end that the resume cuts off.

:class:`TableSink` writes one transaction per batch: ``UPDATE ... SET hash = :new WHERE id =
:id AND hash = :old``. A row whose hash changed since it was read (a login upgraded it) is left
alone and counted as lost, never overwritten.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any, BinaryIO

from hashcompat.dump import DumpError, Record, Row, RowSource
from hashcompat.dump._private import private_binary
from hashcompat.migrate.stores.sqlalchemy import equals_exactly

__all__ = ["MIN_HASH_COLUMN", "FileSink", "TableSink"]

MIN_HASH_COLUMN = 160  # a wrapped argon2id hash of a long legacy setting is about 150 chars


class FileSink:
    def __init__(self, path: Path, source: RowSource, *, resume_at: int | None) -> None:
        if source.kind not in ("csv", "jsonl"):
            raise DumpError(
                f"{source.name}: a {source.kind} dump can be analysed and exported, not copied; "
                "upgrade writes a copy of a CSV or JSON Lines file, or a table in place"
            )
        self.path = path
        self.kind = source.kind
        self.header = source.header
        self.columns = source.columns
        self.delimiter = getattr(source, "delimiter", ",")
        self.handle: BinaryIO
        if resume_at is None:
            self.handle = private_binary(path, "wb")
            self.handle.write(getattr(source, "header_bytes", b""))
        else:
            try:
                self.handle = private_binary(path, "r+b")
            except OSError:
                raise DumpError(f"{path}: the output of the interrupted run is missing") from None
            self.handle.truncate(resume_at)
            self.handle.seek(resume_at)

    def write(self, records: list[Record], new: dict[int, str]) -> tuple[int, int]:
        """Write a batch; ``new`` maps an index in ``records`` to its wrapped hash. Returns
        (rows written, rows dropped because their bytes could not be kept)."""
        out = bytearray()
        dropped = 0
        for index, record in enumerate(records):
            wrapped = new.get(index)
            if wrapped is not None:
                out += self._rewrite(record, wrapped)
            elif record.raw is None:
                dropped += 1
            else:
                out += record.raw if record.raw.endswith(b"\n") else record.raw + b"\n"
        self.handle.write(out)
        return len(records) - dropped, dropped

    def _rewrite(self, record: Record, wrapped: str) -> bytes:
        ending = "\r\n" if (record.raw or b"").endswith(b"\r\n") else "\n"
        cols = self.columns
        if self.kind == "jsonl":
            obj = dict(record.fields)  # type: ignore[call-overload]
            obj[cols.hash] = wrapped
            if cols.scheme is not None and cols.scheme in obj:
                obj[cols.scheme] = None  # the wrapped string names its scheme
            return (json.dumps(obj, ensure_ascii=False) + ending).encode("utf-8")
        fields = list(record.fields)  # type: ignore[call-overload]
        fields[self.header.index(cols.hash)] = wrapped
        if cols.scheme is not None:
            fields[self.header.index(cols.scheme)] = ""
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=self.delimiter, lineterminator=ending).writerow(fields)
        return buffer.getvalue().encode("utf-8")

    def commit(self) -> int:
        """Make the written batches durable; returns the resume offset."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        return self.handle.tell()

    def close(self) -> None:
        self.handle.close()


class TableSink:
    """``min_length``: the longest value it will write (a wrapped hash; a sunset marker is
    shorter), checked against the hash column's declared width up front."""

    def __init__(self, source: Any, *, min_length: int = MIN_HASH_COLUMN) -> None:
        self._sa = source._sa
        self.engine = source.engine
        self.table = source.table
        cols = source.columns
        self.key = self.table.c[source.key]
        self.hash = self.table.c[cols.hash]
        self.scheme = self.table.c[cols.scheme] if cols.scheme else None
        length = getattr(self.hash.type, "length", None)
        if length is not None and length < min_length:
            raise DumpError(
                f"column {cols.hash} holds {length} characters, too few for a wrapped hash; "
                f"widen it first: {_widen(self.engine.dialect.name, self.table.name, cols.hash)}"
            )

    def write(self, rows: list[Row], new: list[str]) -> tuple[int, int]:
        """One transaction: compare-and-swap each row. Returns (written, lost to a change)."""
        written = sum(self.swap(rows, new))
        return written, len(rows) - written

    def swap(self, rows: list[Row], new: list[str], guards: list[Any] | None = None) -> list[bool]:
        """One transaction: compare-and-swap each row, with its own extra condition from
        ``guards`` if given (an SQLAlchemy clause, or None). Returns which rows changed."""
        values_base: dict[str, object] = {}
        if self.scheme is not None:
            values_base[self.scheme.name] = None
        done = []
        with self.engine.begin() as connection:
            for index, (row, value) in enumerate(zip(rows, new, strict=True)):
                statement = (
                    self._sa.update(self.table)
                    .where(
                        self.key == row.id,
                        equals_exactly(self._sa, self.engine, self.hash, row.hash),
                    )
                    .values({self.hash.name: value, **values_base})
                )
                guard = guards[index] if guards is not None else None
                if guard is not None:
                    statement = statement.where(guard)
                done.append(connection.execute(statement).rowcount == 1)
        return done

    def close(self) -> None:
        """The engine belongs to the source."""


def _widen(dialect: str, table: str, column: str) -> str:
    """The statement that widens the hash column, in the database's own syntax."""
    if dialect in ("mysql", "mariadb"):
        return f"ALTER TABLE {table} MODIFY {column} VARCHAR(255)"
    return f"ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR(255)"
