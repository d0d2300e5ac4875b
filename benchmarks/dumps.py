"""Analyze throughput on the dump files people have, beside CSV: the same rows as CSV, as a
mysqldump ``.sql`` (extended inserts, lines of about 1 MiB as mysqldump writes them), as a
pg_dump ``COPY`` block, each plain and gzip-compressed.

    python -m benchmarks.dumps [--rows N] [--out DIR]

Each (file, step) runs in a fresh process, so its peak RSS is its own. "read" iterates the rows
without classifying them; "analyze" is ``hashcompat.bulk.analyze``. Writes ``dumps.json``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.bulk import make_dump

RESULTS = Path(__file__).parent / "results"

_CHILD = """
import json, resource, sys, time
from hashcompat.bulk import analyze, open_rows
path, mode, table = sys.argv[1], sys.argv[2], sys.argv[3] or None
start, cpu = time.perf_counter(), time.process_time()
if mode == "read":
    with open_rows(path, table=table) as source:
        rows = sum(1 for _ in source)
else:
    rows = analyze(path, table=table, measure_cost=False).rows
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"rows": rows, "seconds": elapsed, "cpu_s": cpu, "peak_rss_mib": peak}))
"""


_INSERT = "INSERT INTO `users` VALUES "


def _mysql(value: str) -> str:
    if value == "":
        return "''"
    if value.isdigit():
        return value
    escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    return "'" + escaped + "'"


def write_sql(source: Path, mysql: Path, pg: Path) -> None:
    """The CSV's rows as mysqldump and pg_dump would write the same table."""
    with source.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    with mysql.open("w", encoding="utf-8") as out:
        out.write("-- MariaDB dump 10.19  Distrib 10.11.18-MariaDB\n")
        out.write("CREATE TABLE `users` (\n")
        out.write("".join(f"  `{c}` varchar(255) DEFAULT NULL,\n" for c in header))
        out.write("  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n")
        line: list[str] = []
        size = 0
        for row in rows:
            tuple_text = "(" + ",".join(_mysql(v) for v in row) + ")"
            line.append(tuple_text)
            size += len(tuple_text) + 1
            if size > 1_000_000:
                out.write(_INSERT + ",".join(line) + ";\n")
                line, size = [], 0
        if line:
            out.write(_INSERT + ",".join(line) + ";\n")
    with pg.open("w", encoding="utf-8") as out:
        out.write("-- PostgreSQL database dump\nSET standard_conforming_strings = on;\n")
        out.write(f"COPY public.users ({', '.join(header)}) FROM stdin;\n")
        for row in rows:
            out.write("\t".join(v.replace("\\", "\\\\") if v else "\\N" for v in row) + "\n")
        out.write("\\.\n")


def _gzip(path: Path) -> Path:
    target = path.with_name(path.name + ".gz")
    with path.open("rb") as source, gzip.open(target, "wb", compresslevel=6) as out:
        shutil.copyfileobj(source, out, 1 << 20)
    return target


def _child(path: Path, mode: str, table: str) -> dict[str, float]:
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", _CHILD, str(path), mode, table],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def run(rows: int, repeat: int = 1) -> list[dict[str, object]]:
    """Each (file, step) ``repeat`` times, interleaved across the files so that a busy spell
    of the machine hits them alike; the best run (fewest CPU seconds) is kept."""
    out: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="hashcompat-dumps-") as folder:
        base = Path(folder)
        csv_path = base / "users.csv"
        make_dump(csv_path, rows)
        mysql, pg = base / "users.sql", base / "users.pg.sql"
        write_sql(csv_path, mysql, pg)
        files = [
            (csv_path, ""),
            (_gzip(csv_path), ""),
            (mysql, "users"),
            (_gzip(mysql), "users"),
            (pg, "users"),
            (_gzip(pg), "users"),
        ]
        best: dict[tuple[Path, str], dict[str, float]] = {}
        for _ in range(repeat):
            for path, table in files:
                for mode in ("read", "analyze"):
                    result = _child(path, mode, table)
                    if result["rows"] != rows:
                        raise RuntimeError(f"{path.name}: {result['rows']} rows, not {rows}")
                    kept = best.get((path, mode))
                    if kept is None or result["cpu_s"] < kept["cpu_s"]:
                        best[(path, mode)] = result
        for path, _table in files:
            for mode in ("read", "analyze"):
                result = best[(path, mode)]
                out.append(
                    {
                        "file": path.name.replace("users", "dump"),
                        "mib": round(path.stat().st_size / 2**20, 1),
                        "rows": rows,
                        "step": mode,
                        "rows_per_s": round(rows / result["seconds"]),
                        "rows_per_cpu_s": round(rows / result["cpu_s"]),
                        "seconds": round(result["seconds"], 1),
                        "peak_rss_mib": result["peak_rss_mib"],
                    }
                )
    return out


def markdown(results: list[dict[str, object]]) -> str:
    lines = [
        "| file | MiB | rows | step | rows/s (wall) | rows per CPU-s | peak RSS MiB |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['file']} | {r['mib']} | {r['rows']:,} | {r['step']} | {r['rows_per_s']:,} "
        f"| {r['rows_per_cpu_s']:,} | {r['peak_rss_mib']} |"
        for r in results
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dumps")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1, help="keep the best of N runs")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    results = run(args.rows, args.repeat)
    report = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average": os.getloadavg(),
        },
        "repeat": args.repeat,
        "dumps": results,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "dumps.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
