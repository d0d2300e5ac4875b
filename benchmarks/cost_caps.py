"""What one verify costs at each scheme's default cap, and the cap a time budget allows.

    python -m benchmarks.cost_caps [--budget 1.5] [--json OUT]

For every scheme with a cost field in its string, a string of that format is timed (wrong
password, so the whole computation runs) at a small cost, in CPU seconds of this process
(``time.process_time``: what the verify costs a core, not how long it waited for one on a
shared machine; on an idle core the two are the same), and the time is scaled to the cap:
linearly for iteration counts and memory, by powers of two for log2 costs. The cap a budget
allows is the largest value whose projected time stays under the budget. The verdict does not
matter here, only the time, so the digests are filler; no vector comes from this module.
The result feeds hashcompat/_timecaps.py (the per-scheme default caps) and docs/cost-caps.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hashcompat
from hashcompat.scheme import Limits, using_limits

H64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _h64_int(value: int, chars: int) -> str:
    return "".join(H64[(value >> (6 * i)) & 63] for i in range(chars))


@dataclass(frozen=True)
class Probe:
    scheme: str
    parameter: str  # as the scheme names it in UnsafeParametersError
    make: Callable[[int], str]  # a string of the format at this cost
    small: int  # the cost timed
    log2: bool = False  # cost is an exponent (time doubles per step)
    engine: str = "C"  # what computes it: "C" (hashlib, OpenSSL, libxcrypt) or "Python"
    scheme_arg: str | None = None  # verify(scheme=...), for strings that need it


def _b64(n: int) -> str:
    return "A" * n


PROBES = (
    Probe("bcrypt", "cost", lambda c: f"$2b${c:02d}$" + "a" * 21 + "." + "a" * 31, 8, log2=True),
    Probe(
        "bcrypt_sha256",
        "cost",
        lambda c: f"$bcrypt-sha256$v=2,t=2b,r={c}$" + "a" * 21 + ".$" + "a" * 31,
        8,
        log2=True,
    ),
    Probe(
        "phpass",
        "log2_rounds",
        lambda c: "$P$" + H64[c] + "saltsalt" + "a" * 22,
        14,
        log2=True,
        engine="Python",
    ),
    Probe(
        "drupal7",
        "log2_rounds",
        lambda c: "$S$" + H64[c] + "saltsalt" + "a" * 43,
        14,
        log2=True,
        engine="Python",
    ),
    Probe(
        "django_pbkdf2_sha256",
        "iterations",
        lambda c: f"pbkdf2_sha256${c}$saltsalt${_b64(43)}=",
        100_000,
    ),
    Probe(
        "django_pbkdf2_sha1",
        "iterations",
        lambda c: f"pbkdf2_sha1${c}$saltsalt${_b64(27)}=",
        100_000,
    ),
    Probe(
        "pbkdf2_sha512",
        "iterations",
        lambda c: f"$pbkdf2-sha512${c}$c2FsdHNhbHQ${'A' * 86}",
        100_000,
    ),
    Probe("scram", "iterations", lambda c: f"$scram${c}$c2FsdHNhbHQ$sha-1=" + "A" * 27, 100_000),
    Probe(
        "*", "iterations", lambda c: "a" * 32, 100_000, engine="Python", scheme_arg="md5^{}($pass)"
    ),
    Probe("sha256_crypt", "rounds", lambda c: f"$5$rounds={c}$saltsalt$" + "a" * 43, 50_000),
    Probe(
        "sha256_crypt",
        "rounds, Python",
        lambda c: f"$5$rounds={c}$salt+alt$" + "a" * 43,
        20_000,
        engine="Python",
    ),
    Probe("sha512_crypt", "rounds", lambda c: f"$6$rounds={c}$saltsalt$" + "a" * 86, 50_000),
    Probe(
        "sha512_crypt",
        "rounds, Python",
        lambda c: f"$6$rounds={c}$salt+alt$" + "a" * 86,
        20_000,
        engine="Python",
    ),
    Probe("bsdi_crypt", "rounds", lambda c: "_" + _h64_int(c, 4) + "salt" + "a" * 11, 100_000),
    Probe(
        "sha1_crypt",
        "iterations",
        lambda c: f"$sha1${c}$saltsalt$" + "a" * 28,
        20_000,
        engine="Python",
    ),
    Probe("sun_md5_crypt", "rounds", lambda c: f"$md5,rounds={c}$saltsalt$$" + "a" * 22, 20_000),
    Probe(
        "argon2",
        "work (KiB x t)",
        lambda c: f"$argon2id$v=19$m={c},t=1,p=1$c2FsdHNhbHQ$" + "A" * 43,
        65_536,
    ),
    Probe(
        "crypt_scrypt",
        "work (KiB)",
        lambda c: (
            "$7$"
            + H64[int(math.log2(c * 8))]
            + _h64_int(1, 5)
            + _h64_int(1, 5)
            + "saltsalt$"
            + "a" * 43
        ),
        65_536,
    ),
    Probe(
        "yescrypt",
        "work (KiB)",
        lambda c: "$y$j" + H64[int(math.log2(c // 4)) - 1] + "T$saltsaltsaltsalt$" + "a" * 43,
        65_536,
    ),
)


def _time(probe: Probe, cost: int) -> float:
    text = probe.make(cost)
    scheme = probe.scheme_arg.format(cost) if probe.scheme_arg else None
    best = math.inf
    with using_limits(Limits(time_budget=False)):
        for _ in range(5):
            started = time.process_time()
            hashcompat.verify("wrong password", text, scheme=scheme)
            best = min(best, time.process_time() - started)
    return best


def allowed(probe: Probe, seconds: float, budget: float) -> int:
    """The largest cost whose projected time is within ``budget``."""
    if probe.log2:
        return probe.small + math.floor(math.log2(budget / seconds))
    raw = int(probe.small * budget / seconds)
    digits = 10 ** max(len(str(raw)) - 2, 0)  # two significant figures, rounded down
    return raw // digits * digits


def run(budget: float = 1.25) -> dict[str, object]:
    rows = []
    for probe in PROBES:
        seconds = _time(probe, probe.small)
        cap = allowed(probe, seconds, budget)
        rows.append(
            {
                "scheme": probe.scheme,
                "parameter": probe.parameter,
                "engine": probe.engine,
                "timed_at": probe.small,
                "timed_s": round(seconds, 4),
                "budget_cap": cap,
                "projected_s_at_cap": round(
                    seconds * (2 ** (cap - probe.small) if probe.log2 else cap / probe.small), 3
                ),
            }
        )
    return {
        "budget_s": budget,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "rows": rows,
    }


TABLE = Path(__file__).parent.parent / "hashcompat" / "_timecaps_table.py"
DOC = Path(__file__).parent.parent / "docs" / "cost-caps.md"
_GENERIC = {
    "cost": "max_bcrypt_cost",
    "log2_rounds": "max_log2_rounds",
    "iterations": "max_iterations",
    "rounds": "max_iterations",
    "rounds, Python": "max_iterations",
    "memory (KiB)": "max_argon2_memory_kib",
}


def _generic(parameter: str) -> int:
    limits = Limits()
    if parameter == "work (KiB x t)":
        return limits.max_argon2_memory_kib * limits.max_argon2_time_cost
    if parameter == "work (KiB)":
        return limits.max_argon2_memory_kib * limits.max_argon2_parallelism
    return int(getattr(limits, _GENERIC[parameter]))


def write(report: dict[str, Any]) -> None:
    """hashcompat/_timecaps_table.py (the caps) and docs/cost-caps.md (the table)."""
    caps: dict[str, dict[str, int]] = {}
    for row in report["rows"]:
        scheme, parameter = row["scheme"], row["parameter"]
        cap = min(row["budget_cap"], _generic(parameter))
        if scheme != "*":
            caps.setdefault(scheme, {})[parameter] = cap
        lowest = caps.setdefault("*", {})  # unlisted schemes: the slowest measured per unit
        plain = parameter.removesuffix(", Python")
        lowest[plain] = min(lowest.get(plain, cap), cap)
    lines = [
        '"""Made by ``python -m benchmarks.cost_caps --write``: see hashcompat/_timecaps.py."""',
        "",
        "# scheme -> parameter -> the cost one verify may ask for; '*' for any other scheme",
        "MEASURED: dict[str, dict[str, int]] = {",
    ]
    for scheme in sorted(caps):
        inner = ", ".join(f"{p!r}: {v}" for p, v in sorted(caps[scheme].items()))
        lines.append(f"    {scheme!r}: {{{inner}}},")
    lines += ["}", f"BUDGET_S = {report['budget_s']}", ""]
    TABLE.write_text("\n".join(lines), encoding="utf-8")
    doc = [
        "# Cost caps as time",
        "",
        "A stored hash names its own cost, so an untrusted string can ask a server for minutes of",
        "work. hashcompat checks every cost against a cap before any work, and the default cap of",
        f"each scheme is set from a time budget: one verify at the cap takes about "
        f"{report['budget_s']} s of CPU on the reference machine ({report['machine']['cpus']} "
        f"cores, {report['machine']['platform']}), and never more than 2 s",
        "(tests/core/test_cost_caps.py measures it (slow); the normal suite checks that the caps",
        "in force are the ones in this table). Made by `python -m benchmarks.cost_caps --write`,",
        "which times each format at a small cost and scales (linearly; by powers of two for log2",
        "costs). Times are CPU seconds of the verifying process (`time.process_time`): the",
        "machine's cores are shared, and wall time there measures the queue; on an idle core the",
        "two are the same. `Limits(time_budget=False)` leaves only the generic `Limits` fields;",
        "any field set lower than a scheme's cap still wins.",
        "",
        "| scheme | parameter | computed in | generic `Limits` cap | default cap | measured at | "
        "projected at the default cap |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for row in report["rows"]:
        parameter = row["parameter"]
        cap = caps["*"][parameter] if row["scheme"] == "*" else caps[row["scheme"]][parameter]
        scale = (
            2 ** (cap - row["timed_at"])
            if "log2" in parameter or parameter == "cost"
            else (cap / row["timed_at"])
        )
        doc.append(
            f"| {row['scheme'].replace('*', 'any other (iterated formula)')} | {parameter} | "
            f"{row['engine']} | {_generic(parameter):,} | {cap:,} | "
            f"{row['timed_s']:.3f} s at {row['timed_at']:,} | {row['timed_s'] * scale:.2f} s |"
        )
    doc += [
        "",
        "A scheme not in the table takes, per parameter, the lowest cap measured for that",
        "parameter (row `*` of hashcompat/_timecaps_table.py). The costs are parameters as each",
        "scheme names them in `UnsafeParametersError`: `work (KiB)` is scrypt's 128 * N * r * p",
        "bytes (time grows with it even when memory and p are each under their caps), and",
        "`work (KiB x t)` is argon2's memory times passes.",
        "",
    ]
    DOC.write_text("\n".join(doc), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cost_caps")
    parser.add_argument("--budget", type=float, default=1.25)
    parser.add_argument("--json", default="")
    parser.add_argument("--write", action="store_true", help="update the caps and the docs")
    args = parser.parse_args()
    report = run(args.budget)
    if args.write:
        write(report)
    text = json.dumps(report, indent=2)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
