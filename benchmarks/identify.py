"""Identify throughput on a mixed corpus with malformed strings, against libpass."""

from __future__ import annotations

import random
import string
import time

import hashcompat

SCHEMES = ("md5", "phpass", "drupal7", "bcrypt", "argon2", "wordpress_bcrypt")
LIBPASS = ("hex_md5", "phpass", "bcrypt", "argon2")


def corpus(size: int, seed: int = 7) -> tuple[list[str], list[bool]]:
    """(strings, is_malformed): half valid hashes, half broken variants and junk."""
    rng = random.Random(seed)
    cheap = {
        "phpass": {"log2_rounds": 7},
        "drupal7": {"log2_rounds": 7},
        "bcrypt": {"cost": 4},
        "wordpress_bcrypt": {"cost": 4},
        "argon2": {"memory_cost": 64, "time_cost": 1, "parallelism": 1},
    }
    valid = [hashcompat.hash(f"pw{i}", s, **cheap.get(s, {})) for i in range(40) for s in SCHEMES]
    strings, malformed = [], []
    for _ in range(size):
        base = rng.choice(valid)
        if rng.random() < 0.5:
            strings.append(base)
            malformed.append(False)
            continue
        # An argon2 tag may have any length, so cutting or extending one keeps it well formed.
        mutation = rng.randrange(1, 4, 2) if base.startswith("$argon2") else rng.randrange(4)
        if mutation == 0:
            broken = base[:-1]
        elif mutation == 1:
            i = rng.randrange(len(base))
            broken = base[:i] + "!" + base[i + 1 :]
        elif mutation == 2:
            broken = base + rng.choice(string.ascii_letters)
        else:
            broken = "".join(rng.choice(string.printable) for _ in range(rng.randrange(1, 70)))
        strings.append(broken)
        malformed.append(True)
    return strings, malformed


def _libpass_identify(context: object, text: str) -> str | None:
    try:
        return context.identify(text)  # type: ignore[attr-defined, no-any-return]
    except (ValueError, TypeError):
        return None


def run(size: int = 100_000) -> dict[str, object]:
    from passlib.context import CryptContext  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    strings, malformed = corpus(size)
    context = CryptContext(schemes=list(LIBPASS))
    hashcompat.identify("warm-up")
    start = time.perf_counter()
    ours = [hashcompat.identify(s) for s in strings]
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    theirs = [_libpass_identify(context, s) for s in strings]
    theirs_s = time.perf_counter() - start
    self_describing = {i.name for i in hashcompat.schemes() if i.self_describing}
    false_ours = sum(
        1
        for names, bad in zip(ours, malformed, strict=True)
        if bad and any(n in self_describing for n in names)
    )
    false_theirs = sum(
        1
        for name, bad in zip(theirs, malformed, strict=True)
        if bad and name not in (None, "hex_md5")
    )
    return {
        "corpus": size,
        "malformed": sum(malformed),
        "hashcompat_per_s": round(size / ours_s),
        "libpass_per_s": round(size / theirs_s),
        "ratio": round(ours_s and (theirs_s / ours_s), 2),
        "hashcompat_false_accepts": false_ours,
        "libpass_false_accepts": false_theirs,
    }
