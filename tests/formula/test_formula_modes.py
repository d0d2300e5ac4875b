"""Every hashcat vector of a mode in the formula table verifies as expected."""

from __future__ import annotations

from pathlib import Path

import pytest

import hashcompat
from tests._support.formula_modes import HASHCAT_MODES, JOHN_DYNAMIC
from tests._support.vectors import load_jsonl

HASHCAT = Path(__file__).parents[1] / "vectors" / "hashcat" / "hashcat.jsonl"
ROWS = [r for r in load_jsonl(HASHCAT) if r["mode"] in HASHCAT_MODES]
SLOW_COST = 6  # bcrypt vectors above this cost are marked slow


def _id(row: dict[str, object]) -> str:
    return f"{row['mode']}-{'pos' if row['expect'] else 'neg'}-{str(row['password_hex'])[:12]}"


def _marks(row: dict[str, object]) -> list[pytest.MarkDecorator]:
    line = str(row["line"])
    slow = line.startswith("$2") and int(line[4:6]) > SLOW_COST
    return [pytest.mark.slow] if slow else []


@pytest.mark.parametrize("row", [pytest.param(r, id=_id(r), marks=_marks(r)) for r in ROWS])
def test_hashcat_vector(row: dict[str, object]) -> None:
    formula = HASHCAT_MODES[int(str(row["mode"]))]
    password = bytes.fromhex(str(row["password_hex"]))
    assert hashcompat.verify(password, str(row["line"]), scheme=formula) is row["expect"]


SEPARATE = [r for r in ROWS if HASHCAT_MODES[int(str(r["mode"]))].endswith(" @ {hash}:{salt}")]


@pytest.mark.parametrize("row", [pytest.param(r, id=_id(r)) for r in SEPARATE])
def test_salt_passed_separately(row: dict[str, object]) -> None:
    formula = HASHCAT_MODES[int(str(row["mode"]))].removesuffix(" @ {hash}:{salt}")
    digest, _, salt = str(row["line"]).partition(":")
    password = bytes.fromhex(str(row["password_hex"]))
    assert hashcompat.verify(password, digest, scheme=formula, salt=salt) is row["expect"]


def test_every_requested_mode_is_in_the_table() -> None:
    requested = {0, 10, 20, 30, 40, 50, 60, 100, 110, 120, 130, 140, 150, 160, 1400, 1410}
    requested |= {1420, 1430, 1440, 1450, 1460, 1700, 1710, 1720, 1730, 1740, 1750, 1760}
    requested |= {2600, 2611, 2711, 2811, 3500, 3610, 3710, 3800, 3910, 4010, 4110, 4300}
    requested |= {4400, 4500, 4510, 4520, 4521, 4522, 4700, 4710, 4711, 4900, 18500}
    requested |= {20710, 20711, 20720, 20800, 20900, 21000, 21100, 21200, 21300, 21400}
    requested |= {22200, 22300, 24300, 30500, 32410, 25600, 25800, 28400, 30600}
    assert requested <= set(HASHCAT_MODES)
    assert requested <= {r["mode"] for r in ROWS}


JOHN = Path(__file__).parents[1] / "vectors" / "john" / "dynamic.jsonl"
_SKIP = ("salt_encoding", "salt2", "extra_fields", "password_encoding")
JOHN_ROWS = [
    r for r in load_jsonl(JOHN) if r["format"] in JOHN_DYNAMIC and not any(k in r for k in _SKIP)
]


@pytest.mark.parametrize(
    "row", [pytest.param(r, id=f"{r['format']}-{i}") for i, r in enumerate(JOHN_ROWS)]
)
def test_john_dynamic_vector(row: dict[str, object]) -> None:
    formula = JOHN_DYNAMIC[str(row["format"])]
    password = bytes.fromhex(str(row["password_hex"]))
    salt = row.get("salt")
    username = row.get("username")
    result = hashcompat.verify(
        password,
        str(row["hash"]),
        scheme=formula,
        salt=None if salt is None else str(salt),
        username=None if username is None else str(username),
    )
    assert result is row["expect"]


def test_every_table_format_has_vectors() -> None:
    assert {r["format"] for r in JOHN_ROWS} == set(JOHN_DYNAMIC)
