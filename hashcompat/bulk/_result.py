"""What an upgrade did, and the end check that reads the output again to prove it.

Counts in equal counts out, group by group: a wrapped row moves from "wrap" to "import as is",
every other group keeps its count, a record too long to copy is subtracted from "reset", and
rows lost to logins meanwhile are allowed for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hashcompat.bulk._classify import Classifier
from hashcompat.dump import Columns, Malformed, open_rows
from hashcompat.dump._plan import ANALYZE_PLANS, Plan

__all__ = ["GROUPS", "UpgradeResult", "end_check"]

GROUPS = tuple(p.label for p in ANALYZE_PLANS)


@dataclass(frozen=True)
class UpgradeResult:
    rows_in: Mapping[str, int]
    rows_out: Mapping[str, int] | None  # None for a dry run
    expected_out: Mapping[str, int] | None
    wrapped: int = 0
    failed: int = 0  # rows the wrap refused; left as they were
    lost: int = 0  # rows changed by a login meanwhile; left as the login wrote them
    dropped: int = 0  # records too long to copy (files only)
    resumed_at: int = 0
    target: str = ""
    seconds_per_row: float = 0.0
    elapsed_s: float = 0.0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        """Counts out equal counts in, group by group (rows lost to logins excepted)."""
        if self.rows_out is None or self.expected_out is None:
            return True
        slack = self.lost
        return all(abs(self.rows_out.get(g, 0) - n) <= slack for g, n in self.expected_out.items())

    def lines(self) -> list[str]:
        head = "dry run: nothing written" if self.dry_run else f"wrapped {self.wrapped} rows"
        out = [f"{head} ({self.target}, {self.seconds_per_row * 1000:.2f} ms CPU per row)"]
        if self.resumed_at:
            out.append(f"resumed after row {self.resumed_at}")
        for name, value in (("failed", self.failed), ("lost", self.lost)):
            if value:
                out.append(f"{name}: {value} rows left as they were")
        if self.dropped:
            out.append(f"dropped: {self.dropped} records too long to copy (in the reset list)")
        out.append(f"{'group':<18}{'in':>10}{'out':>10}{'expected':>10}")
        for group in GROUPS:
            got = "-" if self.rows_out is None else str(self.rows_out.get(group, 0))
            want = "-" if self.expected_out is None else str(self.expected_out.get(group, 0))
            out.append(f"{group:<18}{self.rows_in.get(group, 0):>10}{got:>10}{want:>10}")
        total_in = sum(self.rows_in.values())
        total_out = "-" if self.rows_out is None else str(sum(self.rows_out.values()))
        out.append(f"{'total':<18}{total_in:>10}{total_out:>10}")
        if self.rows_out is not None:
            out.append("end check: " + ("counts in = counts out" if self.ok else "MISMATCH"))
        return out


def end_check(
    result: UpgradeResult,
    *,
    output: str | Path | None,
    table: str | None,
    columns: Columns,
    where: str | None,
    classifier: Classifier,
    kind: str,
) -> UpgradeResult:
    """Read the output again and count it per group against what the input predicts."""
    from dataclasses import replace  # noqa: PLC0415 - lazy: a stdlib module only this path needs

    found: Counter[str] = Counter()
    with open_rows(
        str(output),
        table=table,
        columns=columns,
        where=where,
        format=None if kind == "sql" else kind,
    ) as check:
        for item in check:
            plan = Plan.RESET if isinstance(item, Malformed) else classifier(item).plan
            found[plan.label] += 1
    given = result.rows_in
    expected = {
        Plan.IMPORT.label: given.get(Plan.IMPORT.label, 0) + result.wrapped,
        Plan.WRAP.label: given.get(Plan.WRAP.label, 0) - result.wrapped,
        Plan.REHASH.label: given.get(Plan.REHASH.label, 0),
        Plan.RESET.label: given.get(Plan.RESET.label, 0) - result.dropped,
    }
    return replace(result, rows_out={g: found.get(g, 0) for g in GROUPS}, expected_out=expected)
