"""Bulk work over a dump: verify scaling, analyze throughput and memory, upgrade scaling.

- ``run``: verify over 1..N processes (the scaling of an offline pass over a dump).
- ``analyze_throughput``: ``hashcompat.bulk.analyze`` over generated dumps of mixed schemes, each
  in a fresh process so its peak RSS is its own; also the bare read rate, to show what limits.
- ``upgrade_scaling``: ``hashcompat.bulk.upgrade`` of weak rows with the cheapest argon2 profile
  on 1..N pool processes and on a Dask LocalCluster; rows/s and efficiency against linear.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

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


def _pool_of_hashes() -> list[tuple[str, str]]:
    """(hash, scheme column) of the formats a real mixed dump holds, made by their libraries."""
    import bcrypt  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from argon2 import PasswordHasher  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from passlib.hash import ldap_salted_sha1, md5_crypt, mysql41, phpass, sha512_crypt  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    pool: list[tuple[str, str]] = []
    for i in range(40):
        pw = f"bench-{i}"
        pool += [
            (phpass.using(rounds=13).hash(pw), ""),
            (sha512_crypt.using(rounds=5000).hash(pw), ""),
            (md5_crypt.hash(pw), ""),
            (mysql41.hash(pw), ""),
            (ldap_salted_sha1.hash(pw), ""),
        ]
    for i in range(10):
        pool.append((bcrypt.hashpw(f"b{i}".encode(), bcrypt.gensalt(4)).decode(), ""))
        pool.append((PasswordHasher(time_cost=1, memory_cost=256, parallelism=1).hash(f"a{i}"), ""))
    return pool


def make_dump(path: Path, rows: int, *, distinct: bool = False) -> None:
    """A mixed dump: 40% unsalted md5/sha1 (named by a scheme column, distinct passwords with
    some repeats; all distinct with ``distinct``), 55% self-describing formats, 5% damaged or
    unknown strings."""
    pool = _pool_of_hashes()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "email", "hash", "scheme"])
        for i in range(rows):
            kind = i % 20
            if kind < 6:
                word = f"p{i}" if distinct else f"p{i % 50_000}"
                hash, scheme = hashlib.md5(word.encode()).hexdigest(), "md5"
            elif kind < 8:
                hash, scheme = hashlib.sha1(f"p{i}".encode()).hexdigest(), "sha1"
            elif kind == 19:
                hash, scheme = ("not-a-hash" if (i // 20) % 2 else pool[i % len(pool)][0][:-3]), ""
            else:
                hash, scheme = pool[i % len(pool)]
            writer.writerow([i + 1, f"user{i}@example.org", hash, scheme])


_CHILD = """
import hashlib, json, resource, sys, time
from hashcompat.bulk import analyze, open_rows
path, mode = sys.argv[1], sys.argv[2]
start, cpu = time.perf_counter(), time.process_time()
digest = ""
if mode == "read":
    with open_rows(path) as source:
        rows = sum(1 for _ in source)
