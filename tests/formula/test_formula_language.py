"""The custom-scheme language: parsing, canonical names, errors, caps, layouts.

Expected digests are published test vectors: RFC 1321 (MD5), RFC 1320 (MD4), RFC 2202 (HMAC),
RFC 6070 (PBKDF2-HMAC-SHA1) and the CRC-32 check value of the "quick brown fox" sentence.
"""

from __future__ import annotations

import pytest

import hashcompat
from hashcompat._crypto.md4 import _md4_pure
from hashcompat.formula import canonical, scheme_from_formula

MD5_PASSWORD = "5f4dcc3b5aa765d61d8327deb882cf99"  # RFC 1321 arithmetic, md5("password")
JEFE = "what do ya want for nothing?"


@pytest.mark.parametrize(
    ("message", "digest"),
    [
        (b"", "31d6cfe0d16ae931b73c59d7e0c089c0"),
        (b"abc", "a448017aaf21d8525fc10ae87aa6729d"),
        (b"message digest", "d9130a8164549fe818874806e1c7014b"),
        (b"1234567890" * 8, "e33b4ddc9c38f2199c3e7b164fcc0536"),
    ],
)
def test_md4_matches_rfc_1320(message: bytes, digest: str) -> None:
    assert _md4_pure(message).hex() == digest
    assert hashcompat.verify(message, digest, scheme="md4($pass)")


@pytest.mark.parametrize(
    ("formula", "password", "expected"),
    [
        ("md5($pass)", "password", MD5_PASSWORD),
        ("MD5( $p )", "password", MD5_PASSWORD),
        ("hmac_md5('Jefe', $pass)", JEFE, "750c783e6ab0b503eaa86e310a5db738"),
        ('hmac_sha1("Jefe", $pass)', JEFE, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
        ("pbkdf2_sha1($pass,'salt',1,20)", "password", "0c60c80f961f0e71f3a9b524af6012062fe037a6"),
        ("pbkdf2_sha1($pass,'salt',2)", "password", "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"),
        ("crc32($pass)", "The quick brown fox jumps over the lazy dog", "414fa339"),
        ("hex(md5_raw($pass))", "password", MD5_PASSWORD),
        ("lower(upper(md5($pass)))", "password", MD5_PASSWORD),
        ("repeat(0, md5($pass), md5($prev))", "password", MD5_PASSWORD),
        ("substr(md5($pass), 0, 16)", "password", MD5_PASSWORD[:16]),
    ],
)
def test_known_values(formula: str, password: str, expected: str) -> None:
    assert hashcompat.verify(password, expected, scheme=formula)
    assert hashcompat.verify(password, expected.upper(), scheme=formula)  # hex ignores case
    assert not hashcompat.verify(password + "x", expected, scheme=formula)


def test_iteration_forms_agree() -> None:
    once = hashcompat.hash("password", "md5(md5(md5($pass)))")
    assert hashcompat.verify("password", once, scheme="md5^3($pass)")
    assert hashcompat.verify("password", once, scheme="repeat(2, md5($pass), md5($prev))")


def test_raw_and_base64() -> None:
    stored = hashcompat.hash("password", "base64(md5_raw($pass))")
    assert stored == "X03MO1qnZdYdgyfeuILPmQ=="  # base64 of bytes.fromhex(MD5_PASSWORD)
    assert hashcompat.verify("password", stored, scheme="base64(raw(md5($pass)))")
    assert hashcompat.verify("password", stored, scheme="base64(md5_bin($pass))")


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("md5( $p . $s )", "md5($pass.$salt)"),
        ("hex(raw(md5($pass)))", "hex(md5_raw($pass))"),
        ("sha256(sha256_bin($pass))", "sha256(sha256_raw($pass))"),
        ("md5(strtoupper(md5($pass)))", "md5(upper(md5($pass)))"),
        ('md5("a\\"b".$user)', "md5('a\"b'.$username)"),
        ("md5($pass.$salt)@ {hash}:{salt} ", "md5($pass.$salt) @ {hash}:{salt}"),
        ("md5($pass) @ {hash}", "md5($pass)"),
    ],
)
def test_canonical_names_round_trip(spelling: str, name: str) -> None:
    assert canonical(spelling) == name
    assert canonical(name) == name
    assert scheme_from_formula(spelling).info.name == name


