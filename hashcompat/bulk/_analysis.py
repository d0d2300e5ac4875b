"""Migration statistics of a whole dump, in one streaming pass.

``Analyzer`` keeps counters, a few example rows per group and the duplicate fingerprints; the
rows themselves are not kept. The users who will have to reset go to a CSV file as they are
found (id, row number, reason), so that list is complete whatever the dump's size.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TextIO

from hashcompat.bulk._classify import NEEDS, Classification, Classifier, Reset
from hashcompat.bulk._duplicates import Duplicates
from hashcompat.bulk._resetlist import defuse
from hashcompat.dump import Malformed, Row
from hashcompat.dump._plan import ANALYZE_PLANS, Plan
from hashcompat.migrate.stores.migrated import MIGRATED_COLUMN

__all__ = ["Analysis", "Analyzer", "Estimate"]

EXAMPLES = 10


@dataclass(frozen=True, slots=True)
class Estimate:
    """The measured cost of one wrap at the target profile, and what the dump's rows need."""

    target: str
    seconds_per_row: float
    wrap_rows: int
    login_rows: int

    def to_dict(self) -> dict[str, object]:
        return {
            "target": self.target,
            "ms_per_row": round(self.seconds_per_row * 1000, 3),
            "wrap_rows": self.wrap_rows,
            "wrap_cpu_s": round(self.wrap_rows * self.seconds_per_row, 1),
            "login_rows": self.login_rows,
            "login_cpu_s": round(self.login_rows * self.seconds_per_row, 1),
        }


@dataclass(frozen=True)
class Analysis:
    """The report of :func:`hashcompat.bulk.analyze`; ``to_dict`` is JSON-ready."""

    source: str
    rows: int
    plans: Mapping[str, int]
    schemes: Mapping[str, Mapping[str, object]]
    platforms: Mapping[str, int]
    strengths: Mapping[str, int]
    reset_reasons: Mapping[str, int]
    reset_examples: Mapping[str, list[str]]
    malformed: Mapping[str, int]
    malformed_examples: list[str]
    duplicates: Mapping[str, object]
    estimate: Estimate | None = None
    reset_file: str | None = None
    migrated: int = 0  # rows the hook server marked (a non-empty migrated_at column)

    @property
    def malformed_rows(self) -> int:
        return sum(self.malformed.values())

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "rows": self.rows,
            "migrated": self.migrated,
            "plan": dict(self.plans),
            "schemes": {k: dict(v) for k, v in self.schemes.items()},
            "platforms": dict(self.platforms),
            "strength": dict(self.strengths),
            "reset": {
                "rows": self.plans.get(Plan.RESET.label, 0),
                "reasons": dict(self.reset_reasons),
                "examples": {k: list(v) for k, v in self.reset_examples.items()},
                "file": self.reset_file,
            },
            "needs": {n: self.reset_reasons.get(r.value, 0) for n, r in NEEDS.items()},
            "above_caps": self.reset_reasons.get(Reset.ABOVE_CAPS.value, 0),
            "malformed": {
                "rows": self.malformed_rows,
                "reasons": dict(self.malformed),
                "examples": list(self.malformed_examples),
            },
            "duplicates": dict(self.duplicates),
            "estimate": None if self.estimate is None else self.estimate.to_dict(),
        }


@dataclass
class _SchemeStats:
    strength: str
    platforms: tuple[str, ...]
    rows: int = 0
    plans: Counter[str] = field(default_factory=Counter)
    costs: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))


