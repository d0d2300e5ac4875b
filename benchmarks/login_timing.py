"""Unknown users against known users with a wrong password: the login must not tell them apart.

    python -m benchmarks.login_timing

Interleaves the two cases with the recommended migrator (argon2-cffi's profile) and writes
benchmarks/results/login_timing.json.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from pathlib import Path

import hashcompat
from hashcompat.migrate import Credential, Migrator, login
from hashcompat.migrate.stores.memory import MemoryStore

RESULTS = Path(__file__).parent / "results"


def run(repetitions: int = 30) -> dict[str, object]:
    migrator = Migrator.recommended()
    store = MemoryStore(
        {
            "modern": Credential(migrator.hash("right password")),
            "legacy": Credential(hashcompat.hash("right password", "phpass")),
        }
    )
    hardened = Migrator(harden_runtime=True)
    cases = {
        "unknown user": lambda: login(migrator, store, "nobody", "guess"),
        "known user, wrong password": lambda: login(migrator, store, "modern", "guess"),
        "legacy user, wrong password": lambda: login(migrator, store, "legacy", "guess"),
        "legacy user, wrong password, harden_runtime": lambda: login(
            hardened, store, "legacy", "guess"
        ),
    }
    login(migrator, store, "nobody", "warm-up")  # builds the dummy hash once
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repetitions):
        order = list(cases)
        random.shuffle(order)
        for name in order:
            start = time.perf_counter()
            cases[name]()
            samples[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(v) * 1000 for name, v in samples.items()}
    reference = medians["known user, wrong password"]
    return {
        "repetitions": repetitions,
        "median_ms": {k: round(v, 2) for k, v in medians.items()},
        "ratio_to_known_user": {k: round(v / reference, 3) for k, v in medians.items()},
    }


if __name__ == "__main__":
    report = run()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "login_timing.json").write_text(json.dumps(report, indent=2) + "\n")
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
