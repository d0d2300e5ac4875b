"""``open_rows``: a path or a database URL to the reader that fits it."""

from __future__ import annotations

import os
from pathlib import Path

from hashcompat.dump._columns import Columns
from hashcompat.dump._detect import open_file
from hashcompat.dump._source import Position, RowSource
from hashcompat.dump._tables import SqlSource
from hashcompat.errors import DumpError

__all__ = ["open_rows"]


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
    """Open ``dump``: a file (CSV, JSON Lines, a ``.sql`` dump with ``table``, Parquet, a
    Firebase export; gzip, bzip2, xz or zstd compressed), or a SQLAlchemy URL with ``table``.

    ``format`` forces one of :data:`hashcompat.dump._detect.FORMATS` (default: by suffix, else
    by the first bytes);
    ``where`` is an SQL condition for tables; ``resume`` continues after a :class:`Position`
    that an earlier reader reported.
    """
    wanted = columns or Columns()
    text = os.fspath(dump)
    if "://" in text:
        if not table:
            raise DumpError("a database URL needs table=", parameters=("table=",))
        return SqlSource(text, table, wanted, where=where, resume=resume, page=page)
    if where:
        raise DumpError("where= applies to a database URL, not to a file", parameters=("where=",))
    return open_file(Path(text), wanted, format=format, resume=resume, table=table)
