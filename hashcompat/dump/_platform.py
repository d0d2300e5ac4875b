"""Open a dump the way a platform keeps it: its preset's table (with joins), columns and rules,
or, without a preset, just the profile columns a caller named.

The result is an ordinary :class:`RowSource` whose rows are already read the platform's way, so
analyze, upgrade, export and the hook server's preload need nothing platform-specific.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hashcompat.dump._columns import Columns
from hashcompat.dump._detect import kind_of
from hashcompat.dump._opening import open_rows as _open_rows
from hashcompat.dump._presets import Reader, preset
from hashcompat.dump._profilecols import Profile
from hashcompat.dump._row import Malformed, Row
from hashcompat.dump._source import Position, Record, RowSource
from hashcompat.errors import DumpError

__all__ = ["MappedSource", "open_source"]


class MappedSource(RowSource):
    """Another source's records with each row read through ``read``; everything else (the
    engine and table a table sink writes through, a file's header) is the inner source's."""

    def __init__(
        self,
        inner: RowSource,
        read: Callable[[Row | Malformed], Row | Malformed],
        *,
        composes: bool = False,
        platform: str | None = None,
    ) -> None:
        self._inner = inner
        self._read = read
        self.kind = inner.kind
        self.header = inner.header
        self.columns = inner.columns
        self.name = inner.name
        self.position = inner.position
        self.platform = platform
        self.composes = composes  # the hash is built from stored values: never written back

    def records(self) -> Iterator[Record]:
        for record in self._inner.records():
            self.position = record.end
            yield Record(self._read(record.item), record.raw, record.fields, record.end)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._inner, name)

    def close(self) -> None:
        self._inner.close()


def open_source(
    dump: str | os.PathLike[str],
    *,
    platform: str | None = None,
    prefix: str | None = None,
    table: str | None = None,
    columns: Columns | None = None,
    profile: Profile | None = None,
    where: str | None = None,
    format: str | None = None,
    resume: Position | None = None,
    page: int = 1000,
) -> RowSource:
    """Open ``dump`` (a file or a SQLAlchemy URL). ``platform``: a preset name (its table,
    columns and rules; ``table``, ``columns`` and ``profile`` override its choices). Without
    one this is :func:`hashcompat.bulk.open_rows` plus the ``profile`` columns."""
    if platform is None:
        if prefix is not None:
            raise DumpError("prefix= applies with platform=", parameters=("prefix=", "platform="))
        inner = _open_rows(
            dump, table=table, columns=columns, where=where, format=format, resume=resume, page=page
        )
        if not profile:
            return inner
        wanted = profile

        def read(item: Row | Malformed) -> Row | Malformed:
            if not isinstance(item, Row):
                return item
            mapped = {inner.columns.username: item.username} if inner.columns.username else {}
            return wanted.apply(item, mapped)

        return MappedSource(inner, read)
    bound = preset(platform).bind(prefix)
    is_url = "://" in os.fspath(dump)
    cols = bound.dump_columns(qualified=is_url, over=columns)
    prof = bound.profile(qualified=is_url, over=profile)
    if is_url:
        condition = " AND ".join(f"({w})" for w in (bound.where, where) if w) or None
        if bound.joins and table is None:
            from hashcompat.dump._joined import JoinedSource  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

            inner = JoinedSource(
                os.fspath(dump),
                bound.table,
                bound.joins,
                cols,
                where=condition,
                resume=resume,
                page=page,
            )
        else:
            inner = _open_rows(
                dump,
                table=table or bound.table,
                columns=cols,
                where=condition,
                resume=resume,
                page=page,
            )
    else:  # a .sql dump holds every table: read the preset's
        sql = kind_of(Path(dump), format) == "sql"
        named = table or (bound.table if sql else None)
        inner = _open_rows(
            dump, table=named, columns=cols, where=where, format=format, resume=resume
        )
    reader: Reader = bound.reader(inner.columns, prof)
    return MappedSource(inner, reader, composes=reader.composes, platform=bound.preset.name)
