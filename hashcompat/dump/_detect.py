"""Which reader a dump file needs: compression by magic bytes, then the format by content
where it is certain (Parquet, a Firebase export), else by suffix, else by the first bytes.

Files that cannot be a dump at all (a zip archive, an SQLite database, a PDF, an executable,
binary data) stop here with one line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from hashcompat.dump._columns import Columns
from hashcompat.dump._compressed import SUFFIXES, compression, decompressed
from hashcompat.dump._exports import FirebaseCsvSource, FirebaseJsonSource, ParquetSource
from hashcompat.dump._files import CsvSource, JsonlSource
from hashcompat.dump._source import Position, RowSource
from hashcompat.dump._sqldump import SqlDumpSource
from hashcompat.errors import DumpError

__all__ = ["FORMATS", "kind_of", "open_file"]

_MAGIC = {
    b"PK\x03\x04": "a zip archive (unzip it first)",
    b"SQLite format 3\x00": "an SQLite database (open it as sqlite:///PATH)",
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
            parquet = ParquetSource(path, columns)
            parquet.path = path
            return parquet
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
        source = CsvSource(handle, path.name, columns, resume)
        source.path = path if packed is None else None  # a plain file pyarrow may read again
        return source
    return JsonlSource(handle, path.name, columns, resume)


def kind_of(path: Path, format: str | None = None) -> str:
    """The format :func:`open_file` would read ``path`` as (one of :data:`FORMATS`), without
    reading rows: a preset uses it to name its table for a ``.sql`` dump."""
    if format is not None:
        return format
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
            packed = compression(head)
            if packed is None:
                return "parquet" if head.startswith(b"PAR1") else _kind(path, head)
            handle.seek(0)
            with decompressed(handle, packed, path.name) as inner:
                named = path.with_suffix("") if path.suffix.lower() in SUFFIXES else path
                return _kind(named, inner.peek(8192)[:8192])
    except OSError:
        return "csv"  # open_file reports the problem


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
