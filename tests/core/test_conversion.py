"""convert(hash, to=...): the same password verifies under the target's own verifier, without
the password; impossible conversions raise a clear error. Property tests on the new parsers."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hashcompat
from tests._support.asserts import assert_hash_not_echoed
from tests._support.vectors import load_jsonl

PASSWORD = "pässwörd 1"
SOURCES = {
    "django_pbkdf2_sha256": {"iterations": 1000},
    "aspnet_identity_v3": {"prf": "sha256", "iterations": 1000},
    "keycloak_pbkdf2_sha256": {"iterations": 1000, "key_size": 32},
    "phc_pbkdf2": {"iterations": 1000},
    "pbkdf2_sha256": {"rounds": 1000},
    "ldap_pbkdf2_sha256": {"rounds": 1000},
}
PBKDF2_TARGETS = sorted(SOURCES)


@pytest.mark.parametrize("source", sorted(SOURCES))
@pytest.mark.parametrize("to", PBKDF2_TARGETS)
def test_pbkdf2_sha256_formats_convert_into_each_other(source: str, to: str) -> None:
    stored = hashcompat.hash(PASSWORD, source, **SOURCES[source])
    try:
        made = hashcompat.convert(stored, to=to)
    except hashcompat.UnconvertibleHashError as exc:
        # Django's salt is text: a random 16-byte salt from elsewhere does not fit.
        assert to == "django_pbkdf2_sha256"
        assert "salt" in str(exc)
        return
    assert hashcompat.verify(PASSWORD, made, scheme=to)
    assert not hashcompat.verify("wrong", made, scheme=to)


def test_django_to_keycloak_passes_django_and_keycloak_semantics() -> None:
    """The issue's example: Django pbkdf2_sha256 becomes a Keycloak pbkdf2-sha256 credential."""
    stored = hashcompat.hash(PASSWORD, "django_pbkdf2_sha256", iterations=1000)
    credential = json.loads(hashcompat.convert(stored, to="keycloak_pbkdf2_sha256"))
    data = json.loads(credential["credentialData"])
    assert data == {"hashIterations": 1000, "algorithm": "pbkdf2-sha256",
                    "additionalParameters": {}}  # fmt: skip
    assert (
        hashcompat.convert(json.dumps(credential, separators=(",", ":")), to="django_pbkdf2_sha256")
        == stored
    )


def test_aspnet_vectors_become_phc_strings() -> None:
    """ASP.NET Identity v3 hashes written by Microsoft's code verify as PHC strings."""
    for vector in load_jsonl(Path(__file__).parents[1] / "vectors/aspnet.jsonl"):
        if vector["scheme"] != "aspnet_identity_v3" or not vector["expect"]:
            continue
        phc = hashcompat.convert(str(vector["hash"]), to="phc_pbkdf2")
        assert phc.startswith("$pbkdf2-sha")
        assert hashcompat.verify(str(vector["password"]), phc)


def test_bcrypt_2y_becomes_2b() -> None:
    stored = hashcompat.hash(PASSWORD, "bcrypt", cost=4, ident="2y")
    made = hashcompat.convert(stored, to="bcrypt")
    assert made == "$2b$" + stored[4:]
    import bcrypt

    assert bcrypt.checkpw(PASSWORD.encode(), made.encode())
    for to, prefix in (("django_bcrypt", "bcrypt$"), ("ldap_bcrypt", "{CRYPT}")):
        assert hashcompat.convert(stored, to=to) == prefix + made


def test_argon2_round_trip_through_keycloak_django_and_ldap() -> None:
    stored = hashcompat.hash(PASSWORD, "argon2", time_cost=1, memory_cost=64, parallelism=1)
    for to in ("keycloak_argon2", "django_argon2", "ldap_argon2", "dovecot_argon2"):
        made = hashcompat.convert(stored, to=to)
        assert hashcompat.verify(PASSWORD, made, scheme=to)
        assert hashcompat.convert(made, to="argon2") == stored


def test_keycloak_real_vectors_convert_to_phc() -> None:
    for vector in load_jsonl(Path(__file__).parents[1] / "vectors/keycloak.jsonl"):
        to = "argon2" if vector["scheme"] == "keycloak_argon2" else "phc_pbkdf2"
        made = hashcompat.convert(str(vector["hash"]), to=to)
        assert hashcompat.verify(str(vector["password"]), made) is vector["expect"]


def test_ldap_digests_and_crypt_tags() -> None:
    ssha = hashcompat.hash(PASSWORD, "ldap_salted_sha256")
    assert hashcompat.convert(ssha, to="ldap_salted_sha256") == ssha
    crypt = hashcompat.hash(PASSWORD, "sha512_crypt", rounds=5000)
    dovecot = hashcompat.convert(crypt, to="dovecot_sha512_crypt")
    assert dovecot == "{SHA512-CRYPT}" + crypt
    assert hashcompat.verify(PASSWORD, dovecot)
    assert hashcompat.convert(dovecot, to="ldap_sha512_crypt") == "{CRYPT}" + crypt


