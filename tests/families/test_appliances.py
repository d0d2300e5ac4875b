"""SolarWinds Orion and Dahua (_families/appliances.py) against hashcat's and John's vectors."""

from __future__ import annotations

from typing import Any

import pytest

import hashcompat
from tests._support.vectors import VECTORS, load_jsonl

PICKED = [
    v
    for v in load_jsonl(VECTORS / "picked.jsonl")
    if v["scheme"] in ("solarwinds_orion", "dahua_md5")
]


def test_both_sources_are_present() -> None:
    sources = {(v["scheme"], str(v["source"]).split()[0]) for v in PICKED}
    assert sources == {
        ("solarwinds_orion", "hashcat"),
        ("solarwinds_orion", "john"),
        ("dahua_md5", "hashcat"),
        ("dahua_md5", "john"),
    }


@pytest.mark.parametrize("vector", [v for v in PICKED if v["expect"]], ids=lambda v: v["hash"][:20])
def test_identified(vector: dict[str, Any]) -> None:
    found = hashcompat.identify(vector["hash"])
    if vector["scheme"] == "solarwinds_orion":
        assert found == ["solarwinds_orion"]
        assert hashcompat.verify(vector["password"], vector["hash"]) is True  # names itself
    elif any(c.isupper() for c in vector["hash"]) and any(c.islower() for c in vector["hash"]):
        assert found == ["dahua_md5"]


def test_orion_salt_is_the_first_8_characters_of_the_name() -> None:
    # hashcat's vector for a 12-character salt: only "01234567" salts the key
    vector = next(v for v in PICKED if "$0123456789ab$" in v["hash"] and v["expect"])
    shortened = vector["hash"].replace("$0123456789ab$", "$01234567$")
    assert hashcompat.verify(vector["password"], shortened)


def test_dahua_identification_leaves_plaintext_alone() -> None:
    for text in ("password", "admin123", "PASSWORD", "12345678"):
        assert "dahua_md5" not in hashcompat.identify(text)
    # scheme= reads any 8 letters and digits (the 3% of device strings with one case)
    assert hashcompat.verify("", "tlJwpbo6", scheme="dahua_md5") is True
    with pytest.raises(hashcompat.MalformedHashError, match="8 letters and digits"):
        hashcompat.verify("", "tlJwpbo", scheme="dahua_md5")


def test_malformed_orion_string_says_what_is_expected() -> None:
    with pytest.raises(hashcompat.MalformedHashError, match=r"\$solarwinds\$0\$"):
        hashcompat.verify("x", "$solarwinds$0$admin$short==", scheme="solarwinds_orion")
