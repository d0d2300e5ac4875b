"""Run every benchmark and write JSON and a markdown table under benchmarks/results/.

python -m benchmarks [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from benchmarks import bulk, engine, hooks, identify, verify

RESULTS = Path(__file__).parent / "results"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, smaller corpus")
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help="folder for the JSON and markdown results"
    )
    args = parser.parse_args()
    started = time.time()
    report = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "verify": verify.run(
            repetitions=3 if args.quick else 9, budget_s=0.02 if args.quick else 0.1
        ),
        "identify": identify.run(10_000 if args.quick else 100_000),
        "bulk": bulk.run(1000 if args.quick else 4000),
        "bulk_analyze": bulk.analyze_throughput((20_000,) if args.quick else bulk.SIZES),
        "bulk_upgrade": bulk.upgrade_scaling(2_000 if args.quick else 20_000),
        "hooks": hooks.run(requests=50 if args.quick else 400),
        "engine": engine.run(quick=args.quick),  # the engine's targets: benchmarks/engine.py
    }
    import hashcompat  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat._discover import Pair, discover  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    pairs = [
        Pair(p, hashcompat.hash(p, "md5($salt.md5($pass))", salt=s), salt=s)
        for p, s in [("a1", "x9"), ("hunter2", "q"), ("pw", "salt"), ("zz", "0"), ("", "k")]
    ]
    start = time.perf_counter()
    found = discover(pairs)
    report["discovery"] = {
        "pairs": 5,
        "formula": found.schemes[:1],
        "seconds": round(time.perf_counter() - start, 3),
    }
    report["elapsed_s"] = round(time.time() - started, 1)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    name = "quick" if args.quick else "full"
    (out / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (out / f"{name}.md").write_text(markdown(report), encoding="utf-8")
    sys.stdout.write(markdown(report))
    return 0


def markdown(report: dict[str, object]) -> str:
    lines = [
        "| case | hashcompat µs | libpass µs | primitive µs | hc/primitive | libpass/hc |",
        "|---|---|---|---|---|---|",
    ]
    for row in report["verify"]:  # type: ignore[attr-defined]
        m = row["median_us"]
        lines.append(
            f"| {row['case']} | {m['hashcompat']} | {m.get('libpass', '-')} | "
            f"{m['primitive']} | {row['hashcompat_vs_primitive']} | "
            f"{row.get('libpass_vs_hashcompat', '-')} |"
        )
    ident = report["identify"]
    lines += [
        "",
        f"identify: {ident}",
        "",
        f"bulk: {report['bulk']}",
        "",
        bulk.markdown(report["bulk_analyze"], report["bulk_upgrade"]),  # type: ignore[arg-type]
        "",
        f"discovery: {report['discovery']}",
        "",
        engine.markdown(report["engine"]),  # type: ignore[arg-type]
        "",
        "hook server (Okta route):",
        "",
        hooks.markdown(report["hooks"]),  # type: ignore[arg-type]
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
