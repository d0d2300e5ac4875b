"""Framework formats: ASP.NET Identity's parser and the Devise, Authlogic, Discourse and
ASP.NET Membership rows. Known answers are in tests/vectors/{aspnet,devise,authlogic,
discourse}.jsonl; here, what random and hostile input does."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat.errors import HashcompatError
from tests._support.asserts import assert_hash_not_echoed

FORMULA_ROWS = ("devise", "authlogic", "authlogic_v2", "discourse", "aspnet_membership")
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="


def _v3(prf: int, iterations: int, salt: bytes, subkey: bytes, length: int | None = None) -> str:
    header = b"".join(n.to_bytes(4, "big") for n in (prf, iterations, length or len(salt)))
    return base64.b64encode(b"\x01" + header + salt + subkey).decode()


def _outcome(scheme: str, hash: str, **inputs: str) -> None:
    try:
        assert hashcompat.verify("password", hash, scheme=scheme, **inputs) is False  # type: ignore[arg-type]
    except HashcompatError as error:
        assert_hash_not_echoed(error, hash, scheme)


@pytest.mark.parametrize("scheme", ["aspnet_identity_v2", "aspnet_identity_v3"])
@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=120) | st.text(alphabet=B64, min_size=60, max_size=120))
def test_identity_random_strings_are_false_or_an_error(scheme: str, text: str) -> None:
    _outcome(scheme, text)


@settings(max_examples=150, deadline=None)
@given(
    prf=st.integers(0, 5),
    iterations=st.integers(0, 3000),
    salt=st.binary(max_size=40),
    subkey=st.binary(max_size=40),
    length=st.integers(0, 90),
)
def test_identity_v3_hostile_headers_are_false_or_an_error(
    prf: int, iterations: int, salt: bytes, subkey: bytes, length: int
) -> None:
    _outcome("aspnet_identity_v3", _v3(prf, iterations, salt, subkey, length))


@pytest.mark.parametrize("scheme", FORMULA_ROWS)
@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=90), column=st.text(max_size=40))
def test_rows_random_strings_are_false_or_an_error(scheme: str, text: str, column: str) -> None:
    _outcome(scheme, text, salt=column, pepper=column)


def test_identity_v3_iterations_are_capped_before_any_work() -> None:
    huge = _v3(1, 4_000_000_000, b"s" * 16, b"k" * 32)
    with pytest.raises(hashcompat.UnsafeParametersError):
        hashcompat.verify("password", huge)


def test_identity_v3_is_identified_and_v2_needs_a_name() -> None:
    v3 = hashcompat.hash("pässwort", "aspnet_identity_v3", iterations=1000)
    assert hashcompat.identify(v3)[0] == "aspnet_identity_v3"
    assert hashcompat.verify("pässwort", v3)
    v2 = "AG0a1pOtZXk3wIBGe5ZEyTcdHhyCYZDJJZnLKMJfq14oPJxDWluxn92XxVSqYfdU/g=="
    assert hashcompat.verify("hashcat", v2, scheme="aspnet_identity_v2")
    assert "aspnet_identity_v2" in hashcompat.identify(v2)


def test_rows_need_their_columns() -> None:
    bcrypt_hash = "$2a$04$q3HoB2ay12MTHbZegwxKX.r1yc3JgwfYuob0NXXSMAl/CrpH/yd/m"
    with pytest.raises(hashcompat.MissingParameterError):
        hashcompat.verify("x", bcrypt_hash, scheme="devise")
    with pytest.raises(hashcompat.MissingParameterError):
        hashcompat.verify("x", "0" * 64, scheme="discourse")
