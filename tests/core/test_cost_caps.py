"""Default caps as time (hashcompat/_timecaps.py, docs/cost-caps.md).

The normal suite checks that each measured cap is the one in force, under the parameter name
the scheme reports, and that the docs table matches the generated one; the slow test times one
verify at every default cap and fails past 2 s on this machine, in CPU seconds (time.process_time:
the development machine's 2 cores are shared, and wall time there measures the queue).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import hashcompat
from benchmarks.cost_caps import PROBES, Probe, _generic
from hashcompat._timecaps import time_cap
from hashcompat._timecaps_table import MEASURED
from hashcompat.scheme import Limits, using_limits

DOC = Path(__file__).parents[2] / "docs" / "cost-caps.md"


def _default_cap(probe: Probe) -> int:
    timed = time_cap(probe.scheme, probe.parameter)
    generic = _generic(probe.parameter)
    return generic if timed is None else min(timed, generic)


def _verify(probe: Probe, cost: int) -> bool:
    scheme = probe.scheme_arg.format(cost) if probe.scheme_arg else None
    return hashcompat.verify("wrong password", probe.make(cost), scheme=scheme)


def _reachable(probe: Probe, cost: int) -> bool:
    """Whether the format can write ``cost`` (scrypt's and yescrypt's N are powers of two)."""
    return "memory" not in probe.parameter and probe.parameter != "work (KiB)"


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: f"{p.scheme}-{p.parameter}")
def test_one_over_the_default_cap_is_refused_before_any_work(probe: Probe) -> None:
    cap = _default_cap(probe)
    over = cap + 1 if _reachable(probe, cap + 1) else cap * 2
    with pytest.raises(hashcompat.UnsafeParametersError) as caught:
        _verify(probe, over)
    assert probe.parameter.split(",")[0] in str(caught.value) or probe.parameter in str(
        caught.value
    )


@pytest.mark.parametrize("probe", [p for p in PROBES if p.scheme != "*"], ids=lambda p: p.scheme)
def test_every_measured_scheme_has_its_own_row(probe: Probe) -> None:
    assert MEASURED[probe.scheme][probe.parameter] == time_cap(probe.scheme, probe.parameter)


def test_the_docs_table_is_the_generated_one() -> None:
    text = DOC.read_text(encoding="utf-8")
    for probe in PROBES:
        cap = _default_cap(probe)
        name = "any other (iterated formula)" if probe.scheme == "*" else probe.scheme
        row = re.search(rf"^\| {re.escape(name)} \| {re.escape(probe.parameter)} \|.*$", text, re.M)
        assert row is not None, (name, probe.parameter)
        assert f"| {cap:,} |" in row.group(0), (name, probe.parameter, cap)


def test_time_budget_off_leaves_the_generic_fields() -> None:
    probe = PROBES[0]  # bcrypt: generic cap 16, time cap lower
    cap = _default_cap(probe)
    with (
        using_limits(Limits(time_budget=False, max_bcrypt_cost=cap)),
        pytest.raises(hashcompat.UnsafeParametersError),
    ):
        _verify(probe, cap + 1)
    assert _generic(probe.parameter) > cap


@pytest.mark.slow
@pytest.mark.parametrize("probe", PROBES, ids=lambda p: f"{p.scheme}-{p.parameter}")
def test_one_verify_at_the_default_cap_takes_under_two_seconds(probe: Probe) -> None:
    cap = _default_cap(probe)
    if not _reachable(probe, cap):  # N is a power of two: the largest one under the cap
        cap = 1 << (cap.bit_length() - 1)
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        _verify(probe, cap)
        best = min(best, time.process_time() - started)
    assert best < 2.0, f"{probe.scheme} at {cap}: {best:.2f} s"
