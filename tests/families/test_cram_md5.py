"""Dovecot's {CRAM-MD5} (_families/cram_md5.py): the compression against hashlib, the scheme
against doveadm's and hashcat's vectors (the vector files themselves run in test_vectors)."""

from __future__ import annotations

import hashlib
import struct

import pytest

import hashcompat
from hashcompat._families.cram_md5 import MD5_IV, md5_compress
from tests._support.vectors import VECTORS, load_jsonl

DOVEADM = [v for v in load_jsonl(VECTORS / "dovecot.jsonl") if v["scheme"] == "dovecot_cram_md5"]
HASHCAT = [v for v in load_jsonl(VECTORS / "picked.jsonl") if v["scheme"] == "dovecot_cram_md5"]


def _md5(message: bytes) -> bytes:
    padded = message + b"\x80" + b"\0" * ((55 - len(message)) % 64)
    padded += struct.pack("<Q", 8 * len(message))
    state = MD5_IV
    for start in range(0, len(padded), 64):
        state = md5_compress(state, padded[start : start + 64])
    return struct.pack("<4I", *state)


@pytest.mark.parametrize("size", [0, 1, 55, 56, 63, 64, 65, 119, 120, 200])
def test_compression_gives_hashlib_md5(size: int) -> None:
    message = bytes(range(256))[:size] if size <= 256 else b""
    assert _md5(message) == hashlib.md5(message).digest()


def test_both_sources_are_present() -> None:
    assert len([v for v in DOVEADM if v["expect"]]) >= 4  # one longer than HMAC's block
    assert any(len(str(v["password"]).encode()) > 64 for v in DOVEADM)
    assert {v["expect"] for v in HASHCAT} == {True, False}


@pytest.mark.parametrize("vector", DOVEADM + HASHCAT, ids=lambda v: str(v["hash"])[10:22])
def test_identified_and_verified_without_a_scheme(vector: dict[str, object]) -> None:
    assert hashcompat.identify(str(vector["hash"])) == ["dovecot_cram_md5"]
    assert hashcompat.verify(str(vector["password"]), str(vector["hash"])) is vector["expect"]


def test_hash_writes_what_doveadm_writes() -> None:
    for vector in (v for v in DOVEADM if v["expect"]):
        assert hashcompat.hash(str(vector["password"]), scheme="dovecot_cram_md5") == vector["hash"]


def test_hashcat_line_is_checked_on_the_outer_context_only() -> None:
    full = next(v for v in DOVEADM if v["password"] == "hashcat")["hash"]
    cut = str(full)[:42] + "0" * 32
    assert hashcompat.verify("hashcat", cut) is True
    assert hashcompat.verify("hashcat!", cut) is False
    wrong_inner = str(full)[:42] + "1" * 32
    assert hashcompat.verify("hashcat", wrong_inner) is False


def test_malformed_says_what_is_expected() -> None:
    with pytest.raises(hashcompat.MalformedHashError, match="64 hex digits"):
        hashcompat.verify("x", "{CRAM-MD5}abc", scheme="dovecot_cram_md5")
