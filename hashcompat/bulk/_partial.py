"""A part of a dump analyzed on its own (a Dask partition, on a worker), then added to the one
report in order.

The part is classified by the columnar path's per-batch function (:class:`~hashcompat.bulk.
grouping.Batches`), into a :class:`Recorder` instead of the :class:`Analyzer`: the counts it
would add are kept as they are, and what depends on a row's place in the whole dump (its number
in the reset list and the examples, the duplicate groups' row numbers) is kept with the row's
number in the part. :func:`merge` adds a :class:`Partial` to the analyzer with the part's first
row number, in the order the row-at-a-time path would have seen the rows, so the report is the
same (tests/bulk/test_bulk_dask.py proves it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hashcompat.bulk._analysis import Analyzer, _marked
from hashcompat.bulk._classify import Classification, Classifier
from hashcompat.bulk._duplicates import Duplicates
from hashcompat.dump import Malformed, Row

__all__ = ["Partial", "Recorder", "merge"]


@dataclass
class Partial:
    """What a part adds to the report; numbers count from 1 in the part. ``events``, in row
    order: ``(number, id, reason, None)`` a row to reset for ``reason``, ``(number, id, reason,
    False)`` a malformed record, ``(number, id, "", verdict)`` a row classified alone (marked
    by the hook server when the reason is ``"marked"``)."""

    size: int = 0
    rows: int = 0
    migrated: int = 0
    groups: list[tuple[Classification, int]] = field(default_factory=list)
    reset_counts: dict[str, int] = field(default_factory=dict)
    events: list[tuple[int, str | int | None, str, Classification | bool | None]] = field(
        default_factory=list
    )
    arrays: list[tuple[str, Any, Any]] = field(default_factory=list)
    keys: list[tuple[str, int]] = field(default_factory=list)


class _Kept(Duplicates):
    """The duplicate keys of a part, kept to be sent (the analyzer's own groups them)."""

    def __init__(self, partial: Partial) -> None:
        super().__init__()
        self.partial = partial

    def add(self, key: str, number: int) -> None:
        self.partial.keys.append((key, number))

    def add_many(self, table: str, entries: Any, numbers: Any) -> None:
        if len(numbers):
            self.partial.arrays.append((table, entries, numbers))


class Recorder(Analyzer):
    """An :class:`Analyzer` that keeps what it is given in a :class:`Partial`."""

    def __init__(self, classifier: Classifier, *, writes_resets: bool) -> None:
        super().__init__(classifier)
        self.partial = Partial()
        self.duplicates = _Kept(self.partial)
        self._writes = writes_resets

    @property
    def writes_resets(self) -> bool:
        return self._writes

    def count_group(self, verdict: Classification, rows: int) -> None:
        self.partial.groups.append((verdict, rows))

    def reset_one(self, item: Row | Malformed, reason: str) -> None:
        self.partial.events.append((item.number, item.id, reason, None))

    def add(self, item: Row | Malformed) -> Classification | None:
        if isinstance(item, Malformed):
            self.partial.events.append((item.number, item.id, item.reason, False))
            return None
        verdict = self.classify(item)
        marked = "marked" if _marked(item) else ""
        self.partial.events.append((item.number, item.id, marked, verdict))
        return verdict

    def finish_part(self, size: int) -> Partial:
        """The part's :class:`Partial` (``size`` rows)."""
        partial = self.partial
        partial.size, partial.rows, partial.migrated = size, self.rows, self.migrated
        partial.reset_counts = dict(self.reset_reasons)
        return partial


def merge(analyzer: Analyzer, partial: Partial, start: int) -> None:
    """Add ``partial`` to ``analyzer``; ``start``: the rows before the part."""
    for verdict, rows in partial.groups:
        analyzer.count_group(verdict, rows)
    analyzer.rows += partial.rows
    analyzer.migrated += partial.migrated
    analyzer.reset_reasons.update(partial.reset_counts)
    for table, entries, numbers in partial.arrays:
        analyzer.duplicates.add_many(table, entries, numbers + start)
    for key, number in partial.keys:
        analyzer.duplicates.add(key, number + start)
    for number, ident, reason, what in partial.events:
        if what is None:
            analyzer.reset_one(Malformed(number + start, ident, ""), reason)
        elif what is False:
            analyzer.add(Malformed(number + start, ident, reason))
        elif isinstance(what, Classification):
            analyzer.rows += 1
            analyzer.migrated += reason == "marked"
            analyzer.count(what, Row(number + start, ident, ""))
