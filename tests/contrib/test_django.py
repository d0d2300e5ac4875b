"""The Django hasher under Django's own check_password and its upgrade path."""

from __future__ import annotations

import pytest

import hashcompat

django = pytest.importorskip("django")
from django.conf import settings  # noqa: E402

if not settings.configured:
    settings.configure(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.MD5PasswordHasher",  # the preferred hasher, cheap in tests
            "hashcompat.contrib.django.HashcompatPasswordHasher",
        ]
    )
    django.setup()

from django.contrib.auth.hashers import check_password, identify_hasher  # noqa: E402

from hashcompat.contrib.django import to_django  # noqa: E402


def test_imported_phpass_passes_django_check_password_and_is_upgraded() -> None:
    encoded = to_django(hashcompat.hash("s3cret", "phpass", log2_rounds=7))
    assert identify_hasher(encoded).algorithm == "hashcompat"
    upgraded: list[str] = []
    assert check_password("s3cret", encoded, setter=upgraded.append)
    assert upgraded == ["s3cret"]  # Django re-hashed it with its preferred hasher
    assert not check_password("wrong", encoded, setter=upgraded.append)
    assert upgraded == ["s3cret"]


def test_salted_formula_with_scheme_and_salt() -> None:
    scheme = "md5($salt.md5($pass))"
    encoded = to_django(hashcompat.hash("pw", scheme, salt="xy"), scheme=scheme, salt="xy")
    assert check_password("pw", encoded)
    assert not check_password("px", encoded)


def test_broken_rows_fail_quietly() -> None:
    assert not check_password("pw", "hashcompat$$$not-a-hash")
    assert not check_password("pw", "hashcompat$%%%$$x")
    summary = identify_hasher(to_django("$P$B" + "s" * 8 + "x" * 22)).safe_summary(
        to_django("$P$B" + "s" * 8 + "x" * 22)
    )
    assert summary["scheme"] == "phpass" and "x" * 22 not in str(summary)
