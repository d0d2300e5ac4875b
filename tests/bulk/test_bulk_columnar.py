"""The columnar analyze gives exactly the row-at-a-time report: over generated dumps
(hypothesis) and over the whole vector corpus read as one dump."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hashcompat.bulk import analyze
from hashcompat.bulk._duplicates import Duplicates
from hashcompat.errors import DumpError
from tests._support.analyze_data import ROW, corpus_rows, write_dump

pytest.importorskip("pyarrow")
np = pytest.importorskip("numpy")


def _parquet(csv_path: Path) -> Path:
    """The same rows as a Parquet file (empty cells as nulls every other row)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with csv_path.open(newline="", encoding="utf-8") as handle:
        records = list(csv.reader(handle))
    header, body = records[0], records[1:]
    data: dict[str, list[object]] = {
        name: [(None if (v == "" and n % 2) else v) for n, v in enumerate(r[i] for r in body)]
        for i, name in enumerate(header)
    }
    if "id" in data:  # ids as numbers where they are numbers, as a table would have them
        data["id"] = [
            int(v) if isinstance(v, str) and v.isascii() and v.isdigit() else v for v in data["id"]
        ]
        if any(isinstance(v, str) for v in data["id"]):
            data["id"] = [None if v is None else str(v) for v in data["id"]]
    path = csv_path.with_suffix(".parquet")
    pq.write_table(pa.table(data), path, row_group_size=700)
    return path


def _both(path: Path, tmp: Path, *, forced: bool | None = True) -> dict[str, object]:
    """Analyze ``path`` both ways; assert the same report and the same reset list."""
    reports, lists = [], []
    for columnar in (False, forced):
        reset = tmp / f"reset-{columnar}.csv"
        report = analyze(path, measure_cost=False, columnar=columnar, reset_file=reset).to_dict()
        report["reset"]["file"] = None  # type: ignore[index]
        reports.append(report)
        lists.append(reset.read_bytes())
    assert reports[1] == reports[0]
    assert lists[1] == lists[0]
    bare = [  # without a reset list the columnar path counts most reset rows by group
        analyze(path, measure_cost=False, columnar=columnar).to_dict()
        for columnar in (False, forced)
    ]
    assert bare[1] == bare[0]
    return reports[0]


def _write(path: Path, rows: list[list[object]]) -> None:
    write_dump(path, rows)


def test_the_vector_corpus_as_one_dump(tmp_path: Path) -> None:
    rows = corpus_rows()
    assert len(rows) > 3000
    path = write_dump(tmp_path / "corpus.csv", rows)
    report = _both(path, tmp_path)
    assert report["rows"] == len(rows)
    assert _both(_parquet(path), tmp_path)["rows"] == len(rows)


def test_the_benchmark_dump(tmp_path: Path) -> None:
    from benchmarks.bulk import make_dump

    path = tmp_path / "mixed.csv"
    make_dump(path, 3000)
    report = _both(path, tmp_path)
    assert report["duplicates"]["groups"] > 0  # type: ignore[index]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROW, max_size=60))
def test_generated_dumps(tmp_path: Path, rows: list[tuple[object, ...]]) -> None:
    if any("\r" in str(r[0]) for r in rows):
        return
    path = tmp_path / "gen.csv"
    _write(path, [[i, "", h, s, salt, u, m] for i, h, s, salt, u, m in rows])
    try:
        _both(path, tmp_path)
    except DumpError:  # the columnar path refused this file: the automatic choice must agree
        _both(path, tmp_path, forced=None)
    _both(_parquet(path), tmp_path)


def test_forced_columnar_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"id,hash\n1,5f4dcc3b5aa765d61d8327deb882cf99\n2,ab\0cd\n")
    with pytest.raises(DumpError, match="columnar"):
        analyze(path, measure_cost=False, columnar=True)
    report = analyze(path, measure_cost=False)  # automatic: the streaming path
    assert report.malformed_rows == 1


def test_wrong_width_falls_back_with_a_fresh_reset_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hashcompat.bulk import _columnar as columnar

    monkeypatch.setattr(columnar, "BATCH_BYTES", 4096)  # the bad row comes batches later
    path = tmp_path / "wide.csv"
    good = "".join(f"{i},not-a-hash-{i}\n" for i in range(5000))
    path.write_text("id,hash\n" + good + "9,a,b\n", encoding="utf-8")
    _both(path, tmp_path, forced=None)


