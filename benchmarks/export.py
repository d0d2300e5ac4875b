"""Export throughput: rows per second for each platform over a mixed dump.

python -m benchmarks.export [ROWS]

The rows repeat examples/export/dump.csv (29 formats, including rows that go to the second
file), so the figure is the cost of identifying, decomposing and writing, not of hashing: the
export never computes a hash.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
import time
from pathlib import Path

from hashcompat.export import TARGETS, export

DUMP = Path(__file__).parent.parent / "examples" / "export" / "dump.csv"


def run(rows: int = 20_000) -> dict[str, dict[str, float]]:
    base = list(csv.DictReader(DUMP.open(encoding="utf-8")))
    users = [{**base[i % len(base)], "id": str(i)} for i in range(rows)]
    results: dict[str, dict[str, float]] = {}
    for to in TARGETS:
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            result = export(users, to, out)
            seconds = time.perf_counter() - start
        if result.total != rows:
            raise RuntimeError(f"{to}: {result.total} rows counted for {rows}")
        results[to] = {
            "rows": rows,
            "seconds": round(seconds, 3),
            "rows_per_s": round(rows / seconds),
        }
    return results


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    sys.stdout.write(json.dumps(run(count), indent=2) + "\n")
