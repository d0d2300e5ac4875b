"""Benchmark: check() on 5 pairs as Django 5.x writes them (pbkdf2_sha256, 1,000,000 rounds).

    python benchmarks/check_django.py [OUT.json]

Counts the verifies check() runs and times it (median of 3). The pairs were made by Django
(tests/vectors/bench/make_django_default.py).
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from pathlib import Path

from hashcompat._checker import check
from hashcompat._registry import registry

VECTORS = Path(__file__).parent.parent / "tests" / "vectors" / "bench" / "django_default.jsonl"


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results/check_django.json")
    rows = [json.loads(line) for line in VECTORS.read_text(encoding="utf-8").splitlines()]
    pairs = [{"password": r["password"], "hash": r["hash"]} for r in rows]
    scheme = registry.get("django_pbkdf2_sha256")
    calls = 0
    original = type(scheme).verify

    def counting(self: object, *args: object) -> bool:
        nonlocal calls
        calls += 1
        return original(self, *args)  # type: ignore[arg-type]

    type(scheme).verify = counting  # type: ignore[method-assign]
    times = []
    for _ in range(3):
        calls = 0
        start = time.perf_counter()
        report = check(pairs)
        times.append(time.perf_counter() - start)
    type(scheme).verify = original  # type: ignore[method-assign]
    result = {
        "meta": {"python": platform.python_version(), "machine": platform.machine()},
        "verdict": report.verdict.value,
        "verifies": calls,
        "median_s": round(statistics.median(times), 3),
    }
    target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
