"""hashcompat upgrade: files, tables, resume, idempotence, Dask = pool, a SIGKILL crash test."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hashcompat
from hashcompat.bulk import DumpError, upgrade
from hashcompat.cli import main
from hashcompat.errors import InterruptedRunError

KEY = bytes(range(32))
# WordPress 6.8.3's phpass under PHP 8.2 (examples/wordpress.csv): hash -> password
PHPASS = {
    "$P$BQMlyAddIOJ7MShLPWzZ.AWCVqMRbQ.": "password",
    "$P$BpB.nlFBOG3uIsB5P.DsOhrDIlCwwl/": "pässwörd",
}
BCRYPT4 = "$2b$04$I3M3YPZacPewb1uJlx.d5OuxZjlVm70ubBY4fkYLIoYj6.tXO9HPm"  # "password", pyca/bcrypt


def make_rows(count: int) -> list[dict[str, str]]:
    """Rows of known passwords: md5 and sha1 (hashlib, named by a scheme column), WordPress
    phpass, bcrypt (already modern), and an unknown string (reset)."""
    rows = []
    phpass = list(PHPASS.items())
    for i in range(count):
        password = f"pw-{i % 17}"
        kind = i % 6
        if kind in (0, 1):
            hash, scheme = hashlib.md5(password.encode()).hexdigest(), "md5"
        elif kind == 2:
            hash, scheme = hashlib.sha1(password.encode()).hexdigest(), "sha1"
        elif kind == 3:
            hash, password = phpass[i % 2]
            scheme = ""
        elif kind == 4:
            hash, password, scheme = BCRYPT4, "password", ""
        else:
            hash, password, scheme = f"garbage-{i}", "", ""
        rows.append(
            {"id": str(i + 1), "email": f"u{i}@x", "hash": hash, "scheme": scheme, "pw": password}
        )
    return rows


def write_dump(path: Path, rows: list[dict[str, str]]) -> Path:
    fields = ["id", "email", "hash", "scheme"]
    if path.suffix == ".jsonl":
        path.write_text(
            "".join(json.dumps({f: r[f] for f in fields}) + "\n" for r in rows), encoding="utf-8"
        )
    else:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(fields)
            writer.writerows([r[f] for f in fields] for r in rows)
    return path


def read_out(path: Path) -> list[dict[str, str]]:
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check_output(rows: list[dict[str, str]], out: list[dict[str, str]]) -> int:
    """Every input row once, in order; weak rows wrapped once and verifying; others unchanged."""
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    wrapped = 0
    for given, got in zip(rows, out, strict=True):
        if given["scheme"] or given["hash"].startswith("$P$"):
            assert got["hash"].startswith("$hcw$1$") and got["hash"].count("$hcw$") == 1
            assert not got["scheme"]
            assert hashcompat.verify(given["pw"], got["hash"])
            assert not hashcompat.verify(given["pw"] + "x", got["hash"])
            wrapped += 1
        else:
            assert (got["hash"], got["scheme"] or "") == (given["hash"], given["scheme"])
    return wrapped


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_file_upgrade_and_idempotent_rerun(tmp_path: Path, suffix: str) -> None:
    rows = make_rows(40)
    dump = write_dump(tmp_path / f"users{suffix}", rows)
    out = tmp_path / f"out{suffix}"
    result = upgrade(dump, output=out, profile="cheapest", processes=1, batch=7)
    assert result.ok and result.wrapped == check_output(rows, read_out(out)) == 28
    assert result.rows_in == {"import as is": 6, "wrap": 28, "reset": 6}
    assert not Path(f"{out}.checkpoint").exists()
    again = tmp_path / f"again{suffix}"
    second = upgrade(out, output=again, profile="cheapest", processes=1)
    assert second.wrapped == 0 and second.ok
    assert again.read_bytes() == out.read_bytes()


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = write_dump(tmp_path / "users.csv", make_rows(12))
    assert main(["upgrade", str(dump), "--dry-run", "--profile", "cheapest"]) == 0
    captured = capsys.readouterr()
    assert "dry run: nothing written" in captured.out and "ms CPU per row measured" in captured.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["users.csv"]


def test_interrupt_then_resume_gives_the_same_bytes(tmp_path: Path) -> None:
    rows = make_rows(60)
    dump = write_dump(tmp_path / "users.csv", rows)
    reference = tmp_path / "reference.csv"
    upgrade(dump, output=reference, profile="cheapest", processes=1, batch=5, salt_key=KEY)
    out = tmp_path / "out.csv"
    calls = 0

    def stop_after_three(rows_done: int, _done: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt

    with pytest.raises(InterruptedRunError, match="run the same command again"):
        upgrade(
            dump,
            output=out,
            profile="cheapest",
            processes=1,
            batch=5,
            salt_key=KEY,
            progress=stop_after_three,
        )
    assert Path(f"{out}.checkpoint").exists()
    with pytest.raises(DumpError, match="belongs to another run"):
        upgrade(dump, output=out, profile="cheapest", processes=1, batch=5, salt_key=b"other")
    resumed = upgrade(dump, output=out, profile="cheapest", processes=1, batch=5, salt_key=KEY)
    assert resumed.resumed_at == 15 and resumed.ok
    assert out.read_bytes() == reference.read_bytes()
    check_output(rows, read_out(out))


def _table(url: str, rows: list[dict[str, str]], width: int = 255, name: str = "users") -> None:
    sa = pytest.importorskip("sqlalchemy")
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    table = sa.Table(
        name,
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("hash", sa.String(width)),
        sa.Column("scheme", sa.String(32)),
    )
    meta.drop_all(engine)
    meta.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            table.insert(),
            [{"id": int(r["id"]), "hash": r["hash"], "scheme": r["scheme"] or None} for r in rows],
        )
    engine.dispose()


def _read_table(url: str, name: str = "users") -> list[dict[str, str]]:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as connection:
        found = connection.execute(sa.text(f"SELECT id, hash, scheme FROM {name} ORDER BY id"))  # noqa: S608
        out = [{"id": str(i), "hash": h, "scheme": s or ""} for i, h, s in found]
    engine.dispose()
    return out


def _table_upgrade(url: str, name: str = "users") -> None:
    rows = make_rows(30)
    _table(url, rows, name=name)
    result = upgrade(url, table=name, profile="cheapest", processes=1, batch=4)
    assert result.ok and result.wrapped == check_output(rows, _read_table(url, name)) == 20
    assert upgrade(url, table=name, profile="cheapest", processes=1).wrapped == 0


def test_table_upgrade(sql_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paged key reads and compare-and-swap batches on SQLite, PostgreSQL and MariaDB."""
    monkeypatch.chdir(tmp_path)  # the default checkpoint goes to the working directory
    _table_upgrade(sql_url, name="bulk_users")
    from hashcompat.bulk import open_rows

    with pytest.raises(DumpError, match="no table 'nope'"):
        open_rows(sql_url, table="nope")


