"""The work factors a stored string declares, for the report's histograms and the cap check.

Read from the string's own fields (bcrypt's ``$10$``, phpass's count character, argon2's
``m=,t=,p=``, ``rounds=``, PBKDF2 iterations), so a million rows are costed without running a
hash. The engine still checks every cap before any work at login; this is the early warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hashcompat.primitives import ITOA64
from hashcompat.scheme import Limits

__all__ = ["CAPS", "over_caps", "read_costs"]

_BCRYPT = re.compile(r"\$2[abxy]?\$(\d\d)\$")
_PHPASS = re.compile(r"(?:U\$)?\$[PHS]\$(.)")
_ARGON2 = re.compile(r"\$argon2(?:id|i|d)\$(?:v=\d+\$)?m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,3})")
_ROUNDS = re.compile(r"\$[56]\$rounds=(\d{1,10})\$")
_SHACRYPT = re.compile(r"\$[56]\$(?!rounds=)")
_PBKDF2 = re.compile(r"(?:pbkdf2_sha\d+|\$pbkdf2(?:-sha\d+)?)\$(\d{1,10})\$")

# cost name -> the Limits field that caps it
CAPS = {
    "cost": "max_bcrypt_cost",
    "log2_rounds": "max_log2_rounds",
    "m": "max_argon2_memory_kib",
    "t": "max_argon2_time_cost",
    "p": "max_argon2_parallelism",
    "rounds": "max_iterations",
    "iterations": "max_iterations",
}


def _phpass(m: re.Match[str]) -> tuple[tuple[str, int], ...]:
    index = ITOA64.find(m.group(1))
    return (("log2_rounds", index),) if index >= 0 else ()


_READERS: tuple[
    tuple[re.Pattern[str], int, Callable[[re.Match[str]], tuple[tuple[str, int], ...]]], ...
] = (
    (_BCRYPT, 0, lambda m: (("cost", int(m.group(1))),)),
    (_BCRYPT, 3, lambda m: (("cost", int(m.group(1))),)),  # $wp$2y$10$
    (
        _ARGON2,
        0,
        lambda m: (("m", int(m.group(1))), ("t", int(m.group(2))), ("p", int(m.group(3)))),
    ),
    (_PHPASS, 0, _phpass),
    (_ROUNDS, 0, lambda m: (("rounds", int(m.group(1))),)),
    (_SHACRYPT, 0, lambda m: (("rounds", 5000),)),  # the sha-crypt default when none is named
    (_PBKDF2, 0, lambda m: (("iterations", int(m.group(1))),)),
)


def read_costs(hash: str) -> tuple[tuple[str, int], ...]:
    """(name, value) pairs of the work factors ``hash`` declares; () for fixed-cost formats."""
    head = hash[:64]
    if "$" not in head:
        return ()
    for pattern, start, read in _READERS:
        match = pattern.match(head, start)
        if match is not None:
            return read(match)
    return ()


def over_caps(costs: tuple[tuple[str, int], ...], limits: Limits) -> str | None:
    """Why ``costs`` exceed ``limits`` (``"cost 18 > 16"``), or None."""
    for name, value in costs:
        cap: int = getattr(limits, CAPS[name])
        if value > cap:
            return f"{name} {value} > {cap}"
    return None