@pytest.mark.parametrize(
    ("formula", "position", "reason"),
    [
        ("md5($pass", 9, "expected ')'"),
        ("md5($pazz)", 4, "unknown input"),
        ("mdd5($pass)", 0, "unknown function 'mdd5'"),
        ("md5($pass) x", 11, "unexpected 'x'"),
        ("md5('abc)", 4, "unterminated string"),
        ("hmac_md5($pass)", 0, "takes 2 arguments"),
        ("pbkdf2_sha1($pass, $salt, $pass)", 0, "must be a number"),
        ("md5($pass.)", 10, "expected an input"),
    ],
)
def test_syntax_errors_point_at_the_character(formula: str, position: int, reason: str) -> None:
    with pytest.raises(hashcompat.FormulaSyntaxError) as info:
        hashcompat.verify("x", MD5_PASSWORD, scheme=formula)
    assert info.value.position == position
    assert reason in str(info.value)
    lines = str(info.value).splitlines()
    assert lines[1].strip() == formula.strip()
    assert lines[2].index("^") - 2 == position  # caret under the character
    assert isinstance(info.value, hashcompat.HashcompatError)


def test_nesting_depth_is_capped() -> None:
    deep = "md5(" * 40 + "$pass" + ")" * 40
    with pytest.raises(hashcompat.FormulaSyntaxError, match="nested deeper"):
        scheme_from_formula(deep)


def test_iteration_cap(limits: None) -> None:
    with pytest.raises(hashcompat.UnsafeParametersError):
        hashcompat.verify("x", MD5_PASSWORD, scheme="md5^20000000($pass)")
    scheme_from_formula("repeat(1000, md5($pass), md5($prev))")
    hashcompat.set_limits(hashcompat.Limits(max_iterations=100))
    with pytest.raises(hashcompat.UnsafeParametersError):  # checked again at verify time
        hashcompat.verify("x", MD5_PASSWORD, scheme="repeat(1000, md5($pass), md5($prev))")


@pytest.mark.parametrize(
    "formula",
    [
        "md5($prev)",
        "md5(bcrypt($pass))",
        "md5($pass) @ {salt}",
        "md5_raw($pass)",
        "md5($pass) @ {hash}:{salt}",
        "md5($pass.$salt) @ {b64:hash+salt}",
    ],
)
def test_semantic_errors(formula: str) -> None:
    with pytest.raises(hashcompat.FormulaSyntaxError):
        scheme_from_formula(formula)


def test_inputs_strength_and_missing_parameters() -> None:
    info = scheme_from_formula("md5($salt.$pass.$pepper)").info
    assert info.inputs == ("salt", "pepper")
    assert info.strength is hashcompat.Strength.WEAK
    assert scheme_from_formula("md5($pass)").info.strength is hashcompat.Strength.BROKEN
    assert scheme_from_formula("bcrypt(md5($pass))").info.strength is hashcompat.Strength.MODERN
    embedded = scheme_from_formula("md5($salt.$pass) @ {salt}${hash}").info
    assert embedded.inputs == ()
    with pytest.raises(hashcompat.MissingParameterError):
        hashcompat.verify("x", MD5_PASSWORD, scheme="md5($pass.$salt)")


@pytest.mark.parametrize(
    "formula",
    [
        "md5($pass.$salt) @ {hash}:{salt}",
        "sha1($salt.$pass) @ $X${salt}${hash}",
        "sha1_raw($pass.$salt) @ {SSHA}{b64:hash+salt}",
        "sha256_raw($salt.$pass) @ {b64:salt+hash}",
        "md5(md5($pass).$salt) @ $PHPS${salt:hex}${hash}",
        "sha512($salt.$pass) @ 2{salt:8}{hash}",
        "base64_nopad(sha1_raw($salt.$pass)) @ *{salt:b64}*{hash}",
        "upper(sha1($pass))",
        "bcrypt(sha256($pass))",
    ],
)
def test_hash_then_verify_and_split(formula: str) -> None:
    params = {"cost": 4} if formula.startswith("bcrypt") else {}
    stored = hashcompat.hash("pässword", formula, **params)
    assert hashcompat.verify("pässword", stored, scheme=formula)
    assert not hashcompat.verify("password", stored, scheme=formula)
    scheme = scheme_from_formula(formula)
    setting, digest = scheme.split_setting(scheme.parse(stored))
    assert scheme.recompute("pässword".encode(), setting, hashcompat.Inputs()) == digest


def test_layout_mismatch_is_malformed_without_the_hash() -> None:
    with pytest.raises(hashcompat.MalformedHashError) as info:
        hashcompat.verify("x", "abc:def", scheme="md5($pass.$salt) @ {hash}:{salt}")
    assert "abc:def" not in str(info.value)
