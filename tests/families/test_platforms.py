"""Platform formula schemes against hashcat's test-module vectors for their modes."""

from __future__ import annotations

import pytest

import hashcompat
from hashcompat._families import django, platforms
from hashcompat._families.platforms import Row
from hashcompat._registry import registry
from tests._support.vectors import VECTORS, load_jsonl

# Every built-in formula row: the platform table and Django's salted digests.
ROWS = (*platforms.ROWS, *django.ROWS)

HASHCAT = load_jsonl(VECTORS / "hashcat" / "hashcat.jsonl")


def _cases() -> list[tuple[Row, dict[str, object]]]:
    return [(row, v) for row in ROWS for v in HASHCAT if v["mode"] == row.hashcat_mode]


CASES = _cases()


@pytest.mark.parametrize(
    ("row", "vector"), CASES, ids=[f"{r.name}-{i}" for i, (r, _) in enumerate(CASES)]
)
def test_platform_vector(row: Row, vector: dict[str, object]) -> None:
    inputs = registry.get(row.name).info.inputs
    salt = vector.get("salt")
    kwargs = {name: salt for name in inputs}  # the column hashcat calls "salt"
    embedded = (row.layout is not None and "salt" in row.layout) or not inputs
    stored = vector["line"] if embedded else vector["hash"]
    result = hashcompat.verify(str(vector["password"]), str(stored), scheme=row.name, **kwargs)  # type: ignore[arg-type]
    assert result is vector["expect"]


def test_every_row_has_positive_and_negative_vectors() -> None:
    for row in ROWS:
        if row.hashcat_mode is None:
            continue  # proven by another vector file (named in the row's comment)
        found = [v["expect"] for r, v in CASES if r is row]
        assert True in found and False in found, row.name


@pytest.mark.parametrize("row", [r for r in ROWS if r.self_describing], ids=lambda r: r.name)
def test_self_describing_rows_are_identified(row: Row) -> None:
    for r, vector in CASES:
        if r is row and vector["expect"]:
            assert hashcompat.identify(str(vector["line"])) == [row.name]
            assert hashcompat.verify(str(vector["password"]), str(vector["line"]))


def test_no_two_self_describing_schemes_claim_one_vector() -> None:
    strings = [str(v["line"]) for v in HASHCAT] + [
        str(v["hash"]) for path in VECTORS.glob("*.jsonl") for v in load_jsonl(path)
    ]
    describing = {i.name for i in hashcompat.schemes() if i.self_describing}
    for text in strings:
        claims = [n for n in hashcompat.identify(text) if n in describing]
        assert len(claims) <= 1, (text[:12], claims)
