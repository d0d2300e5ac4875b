"""Unknown users, known users and legacy users with a wrong password: a login must not tell
them apart. Measured for ``hashcompat.migrate.login`` and for the Django hasher.

    python -m benchmarks.login_timing [--repetitions N]

``login``: the recommended migrator (argon2-cffi's profile), a phpass row and a cost-5 bcrypt
row, each without and with ``harden_runtime``. Django: ``check_password`` under Django's
default PBKDF2 hasher, an unknown user costed as ``ModelBackend`` does (it hashes the given
password), a known user, and a phpass row imported with ``to_django``. Cases are interleaved
in random order; the medians go to benchmarks/results/login_timing.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import hashcompat
from hashcompat.migrate import Credential, Migrator, login
from hashcompat.migrate.stores.memory import MemoryStore

RESULTS = Path(__file__).parent / "results"
Case = Callable[[], object]


def login_cases() -> dict[str, Case]:
    plain, hardened = Migrator.recommended(), Migrator(harden_runtime=True)
    store = MemoryStore(
        {
            "modern": Credential(plain.hash("right password")),
            "phpass": Credential(hashcompat.hash("right password", "phpass")),
            "bcrypt5": Credential(hashcompat.hash("right password", "bcrypt", cost=5)),
        }
    )
    cases: dict[str, Case] = {}
    for label, migrator in (("", plain), (", harden_runtime", hardened)):
        cases[f"unknown user{label}"] = lambda m=migrator: login(m, store, "nobody", "guess")
        cases[f"known user{label}"] = lambda m=migrator: login(m, store, "modern", "guess")
        cases[f"phpass user{label}"] = lambda m=migrator: login(m, store, "phpass", "guess")
        cases[f"bcrypt-5 user{label}"] = lambda m=migrator: login(m, store, "bcrypt5", "guess")
    return cases


def django_cases() -> dict[str, Case]:
    import django  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from django.conf import settings  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    if not settings.configured:
        settings.configure(
            PASSWORD_HASHERS=[
                "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # Django's default
                "hashcompat.contrib.django.HashcompatPasswordHasher",
            ]
        )
        django.setup()
    from django.contrib.auth.hashers import check_password, make_password  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    from hashcompat.contrib.django import to_django  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    known = make_password("right password")
    legacy = to_django(hashcompat.hash("right password", "phpass"))
    return {
        "django unknown user": lambda: make_password("guess"),  # what ModelBackend spends
        "django known user": lambda: check_password("guess", known),
        "django phpass user": lambda: check_password("guess", legacy),
    }


def measure(cases: dict[str, Case], repetitions: int) -> dict[str, float]:
    for case in cases.values():
        case()  # warm-up: dummy hashes and measured costs are built once
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repetitions):
        order = list(cases)
        random.shuffle(order)
        for name in order:
            start = time.perf_counter()
            cases[name]()
            samples[name].append(time.perf_counter() - start)
    return {name: round(statistics.median(v) * 1000, 2) for name, v in samples.items()}


def run(repetitions: int = 20, *, with_django: bool = True) -> dict[str, object]:
    medians = measure(login_cases(), repetitions)
    if with_django:
        medians.update(measure(django_cases(), repetitions))
    return {"repetitions": repetitions, "median_ms": medians}


def table(report: dict[str, object]) -> str:
    medians: dict[str, float] = report["median_ms"]  # type: ignore[assignment]
    lines = ["| case (wrong password) | median ms |", "|---|---:|"]
    lines += [f"| {name} | {ms:.1f} |" for name, ms in medians.items()]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m benchmarks.login_timing")
    parser.add_argument("--repetitions", type=int, default=20)
    args = parser.parse_args()
    report = run(args.repetitions)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "login_timing.json").write_text(json.dumps(report, indent=2) + "\n")
    sys.stdout.write(table(report) + "\n")
