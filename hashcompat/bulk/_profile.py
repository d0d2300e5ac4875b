"""The cost of a target profile (:mod:`hashcompat.profiles`) measured on this machine."""

from __future__ import annotations

import statistics
import time
from collections.abc import Mapping

from hashcompat import profiles

__all__ = ["PROFILES", "describe", "measure", "profile_params"]

PROFILES = tuple(profiles.PROFILES)
_SAMPLE_MD5 = "5f4dcc3b5aa765d61d8327deb882cf99"  # md5("password"): any weak row costs the same


def profile_params(profile: str | Mapping[str, object]) -> dict[str, int]:
    """The argon2 parameters of a profile of :mod:`hashcompat.profiles`, all spelled out."""
    return dict(profiles.params_of(profile).params())


def describe(params: Mapping[str, int]) -> str:
    return f"argon2id m={params['memory_cost']} t={params['time_cost']} p={params['parallelism']}"


def measure(params: Mapping[str, int], *, samples: int = 5) -> float:
    """Median CPU seconds of one offline wrap at ``params`` on this machine.

    CPU time, not wall time: it is what the estimate multiplies, it counts argon2's lane
    threads, and it does not grow when other work shares the machine.
    """
    from hashcompat.migrate._wrap import wrap  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    times = []
    for _ in range(max(1, samples)):
        start = time.process_time()
        wrap(_SAMPLE_MD5, scheme="md5", target="argon2", **params)
        times.append(time.process_time() - start)
    return statistics.median(times)
