"""The statements of a SQL dump file that carry one table's rows, read as a stream.

A site owner's backup is a ``.sql`` file: mysqldump's and MariaDB's extended ``INSERT`` lines,
phpMyAdmin's ``INSERT ... VALUES`` with one tuple per line, or pg_dump's ``COPY ... FROM stdin``
blocks (and its ``--inserts`` form). No database is needed: the file is scanned line by line,
other tables' statements are skipped without being parsed, and the named table's values are
tokenised by one regular expression per dialect, so memory stays flat and the rate stays close
to reading a CSV file.

What is read: string literals with every MySQL escape (``\\0 \\' \\" \\b \\n \\r \\t \\Z
\\\\``, ``\\%`` and ``\\_`` kept as written, ``''``), character-set introducers (``_binary``,
``_utf8mb4``), hex literals (``X'..'`` and ``0x..``, as bytes), numbers, ``NULL``, PostgreSQL's
``E'..'`` strings, ``TRUE``/``FALSE`` and casts (``'..'::text``); a tuple may span lines. In
PostgreSQL mode (a pg_dump header or ``standard_conforming_strings = on``) a backslash in a
plain string is a character, as the server reads it. COPY rows use COPY's text escapes and
``\\N``. A value that is not a literal (a function call, ``DEFAULT``) makes its row malformed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from hashcompat.dump._source import MAX_RECORD
from hashcompat.dump._sqlvalues import Bad, Event, Header, State, Statement, Values, copy_fields
from hashcompat.errors import DumpError

__all__ = ["Bad", "Header", "Scanner", "Values"]

MAX_LINE = 64 << 20  # one statement line; mysqldump's lines are net_buffer_length (<= 16 MiB)

_IDENT = r'(?:`(?:[^`]|``)+`|"(?:[^"]|"")+"|\[[^\]]+\]|[A-Za-z_][\w$]*)'
_QUALIFIED = rf"{_IDENT}(?:\s*\.\s*{_IDENT})*"
_INSERT = re.compile(
    rf"\s*(?:INSERT|REPLACE)(?:\s+(?:IGNORE|LOW_PRIORITY|DELAYED|HIGH_PRIORITY))*\s+INTO\s+"
    rf"(?P<table>{_QUALIFIED})\s*(?:\((?P<columns>[^)]*)\)\s*)?VALUES\s*",
    re.IGNORECASE,
)
_COPY = re.compile(
    rf"\s*COPY\s+(?P<table>{_QUALIFIED})\s*(?:\((?P<columns>[^)]*)\)\s*)?FROM\s+stdin",
    re.IGNORECASE,
)
_CREATE = re.compile(
    rf"\s*CREATE\s+(?:UNLOGGED\s+|TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    rf"(?P<table>{_QUALIFIED})\s*\(\s*$",
    re.IGNORECASE,
)
_COLUMN = re.compile(rf"\s*(?P<name>{_IDENT})\s+\S")
_NOT_COLUMNS = frozenset(
    ("primary", "key", "unique", "constraint", "index", "fulltext", "spatial", "check", "foreign")
) | {"exclude", "like"}
_SPLIT_IDENTS = re.compile(_IDENT)


def _unquote(ident: str) -> str:
    if ident[:1] in '`"[' and len(ident) >= 2:
        inner = ident[1:-1]
        return inner.replace("``", "`") if ident[0] == "`" else inner.replace('""', '"')
    return ident


def _name(qualified: str) -> tuple[str, ...]:
    return tuple(_unquote(p) for p in _SPLIT_IDENTS.findall(qualified))


class Scanner:
    """Events of one table in a dump: its :class:`Header`, then its tuples (:class:`Values` or
    :class:`Bad`). ``table`` is ``name`` or ``schema.name`` (quotes optional); an unqualified
    name matches that table in any schema."""

    def __init__(self, handle: BinaryIO, table: str, name: str) -> None:
        self.handle = handle
        self.dump = name
        wanted = _name(table) or (table,)
        self.wanted = wanted
        self.dialect = "mysql"
        self.offset = 0
        self.tables: list[str] = []  # what the dump holds, for a helpful error
        self.header: tuple[str, ...] = ()  # the table's columns from its CREATE TABLE

    def _matches(self, qualified: str) -> bool:
        parts = _name(qualified)
        if parts not in (self.wanted, self.wanted[-1:]) and parts[-1:] != self.wanted:
            if len(self.tables) < 20 and ".".join(parts) not in self.tables:
                self.tables.append(".".join(parts))
            return False
        return True

    def _lines(self) -> Iterator[bytes]:
        readline = self.handle.readline
        while True:
            line = readline(MAX_LINE + 1)
            if not line:
                return
            self.offset += len(line)
            if len(line) > MAX_LINE and not line.endswith(b"\n"):
                raise DumpError(
                    f"{self.dump}: a statement line is longer than {MAX_LINE >> 20} MiB"
                )
            yield line

    def events(self) -> Iterator[Event]:  # noqa: PLR0912 (one branch per statement kind)
        lines = self._lines()
        create: list[str] | None = None
        skipping_insert = skipping_copy = False
        for line in lines:
            if skipping_copy:
                skipping_copy = not line.startswith(b"\\.")
                continue
            if skipping_insert:
                skipping_insert = not line.rstrip().endswith(b";")
                continue
            if create is not None:
                text = line.decode("utf-8", "replace")
                if text.lstrip().startswith(")"):
                    self.header = tuple(create)
                    yield Header(self.header)
                    create = None
                    continue
                column = _COLUMN.match(text)
                if column and column.group("name").lower() not in _NOT_COLUMNS:
                    create.append(_unquote(column.group("name")))
                continue
            head = line[:24].lstrip().upper()
            if head.startswith((b"INSERT", b"REPLACE")):
                text = line.decode("utf-8", "surrogateescape")
                found = _INSERT.match(text)
                if found is None or not self._matches(found.group("table")):
                    skipping_insert = not line.rstrip().endswith(b";")
                    continue
                names = self._columns(found.group("columns"))
                if names is not None:
                    yield Header(names)
                yield from self._tuples(text, found.end(), names, lines)
            elif head.startswith(b"COPY"):
                found = _COPY.match(line.decode("utf-8", "replace"))
                if found is None or not self._matches(found.group("table")):
                    skipping_copy = True
                    continue
                names = self._columns(found.group("columns"))
                if names is not None:
                    yield Header(names)
                yield from self._copy(lines)
            elif head.startswith(b"CREATE"):
                found = _CREATE.match(line.decode("utf-8", "replace"))
                if found is not None and self._matches(found.group("table")):
                    create = []
            elif head.startswith((b"-- POSTGRESQL", b"SET STANDARD_CONF")):
                self._dialect(line)

    def _dialect(self, line: bytes) -> None:
        """pg_dump's header, or ``standard_conforming_strings = on``: no backslash escapes."""
        if b"PostgreSQL" in line or b"= on" in line or b"=on" in line:
            self.dialect = "pg"

    @staticmethod
    def _columns(listed: str | None) -> tuple[str, ...] | None:
        if listed is None:
            return None
        return tuple(_unquote(n) for n in _SPLIT_IDENTS.findall(listed))

    def _copy(self, lines: Iterator[bytes]) -> Iterator[Event]:
        for line in lines:
            if line.startswith(b"\\.") and line.strip() == b"\\.":
                return
            body = line[:-2] if line.endswith(b"\r\n") else line.rstrip(b"\n")
            if len(body) > MAX_RECORD:
                yield Bad(f"the record is longer than {MAX_RECORD >> 20} MiB", self.offset)
                continue
            yield Values((), copy_fields(body), self.offset, body.isascii())
        raise DumpError(f"{self.dump}: the dump ends inside a COPY block (truncated?)")

    def _tuples(
        self, text: str, start: int, names: tuple[str, ...] | None, lines: Iterator[bytes]
    ) -> Iterator[Event]:
        """The tuples of one INSERT statement, from ``text[start:]`` and the lines after."""
        reader = Statement(self.dialect, names or (), len(names or self.header))
        while True:
            state = reader.fast(text, start, self.offset) or reader.feed(text, start, self.offset)
            yield from reader.events
            if state is State.END:
                return
            if state is State.BAD:
                yield from self._skip_statement(text, lines)
                return
            carried = reader.carried(text)
            if len(carried) > MAX_RECORD:
                yield Bad(f"the record is longer than {MAX_RECORD >> 20} MiB", self.offset)
                yield from self._skip_statement("", lines)
                return
            following = next(lines, None)
            if following is None:
                if carried:
                    yield Bad("the dump ends inside a tuple (truncated?)", self.offset)
                return
            text, start = carried + following.decode("utf-8", "surrogateescape"), 0

    @staticmethod
    def _skip_statement(text: str, lines: Iterator[bytes]) -> Iterator[Event]:
        """Past the end of a statement that cannot be read: the first line ending in ``;``."""
        if text.rstrip().endswith(";"):
            return
        for line in lines:
            if line.rstrip().endswith(b";"):
                return
        yield from ()
