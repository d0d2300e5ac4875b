"""Property tests: no input makes the public API raise outside the error tree."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat._primitives import PHP_TRIM
from hashcompat._registry import registry
from hashcompat.scheme import Inputs
from tests._support.params import CHEAP_PARAMS

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
    s.info.name for s in registry if s.writer is not None and s.info.name != "crypt_scrypt"
)
# Formats that refuse some passwords outright: Cisco's length limits, SCRAM's SASLprep.
REFUSES_SOME = {"cisco_pix", "cisco_asa", "scram"}


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
