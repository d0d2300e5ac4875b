"""The original Keccak digests (hashcat 17700 to 18000), against hashcat's test-module vectors."""

from __future__ import annotations

import builtins
from typing import Any

import pytest

import hashcompat
from tests._support.vectors import VECTORS, load_jsonl

MODES = {17700: "keccak_224", 17800: "keccak_256", 17900: "keccak_384", 18000: "keccak_512"}
CASES = [v for v in load_jsonl(VECTORS / "hashcat" / "hashcat.jsonl") if v["mode"] in MODES]
pytest.importorskip("Crypto.Hash.keccak", reason="Keccak needs PyCryptodome (the keccak extra)")


@pytest.mark.parametrize("vector", CASES, ids=lambda v: f"{v['mode']}-{v['password']!r}")
def test_hashcat_vectors(vector: dict[str, Any]) -> None:
    scheme = MODES[vector["mode"]]
    assert hashcompat.verify(vector["password"], vector["hash"], scheme=scheme) is vector["expect"]
    if vector["expect"]:
        assert hashcompat.hash(vector["password"], scheme=scheme) == vector["hash"]


def test_keccak_is_not_fips_sha3() -> None:
    # the same password's SHA3-256 (hashcat 17400) is not its Keccak-256
    sha3 = "c0067d4af4e87f00dbac63b6156828237059172d1bbeac67427345d6a9fda484"
    assert hashcompat.verify("password", sha3, scheme="sha3_256")
    assert not hashcompat.verify("password", sha3, scheme="keccak_256")


@pytest.mark.parametrize("scheme", sorted(MODES.values()))
def test_listed_after_sha2_and_sha3(scheme: str) -> None:
    vector = next(v for v in CASES if MODES[v["mode"]] == scheme and v["expect"])
    found = hashcompat.identify(vector["hash"])
    bits = scheme.rpartition("_")[2]
    sha2 = "sha512" if bits == "512" else f"sha{bits}"
    assert scheme in found
    assert found.index(sha2) < found.index(f"sha3_{bits}") < found.index(scheme)


def test_without_pycryptodome_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = builtins.__import__

    def no_crypto(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("Crypto"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_crypto)
    with pytest.raises(hashcompat.SchemeUnavailableError, match=r"hashcompat\[keccak\]"):
        hashcompat.verify("password", CASES[0]["hash"], scheme="keccak_224")
