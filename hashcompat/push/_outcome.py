"""What happened to each user of a push, and the statistics report built from the checkpoint.

Every row of the input ends in exactly one :class:`Outcome`, so the counts add up to the input.
The report is read back from the checkpoint at the end of a run (never from counters kept in
memory), which is why a run resumed after ``kill -9`` reports what an uninterrupted run does.
Reasons are the platform's or the plan's words about a row; they never hold a hash.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Outcome(str, enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"  # delivered by an earlier run, and its hash has not changed since
    EXISTS = "already there"  # in the target already, compared, not overwritten (no --update)
    REJECTED = "rejected"  # the platform refused the payload; the reason is its answer
    REFUSED = "refused by plan"  # not importable: rehash on login or reset, as export plans it


class State(str, enum.Enum):
    """A user's place in the checkpoint: SENDING is written (and committed) before the request
    leaves, so a resumed run knows which users may have reached the platform."""

    SENDING = "sending"
    DONE = "done"


@dataclass(slots=True)
class PushReport:
    """Counts per outcome (they add up to ``total``), reasons per outcome, and the run's
    numbers: requests sent, retries, 429s answered, the concurrency reached."""

    target: str
    dry_run: bool = False
    total: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: {o.value: 0 for o in Outcome})
    reasons: dict[str, dict[str, int]] = field(default_factory=dict)
    run: int = 0
    requests: int = 0
    retries: int = 0
    throttled: int = 0
    seconds: float = 0.0

    def add(self, outcome: Outcome, reason: str, count: int = 1) -> None:
        self.total += count
        self.outcomes[outcome.value] += count
        if reason:
            by = self.reasons.setdefault(outcome.value, {})
            by[reason] = by.get(reason, 0) + count

    def summary(self) -> dict[str, object]:
        """The part that depends only on the input and the platform: what the kill test
        compares between an interrupted and an uninterrupted run."""
        reasons = {k: dict(sorted(v.items())) for k, v in sorted(self.reasons.items())}
        return {"total": self.total, "outcomes": dict(self.outcomes), "reasons": reasons}

    def to_dict(self) -> dict[str, object]:
        return {
            "target": self.target,
            "dry_run": self.dry_run,
            "run": self.run,
            **self.summary(),
            "requests": self.requests,
            "retries": self.retries,
            "throttled": self.throttled,
            "seconds": round(self.seconds, 3),
        }
