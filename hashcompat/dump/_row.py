"""One user of a dump, the record that could not be read as one, and the one converter from a
mapping (a JSON object, a table row, a caller's dict, a Dask record) to either.

Every consumer (analyze, upgrade, export, the hook server's preload) reads these two types, so
each sees the same rows, the same row numbers and the same reasons for a bad row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from hashcompat.dump._columns import FIELDS, IDENTITY, Columns
from hashcompat.errors import InvalidArgumentError

__all__ = ["Layout", "Malformed", "Row", "as_items", "from_mapping"]

ID_MAX = 128  # an id longer than this is shown as a row number instead


@dataclass(frozen=True, slots=True)
class Row:
    """One user of the dump. ``number`` counts records from 1 (a header is not counted);
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

    def field(self, name: str) -> str | None:
        """An unmapped column's value as text; None when absent or empty."""
        value = dict(self.other).get(name)
        return None if value in (None, "") else str(value)

    @property
    def email(self) -> str | None:
        return self.field("email")


@dataclass(frozen=True, slots=True)
class Malformed:
    """A record that could not be read as a user row; ``reason`` never quotes its content."""

    number: int
    id: str | int | None
    reason: str

    @property
    def ref(self) -> str:
        return str(self.id) if self.id is not None else f"row {self.number}"


def short_id(value: object) -> str | int | None:
    """An id fit to show: an int, or printable text up to :data:`ID_MAX` characters. A MongoDB
    ``{"$oid": ...}`` (Auth0's password-hash export) is its text."""
    if isinstance(value, dict) and len(value) == 1 and "$oid" in value:
        value = value["$oid"]
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and 0 < len(value) <= ID_MAX and value.isprintable():
        return value
    return None


def any_id(value: object) -> str | int | None:
    """An id as a caller or a table gave it: an int or text, anything else as text."""
    if value is None:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return value
    return str(value)


class _NotText(Exception):
    """A mapped field that is not text (the reason is built by the caller)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _text(value: object, name: str, kind: str) -> str | None:
    """A mapped field as text: ``str``, or UTF-8 bytes; NUL bytes refused; ``""`` is None."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            raise _NotText(f"the {name} {kind} is not UTF-8 text") from None
    if value is None:
        return None
    if not isinstance(value, str):
        wanted = "text" if kind == "column" else "a string"  # a table's type vs JSON's
        raise _NotText(f"the {name} {kind} is not {wanted}")
    if "\0" in value:
        raise _NotText(f"a NUL byte in the {name} {kind}")
    return value or None


def from_mapping(
    number: int,
    record: Mapping[str, Any],
    columns: Columns = IDENTITY,
    *,
    id_of: Callable[[object], str | int | None] = any_id,
    kind: str = "field",
    no_hash: str = "no hash",
) -> Row | Malformed:
    """The row of a keyed record, or why it is not one.

    ``columns`` are resolved names (default: the keys ``id``, ``hash``, ``scheme``, ``salt``,
    ``username``); the record's other keys are kept in ``other``, in its order. ``id_of`` reads
    the id column's value (default: as given; files pass :func:`short_id`). Text fields may be
    ``str`` or UTF-8 bytes; ``""`` counts as missing. ``kind`` names a field in reasons
    ("field" for JSON, "column" for tables); ``no_hash`` is the reason for a missing hash.
    """
    ident = id_of(record.get(columns.id)) if columns.id is not None else None
    texts: dict[str, str | None] = {}
    try:
        for name in FIELDS[1:]:
            column: str | None = getattr(columns, name)
            texts[name] = _text(record.get(column) if column else None, name, kind)
    except _NotText as bad:
        return Malformed(number, ident, bad.reason)
    hash = texts["hash"]
    if hash is None or not hash.strip():
        return Malformed(number, ident, no_hash)
    mapped = set(columns.mapped())
    return Row(
        number=number,
        id=ident,
        hash=hash,
        scheme=texts["scheme"],
        salt=texts["salt"],
        username=texts["username"],
        other=tuple((k, v) for k, v in record.items() if k not in mapped),
    )


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the mapped columns sit in a record read as a sequence (a SQL tuple, a COPY line):
    :func:`from_mapping`'s rules without building a mapping per row."""

    width: int
    id: int
    fields: tuple[tuple[str, int], ...]  # hash, scheme, salt, username: (name, index or -1)
    others: tuple[tuple[int, str], ...]

    @classmethod
    def of(cls, header: tuple[str, ...], columns: Columns) -> Layout:
        index = {name: i for i, name in enumerate(header)}
        where = {f: index.get(c, -1) if (c := getattr(columns, f)) else -1 for f in FIELDS}
        mapped = set(where.values())
        return cls(
            width=len(header),
            id=where["id"],
            fields=tuple((f, where[f]) for f in FIELDS[1:]),
            others=tuple((i, h) for i, h in enumerate(header) if i not in mapped),
        )

    def row(
        self,
        number: int,
        values: list[object],
        *,
        id_of: Callable[[object], str | int | None] = any_id,
        kind: str = "column",
        no_hash: str = "no hash (NULL or empty)",
    ) -> Row | Malformed:
        ident = id_of(values[self.id]) if self.id >= 0 else None
        texts: list[str | None] = []
        for name, index in self.fields:
            value = values[index] if index >= 0 else None
            if value is None:
                texts.append(None)
                continue
            if type(value) is str and "\0" not in value:  # the common case, checked inline
                texts.append(value or None)
                continue
            try:
                texts.append(_text(value, name, kind))
            except _NotText as bad:
                return Malformed(number, ident, bad.reason)
        hash, scheme, salt, username = texts
        if hash is None or not hash.strip():
            return Malformed(number, ident, no_hash)
        other = tuple([(h, values[i]) for i, h in self.others])
        return Row(number, ident, hash, scheme, salt, username, other)


def as_items(rows: Iterable[object]) -> Iterator[Row | Malformed]:
    """Rows as given, or mappings with ``hash`` and optionally ``id``, ``scheme``, ``salt``,
    ``username`` (the other keys are kept as other columns), numbered from 1."""
    for number, item in enumerate(rows, 1):
        if isinstance(item, (Row, Malformed)):
            yield item
        elif isinstance(item, Mapping):
            yield from_mapping(number, item)
        else:
            raise InvalidArgumentError(
                f"rows must be Row values or mappings, not {type(item).__name__}"
            )
