"""Property tests: no input makes the public API raise outside the error tree."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat.primitives import PHP_TRIM
from hashcompat.registry import registry
from hashcompat.scheme import Inputs

# Strings shaped like the formats we know, so the fuzzer reaches deep into each parser.
PREFIXES = [
    "$P$",
    "$H$",
    "$S$",
    "U$S$",
    "U$P$",
    "$2y$",
    "$2a$",
    "$2b$",
    "$2x$",
    "$wp$2y$",
    "$argon2id$",
    "$argon2i$v=19$",
    "$argon2d$v=19$m=",
    "$1$",
    "{SSHA}",
    "*",
    "md5",
    "",
]
ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$=,+:{}*"
shaped = st.builds(
    lambda p, body: p + body, st.sampled_from(PREFIXES), st.text(alphabet=ALPHABET, max_size=120)
)
hashes = st.one_of(shaped, st.text(max_size=200))
passwords = st.one_of(st.text(max_size=80), st.binary(max_size=80))
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def cheap_limits(limits: None) -> None:
    # Keep fuzzing fast: refuse anything costlier than a few milliseconds.
    hashcompat.set_limits(
        hashcompat.Limits(
            max_log2_rounds=10,
            max_bcrypt_cost=5,
            max_argon2_memory_kib=4096,
            max_scrypt_memory_kib=4096,
            max_argon2_time_cost=2,
        )
    )


@FAST
@given(password=passwords, hash=hashes)
def test_verify_without_scheme_raises_only_hashcompat_errors(
    password: str | bytes, hash: str
) -> None:
    try:
        result = hashcompat.verify(password, hash)
    except hashcompat.HashcompatError:
        return
    assert isinstance(result, bool)


@FAST
@given(hash=hashes)
def test_identify_never_raises(hash: str) -> None:
    assert isinstance(hashcompat.identify(hash), list)


@settings(max_examples=60, deadline=None)
@given(password=passwords, hash=hashes, data=st.data())
def test_every_scheme_parser_raises_only_hashcompat_errors(
    password: str | bytes, hash: str, data: st.DataObject
) -> None:
    scheme = data.draw(st.sampled_from(sorted(s.info.name for s in registry)))
    secret = password.encode("utf-8", "surrogatepass") if isinstance(password, str) else password
    inputs = Inputs(salt="salt", username="admin", pepper="pepper")
    try:
        result = registry.get(scheme).verify(secret, hash, inputs)
    except hashcompat.HashcompatError:
        return
    assert isinstance(result, bool)


@FAST
@given(
    value=st.one_of(
        st.none(),
        st.integers(),
        st.floats(),
        st.lists(st.integers()),
        st.dictionaries(st.text(), st.text()),
    )
)
def test_wrong_types_raise_typed_errors(value: object) -> None:
    for call in (
        lambda: hashcompat.verify(value, "x", scheme="md5"),  # type: ignore[arg-type]
        lambda: hashcompat.verify("x", value),  # type: ignore[arg-type]
        lambda: hashcompat.verify("x", "x", scheme=value),
    ):  # type: ignore[arg-type]
        with pytest.raises(hashcompat.HashcompatError):
            call()


# libxcrypt's cheapest $7$ setting needs 32 MiB, over the fuzzing cap; its vectors prove it.
HASHING = sorted(
    s.info.name
    for s in registry
    if s.info.can_hash and s.writer is not None and s.info.name != "crypt_scrypt"
)
# Formats that refuse some passwords outright: Cisco's length limits, SCRAM's SASLprep.
REFUSES_SOME = {"cisco_pix", "cisco_asa", "scram"}
CHEAP_PARAMS: dict[str, dict[str, object]] = {
    "bcrypt": {"cost": 4},
    "wordpress_bcrypt": {"cost": 4},
    "drupal10": {"cost": 4},
    "argon2": {"memory_cost": 256, "time_cost": 1, "parallelism": 1},
    "phpass": {"log2_rounds": 7},
    "drupal7": {"log2_rounds": 7},
    "drupal7_upgraded": {"log2_rounds": 7},
    "vbulletin5": {"cost": 4},
    "smf21": {"cost": 4},
    "devise": {"cost": 4},
    "aspnet_identity_v3": {"iterations": 1000},
    "sha256_crypt": {"rounds": 1000},
    "sha512_crypt": {"rounds": 1000},
    "md5_crypt": {},
    "bcrypt_sha256": {"rounds": 4},
    "scram": {"rounds": 1000},
    "scrypt": {"rounds": 4},
    "pbkdf2_sha1": {"rounds": 1000},
    "pbkdf2_sha256": {"rounds": 1000},
    "pbkdf2_sha512": {"rounds": 1000},
    "fshp": {"rounds": 1000},
    "grub_pbkdf2_sha512": {"rounds": 1000},
    "cta_pbkdf2_sha1": {"rounds": 1000},
    "dlitz_pbkdf2_sha1": {"rounds": 1000},
    "yescrypt": {"cost": 1},
    "sha1_crypt": {"rounds": 1000},
    "bsdi_crypt": {"rounds": 1},
    "sun_md5_crypt": {"cost": 1},
    "ldap_pbkdf2_sha1": {"rounds": 1000},
    "ldap_pbkdf2_sha256": {"rounds": 1000},
    "ldap_pbkdf2_sha512": {"rounds": 1000},
    "gost_yescrypt": {"cost": 1},
    "ldap_argon2": {"memory_cost": 256, "time_cost": 1, "parallelism": 1},
    "ldap_bcrypt": {"cost": 4},
    "ldap_sha1_crypt": {"rounds": 1000},
    "ldap_sha256_crypt": {"rounds": 1000},
    "ldap_sha512_crypt": {"rounds": 1000},
    "django_pbkdf2_sha256": {"iterations": 1000},
    "django_pbkdf2_sha1": {"iterations": 1000},
    "django_scrypt": {"work_factor": 1024},
    "django_bcrypt": {"rounds": 4},
    "django_bcrypt_sha256": {"rounds": 4},
    "django_argon2": {"time_cost": 1, "memory_cost": 64, "parallelism": 1},
    "keycloak_pbkdf2_sha256": {"iterations": 1000},
    "keycloak_pbkdf2_sha512": {"iterations": 1000},
    "keycloak_argon2": {"iterations": 1, "memory": 64},
    "phc_pbkdf2": {"iterations": 1000},
    "dovecot_scram_sha1": {"iterations": 4096},
    "dovecot_scram_sha256": {"iterations": 4096},
}


def _cheap(scheme: str) -> dict[str, object]:
    inner = getattr(registry.get(scheme), "inner", None)  # {CRYPT}$6$... costs as $6$
    if scheme not in CHEAP_PARAMS and inner is not None:
        return _cheap(inner.info.name)
    return CHEAP_PARAMS.get(scheme, {})


@pytest.mark.parametrize("scheme", HASHING)
@settings(max_examples=15, deadline=None)
@given(password=st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40))
def test_hash_then_verify_round_trips(scheme: str, password: str) -> None:
    if scheme == "wordpress_bcrypt":
        password = password.strip(PHP_TRIM)  # WordPress trims when hashing, not when checking
    info = registry.get(scheme).info
    inputs = {name: "in-put" for name in info.inputs}  # salt/username/pepper columns
    try:
        made = hashcompat.hash(password, scheme, **_cheap(scheme), **inputs)
    except hashcompat.SchemeUnavailableError as missing:
        pytest.skip(str(missing))  # e.g. yescrypt where libxcrypt is absent
    except hashcompat.InvalidArgumentError:
        assert "\0" in password or scheme in REFUSES_SOME  # crypt(3) cannot hold a NUL byte
        return
    assert hashcompat.verify(password, made, scheme=scheme, **inputs)
    if info.self_describing:
        assert hashcompat.verify(password, made, **inputs)
    if info.pattern is not None:
        assert scheme in hashcompat.identify(made)
