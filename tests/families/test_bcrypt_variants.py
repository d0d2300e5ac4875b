"""bcrypt's older variants ($2x$ through libxcrypt, OpenBSD's $2$) and bcrypt over a digest,
which discovery finds. Vectors: PHP's crypt()/password_hash(), John the Ripper's bcrypt tests
(crypt_blowfish's own), jBCrypt and passlib (tests/vectors/bcrypt_variants.jsonl)."""

from __future__ import annotations

import pytest

import hashcompat
from hashcompat._checker import Verdict, check
from hashcompat._registry import registry
from tests._support.vectors import VECTORS, load_jsonl

VARIANTS = load_jsonl(VECTORS / "bcrypt_variants.jsonl")
JOHN = [v for v in load_jsonl(VECTORS / "john" / "john.jsonl") if v["format"] == "bcrypt"]


def _password(vector: dict[str, object]) -> str | bytes:
    if vector.get("password_encoding") == "latin-1":
        return str(vector["password"]).encode("latin-1")
    return str(vector["password"])


@pytest.mark.parametrize("vector", JOHN, ids=lambda v: str(v["hash"])[:12])
def test_john_bcrypt_vectors_identify_and_verify(vector: dict[str, object]) -> None:
    try:
        assert hashcompat.verify(_password(vector), str(vector["hash"])) is vector["expect"]
    except hashcompat.SchemeUnavailableError as missing:
        pytest.skip(str(missing))  # $2x$ with 8-bit bytes needs libxcrypt


def test_every_variant_is_seen() -> None:
    starts = {str(v["hash"])[:4] for v in VARIANTS + JOHN}
    assert {"$2x$", "$2$0", "$2a$", "$2y$", "$2b$"} <= starts


PREHASHED = [v for v in VARIANTS if "formula" in v]


@pytest.mark.parametrize("vector", PREHASHED, ids=lambda v: str(v["formula"]))
def test_bcrypt_over_a_digest_as_a_formula(vector: dict[str, object]) -> None:
    result = hashcompat.verify(
        str(vector["password"]), str(vector["hash"]), scheme=str(vector["formula"])
    )
    assert result is vector["expect"]


@pytest.mark.parametrize("formula", sorted({str(v["formula"]) for v in PREHASHED}))
def test_discovery_finds_bcrypt_over_a_digest(formula: str) -> None:
    pairs = [
        {"password": v["password"], "hash": v["hash"]}
        for v in PREHASHED
        if v["formula"] == formula and v["expect"]
    ]
    report = check(pairs, min_pairs=3)  # type: ignore[arg-type]
    assert report.verdict is Verdict.FEASIBLE
    assert report.scheme is not None and report.strength == "modern"
    if report.scheme != formula:  # a registered platform row with this formula (vBulletin 5)
        info = registry.get(report.scheme).info
        assert info.summary.endswith(formula), info.summary


def test_2x_equals_2a_without_8bit_bytes() -> None:
    vector = next(v for v in JOHN if str(v["hash"]).startswith("$2a$05$CCC"))
    as_2x = "$2x$" + str(vector["hash"])[4:]
    assert hashcompat.verify(str(vector["password"]), as_2x) is True
    assert hashcompat.verify(str(vector["password"]) + "!", as_2x) is False
