"""Default caps as time: per scheme, the largest cost one verify may ask for.

The generic fields of :class:`hashcompat.Limits` (``max_iterations``, ``max_bcrypt_cost``...) are
shared by schemes whose cost per unit differs by a thousand times: ten million PBKDF2-SHA1
iterations run in C in seconds, ten million rounds of a crypt computed in Python take minutes.
So each cost also has a cap from a time budget: the cost at which one verify of that scheme runs
about 1.25 s on the reference machine, measured by ``python -m benchmarks.cost_caps --write``
into _timecaps_table.py and docs/cost-caps.md. A scheme without its own row takes, per
parameter, the lowest cap measured (row ``*``). ``Limits(time_budget=False)`` turns the table
off, leaving only the generic fields.
"""

from __future__ import annotations

from hashcompat._timecaps_table import BUDGET_S, MEASURED

__all__ = ["BUDGET_S", "LOWEST", "time_cap"]

_ANY = MEASURED["*"]
# No cost at or below this is ever refused by the table: callers skip the lookup for them.
LOWEST = min(cap for caps in MEASURED.values() for cap in caps.values())


def time_cap(scheme: str, parameter: str) -> int | None:
    """The time-budget cap of ``scheme``'s ``parameter`` (as the scheme names it), or None."""
    own = MEASURED.get(scheme)
    if own is not None:
        cap = own.get(parameter)
        if cap is not None:
            return cap
    return _ANY.get(parameter)
