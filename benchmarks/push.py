"""Push throughput: users per second into the local fault server at 1, 8 and 32 concurrent
requests, and the wall time of a 100,000-user push at each platform's documented rate limit.

    python -m benchmarks.push [--users N] [--latency-ms 0,20] [--out DIR]

The server (tests/_support/faultserver.py, Okta's user API shape) runs in its own process on
127.0.0.1 with no faults; ``--latency-ms`` adds a delay to every answer, a stand-in for the
network round trip to a hosted platform (on bare loopback the client's own CPU is the limit, so
concurrency matters less). Every user is a bcrypt row that Okta imports as it is, so the figure is
the cost of planning, checkpointing (one committed SQLite transaction before and one after every
call) and HTTP, not of hashing. Writes DIR/push.json (default benchmarks/results).

The platform table is arithmetic on the documented limits (docs/push.md cites each one), not a
measurement: time = users / sustained rate.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bcrypt

from hashcompat.push import push
from hashcompat.push._settings import Settings

ROOT = Path(__file__).parent.parent
RESULTS = Path(__file__).parent / "results"
CONCURRENCY = (1, 8, 32)

# users per second each platform sustains for user creation, from its documented limits (see
# docs/push.md for the sources); the wall time of 100,000 users is 100,000 / rate.
PLATFORM_RATES: dict[str, tuple[float, str]] = {
    "okta": (600 / 60, "POST /api/v1/users: 600/minute (100/minute on a free Developer org)"),
    "clerk": (
        1000 / 10,
        "Backend API: 1,000 requests/10 s in production (100/10 s in development)",
    ),
    "pingone": (100.0, "100 operations/second"),
    "auth0": (
        400_000 / 3600,
        "2 import jobs at a time; about 400,000 users/hour (enterprise tier)",
    ),
    "firebase": (0.0, "1,000 users per call; no documented import rate"),
    "keycloak": (0.0, "none documented: bound by the server"),
    "kratos": (0.0, "self-hosted: none documented"),
    "fusionauth": (0.0, "none documented: bound by the server"),
    "zitadel": (0.0, "self-hosted: none documented"),
}


def _server(latency_ms: float) -> tuple[subprocess.Popen[str], str]:
    command = [
        sys.executable,
        "-m",
        "tests._support.faultserver",
        "--latency-s",
        str(latency_ms / 1000),
    ]
    child = subprocess.Popen(  # noqa: S603 - this interpreter and a module of this repository
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    line = child.stdout.readline() if child.stdout else ""
    if not line.startswith("port "):
        child.kill()
        raise RuntimeError("the fault server did not start")
    return child, f"http://127.0.0.1:{line.split()[1]}"


def measure(users: int, concurrency: int, latency_ms: float, hash: str) -> dict[str, float]:
    child, url = _server(latency_ms)
    try:
        rows = [{"id": str(i), "email": f"u{i}@example.com", "hash": hash} for i in range(users)]
        settings = Settings("okta", {"url": url, "token": "bench"})
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            report = push(
                rows,
                "okta",
                checkpoint=Path(folder) / "cp.sqlite",
                settings=settings,
                concurrency=concurrency,
            )
            seconds = time.perf_counter() - start
        if report.outcomes["created"] != users:
            raise RuntimeError(f"{report.outcomes['created']} of {users} created")
        return {"users": users, "seconds": round(seconds, 2), "users_per_s": round(users / seconds)}
    finally:
        child.kill()
        child.wait()


def platforms(users: int = 100_000) -> list[dict[str, Any]]:
    out = []
    for name, (rate, limit) in PLATFORM_RATES.items():
        hours = users / rate / 3600 if rate else None
        out.append(
            {
                "platform": name,
                "limit": limit,
                "users_per_s": rate or None,
                "hours_for_100k": round(hours, 2) if hours else None,
            }
        )
    return out


def run(users: int = 2000, latencies: tuple[float, ...] = (0.0, 20.0)) -> dict[str, Any]:
    hash = bcrypt.hashpw(b"benchmark", bcrypt.gensalt(4)).decode("ascii")
    rows = []
    for latency in latencies:
        for concurrency in CONCURRENCY:
            found = measure(users, concurrency, latency, hash)
            rows.append({"latency_ms": latency, "concurrency": concurrency, **found})
    return {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_1m": round(os.getloadavg()[0], 2),
        },
        "local": rows,
        "platforms_100k": platforms(),
    }


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "| server latency | concurrency | users | seconds | users/s |",
        "|---|---|---|---|---|",
    ]
    for row in report["local"]:
        lines.append(
            f"| {row['latency_ms']:.0f} ms | {row['concurrency']} | {row['users']} | "
            f"{row['seconds']} | {row['users_per_s']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.push")
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--latency-ms", default="0,20", help="comma-separated server delays")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    latencies = tuple(float(v) for v in args.latency_ms.split(",") if v)
    report = run(args.users, latencies)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "push.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