@pytest.mark.parametrize(
    ("source", "params", "to"),
    [
        ("django_pbkdf2_sha256", {"iterations": 1000}, "keycloak_pbkdf2_sha512"),
        ("phpass", {"log2_rounds": 7}, "bcrypt"),
        ("django_bcrypt_sha256", {"rounds": 4}, "bcrypt"),
        ("bcrypt", {"cost": 4}, "argon2"),
        ("aspnet_identity_v3", {"iterations": 1000}, "pbkdf2_sha256"),
    ],
)
def test_impossible_conversions_say_why(source: str, params: dict[str, object], to: str) -> None:
    stored = hashcompat.hash(PASSWORD, source, **params)
    with pytest.raises(hashcompat.UnconvertibleHashError) as info:
        hashcompat.convert(stored, to=to)
    assert_hash_not_echoed(info.value, stored, source)


def test_convert_rejects_bad_arguments() -> None:
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.convert("$2b$04$" + "a" * 53, to=3)  # type: ignore[arg-type]
    with pytest.raises(hashcompat.UnknownSchemeError):
        hashcompat.convert("$2b$04$" + "a" * 53, to="no_such_scheme")


_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


@settings(max_examples=150, deadline=None)
@given(text=_TEXT)
def test_keycloak_and_phc_parsers_never_crash(text: str) -> None:
    for scheme in ("keycloak_pbkdf2_sha256", "keycloak_argon2", "phc_pbkdf2"):
        with contextlib.suppress(hashcompat.HashcompatError):
            assert hashcompat.verify("pw", text, scheme=scheme) in (True, False)


_FIELD = st.one_of(st.text(max_size=20), st.integers(-5, 10**12), st.none(), st.lists(st.text()))


@settings(max_examples=150, deadline=None)
@given(
    value=_FIELD,
    salt=_FIELD,
    iterations=_FIELD,
    algorithm=st.sampled_from(["pbkdf2-sha256", "argon2", "x"]),
)
def test_keycloak_parser_on_hostile_json(
    value: object, salt: object, iterations: object, algorithm: str
) -> None:
    secret = json.dumps({"value": value, "salt": salt})
    data = json.dumps({"hashIterations": iterations, "algorithm": algorithm,
                       "additionalParameters": {"memory": [str(iterations)]}})  # fmt: skip
    text = json.dumps({"type": "password", "secretData": secret, "credentialData": data})
    for scheme in ("keycloak_pbkdf2_sha256", "keycloak_argon2"):
        try:
            assert hashcompat.verify("pw", text, scheme=scheme) in (True, False)
            hashcompat.convert(text, to="phc_pbkdf2", scheme=scheme)
        except hashcompat.HashcompatError:
            pass


def test_digest_families_compose_each_others_records() -> None:
    """The target's writer composes: hex, LDAP and Dovecot digests of one algorithm convert
    both ways (the LDAP family reads the {SHA} formula row as its own)."""
    stored = hashcompat.hash(PASSWORD, "sha1")
    ldap = hashcompat.convert(stored, to="ldap_sha", scheme="sha1")
    assert ldap.startswith("{SHA}")
    assert hashcompat.convert(ldap, to="sha1") == stored
    for to in ("dovecot_sha1", "ldap_hex_sha1"):
        assert hashcompat.verify(PASSWORD, hashcompat.convert(ldap, to=to), scheme=to)
    md5 = hashcompat.hash(PASSWORD, "md5")
    assert hashcompat.convert(md5, to="dovecot_plain_md5", scheme="md5") == "{PLAIN-MD5}" + md5


def test_dovecot_argon2_tag_follows_the_variant() -> None:
    argon2i = hashcompat.hash(PASSWORD, "argon2", time_cost=1, memory_cost=64, parallelism=1,
                              variant="i")  # fmt: skip
    assert hashcompat.convert(argon2i, to="dovecot_argon2") == "{ARGON2I}" + argon2i
    argon2d = hashcompat.hash(PASSWORD, "argon2", time_cost=1, memory_cost=64, parallelism=1,
                              variant="d")  # fmt: skip
    with pytest.raises(hashcompat.UnconvertibleHashError, match="argon2d"):
        hashcompat.convert(argon2d, to="dovecot_argon2")


def test_a_formula_with_an_ldap_tag_but_other_mathematics_is_not_ldaps() -> None:
    from hashcompat._families.ldap import digest_view
    from hashcompat.formula._scheme import scheme_from_formula

    other = scheme_from_formula("sha1_raw($salt.$pass)", "{SSHA}{b64:hash+salt}")
    assert digest_view(other) is None
    assert digest_view(hashcompat._registry.registry.get("ldap_salted_sha1")) is not None
