"""When will 90% (99%) of the active users have moved? A constant-hazard projection.

The model: on any day, each active user who has not moved yet signs in for the first time (and
so moves) with the same probability ``h``. ``h`` is estimated from the last ``window`` complete
days as first sign-ins divided by user-days at risk (the active users not yet moved at the start
of each day, summed over the days): the maximum-likelihood estimate of a daily hazard. The
share still to move then shrinks by the factor ``1 - h`` a day, so a goal ``g`` is reached
``ln((1 - g) / (1 - f)) / ln(1 - h)`` days after today, where ``f`` is today's share.

What it assumes, and why the dates are the earliest likely ones: the active population is
fixed (nobody joins or leaves), every sign-in of an active user goes through the hook, and the
rate of the last weeks holds. Frequent users move first, so the real rate falls as the
migration goes on; the model re-estimates ``h`` on recent days only, which follows that fall,
but does not predict it.

No projection is made from too little data, and the reason is given: fewer than
:data:`MIN_DAYS` days since the first mark, fewer than :data:`MIN_EVENTS` first sign-ins in
the window, or none at all lately (the curve is flat).
"""

from __future__ import annotations

import datetime
import enum
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["MIN_DAYS", "MIN_EVENTS", "Estimate", "Goal", "GoalState", "estimate", "project"]

MIN_DAYS = 7
MIN_EVENTS = 20
HORIZON_DAYS = 5 * 365  # a projection further out than this says so instead of a date


class GoalState(str, enum.Enum):
    REACHED = "reached"
    PROJECTED = "projected"
    BEYOND = "beyond five years"
    INSUFFICIENT = "insufficient data"


@dataclass(frozen=True, slots=True)
class Estimate:
    """The daily hazard and what it was estimated from; ``reason`` says why there is none."""

    hazard: float | None
    events: int  # first sign-ins of active users in the window
    exposure: int  # user-days at risk in the window
    window: tuple[datetime.date, datetime.date]  # first and last day used
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Goal:
    share: float  # 0.9, 0.99
    state: GoalState
    date: datetime.date | None = None
    reason: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "share": self.share,
            "state": self.state.value,
            "date": None if self.date is None else self.date.isoformat(),
            "reason": self.reason,
        }


def estimate(
    moved_on: Mapping[datetime.date, int],
    population: int,
    moved_before: int,
    *,
    today: datetime.date,
    window: int,
    first_mark: datetime.date | None,
) -> Estimate:
    """The hazard over the ``window`` complete days before ``today``. ``moved_on``: first
    sign-ins of active users per day; ``moved_before``: those before the window."""
    start, end = today - datetime.timedelta(days=window), today - datetime.timedelta(days=1)
    at_risk, events, exposure = population - moved_before, 0, 0
    day = start
    while day <= end:
        exposure += at_risk
        count = moved_on.get(day, 0)
        events += count
        at_risk -= count
        day += datetime.timedelta(days=1)
    reason = ""
    if first_mark is None or (today - first_mark).days < MIN_DAYS:
        reason = f"fewer than {MIN_DAYS} days of first sign-ins"
    elif events < MIN_EVENTS:
        reason = f"{events} first sign-ins in the last {window} days, fewer than {MIN_EVENTS}"
    elif exposure <= 0:
        reason = "every active user has moved"
    hazard = None if reason else events / exposure
    return Estimate(hazard, events, exposure, (start, end), reason)


def project(
    goals: Iterable[float],
    share: float,
    fit: Estimate,
    *,
    today: datetime.date,
    reached: Mapping[float, datetime.date | None],
) -> list[Goal]:
    """Each goal: reached (on the day the curve crossed it), projected, or why not."""
    out = []
    for goal in goals:
        if share >= goal:
            out.append(Goal(goal, GoalState.REACHED, reached.get(goal)))
        elif fit.hazard is None:
            out.append(Goal(goal, GoalState.INSUFFICIENT, reason=fit.reason))
        elif fit.hazard >= 1:
            out.append(Goal(goal, GoalState.PROJECTED, today))
        else:
            days = math.log((1 - goal) / (1 - share)) / math.log(1 - fit.hazard)
            if days > HORIZON_DAYS:
                out.append(Goal(goal, GoalState.BEYOND, reason=f"about {days / 365:.0f} years"))
            else:
                when = today + datetime.timedelta(days=math.ceil(days))
                out.append(Goal(goal, GoalState.PROJECTED, when))
    return out
