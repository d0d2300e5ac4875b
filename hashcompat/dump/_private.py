"""Files that hold hashes or personal data are created readable by their owner only (0600).

Export payloads, upgraded copies of a dump, checkpoints and their temporary files, analyze's
spilled duplicate entries and reset lists all go through :func:`private_open`: the file is
created with mode 0600 (whatever the umask), and a file that was already there is set to 0600
before anything is written to it. Handing such a file over is a deliberate step (see
docs/sources.md).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

__all__ = ["PRIVATE", "private_binary", "private_open", "private_text", "write_private"]

PRIVATE = 0o600
_FLAGS = {
    "w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
    "a": os.O_WRONLY | os.O_CREAT | os.O_APPEND,
    "r+": os.O_RDWR,
    "x": os.O_WRONLY | os.O_CREAT | os.O_EXCL,
}


def private_open(
    path: str | os.PathLike[str],
    mode: str = "w",
    *,
    encoding: str | None = None,
    newline: str | None = None,
) -> IO[Any]:
    """``open(path, mode)`` for a private file: ``w``, ``a``, ``r+`` or ``x``, text or ``b``."""
    flags = _FLAGS[mode.replace("b", "")] | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, PRIVATE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, PRIVATE)  # also when the file was there before
        if "b" in mode:
            return os.fdopen(descriptor, mode)
        return os.fdopen(descriptor, mode, encoding=encoding or "utf-8", newline=newline)
    except BaseException:
        os.close(descriptor)
        raise


def private_binary(path: str | os.PathLike[str], mode: str = "wb") -> BinaryIO:
    """:func:`private_open` in a binary mode, typed as such."""
    return cast(BinaryIO, private_open(path, mode if "b" in mode else mode + "b"))


def private_text(path: str | os.PathLike[str], *, newline: str | None = None) -> TextIO:
    """:func:`private_open` for writing UTF-8 text, typed as such."""
    return cast(TextIO, private_open(path, "w", newline=newline))


def write_private(path: str | os.PathLike[str], text: str) -> Path:
    """``Path.write_text`` for a private file (UTF-8)."""
    with private_open(path, "w") as handle:
        handle.write(text)
    return Path(path)
