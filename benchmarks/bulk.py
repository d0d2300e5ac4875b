"""Bulk verification over 1..N processes: the scaling of an offline pass over a dump."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor

import hashcompat

ROWS = 4000


def _chunk(rows: list[tuple[str, str]]) -> int:
    return sum(hashcompat.verify(p, h) for p, h in rows)


def run(rows: int = ROWS) -> list[dict[str, object]]:
    data = [(f"pw{i}", hashcompat.hash(f"pw{i}", "phpass", log2_rounds=9)) for i in range(64)]
    work = [data[i % len(data)] for i in range(rows)]
    out, base = [], 0.0
    for processes in range(1, (os.cpu_count() or 1) + 1):
        chunks = [work[i :: processes * 4] for i in range(processes * 4)]
        with ProcessPoolExecutor(processes) as pool:
            list(pool.map(_chunk, chunks[:processes]))  # start the workers
            start = time.perf_counter()
            matched = sum(pool.map(_chunk, chunks))
            elapsed = time.perf_counter() - start
        if matched != rows:
            raise RuntimeError(f"bulk run verified {matched} of {rows} rows")
        base = base or elapsed
        out.append(
            {
                "processes": processes,
                "rows_per_s": round(rows / elapsed),
                "speedup": round(base / elapsed, 2),
                "efficiency": round(base / elapsed / processes, 2),
            }
        )
    return out
