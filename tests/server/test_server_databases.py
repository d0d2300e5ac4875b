"""The legacy database stopped and restarted under load, then frozen (SIGSTOP: it accepts and
answers nothing) and thawed, for real: a private PostgreSQL (tests/_support/postgres.py) and MariaDB
(tests/_support/mariadb.py) of their own, the hook server in front, and clients signing users in
while the server goes away and comes back.

Nothing is lost: every answer is the platform's own (no 500), in time; sign-ins during the
outage get "try again later" and are retried; afterwards every user is verified, every row is
marked in the table, and the audit log holds exactly one ``"migrated": true`` per user.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")
sa = pytest.importorskip("sqlalchemy")

from tests._support.hookserver import create_users_table, running, seed_row  # noqa: E402

USERS_PER_SCHEME = 12
SECRET = "outage-secret"


@dataclass
class Database:
    url: str
    stop: Callable[[], None]
    start: Callable[[], None]
    pids: Callable[[], list[int]] = list  # the server's processes, to freeze it (SIGSTOP)


def children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


@contextmanager
def postgres() -> Iterator[Database]:
    from tests._support import postgres as pg

    try:
        server_context = pg.running_server()
        server = server_context.__enter__()
    except pg.Unavailable as exc:
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    bin_dir, user, root = pg.find_bin_dir(), pg._server_user(), server.socket_dir
    ctl = [str(bin_dir / "pg_ctl"), "-D", str(root / "data"), "-w"]

    def stop() -> None:
        pg._run(pg._as_user(user, [*ctl, "-m", "fast", "stop"]), "pg_ctl stop")

    def start() -> None:
        options = f"-c listen_addresses='' -k {root} -p {server.port} -c fsync=off"
        argv = [*ctl, "-l", str(root / "log"), "-o", options, "start"]
        pg._run(pg._as_user(user, argv), "pg_ctl start")

    def pids() -> list[int]:
        postmaster = int((root / "data" / "postmaster.pid").read_text().split()[0])
        return [postmaster, *children(postmaster)]

    try:
        yield Database(server.url, stop, start, pids)
    finally:
        server_context.__exit__(None, None, None)


@contextmanager
def mariadb() -> Iterator[Database]:
    pytest.importorskip("pymysql")
    from tests._support import mariadb as maria

    try:
        server_context = maria.running_server()
        server = server_context.__enter__()
    except maria.Unavailable as exc:
        pytest.skip(f"MariaDB tests skipped: {exc}")
    root = server.socket.parent
    mariadbd, _install = maria.find_binaries()
    user = maria._server_user()
    restarted: list[subprocess.Popen[bytes]] = []

    def stop() -> None:
        pid = int((root / "pid").read_text().strip())
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while (root / "pid").exists() and time.monotonic() < deadline:
            time.sleep(0.05)

    def start() -> None:
        argv = [str(mariadbd), "--no-defaults", f"--datadir={root / 'data'}"]
        argv += [f"--socket={server.socket}", f"--pid-file={root / 'pid'}"]
        argv += [f"--log-error={root / 'log'}", "--skip-networking", "--skip-name-resolve"]
        argv += ["--innodb-buffer-pool-size=32M", "--innodb-flush-log-at-trx-commit=0"]
        argv += ["--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci"]
        argv += [f"--user={user}"] if user else []
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        restarted.append(process)
        maria._wait_for(server.socket, process, root / "log")

    def pids() -> list[int]:
        return [int((root / "pid").read_text().strip())]

    try:
        yield Database(server.url, stop, start, pids)
    finally:
        for process in restarted:
            process.terminate()
            process.wait(30)
        server_context.__exit__(None, None, None)


def users() -> dict[str, tuple[str | None, str, str]]:
    table: dict[str, tuple[str | None, str, str]] = {}
    for scheme, prefix, column in (("md5", "", "md5"), ("phpass", "$P$", None)):
        row = seed_row(scheme, "password", prefix)
        for number in range(USERS_PER_SCHEME):
            table[f"{scheme}-{number}@example.com"] = (column, row["hash"], "password")
    return table


def config(url: str, folder: Path) -> Any:
    from hashcompat.server._config import parse_config

    return parse_config(
        {
            "server": {"budget_ms": 1000, "audit_log": str(folder / "audit.jsonl")},
            "store": {
                "url": url,
                "table": "legacy_users",
                "id_column": "email",
                "scheme_column": "hash_scheme",
                "migrated_column": "migrated_at",
                "breaker_failures": 3,
                "breaker_open_ms": 300,
            },
            "migrator": {
                "allowed": ["md5", "phpass"],
                "target_params": {"memory_cost": 256, "time_cost": 1, "parallelism": 1},
            },
            "auth": {"header": "X-Hook-Secret", "secret": SECRET},
            "rate_limit": {"per_client": 1_000_000},
            "platforms": {"generic": {}, "okta": {}},
        }
    )


class Load:
    """Client threads signing every user in, retrying those told "try again later"."""

    def __init__(self, base: str, names: list[str], threads: int = 4) -> None:
        self.base = base
        self.todo: queue.Queue[str] = queue.Queue()
        for name in names:
            self.todo.put(name)
        self.verified: set[str] = set()
        self.answers: Counter[tuple[str, int]] = Counter()
        self.slowest = 0.0
        self.lock = threading.Lock()
        self.stopping = False
        self.threads = [threading.Thread(target=self.work, daemon=True) for _ in range(threads)]

    def one(self, http: Any, name: str, okta: bool) -> bool:
        if okta:
            credential = {"username": name, "password": "password"}
            body: dict[str, Any] = {"data": {"context": {"credential": credential}}}
            answer = http.post(self.base + "/okta/password-import", json=body)
            value = answer.json()["commands"][0]["value"]["credential"]
            return bool(value == "VERIFIED")
        answer = http.post(self.base + "/verify", json={"username": name, "password": "password"})
        with self.lock:
            self.answers["generic", answer.status_code] += 1
        return bool(answer.status_code == 200 and answer.json()["verified"])

    def work(self) -> None:
        with httpx.Client(headers={"X-Hook-Secret": SECRET}, timeout=10) as http:
            turn = 0
            while not self.stopping:
                try:
                    name = self.todo.get(timeout=0.1)
                except queue.Empty:
                    continue
                turn += 1
                started = time.perf_counter()
                ok = self.one(http, name, okta=turn % 2 == 0)
                with self.lock:
                    self.slowest = max(self.slowest, time.perf_counter() - started)
                    if ok:
                        self.verified.add(name)
                if not ok:
                    time.sleep(0.05)
                    self.todo.put(name)  # told to try later: the user signs in again

    def wait_for(self, count: int, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while len(self.verified) < count and time.monotonic() < deadline:
            time.sleep(0.02)


@pytest.mark.parametrize("backend", [postgres, mariadb], ids=["postgresql", "mariadb"])
def test_the_database_stops_and_restarts_under_load_and_no_mark_is_lost(
    tmp_path: Path, backend: Callable[[], Any]
) -> None:
    from hashcompat.server._app import create_app

    table = users()
    with backend() as database:
        create_users_table(database.url, table).dispose()
        app = create_app(config(database.url, tmp_path))
        with running(app) as base:
            load = Load(base, list(table))
            for thread in load.threads:
                thread.start()
            load.wait_for(len(table) // 3, 60)
            database.stop()
            time.sleep(0.6)
            during = httpx.get(base + "/readyz", timeout=5)
            time.sleep(0.6)
            database.start()
            load.wait_for(len(table) * 2 // 3, 60)
            frozen = database.pids()  # slow: the server answers nothing, refuses nothing
            for pid in frozen:
                os.kill(pid, signal.SIGSTOP)
            try:
                time.sleep(2.5)
            finally:
                for pid in frozen:
                    os.kill(pid, signal.SIGCONT)
            load.wait_for(len(table), 90)
            load.stopping = True
            for thread in load.threads:
                thread.join(15)
            after = httpx.get(base + "/readyz", timeout=5)
        engine = sa.create_engine(database.url)
        with engine.connect() as connection:
            marked = {
                row[0]
                for row in connection.execute(
                    sa.text("SELECT email FROM legacy_users WHERE migrated_at IS NOT NULL")
                )
            }
        engine.dispose()
    import json

    entries = [json.loads(line) for line in (tmp_path / "audit.jsonl").read_text().splitlines()]
    outcomes = Counter(entry["outcome"] for entry in entries)
    marks = Counter(entry["user_id"] for entry in entries if entry["migrated"])
    assert during.status_code == 503 and after.status_code == 200
    assert load.verified == set(table)
    assert marked == set(table)  # every mark, before and after the outage, is in the table
    assert marks == dict.fromkeys(table, 1)  # and made exactly once
    assert outcomes["store_unavailable"] > 0
    assert set(outcomes) <= {"verified", "store_unavailable"}
    assert {status for _route, status in load.answers} <= {200, 503}  # never a 500
    assert load.slowest < 3.0 + 1.0  # the platforms' 3 s, plus scheduling on a busy machine
