"""Discovery's reach from 5 pairs: PBKDF2 at platforms' default iteration counts (a table, then
a bounded search), HMAC keyed with the password or the salt, formulas over the user name, and
crypt hashes stored without their magic prefix. Vectors: PHP's hash_pbkdf2()/hash_hmac()
(tests/vectors/discovery_reach.jsonl), John the Ripper's dynamic_35 (ManGOS) tests, and the
unixcrypt/AIX vectors with the prefix dropped (unprefixed.jsonl)."""

from __future__ import annotations

import pytest

import hashcompat
from hashcompat._discover import Pair, discover
from tests._support.vectors import VECTORS, load_jsonl

REACH = load_jsonl(VECTORS / "discovery_reach.jsonl")
UNPREFIXED = load_jsonl(VECTORS / "unprefixed.jsonl")
MANGOS = [
    v
    for v in load_jsonl(VECTORS / "john" / "dynamic.jsonl")
    if v["format"] in ("dynamic_35", "dynamic_36", "dynamic_37") and v["expect"]
]


@pytest.mark.parametrize("formula", sorted({str(v["formula"]) for v in REACH}))
def test_pbkdf2_and_hmac_from_php(formula: str) -> None:
    rows = [v for v in REACH if v["formula"] == formula]
    pairs = [Pair(str(v["password"]), str(v["hash"]), salt=str(v["salt"])) for v in rows]
    found = discover(pairs, time_budget_s=4)
    assert formula in found.schemes, (found.schemes, found.notes)
    for v in rows:
        assert hashcompat.verify(
            str(v["password"]), str(v["hash"]), scheme=formula, salt=str(v["salt"])
        )


@pytest.mark.parametrize("name", ["dynamic_35", "dynamic_36", "dynamic_37"])
def test_formulas_over_the_user_name(name: str) -> None:
    rows = [v for v in MANGOS if v["format"] == name and v.get("username")]
    pairs = [Pair(str(v["password"]), str(v["hash"]), username=str(v["username"])) for v in rows]
    found = discover(pairs, time_budget_s=4)
    assert found.schemes, found.notes
    for v in rows:
        assert hashcompat.verify(
            str(v["password"]), str(v["hash"]), scheme=found.schemes[0], username=str(v["username"])
        )


@pytest.mark.parametrize("scheme", sorted({str(v["scheme"]) for v in UNPREFIXED}))
def test_crypt_without_its_prefix(scheme: str) -> None:
    rows = [v for v in UNPREFIXED if v["scheme"] == scheme and v["expect"]][:5]
    found = discover([Pair(str(v["password"]), str(v["hash"])) for v in rows])
    assert scheme in found.schemes