class Analyzer:
    """Feed it rows with :meth:`add`; :meth:`finish` gives the :class:`Analysis`."""

    def __init__(
        self, classifier: Classifier, *, reset_file: TextIO | None = None, raw: bool = False
    ) -> None:
        self.classify = classifier
        self.rows = 0
        self.plans: Counter[str] = Counter()
        self.schemes: dict[str, _SchemeStats] = {}
        self.reset_reasons: Counter[str] = Counter()
        self.reset_examples: dict[str, list[str]] = defaultdict(list)
        self.malformed: Counter[str] = Counter()
        self.malformed_examples: list[str] = []
        self.duplicates = Duplicates()
        self.migrated = 0
        # The reset CSV is opened in spreadsheets: ids are defused as OWASP advises for CSV
        # injection (resetlist.defuse) and every cell quoted, unless ``raw`` (for programs).
        self._raw = raw
        self._reset = None
        if reset_file is not None:
            quoted = csv.writer(reset_file, quoting=csv.QUOTE_ALL)
            self._reset = csv.writer(reset_file) if raw else quoted
        if self._reset is not None:
            self._reset.writerow(["id", "row", "reason"])

    def add(self, item: Row | Malformed) -> Classification | None:
        self.rows += 1
        if isinstance(item, Malformed):
            self.malformed[item.reason] += 1
            self.plans[Plan.RESET.label] += 1
            self.reset_reasons[Reset.MALFORMED_ROW.value] += 1
            if len(self.malformed_examples) < EXAMPLES:
                self.malformed_examples.append(item.ref)
                self.reset_examples[Reset.MALFORMED_ROW.value].append(item.ref)
            self._write_reset(item, f"{Reset.MALFORMED_ROW.value}: {item.reason}")
            return None
        if _marked(item):
            self.migrated += 1
        verdict = self.classify(item)
        self.count(verdict, item)
        return verdict

    def count(self, verdict: Classification, row: Row) -> None:
        self.count_group(verdict, 1)
        if verdict.plan is Plan.RESET:
            self.reset_one(row, verdict.reason)
        if verdict.unsalted:
            self.duplicates.add(verdict.digest_key, row.number)

    def count_group(self, verdict: Classification, rows: int) -> None:
        """The counts of ``rows`` rows that share ``verdict``: plans, schemes and costs (not the
        per-row parts: the reset list and the duplicates). The columnar path counts groups."""
        self.plans[verdict.plan.label] += rows
        if verdict.scheme is not None:
            stats = self.schemes.get(verdict.scheme)
            if stats is None:
                info = _info(verdict.scheme)
                stats = self.schemes[verdict.scheme] = _SchemeStats(info[0], info[1])
            stats.rows += rows
            stats.plans[verdict.plan.label] += rows
            for name, value in verdict.costs:
                stats.costs[name][value] += rows

    def reset_one(self, item: Row | Malformed, reason: str) -> None:
        """One row to reset: its reason's count, an example, a line of the reset list."""
        self.reset_reasons[reason] += 1
        examples = self.reset_examples[reason]
        if len(examples) < EXAMPLES:
            examples.append(item.ref)
        self._write_reset(item, reason)

    @property
    def writes_resets(self) -> bool:
        """A reset list is being written (every reset row is a line of it)."""
        return self._reset is not None

    def _write_reset(self, item: Row | Malformed, reason: str) -> None:
        if self._reset is not None:
            ident = "" if item.id is None else item.id
            self._reset.writerow([ident if self._raw else defuse(ident), item.number, reason])

    def finish(
        self, source: str, *, estimate: Callable[[int, int], Estimate | None] | None = None
    ) -> Analysis:
        groups, rows, largest = self.duplicates.groups()
        platforms: Counter[str] = Counter()
        strengths: Counter[str] = Counter()
        for stats in self.schemes.values():
            strengths[stats.strength] += stats.rows
            for platform in stats.platforms:
                platforms[platform] += stats.rows
        unknown = self.rows - sum(s.rows for s in self.schemes.values())
        if unknown:
            strengths["unknown"] += unknown
        wrap, login = self.plans[Plan.WRAP.label], self.plans[Plan.REHASH.label]
        return Analysis(
            source=source,
            rows=self.rows,
            plans={p.label: self.plans[p.label] for p in ANALYZE_PLANS},
            schemes={
                name: {
                    "rows": s.rows,
                    "strength": s.strength,
                    "platforms": list(s.platforms),
                    "plan": dict(sorted(s.plans.items())),
                    "costs": {c: dict(sorted(v.items())) for c, v in sorted(s.costs.items())},
                }
                for name, s in sorted(self.schemes.items(), key=lambda i: (-i[1].rows, i[0]))
            },
            platforms=dict(sorted(platforms.items(), key=lambda i: (-i[1], i[0]))),
            strengths=dict(sorted(strengths.items(), key=lambda i: _STRENGTH_ORDER.get(i[0], 9))),
            reset_reasons=dict(sorted(self.reset_reasons.items(), key=lambda i: (-i[1], i[0]))),
            reset_examples=dict(sorted(self.reset_examples.items())),
            malformed=dict(sorted(self.malformed.items(), key=lambda i: (-i[1], i[0]))),
            malformed_examples=list(self.malformed_examples),
            duplicates={
                "groups": groups,
                "rows": rows,
                "largest": [{"size": size, "rows": numbers} for size, numbers in largest],
            },
            estimate=None if estimate is None else estimate(wrap, login),
            migrated=self.migrated,
        )


def _marked(row: Row) -> bool:
    """The hook server's mark (hashcompat.migrate.stores.migrated): a non-empty migrated_at."""
    return any(name == MIGRATED_COLUMN and value not in (None, "") for name, value in row.other)


_STRENGTH_ORDER = {
    "recoverable": -1,
    "broken": 0,
    "weak": 1,
    "legacy-ok": 2,
    "modern": 3,
    "unknown": 4,
}
_infos: dict[str, tuple[str, tuple[str, ...]]] = {}


def _info(scheme: str) -> tuple[str, tuple[str, ...]]:
    found = _infos.get(scheme)
    if found is None:
        from hashcompat._engine import resolve  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        info = resolve(scheme).info
        found = _infos[scheme] = (info.strength.value, info.platforms)
    return found


def run(
    items: Iterable[Row | Malformed],
    analyzer: Analyzer,
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Feed ``items`` to ``analyzer``, calling ``progress(rows)`` every 10,000 rows."""
    add = analyzer.add
    count = 0
    for item in items:
        add(item)
        count += 1
        if progress is not None and count % 10_000 == 0:
            progress(count)
    if progress is not None:
        progress(count)
