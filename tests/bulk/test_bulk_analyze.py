"""hashcompat analyze: the example dump's golden report, every format, bad input, the HTML page."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from hashcompat.bulk import analyze
from hashcompat.bulk._duplicates import Duplicates
from hashcompat.cli import main

ROOT = Path(__file__).parents[2]
USERS = ROOT / "examples" / "bulk" / "users.csv"


def _hashes() -> list[str]:
    with USERS.open(encoding="utf-8") as handle:
        return [r["password_hash"] for r in csv.DictReader(handle) if r.get("password_hash")]


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_golden_report(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    suffix = "md" if fmt == "markdown" else "json"
    assert main(["analyze", str(USERS), "--format", fmt, "--no-measure"]) == 1  # some reset
    golden = (USERS.parent / f"users.analyze.{suffix}").read_text(encoding="utf-8")
    assert capsys.readouterr().out == golden


def test_the_example_counts(tmp_path: Path) -> None:
    reset = tmp_path / "reset.csv"
    report = analyze(USERS, reset_file=reset, profile="cheapest")
    data = report.to_dict()
    # cheapest profile: the m=256 argon2 row meets the target, so it is imported as is
    assert data["plan"] == {"import as is": 5, "wrap": 9, "rehash on login": 1, "reset": 6}
    assert data["needs"] == {"salt": 1, "username": 0, "pepper": 0}
    assert data["above_caps"] == 1
    assert data["duplicates"]["groups"] == 1
    assert data["duplicates"]["largest"] == [{"size": 3, "rows": [5, 6, 8]}]
    assert data["schemes"]["bcrypt"]["costs"] == {"cost": {4: 1, 10: 1, 17: 1}}
    estimate = data["estimate"]
    assert estimate["wrap_rows"] == 9 and estimate["ms_per_row"] > 0
    with reset.open(encoding="utf-8") as handle:
        listed = list(csv.DictReader(handle))
    assert [r["id"] for r in listed] == ["11", "14", "18", "19", "20", "21"]
    assert listed[-1]["reason"] == "malformed row: 2 fields where the header has 5"


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html"])
def test_no_hash_in_any_format(fmt: str, tmp_path: Path) -> None:
    if fmt == "html":
        pytest.importorskip("matplotlib")
    out = tmp_path / f"report.{fmt}"
    main(["analyze", str(USERS), "--format", fmt, "-o", str(out), "--no-measure"])
    text = out.read_text(encoding="utf-8")
    for hash in _hashes():
        assert len(hash) < 12 or hash not in text


def test_api_over_rows_and_mappings() -> None:
    rows = [
        {"id": 1, "hash": "5f4dcc3b5aa765d61d8327deb882cf99", "scheme": "md5"},
        {"id": 2, "hash": "$P$BQMlyAddIOJ7MShLPWzZ.AWCVqMRbQ."},
        {"id": 3, "hash": 5},
        {"id": 4, "hash": "5f4dcc3b5aa765d61d8327deb882cf99"},
    ]
    report = analyze(rows, scheme="md5", measure_cost=False)
    assert report.plans == {"import as is": 0, "wrap": 3, "rehash on login": 0, "reset": 1}
    assert report.duplicates["groups"] == 1
    assert report.malformed == {"the hash field is not a string": 1}


def test_api_over_a_dask_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    with USERS.open(encoding="utf-8") as handle:
        records = [r for r in csv.DictReader(handle) if r.get("password_hash")]
    frame = dd.from_pandas(pd.DataFrame.from_records(records), npartitions=3)
    from_frame = analyze(frame, measure_cost=False).to_dict()
    from_file = analyze(USERS, measure_cost=False).to_dict()
    from_file["plan"]["reset"] -= 1  # the truncated line cannot be a DataFrame row
    from_file["strength"]["unknown"] -= 1
    for key in ("plan", "schemes", "strength", "duplicates"):
        assert from_frame[key] == from_file[key], key


def test_duplicates_spill_to_disk_and_agree() -> None:
    keys = [f"md5\0{i % 7}" for i in range(50)]
    small, spilled = Duplicates(), Duplicates(spill=3)
    for number, key in enumerate(keys, 1):
        small.add(key, number)
        spilled.add(key, number)
    assert small.groups() == spilled.groups()
    assert small.groups()[:2] == (0, 0)  # groups() consumed the first one


def test_spilled_duplicates_leave_no_named_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where TemporaryFile would name one
    spilled = Duplicates(spill=3)
    for number in range(1, 50):
        spilled.add(f"md5\0{number % 7:032x}", number)
    assert spilled._files and not list(tmp_path.iterdir())  # spilled, yet nothing to leak
    handle = next(iter(spilled._files.values()))
    assert os.stat(handle.fileno()).st_mode & 0o777 == 0o600
    assert spilled.groups()[:2] == (7, 49)
    assert not spilled._files


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hash-column", "nope"], "no column 'nope' for --hash-column"),
        (["--table", "users"], "--table applies to a database URL or a SQL dump"),
    ],
)
def test_cli_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(USERS), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_cli_bad_files_one_line_no_traceback(tmp_path: Path) -> None:
    binary = tmp_path / "dump.csv"
    binary.write_bytes(bytes(range(256)) * 16)
    db = tmp_path / "u.db"
    cases = [
        ([str(binary)], "binary data"),
        ([str(tmp_path / "missing.csv")], "cannot open"),
        ([f"sqlite:///{db}", "--table", "users"], "no table 'users'"),
    ]
    for args, message in cases:
        done = subprocess.run(
            [sys.executable, "-m", "hashcompat", "analyze", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert message in done.stderr and "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1


def test_html_is_self_contained(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    page = tmp_path / "report.html"
    main(["analyze", str(USERS), "--format", "html", "-o", str(page), "--no-measure"])
    text = page.read_text(encoding="utf-8")
    assert text.count("<svg") >= 4
    # url(#id) is a clip path inside the page; anything else would be fetched
    assert not re.search(r"<script|<link|<img|\bsrc=|@import|url\((?!#)", text)
    external = set(re.findall(r"https?://[^\"' )]+", text))
    assert external <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_html_renders_in_chromium(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    page = tmp_path / "report.html"
    main(["analyze", str(USERS), "--format", "html", "-o", str(page), "--no-measure"])
    shot = tmp_path / "shot.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"]
    subprocess.run(
        [browser, *flags, f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # charts and tables, not a blank page
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    assert dom.count("<svg") >= 4 and "Plan per group" in dom


def test_json_report_is_json(capsys: pytest.CaptureFixture[str]) -> None:
    main(["analyze", str(USERS), "--format", "json", "--no-measure"])
    assert json.loads(capsys.readouterr().out)["rows"] == 21


def test_public_names_stay_functions_after_every_module_loads() -> None:
    import hashcompat.bulk._analysis
    import hashcompat.bulk._sunsetting
    import hashcompat.bulk._upgrading  # noqa: F401 - loading them must not shadow the functions
    from hashcompat import bulk

    assert callable(bulk.analyze) and callable(bulk.upgrade) and callable(bulk.sunset)
    assert not isinstance(bulk.upgrade, type(bulk))


def test_rows_marked_by_the_hook_server_are_counted(tmp_path: Path) -> None:
    dump = tmp_path / "users.csv"
    dump.write_text(
        "id,password_hash,migrated_at\n"
        "1,$P$BzmS0EH8sDnYgm0pL4bvsnD.1Cq1L90,2026-11-30T05:00:00+00:00\n"
        "2,$P$B6ixGBjR8P7lTpWfLeRkC0n45oA8Mf.,\n",
        encoding="utf-8",
    )
    report = analyze(dump, profile="cheapest")
    assert report.migrated == 1
    assert report.to_dict()["migrated"] == 1
