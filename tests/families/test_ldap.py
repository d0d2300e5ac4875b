"""LDAP userPassword schemes: parsers, caps, identification (vectors: tests/vectors/ldap.jsonl)."""

from __future__ import annotations

import base64

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat._families.ldap import SCHEMES, b64_pattern
from hashcompat._registry import registry
from hashcompat.scheme import Inputs, SchemeInfo

NAMES = sorted(s.info.name for s in SCHEMES)
DESCRIBING = [s.info for s in SCHEMES if s.info.self_describing]
TAGS = [
    "{MD5}",
    "{md5}",
    "{SMD5}",
    "{SHA}",
    "{SHA256}",
    "{sha384}",
    "{SHA512}",
    "{SSHA384}",
    "{CRYPT}",
    "{crypt}",
    "{CRYPT}$1$",
    "{CRYPT}$5$rounds=",
    "{CRYPT}$6$",
    "{CRYPT}$sha1$",
    "{CRYPT}$2b$04$",
    "{CRYPT}$2x$05$",
    "{CRYPT}_",
    "{PBKDF2}",
    "{PBKDF2}1000$",
    "{PBKDF2-SHA1}",
    "{pbkdf2-sha256}",
    "{PBKDF2-SHA512}0$",
    "{ARGON2}",
    "{ARGON2}$argon2id$v=19$m=",
    "{ARGON2}$argon2i$m=8,t=1,p=1$",
    "{CLEARTEXT}",
    "",
]
ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$=,+{}"
shaped = st.builds(
    lambda tag, body: tag + body, st.sampled_from(TAGS), st.text(alphabet=ALPHABET, max_size=120)
)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def cheap_limits(limits: None) -> None:
    hashcompat.set_limits(
        hashcompat.Limits(
            max_bcrypt_cost=5,
            max_argon2_memory_kib=4096,
            max_scrypt_memory_kib=4096,
            max_argon2_time_cost=2,
            max_iterations=20_000,
        )
    )


@FAST
@given(
    hash=st.one_of(shaped, st.text(max_size=150)),
    password=st.binary(max_size=40),
    name=st.sampled_from(NAMES),
)
def test_parsers_give_false_or_a_hashcompat_error(hash: str, password: bytes, name: str) -> None:
    try:
        result = registry.get(name).verify(password, hash, Inputs())
    except hashcompat.HashcompatError:
        return
    assert isinstance(result, bool)


@FAST
@given(size=st.integers(1, 80), got=st.integers(0, 90), at_least=st.booleans())
def test_b64_pattern_admits_exactly_the_lengths_it_says(
    size: int, got: int, at_least: bool
) -> None:
    info = SchemeInfo(name="t", summary="t", pattern=b64_pattern(size, at_least=at_least))
    text = base64.b64encode(bytes(range(got))).decode("ascii")
    assert info.matches(text) is (got == size or (at_least and got > size))
    assert not info.matches(text.rstrip("=")) or got % 3 == 0  # padding is required


@pytest.mark.parametrize("info", DESCRIBING, ids=lambda i: i.name)
def test_examples_identify_as_their_scheme_only(info: SchemeInfo) -> None:
    assert info.example is not None
    claims = [i for i in hashcompat.identify(info.example) if registry.get(i).info.self_describing]
    assert claims == [info.name]


@pytest.mark.parametrize(
    ("name", "hash", "parameter"),
    [
        ("ldap_sha1_crypt", "{CRYPT}$sha1$99999999$saltsalt$" + "x" * 28, "rounds"),
        ("ldap_sha256_crypt", "{CRYPT}$5$rounds=99999999$salt$" + "x" * 43, "rounds"),
        ("ldap_bcrypt", "{CRYPT}$2b$17$" + "x" * 53, "cost"),
        ("ldap_pbkdf2_sha256", "{PBKDF2-SHA256}99999999$c2FsdA$" + "x" * 43, "rounds"),
        ("ldap_pbkdf2_sha1", "{pbkdf2-sha1}99999999$c2FsdA$" + "x" * 27, "rounds"),
        ("ldap_argon2", "{ARGON2}$argon2i$v=19$m=1048576,t=1,p=1$c2FsdHNhbHQ$" + "x" * 43, "m"),
    ],
)
def test_costs_are_capped_before_work_under_the_ldap_name(
    name: str, hash: str, parameter: str
) -> None:
    with pytest.raises(hashcompat.UnsafeParametersError) as caught:
        hashcompat.verify("secret", hash)
    assert (caught.value.scheme, caught.value.parameter) == (name, parameter)


