"""Database and Windows schemes: parsers under fuzzing, cost caps, inputs, identification.

The known answers are in tests/vectors/{mysql323,mysql_caching_sha2,postgres,mssql,oracle,
windows}.jsonl; these tests cover what vectors cannot: hostile strings and the error contract.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat._families.saslprep import pg_saslprep
from hashcompat._registry import registry
from hashcompat.scheme import Inputs
from tests._support.asserts import assert_hash_not_echoed

SCHEMES = [
    "mysql323",
    "mysql_caching_sha2",
    "postgres_md5",
    "postgres_scram_sha256",
    "mssql2000",
    "mssql2005",
    "mssql2012",
    "oracle10",
    "oracle11",
    "oracle12c",
    "lmhash",
    "msdcc",
    "msdcc2",
    "msdcc2_hex",
]
PREFIXES = ["$A$", "$A$005$", "$mysql$A$005*", "SCRAM-SHA-256$", "SCRAM-SHA-256$4096:",
            "0x0100", "0x0200", "S:", "T:", "$DCC2$", "$DCC2$10240#", "md5", ""]  # fmt: skip
ALPHABET = "0123456789abcdefABCDEF./+=:$#*xyzSCRAM-\x01\x7f é"
shaped = st.builds(
    lambda p, body: p + body, st.sampled_from(PREFIXES), st.text(alphabet=ALPHABET, max_size=200)
)
hashes = st.one_of(shaped, st.text(max_size=200))
passwords = st.one_of(st.binary(max_size=40), st.text(max_size=40).map(str.encode))
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Well-formed strings of each format (placeholder digests, no password matches them).
GOOD = {
    "mysql_caching_sha2": "$A$005$" + "s" * 20 + "x" * 43,
    "postgres_scram_sha256": "SCRAM-SHA-256$4096:"
    + "c2FsdA=="
    + "$"
    + "A" * 43
    + "=:"
    + "B" * 43
    + "=",
    "msdcc2": "$DCC2$10240#user#" + "0" * 32,
}


@pytest.fixture(autouse=True)
def cheap(limits: None) -> None:
    hashcompat.set_limits(hashcompat.Limits(max_iterations=20_000))


@pytest.mark.parametrize("name", SCHEMES)
@FUZZ
@given(secret=passwords, hash=hashes, user=st.text(max_size=20))
def test_parsers_give_false_or_a_hashcompat_error(
    name: str, secret: bytes, hash: str, user: str
) -> None:
    inputs = Inputs(username=user)
    try:
        result = registry.get(name).verify(secret, hash, inputs)
    except hashcompat.HashcompatError as exc:
        assert_hash_not_echoed(exc, hash, name)
        return
    assert result is False or registry.get(name).info.matches(hash)


@FUZZ
@given(secret=passwords)
def test_saslprep_never_raises(secret: bytes) -> None:
    assert isinstance(pg_saslprep(secret), bytes)


def test_saslprep_follows_postgresql() -> None:
    assert pg_saslprep(b"tab\there") == b"tab\there"  # ASCII: as it is
    assert pg_saslprep("\ufb01x\u00a0a\u00adb".encode()) == b"fix ab"  # mapped, NFKC
    assert pg_saslprep(b"\xff\xfe") == b"\xff\xfe"  # not UTF-8: raw
    assert pg_saslprep("\uff58\u0221".encode()) == "\uff58\u0221".encode()  # unassigned: raw
    assert pg_saslprep("\ufb01\u05d0".encode()) == "\ufb01\u05d0".encode()  # bidi: raw
    assert pg_saslprep("\u00ad".encode()) == "\u00ad".encode()  # nothing left: raw


@pytest.mark.parametrize(
    ("hash", "parameter"),
    [
        ("$A$FFF$" + "s" * 20 + "x" * 43, "rounds"),
        ("$mysql$A$999*" + "61" * 20 + "*" + "2e" * 43, "rounds"),
        ("SCRAM-SHA-256$4096000:c2FsdA==$" + "A" * 43 + "=:" + "B" * 43 + "=", "iterations"),
        ("$DCC2$999999#user#" + "0" * 32, "iterations"),
    ],
)
def test_costs_are_capped_before_any_work(hash: str, parameter: str) -> None:
    with pytest.raises(hashcompat.UnsafeParametersError) as caught:
        hashcompat.verify("password", hash)
    assert caught.value.parameter == parameter
    assert hash not in str(caught.value)


@pytest.mark.parametrize(
    "hash",
    [
        "$A$000$" + "s" * 20 + "x" * 43,
        "$mysql$A$005*" + "61" * 20 + "*" + "00" * 43,  # digest bytes outside crypt base-64
        "SCRAM-SHA-256$0:c2FsdA==$" + "A" * 43 + "=:" + "B" * 43 + "=",
        "$DCC2$0#user#" + "0" * 32,
    ],
)
def test_degenerate_fields_are_malformed(hash: str) -> None:
    with pytest.raises(hashcompat.MalformedHashError):
        hashcompat.verify("password", hash)


@pytest.mark.parametrize(
    ("name", "hash"),
    [
        ("postgres_md5", "md5" + "0" * 32),
        ("oracle10", "9EEDFA0AD26C6D52"),
        ("msdcc", "0" * 32),
        ("msdcc2_hex", "0" * 32),
    ],
)
def test_user_bound_schemes_need_username(name: str, hash: str) -> None:
    with pytest.raises(hashcompat.MissingParameterError):
        hashcompat.verify("password", hash, scheme=name)


def test_postgres_md5_is_picked_from_the_string_given_the_role() -> None:
    hash = "md5dc9478eb4e94a7dcf2bda02360188a52"  # alice / password, PostgreSQL 15
    assert hashcompat.identify(hash)[0] == "postgres_md5"  # bigcrypt fits 35 characters too
    assert hashcompat.verify("password", hash, username="alice")
    assert not hashcompat.verify("password", hash, username="bob")


def test_mssql_2000_and_2005_are_told_apart_by_length() -> None:
    assert hashcompat.identify("0x0100" + "a" * 88) == ["mssql2000"]
    assert hashcompat.identify("0x0100" + "a" * 48) == ["mssql2005"]
    assert hashcompat.identify("0x0200" + "a" * 136) == ["mssql2012"]
    with pytest.raises(hashcompat.MalformedHashError):
        hashcompat.verify("x", "0x0100" + "a" * 60)


@pytest.mark.parametrize("name", ["mssql2005", "mssql2012", "msdcc", "lmhash", "oracle10"])
def test_passwords_that_are_not_utf8_are_checked_not_refused(name: str) -> None:
    hash = {"mssql2005": "0x0100" + "0" * 48, "mssql2012": "0x0200" + "0" * 136}.get(name, "")
    hash = hash or ("0" * 16 if name == "oracle10" else "0" * 32)
    assert registry.get(name).verify(b"\xff\xfe\x80", hash, Inputs(username="u")) is False


def test_lm_rejects_what_code_page_437_cannot_hold() -> None:
    assert hashcompat.verify("\u4e2d", "0" * 32, scheme="lmhash") is False


def test_good_shapes_verify_false_for_a_wrong_password() -> None:
    for hash in GOOD.values():
        assert hashcompat.verify("wrong", hash) is False


def test_scram_refuses_what_saslprep_refuses_without_reading_messages() -> None:
    """libpass's SCRAM handler cannot have stored a password SASLprep refuses: no match, and
    the refusal is found by running SASLprep alone, not by an error's words."""
    import hashcompat
    from hashcompat._families.libpass import saslprep_refuses

    stored = hashcompat.hash("pw", "scram", rounds=1000)
    assert hashcompat.verify("pw", stored, scheme="scram")
    for refused in ("p\u0007w", "\u0627x", "\ue000"):  # control, bidi mix, private use
        assert saslprep_refuses(refused.encode())
        assert hashcompat.verify(refused, stored, scheme="scram") is False
    assert not saslprep_refuses(b"\xff")  # not UTF-8: the handler's own UnicodeError
