"""Equal strings among unsalted rows (a shared password, and a cracking target): exact, in
bounded memory.

Each unsalted row adds its key (scheme name, digest) and its row number. The key is stored in
a fixed width: a digest written in lowercase hex (an md5 or sha1 column, the common case) as its
bytes, in a table of its own per scheme and length; any other key as its BLAKE2b-256 in one
shared table. Equal keys give equal entries and, but for a BLAKE2b-256 collision, different
keys different ones: groups are exact, whichever way (a row at a time, or a column of hex at
once, :meth:`Duplicates.add_many`) the entries came.

Memory: up to ``SPILL`` entries (about 2 MiB) stay in memory, whatever the number of rows or of
distinct values; beyond that they go to ``BUCKETS`` files per table, chosen by a key's first
byte. Each is an unnamed temporary file (``tempfile.TemporaryFile``: 0600, and unlinked as it is
created), so nothing is left on disk however the process ends, ``kill -9`` included.
:meth:`Duplicates.groups` then groups a bucket at a time, so its memory is that of the largest
bucket: about (key width + 8) x 3 bytes per unsalted row / 64, 1.5 MiB per million md5 rows,
and the same whether the values are all distinct or all equal. The files take key width + 8
bytes per unsalted row (24 for md5) and hold digests as the dump does.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from typing import IO, Any

__all__ = ["Duplicates", "encode", "hex_width"]

SPILL = 50_000  # entries kept in memory before they go to the bucket files
BUCKETS = 64
HASHED = "#"  # the table of keys stored as their BLAKE2b-256
HASHED_WIDTH = 32
MAX_HEX = 64  # longest digest (in bytes) stored as itself
_NUMBER = 8


def hex_width(digest: str) -> int | None:
    """The byte length when ``digest`` is stored as its bytes: lowercase hex of even length up
    to ``MAX_HEX`` bytes."""
    size = len(digest)
    if size and not size % 2 and size <= 2 * MAX_HEX and _is_lower_hex(digest):
        return size // 2
    return None


def _is_lower_hex(text: str) -> bool:
    return text.isascii() and not text.strip("0123456789abcdef")


def encode(key: str) -> tuple[str, bytes]:
    """(table, fixed-width entry) of a duplicate key ``name\\0digest``."""
    name, _, digest = key.partition("\0")
    if hex_width(digest) is not None:
        return f"{name}:{len(digest) // 2}", bytes.fromhex(digest)
    data = key.encode("utf-8", "surrogatepass")
    return HASHED, hashlib.blake2b(data, digest_size=HASHED_WIDTH).digest()


class Duplicates:
    """Add keys with :meth:`add` (or :meth:`add_many`); :meth:`groups` counts them once."""

    def __init__(self, *, spill: int = SPILL) -> None:
        self._spill = spill
        self._rows: dict[str, list[bytes]] = defaultdict(list)  # entry + number, per table
        self._arrays: dict[str, list[tuple[Any, Any]]] = defaultdict(list)  # numpy, per table
        self._pending = 0
        self._tables: dict[str, int] = {}  # table -> its files' number
        self._spilled = False
        self._files: dict[tuple[int, int], IO[bytes]] = {}  # (table, bucket) -> file

    def add(self, key: str, number: int) -> None:
        table, entry = encode(key)
        self._rows[table].append(entry + number.to_bytes(_NUMBER, "little"))
        self._added(1)

    def add_many(self, table: str, entries: Any, numbers: Any) -> None:
        """A numpy ``(rows, width)`` uint8 array of entries of ``table`` (:func:`encode`'s),
        with their row numbers: the columnar path."""
        if len(numbers):
            self._arrays[table].append((entries, numbers))
            self._added(len(numbers))

    def _added(self, count: int) -> None:
        self._pending += count
        if self._pending >= self._spill:
            self._flush()

    def _flush(self) -> None:
        self._spilled = True
        for table in set(self._rows) | set(self._arrays):
            number = self._tables.setdefault(table, len(self._tables))
            for bucket, data in _by_bucket(self._records(table), _width(table) + _NUMBER).items():
                handle = self._files.get((number, bucket))
                if handle is None:
                    handle = tempfile.TemporaryFile(prefix="hashcompat-dups-")  # noqa: SIM115 - open until groups() closes it
                    self._files[number, bucket] = handle
                handle.write(data)
        self._rows.clear()
        self._arrays.clear()
        self._pending = 0

    def _records(self, table: str) -> list[bytes]:
        """The pending entries of ``table`` as records (entry, then the number as 8 bytes)."""
        out = self._rows.get(table, [])
        arrays = self._arrays.get(table)
        if arrays:
            import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

            for entries, numbers in arrays:
                records = np.empty((len(numbers), entries.shape[1] + _NUMBER), dtype=np.uint8)
                records[:, : entries.shape[1]] = entries
                records[:, entries.shape[1] :] = (
                    np.asarray(numbers, dtype="<u8").view(np.uint8).reshape(-1, _NUMBER)
                )
                out = [*out, records.tobytes()]
        return out

    def _blocks(self) -> Iterator[tuple[int, bytes]]:
        """(record width, the records of one table's bucket), one bucket at a time."""
        if not self._spilled:
            for table in set(self._rows) | set(self._arrays):
                data = b"".join(self._records(table))
                if data:
                    yield _width(table) + _NUMBER, data
            return
        self._flush()
        for table, number in self._tables.items():
            for bucket in range(BUCKETS):
                handle = self._files.pop((number, bucket), None)
                if handle is not None:
                    with handle:
                        handle.seek(0)
                        data = handle.read()
                    yield _width(table) + _NUMBER, data

    def groups(self, *, keep: int = 10) -> tuple[int, int, list[tuple[int, list[int]]]]:
        """(groups of equal strings, rows in them, the ``keep`` largest groups as (size, first
        row numbers)); ties by first row. The entries are consumed."""
        count = rows = 0
        largest: list[tuple[int, list[int]]] = []
        try:
            for width, data in self._blocks():
                found = _group(width, data, keep)
                count += found[0]
                rows += found[1]
                largest = sorted(largest + found[2], key=lambda g: (-g[0], g[1][0]))[:keep]
        finally:
            self._close()
            self._spilled = False
            self._rows.clear()
            self._arrays.clear()
            self._tables.clear()
            self._pending = 0
        return count, rows, largest

    def _close(self) -> None:
        for handle in self._files.values():
            handle.close()
        self._files.clear()


def _width(table: str) -> int:
    return HASHED_WIDTH if table == HASHED else int(table.rpartition(":")[2])


def _by_bucket(blocks: list[bytes], width: int) -> dict[int, bytes]:
    """Records of one ``width`` (blocks of them) split by their first byte into buckets."""
    out: dict[int, bytearray] = defaultdict(bytearray)
    for block in blocks:
        if len(block) == width or not numpy_grouping():
            for start in range(0, len(block), width):
                out[block[start] % BUCKETS] += block[start : start + width]
            continue
        import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        view = np.frombuffer(block, dtype=np.uint8).reshape(-1, width)
        buckets = view[:, 0] % BUCKETS
        order = np.argsort(buckets, kind="stable")
        ends = np.searchsorted(buckets[order], np.arange(BUCKETS + 1))
        data = view[order].tobytes()
        for bucket in np.flatnonzero(np.diff(ends)).tolist():
            out[bucket] += data[ends[bucket] * width : ends[bucket + 1] * width]
    return {k: bytes(v) for k, v in out.items()}


def numpy_grouping() -> bool:
    """numpy is there (the parquet extra): buckets are split and grouped by it."""
    try:
        import numpy  # noqa: F401, PLC0415 - lazy: an optional extra, imported where it is used
    except ImportError:
        return False
    return True


def _group(width: int, data: bytes, keep: int) -> tuple[int, int, list[tuple[int, list[int]]]]:
    """Groups of equal entries among ``data``'s records (entry, number)."""
    if not numpy_grouping():
        by_entry: dict[bytes, list[int]] = defaultdict(list)
        for start in range(0, len(data), width):
            record = data[start : start + width]
            by_entry[record[:-_NUMBER]].append(int.from_bytes(record[-_NUMBER:], "little"))
        shared = [sorted(n) for n in by_entry.values() if len(n) > 1]
        top = sorted(((len(n), n[:10]) for n in shared), key=lambda g: (-g[0], g[1][0]))
        return len(shared), sum(len(n) for n in shared), top[:keep]
    return _group_numpy(width, data, keep)


def _group_numpy(
    width: int, data: bytes, keep: int
) -> tuple[int, int, list[tuple[int, list[int]]]]:
    import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    view = np.frombuffer(data, dtype=np.uint8).reshape(-1, width)
    numbers = view[:, -_NUMBER:].copy().view("<u8").ravel()
    entries = view[:, :-_NUMBER]
    pad = -entries.shape[1] % 8
    if pad:
        entries = np.concatenate([entries, np.zeros((len(entries), pad), np.uint8)], axis=1)
    words = np.ascontiguousarray(entries).view("<u8")  # (rows, words)
    order = np.lexsort((numbers, *[words[:, i] for i in range(words.shape[1] - 1, -1, -1)]))
    words, numbers = words[order], numbers[order]
    change = np.any(words[1:] != words[:-1], axis=1)
    starts = np.flatnonzero(np.r_[True, change])
    sizes = np.diff(np.r_[starts, len(numbers)])
    shared = sizes > 1
    heads, big = starts[shared], sizes[shared]
    best = np.lexsort((numbers[heads], -big))[:keep]
    top = [
        (int(big[at]), [int(n) for n in numbers[heads[at] : heads[at] + min(int(big[at]), 10)]])
        for at in best.tolist()
    ]
    return int(shared.sum()), int(big.sum()), top
