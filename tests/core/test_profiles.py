"""hashcompat.profiles: the named argon2id targets that migrate and bulk share."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

import hashcompat
from hashcompat import profiles
from hashcompat.bulk._profile import PROFILES, profile_params
from hashcompat.migrate import Migrator


def test_recommended_is_argon2_cffis_own_default() -> None:
    default = PasswordHasher()
    found = (default.time_cost, default.memory_cost, default.parallelism)
    wanted = profiles.RECOMMENDED
    assert found == (wanted.time_cost, wanted.memory_cost, wanted.parallelism)


def test_profiles_by_name_value_or_mapping() -> None:
    assert PROFILES == ("recommended", "cheapest")
    assert profiles.get("cheapest") is profiles.CHEAPEST
    assert profiles.params_of(profiles.CHEAPEST) is profiles.CHEAPEST
    assert profile_params("cheapest") == {"time_cost": 1, "memory_cost": 256, "parallelism": 1}
    custom = profiles.params_of({"memory_cost": 1024})
    assert (custom.memory_cost, custom.time_cost) == (1024, profiles.RECOMMENDED.time_cost)
    with pytest.raises(hashcompat.InvalidArgumentError):
        profiles.get("fastest")
    with pytest.raises(hashcompat.InvalidArgumentError):
        profiles.params_of({"memory_cost": 0})
    with pytest.raises(hashcompat.InvalidArgumentError):
        profiles.params_of({"lanes": 2})


def test_migrator_from_a_profile_hashes_at_it() -> None:
    migrator = Migrator.from_profile(profiles.CHEAPEST)
    assert migrator.target_params == profiles.CHEAPEST.params()
    assert Migrator.cheapest_for_tests() == migrator
    made = migrator.hash("pw")
    assert "m=256,t=1,p=1" in made
    assert not migrator.needs_update(made)
