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

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from hashcompat.dump.source import MAX_RECORD
from hashcompat.errors import DumpError

__all__ = ["Bad", "Header", "Scanner", "Values", "copy_fields", "mysql_unescape"]

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

# One token per match; commas and blanks between tokens are skipped by finditer, and anything
# else falls into ``other`` so that nothing is skipped silently.
_MYSQL_STRING = r"'((?:[^'\\]|\\.|'')*)'"
_PG_STRING = r"'((?:[^']|'')*)'"
_TAIL = (
    r"|[Ee]'((?:[^'\\]|\\.|'')*)'"  # 2: PostgreSQL's E'' (backslash escapes)
    r"|(?:0x([0-9A-Fa-f]*)|[Xx]'([0-9A-Fa-f]*)')"  # 3, 4: hex literals
    r"|(NULL|null)\b"  # 5
    r"|([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)"  # 6: a number
    r"|(\()|(\))|(;)"  # 7, 8, 9
    r"|(TRUE|FALSE|true|false)\b"  # 10
    r"|(::[A-Za-z_][\w ]*(?:\[\])?)"  # 11: a cast, ignored
    r"|(')"  # 12: a string that goes on past the line
    r"|([^\s,])"  # 13: anything else
)
_INTRODUCER = r"(?:_[A-Za-z0-9]+\s*|[Nn](?='))?"
_TOKENS = {
    "mysql": re.compile(_INTRODUCER + _MYSQL_STRING + _TAIL),
    "pg": re.compile(_PG_STRING + _TAIL),
}
_BETWEEN = ", \t\r\n"
_PLAIN_VALUE = {  # a plain literal as one group: a string, NULL, a number, a hex literal
    "mysql": r"'[^'\\]*(?:(?:\\.|'')[^'\\]*)*'",
    "pg": r"'[^']*(?:''[^']*)*'",
}
_TUPLES: dict[tuple[str, int], re.Pattern[str]] = {}


def _tuple_pattern(dialect: str, width: int) -> re.Pattern[str]:
    """One tuple of ``width`` plain literals as one match (cached per dialect and width)."""
    found = _TUPLES.get((dialect, width))
    if found is None:
        value = (
            rf"({_PLAIN_VALUE[dialect]}|NULL|[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
            r"|0x[0-9A-Fa-f]+)"
        )
        found = re.compile(r"\(\s*" + r"\s*,\s*".join([value] * width) + r"\s*\)")
        _TUPLES[(dialect, width)] = found
    return found


def _plain(token: str) -> object:
    """A plain literal without escapes: a string, NULL, an integer or a decimal (as text)."""
    if token[0] == "'":
        return token[1:-1]
    if token == "NULL":
        return None
    return int(token) if token.lstrip("+-").isdigit() else token


_MYSQL_ESCAPES = {
    "0": "\0",
    "b": "\b",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "Z": "\x1a",
    "%": "\\%",
    "_": "\\_",
}
_MYSQL_ESCAPE = re.compile(r"\\(.)|''", re.DOTALL)
_COPY_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|(.))", re.DOTALL)
_COPY_CHARS = {b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"v": b"\v"}


def _mysql_char(found: re.Match[str]) -> str:
    char = found.group(1)
    if char is None:
        return "'"
    return _MYSQL_ESCAPES.get(char, char)


def mysql_unescape(text: str) -> str:
    """A MySQL string literal's content (between the quotes) as the server stores it."""
    if "\\" not in text and "''" not in text:
        return text
    return _MYSQL_ESCAPE.sub(_mysql_char, text)


def _copy_char(found: re.Match[bytes]) -> bytes:
    octal, hexa, char = found.groups()
    if octal is not None:
        return bytes([int(octal, 8) & 0xFF])
    if hexa is not None:
        return bytes([int(hexa, 16)])
    return _COPY_CHARS.get(char, char)


