"""Compressed dumps (gzip, bzip2, xz, zstd), found by their magic bytes, not their names.

A site owner hands over ``users.csv.gz`` or ``backup.sql.xz``; the reader sees the decompressed
bytes through a buffered stream, so memory stays flat whatever the size. zstd needs the
``zstandard`` package (the ``zstd`` extra); without it the error says how to install it.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from typing import BinaryIO

from hashcompat.errors import DumpError

__all__ = ["SUFFIXES", "compression", "decompressed"]

_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
SUFFIXES = (".gz", ".gzip", ".bz2", ".xz", ".zst", ".zstd")


def compression(head: bytes) -> str | None:
    """``gzip``, ``bzip2``, ``xz`` or ``zstd`` when ``head`` starts with that magic."""
    return next((name for magic, name in _MAGIC if head.startswith(magic)), None)


class _Checked(io.RawIOBase):
    """The decompressed bytes, with damaged or truncated data as one :class:`DumpError` and
    a forward seek (the resume point of a file read) done by reading."""

    def __init__(self, inner: BinaryIO, what: str, errors: tuple[type[BaseException], ...]):
        super().__init__()
        self.inner = inner
        self.what = what
        self.errors = errors
        self.at = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.at

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            data = self.inner.read(len(buffer))
        except self.errors:
            raise DumpError(f"{self.what} is damaged or truncated") from None
        buffer[: len(data)] = data
        self.at += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self.at
        elif whence != io.SEEK_SET:
            raise DumpError(f"{self.what}: cannot seek from the end of compressed data")
        if offset < self.at:
            raise DumpError(f"{self.what}: cannot seek back in compressed data")
        while self.at < offset:
            chunk = bytearray(min(1 << 20, offset - self.at))
            if not self.readinto(chunk):
                break
        return self.at

    def close(self) -> None:
        self.inner.close()
        super().close()


def decompressed(handle: BinaryIO, kind: str, name: str) -> io.BufferedReader:
    """A buffered stream of the decompressed bytes of ``handle`` (positioned at its start)."""
    errors: tuple[type[BaseException], ...] = (OSError, EOFError, ValueError, lzma.LZMAError)
    inner: BinaryIO
    if kind == "gzip":
        inner = gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[assignment]
        errors += (zlib.error,)
    elif kind == "bzip2":
        inner = bz2.BZ2File(handle, "rb")  # type: ignore[assignment]
    elif kind == "xz":
        inner = lzma.LZMAFile(handle, "rb")  # type: ignore[assignment]  # noqa: SIM115
    else:
        try:
            import zstandard  # noqa: PLC0415 - optional: the zstd extra
        except ImportError:
            handle.close()
            raise DumpError(
                f"{name}: zstd data needs the zstandard package (pip install 'hashcompat[zstd]')"
            ) from None
        inner = zstandard.ZstdDecompressor().stream_reader(handle, closefd=True)
        errors += (zstandard.ZstdError,)
    return io.BufferedReader(_Checked(inner, f"{name}: the {kind} data", errors), 1 << 16)
