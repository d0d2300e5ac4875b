"""Reading a customer's pair file: CSV with a header, or JSON Lines.

Exports arrive from every kind of tool: a UTF-8 BOM, Windows line endings, quoted fields,
semicolons or tabs as separators. Anything that cannot be read raises :class:`SampleError` with
a one-line reason that never quotes a password.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from hashcompat.dump._columns import PAIR_NAMES
from hashcompat.errors import SampleError

__all__ = ["MAX_FIELD", "read_pairs"]

MAX_FIELD = 64 * 1024  # a password or hash longer than this is not a real row


def _decode(data: bytes) -> str:
    if b"\0" in data:
        raise SampleError("the file contains NUL bytes: it is binary, not CSV or JSON Lines")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SampleError(f"the file is not UTF-8 text (bad byte at offset {exc.start})") from None
    return text


def _columns(header: list[str]) -> dict[str, int]:
    normalised = [h.strip().lower() for h in header]
    found: dict[str, int] = {}
    for field, aliases in PAIR_NAMES.items():
        for alias in aliases:
            if alias in normalised:
                found[field] = normalised.index(alias)
                break
    missing = [f for f in ("password", "hash") if f not in found]
    if missing:
        shown = ", ".join(h[:20] for h in normalised[:8]) or "nothing"
        raise SampleError(f"the header needs columns {' and '.join(missing)}; found {shown}")
    return found


class _Counted:
    """The lines of ``text`` for ``csv.reader``, counting the characters of the record being
    read: csv reports a field over its size limit only in the words of a ``csv.Error``, and a
    record no longer than the limit cannot have such a field."""

    def __init__(self, text: str) -> None:
        self._lines = io.StringIO(text, newline="")
        self.chars = 0

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            self.chars += len(line)
            yield line


def _records(lines: _Counted, reader: Iterator[list[str]]) -> Iterator[list[str]]:
    while True:
        lines.chars = 0
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if lines.chars > csv.field_size_limit():
                raise SampleError(f"a field is longer than {MAX_FIELD} characters") from None
            raise SampleError(f"the CSV cannot be parsed ({exc})") from None


def _csv_rows(text: str) -> Iterator[dict[str, str | None]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first_line.count)
    lines = _Counted(text)
    reader = csv.reader(iter(lines), delimiter=delimiter)
    records = _records(lines, reader)
    header = next(records, None)
    if header is None:
        raise SampleError("the file is empty")
    columns = _columns(header)
    for row in records:
        if not any(cell.strip() for cell in row):
            continue
        if any(len(cell) > MAX_FIELD for cell in row):
            raise SampleError(f"line {reader.line_num}: a field is longer than {MAX_FIELD} chars")
        yield {f: (row[i] if i < len(row) else None) for f, i in columns.items()}


def _jsonl_rows(text: str) -> Iterator[dict[str, str | None]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if len(line) > 4 * MAX_FIELD:
            raise SampleError(f"line {number} is longer than {4 * MAX_FIELD} characters")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SampleError(f"line {number} is not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise SampleError(f"line {number} is not a JSON object")
        row: dict[str, str | None] = {}
        for field, aliases in PAIR_NAMES.items():
            key = next((a for a in aliases if a in obj), None)
            value = obj.get(key) if key else None
            if value is not None and not isinstance(value, str):
                raise SampleError(f"line {number}: {field} must be a string")
            row[field] = value
        if row["password"] is None or row["hash"] is None:
            raise SampleError(f"line {number} needs the fields password and hash")
        yield row


def read_pairs(data: bytes) -> list[dict[str, str | None]]:
    """Pairs from the bytes of a CSV (with header) or JSON Lines file."""
    if len(data) > 512 * 1024 * 1024:
        raise SampleError("the file is larger than 512 MiB; a sample needs a few dozen rows")
    text = _decode(data)
    if not text.strip():
        raise SampleError("the file is empty")
    rows = list(_jsonl_rows(text) if text.lstrip().startswith("{") else _csv_rows(text))
    if not rows:
        raise SampleError("the file has a header but no pairs")
    return rows
