"""The pwdlib hasher: legacy hashes verify and come back upgraded."""

from __future__ import annotations

import pytest

import hashcompat

pwdlib = pytest.importorskip("pwdlib")
from pwdlib import PasswordHash  # noqa: E402
from pwdlib.hashers.argon2 import Argon2Hasher  # noqa: E402

from hashcompat.contrib.pwdlib import LegacyHasher  # noqa: E402


def test_verify_and_update_upgrades_phpass() -> None:
    hasher = PasswordHash(
        (Argon2Hasher(memory_cost=256, time_cost=1, parallelism=1), LegacyHasher({"phpass"}))
    )
    legacy = hashcompat.hash("s3cret", "phpass", log2_rounds=7)
    valid, updated = hasher.verify_and_update("s3cret", legacy)
    assert valid and updated is not None and updated.startswith("$argon2id$")
    assert hasher.verify_and_update("wrong", legacy) == (False, None)


def test_schemes_outside_the_allow_list_are_not_claimed() -> None:
    legacy = LegacyHasher({"phpass"})
    assert not legacy.identify(hashcompat.hash("pw", "drupal7", log2_rounds=7))
    assert not legacy.identify("5f4dcc3b5aa765d61d8327deb882cf99")  # not self-describing
    assert not LegacyHasher().identify(hashcompat.hash("pw", "bcrypt", cost=4))  # modern
