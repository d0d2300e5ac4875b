"""The benchmark harness runs (timings are measured by `python -m benchmarks`, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import identify, verify

ROOT = Path(__file__).parents[2]


def test_verify_harness_smoke() -> None:
    rows = verify.run(repetitions=1, budget_s=0.0005)
    assert {row["case"] for row in rows} >= {"md5", "phpass 2^8", "bcrypt cost 5"}
    assert all(row["median_us"]["hashcompat"] > 0 for row in rows)  # type: ignore[index]


def test_identify_corpus_has_malformed_strings() -> None:
    strings, malformed = identify.corpus(200)
    assert len(strings) == 200 and 50 < sum(malformed) < 150


@pytest.mark.slow
def test_quick_benchmark_run(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "benchmarks", "--quick", "--out", str(tmp_path)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    assert (tmp_path / "quick.json").is_file()  # the checked-in results stay as measured


def test_login_timing_harness_smoke() -> None:
    from benchmarks import login_timing

    report = login_timing.run(repetitions=1, with_django=False)
    medians = report["median_ms"]
    assert {"unknown user", "bcrypt-5 user, harden_runtime"} <= set(medians)  # type: ignore[arg-type]
    assert "| unknown user |" in login_timing.table(report)


def test_hooks_benchmark_markdown_lists_each_case() -> None:
    from benchmarks import hooks

    row = {
        "requests": 1,
        "verified": 1,
        "per_second": 1.0,
        "p50_ms": 1.0,
        "p99_ms": 1.0,
        "max_ms": 1.0,
        "over_okta_budget": 0,
    }
    report = {
        "clients": 50,
        "harden_runtime": True,
        "okta_budget_ms": 3000.0,
        "cpus": 2,
        "cases": dict.fromkeys(hooks.CASES, row),
    }
    table = hooks.markdown(report)
    assert all(label in table for label in hooks.CASES)
