"""User dumps: one model of a row, and the readers that produce it.

:class:`Row` is one user (id, hash, scheme, salt, user name, the other columns);
:class:`Malformed` a record that could not be read as one, with its position and a reason that
never quotes it. :class:`Columns` says which column holds what; :func:`from_mapping` is the one
converter from a mapping. :func:`open_rows` opens a CSV or JSON Lines file, a ``.sql`` dump
(mysqldump, phpMyAdmin, pg_dump) without a database, Parquet, a Firebase or Auth0 export, any of
them gzip, bzip2, xz or zstd compressed, or a table through SQLAlchemy; :func:`read_pairs` reads
a customer's sample of password/hash pairs. analyze, upgrade, export, the hook server and the
sample check all read rows through this package (docs/sources.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hashcompat.dump._columns import Columns
from hashcompat.dump._opening import open_rows
from hashcompat.dump._pairs import read_pairs
from hashcompat.dump._row import Malformed, Row, as_items, from_mapping
from hashcompat.dump._source import Position, Record, RowSource
from hashcompat.errors import DumpError, SampleError

if TYPE_CHECKING:
    from hashcompat.dump._platform import open_source

__all__ = [
    "Columns",
    "DumpError",
    "Malformed",
    "Position",
    "Record",
    "Row",
    "RowSource",
    "SampleError",
    "as_items",
    "from_mapping",
    "open_rows",
    "open_source",
    "read_pairs",
]


def __getattr__(name: str) -> object:
    if name == "open_source":  # a source platform's reader: it loads the presets table
        from hashcompat.dump._platform import open_source  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return open_source
    raise AttributeError(f"module 'hashcompat.dump' has no attribute {name!r}")
