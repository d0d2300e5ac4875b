"""Two hook-server replicas sharing Redis, against one PostgreSQL, all on loopback.

    python -m benchmarks.replicas [--requests N] [--clients 16] [--users 25] [--burst 40]

Starts a private PostgreSQL (tests/_support/postgres.py) and redis-server
(tests/_support/redis_server.py) on
Unix sockets, a legacy table of PHP-made hashes (phpass ``$P$B`` 2^13, Drupal 7 ``$S$D`` 2^15,
unsalted md5, bcrypt cost 10), and two ``hashcompat serve`` processes with the same
configuration and ``[state] url`` on that Redis. Then:

1. N right-password sign-ins per legacy scheme, from C concurrent clients, alternating between
   the replicas and across the Okta, Kratos, B2C and generic routes, each user several times
   (so the same user hits both replicas): p50/p99 per scheme, and p99 per platform against its
   timeout.
2. A burst of wrong passwords for a few users, spread over both replicas at once: with
   ``per_user = 5``, the audit logs of both replicas together may admit at most 5 failures per
   user in the window; the rest is ``rate_limited``.
3. Marks: every user who got a verified answer has ``migrated_at`` set in the table, and the
   two audit logs hold exactly one ``"migrated": true`` line for that user.

Writes benchmarks/results/replicas.json (or under ``--out``). ``run()`` is what the tests call
with small sizes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
RESULTS = Path(__file__).parent / "results"
SECRET = "benchmark-secret"
PER_USER = 5
CASES = {  # scheme label -> (seed scheme, password, hash prefix, scheme column)
    "phpass $P$ (2^13)": ("phpass", "password", "$P$B", None),
    "Drupal 7 $S$ (2^15)": ("drupal7", "password", "$S$D", None),
    "md5 (unsalted)": ("md5", "password", "", "md5"),
    "bcrypt cost 10": ("bcrypt", "password", "$2y$10$", None),
}
TIMEOUTS_MS = {"okta": 3000, "kratos": 3000, "b2c": 3000, "generic": 3000}
# audit outcomes of a check that passed the limit and may have failed: the failures, and a
# verify still running at the deadline (answered "later"; its failure still counts)
ADMITTED = {"failed", "unknown_user", "refused", "malformed", "over_budget", "timed_out"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _request(platform: str, user: str, password: str) -> tuple[str, dict[str, Any]]:
    if platform == "okta":
        credential = {"username": user, "password": password}
        return "/okta/password-import", {"data": {"context": {"credential": credential}}}
    if platform == "kratos":
        return "/kratos/password-migration", {"identifier": user, "password": password}
    if platform == "b2c":
        return "/b2c/verify", {"signInName": user, "password": password}
    return "/verify", {"username": user, "password": password}


def _verified(platform: str, status: int, body: Any) -> bool:
    if status != 200:
        return False
    if platform == "okta":
        return bool(body["commands"][0]["value"]["credential"] == "VERIFIED")
    if platform == "generic":
        return status == 200 and body.get("verified") is True
    return status == 200


def _config(folder: Path, name: str, port: int, url: str, redis: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(
        f"""
