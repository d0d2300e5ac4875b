"""Files that hold hashes are created 0600 (whatever the umask, and also when they existed),
and dump values are inert in reports: markdown escapes HTML, ``|`` and line breaks; the reset
CSV defuses formulas as OWASP advises unless raw values are asked for; the table report prints
a long source URL whole."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest

from hashcompat._reports.analysis import render
from hashcompat._reports.escape import md_code, md_text
from hashcompat.bulk import analyze
from hashcompat.bulk._checkpoint import Checkpoint
from hashcompat.bulk._duplicates import Duplicates
from hashcompat.dump._private import private_binary, private_open, write_private
from hashcompat.export._base import dump_json, dump_lines


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> object:
    old = os.umask(0)  # the worst case: files would be 0666 without the explicit mode
    yield
    os.umask(old)


def test_private_files_are_0600_new_or_existing(tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    old.write_text("x")
    old.chmod(0o644)
    for path, make in [
        (tmp_path / "a.txt", lambda p: private_open(p, "w").close()),
        (tmp_path / "b.bin", lambda p: private_binary(p).close()),
        (tmp_path / "c.txt", lambda p: write_private(p, "hash")),
        (old, lambda p: private_open(p, "a").close()),
        (tmp_path / "d.json", lambda p: dump_json({"users": []}, p)),
        (tmp_path / "e.jsonl", lambda p: dump_lines([{"a": 1}], p)),
    ]:
        make(path)
        assert _mode(path) == 0o600, path.name


def test_checkpoints_and_spilled_fingerprints_are_0600(tmp_path: Path) -> None:
    checkpoint = Checkpoint(tmp_path / "run.checkpoint", identity={"dump": "x"})
    checkpoint.save({"rows": 1})
    assert _mode(tmp_path / "run.checkpoint") == 0o600
    duplicates = Duplicates(spill=2)
    for number in range(5):
        duplicates.add(f"key{number % 2}", number)
    modes = [stat.S_IMODE(os.stat(f.fileno()).st_mode) for f in duplicates._files.values()]
    assert modes and all(mode == 0o600 for mode in modes)  # unnamed files, and still 0600


EVIL = [
    {"id": '=HYPERLINK("http://x","y")', "hash": ""},
    {"id": "<script>alert(1)</script>", "hash": ""},
    {"id": "a|b", "hash": ""},
    {"id": "-12", "hash": ""},
    {"id": "@SUM(A1)", "hash": ""},
]


def test_reset_csv_defuses_formulas_and_is_0600(tmp_path: Path) -> None:
    target = tmp_path / "reset.csv"
    analyze(EVIL, reset_file=target, measure_cost=False)
    assert _mode(target) == 0o600
    ids = [row[0] for row in csv.reader(target.open(encoding="utf-8"))][1:]
    assert ids == [
        '\'=HYPERLINK("http://x","y")',
        "<script>alert(1)</script>",
        "a|b",
        "-12",  # a number is no formula
        "'@SUM(A1)",
    ]
    raw = tmp_path / "raw.csv"
    analyze(EVIL, reset_file=raw, reset_raw=True, measure_cost=False)
    assert [row[0] for row in csv.reader(raw.open(encoding="utf-8"))][1] == EVIL[0]["id"]


def test_markdown_report_escapes_dump_values() -> None:
    text = render(analyze(EVIL, measure_cost=False), "markdown")
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "a\\|b" in text and " a|b" not in text
    assert md_text("x\ny|z<b>") == "x y\\|z&lt;b&gt;"
    assert md_code("a`b") == "``a`b``"


def test_table_report_keeps_a_long_source_whole() -> None:
    url = "postgresql+psycopg://app@database.internal.example.com:5432/shop_production_eu_west"
    report = analyze([{"id": 1, "hash": ""}], measure_cost=False)
    from dataclasses import replace

    text = render(replace(report, source=url), "table", width=60)
    assert f"source: {url}" in text


def test_upgraded_copy_is_0600(tmp_path: Path) -> None:
    from hashcompat.bulk._sinks import FileSink
    from hashcompat.dump import open_rows

    dump = tmp_path / "users.csv"
    dump.write_text("id,hash,scheme\n1,5f4dcc3b5aa765d61d8327deb882cf99,md5\n", encoding="utf-8")
    out = tmp_path / "users.upgraded.csv"
    with open_rows(dump) as source:
        FileSink(out, source, resume_at=None).close()
    assert _mode(out) == 0o600