def copy_fields(line: bytes) -> list[object]:
    """The fields of one COPY text line (without its newline): tab-separated, ``\\N`` NULL.
    Text that is not UTF-8 comes back as bytes."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return [None if f == b"\\N" else _copy_bytes(f) for f in line.split(b"\t")]
    if "\\" not in text:
        return text.split("\t")  # type: ignore[return-value]
    out: list[object] = []
    for field in text.split("\t"):
        if "\\" not in field:
            out.append(field)
        elif field == "\\N":
            out.append(None)
        else:
            raw = _copy_bytes(field.encode("utf-8"))
            try:
                out.append(raw.decode("utf-8"))
            except UnicodeDecodeError:
                out.append(raw)
    return out


def _copy_bytes(field: bytes) -> bytes:
    return _COPY_ESCAPE.sub(_copy_char, field) if b"\\" in field else field


def _unquote(ident: str) -> str:
    if ident[:1] in '`"[' and len(ident) >= 2:
        inner = ident[1:-1]
        return inner.replace("``", "`") if ident[0] == "`" else inner.replace('""', '"')
    return ident


def _name(qualified: str) -> tuple[str, ...]:
    return tuple(_unquote(p) for p in _SPLIT_IDENTS.findall(qualified))


@dataclass(frozen=True, slots=True)
class Header:
    """The column names of the table, from CREATE TABLE, an INSERT column list or COPY."""

    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Values:
    """One tuple of the table: its values (str, bytes, int, bool or None) by column."""

    names: tuple[str, ...]
    values: list[object]
    offset: int
    clean: bool = False  # every value is ASCII text, a number or NULL: nothing to check


@dataclass(frozen=True, slots=True)
class Bad:
    """One tuple that could not be read; ``reason`` never quotes it."""

    reason: str
    offset: int


Event = Header | Values | Bad


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
        reader = _Statement(self.dialect, names or (), len(names or self.header))
        while True:
            state = reader.fast(text, start, self.offset) or reader.feed(text, start, self.offset)
            yield from reader.events
            if state is _State.END:
                return
            if state is _State.BAD:
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


class _State(enum.Enum):
    END = "the statement ended"
    MORE = "the statement goes on past the line"
    BAD = "text between tuples that is not SQL"


_NOT_LITERAL = "a value that is not a literal"


class _Statement:
    """The tuples of one INSERT statement, fed a line (or a carried-over tuple) at a time."""

    def __init__(self, dialect: str, names: tuple[str, ...], width: int):
        self.token = _TOKENS[dialect]
        self.tuple = _tuple_pattern(dialect, width) if width else None
        self.backslashes = dialect == "mysql"
        self.names = names
        self.events: list[Event] = []
        self.depth = 0  # 1 inside a tuple; more inside an expression
        self.tuple_at = 0

    def carried(self, text: str) -> str:
        """What the next line continues: the open tuple, from its parenthesis."""
        return text[self.tuple_at :] if self.depth else ""

    def feed(self, text: str, start: int, offset: int) -> _State:  # noqa: PLR0912 (one per token)
        self.events, self.depth = [], 0
        values: list[object] = []
        problem: str | None = None
        for found in self.token.finditer(text, start):
            kind = found.lastindex
            if kind == 7:  # (
                if self.depth == 0:
                    values, problem, self.tuple_at = [], None, found.start()
                else:
                    problem = problem or _NOT_LITERAL
                self.depth += 1
            elif kind == 8:  # )
                self.depth -= 1
                if self.depth < 0:
                    self.events.append(Bad("unbalanced parentheses", offset))
                    return _State.BAD
                if self.depth == 0:
                    event = Values(self.names, values, offset) if problem is None else None
                    self.events.append(event or Bad(problem or _NOT_LITERAL, offset))
            elif kind == 9 and self.depth == 0:  # ;
                return _State.END
            elif kind == 12:  # a quote whose string goes on past the line
                return self._open_string(offset)
            elif kind != 11 and self.depth == 1:  # 11: a cast, ignored
                found_value = self._value(found, kind)
                if found_value is _NOT_LITERAL:
                    problem = problem or _NOT_LITERAL
                else:
                    values.append(found_value)
            elif kind != 11 and self.depth == 0:
                self.events.append(Bad(_State.BAD.value, offset))
                return _State.BAD
            elif kind == 9:
                problem = problem or _NOT_LITERAL
        return _State.MORE

    def fast(self, text: str, start: int, offset: int) -> _State | None:
        """:meth:`feed` for the common line, one match per tuple: every tuple complete, of the
        table's width, made of plain literals. None (and nothing emitted) when the line needs
        :meth:`feed`: an introducer, an expression, a tuple or a string that goes on."""
        if self.tuple is None:
            return None
        events: list[Event] = []
        clean = text.isascii()
        names, backslashes = self.names, self.backslashes
        position = start
        for found in self.tuple.finditer(text, start):
            if text[position : found.start()].strip(_BETWEEN):
                return None
            position = found.end()
            whole = found.group(0)
            if "\\" not in whole and "''" not in whole and "0x" not in whole:  # most tuples
                events.append(Values(names, [_plain(t) for t in found.groups()], offset, clean))
                continue
            values: list[object] = []
            for token in found.groups():
                first = token[0]
                if first == "'":
                    raw = token[1:-1]
                    if "\\" in raw or "''" in raw:
                        raw = mysql_unescape(raw) if backslashes else raw.replace("''", "'")
                    values.append(raw)
                elif first == "N":
                    values.append(None)
                elif token[:2] == "0x":
                    if len(token) % 2:
                        return None
                    values.append(bytes.fromhex(token[2:]))
                    clean = False
                else:
                    values.append(int(token) if token.lstrip("+-").isdigit() else token)
            events.append(Values(names, values, offset, clean))
        rest = text[position:].strip(_BETWEEN)
        if rest and rest != ";":
            return None
        self.events, self.depth = events, 0
        return _State.END if rest else _State.MORE

    def _open_string(self, offset: int) -> _State:
        if self.depth == 0:
            self.events.append(Bad(_State.BAD.value, offset))
            return _State.BAD
        return _State.MORE

    def _value(self, found: re.Match[str], kind: int | None) -> object:  # noqa: PLR0911
        if kind == 1 or kind == 2:  # noqa: PLR1714 (ints, not a set lookup)
            raw = found.group(kind)
            if self.backslashes or kind == 2:
                return mysql_unescape(raw)
            return raw.replace("''", "'") if "''" in raw else raw
        if kind == 5:
            return None
        if kind == 6:
            number = found.group(6)
            return int(number) if number.lstrip("+-").isdigit() else number
        if kind == 3 or kind == 4:  # noqa: PLR1714
            hexa = found.group(kind)
            return bytes.fromhex(hexa) if len(hexa) % 2 == 0 else _NOT_LITERAL
        if kind == 10:
            return found.group(10).lower() == "true"
        return _NOT_LITERAL
