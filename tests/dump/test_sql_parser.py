"""Property tests of the SQL dump scanner: values written with MySQL's and COPY's documented
escapes (rendered here, independently of the scanner) come back unchanged, in any layout
(mysqldump's one line, phpMyAdmin's tuple per line), and any bytes at all give rows, malformed
rows or one DumpError, never another exception."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from hashcompat.dump._sqlscan import Bad, Header, Scanner, Values
from hashcompat.errors import DumpError

TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40
) | st.sampled_from(["", "'", "''", "\\", "\\'", "a\nb", "x;y", "(1,'z')", "\\%_", "\x1a"])
VALUE = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**64),
    TEXT,
    st.binary(max_size=16),
)
ROWS = st.lists(st.tuples(st.integers(0, 10**9), VALUE, TEXT), min_size=1, max_size=8)

# MySQL's string escapes (Table "Special Character Escape Sequences" of the manual) as
# mysqldump writes them, plus the doubled quote that phpMyAdmin and hand-written dumps use.
_MYSQL = {
    "\0": "\\0",
    "'": "\\'",
    '"': '\\"',
    "\b": "\\b",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\x1a": "\\Z",
    "\\": "\\\\",
}


def mysql_literal(value: object, style: int) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, bytes):
        return ["0x" + value.hex() if value else "X''", "X'" + value.hex() + "'"][style % 2]
    text = str(value)
    if style % 3 == 2 and "\\" not in text:
        return "'" + text.replace("'", "''") + "'"
    return "'" + "".join(_MYSQL.get(c, c) for c in text) + "'"


def scan(data: bytes, table: str = "users") -> list[object]:
    out: list[object] = []
    for event in Scanner(io.BytesIO(data), table, "dump.sql").events():
        if isinstance(event, Values):
            out.append(list(event.values))
        elif isinstance(event, Bad):
            out.append(event.reason)
        elif isinstance(event, Header):
            out.append(event.names)
    return out


@given(ROWS, st.integers(0, 5), st.booleans())
@settings(max_examples=200, deadline=None)
def test_mysql_inserts_round_trip(
    rows: list[tuple[int, object, str]], style: int, per_line: bool
) -> None:
    tuples = [
        "(" + ",".join(mysql_literal(v, style + i) for v in row) + ")" for i, row in enumerate(rows)
    ]
    joiner = ",\n" if per_line else ","
    head = "INSERT INTO `users` (`id`, `hash`, `note`) VALUES "
    statement = "".join(
        [
            "-- MySQL dump\nINSERT INTO `other` VALUES (1,'users');\n",
            head,
            joiner.join(tuples),
            ";\nINSERT INTO `users2` VALUES (2);\n",
        ]
    )
    found = scan(statement.encode("utf-8"))
    assert found[0] == ("id", "hash", "note")
    assert found[1:] == [list(row) for row in rows]


def copy_field(value: str | None) -> str:
    if value is None:
        return "\\N"
    table = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
    return "".join(table.get(c, c) for c in value)


@given(st.lists(st.tuples(TEXT, st.none() | TEXT), min_size=1, max_size=8))
@settings(max_examples=200, deadline=None)
def test_pg_copy_round_trips(rows: list[tuple[str, str | None]]) -> None:
    body = "".join(f"{copy_field(a)}\t{copy_field(b)}\n" for a, b in rows)
    dump = (
        "-- PostgreSQL database dump\nCOPY public.users (id, hash) FROM stdin;\n" + body + "\\.\n"
    )
    found = scan(dump.encode("utf-8"), "public.users")
    assert found[0] == ("id", "hash")
    assert found[1:] == [[a, b] for a, b in rows]


@given(st.lists(st.tuples(TEXT, st.none() | TEXT), min_size=1, max_size=8))
@settings(max_examples=100, deadline=None)
def test_pg_inserts_keep_backslashes(rows: list[tuple[str, str | None]]) -> None:
    def literal(value: str | None) -> str:
        return "NULL" if value is None else "'" + value.replace("'", "''") + "'"

    values = ",\n\t".join(f"({literal(a)}, {literal(b)})" for a, b in rows)
    dump = (
        "SET standard_conforming_strings = on;\n"
        f"INSERT INTO public.users (id, hash) VALUES\n\t{values};\n"
    )
    assert scan(dump.encode("utf-8"), "users")[1:] == [[a, b] for a, b in rows]


@given(st.binary(max_size=400), st.sampled_from(["INSERT INTO users VALUES ", "COPY users "]))
@settings(max_examples=300, deadline=None)
def test_any_bytes_give_rows_or_one_dump_error(tail: bytes, head: str) -> None:
    try:
        scan(b"CREATE TABLE users (\n  id int,\n  hash text\n);\n" + head.encode() + tail)
    except DumpError as exc:
        assert "\n" not in str(exc)
