"""The bundled examples give the verdicts they are meant to, and their reports stay stable."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from hashcompat.cli import main

ROOT = Path(__file__).parents[2]
GOLDEN = Path(__file__).parents[1] / "golden"
EXPECTED = {
    "wordpress": ("feasible", "phpass", 0),
    "drupal7": ("feasible", "drupal7", 0),
    "custom_salted": ("feasible", "md5($salt.md5($pass))", 0),
    "mixed": ("partial", "phpass", 1),
    "wordpress68": ("feasible", None, 0),
}


def _normalise(text: str) -> str:
    # The measured login cost varies from run to run.
    return re.sub(r"about [0-9.]+ ms", "about N ms", text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_verdicts(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    verdict, scheme, code = EXPECTED[name]
    assert main(["check", "--format", "json", str(ROOT / "examples" / f"{name}.csv")]) == code
    report = json.loads(capsys.readouterr().out)
    assert (report["verdict"], report["scheme"]) == (verdict, scheme)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("fmt", ["markdown", "table"])
def test_golden_reports(name: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", fmt, str(ROOT / "examples" / f"{name}.csv")])
    actual = _normalise(capsys.readouterr().out)
    golden = GOLDEN / f"{name}.{fmt}.txt"
    if os.environ.get("HASHCOMPAT_REGOLD"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), "HASHCOMPAT_REGOLD=1 pytest to update"
