"""Equal strings among unsalted rows (a shared password, and a cracking target), in bounded memory.

Each unsalted row adds an 8-byte fingerprint of (scheme, digest) and its row number. Up to
``SPILL`` entries stay in memory; beyond that they go to 64 bucket files keyed by the
fingerprint's first byte, and each bucket is grouped on its own at the end, so memory stays a
small fraction of the dump's unsalted rows. A fingerprint collision could merge two groups;
at 64 bits that is about one in 10^7 for 10^6 distinct hashes, and it only affects a count.
"""

from __future__ import annotations

import hashlib
import struct
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hashcompat.dump.private import private_open

__all__ = ["Duplicates"]

SPILL = 50_000  # about 5 MiB of pending pairs
_BUCKETS = 64
_PAIR = struct.Struct("<QQ")
_DENSER = 2  # numpy pairs take 16 bytes, tuples in a list about 8 times that: spill later


class Duplicates:
    def __init__(self, *, spill: int = SPILL) -> None:
        self._pending: list[tuple[int, int]] = []
        self._spill = spill
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._arrays: list[tuple[Any, Any]] = []  # numpy (fingerprints, numbers): the columnar path
        self._in_arrays = 0
        self._vector_mode = False  # set once arrays were added: groups() uses numpy

    FINGERPRINT_BYTES = 8

    @staticmethod
    def fingerprint(key: str) -> int:
        digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        return int.from_bytes(digest, "little")

    def add(self, key: str, number: int) -> None:
        self.add_fingerprint(self.fingerprint(key), number)

    def add_fingerprint(self, fingerprint: int, number: int) -> None:
        self._pending.append((fingerprint, number))
        if len(self._pending) >= self._spill:
            self._flush()

    @property
    def _vectored(self) -> bool:
        return self._vector_mode

    def add_many(self, fingerprints: Any, numbers: Any) -> None:
        """Numpy arrays of fingerprints (uint64) and their row numbers (the columnar path)."""
        if len(fingerprints):
            self._vector_mode = True
            self._arrays.append((fingerprints, numbers))
            self._in_arrays += len(fingerprints)
            if self._in_arrays + len(self._pending) >= self._spill * _DENSER:
                self._flush()

    def _flush(self) -> None:
        if self._dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="hashcompat-dups-")
        if self._arrays:
            self._flush_arrays()
            return
        buckets: dict[int, bytearray] = defaultdict(bytearray)
        for fingerprint, number in self._pending:
            buckets[fingerprint % _BUCKETS] += _PAIR.pack(fingerprint, number)
        for bucket, data in buckets.items():
            with private_open(Path(self._dir.name) / f"{bucket}.bin", "ab") as handle:
                handle.write(data)
        self._pending = []

    def _flush_arrays(self) -> None:
        import numpy as np

        prints, numbers = self._vectors()
        folder = Path(self._dir.name) if self._dir is not None else None
        if folder is None:
            return
        pairs = np.empty(len(prints), dtype=[("f", "<u8"), ("n", "<u8")])
        pairs["f"], pairs["n"] = prints, numbers
        buckets = prints % _BUCKETS
        for bucket in np.unique(buckets).tolist():
            with private_open(folder / f"{bucket}.bin", "ab") as handle:
                handle.write(pairs[buckets == bucket].tobytes())
        self._pending, self._arrays, self._in_arrays = [], [], 0

    def _vectors(self) -> tuple[Any, Any]:
        """The pending pairs, both kinds, as two numpy arrays."""
        import numpy as np

        prints = [a for a, _ in self._arrays]
        numbers = [b for _, b in self._arrays]
        if self._pending:
            prints.append(np.array([f for f, _ in self._pending], dtype=np.uint64))
            numbers.append(np.array([n for _, n in self._pending], dtype=np.uint64))
        if not prints:
            return np.empty(0, np.uint64), np.empty(0, np.uint64)
        return np.concatenate(prints).astype(np.uint64), np.concatenate(numbers).astype(np.uint64)

    def _buckets(self) -> Iterator[list[tuple[int, int]]]:
        if self._dir is None:
            yield self._pending
            return
        self._flush()
        for bucket in range(_BUCKETS):
            path = Path(self._dir.name) / f"{bucket}.bin"
            if path.exists():
                yield list(_PAIR.iter_unpack(path.read_bytes()))

    def _vector_buckets(self) -> Iterator[tuple[Any, Any]]:
        import numpy as np

        if self._dir is None:
            yield self._vectors()
            return
        self._flush()
        for bucket in range(_BUCKETS):
            path = Path(self._dir.name) / f"{bucket}.bin"
            if path.exists():
                pairs = np.frombuffer(path.read_bytes(), dtype=[("f", "<u8"), ("n", "<u8")])
                yield pairs["f"], pairs["n"]

    def groups(self, *, keep: int = 10) -> tuple[int, int, list[tuple[int, list[int]]]]:
        """(groups of equal strings, rows in them, the ``keep`` largest groups as (size, first
        row numbers))."""
        if self._arrays or self._vectored:
            return self._vector_groups(keep)
        count = rows = 0
        largest: list[tuple[int, list[int]]] = []
        for pairs in self._buckets():
            by_print: dict[int, list[int]] = defaultdict(list)
            for fingerprint, number in pairs:
                by_print[fingerprint].append(number)
            for numbers in by_print.values():
                if len(numbers) > 1:
                    count += 1
                    rows += len(numbers)
                    largest.append((len(numbers), sorted(numbers)[:10]))
                    largest.sort(key=lambda g: (-g[0], g[1][0]))
                    del largest[keep:]
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None
        self._pending = []
        return count, rows, largest

    def _vector_groups(self, keep: int) -> tuple[int, int, list[tuple[int, list[int]]]]:
        """What :meth:`groups` gives, grouped by numpy (the same numbers, by sorting)."""
        import numpy as np

        count = rows = 0
        largest: list[tuple[int, list[int]]] = []
        for unsorted, numbered in self._vector_buckets():
            if not len(unsorted):
                continue
            order = np.lexsort((numbered, unsorted))
            prints, numbers = unsorted[order], numbered[order]
            starts = np.flatnonzero(np.r_[True, prints[1:] != prints[:-1]])
            sizes = np.diff(np.r_[starts, len(prints)])
            shared = sizes > 1
            count += int(shared.sum())
            rows += int(sizes[shared].sum())
            heads, big = starts[shared], sizes[shared]
            best = np.lexsort((numbers[heads], -big))[:keep]
            for at in best.tolist():
                start = int(heads[at])
                first = numbers[start : start + min(int(big[at]), 10)].tolist()
                largest.append((int(big[at]), [int(n) for n in first]))
            largest.sort(key=lambda g: (-g[0], g[1][0]))
            del largest[keep:]
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None
        self._pending, self._arrays, self._in_arrays, self._vector_mode = [], [], 0, False
        return count, rows, largest
