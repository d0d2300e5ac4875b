"""The bulk benchmark harness runs (its timings are measured by `python -m benchmarks` only)."""

from __future__ import annotations

import csv
from pathlib import Path

from benchmarks import bulk


def test_mixed_dump_and_upgrade_harness(tmp_path: Path) -> None:
    dump = tmp_path / "dump.csv"
    bulk.make_dump(dump, 200)
    with dump.open(encoding="utf-8") as handle:
        assert sum(1 for _ in csv.reader(handle)) == 201
    rows = bulk.upgrade_scaling(40, dask=False)
    assert rows[0]["processes"] == 1 and all(r["rows_per_s"] > 0 for r in rows)  # type: ignore[operator]
    assert "| in this process | 1 |" in bulk.markdown([], rows)


def test_analyze_harness_reports_peak_memory_per_size() -> None:
    rows = bulk.analyze_throughput((300, 600), ("columnar",), repeat=2)
    assert [(r["rows"], r["run"]) for r in rows] == [(300, 1), (300, 2), (600, 1), (600, 2)]
    growth = bulk.memory_growth(rows)
    assert set(growth["peak_rss_mib"]) == {300, 600}  # type: ignore[call-overload]
    assert "Columnar analyze peak RSS per run: 300 rows" in bulk.markdown(rows, [])
