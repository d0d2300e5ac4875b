"""Target profiles for wrapping and rehashing, and their cost measured on this machine."""

from __future__ import annotations

import statistics
import time
from collections.abc import Mapping

from hashcompat.errors import InvalidArgumentError

__all__ = ["PROFILES", "describe", "measure", "profile_params"]

PROFILES = ("recommended", "cheapest")
_SAMPLE_MD5 = "5f4dcc3b5aa765d61d8327deb882cf99"  # md5("password"): any weak row costs the same


def profile_params(profile: str | Mapping[str, object]) -> dict[str, int]:
    """The argon2 parameters of a named profile (the migrator's), all spelled out."""
    from argon2 import PasswordHasher

    from hashcompat.migrate.policy import CHEAP_ARGON2, RECOMMENDED_ARGON2

    if isinstance(profile, str):
        if profile not in PROFILES:
            raise InvalidArgumentError(
                f"unknown profile {profile!r} (one of {', '.join(PROFILES)})"
            )
        chosen = RECOMMENDED_ARGON2 if profile == "recommended" else CHEAP_ARGON2
    else:
        chosen = profile
    default = PasswordHasher()
    params = {
        "time_cost": chosen.get("time_cost", default.time_cost),
        "memory_cost": chosen.get("memory_cost", default.memory_cost),
        "parallelism": chosen.get("parallelism", default.parallelism),
    }
    for key, value in params.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InvalidArgumentError(f"argon2 {key} must be a positive int")
    return dict(params)  # type: ignore[arg-type]


def describe(params: Mapping[str, int]) -> str:
    return f"argon2id m={params['memory_cost']} t={params['time_cost']} p={params['parallelism']}"


def measure(params: Mapping[str, int], *, samples: int = 5) -> float:
    """Median CPU seconds of one offline wrap at ``params`` on this machine.

    CPU time, not wall time: it is what the estimate multiplies, it counts argon2's lane
    threads, and it does not grow when other work shares the machine.
    """
    from hashcompat.migrate.wrap import wrap

    times = []
    for _ in range(max(1, samples)):
        start = time.process_time()
        wrap(_SAMPLE_MD5, scheme="md5", target="argon2", **params)
        times.append(time.process_time() - start)
    return statistics.median(times)
