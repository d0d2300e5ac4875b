"""The reset list of ``hashcompat sunset``: who must choose a new password, as CSV.

Two columns, ``id`` and ``email``; never a hash. The file is created readable by its owner only
(0600), because a list of accounts is personal data. It is opened by a spreadsheet more often
than by a program, so every cell that a spreadsheet would read as a formula is defused the way
OWASP's CSV-injection guidance says: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return gets a leading single quote, and every cell is quoted (inner quotes doubled).
A plain number (a negative id) cannot be a formula and is left as it is.

Resumable like the upgrade's output: each batch ends with an fsync, and the checkpoint keeps the
file's length after the last whole batch, to which a resumed run cuts the file back.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

from hashcompat.dump import DumpError

__all__ = ["HEADER", "ResetList", "defuse"]

HEADER = ("id", "email")
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def defuse(value: object) -> str:
    """``value`` as a cell no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_TRIGGERS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


class ResetList:
    """Appends (id, email) rows; ``resume_at`` (a length from the checkpoint) continues an
    interrupted run, None starts the file anew (refused over an existing file unless
    ``force``)."""

    def __init__(self, path: Path, *, resume_at: int | None, force: bool = False) -> None:
        self.path = path
        self.rows = 0
        if resume_at is None:
            if path.exists() and not force:
                raise DumpError(
                    f"{path} exists; pass force=True to overwrite it", parameters=("force=True",)
                )
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        else:
            try:
                descriptor = os.open(path, os.O_WRONLY)
            except OSError:
                raise DumpError(
                    f"{path}: the reset list of the interrupted run is missing"
                ) from None
        os.fchmod(descriptor, 0o600)  # also when the file was there before
        self.handle = os.fdopen(descriptor, "wb")
        if resume_at is None:
            self._write([HEADER])
        else:
            self.handle.truncate(resume_at)
            self.handle.seek(resume_at)

    def add(self, rows: list[tuple[object, object]]) -> None:
        self._write([(defuse(ident), defuse(email)) for ident, email in rows])
        self.rows += len(rows)

    def _write(self, rows: list[tuple[str, str]] | list[tuple[str, ...]]) -> None:
        buffer = io.StringIO()
        csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
        self.handle.write(buffer.getvalue().encode("utf-8"))

    def commit(self) -> int:
        """Make the rows written so far durable; returns the length to resume at."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        return self.handle.tell()

    def close(self) -> None:
        self.handle.close()
