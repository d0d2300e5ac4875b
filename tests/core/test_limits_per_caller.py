"""Caps per caller: a Migrator and a check() each carry their own, and neither leaks."""

from __future__ import annotations

import hashcompat
from hashcompat.migrate import Migrator

STORED = "$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"  # phpass, 2**13 rounds; password "test12345"


def test_a_migrator_refuses_costs_above_its_own_caps() -> None:
    tight = Migrator(limits=hashcompat.Limits(max_log2_rounds=8), rehash=False)
    loose = Migrator(rehash=False)
    try:
        tight.verify_and_update("test12345", STORED)
    except hashcompat.UnsafeParametersError:
        pass
    else:
        raise AssertionError("the migrator's caps were not applied")
    assert loose.verify_and_update("test12345", STORED) == (True, None)
    assert hashcompat.verify("test12345", STORED)  # the process-wide caps are untouched


def test_check_takes_limits() -> None:
    pairs = [
        {"password": f"pw{i}", "hash": hashcompat.hash(f"pw{i}", "phpass", log2_rounds=10)}
        for i in range(5)
    ]
    tight = hashcompat.check(pairs, limits=hashcompat.Limits(max_log2_rounds=8))
    assert tight.verdict != "feasible"
    assert hashcompat.check(pairs).verdict == "feasible"
