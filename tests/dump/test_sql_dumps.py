"""Real dump files, made by mariadb-dump and pg_dump (tests/dumps/make_dumps.py), read back
without a database: every row the database returned, with the same values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hashcompat.dump import DumpError, Malformed, Row, open_rows

DUMPS = Path(__file__).parent.parent / "dumps"
EXPECTED = json.loads((DUMPS / "expected.json").read_text(encoding="utf-8"))


def _read(name: str, table: str) -> list[Row | Malformed]:
    with open_rows(DUMPS / name, table=table) as rows:
        return list(rows)


@pytest.mark.parametrize(
    "name",
    [
        "wordpress.mysqldump.sql",
        "wordpress.complete.sql",
        "wordpress.hexblob.sql",
        "wordpress.mysqldump.sql.gz",
    ],
)
def test_mariadb_dumps_give_the_rows_the_database_holds(name: str) -> None:
    rows = _read(name, "wp_users")
    expected = EXPECTED["wordpress"]
    good = [r for r in rows if isinstance(r, Row)]
    bad = [r for r in rows if isinstance(r, Malformed)]
    assert [b.reason for b in bad] == ["no hash (NULL or empty)"]  # the row with user_pass ''
    assert len(good) == len(expected) - 1
    for row, want in zip(good, [e for e in expected if e["user_pass"]], strict=True):
        assert row.id == want["id"]
        assert row.hash == want["user_pass"]
        assert row.username == want["user_login"]
        assert row.field("user_email") == (want["user_email"] or None)
        assert row.field("display_name") == (want["display_name"] or None)
        secret = dict(row.other)["secret"]
        assert secret == bytes([0, 255, 39, 92])  # not UTF-8: kept as bytes


@pytest.mark.parametrize(
    "name",
    [
        "supabase.pg_dump.sql",
        "supabase.inserts.sql",
        "supabase.column-inserts.sql",
        "supabase.pg_dump.sql.gz",
    ],
)
@pytest.mark.parametrize("table", ["auth.users", "users", '"auth"."users"'])
def test_pg_dumps_give_supabase_auth_users(name: str, table: str) -> None:
    rows = _read(name, table)
    expected = EXPECTED["supabase"]
    good = [r for r in rows if isinstance(r, Row)]
    assert len(rows) == len(expected)
    assert [r.reason for r in rows if isinstance(r, Malformed)] == ["no hash (NULL or empty)"]
    wanted = [e for e in expected if e["encrypted_password"]]
    assert [(str(r.id), r.hash, r.email) for r in good] == [
        (e["id"], e["encrypted_password"], e["email"] or None) for e in wanted
    ]
    meta = json.loads(str(good[1].field("raw_user_meta_data")))
    assert meta == {"name": "o'brien", "note": 'it\'s "quoted"'}
    assert {r.field("is_sso_user") for r in good} <= {"True", "False", "t", "f"}


def test_only_the_named_table_is_read() -> None:
    with pytest.raises(DumpError, match=r"no rows or CREATE TABLE for table 'nope'"):
        open_rows(DUMPS / "wordpress.mysqldump.sql", table="nope")
    with pytest.raises(DumpError, match="no hash column"):
        open_rows(DUMPS / "supabase.pg_dump.sql", table="public.profiles")
    with pytest.raises(DumpError, match="name one with table="):
        open_rows(DUMPS / "supabase.pg_dump.sql")


def test_a_preset_reads_its_table_from_a_dump_in_any_form() -> None:
    from hashcompat.bulk import analyze

    reports = []
    for name in (
        "wordpress.mysqldump.sql",
        "wordpress.mysqldump.sql.gz",
        "wordpress.complete.sql",
        "wordpress.hexblob.sql",
    ):
        data = analyze(DUMPS / name, platform="wordpress", measure_cost=False).to_dict()
        data.pop("source")
        reports.append(data)
    assert all(r == reports[0] for r in reports)
    assert reports[0]["rows"] == len(EXPECTED["wordpress"])
