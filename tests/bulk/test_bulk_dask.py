"""Dask analyze gives the columnar and the row-at-a-time report: each partition is classified
on a LocalCluster's workers by the columnar path's per-batch function, and the partitions are
merged in order. Over the vector corpus, the benchmark's mixed dump and generated rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hashcompat.bulk import analyze
from tests._support.analyze_data import HEADER, ROW, corpus_rows, write_dump

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed", reason="Dask's LocalCluster needs distributed")
pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two worker processes; the client is the default scheduler while the tests run."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client


def _report(rows: Any, reset: Path, **options: Any) -> tuple[dict[str, object], bytes]:
    report = analyze(rows, measure_cost=False, reset_file=reset, **options).to_dict()
    report.pop("source")
    report["reset"]["file"] = None  # type: ignore[index]
    return report, reset.read_bytes()


def _all_equal(path: Path, tmp: Path, partitions: int) -> dict[str, object]:
    """The CSV dump at ``path`` analyzed as a file (both paths) and as a DataFrame (both
    per-partition paths): one report, one reset list."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    frame = dd.from_pandas(frame, npartitions=partitions, sort=False)
    results = [
        _report(path, tmp / "rows.csv", columnar=False),
        _report(path, tmp / "columnar.csv", columnar=True),
        _report(frame, tmp / "dask.csv"),
        _report(frame, tmp / "dask-rows.csv", columnar=False),
    ]
    for result in results[1:]:
        assert result == results[0]
    return results[0][0]


def test_the_vector_corpus(cluster: Any, tmp_path: Path) -> None:
    rows = corpus_rows()
    report = _all_equal(write_dump(tmp_path / "corpus.csv", rows), tmp_path, 5)
    assert report["rows"] == len(rows)


def test_the_benchmark_dump(cluster: Any, tmp_path: Path) -> None:
    from benchmarks.bulk import make_dump

    path = tmp_path / "mixed.csv"
    make_dump(path, 4000)
    report = _all_equal(path, tmp_path, 3)
    assert report["duplicates"]["groups"] > 0  # type: ignore[index]


def test_a_partition_is_classified_by_groups(tmp_path: Path) -> None:
    """The partition function counts groups (the columnar path), not a row at a time."""
    from benchmarks.bulk import make_dump
    from hashcompat.bulk._classify import Classifier
    from hashcompat.bulk._dask import analyze_partition
    from hashcompat.dump import Columns

    path = tmp_path / "mixed.csv"
    make_dump(path, 2000)
    part = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    columns = Columns().resolve(list(part.columns), "DataFrame")
    partial = analyze_partition(part, columns, Classifier(), False, True)
    assert partial.rows > 1500 and sum(n for _, n in partial.groups) == partial.rows
    assert len(partial.events) < 200  # the examples and the rows that are not plain ASCII
    by_rows = analyze_partition(part, columns, Classifier(), False, False)
    assert by_rows.rows == 0 and len(by_rows.events) == len(part)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROW, max_size=40), partitions=st.integers(1, 4))
def test_generated_rows(
    cluster: Any, tmp_path: Path, rows: list[tuple[object, ...]], partitions: int
) -> None:
    """A DataFrame of generated rows (ids of mixed types make a partition Arrow cannot type: it
    is classified a row at a time) against the same rows as mappings, a row at a time."""
    records = [
        dict(zip(HEADER, [i, "", h, s, salt, u, m], strict=True)) for i, h, s, salt, u, m in rows
    ]
    frame = dd.from_pandas(
        pd.DataFrame.from_records(records, columns=HEADER), npartitions=partitions, sort=False
    )
    assert _report(frame, tmp_path / "dask.csv") == _report(records, tmp_path / "rows.csv")
