"""Verify latency per scheme: hashcompat, libpass and the bare primitive, interleaved.

Each repetition times a batch of calls for every contender in a shuffled order, so drift in
the machine's speed (another process, frequency scaling) hits all contenders alike; the
ratios compare medians over the repetitions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import hashcompat
from hashcompat._primitives import h64_encode

PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Case:
    name: str  # a label for the report
    scheme: str  # what hashcompat is told
    hash: str
    salt: str | None
    libpass: Callable[[], bool] | None
    primitive: Callable[[], bool]
    kind: str  # fast, iterated, library


def _phpass_loop(setting: str, log2: int, expected: str) -> Callable[[], bool]:
    secret = PASSWORD.encode()
    salt = setting[4:12].encode()

    def run() -> bool:
        state = hashlib.md5(salt + secret).digest()
        for _ in range(1 << log2):
            state = hashlib.md5(state + secret).digest()
        return hmac.compare_digest(setting + h64_encode(state), expected)

    return run


def cases() -> list[Case]:
    from passlib import hash as lp  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    secret = PASSWORD.encode()
    out = []
    for algo in ("md5", "sha1", "sha256"):
        digest = getattr(hashlib, algo)(secret).hexdigest()
        handler = getattr(lp, f"hex_{algo}")
        out.append(
            Case(
                algo,
                algo,
                digest,
                None,
                lambda h=handler, d=digest: bool(h.verify(PASSWORD, d)),
                lambda a=algo, d=digest: hmac.compare_digest(
                    getattr(hashlib, a)(secret).hexdigest(), d
                ),
                "fast",
            )
        )
    salted = hashlib.md5(b"s4lt" + secret).hexdigest()
    out.append(
        Case(
            "md5($salt.$pass)",
            "md5($salt.$pass)",
            salted,
            "s4lt",
            None,
            lambda: hmac.compare_digest(hashlib.md5(b"s4lt" + secret).hexdigest(), salted),
            "fast",
        )
    )
    ssha_digest = hashlib.sha1(secret + b"saltsalt").digest()
    ssha = "{SSHA}" + base64.b64encode(ssha_digest + b"saltsalt").decode()
    if "ldap_salted_sha1" in {i.name for i in hashcompat.schemes()}:
        out.append(
            Case(
                "{SSHA}",
                "ldap_salted_sha1",
                ssha,
                None,
                lambda: bool(lp.ldap_salted_sha1.verify(PASSWORD, ssha)),
                lambda: hmac.compare_digest(
                    hashlib.sha1(secret + b"saltsalt").digest(), ssha_digest
                ),
                "fast",
            )
        )
    for log2 in (8, 13):
        h = hashcompat.hash(PASSWORD, "phpass", log2_rounds=log2)
        out.append(
            Case(
                f"phpass 2^{log2}",
                "phpass",
                h,
                None,
                lambda h=h: bool(lp.phpass.verify(PASSWORD, h)),
                _phpass_loop(h[:12], log2, h),
                "iterated",
            )
        )
    import bcrypt  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from argon2 import PasswordHasher  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    for cost in (5, 10):
        h = bcrypt.hashpw(secret, bcrypt.gensalt(cost)).decode()
        out.append(
            Case(
                f"bcrypt cost {cost}",
                "bcrypt",
                h,
                None,
                lambda h=h: bool(lp.bcrypt.verify(PASSWORD, h)),
                lambda h=h: bcrypt.checkpw(secret, h.encode()),
                "library",
            )
        )
    hasher = PasswordHasher(time_cost=2, memory_cost=8192, parallelism=1)
    a2 = hasher.hash(PASSWORD)

    def argon2_bare() -> bool:
        from argon2 import Type, low_level  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        return low_level.verify_secret(a2.encode(), secret, Type.ID)

    out.append(
        Case(
            "argon2id m=8MiB t=2",
            "argon2",
            a2,
            None,
            lambda: bool(lp.argon2.verify(PASSWORD, a2)),
            argon2_bare,
            "library",
        )
    )
    return out


def _time(call: Callable[[], object], number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        call()
    return (time.perf_counter() - start) / number


def run(repetitions: int = 7, budget_s: float = 0.05) -> list[dict[str, object]]:
    results = []
    for case in cases():
        contenders: dict[str, Callable[[], object]] = {
            "hashcompat": lambda c=case: hashcompat.verify(
                PASSWORD, c.hash, scheme=c.scheme, salt=c.salt
            ),
            "primitive": case.primitive,
        }
        if case.libpass is not None:
            contenders["libpass"] = case.libpass
        for call in contenders.values():  # correctness and warm-up
            if call() is not True:
                raise RuntimeError(f"{case.name}: a contender failed to verify")
        single = _time(case.primitive, 3)
        number = max(1, int(budget_s / max(single, 1e-7)))
        samples: dict[str, list[float]] = {k: [] for k in contenders}
        for _ in range(repetitions):
            order = list(contenders)
            random.shuffle(order)
            for key in order:
                samples[key].append(_time(contenders[key], number))
        medians = {k: statistics.median(v) for k, v in samples.items()}
        row: dict[str, object] = {
            "case": case.name,
            "kind": case.kind,
            "calls_per_sample": number,
            "repetitions": repetitions,
            "median_us": {k: round(v * 1e6, 3) for k, v in medians.items()},
            "spread_us": {k: round((max(v) - min(v)) * 1e6, 3) for k, v in samples.items()},
            "hashcompat_vs_primitive": round(medians["hashcompat"] / medians["primitive"], 3),
        }
        if "libpass" in medians:
            row["libpass_vs_hashcompat"] = round(medians["libpass"] / medians["hashcompat"], 3)
        results.append(row)
    return results
