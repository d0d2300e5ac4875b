"""Benchmark: discovery of depth-3 formula compositions from 5 pairs.

    python benchmarks/discover_formula.py [OUT.json]

Writes the median seconds of 3 runs per formula as JSON (default
benchmarks/results/discover_formula.json). Target: under 2 s each.
"""

from __future__ import annotations

import json
import platform
import random
import statistics
import string
import sys
import time
from pathlib import Path

import hashcompat
from hashcompat._discover import Pair, discover

FORMULAS = (
    "md5(md5($salt).md5(md5($pass))) @ {hash}:{salt}",  # hashcat 30500
    "sha1($salt.sha1($pass.$salt)) @ {hash}:{salt}",  # hashcat 24300
    "sha256(sha256(sha256($pass)).$salt) @ {hash}:{salt}",
    "md5(upper(sha1(md5($pass))))",
)


def pairs(formula: str, seed: int) -> list[Pair]:
    rnd = random.Random(seed)
    letters = string.ascii_letters + string.digits
    out = []
    for _ in range(5):
        password = "".join(rnd.choice(letters) for _ in range(rnd.randint(6, 12)))
        salt = "".join(rnd.choice(letters) for _ in range(8))
        params = {"salt": salt} if "$salt" in formula else {}
        out.append(Pair(password, hashcompat.hash(password, formula, **params)))
    return out


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results/discover_formula.json")
    results = {}
    for formula in FORMULAS:
        times, found = [], ()
        for seed in range(3):
            sample = pairs(formula, seed)
            start = time.perf_counter()
            found = discover(sample).schemes
            times.append(time.perf_counter() - start)
        results[formula] = {"median_s": round(statistics.median(times), 3), "found": list(found)}
        print(f"{statistics.median(times):6.2f} s  {formula} -> {found[:1]}")
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {"python": platform.python_version(), "machine": platform.machine()}
    target.write_text(json.dumps({"meta": meta, "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