def test_compare_and_swap_leaves_a_row_changed_meanwhile(sql_url: str) -> None:
    from hashcompat.bulk._sinks import TableSink
    from hashcompat.dump import Row, open_rows

    url = sql_url
    rows = make_rows(3)
    rows[2]["hash"] = "ab" * 16
    _table(url, rows)
    with open_rows(url, table="users") as source:
        sink = TableSink(source)
        stale = Row(1, 1, "not-what-is-stored")
        fresh = Row(2, 2, rows[1]["hash"])
        # differs only in case and a trailing space: MariaDB's default collation would call it
        # equal, the compare-and-swap must not
        near = Row(3, 3, rows[2]["hash"].upper() + " ")
        assert sink.write([stale, fresh, near], ["$hcw$new1", "$hcw$new2", "$hcw$new3"]) == (1, 2)
    assert [r["hash"] for r in _read_table(url)] == [rows[0]["hash"], "$hcw$new2", rows[2]["hash"]]


def test_a_narrow_hash_column_is_refused_up_front(sql_url: str, tmp_path: Path) -> None:
    _table(sql_url, make_rows(2), width=34)  # two MD5 rows: they fit
    with pytest.raises(DumpError, match=r"ALTER TABLE users .*hash"):
        upgrade(sql_url, table="users", profile="cheapest", checkpoint=tmp_path / "c")


