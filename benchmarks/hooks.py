"""Sign-ins per second through the hook server, against Okta's 3-second budget.

    python -m benchmarks.hooks [--requests N] [--clients 50]

Starts ``hashcompat serve`` in its own process on 127.0.0.1 (a real uvicorn, a SQLite legacy
table of PHP-made hashes: phpass ``$P$B`` (2^13), Drupal 7 ``$S$D`` (2^15), unsalted md5, bcrypt
cost 10), then sends N Okta password-import requests per scheme from 50 concurrent clients and
reports sign-ins per second with p50/p99 latency. The migrator is OWASP's minimum argon2id
(19 MiB, 2 passes) as the dummy-verify target, with harden_runtime on, as deployed. Writes
benchmarks/results/hooks.json.
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
RESULTS = Path(__file__).parent / "results"
OKTA_BUDGET_S = 3.0
SECRET = "benchmark-secret"
CASES = {  # scheme label -> (seed scheme, password, hash prefix, scheme column)
    "phpass $P$ (2^13)": ("phpass", "password", "$P$B", None),
    "Drupal 7 $S$ (2^15)": ("drupal7", "password", "$S$D", None),
    "md5 (unsalted)": ("md5", "password", "", "md5"),
    "bcrypt cost 10": ("bcrypt", "password", "$2y$10$", None),
}
USERS_PER_CASE = 50


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _setup(folder: Path, port: int, harden: bool) -> tuple[Path, dict[str, tuple[str, str]]]:
    sys.path.insert(0, str(ROOT))
    from tests._support.hookserver import create_users_table, seed_row  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    users: dict[str, tuple[str | None, str, str]] = {}
    logins: dict[str, tuple[str, str]] = {}
    for label, (scheme, password, prefix, column) in CASES.items():
        row = seed_row(scheme, password, prefix)
        for number in range(USERS_PER_CASE):
            user = f"{scheme}-{number}@example.com"
            users[user] = (column, row["hash"], password)
        logins[label] = (scheme, password)
    url = f"sqlite:///{folder / 'legacy.db'}"
    create_users_table(url, users).dispose()
    config = folder / "hooks.toml"
    config.write_text(
        f"""
[server]
host = "127.0.0.1"
port = {port}
budget_ms = 2000
audit_log = "{folder / "audit.jsonl"}"
[store]
url = "{url}"
table = "legacy_users"
id_column = "email"
scheme_column = "hash_scheme"
migrated_column = "migrated_at"
[migrator]
allowed = ["phpass", "drupal7", "md5", "bcrypt"]
harden_runtime = {"true" if harden else "false"}
target_params = {{ memory_cost = 19456, time_cost = 2, parallelism = 1 }}
[auth]
header = "X-Hook-Secret"
secret = "{SECRET}"
[rate_limit]
per_client = 1000000
[platforms.okta]
""",
        encoding="utf-8",
    )
    return config, logins


async def _measure(base: str, scheme: str, password: str, requests: int, clients: int) -> Any:
    import httpx  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    latencies: list[float] = []
    verified = errors = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(requests):
        queue.put_nowait(number)

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal verified, errors
        while not queue.empty():
            number = queue.get_nowait()
            user = f"{scheme}-{number % USERS_PER_CASE}@example.com"
            body = {"data": {"context": {"credential": {"username": user, "password": password}}}}
            started = time.perf_counter()
            try:
                answer = await http.post(
                    base + "/okta/password-import", json=body, headers={"X-Hook-Secret": SECRET}
                )
            except httpx.TransportError:  # a keep-alive connection closed under load
                errors += 1
                continue
            latencies.append(time.perf_counter() - started)
            verified += answer.json()["commands"][0]["value"]["credential"] == "VERIFIED"

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": requests,
        "verified": verified,
        "transport_errors": errors,
        "per_second": round(requests / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1),
        "over_okta_budget": sum(latency > OKTA_BUDGET_S for latency in latencies),
        "load_average": round(os.getloadavg()[0], 1),
    }


def run(
    requests: int = 400, clients: int = 50, harden: bool = True, workers: int = 1
) -> dict[str, Any]:

    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        config, logins = _setup(Path(tmp), port, harden)
        from tests._support.hookserver import serving  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        with serving(config, port, "--workers", str(workers)) as base:
            rows = {}
            for label, (scheme, password) in logins.items():
                rows[label] = asyncio.run(_measure(base, scheme, password, requests, clients))
    return {
        "clients": clients,
        "harden_runtime": harden,
        "workers": workers,
        "okta_budget_ms": OKTA_BUDGET_S * 1000,
        "cpus": os.cpu_count(),
        "cases": rows,
    }


def markdown(report: dict[str, Any]) -> str:
    lines = [
        f"{report['clients']} concurrent clients, {report.get('workers', 1)} worker(s), "
        f"harden_runtime={report['harden_runtime']}, "
        f"Okta budget {report['okta_budget_ms']:.0f} ms, {report['cpus']} CPUs",
        "",
        "| legacy row | sign-ins/s | p50 ms | p99 ms | max ms | over 3 s | verified | load |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, row in report["cases"].items():
        lines.append(
            f"| {label} | {row['per_second']} | {row['p50_ms']} | {row['p99_ms']} | "
            f"{row['max_ms']} | {row['over_okta_budget']}/{row['requests']} | "
            f"{row['verified']}/{row['requests']} | {row.get('load_average', '-')} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hooks")
    parser.add_argument("--requests", type=int, default=400, help="requests per scheme")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--no-harden", action="store_true", help="harden_runtime off")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    args = parser.parse_args()
    report = run(min(args.requests, 5000), args.clients, not args.no_harden, args.workers)
    RESULTS.mkdir(exist_ok=True)
    name = "hooks" + ("_no_harden" if args.no_harden else "") + f"_w{args.workers}"
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
