"""identify() lists the common compositions of a bare hex digest after the registered schemes,
without changing verify's AmbiguousHashError (hashcompat/_compositions_table.py)."""

from __future__ import annotations

import pytest

import hashcompat
from hashcompat._compositions_table import COMPOSITIONS
from hashcompat._engine import resolve
from hashcompat._gen_compositions import build
from hashcompat.crackers._hashcat import identify_modes

MD5_HEX = "5f4dcc3b5aa765d61d8327deb882cf99"
SHA1_HEX = "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8"


def test_the_table_is_current() -> None:
    assert {shape: tuple(names) for shape, names in build().items()} == COMPOSITIONS


def test_bare_md5_hex_lists_the_platform_reading_first_then_compositions() -> None:
    names = hashcompat.identify(MD5_HEX)
    assert names[0] == "md5"
    for composition in ("md5(md5($pass))", "md5(utf16le($pass))", "md5($pass.$salt)"):
        assert composition in names
        assert names.index(composition) > names.index("ntlm")  # registered schemes first


def test_bare_sha1_hex_and_hex_salt_lines() -> None:
    assert "sha1(sha1($pass))" in hashcompat.identify(SHA1_HEX)
    salted = hashcompat.identify(MD5_HEX + ":s4lt")
    assert "md5($pass.$salt) @ {hash}:{salt}" in salted


def test_verify_without_a_scheme_still_refuses_bare_hex() -> None:
    with pytest.raises(hashcompat.AmbiguousHashError):
        hashcompat.verify("password", MD5_HEX)


@pytest.mark.parametrize("name", sorted({n for names in COMPOSITIONS.values() for n in names}))
def test_every_listed_composition_is_a_scheme_string(name: str) -> None:
    assert resolve(name).info.name


def test_no_compositions_for_other_shapes() -> None:
    assert not [n for n in hashcompat.identify("$P$" + "a" * 31) if "(" in n]
    assert not [n for n in hashcompat.identify(MD5_HEX[:-1] + "g") if "(" in n]
    assert hashcompat.identify(MD5_HEX + ":") == hashcompat.identify(MD5_HEX + ":")


def test_hashcat_lines_are_read_without_a_mode() -> None:
    assert identify_modes("$PHPS$30313233$385c7d687e12ae0e1aed2fdd8708d3a0") == [2612]
    assert {0, 900, 1000, 2600} <= set(identify_modes(MD5_HEX))


def test_identify_peers_benchmark_scores_hashcompat() -> None:
    from benchmarks import identify_peers

    items = identify_peers.corpus()
    assert {name for name, _, _ in items} == {"vectors", "hashcat"}
    scores = identify_peers._score(items[::40], identify_peers._hashcompat)
    assert scores["overall"]["strings"] == len(items[::40])
    table = identify_peers.markdown({"tools": {"hashcompat": scores}})
    assert table.startswith("| tool |") and "\n| hashcompat |" in table
    assert "- 5600 NetNTLMv2: captured" in table  # the modes left out of "stored", with reasons


def test_every_hashcat_mode_is_classified_stored_or_not() -> None:
    from benchmarks import identify_peers

    classified = identify_peers.stored_modes()
    modes = {
        truth
        for name, _, truths in identify_peers.corpus()
        if name == "hashcat"
        for truth in truths
    }
    assert modes <= set(classified)
    assert all(reason for _, _, reason in classified.values())


def test_hashcat_lines_list_the_likeliest_mode_first() -> None:
    # 12300's bare 160 hex is Oracle's T: value (self-describing) before a 16-byte-salt xsha512
    oracle12 = "F544B8DDE91A9A95E4C33D910E7827751CDAEC55D61A95B9549F697F75A4EC64" * 2
    assert identify_modes(oracle12 + "D50269" + "0" * 26)[0] == 12300
    # all-hex hash:user is Oracle 7-10g before Cisco ASA (whose alphabet is 64 characters)
    assert identify_modes("FB18ABD7BF4ACFB2:tY5aLt01") == [3100, 2410]


def test_sixteen_hex_digits_read_as_databases_before_cisco() -> None:
    found = hashcompat.identify("183D72325548EF11")  # two digits first: Cisco type 7 fits too
    assert found[:2] == ["mysql323", "oracle10"]
    assert found.index("cisco_pix") < found.index("cisco_type7")
    assert hashcompat.identify("0822455D0A16") == ["cisco_type7"]
