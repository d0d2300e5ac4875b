"""The Django hasher: the migrator's policy, harden_runtime as Django's own hashers do it, and a
safe_summary for any string (the admin user page must never break)."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat.migrate import wrap

django = pytest.importorskip("django")
from django.conf import settings as django_settings  # noqa: E402

if not django_settings.configured:
    django_settings.configure(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.MD5PasswordHasher",
            "hashcompat.contrib.django.HashcompatPasswordHasher",
        ]
    )
    django.setup()

from django.contrib.auth.hashers import (  # noqa: E402
    PBKDF2PasswordHasher,
    check_password,
    identify_hasher,
)
from django.test import override_settings  # noqa: E402

from hashcompat.contrib.django import HashcompatPasswordHasher, to_django  # noqa: E402

CHEAP = {"memory_cost": 256, "time_cost": 1, "parallelism": 1}


def _wrapped_plain(password: str) -> str:
    """A $hcw$ row whose inner scheme stores the password itself (wrap() refuses to make one)."""
    from hashcompat._families.wrapped import encode

    return encode("$pass", "", hashcompat.hash(password, "argon2", **CHEAP))


class PhpassOnlyHasher(HashcompatPasswordHasher):
    allowed = frozenset({"phpass"})


class SlowPreferredHasher(PBKDF2PasswordHasher):
    iterations = 30_000  # a few ms: far more than an MD5 legacy row


@pytest.mark.parametrize(
    "encoded",
    [
        to_django("hunter2", scheme="plaintext"),
        to_django("{CLEARTEXT}hunter2"),
        to_django("{PLAIN}hunter2"),
        to_django("hunter2", scheme="ldap_plaintext"),
        to_django("hunter2", scheme="$pass"),
        to_django(_wrapped_plain("hunter2")),
    ],
)
def test_recoverable_rows_never_pass_check_password(encoded: str) -> None:
    assert not check_password("hunter2", encoded)


def test_no_recoverable_scheme_of_the_catalogue_passes_the_django_hasher() -> None:
    hasher = HashcompatPasswordHasher()
    recoverable = [i for i in hashcompat.schemes() if i.strength is hashcompat.Strength.RECOVERABLE]
    assert len(recoverable) >= 6
    for info in recoverable:
        salt = "ab" if "salt" in info.inputs else None
        stored = hashcompat.hash("hunter2", info.name, salt=salt) if info.can_hash else None
        for value in filter(None, (stored, info.example)):
            assert not hasher.verify("hunter2", to_django(value, scheme=info.name, salt=salt))
            if info.self_describing:
                assert not hasher.verify("hunter2", to_django(value))


def test_a_subclass_narrows_the_allow_list_and_checks_wrapped_rows() -> None:
    hasher = PhpassOnlyHasher()
    phpass = hashcompat.hash("pw", "phpass", log2_rounds=7)
    md5 = hashcompat.hash("pw", "md5")
    assert hasher.verify("pw", to_django(phpass))
    assert not hasher.verify("pw", to_django(md5, scheme="md5"))
    assert hasher.verify("pw", to_django(wrap(phpass, **CHEAP)))
    assert not hasher.verify("pw", to_django(wrap(md5, scheme="md5", **CHEAP)))


def test_harden_runtime_pads_a_cheap_row_with_the_preferred_hashers_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    original = SlowPreferredHasher.encode

    def counting(self: Any, password: str, salt: str, iterations: int | None = None) -> str:
        calls.append(password)
        return original(self, password, salt, iterations)

    monkeypatch.setattr(SlowPreferredHasher, "encode", counting)
    hashers = [
        f"{__name__}.SlowPreferredHasher",
        "hashcompat.contrib.django.HashcompatPasswordHasher",
    ]
    with override_settings(PASSWORD_HASHERS=hashers):
        encoded = to_django(hashcompat.hash("pw", "md5"), scheme="md5")
        calls.clear()
        assert not check_password("wrong", encoded)
        assert calls  # the cheap md5 row cost as much as the preferred hasher
        calls.clear()
        identify_hasher(encoded).harden_runtime("wrong", encoded)
        assert calls  # called directly, as Django calls its own hashers', it pads too
        slow = to_django(hashcompat.hash("pw", "phpass", log2_rounds=17))
        calls.clear()
        assert not check_password("wrong", slow)
        assert calls == []  # 2**17 rounds of phpass already cost more: no padding


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_safe_summary_summarises_any_string(tail: str) -> None:
    hasher = HashcompatPasswordHasher()
    for encoded in (f"hashcompat${tail}", f"hashcompat$%%${tail}", tail):
        summary = hasher.safe_summary(encoded)
        assert summary["algorithm"] == "hashcompat"
        assert isinstance(summary["scheme"], str)


def test_safe_summary_on_the_issue_strings() -> None:
    hasher = HashcompatPasswordHasher()
    for encoded in ("hashcompat$%%%$$x", "hashcompat$$", "hashcompat$/w$$x", "hashcompat$gA$$x"):
        assert hasher.safe_summary(encoded)["scheme"] == "unknown"


ANY = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=40),
    st.binary(max_size=20),
    st.builds(lambda t: f"hashcompat${t}", st.text(max_size=30)),
    st.sampled_from(["hashcompat$cGxhaW50ZXh0$$x", "hashcompat$$$$P$Bxx", "hashcompat$$$"]),
)


@settings(max_examples=80, deadline=None)
@given(ANY, ANY)
def test_django_hasher_entry_points_raise_only_hashcompat_errors(a: Any, b: Any) -> None:
    hasher = HashcompatPasswordHasher()
    assert hasher.verify(a, b) in (True, False)
    assert isinstance(hasher.safe_summary(b), dict)
    hasher.harden_runtime(a, b)
    assert hasher.must_update(b)
    for call in (hasher.decode, lambda v: to_django(v, scheme=a if isinstance(a, str) else None)):
        with contextlib.suppress(hashcompat.HashcompatError):
            call(b)


def test_a_subclass_with_a_typo_fails_when_django_builds_it() -> None:
    class Typo(HashcompatPasswordHasher):
        allowed = frozenset({"phpas"})

    with pytest.raises(hashcompat.UnknownSchemeError, match="phpass"):
        Typo()
