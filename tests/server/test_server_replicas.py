"""Two ``hashcompat serve`` replicas sharing a real Redis, against one real PostgreSQL
(benchmarks/replicas.py): the per-user limit holds across both, counted from their audit logs,
and every verified sign-in is marked exactly once. A small size here; the full size is slow."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("redis")
pytest.importorskip("psycopg")
pytest.importorskip("httpx")


def _run(**size: Any) -> dict[str, Any]:
    from benchmarks import replicas
    from tests._support.postgres import Unavailable as NoPostgres
    from tests._support.redis_server import Unavailable as NoRedis

    try:
        return replicas.run(**size)
    except (NoPostgres, NoRedis) as exc:
        pytest.skip(f"replica test skipped: {exc}")


def check(report: dict[str, Any]) -> None:
    """What must hold at any load: the limit across replicas, and marks exactly once."""
    limit = report["limit"]
    assert limit["held"], limit
    assert all(count == limit["per_user"] for count in limit["failures_admitted"].values())
    marks = report["marks"]
    assert marks["exactly_once"], marks
    assert marks["unverified_but_marked"] == 0


def test_two_replicas_hold_the_limit_and_mark_once() -> None:
    report = _run(requests=8, clients=6, users=3, burst=16, attacked=1)
    check(report)
    assert report["answers_not_200"] == 0  # a small load: every sign-in verified, in time
    for row in report["schemes"].values():
        assert row["verified"] == row["requests"] == 8
    for row in report["platforms"].values():
        assert row["over_timeout"] == 0
    assert report["limit"]["rate_limited"] == {"victim-0@example.com": 11}


@pytest.mark.slow
def test_two_replicas_full_size() -> None:
    """The figures depend on the machine (docs/benchmarks.md reports them); the guarantees
    do not."""
    report = _run(requests=200, clients=16, users=25, burst=40, attacked=3)
    check(report)
