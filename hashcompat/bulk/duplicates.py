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

from hashcompat.dump.private import private_open

__all__ = ["Duplicates"]

SPILL = 50_000  # about 5 MiB of pending pairs
_BUCKETS = 64
_PAIR = struct.Struct("<QQ")


class Duplicates:
    def __init__(self, *, spill: int = SPILL) -> None:
        self._pending: list[tuple[int, int]] = []
        self._spill = spill
        self._dir: tempfile.TemporaryDirectory[str] | None = None

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

    def _flush(self) -> None:
        if self._dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="hashcompat-dups-")
        buckets: dict[int, bytearray] = defaultdict(bytearray)
        for fingerprint, number in self._pending:
            buckets[fingerprint % _BUCKETS] += _PAIR.pack(fingerprint, number)
        for bucket, data in buckets.items():
            with private_open(Path(self._dir.name) / f"{bucket}.bin", "ab") as handle:
                handle.write(data)
        self._pending = []

    def _buckets(self) -> Iterator[list[tuple[int, int]]]:
        if self._dir is None:
            yield self._pending
            return
        self._flush()
        for bucket in range(_BUCKETS):
            path = Path(self._dir.name) / f"{bucket}.bin"
            if path.exists():
                yield list(_PAIR.iter_unpack(path.read_bytes()))

    def groups(self, *, keep: int = 10) -> tuple[int, int, list[tuple[int, list[int]]]]:
        """(groups of equal strings, rows in them, the ``keep`` largest groups as (size, first
        row numbers))."""
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