@pytest.mark.parametrize("spill", [3, 1000])
@pytest.mark.parametrize("pure", [False, True])
def test_duplicates_by_arrays_equal_by_rows(
    spill: int, pure: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hex keys added as a column of bytes and other keys one at a time group exactly as the
    same keys added one at a time, spilled or not, grouped by numpy or by Python."""
    from hashcompat.bulk import _duplicates as duplicates

    if pure:
        monkeypatch.setattr(duplicates, "numpy_grouping", lambda: False)
    digests = [hashlib.md5(str(i % 37 if i % 3 else i).encode()).hexdigest() for i in range(500)]
    others = [f"k{i % 11}" for i in range(60)]  # not hex: stored as a BLAKE2b-256
    rows, arrays = Duplicates(spill=spill), Duplicates(spill=spill)
    for number, digest in enumerate(digests, 1):
        rows.add(f"md5\0{digest}", number)
    for number, other in enumerate(others, 1001):
        rows.add(f"x\0{other}", number)
        arrays.add(f"x\0{other}", number)
    entries = np.array([list(bytes.fromhex(d)) for d in digests], dtype=np.uint8)
    numbers = np.arange(1, len(digests) + 1, dtype=np.uint64)
    for start in range(0, len(digests), 70):
        part = slice(start, start + 70)
        arrays.add_many("md5:16", entries[part], numbers[part])
    got = arrays.groups()
    assert got == rows.groups()
    assert got[0] == 37 + 11 and got[2][0][0] == max(digests.count(d) for d in digests)


def test_duplicate_keys_are_exact() -> None:
    """Hex digests that share a long prefix are different keys (no 64-bit fingerprint)."""
    first, second = "0" * 31 + "1", "0" * 31 + "2"
    found = Duplicates(spill=2)
    for number, digest in enumerate([first, second, first.upper().lower(), second], 1):
        found.add(f"md5\0{digest}", number)
    assert found.groups() == (2, 4, [(2, [1, 3]), (2, [2, 4])])


def test_the_command_line_uses_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks.bulk import make_dump
    from hashcompat.bulk import _columnar as columnar
    from hashcompat.cli import main

    path = tmp_path / "mixed.csv"
    make_dump(path, 500)
    called: list[int] = []
    real = columnar.analyze_csv

    def counted(*args: Any, **options: Any) -> None:
        called.append(1)
        real(*args, **options)

    monkeypatch.setattr(columnar, "analyze_csv", counted)
    texts = []
    for flag in ("--no-columnar", "--columnar"):
        out = tmp_path / f"{flag}.json"
        main(["analyze", str(path), "--format", "json", "-o", str(out), "--no-measure", flag])
        texts.append(out.read_text(encoding="utf-8"))
    assert called == [1]
    assert texts[0] == texts[1]


def test_plain_and_unhex_read_the_bytes_of_a_slice() -> None:
    """The plain-ASCII mask (pyarrow's printable test, then the spaces) is the regex's, and the
    hex decoding reads the values of a sliced array, not its buffer's start."""
    import re

    import pyarrow as pa

    from hashcompat.bulk._arrowtext import plain, unhex

    values = ["", " ", "a b", "ab", "\x7f", "é", "x\t", "!~", "abc ", " abc", "q", "", "zz"]
    strings = pa.array(values)
    wanted = [bool(re.fullmatch(r"[!-~]+", v)) for v in values]
    assert plain(strings).tolist() == wanted
    assert plain(strings.slice(3, 8)).tolist() == wanted[3:11]
    digests = pa.array(["00ff", "A0b1", "1234", "cdEF"]).slice(1, 3)
    assert unhex(digests, 4).tolist() == [[0xA0, 0xB1], [0x12, 0x34], [0xCD, 0xEF]]


def test_the_columnar_path_leaves_pandas_unimported(tmp_path: Path) -> None:
    """pyarrow imports pandas (45 MiB, 0.2 s) on its first conversion of a Python value: the
    CSV path builds its Arrow values from buffers (hashcompat/bulk/_arrowvalues.py) instead."""
    import os
    import subprocess
    import sys

    from benchmarks.bulk import make_dump

    path = tmp_path / "mixed.csv"
    make_dump(path, 2000)
    script = (
        "import sys; from hashcompat.bulk import analyze; "
        f"analyze({str(path)!r}, measure_cost=False, columnar=True); "
        "print('pandas' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=os.environ
    )
    assert done.stdout.strip() == "False"


def test_arrow_values_from_buffers() -> None:
    import pyarrow as pa

    from hashcompat.bulk._arrowvalues import bools, ints, text, texts_array, to_bool, to_ints

    assert texts_array(["", "é", "ab"]).to_pylist() == ["", "é", "ab"]
    assert text("x").as_py() == "x" and ints([3, -1]).to_pylist() == [3, -1]
    mask = np.array([True, False, True, True, False, True, False, False, True])
    assert bools(mask).to_pylist() == mask.tolist()
    flags = pa.array([True, None, False, True, True, None, True, False, True, True]).slice(1, 8)
    assert to_bool(flags).tolist() == [False, False, True, True, False, True, False, True]
    assert to_ints(pa.array([5, 6, 7, 8], pa.int32()).slice(1, 2)).tolist() == [6, 7]
