"""The text columns of an Arrow batch as the columnar analyze reads them (:mod:`hashcompat.bulk.
grouping`): which hashes are plain printable ASCII, their bytes and hex digests without a copy
per row, and the checks that send a batch to the streaming path instead."""

from __future__ import annotations

import binascii
from typing import Any

from hashcompat.bulk._arrowvalues import text, to_bool
from hashcompat.dump._columns import Columns
from hashcompat.dump._source import MAX_RECORD

__all__ = [
    "NotColumnar",
    "check_lengths",
    "check_text",
    "flag",
    "given",
    "plain",
    "texts",
    "unhex",
]

FIELD_LIMIT = 131_072  # Python's csv.field_size_limit() default: longer is a bad row there


class NotColumnar(Exception):
    """This input must go through the streaming path (the reason is for tests and logs)."""


def _bytes(strings: Any) -> tuple[Any, Any]:
    """(the UTF-8 bytes of a string array's values, one after the other; each value's start in
    them, and the end), without a copy."""
    import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    import pyarrow as pa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    offsets_type = np.int64 if pa.types.is_large_string(strings.type) else np.int32
    offsets = np.frombuffer(strings.buffers()[1], dtype=offsets_type)
    offsets = offsets[strings.offset : strings.offset + len(strings) + 1]
    data = strings.buffers()[2]
    if data is None:  # only empty values
        return np.zeros(0, dtype=np.uint8), offsets - offsets[0]
    return np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]], offsets - offsets[0]


def plain(hashes: Any) -> Any:
    """A numpy mask of the values that are one or more printable ASCII characters other than
    the space (``[!-~]+``): pyarrow's printable test, then the spaces found in the bytes."""
    import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    import pyarrow.compute as pc  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    found = to_bool(pc.ascii_is_printable(hashes))
    data, offsets = _bytes(hashes)
    found &= offsets[1:] > offsets[:-1]
    spaces = np.flatnonzero(data == ord(" "))
    if len(spaces):
        found[np.searchsorted(offsets, spaces, side="right") - 1] = False
    return found


def unhex(strings: Any, size: int) -> Any:
    """The bytes of a string array whose values are all hex of ``size`` characters, as a
    ``(values, size // 2)`` numpy array (one C call over the values' text)."""
    import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    decoded = binascii.unhexlify(_bytes(strings)[0])
    return np.frombuffer(decoded, dtype=np.uint8).reshape(-1, size // 2)


def check_text(schema: Any, columns: Columns) -> None:
    """Raise NotColumnar unless the hash, scheme, salt and user name columns of a typed batch
    (Parquet, a DataFrame's partition) are text or all null."""
    import pyarrow as pa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    for name in ("hash", "scheme", "salt", "username"):
        column = getattr(columns, name)
        kind = schema.field(column).type if column else pa.string()
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind) or kind == pa.null()):
            raise NotColumnar(f"the {name} column is not text")


def texts(columns: list[Any], indices: list[int | None]) -> list[Any]:
    """Parquet's text columns with null as "" (both are missing to :func:`from_mapping`)."""
    import pyarrow as pa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    import pyarrow.compute as pc  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    out = list(columns)
    for i in indices:
        if i is not None:
            out[i] = pc.fill_null(out[i].cast(pa.string()), text(""))
    return out


def flag(column: Any) -> Any:
    """ "1" where a text column's value is given (not empty), else "0"."""
    import pyarrow.compute as pc  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    if column is None:
        return text("0")
    return pc.if_else(given(column), text("1"), text("0"))


def given(column: Any) -> Any:
    """A text column's values that are not empty (null where the value is null)."""
    import pyarrow as pa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    import pyarrow.compute as pc  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    return pc.binary_length(column).cast(pa.bool_())


def check_lengths(columns: list[Any]) -> None:
    """A field the Python csv module refuses, or a record over the cap: streaming path."""
    import pyarrow.compute as pc  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    total = len(columns)
    for column in columns:
        longest = pc.max(pc.binary_length(column)).as_py() or 0
        if longest >= FIELD_LIMIT:
            raise NotColumnar("an over-long field")
        total += longest
    if total >= MAX_RECORD - 2:
        raise NotColumnar("a record that may be over the cap")