@pytest.mark.parametrize(
    ("name", "hash"),
    [
        ("ldap_salted_md5", "{SMD5}" + base64.b64encode(bytes(16)).decode()),  # no salt
        ("ldap_salted_sha384", "{SSHA384}" + base64.b64encode(bytes(49)).decode().rstrip("=")),
        ("ldap_md5", "{MD5}" + base64.b64encode(bytes(17)).decode()),
        ("ldap_hex_sha1", "{SHA}" + "g" * 40),
        ("ldap_des_crypt", "{CRYPT}abc"),
        ("ldap_pbkdf2_sha512", "{PBKDF2-SHA512}1000$$" + "x" * 86),
        ("ldap_plaintext", "{SSHA}c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"),
        ("ldap_plaintext", ""),
        ("ldap_cleartext", "secret"),
    ],
)
def test_malformed_strings_are_refused_without_echoing_them(name: str, hash: str) -> None:
    with pytest.raises(hashcompat.MalformedHashError) as caught:
        hashcompat.verify("secret", hash, scheme=name)
    assert caught.value.scheme == name
    body = hash.split("}", 1)[-1]
    assert not body or body not in str(caught.value)


def test_slappasswd_sha1_tag_and_lower_case_tags_verify() -> None:
    made = hashcompat.hash("secret", "ldap_pbkdf2_sha1", rounds=1000)
    assert made.startswith("{PBKDF2}")
    for variant in (made, "{PBKDF2-SHA1}" + made[8:], "{pbkdf2-sha1}" + made[8:]):
        assert hashcompat.identify(variant)[0] == "ldap_pbkdf2_sha1"
        assert hashcompat.verify("secret", variant)
        assert not hashcompat.verify("secret!", variant)


@pytest.mark.parametrize("length", [1, 4, 8, 64])
def test_salt_length_is_the_callers(length: int) -> None:
    made = hashcompat.hash("pässwörd", "ldap_salted_sha384", salt_length=length)
    assert len(base64.b64decode(made[9:])) == 48 + length
    assert hashcompat.verify("pässwörd", made)


def test_bad_salt_length_and_verify_only_schemes() -> None:
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.hash("x", "ldap_salted_md5", salt_length=0)
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.hash("x", "ldap_md5", salt_length=4)
    catalogue = {i.name: i.can_hash for i in hashcompat.schemes()}
    for name in ("ldap_plaintext", "ldap_cleartext", "ldap_bigcrypt"):
        assert not catalogue[name]
        assert registry.get(name).writer is None


def test_plaintext_is_never_identified() -> None:
    assert "ldap_plaintext" not in hashcompat.identify("secret")
    assert hashcompat.verify("secret", "secret", scheme="ldap_plaintext")


def test_ldap_digests_can_be_wrapped_offline() -> None:
    from hashcompat.migrate._wrap import wrap

    salted = hashcompat.hash("pässwörd", "ldap_salted_sha384", salt_length=4)
    hexed = hashcompat.hash("pässwörd", "ldap_hex_md5")
    other = "{MD5}" + base64.b64encode(bytes(16)).decode()  # some other password's digest
    for legacy, expect in ((salted, True), (hexed, True), (other, False)):
        wrapped = wrap(legacy, memory_cost=256, time_cost=1)
        assert wrapped.startswith("$hcw$")
        assert hashcompat.verify("pässwörd", wrapped) is expect
