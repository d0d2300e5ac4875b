"""The push benchmark harness runs (its timings are measured by python -m benchmarks.push)."""

from __future__ import annotations

import bcrypt
import pytest

pytest.importorskip("httpx")


def test_push_benchmark_smoke() -> None:
    from benchmarks import push

    hash = bcrypt.hashpw(b"x", bcrypt.gensalt(4)).decode("ascii")
    found = push.measure(20, 8, 0.0, hash)
    assert found["users"] == 20 and found["users_per_s"] > 0
    table = push.platforms()
    okta = next(row for row in table if row["platform"] == "okta")
    assert okta["hours_for_100k"] == pytest.approx(100_000 / 10 / 3600, abs=0.01)