else:
    report = analyze(path, measure_cost=False, columnar=mode == "columnar")
    rows = report.rows
    digest = hashlib.sha256(json.dumps(report.to_dict(), sort_keys=True).encode()).hexdigest()
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
out = {"rows": rows, "seconds": elapsed, "cpu_s": cpu, "peak_rss_mib": peak, "report": digest}
print(json.dumps(out))
"""

MODES = ("read", "rows", "columnar")  # the bare read; analyze row-at-a-time; analyze columnar
SIZES = (100_000, 300_000, 1_000_000)


def _child(path: Path, mode: str) -> dict[str, object]:
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", _CHILD, str(path), mode],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def analyze_throughput(
    sizes: tuple[int, ...] = SIZES,
    modes: tuple[str, ...] = MODES,
    *,
    repeat: int = 1,
    distinct: bool = False,
) -> list[dict[str, object]]:
    """Each size and mode in a fresh process (``repeat`` times for the columnar mode), so each
    peak RSS is its own; ``same_report``: the columnar report equals the row-at-a-time one (a
    hash of its JSON)."""
    out: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="hashcompat-bench-") as folder:
        for rows in sizes:
            path = Path(folder) / f"dump-{rows}.csv"
            make_dump(path, rows, distinct=distinct)
            reports: dict[str, object] = {}
            for mode in modes:
                for run in range(repeat if mode == "columnar" else 1):
                    result = _child(path, mode)
                    reports[mode] = result["report"]
                    counted, seconds = float(str(result["rows"])), float(str(result["seconds"]))
                    cpu = float(str(result["cpu_s"]))
                    out.append(
                        {
                            "rows": rows,
                            "mode": mode,
                            "run": run + 1,
                            "rows_per_s": round(counted / seconds),
                            "rows_per_cpu_s": round(counted / cpu),
                            "seconds": round(seconds, 1),
                            "cpu_s": round(cpu, 2),
                            "peak_rss_mib": result["peak_rss_mib"],
                        }
                    )
            if "rows" in reports and "columnar" in reports:
                out[-1]["same_report"] = reports["rows"] == reports["columnar"]
            path.unlink()
    return out


def _peaks(analyzed: list[dict[str, object]], mode: str) -> dict[int, list[int]]:
    """Peak RSS MiB of each run of ``mode``, per size."""
    peaks: dict[int, list[int]] = {}
    for r in analyzed:
        if r["mode"] == mode:
            peaks.setdefault(int(str(r["rows"])), []).append(int(str(r["peak_rss_mib"])))
    return peaks


def memory_growth(analyzed: list[dict[str, object]], mode: str = "columnar") -> dict[str, object]:
    """Peak RSS of ``mode``'s runs per size, and the largest size's median over the smallest's:
    1.0 is flat (the allocator makes a run's peak vary by about 10 MiB at any size)."""
    peaks = _peaks(analyzed, mode)
    if not peaks:
        return {}
    ratio = statistics.median(peaks[max(peaks)]) / statistics.median(peaks[min(peaks)])
    return {"mode": mode, "peak_rss_mib": peaks, "largest_over_smallest": round(ratio, 3)}


def upgrade_scaling(rows: int = 20_000, dask: bool = True) -> list[dict[str, object]]:
    from hashcompat.bulk import upgrade  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    out: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="hashcompat-bench-") as folder:
        dump = Path(folder) / "weak.csv"
        with dump.open("w", encoding="utf-8") as handle:
            handle.write("id,hash,scheme\n")
            for i in range(rows):
                handle.write(f"{i + 1},{hashlib.md5(f'p{i}'.encode()).hexdigest()},md5\n")
        runs = [(p, None) for p in range(1, (os.cpu_count() or 1) + 1)]
        if dask:
            runs.append((os.cpu_count() or 1, "local"))
        base = 0.0
        for processes, cluster in runs:
            target = Path(folder) / f"out-{processes}-{cluster}.csv"
            startup = _startup(processes, cluster)
            start = time.perf_counter()
            result = upgrade(
                dump,
                output=target,
                profile="cheapest",
                processes=processes,
                dask=cluster,
                batch=512,
            )
            elapsed = time.perf_counter() - start - startup
            if not result.ok or result.wrapped != rows:
                raise RuntimeError(f"upgrade wrapped {result.wrapped} of {rows} rows")
            rate = rows / elapsed
            base = base or rate
            out.append(
                {
                    "executor": "dask LocalCluster"
                    if cluster
                    else ("in this process" if processes == 1 else "process pool"),
                    "processes": processes,
                    "rows_per_s": round(rate),
                    "efficiency": round(rate / (base * processes), 2),
                    "ms_per_row_measured": round(result.seconds_per_row * 1000, 3),
                    "startup_s": round(startup, 2),
                }
            )
    return out


def _startup(processes: int, cluster: str | None) -> float:
    """Seconds to start and stop the executor, taken out of the rate (a pool or a cluster is
    started once per run; the rate is what the rows cost)."""
    from hashcompat.bulk._runner import make_executor  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    start = time.perf_counter()
    make_executor(processes, cluster).close()
    return time.perf_counter() - start


def markdown(analyzed: list[dict[str, object]], upgraded: list[dict[str, object]]) -> str:
    lines = [
        "| bulk analyze: rows | step | run | rows/s (wall) | rows per CPU-s | seconds "
        "| peak RSS MiB |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['rows']} | {r['mode']} | {r.get('run', 1)} | {r['rows_per_s']} "
        f"| {r['rows_per_cpu_s']} | {r['seconds']} | {r['peak_rss_mib']} |"
        for r in analyzed
    ]
    growth = memory_growth(analyzed)
    if growth:
        peaks = _peaks(analyzed, "columnar")
        sizes = "; ".join(f"{k:,} rows {', '.join(map(str, v))} MiB" for k, v in peaks.items())
        lines += [
            "",
            f"Columnar analyze peak RSS per run: {sizes} (median at the largest size over the "
            f"smallest: {growth['largest_over_smallest']}).",
        ]
    lines += [
        "",
        "| bulk upgrade (cheapest argon2) | processes | rows/s | efficiency vs linear "
        "| start-up s (not in rows/s) |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['executor']} | {r['processes']} | {r['rows_per_s']} | {r['efficiency']} "
        f"| {r['startup_s']} |"
        for r in upgraded
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """``python -m benchmarks.bulk [--quick] [--sizes N ...] [--repeat N] [--distinct]``:
    analyze throughput and peak memory, row-at-a-time and columnar, at 100k, 300k and 1M rows
    (20k with --quick), the columnar mode ``--repeat`` times (default 3); ``--distinct``: every
    md5 row a different password. JSON under benchmarks/results/."""
    import argparse  # noqa: PLC0415 - lazy: a stdlib module only this path needs
    import platform  # noqa: PLC0415 - lazy: a stdlib module only this path needs

    parser = argparse.ArgumentParser(prog="python -m benchmarks.bulk")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--distinct", action="store_true")
    args = parser.parse_args()
    sizes = tuple(args.sizes or ((20_000,) if args.quick else SIZES))
    rows = analyze_throughput(sizes, repeat=args.repeat, distinct=args.distinct)
    result = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "target_rows_per_cpu_s": 500_000,
        "distinct": args.distinct,
        "analyze": rows,
        "memory": memory_growth(rows),
    }
    folder = Path(__file__).parent / "results"
    name = "bulk_analyze_quick.json" if args.quick else "bulk_analyze.json"
    if args.distinct:
        name = name.replace(".json", "_distinct.json")
    (folder / name).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(markdown(rows, []), end="")


if __name__ == "__main__":
    main()
