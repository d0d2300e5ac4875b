"""CSV and JSON Lines dumps, read line by line with a cap on each record.

Lines are read as bytes, so a NUL or a byte that is not UTF-8 marks one record as malformed
instead of stopping the read, and the reader knows each record's byte offset (the resume point)
and raw bytes (what a writer copies through unchanged). ``csv.reader`` pulls exactly the lines
of one record, quoted newlines included, so the flags set while it reads belong to that record.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import BinaryIO

from hashcompat.dump._columns import FIELDS, Columns
from hashcompat.dump._row import Malformed, Row, from_mapping, short_id
from hashcompat.dump._source import MAX_RECORD, Position, Record, RowSource
from hashcompat.errors import DumpError

__all__ = ["CsvSource", "JsonlSource"]


class _Lines:
    """Decoded lines of a binary file, with the current record's raw bytes and first problem."""

    def __init__(self, handle: BinaryIO, offset: int) -> None:
        self.handle = handle
        self.offset = offset
        self.raw = bytearray()
        self.keep = True
        self.problem: str | None = None
        self.chars = 0  # of the record: csv's field limit is words in a csv.Error, this a number

    def start(self) -> None:
        self.raw = bytearray()
        self.keep = True
        self.problem = None
        self.chars = 0

    def _flag(self, problem: str) -> None:
        self.problem = self.problem or problem

    def __iter__(self) -> Iterator[str]:
        readline = self.handle.readline
        while True:
            line = readline(MAX_RECORD + 1)
            if not line:
                return
            self.offset += len(line)
            if len(line) > MAX_RECORD or len(self.raw) + len(line) > MAX_RECORD:
                while not line.endswith(b"\n"):  # drop the rest of an over-long line
                    line = readline(MAX_RECORD)
                    if not line:
                        break
                    self.offset += len(line)
                self._flag(f"the record is longer than {MAX_RECORD >> 20} MiB")
                self.keep, self.raw = False, bytearray()
                yield "\n"
                continue
            if self.keep:
                self.raw += line
            if b"\0" in line:
                self._flag("a NUL byte in a field")
                line = line.replace(b"\0", b"")
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                self._flag(f"a byte that is not UTF-8 (byte {exc.start + 1} of the line)")
                text = line.decode("utf-8", "replace")
            self.chars += len(text)
            yield text


class CsvSource(RowSource):
    kind = "csv"

    def __init__(
        self, handle: BinaryIO, name: str, columns: Columns, resume: Position | None
    ) -> None:
        self.name = name
        self._handle = handle
        first = handle.readline(MAX_RECORD + 1)
        try:
            header_text = first.decode("utf-8-sig").rstrip("\r\n")
        except UnicodeDecodeError:
            raise DumpError(f"{name}: the header is not UTF-8 text") from None
        if len(first) > MAX_RECORD or not header_text.strip():
            raise DumpError(f"{name}: the first line is not a CSV header")
        self.delimiter = max(",;\t|", key=header_text.count)
        header = next(csv.reader([header_text], delimiter=self.delimiter))
        self.header = tuple(h.strip() for h in header)
        self.header_bytes = first
        self.columns = columns.resolve(self.header, name)
        self._index = {n: self.header.index(c) for n in FIELDS if (c := getattr(self.columns, n))}
        mapped = set(self._index.values())
        self._others = tuple((i, h) for i, h in enumerate(self.header) if i not in mapped)
        self._optional = tuple(  # (field, column index or -1): read once per row, no lookups
            (n, self._index.get(n, -1)) for n in ("scheme", "salt", "username")
        )
        start = resume or Position(0, len(first))
        handle.seek(start.offset)
        self.position = start

    def records(self) -> Iterator[Record]:
        lines = _Lines(self._handle, self.position.offset)
        reader = csv.reader(lines, delimiter=self.delimiter)
        number = self.position.rows
        width = len(self.header)
        while True:
            lines.start()
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error:
                fields = None
                over = lines.chars > csv.field_size_limit()
                lines._flag("a field is over the CSV field limit" if over else "bad CSV")
            raw = bytes(lines.raw) if lines.keep else None
            if fields == [] and lines.problem is None:
                self.position = Position(number, lines.offset)
                continue  # a blank line
            number += 1
            self.position = end = Position(number, lines.offset)
            item: Row | Malformed
            if lines.problem is not None or fields is None:
                item = Malformed(number, self._ident(fields), lines.problem or "bad CSV")
            elif len(fields) != width:
                item = Malformed(
                    number,
                    self._ident(fields),
                    f"{len(fields)} fields where the header has {width}",
                )
            else:
                item = self._row(number, fields)
            yield Record(item, raw, fields, end)

    def _ident(self, fields: list[str] | None) -> str | int | None:
        index = self._index.get("id")
        if fields is None or index is None or index >= len(fields):
            return None
        return short_id(fields[index])

    def _row(self, number: int, fields: list[str]) -> Row | Malformed:
        value = fields[self._index["hash"]]
        if not value.strip():
            return Malformed(number, self._ident(fields), "empty hash")
        scheme, salt, username = (
            (fields[i] or None) if i >= 0 else None for _, i in self._optional
        )
        return Row(
            number,
            self._ident(fields),
            value,
            scheme,
            salt,
            username,
            tuple([(h, fields[i]) for i, h in self._others]),
        )

    def close(self) -> None:
        self._handle.close()


class JsonlSource(RowSource):
    kind = "jsonl"

    def __init__(
        self, handle: BinaryIO, name: str, columns: Columns, resume: Position | None
    ) -> None:
        self.name = name
        self._handle = handle
        first: dict[str, object] | None = None
        for line in handle:
            if line.strip():
                try:
                    first = json.loads(line)
                except (ValueError, UnicodeDecodeError):
                    first = None
                break
        if not isinstance(first, dict):
            raise DumpError(f"{name}: the first record is not a JSON object")
        self.header = tuple(str(k) for k in first)
        self.header_bytes = b""
        self.columns = columns.resolve(self.header, name)
        start = resume or Position(0, 0)
        handle.seek(start.offset)
        self.position = start

    def records(self) -> Iterator[Record]:
        lines = _Lines(self._handle, self.position.offset)
        number = self.position.rows
        lines.start()
        for text in lines:
            raw = bytes(lines.raw) if lines.keep else None
            problem = lines.problem
            lines.start()
            if not text.strip() and problem is None:
                self.position = Position(number, lines.offset)
                continue
            number += 1
            self.position = end = Position(number, lines.offset)
            obj: object = None
            if problem is None:
                try:
                    obj = json.loads(text)
                except ValueError as exc:
                    problem = f"not valid JSON ({getattr(exc, 'msg', 'syntax error')})"
            if problem is None and not isinstance(obj, dict):
                problem = "not a JSON object"
            if problem is not None or not isinstance(obj, dict):
                bad = Malformed(number, None, problem or "not a JSON object")
                yield Record(bad, raw, None, end)
                continue
            yield Record(self._row(number, obj), raw, obj, end)

    def _row(self, number: int, obj: dict[str, object]) -> Row | Malformed:
        return from_mapping(number, obj, self.columns, id_of=short_id)

    def close(self) -> None:
        self._handle.close()
