"""CSV and JSON Lines dumps, read line by line with a cap on each record.

Lines are read as bytes, so a NUL or a byte that is not UTF-8 marks one record as malformed
instead of stopping the read, and the reader knows each record's byte offset (the resume point)
and raw bytes (what a writer copies through unchanged). ``csv.reader`` pulls exactly the lines
of one record, quoted newlines included, so the flags set while it reads belong to that record.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from hashcompat.dump.columns import FIELDS, Columns
from hashcompat.dump.compressed import SUFFIXES, compression, decompressed
from hashcompat.dump.exports import FirebaseCsvSource, FirebaseJsonSource, ParquetSource
from hashcompat.dump.row import Malformed, Row, from_mapping, short_id
from hashcompat.dump.source import MAX_RECORD, Position, Record, RowSource
from hashcompat.dump.sqldump import SqlDumpSource
from hashcompat.errors import DumpError

_MAGIC = {
    b"PK\x03\x04": "a zip archive (unzip it first)",
    b"SQLite format 3\x00": "an SQLite database (read it as sqlite:///PATH with table=)",
    b"%PDF": "a PDF",
    b"\x7fELF": "an executable",
}
FORMATS = ("csv", "jsonl", "sql", "parquet", "firebase", "firebase-csv")
_FIREBASE = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"users"\s*:\s*\[')


def _binary(head: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return what
    first_line = head.split(b"\n", 1)[0]
    controls = sum(head.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13))
    if b"\0" in first_line or controls > len(head) // 10:
        return "binary data"
    return None


def open_file(
    path: Path,
    columns: Columns,
    *,
    format: str | None,
    resume: Position | None,
    table: str | None = None,
) -> RowSource:
    """The reader for the file at ``path``: compressed or not (by magic bytes), then CSV, JSON
    Lines, a ``.sql`` dump (``table`` names the table), Parquet or a Firebase export."""
    if format is not None and format not in FORMATS:
        raise DumpError(f"unknown dump format {format!r} ({', '.join(FORMATS)})")
    try:
        handle: BinaryIO = path.open("rb")
    except OSError as exc:
        raise DumpError(f"{path}: cannot open ({exc.strerror or type(exc).__name__})") from None
    try:
        head = handle.read(8192)
        if not head.strip():
            raise DumpError(f"{path.name}: the file is empty")
        named = path
        packed = compression(head)
        if packed is not None:
            handle.seek(0)
            handle = decompressed(handle, packed, path.name)
            head = handle.peek(8192)[:8192]
            if not head.strip():
                raise DumpError(f"{path.name}: the file is empty once decompressed")
            if path.suffix.lower() in SUFFIXES:
                named = path.with_suffix("")
        elif format == "parquet" or head.startswith(b"PAR1"):
            handle.close()
            _no_table(table, "Parquet")
            return ParquetSource(path, columns)
        return _reader(
            handle,
            path,
            named=named,
            head=head,
            columns=columns,
            format=format,
            resume=resume,
            table=table,
            packed=packed,
        )
    except BaseException:
        handle.close()
        raise


def _reader(
    handle: BinaryIO,
    path: Path,
    *,
    named: Path,
    head: bytes,
    columns: Columns,
    format: str | None,
    resume: Position | None,
    table: str | None,
    packed: str | None,
) -> RowSource:
    kind = format or _kind(named, head)
    if kind == "parquet":
        raise DumpError(f"{path.name}: a compressed Parquet file; decompress it first")
    what = _binary(head)
    if what is not None:
        raise DumpError(f"{path.name}: {what}, not a dump this reader knows")
    if packed is None:
        handle.seek(0)
    if kind == "sql":
        if not table:
            raise DumpError(
                f"{path.name}: a SQL dump holds many tables; name one with table=",
                parameters=("table=",),
            )
        return SqlDumpSource(handle, path.name, table, columns)
    _no_table(table, kind)
    if kind == "firebase":
        return FirebaseJsonSource(handle, path.name, columns)
    if kind == "firebase-csv":
        return FirebaseCsvSource(handle, path.name, columns)
    if kind == "csv":
        return CsvSource(handle, path.name, columns, resume)
    return JsonlSource(handle, path.name, columns, resume)


def _no_table(table: str | None, kind: str) -> None:
    if table:
        raise DumpError(
            f"table= applies to a database URL or a SQL dump, not to a {kind} file",
            parameters=("table=",),
        )


_SUFFIX_KINDS = {
    ".sql": "sql",
    **dict.fromkeys((".jsonl", ".ndjson", ".json"), "jsonl"),
    **dict.fromkeys((".csv", ".tsv", ".txt"), "csv"),
}


def _kind(path: Path, head: bytes) -> str:
    """The format by content where it is certain (a Firebase export), else by suffix, else by
    the first bytes."""
    if _FIREBASE.match(head):
        return "firebase"
    by_suffix = _SUFFIX_KINDS.get(path.suffix.lower())
    if by_suffix is not None:
        return by_suffix
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith((b"--", b"/*", b"SET ", b"CREATE ", b"INSERT ", b"DROP ", b"COPY ")):
        return "sql"
    return "csv"


class _Lines:
    """Decoded lines of a binary file, with the current record's raw bytes and first problem."""

    def __init__(self, handle: BinaryIO, offset: int) -> None:
        self.handle = handle
        self.offset = offset
        self.raw = bytearray()
        self.keep = True
        self.problem: str | None = None

    def start(self) -> None:
        self.raw = bytearray()
        self.keep = True
        self.problem = None

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
            except csv.Error as exc:
                fields = None
                reason = "a field is over the CSV field limit" if "limit" in str(exc) else "bad CSV"
                lines._flag(reason)
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
