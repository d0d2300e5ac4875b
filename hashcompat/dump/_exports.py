"""Identity platforms' own exports: Firebase's ``auth:export`` (JSON and CSV) and Parquet files.

Firebase writes ``{"users": [ {...}, ... ]}``: each user is decoded on its own with
``raw_decode``, so a large export streams in flat memory. Its CSV has no header; the column
order is the one Firebase documents for ``auth:import``/``auth:export`` (UID, Email, Email
Verified, Password Hash, Password Salt, Name, Photo URL, the Google, Facebook, Twitter and
GitHub provider columns, then User Creation Time, Last Sign-In Time and Phone Number). Rows with
a password carry the scheme ``firebase_scrypt``; the project's hash config is given at verify
time (see :mod:`hashcompat._families.firebase`). Users without a password (federated, phone or
email-link accounts) are counted as rows without a hash.

Auth0's password-hash export (JSON Lines with ``_id: {"$oid": ...}`` and ``passwordHash``) and
Supabase's ``auth.users`` (``encrypted_password``) need no reader of their own: the JSON Lines
and table readers know those column names.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from hashcompat.dump._columns import Columns
from hashcompat.dump._row import Malformed, Row, from_mapping, short_id
from hashcompat.dump._source import MAX_RECORD, Position, Record, RowSource
from hashcompat.errors import DumpError, SchemeUnavailableError

__all__ = ["FIREBASE_CSV", "FirebaseCsvSource", "FirebaseJsonSource", "ParquetSource"]

FIREBASE_SCHEME = "firebase_scrypt"
FIREBASE_COLUMNS = Columns(id="localId", hash="passwordHash", salt="salt")
_PROVIDERS = ("google", "facebook", "twitter", "github")
FIREBASE_CSV = (
    "localId",
    "email",
    "emailVerified",
    "passwordHash",
    "salt",
    "displayName",
    "photoUrl",
    *(f"{p}{f}" for p in _PROVIDERS for f in ("Id", "Email", "DisplayName", "PhotoUrl")),
    "createdAt",
    "lastSignedInAt",
    "phoneNumber",
)
_NO_PASSWORD = "no password hash (a federated, phone or email-link account)"


def _firebase_row(number: int, user: dict[str, Any], columns: Columns) -> Row | Malformed:
    if user.get(columns.hash or "passwordHash") and not user.get("scheme"):
        user = {**user, "scheme": FIREBASE_SCHEME}
    wanted = Columns(columns.id, columns.hash, "scheme", columns.salt, columns.username)
    return from_mapping(number, user, wanted, id_of=short_id, no_hash=_NO_PASSWORD)


def _merged(columns: Columns) -> Columns:
    return Columns(
        id=columns.id or FIREBASE_COLUMNS.id,
        hash=columns.hash or FIREBASE_COLUMNS.hash,
        salt=columns.salt or FIREBASE_COLUMNS.salt,
        username=columns.username,
    )


class FirebaseJsonSource(RowSource):
    kind = "firebase"

    def __init__(self, handle: BinaryIO, name: str, columns: Columns) -> None:
        self.name = name
        self._handle = handle
        self.columns = _merged(columns)
        self.header = FIREBASE_CSV
        self.position = Position()
        self._decoder = json.JSONDecoder()
        self._buffer = ""
        self._offset = 0
        self._fill()
        start = self._buffer.lstrip()
        if not start.startswith("{"):
            raise DumpError(f"{name}: not a Firebase auth:export JSON file")
        after = start[1:].lstrip()
        if not after.startswith('"users"'):
            raise DumpError(f'{name}: a Firebase export starts with {{"users": [')
        after = after[len('"users"') :].lstrip()
        if not after.startswith(":") or not after[1:].lstrip().startswith("["):
            raise DumpError(f'{name}: a Firebase export starts with {{"users": [')
        self._buffer = after[1:].lstrip()[1:]

    def _fill(self) -> bool:
        chunk = self._handle.read(1 << 16)
        if not chunk:
            return False
        self._offset += len(chunk)
        self._buffer += chunk.decode("utf-8", "replace")
        return True

    def records(self) -> Iterator[Record]:
        number = 0
        while True:
            text = self._buffer.lstrip().lstrip(",").lstrip()
            if text.startswith("]"):
                return
            try:
                user, used = self._decoder.raw_decode(text)
            except ValueError:
                if len(text) > MAX_RECORD:
                    raise DumpError(f"{self.name}: a user record over 1 MiB") from None
                self._buffer = text
                if not self._fill():
                    raise DumpError(f"{self.name}: the export ends inside a user") from None
                continue
            self._buffer = text[used:]
            number += 1
            self.position = end = Position(number, self._offset)
            if not isinstance(user, dict):
                yield Record(Malformed(number, None, "not a JSON object"), None, None, end)
                continue
            yield Record(_firebase_row(number, user, self.columns), None, user, end)

    def close(self) -> None:
        self._handle.close()


class FirebaseCsvSource(RowSource):
    """Firebase's header-less CSV export, its columns named as in the JSON export."""

    kind = "firebase-csv"

    def __init__(self, handle: BinaryIO, name: str, columns: Columns) -> None:
        self.name = name
        self._handle = handle
        self._text = io.TextIOWrapper(handle, encoding="utf-8", errors="replace", newline="")
        self.columns = _merged(columns)
        self.header = FIREBASE_CSV
        self.position = Position()

    def records(self) -> Iterator[Record]:
        reader = csv.reader(self._text)
        number = 0
        for fields in reader:
            if not fields:
                continue
            number += 1
            self.position = end = Position(number, 0)
            if not 23 <= len(fields) <= len(FIREBASE_CSV) + 2:
                bad = Malformed(number, None, f"{len(fields)} fields, not Firebase's 23 to 26")
                yield Record(bad, None, fields, end)
                continue
            user = dict(zip(FIREBASE_CSV, fields, strict=False))  # 23 to 28 fields
            yield Record(_firebase_row(number, user, self.columns), None, fields, end)

    def close(self) -> None:
        self._text.close()


class ParquetSource(RowSource):
    """A Parquet file through pyarrow (the ``parquet`` extra), read one batch at a time."""

    kind = "parquet"

    def __init__(self, path: Path, columns: Columns) -> None:
        try:
            import pyarrow.parquet as pq  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
        except ImportError:
            raise SchemeUnavailableError(
                "Parquet dumps", "pip install 'hashcompat[parquet]'"
            ) from None
        self.name = path.name
        try:
            self._file = pq.ParquetFile(path)
        except Exception as exc:  # pyarrow raises its own ArrowInvalid, OSError...
            reason = type(exc).__name__
            raise DumpError(f"{path.name}: not a readable Parquet file ({reason})") from None
        self.header = tuple(self._file.schema_arrow.names)
        self.columns = columns.resolve(self.header, path.name)
        self.position = Position()

    def records(self) -> Iterator[Record]:
        number = 0
        for batch in self._file.iter_batches(batch_size=4096):
            for record in batch.to_pylist():
                number += 1
                self.position = end = Position(number, 0)
                row = from_mapping(number, record, self.columns, kind="column")
                yield Record(row, None, record, end)

    def close(self) -> None:
        self._file.close()
