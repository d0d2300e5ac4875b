"""hashcompat sunset: the markers, the reset list, tables and files, and kill -9 at random points
on SQLite, PostgreSQL and MariaDB with every row untouched, locked or purged as planned."""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hashcompat
from hashcompat._families.sunset import Closed, closed_marker, read_marker
from hashcompat.bulk import analyze
from hashcompat.bulk._resetlist import defuse
from hashcompat.bulk._sunsetting import Action, plan_row, sunset
from hashcompat.cli import main
from hashcompat.dump import DumpError, Row
from hashcompat.errors import InvalidArgumentError

sa = pytest.importorskip("sqlalchemy")

DAY = datetime.date(2026, 12, 1)
LOCKED = "$hashcompat$locked$2026-12-01"
PURGED = "$hashcompat$purged$2026-12-01"
ROOT = Path(__file__).parents[2]
EMAILS = ('=HYPERLINK("x")@evil', "+1@x", "-2@x", "@3", "\tt@x")  # formula triggers


def make_users(count: int) -> list[dict[str, object]]:
    """md5 rows (hashlib), a third of them marked migrated, a few with formula-like emails."""
    users = []
    for i in range(count):
        email = EMAILS[i // 6] if i % 6 == 1 and i // 6 < len(EMAILS) else f"user{i}@example.com"
        users.append(
            {
                "id": i + 1,
                "email": email,
                "hash": hashlib.md5(f"pw{i}".encode()).hexdigest(),
                "scheme": "md5",
                "migrated_at": datetime.datetime(2026, 10, 1 + i % 28) if i % 3 == 0 else None,
            }
        )
    return users


def make_table(url: str, users: list[dict[str, object]], name: str = "users") -> None:
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    table = sa.Table(
        name,
        meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("email", sa.String(120)),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("scheme", sa.String(16)),
        sa.Column("migrated_at", sa.DateTime, nullable=True),
    )
    meta.drop_all(engine)
    meta.create_all(engine)
    with engine.begin() as connection:
        connection.execute(table.insert(), users)
    engine.dispose()


def read_table(url: str, name: str = "users") -> dict[int, tuple[str, object]]:
    engine = sa.create_engine(url)
    table = sa.Table(name, sa.MetaData(), autoload_with=engine)
    with engine.connect() as connection:
        rows = connection.execute(sa.select(table.c.id, table.c.hash, table.c.migrated_at))
        found = {int(r[0]): (str(r[1]), r[2]) for r in rows}
    engine.dispose()
    return found


def planned(users: list[dict[str, object]]) -> dict[int, str]:
    return {int(str(u["id"])): PURGED if u["migrated_at"] else LOCKED for u in users}


def read_list(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def expected_list(users: list[dict[str, object]]) -> list[list[str]]:
    return [["id", "email"]] + [
        [str(u["id"]), defuse(u["email"])] for u in users if not u["migrated_at"]
    ]


# the markers


def test_markers_are_identified_and_never_verify() -> None:
    assert closed_marker(Closed.LOCKED, DAY) == LOCKED
    assert read_marker(PURGED) == (Closed.PURGED, DAY)
    assert read_marker("$hashcompat$locked$2026-02-30") is None
    assert read_marker(None) is None and read_marker("5f4dcc3b5aa765d61d8327deb882cf99") is None
    assert hashcompat.identify(LOCKED) == ["hashcompat_locked"]
    assert hashcompat.identify(PURGED) == ["hashcompat_purged"]
    for marker in (LOCKED, PURGED):
        for password in ("", "password", marker, "2026-12-01"):
            assert hashcompat.verify(password, marker) is False
        with pytest.raises(hashcompat.MalformedHashError):  # a stale scheme name: no match
            hashcompat.verify("x", marker, scheme="md5")
    assert hashcompat.identify("$hashcompat$locked$soon") == []


def test_analyze_plans_closed_rows_as_reset() -> None:
    report = analyze([{"id": 1, "hash": LOCKED}, {"id": 2, "hash": PURGED}], measure_cost=False)
    assert report.plans["reset"] == 2
    assert report.reset_reasons == {"locked": 1, "purged (migrated)": 1}


def test_plan_row() -> None:
    assert plan_row(Row(1, 1, "abc")) is Action.LOCK
    assert plan_row(Row(1, 1, "abc", other=(("migrated_at", "2026-10-01"),))) is Action.PURGE
    assert plan_row(Row(1, 1, "abc", other=(("migrated_at", ""),))) is Action.LOCK
    assert plan_row(Row(1, 1, LOCKED)) is Action.WAS_LOCKED
    assert plan_row(Row(1, 1, PURGED, other=(("migrated_at", "x"),))) is Action.WAS_PURGED


def test_defuse_follows_owasp() -> None:
    assert [defuse(v) for v in ("=1+1", "+1", "-x", "@x", "\tx", "\rx", "a=b")] == [
        "'=1+1",
        "'+1",
        "'-x",
        "'@x",
        "'\tx",
        "'\rx",
        "a=b",
    ]
    assert defuse(-5) == "-5" and defuse("-1.5") == "-1.5" and defuse(None) == ""


# tables and files


def test_sqlite_table_then_idempotent_rerun(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'users.db'}"
    users = make_users(40)
    make_table(url, users)
    before = read_table(url)
    preview = sunset(url, table="users", date=DAY, dry_run=True, batch=7)
    assert preview.counts == {"locked": 26, "purged": 14}
    assert read_table(url) == before and not list(tmp_path.glob("*.checkpoint"))
    out = tmp_path / "reset.csv"
    result = sunset(
        url, table="users", date=DAY, reset_list=out, batch=7, checkpoint=tmp_path / "c"
    )
    assert result.counts == {"locked": 26, "purged": 14} and result.listed == 26
    after = read_table(url)
    assert {i: h for i, (h, _) in after.items()} == planned(users)
    assert {i: m for i, (_, m) in after.items()} == {i: m for i, (_, m) in before.items()}
    assert read_list(out) == expected_list(users)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "'=HYPERLINK" in out.read_text(encoding="utf-8")
    assert not any(u["hash"] in out.read_text(encoding="utf-8") for u in users)
    again = sunset(
        url, table="users", date=DAY, reset_list=out, force=True, checkpoint=tmp_path / "c"
    )
    assert again.counts == {"already locked": 26, "already purged": 14}
    assert read_list(out) == expected_list(users)  # every locked row, listed again


def test_a_user_who_signs_in_meanwhile_is_not_locked(tmp_path: Path) -> None:
    """The rows were read before row 3 was marked: the lock's guard (migrated_at IS NULL)
    refuses it, it is counted as changed, and a rerun purges it."""
    url = f"sqlite:///{tmp_path / 'users.db'}"
    users = make_users(6)
    make_table(url, users)
    engine = sa.create_engine(url)

    def mark_row_3(rows: int, done: int) -> None:
        with engine.begin() as connection:
            connection.execute(sa.text("UPDATE users SET migrated_at = '2026-11-30' WHERE id = 3"))

    result = sunset(
        url,
        table="users",
        date=DAY,
        reset_list=tmp_path / "r.csv",
        batch=1,
        checkpoint=tmp_path / "c",
        progress=mark_row_3,
    )
    assert result.counts["changed meanwhile"] == 1
    assert read_table(url)[3][0] == users[2]["hash"]
    rerun = sunset(
        url,
        table="users",
        date=DAY,
        reset_list=tmp_path / "r.csv",
        force=True,
        checkpoint=tmp_path / "c",
    )
    assert rerun.counts["purged"] == 1 and read_table(url)[3][0] == PURGED
    engine.dispose()


def test_refusals(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'users.db'}"
    make_table(url, make_users(3))
    with pytest.raises(InvalidArgumentError, match="after today"):
        sunset(
            url,
            table="users",
            date=DAY,
            reset_list=tmp_path / "r",
            today=DAY.replace(day=1) - datetime.timedelta(days=1),
        )
    with pytest.raises(InvalidArgumentError, match="reset_list="):
        sunset(url, table="users", date=DAY)
    with pytest.raises(DumpError, match="no column 'seen_at'"):
        sunset(url, table="users", date=DAY, migrated_column="seen_at", dry_run=True)


def test_file_dump_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    users = make_users(12)
    dump = tmp_path / "users.csv"
    with dump.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(users[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(users)
    out, reset = tmp_path / "closed.csv", tmp_path / "reset.csv"
    argv = [
        "sunset",
        str(dump),
        "-o",
        str(out),
        "--date",
        "2026-12-01",
        "--reset-list",
        str(reset),
        "--format",
        "json",
    ]
    assert main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rows"]["locked"] == 8 and report["rows"]["purged"] == 4
    with out.open(newline="", encoding="utf-8") as handle:
        closed = list(csv.DictReader(handle))
    assert {int(r["id"]): r["hash"] for r in closed} == planned(users)
    assert all(r["scheme"] == "" for r in closed)
    assert read_list(reset) == expected_list(users)
    assert main([*argv[:-2], "--dry-run"]) == 0
    assert "would be" in capsys.readouterr().out


# kill -9 at random points


def kill_test(url: str, tmp_path: Path, *, rows: int, kills: int, seed: int) -> list[int]:
    """Run the CLI, SIGKILL it at ``kills`` random rows, check after each kill that every row
    is untouched or closed as planned, rerun until done; then every row is closed as planned
    and the reset list names every locked row once. Returns the rows the kills landed at."""
    users = make_users(rows)
    make_table(url, users)
    plan = planned(users)
    original = read_table(url)
    reset, checkpoint = tmp_path / "reset.csv", tmp_path / "sunset.checkpoint"
    command = [
        sys.executable,
        "-m",
        "hashcompat",
        "sunset",
        url,
        "--table",
        "users",
        "--date",
        "2026-12-01",
        "--reset-list",
        str(reset),
        "--batch",
        "4",
        "--checkpoint",
        str(checkpoint),
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    chance = random.Random(seed)
    targets = sorted(chance.sample(range(1, rows - 8), kills))
    landed: list[int] = []
    deadline = time.monotonic() + 240
    while True:
        assert time.monotonic() < deadline, f"not done in time; kills landed at {landed}"
        process = subprocess.Popen(
            command,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if len(landed) < len(targets):
            while process.poll() is None and _done_rows(checkpoint) < targets[len(landed)]:
                time.sleep(0.002)
            time.sleep(chance.uniform(0, 0.02))
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                landed.append(_done_rows(checkpoint))
                now = read_table(url)
                for ident, (hash, migrated) in now.items():
                    assert hash in (original[ident][0], plan[ident]), (ident, hash)
                    assert migrated == original[ident][1]
                continue
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        break
    assert {i: h for i, (h, _) in read_table(url).items()} == plan
    assert read_list(reset) == expected_list(users)
    assert stat.S_IMODE(reset.stat().st_mode) == 0o600
    assert not checkpoint.exists() and not Path(f"{checkpoint}.tmp").exists()
    return landed


def _done_rows(checkpoint: Path) -> int:
    try:
        return int(json.loads(checkpoint.read_text())["state"]["position"]["rows"])
    except (OSError, ValueError, KeyError):
        return 0  # not written yet, or replaced while read


def test_kill_sqlite_at_three_points(tmp_path: Path) -> None:
    landed = kill_test(f"sqlite:///{tmp_path / 'users.db'}", tmp_path, rows=120, kills=3, seed=3)
    assert len(landed) == 3


def test_kill_postgres_at_ten_points(postgres_url: str, tmp_path: Path) -> None:
    landed = kill_test(postgres_url, tmp_path, rows=400, kills=10, seed=10)
    # where the kills land is the machine's timing; what must hold after each one is checked
    # inside kill_test (every row untouched or as planned)
    assert len(landed) == 10 and len(set(landed)) >= 3, landed


def test_kill_mariadb_at_ten_points(mariadb_url: str, tmp_path: Path) -> None:
    landed = kill_test(mariadb_url, tmp_path, rows=400, kills=10, seed=11)
    # where the kills land is the machine's timing; what must hold after each one is checked
    # inside kill_test (every row untouched or as planned)
    assert len(landed) == 10 and len(set(landed)) >= 3, landed


def test_email_column_option(tmp_path: Path) -> None:
    dump = tmp_path / "users.csv"
    dump.write_text("id,hash,contact,migrated_at\n7,abc,=a@x,\n8,def,b@x,2026-10-01\n")
    reset = tmp_path / "reset.csv"
    argv = [
        "sunset",
        str(dump),
        "-o",
        str(tmp_path / "out.csv"),
        "--date",
        "2026-12-01",
        "--reset-list",
        str(reset),
        "--email-column",
        "contact",
    ]
    assert main(argv) == 0
    assert read_list(reset) == [["id", "email"], ["7", "'=a@x"]]


def test_json_lines_dump(tmp_path: Path) -> None:
    users = make_users(9)
    dump = tmp_path / "users.jsonl"
    dump.write_text(
        "".join(
            json.dumps({**u, "migrated_at": u["migrated_at"] and str(u["migrated_at"])}) + "\n"
            for u in users
        ),
        encoding="utf-8",
    )
    out, reset = tmp_path / "closed.jsonl", tmp_path / "reset.csv"
    result = sunset(dump, date=DAY, output=out, reset_list=reset, checkpoint=tmp_path / "c")
    assert result.counts == {"locked": 6, "purged": 3}
    closed = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["id"]: r["hash"] for r in closed} == planned(users)
    assert all(r["scheme"] is None for r in closed)
    assert read_list(reset) == expected_list(users)
