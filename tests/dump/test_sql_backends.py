"""The table reader on SQLite, PostgreSQL and MariaDB: paged key reads over text and integer
keys, binary columns, NULL hashes, and a resume from the last key read."""

from __future__ import annotations

import pytest

from hashcompat.bulk import open_rows
from hashcompat.dump import Columns, Malformed, Position, Row

sa = pytest.importorskip("sqlalchemy")

PHPASS = "$P$BQMlyAddIOJ7MShLPWzZ.AWCVqMRbQ."  # WordPress 6.8.3, "password"


def _users(url: str, key: object) -> None:
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    table = sa.Table(
        "accounts",
        meta,
        sa.Column("account", key, primary_key=True),
        sa.Column("pw", sa.String(255)),
        sa.Column("salt", sa.LargeBinary(16)),
    )
    meta.create_all(engine)
    keys = ["b@x", "a@x", "D@x", "c@x", "e@x"] if key is not sa.Integer else [5, 1, 4, 2, 3]
    with engine.begin() as connection:
        connection.execute(
            table.insert(),
            [
                {
                    "account": k,
                    "pw": None if i == 2 else PHPASS,
                    "salt": b"\xff" if i == 3 else b"s",
                }
                for i, k in enumerate(keys)
            ],
        )
    engine.dispose()


@pytest.mark.parametrize("key", [sa.Integer, sa.String(64)], ids=["integer", "text"])
def test_paged_reads_and_resume(sql_url: str, key: object) -> None:
    _users(sql_url, key)
    columns = Columns(id="account", hash="pw", salt="salt")
    with open_rows(sql_url, table="accounts", columns=columns, page=2) as source:
        items = list(source)
        end = source.position
    ids = [item.id for item in items]
    # each key once, in the database's own order (its collation decides where "D@x" goes)
    assert sorted(map(str, ids)) == sorted(
        map(str, [5, 1, 4, 2, 3] if key is sa.Integer else ["b@x", "a@x", "D@x", "c@x", "e@x"])
    )
    rows = [i for i in items if isinstance(i, Row)]
    bad = {i.id: i.reason for i in items if isinstance(i, Malformed)}
    assert len(rows) == 3 and all(r.hash == PHPASS and r.salt == "s" for r in rows)
    assert sorted(bad.values()) == ["no hash (NULL or empty)", "the salt column is not UTF-8 text"]
    middle = Position(rows=2, last_id=ids[1])
    with open_rows(sql_url, table="accounts", columns=columns, page=2, resume=middle) as source:
        assert [item.id for item in source] == ids[2:]
    assert end.rows == 5 and end.last_id == ids[-1]
