"""One algorithm, every string form its platform reads: one scheme covers an export that mixes
them. Vectors: John the Ripper's NT tests (bare and ``$NT$``) and Django 4.2's unsalted MD5
(bare and ``md5$$``, tests/vectors/django_legacy.jsonl)."""

from __future__ import annotations

import pytest

import hashcompat
from hashcompat._checker import Verdict, check
from tests._support.vectors import VECTORS, load_jsonl

JOHN_NT = [v for v in load_jsonl(VECTORS / "john" / "john.jsonl") if v["format"] == "NT"]
DJANGO_MD5 = [
    v
    for v in load_jsonl(VECTORS / "django_legacy.jsonl")
    if v["scheme"] == "django_unsalted_md5" and v["expect"]
]


@pytest.mark.parametrize("vector", JOHN_NT, ids=lambda v: v["hash"][:12])
def test_john_nt_vectors_bare_and_tagged(vector: dict[str, object]) -> None:
    text = str(vector["hash"])
    assert hashcompat.verify(str(vector["password"]), text, scheme="ntlm") is vector["expect"]
    assert hashcompat.verify(str(vector["password"]), text.upper(), scheme="nt") is vector["expect"]


def test_both_nt_forms_are_seen() -> None:
    assert any(str(v["hash"]).startswith("$NT$") for v in JOHN_NT)
    assert any(not str(v["hash"]).startswith("$") for v in JOHN_NT)


def test_django_unsalted_md5_export_mixing_both_forms_is_one_scheme() -> None:
    pairs = [{"password": v["password"], "hash": v["hash"]} for v in DJANGO_MD5]
    assert {p["hash"][:5] == "md5$$" for p in pairs} == {True, False}
    report = check(pairs)  # type: ignore[arg-type]
    assert report.verdict is Verdict.FEASIBLE
    assert report.scheme == "django_unsalted_md5" and not report.mixed


def test_nt_export_mixing_case_and_tags_is_one_scheme() -> None:
    pairs = []
    for i, v in enumerate(v for v in JOHN_NT if v["expect"] and v["password"]):
        digest = str(v["hash"]).removeprefix("$NT$")
        text = ("$NT$" + digest.lower()) if i % 2 else digest.upper()
        pairs.append({"password": str(v["password"]), "hash": text})
    report = check(pairs[:8])
    assert report.verdict is Verdict.FEASIBLE and report.scheme == "ntlm"


def test_layout_alternatives_read_every_form_and_write_the_first() -> None:
    scheme = "md5($pass) @ md5$${hash} | {hash}"
    written = hashcompat.hash("password", scheme)
    assert written == "md5$$5f4dcc3b5aa765d61d8327deb882cf99"  # Django 4.2, django_legacy.jsonl
    written = written[5:]
    assert hashcompat.verify("password", written, scheme=scheme)
    assert hashcompat.verify("password", "md5$$" + written.upper(), scheme=scheme)
    assert not hashcompat.verify("password!", "md5$$" + written, scheme=scheme)
    with pytest.raises(hashcompat.MalformedHashError):
        hashcompat.verify("password", "md5$" + written, scheme=scheme)


def test_layout_alternatives_keep_the_salt_alike() -> None:
    with pytest.raises(hashcompat.FormulaSyntaxError):
        hashcompat.verify("x", "ab", scheme="md5($pass.$salt) @ {hash} | {salt}${hash}")