def test_dask_local_cluster_equals_the_process_pool(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    rows = make_rows(48)
    dump = write_dump(tmp_path / "users.csv", rows)
    pool, cluster = tmp_path / "pool.csv", tmp_path / "dask.csv"
    upgrade(dump, output=pool, profile="cheapest", processes=2, batch=6, salt_key=KEY)
    result = upgrade(
        dump, output=cluster, profile="cheapest", processes=2, dask="local", batch=6, salt_key=KEY
    )
    assert result.ok
    assert sorted(cluster.read_bytes().splitlines()) == sorted(pool.read_bytes().splitlines())
    check_output(rows, read_out(cluster))


def test_dask_scheduler_address(tmp_path: Path) -> None:
    """--dask ADDRESS: a scheduler the user started (here a LocalCluster of 2 processes)."""
    distributed = pytest.importorskip("distributed")
    rows = make_rows(24)
    dump = write_dump(tmp_path / "users.csv", rows)
    pool, remote = tmp_path / "pool.csv", tmp_path / "remote.csv"
    upgrade(dump, output=pool, profile="cheapest", processes=1, batch=5, salt_key=KEY)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        result = upgrade(
            dump,
            output=remote,
            profile="cheapest",
            dask=cluster.scheduler_address,
            batch=5,
            salt_key=KEY,
        )
    assert result.ok and remote.read_bytes() == pool.read_bytes()


def test_dask_dataframe_upgrade(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    rows = make_rows(18)
    frame = dd.from_pandas(
        pd.DataFrame.from_records([{k: r[k] for k in ("id", "hash", "scheme")} for r in rows]),
        npartitions=3,
    )
    done = upgrade(frame, profile="cheapest").compute()
    out = [
        {"id": i, "hash": h, "scheme": s if isinstance(s, str) else ""}
        for i, h, s in done.itertuples(index=False)
    ]
    check_output(rows, out)


def test_crash_at_twenty_random_points_then_done(tmp_path: Path) -> None:
    """SIGKILL the whole process group at random moments, rerun the same command until it
    finishes: the output is exactly the uninterrupted run's (the same salts), so every input row
    is there once, wrapped once, and verifies with its original password."""
    rows = make_rows(600)
    dump = write_dump(tmp_path / "users.csv", rows)
    reference = tmp_path / "reference.csv"
    upgrade(dump, output=reference, profile="cheapest", processes=1, batch=3, salt_key=KEY)
    out = tmp_path / "out.csv"
    command = [
        sys.executable,
        "-m",
        "hashcompat",
        "upgrade",
        str(dump),
        "-o",
        str(out),
        "--profile",
        "cheapest",
        "-j",
        "1",
        "--batch",
        "3",
        "--salt-key-env",
        "HC_KEY",
    ]
    env = {**os.environ, "HC_KEY": KEY.hex()}
    chance = random.Random(15)
    checkpoint = Path(f"{out}.checkpoint")
    # 20 kill points at random rows: wait until the checkpoint passes the row, then a random
    # few milliseconds more, so the kill lands anywhere in wrapping, writing or checkpointing
    targets = sorted(chance.sample(range(1, len(rows) - 10), 20))
    kills, landed = 0, []
    while True:
        process = subprocess.Popen(
            command,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if kills < len(targets):
            while process.poll() is None and _done_rows(checkpoint) < targets[kills]:
                time.sleep(0.002)
            time.sleep(chance.uniform(0, 0.01))
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                landed.append(_done_rows(checkpoint))
                kills += 1
                continue
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        break
    assert kills >= 20
    assert len(set(landed)) > 10, landed  # the kills landed at many different rows
    assert out.read_bytes() == reference.read_bytes()
    assert check_output(rows, read_out(out)) == 400
    assert not Path(f"{out}.checkpoint").exists()
    assert not Path(f"{out}.checkpoint.tmp").exists()


def _done_rows(checkpoint: Path) -> int:
    try:
        return int(json.loads(checkpoint.read_text())["state"]["position"]["rows"])
    except (OSError, ValueError, KeyError):
        return 0  # not written yet, or replaced while read


def test_bad_rows_are_copied_through_or_counted(tmp_path: Path) -> None:
    md5 = hashlib.md5(b"pw").hexdigest().encode()
    body = [
        b"1,a@x," + md5 + b",md5\n",
        b"2,b\x00@x," + md5 + b",md5\n",  # NUL: malformed, copied as it was
        b"3,\xff@x," + md5 + b",md5\n",  # not UTF-8: malformed, copied as it was
        b"4,d@x," + b"y" * (2 << 20) + b",md5\n",  # over 1 MiB: cannot be kept, dropped
        b"5,e@x\n",  # too few fields: malformed, copied
        b"6,f@x," + md5 + b",md5",  # no newline at the end
    ]
    dump = tmp_path / "users.csv"
    dump.write_bytes(b"id,email,hash,scheme\n" + b"".join(body))
    out = tmp_path / "out.csv"
    result = upgrade(dump, output=out, profile="cheapest", processes=1)
    assert (result.wrapped, result.dropped, result.ok) == (2, 1, True)
    assert result.rows_in == {"wrap": 2, "reset": 4}
    lines = out.read_bytes().split(b"\n")
    assert lines[2:5] == [body[1][:-1], body[2][:-1], body[4][:-1]]
    assert lines[1].startswith(b'1,a@x,"$hcw$1$') and lines[5].startswith(b'6,f@x,"$hcw$1$')