[server]
host = "127.0.0.1"
port = {port}
budget_ms = 2000
audit_log = "{folder / f"audit-{name}.jsonl"}"
[store]
url = "{url}"
table = "legacy_users"
id_column = "email"
scheme_column = "hash_scheme"
migrated_column = "migrated_at"
[state]
url = "{redis}"
[migrator]
allowed = ["phpass", "drupal7", "md5", "bcrypt"]
target_params = {{ memory_cost = 19456, time_cost = 2, parallelism = 1 }}
[auth]
header = "X-Hook-Secret"
secret = "{SECRET}"
[rate_limit]
per_user = {PER_USER}
per_client = 100000000
window_s = 900
[platforms.okta]
[platforms.kratos]
[platforms.b2c]
[platforms.generic]
""",
        encoding="utf-8",
    )
    return path


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000, 1)


async def _load(
    bases: list[str], jobs: list[tuple[str, str, str, str]], clients: int
) -> list[dict[str, Any]]:
    """jobs: (label, platform, user, password); the n-th goes to replica n % 2."""
    import httpx  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    queue: asyncio.Queue[tuple[int, tuple[str, str, str, str]]] = asyncio.Queue()
    for number, job in enumerate(jobs):
        queue.put_nowait((number, job))
    results: list[dict[str, Any]] = []
    transport_errors: list[int] = []

    async def client(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            number, (label, platform, user, password) = queue.get_nowait()
            path, body = _request(platform, user, password)
            started = time.perf_counter()
            for attempt in range(2):  # a keep-alive connection the server closed: once more
                try:
                    answer = await http.post(
                        bases[number % len(bases)] + path,
                        json=body,
                        headers={"X-Hook-Secret": SECRET},
                    )
                    break
                except httpx.TransportError:
                    transport_errors.append(number)
                    if attempt:
                        raise
            seconds = time.perf_counter() - started
            results.append(
                {
                    "label": label,
                    "platform": platform,
                    "user": user,
                    "status": answer.status_code,
                    "verified": _verified(platform, answer.status_code, answer.json()),
                    "seconds": seconds,
                    "retried": number in transport_errors,
                }
            )

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return results


def _audit(folder: Path) -> list[dict[str, Any]]:
    entries = []
    for path in sorted(folder.glob("audit-*.jsonl")):
        entries += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return entries


def _marked(url: str) -> set[str]:
    import sqlalchemy as sa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    engine = sa.create_engine(url)
    try:
        query = sa.text("SELECT email FROM legacy_users WHERE migrated_at IS NOT NULL")
        with engine.connect() as connection:
            return {row[0] for row in connection.execute(query)}
    finally:
        engine.dispose()


@contextmanager
def _services(folder: Path, users: dict[str, Any]) -> Iterator[tuple[list[str], str]]:
    sys.path.insert(0, str(ROOT))
    from tests._support.hookserver import create_users_table, serving  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from tests._support.postgres import running_server  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from tests._support.redis_server import running_redis  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    with ExitStack() as stack:
        database = stack.enter_context(running_server())
        redis = stack.enter_context(running_redis())
        create_users_table(database.url, users).dispose()
        bases = []
        for name in ("a", "b"):
            port = _free_port()
            config = _config(folder, name, port, database.url, redis.url)
            log = folder / f"serve-{name}.log"
            bases.append(stack.enter_context(serving(config, port, output=log)))
        yield bases, database.url


def run(
    requests: int = 200, clients: int = 16, users: int = 25, burst: int = 40, attacked: int = 3
) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tests._support.hookserver import seed_row  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    table: dict[str, tuple[str | None, str, str]] = {}
    logins: dict[str, list[str]] = {}
    for label, (scheme, password, prefix, column) in CASES.items():
        row = seed_row(scheme, password, prefix)
        logins[label] = [f"{scheme}-{n}@example.com" for n in range(users)]
        for user in logins[label]:
            table[user] = (column, row["hash"], password)
    victims = [f"victim-{n}@example.com" for n in range(attacked)]
    row = seed_row("md5", "password")
    for user in victims:
        table[user] = ("md5", row["hash"], "password")
    platforms = list(TIMEOUTS_MS)
    jobs = [
        (label, platforms[n % len(platforms)], logins[label][n % users], "password")
        for label in CASES
        for n in range(requests)
    ]
    guesses = [
        ("burst", platforms[n % 4], victims[n % attacked], f"guess{n}") for n in range(burst)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with _services(folder, table) as (bases, url):
            started = time.perf_counter()
            results = asyncio.run(_load(bases, jobs, clients))
            wall = time.perf_counter() - started
            attack = asyncio.run(_load(bases, guesses, clients))
            entries = _audit(folder)
            marked = _marked(url)
    size = {"clients": clients, "requests": requests, "users": users, "burst": burst}
    return _report(results, attack, entries, marked, wall=wall, size=size)


def _report(
    results: list[dict[str, Any]],
    attack: list[dict[str, Any]],
    entries: list[dict[str, Any]],
    marked: set[str],
    *,
    wall: float,
    size: dict[str, int],
) -> dict[str, Any]:
    schemes: dict[str, Any] = {}
    for label in CASES:
        mine = [r for r in results if r["label"] == label]
        seconds = [r["seconds"] for r in mine]
        schemes[label] = {
            "requests": len(mine),
            "verified": sum(r["verified"] for r in mine),
            "p50_ms": round(statistics.median(seconds) * 1000, 1),
            "p99_ms": _percentile(seconds, 0.99),
            "max_ms": round(max(seconds) * 1000, 1),
        }
    per_platform = {}
    for platform, timeout in TIMEOUTS_MS.items():
        seconds = [r["seconds"] for r in results if r["platform"] == platform]
        per_platform[platform] = {
            "timeout_ms": timeout,
            "p99_ms": _percentile(seconds, 0.99),
            "over_timeout": sum(s * 1000 > timeout for s in seconds),
        }
    failures: dict[str, int] = Counter()
    limited: dict[str, int] = Counter()
    for entry in entries:
        if entry["user_id"].startswith("victim-"):
            failures[entry["user_id"]] += entry["outcome"] in ADMITTED
            limited[entry["user_id"]] += entry["outcome"] == "rate_limited"
    marks: dict[str, int] = defaultdict(int)
    verified_users = set()
    for entry in entries:
        if entry["outcome"] == "verified":
            verified_users.add(entry["user_id"])
            marks[entry["user_id"]] += entry["migrated"]
    return {
        "clients": size["clients"],
        "replicas": 2,
        "requests_per_scheme": size["requests"],
        "users_per_scheme": size["users"],
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 1),
        "sign_ins_per_second": round(len(results) / wall, 1),
        "answers_not_200": sum(r["status"] != 200 for r in results),
        "retried_after_a_closed_connection": sum(r["retried"] for r in results),
        "schemes": schemes,
        "platforms": per_platform,
        "limit": {
            "per_user": PER_USER,
            "burst_requests": size["burst"],
            "failures_admitted": dict(failures),
            "rate_limited": dict(limited),
            "held": bool(failures) and max(failures.values()) <= PER_USER,
            "answers": dict(Counter(r["status"] for r in attack)),
        },
        "marks": {
            "verified_users": len(verified_users),
            "marked_in_table": len(marked & verified_users),
            "unverified_but_marked": len(marked - verified_users),
            "audit_marks_per_user": dict(Counter(marks.values())),
            "exactly_once": marked == verified_users
            and all(count == 1 for count in marks.values()),
        },
    }


def markdown(report: dict[str, Any]) -> str:
    lines = [
        f"2 replicas sharing Redis, one PostgreSQL, {report['clients']} concurrent clients, "
        f"{report['cpus']} CPUs, load {report['load_average']}; "
        f"{report['sign_ins_per_second']} sign-ins/s",
        "",
        "| legacy row | requests | verified | p50 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|",
    ]
    for label, row in report["schemes"].items():
        lines.append(
            f"| {label} | {row['requests']} | {row['verified']} | {row['p50_ms']} | "
            f"{row['p99_ms']} | {row['max_ms']} |"
        )
    lines += ["", "| platform | timeout ms | p99 ms | over the timeout |", "|---|---|---|---|"]
    for platform, row in report["platforms"].items():
        lines.append(
            f"| {platform} | {row['timeout_ms']} | {row['p99_ms']} | {row['over_timeout']} |"
        )
    limit, marks = report["limit"], report["marks"]
    lines += [
        "",
        f"per_user = {limit['per_user']}: {limit['burst_requests']} wrong passwords over both "
        f"replicas; failures admitted per user {limit['failures_admitted']} "
        f"(held: {limit['held']}); rate_limited {limit['rate_limited']}",
        f"marks: {marks['verified_users']} users verified, {marks['marked_in_table']} marked in "
        f"the table, audit marks per user {marks['audit_marks_per_user']} "
        f"(exactly once: {marks['exactly_once']})",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.replicas")
    parser.add_argument("--requests", type=int, default=200, help="sign-ins per legacy scheme")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--users", type=int, default=25, help="users per legacy scheme")
    parser.add_argument("--burst", type=int, default=40, help="wrong passwords in the burst")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    report = run(min(args.requests, 5000), args.clients, args.users, args.burst)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "replicas.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
