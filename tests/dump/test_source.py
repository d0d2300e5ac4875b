"""The dump reader: good files, bad rows counted with a reason, bad files as one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hashcompat.bulk import Columns, DumpError, Malformed, Position, Row, open_rows
from hashcompat.dump._source import MAX_RECORD

PHPASS = (
    "$P$BQMlyAddIOJ7MShLPWzZ.AWCVqMRbQ."  # WordPress 6.8.3 under PHP 8.2 (examples/wordpress.csv)
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(path: Path, **kwargs: object) -> list[Row | Malformed]:
    with open_rows(path, **kwargs) as source:  # type: ignore[arg-type]
        return list(source)


def test_csv_rows_with_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "u.csv",
        b'id,user_login,user_pass,email\n1,alice,"' + PHPASS.encode() + b'",a@x\n2,bob,abc,\n',
    )
    rows = read(path)
    assert [r.number for r in rows] == [1, 2]
    first = rows[0]
    assert isinstance(first, Row)
    assert (first.id, first.username, first.hash, first.other) == (
        "1",
        "alice",
        PHPASS,
        (("email", "a@x"),),
    )
    assert PHPASS not in repr(first)


def test_jsonl_rows_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 7, "hash": PHPASS, "salt": "s"}),
        "",
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"id": 9}),
        json.dumps({"id": 10, "hash": 5}),
    ]
    rows = read(write(tmp_path, "u.jsonl", "\n".join(lines).encode() + b"\n"))
    assert isinstance(rows[0], Row) and rows[0].id == 7 and rows[0].salt == "s"
    bad = [r for r in rows if isinstance(r, Malformed)]
    assert [(b.number, b.reason.split(" (")[0]) for b in bad] == [
        (2, "not valid JSON"),
        (3, "not a JSON object"),
        (4, "no hash"),
        (5, "the hash field is not a string"),
    ]


def test_bad_rows_are_counted_not_fatal(tmp_path: Path) -> None:
    data = (
        b"id,hash\n"
        b"1," + PHPASS.encode() + b"\n"
        b"2,ab\x00cd\n"  # NUL in a field
        b"3,\xff\xfe\n"  # not UTF-8
        b"4," + b"x" * (10 * 1024 * 1024) + b"\n"  # a 10 MB field
        b"5,\n"  # empty hash
        b"6," + PHPASS.encode() + b"\n"
        b"7,$P$trunc"  # a truncated last line: fewer fields is caught; here the count is right
    )
    rows = read(write(tmp_path, "u.csv", data))
    reasons = {r.ref: r.reason for r in rows if isinstance(r, Malformed)}
    assert reasons == {
        "2": "a NUL byte in a field",
        "3": "a byte that is not UTF-8 (byte 3 of the line)",
        "row 4": f"the record is longer than {MAX_RECORD >> 20} MiB",
        "5": "empty hash",
    }
    assert [r.ref for r in rows if isinstance(r, Row)] == ["1", "6", "7"]
    for r in rows:
        assert "x" * 20 not in repr(r)


def test_truncated_csv_line_is_a_malformed_row(tmp_path: Path) -> None:
    rows = read(write(tmp_path, "u.csv", b"id,name,hash\n1,a," + PHPASS.encode() + b'\n2,"b'))
    assert isinstance(rows[1], Malformed)
    assert rows[1].reason == "2 fields where the header has 3"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, "gzip data is damaged or truncated"),
        (bytes(range(256)) * 8, "binary data, not a dump"),
        (b"SQLite format 3\x00" + b"\x00" * 100, "an SQLite database"),
        (b"", "the file is empty"),
        (b"id,\xffhash\n1,2\n", "the header is not UTF-8 text"),
    ],
)
def test_bad_files_raise_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(DumpError, match=message) as info:
        open_rows(write(tmp_path, "d.csv", data))
    assert "\n" not in str(info.value)


def test_missing_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "u.csv", b"id,name\n1,a\n")
    with pytest.raises(DumpError, match="no hash column"):
        open_rows(path)
    with pytest.raises(DumpError, match=r"no column 'pw' for columns\.hash"):
        open_rows(path, columns=Columns(hash="pw"))
    with pytest.raises(DumpError, match=r"no column 'salty' for columns\.salt"):
        open_rows(write(tmp_path, "v.jsonl", b'{"hash": "x"}\n'), columns=Columns(salt="salty"))


def test_sql_table_and_errors(tmp_path: Path) -> None:
    sa = pytest.importorskip("sqlalchemy")
    url = f"sqlite:///{tmp_path / 'u.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE users (uid INTEGER PRIMARY KEY, pw TEXT, salt BLOB)")
        c.exec_driver_sql(
            "INSERT INTO users VALUES (1, ?, NULL), (2, NULL, NULL), (3, 'abc', x'ff')",
            (PHPASS,),
        )
        c.exec_driver_sql("INSERT INTO users SELECT uid + 3, pw, salt FROM users WHERE uid = 1")
    engine.dispose()
    columns = Columns(id="uid", hash="pw", salt="salt")
    with open_rows(url, table="users", columns=columns, page=2) as source:
        rows = list(source)
        assert source.position == Position(4, 0, 4)
    assert [(r.ref, type(r).__name__) for r in rows] == [
        ("1", "Row"),
        ("2", "Malformed"),
        ("3", "Malformed"),
        ("4", "Row"),
    ]
    with open_rows(url, table="users", columns=columns, where="uid > 1", page=1) as source:
        assert [r.ref for r in source] == ["2", "3", "4"]
    with open_rows(url, table="users", columns=columns, resume=Position(1, 0, 1)) as source:
        assert [r.number for r in source] == [2, 3, 4]
    with pytest.raises(DumpError, match="no table 'nope'"):
        open_rows(url, table="nope")
    with pytest.raises(DumpError, match=r"no column 'hash' for columns\.hash"):
        open_rows(url, table="users", columns=Columns(id="uid", hash="hash"))
    with pytest.raises(DumpError, match="needs table="):
        open_rows(url)


def test_resume_from_a_file_position(tmp_path: Path) -> None:
    body = b"id,hash\n" + b"".join(b"%d,h%d\n" % (i, i) for i in range(1, 11))
    path = write(tmp_path, "u.csv", body)
    with open_rows(path) as source:
        records = list(source.records())
    middle = records[4].end
    with open_rows(path, resume=middle) as source:
        assert [r.ref for r in source] == [str(i) for i in range(6, 11)]
    assert b"".join(r.raw or b"" for r in records) == body.split(b"\n", 1)[1]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=400))
def test_any_bytes_after_a_header_read_without_surprises(tmp_path: Path, body: bytes) -> None:
    path = write(tmp_path, "h.csv", b"id,hash\n" + body)
    try:
        with open_rows(path) as source:
            records = list(source.records())
    except DumpError:
        return  # a whole-file refusal is allowed, one line
    numbers = [r.item.number for r in records]
    assert numbers == list(range(1, len(numbers) + 1))
    assert sum(len(r.raw or b"") for r in records) <= len(body)


def test_a_field_over_csvs_limit_is_named_as_such(tmp_path: Path) -> None:
    """csv states its field limit only in an error's words: the readers measure the record."""
    import csv

    from hashcompat.dump import read_pairs
    from hashcompat.errors import SampleError

    field = "x" * (csv.field_size_limit() + 10)
    data = (f'id,hash\n1,{PHPASS}\n2,"{field}"\n3,{PHPASS}\n').encode()
    rows = read(write(tmp_path, "u.csv", data))
    reasons = {r.ref: r.reason for r in rows if isinstance(r, Malformed)}
    assert list(reasons.values()) == ["a field is over the CSV field limit"]
    assert [r.ref for r in rows if isinstance(r, Row)] == ["1", "3"]
    with pytest.raises(SampleError, match="a field is longer than"):
        read_pairs(f'password,hash\n"{field}",x\n'.encode())
