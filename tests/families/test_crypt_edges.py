"""Every line of tests/vectors/crypt_edges.jsonl (libxcrypt and PHP, see its make script),
checked from the password's bytes: the 8-bit passwords of the $2a$ countermeasure, salts
outside the crypt alphabet, bigcrypt over 128 bytes, BSDi with millions of rounds."""

from __future__ import annotations

import pytest

import hashcompat
from tests._support.vectors import VECTORS, load_jsonl

LINES = load_jsonl(VECTORS / "crypt_edges.jsonl")


@pytest.mark.parametrize("line", LINES, ids=[f"{i}:{v['case']}" for i, v in enumerate(LINES, 1)])
def test_crypt_edge(line: dict[str, object], limits: None) -> None:
    hashcompat.set_limits(hashcompat.Limits(max_bcrypt_cost=31, time_budget=False))
    scheme = str(line.get("scheme") or line["crypt_scheme"])
    password = bytes.fromhex(str(line["password_hex"]))
    assert hashcompat.verify(password, str(line["hash"]), scheme=scheme) is line["expect"]


def test_the_8bit_lines_are_there() -> None:
    assert sum("crypt_scheme" in line for line in LINES) >= 20
