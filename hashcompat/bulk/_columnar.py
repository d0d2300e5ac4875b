"""``analyze`` a column at a time: a CSV dump read by pyarrow in bounded batches.

The report is exactly the row-at-a-time one (tests/bulk/test_bulk_columnar.py proves it over
generated dumps and the whole vector corpus); only the work is grouped. A row's verdict is a
function of its hash, its scheme column value and whether its salt and user name are given, so
each batch is grouped by that key and each distinct key is classified once, by the same
:class:`Classifier`, on a representative row. One group is wider than equal strings: rows
whose scheme column names an unsalted hex digest (:class:`HexDigest`) and whose hash is hex of
that digest's length. For them the classifier's steps are, by that class's code, the same for
every row (the pattern is ``[0-9a-fA-F]{n}``, the parse has no costs and splits no setting);
only the duplicate key differs, and it is the lowered hash, computed for the column at once.

Counts are added per group; the per-row parts (the reset list, its examples, the duplicate
fingerprints) are done per row, in row order, for the rows that need them. Anything the Python
CSV reader would read differently (a quoted header, a NUL byte, a lone carriage return, bytes
that are not UTF-8, a wrong number of fields, an over-long field or record) makes
:func:`analyze_csv` raise :class:`NotColumnar` before or while reading, and the caller runs
the streaming path.
Rows whose hash is not plain printable ASCII go through the streaming path's own row builder.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hashcompat.bulk._analysis import Analyzer
from hashcompat.bulk._arrowtext import NotColumnar, check_text
from hashcompat.bulk._grouping import Batches
from hashcompat.dump._compressed import compression
from hashcompat.dump._files import CsvSource
from hashcompat.dump._source import Position, RowSource

__all__ = ["NotColumnar", "analyze_csv", "analyze_parquet", "available"]

BATCH_BYTES = 512 << 10  # pyarrow's block: the batch size (measured flattest; docs/bulk.md)
BATCH_ROWS = 65_536  # Parquet rows per batch
_SCAN = 1 << 20
THREADS = False  # one reader thread: fewer CPU-seconds than pyarrow's pool (docs/bulk.md)
_AHEAD = 3  # blocks pyarrow may read beyond the batches consumed


def available() -> bool:
    """pyarrow and numpy are installed (the ``parquet`` extra)."""
    try:
        import numpy  # noqa: F401, PLC0415 - lazy: an optional extra, imported where it is used
        import pyarrow.csv  # noqa: F401, PLC0415 - lazy: an optional extra, imported where it is used
    except ImportError:
        return False
    return True


def _prescan(path: Path, start: int) -> None:
    """Raise NotColumnar for bytes the two CSV readers treat differently: a NUL (the streaming
    reader flags the row), a carriage return not followed by a newline (it ends a line for
    pyarrow only). Quoting, doubled quotes and quoted newlines read the same in both."""
    with path.open("rb") as handle:
        handle.seek(start)
        tail = b""
        while block := handle.read(_SCAN):
            data = tail + block
            if b"\0" in block:
                raise NotColumnar("a NUL byte")
            if b"\r" in data and data.count(b"\r") != data.count(b"\r\n") + data.endswith(b"\r"):
                raise NotColumnar("a carriage return inside a line")
            tail = data[-1:] if data.endswith(b"\r") else b""


def analyze_csv(
    path: str | os.PathLike[str],
    analyzer: Analyzer,
    source: RowSource,
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Feed the CSV dump at ``path`` (opened as ``source`` for its header) to ``analyzer``."""
    import pyarrow as pa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    import pyarrow.csv as pacsv  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    if not isinstance(source, CsvSource):
        raise NotColumnar("not a CSV file")
    file = Path(path)
    with file.open("rb") as handle:
        if compression(handle.read(8)) is not None:
            raise NotColumnar("compressed")
    if b'"' in source.header_bytes:
        raise NotColumnar("a quoted header")
    _prescan(file, len(source.header_bytes))
    width = len(source.header)
    names = [f"c{i}" for i in range(width)]
    batches = Batches(analyzer, source.header, source.columns)
    gate = _Gate(file, BATCH_BYTES * _AHEAD)
    try:
        reader = pacsv.open_csv(
            gate,
            read_options=pacsv.ReadOptions(
                column_names=names,
                skip_rows=1,
                block_size=BATCH_BYTES,
                encoding="utf8",
                use_threads=THREADS,
            ),
            parse_options=pacsv.ParseOptions(delimiter=source.delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        for batch in reader:
            batches.add(batch)
            gate.grant(BATCH_BYTES)
            source.position = Position(batches.number, gate.offset)  # for a progress bar
            if progress is not None:
                progress(batches.number)
        batches.close()
    except pa.ArrowInvalid:  # a row of another width, bytes that are not UTF-8; its message
        raise NotColumnar("a record pyarrow reads otherwise") from None  # quotes the row
    finally:
        gate.close()


class _Gate(io.RawIOBase):
    """The file as pyarrow's reader pulls it, never more than ``window`` bytes ahead of the
    batches consumed: pyarrow reads ahead as far as it can, which would hold the whole file in
    memory. A read that waits longer than a second is let through (never a deadlock)."""

    def __init__(self, path: Path, window: int) -> None:
        super().__init__()
        self._file = path.open("rb", buffering=0)
        self._allowed = window
        self._read = 0
        self._moved = threading.Condition()

    @property
    def offset(self) -> int:
        """Bytes pyarrow has read (up to the window beyond the rows counted)."""
        return self._read

    def readable(self) -> bool:
        return True

    def grant(self, size: int) -> None:
        with self._moved:
            self._allowed += size
            self._moved.notify_all()

    def readinto(self, buffer: Any) -> int:
        with self._moved:
            self._moved.wait_for(lambda: self._read < self._allowed, timeout=1.0)
        count = self._file.readinto(buffer) or 0
        self._read += count
        return count

    def close(self) -> None:
        self._file.close()
        super().close()


def analyze_parquet(
    path: str | os.PathLike[str],
    analyzer: Analyzer,
    source: RowSource,
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Feed the Parquet dump at ``path`` (opened as ``source``) to ``analyzer``, a row group
    batch at a time. Its hash, scheme, salt and user name columns must be text."""
    import pyarrow.parquet as pq  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    from hashcompat.dump._exports import ParquetSource  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    if not isinstance(source, ParquetSource) or len(set(source.header)) != len(source.header):
        raise NotColumnar("not a Parquet file with distinct column names")
    file = pq.ParquetFile(path)
    check_text(file.schema_arrow, source.columns)
    batches = Batches(analyzer, source.header, source.columns, typed=True)
    for batch in file.iter_batches(batch_size=BATCH_ROWS):
        batches.add(batch)
        source.position = Position(batches.number, 0)
        if progress is not None:
            progress(batches.number)
    batches.close()
