"""Values in a SQL dump: the tuples of one INSERT statement, and the fields of a COPY line.

INSERT values are tokenised by one regular expression per dialect: a whole tuple of plain
literals is one match (:meth:`Statement.fast`), and anything else (an introducer, an expression,
a string that goes on past the line) goes through the token-by-token path (:meth:`Statement.feed`).
MySQL strings take every MySQL escape (``\\0 \\' \\" \\b \\n \\r \\t \\Z \\\\``,
``\\%`` and ``\\_`` kept as written, ``''``); PostgreSQL strings take ``''`` only, and
``E'..'`` strings backslash escapes. COPY fields use COPY's text escapes and ``\\N``.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

__all__ = [
    "Bad",
    "Event",
    "Header",
    "State",
    "Statement",
    "Values",
    "copy_fields",
    "mysql_unescape",
]


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


class State(enum.Enum):
    END = "the statement ended"
    MORE = "the statement goes on past the line"
    BAD = "text between tuples that is not SQL"


_NOT_LITERAL = "a value that is not a literal"


class Statement:
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

    def feed(self, text: str, start: int, offset: int) -> State:  # noqa: PLR0912 (one per token)
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
                    return State.BAD
                if self.depth == 0:
                    event = Values(self.names, values, offset) if problem is None else None
                    self.events.append(event or Bad(problem or _NOT_LITERAL, offset))
            elif kind == 9 and self.depth == 0:  # ;
                return State.END
            elif kind == 12:  # a quote whose string goes on past the line
                return self._open_string(offset)
            elif kind != 11 and self.depth == 1:  # 11: a cast, ignored
                found_value = self._value(found, kind)
                if found_value is _NOT_LITERAL:
                    problem = problem or _NOT_LITERAL
                else:
                    values.append(found_value)
            elif kind != 11 and self.depth == 0:
                self.events.append(Bad(State.BAD.value, offset))
                return State.BAD
            elif kind == 9:
                problem = problem or _NOT_LITERAL
        return State.MORE

    def fast(self, text: str, start: int, offset: int) -> State | None:
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
                plain = [t[1:-1] if t[0] == "'" else _plain(t) for t in found.groups()]
                events.append(Values(names, plain, offset, clean))
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
        return State.END if rest else State.MORE

    def _open_string(self, offset: int) -> State:
        if self.depth == 0:
            self.events.append(Bad(State.BAD.value, offset))
            return State.BAD
        return State.MORE

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
